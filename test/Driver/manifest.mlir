// The JSON manifest liquid-compile writes beside each cubin
// (docs/Manifest.md, schema 1): everything a runtime needs to launch the
// kernel. Inputs/json_lines.py prints it one leaf per line in sorted key
// order (and fails on invalid JSON), so the CHECK-NEXT chains below pin
// every field.
//
// N = K = 4096, G = 64, M = 16 (token tile 16, two consumers, 8 stages,
// two blocks per SM and split_k = 264 / 32 tiles = 8, the config table's
// pick; the SK1 run forces --token-tile 16 --split-k=1, where a second block
// per SM would find no tile to run: one):
//   grid      [N / 128 rows per block, ceil(M / 16), split_k], block 3 x 128
//             threads
//   workspace (split_k > 1 only) one i32 counter per tile, 128-aligned, then
//             the int32 partials: split_k x 4 N bytes per token
//   weights   packed [4096, 2048] bytes seen as (256 B, 8, K/64, N/64), strides
//             256, 2048 (one 64x64 block), K/64 * 2048; one box per stage:
//             the two consumers' blocks (256, 8, 1, 2)
//   act.      [M, 4096] i8 seen as (4096 B, M), box (64, 16): 64 k of 16
//             tokens, 64-byte swizzled (wgmma's K-major SWIZZLE_64B layout)
//   s, a      packed [4096, 64] bytes each seen as (64 B, N/64, K/G = 64
//             groups), strides 64, 64 x 64 (group-major); one box per
//             stage: the two consumers' 64-byte blocks of the stage's group
//             (64, 2, 1)
//   smem      8 x (2 x 2048 + 16 x 64 + 2 x 128) + 512 alignment slack =
//             43520 bytes,
//             raised so no more blocks than blocks_per_sm share the SM
//             (setmaxnreg hands them their whole share of the register
//             file): above a third of 228 KiB less the 1 KiB each block
//             reserves, 77824 bytes (76 KiB), for two; above half, 116736
//             (114 KiB), for one.

// REQUIRES: ptxas
// RUN: rm -rf %t && mkdir -p %t
// RUN: liquid-compile --consumers 2 --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k 8 --blocks-per-sm 2 -o %t/xor
// RUN: %python %S/Inputs/json_lines.py %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.json | FileCheck %s --match-full-lines --check-prefixes=CHECK,SK8,XOR
// RUN: FileCheck %s --check-prefix=RAW < %t/xor/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2.json
// RUN: liquid-compile --consumers 2 --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k 8 --blocks-per-sm 2 --mode offset -o %t/offset
// RUN: %python %S/Inputs/json_lines.py %t/offset/liquid_w4a8_n4096_k4096_g64_offset_t16_c2_s8_sk8_b2.json | FileCheck %s --match-full-lines --check-prefixes=CHECK,SK8,OFFSET
// RUN: liquid-compile --consumers 2 --stages 8 --m 16 --n 4096 --k 4096 --group 64 --token-tile 16 --split-k=1 -o %t/xor1
// RUN: %python %S/Inputs/json_lines.py %t/xor1/liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8.json | FileCheck %s --match-full-lines --check-prefixes=CHECK,SK1,XOR1
// RUN: liquid-compile --consumers 2 --stages 8 --m 512 --token-tile 256 --split-k 1 --n 4096 --k 4096 --group 128 --out-type bf16 -o %t/bf16
// RUN: %python %S/Inputs/json_lines.py %t/bf16/liquid_w4a8_n4096_k4096_g128_xor_t256_c2_s8_cl2_bf16.json | FileCheck %s --match-full-lines --check-prefix=BF16
// RUN: liquid-compile --consumers 2 --stages 8 --m 256 --token-tile 256 --split-k 1 --cluster 2 --n 4096 --k 4096 --group 64 -o %t/cluster
// RUN: %python %S/Inputs/json_lines.py %t/cluster/liquid_w4a8_n4096_k4096_g64_xor_t256_c2_s8_cl2.json | FileCheck %s --match-full-lines --check-prefix=CLUSTER
// RUN: liquid-compile --consumers 2 --stages 8 --m 256 --token-tile 128 --cluster 1 --stream-k 132 --n 4096 --k 4096 --group 64 -o %t/streamk
// RUN: %python %S/Inputs/json_lines.py %t/streamk/liquid_w4a8_n4096_k4096_g64_xor_t128_c2_s8_stk132.json | FileCheck %s --match-full-lines --check-prefix=STREAMK

// From a file: the bundled LLaMA2-7B gate_up projection (tensor form,
// dynamic M), with the configuration chosen for M = 64.
// RUN: liquid-compile --consumers 2 --stages 8 %S/../../examples/llama2-7b-gate-up.mlir --m 64 -o %t/file | FileCheck %s --check-prefix=FILE-LOG
// RUN: ls %t/file | FileCheck %s --check-prefix=FILE-LS --implicit-check-not=liquid_
// RUN: %python %S/Inputs/json_lines.py %t/file/liquid_w4a8_n22016_k4096_g64_xor_t64_c2_s8_b2.json | FileCheck %s --match-full-lines --check-prefix=FILE

// RAW: {
// RAW-NEXT:   "compiler": {
// RAW: "kernel": "liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2",
// RAW: "schema": 1,

// CHECK: compiler.name = "liquid"
// CHECK-NEXT: compiler.ptxas = "{{.+}}"
// CHECK-NEXT: compiler.version = "0.1.0"
// SK8-NEXT: config.blocks_per_sm = 2
// SK1-NEXT: config.blocks_per_sm = 1
// CHECK-NEXT: config.cluster = 1
// CHECK-NEXT: config.consumers = 2
// CHECK-NEXT: config.k_per_stage = 64
// CHECK-NEXT: config.rows_per_cta = 128
// SK8-NEXT: config.split_k = 8
// SK1-NEXT: config.split_k = 1
// CHECK-NEXT: config.stages = 8
// CHECK-NEXT: config.stream_k = 1
// CHECK-NEXT: config.token_tile = 16
// XOR-NEXT: kernel = "liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8_sk8_b2"
// OFFSET-NEXT: kernel = "liquid_w4a8_n4096_k4096_g64_offset_t16_c2_s8_sk8_b2"
// XOR1-NEXT: kernel = "liquid_w4a8_n4096_k4096_g64_xor_t16_c2_s8"
// CHECK-NEXT: launch.block = [384, 1, 1]
// CHECK-NEXT: launch.cluster = [1, 1, 1]
// SK8-NEXT: launch.dynamic_shared_memory = 77824
// SK1-NEXT: launch.dynamic_shared_memory = 116736
// The split_k blocks of one tile are grid z.
// SK8-NEXT: launch.grid = [32, "ceil(M/16)", 8]
// SK1-NEXT: launch.grid = [32, "ceil(M/16)", 1]
// Without split-K a launcher may split the last round's tiles into one block
// per consumer.
// SK1-NEXT: launch.tail_split.blocks_per_sm = 1
// SK1-NEXT: launch.tail_split.blocks_per_tile = 2
// CHECK-NEXT: operands.activations.dtype = "i8"
// CHECK-NEXT: operands.activations.shape = ["M", 4096]
// CHECK-NEXT: operands.channel_scales.dtype = "f32"
// CHECK-NEXT: operands.channel_scales.shape = [4096]
// CHECK-NEXT: operands.group_offsets.dtype = "u8"
// CHECK-NEXT: operands.group_offsets.shape = [4096, 64]
// CHECK-NEXT: operands.group_scales.dtype = "u8"
// CHECK-NEXT: operands.group_scales.shape = [4096, 64]
// CHECK-NEXT: operands.out.dtype = "f16"
// CHECK-NEXT: operands.out.shape = ["M", 4096]
// CHECK-NEXT: operands.token_scales.dtype = "f32"
// CHECK-NEXT: operands.token_scales.shape = ["M"]
// CHECK-NEXT: operands.weights.dtype = "u8"
// CHECK-NEXT: operands.weights.shape = [4096, 2048]
// Offset mode needs xsum[m] = sum_k X[m, k]; xor mode has no such operand
// (its parameter gets a null pointer).
// OFFSET-NEXT: operands.xsum.dtype = "i32"
// OFFSET-NEXT: operands.xsum.shape = ["M"]
// The parameter order of the kernel, in both modes, with or without split-K
// (the workspace parameter gets a null pointer without).
// CHECK-NEXT: params[0].kind = "tensor_map"
// CHECK-NEXT: params[0].name = "weights_map"
// CHECK-NEXT: params[0].tensor_map = "weights"
// CHECK-NEXT: params[1].kind = "tensor_map"
// CHECK-NEXT: params[1].name = "activations_map"
// CHECK-NEXT: params[1].tensor_map = "activations"
// CHECK-NEXT: params[2].kind = "tensor_map"
// CHECK-NEXT: params[2].name = "group_scales_map"
// CHECK-NEXT: params[2].tensor_map = "group_scales"
// CHECK-NEXT: params[3].kind = "tensor_map"
// CHECK-NEXT: params[3].name = "group_offsets_map"
// CHECK-NEXT: params[3].tensor_map = "group_offsets"
// CHECK-NEXT: params[4].kind = "pointer"
// CHECK-NEXT: params[4].name = "channel_scales"
// CHECK-NEXT: params[4].operand = "channel_scales"
// CHECK-NEXT: params[5].kind = "pointer"
// CHECK-NEXT: params[5].name = "token_scales"
// CHECK-NEXT: params[5].operand = "token_scales"
// CHECK-NEXT: params[6].kind = "pointer"
// CHECK-NEXT: params[6].name = "xsum"
// CHECK-NEXT: params[6].operand = "xsum"
// CHECK-NEXT: params[7].kind = "pointer"
// CHECK-NEXT: params[7].name = "out"
// CHECK-NEXT: params[7].operand = "out"
// CHECK-NEXT: params[8].kind = "workspace"
// CHECK-NEXT: params[8].name = "workspace"
// CHECK-NEXT: params[9].kind = "i32"
// CHECK-NEXT: params[9].name = "m"
// CHECK-NEXT: params[9].value = "M"
// The kernel reads the group parameters in the dual-MMA order, grouped by
// group (DualMmaLayout.h).
// CHECK-NEXT: problem.group_param_layout = "dual_mma_by_group"
// CHECK-NEXT: problem.group_size = 64
// CHECK-NEXT: problem.k = 4096
// CHECK-NEXT: problem.m_max = 16
// XOR-NEXT: problem.mode = "xor"
// OFFSET-NEXT: problem.mode = "offset"
// XOR1-NEXT: problem.mode = "xor"
// CHECK-NEXT: problem.n = 4096
// CHECK-NEXT: problem.out_type = "f16"
// CHECK-NEXT: problem.weight_layout = "dual_mma"
// CHECK-NEXT: resources.registers = {{[0-9]+}}
// CHECK-NEXT: resources.spill_bytes = 0
// CHECK-NEXT: resources.stack_bytes = 0
// CHECK-NEXT: resources.static_shared_memory = {{[0-9]+}}
// CHECK-NEXT: schema = 1
// CHECK-NEXT: tensor_maps[0].box = [256, 8, 1, 2]
// CHECK-NEXT: tensor_maps[0].dims = [256, 8, 64, 64]
// CHECK-NEXT: tensor_maps[0].dtype = "u8"
// CHECK-NEXT: tensor_maps[0].name = "weights"
// CHECK-NEXT: tensor_maps[0].oob_fill = "zero"
// CHECK-NEXT: tensor_maps[0].operand = "weights"
// CHECK-NEXT: tensor_maps[0].strides = [256, 2048, 131072]
// CHECK-NEXT: tensor_maps[0].swizzle = "none"
// CHECK-NEXT: tensor_maps[1].box = [64, 16]
// CHECK-NEXT: tensor_maps[1].dims = [4096, "M"]
// CHECK-NEXT: tensor_maps[1].dtype = "u8"
// CHECK-NEXT: tensor_maps[1].name = "activations"
// CHECK-NEXT: tensor_maps[1].oob_fill = "zero"
// CHECK-NEXT: tensor_maps[1].operand = "activations"
// CHECK-NEXT: tensor_maps[1].strides = [4096]
// CHECK-NEXT: tensor_maps[1].swizzle = "64B"
// CHECK-NEXT: tensor_maps[2].box = [64, 2, 1]
// CHECK-NEXT: tensor_maps[2].dims = [64, 64, 64]
// CHECK-NEXT: tensor_maps[2].dtype = "u8"
// CHECK-NEXT: tensor_maps[2].name = "group_scales"
// CHECK-NEXT: tensor_maps[2].oob_fill = "zero"
// CHECK-NEXT: tensor_maps[2].operand = "group_scales"
// CHECK-NEXT: tensor_maps[2].strides = [64, 4096]
// CHECK-NEXT: tensor_maps[2].swizzle = "none"
// CHECK-NEXT: tensor_maps[3].box = [64, 2, 1]
// CHECK-NEXT: tensor_maps[3].dims = [64, 64, 64]
// CHECK-NEXT: tensor_maps[3].dtype = "u8"
// CHECK-NEXT: tensor_maps[3].name = "group_offsets"
// CHECK-NEXT: tensor_maps[3].oob_fill = "zero"
// CHECK-NEXT: tensor_maps[3].operand = "group_offsets"
// CHECK-NEXT: tensor_maps[3].strides = [64, 4096]
// CHECK-NEXT: tensor_maps[3].swizzle = "none"
// The workspace object only with split-K.
// SK8-NEXT: workspace.alignment = 128
// SK8-NEXT: workspace.counter_bytes_per_tile = 4
// Partials per tile: 8 slices x 128 rows x 16 tokens x 4 B.
// SK8-NEXT: workspace.partial_bytes_per_tile = 65536
// CHECK-NOT: {{.}}

// M = 512, G = 128, bf16 out: token tile 256 (forced), 8 x (2 x 2048 + 256 x 64 +
// 2 x 128) + 512 = 166400 bytes of stage ring (above the 114 KiB floor), K / 128 = 32
// groups per row. The table pairs the 32 blocks along N into clusters of two
// (256-token tiles, at most 80 blocks along N), so each block's activation
// box is 128 tokens. Wide tiles do not split K: no workspace.
// BF16: config.cluster = 2
// BF16: config.split_k = 1
// BF16-NEXT: config.stages = 8
// BF16-NEXT: config.stream_k = 1
// BF16-NEXT: config.token_tile = 256
// BF16-NEXT: kernel = "liquid_w4a8_n4096_k4096_g128_xor_t256_c2_s8_cl2_bf16"
// BF16-NEXT: launch.block = [384, 1, 1]
// BF16-NEXT: launch.cluster = [2, 1, 1]
// BF16-NEXT: launch.dynamic_shared_memory = 166400
// BF16-NEXT: launch.grid = [32, "ceil(M/256)", 1]
// BF16: operands.group_offsets.shape = [4096, 32]
// BF16: operands.group_scales.shape = [4096, 32]
// BF16-NEXT: operands.out.dtype = "bf16"
// BF16-NEXT: operands.out.shape = ["M", 4096]
// BF16: problem.group_size = 128
// BF16-NEXT: problem.k = 4096
// BF16-NEXT: problem.m_max = 512
// BF16-NEXT: problem.mode = "xor"
// BF16-NEXT: problem.n = 4096
// BF16-NEXT: problem.out_type = "bf16"
// BF16: resources.spill_bytes = 0
// BF16: tensor_maps[0].box = [256, 8, 1, 2]
// BF16: tensor_maps[1].box = [64, 128]
// BF16-NEXT: tensor_maps[1].dims = [4096, "M"]
// With G = 128, 32 groups per row.
// BF16: tensor_maps[2].dims = [64, 64, 32]
// BF16-NEXT: tensor_maps[2].dtype = "u8"
// BF16-NEXT: tensor_maps[2].name = "group_scales"
// BF16-NEXT: tensor_maps[2].oob_fill = "zero"
// BF16-NEXT: tensor_maps[2].operand = "group_scales"
// BF16-NEXT: tensor_maps[2].strides = [64, 4096]
// BF16-NOT: workspace

// Stream-K over a round of 132 blocks: the config says so, the launch
// tells the runtime how to relaunch the tile grid (the tile's 64 k blocks,
// shares of at least 8), and the workspace holds one record per block of
// the round (counter and one tile's partial sums, 128 x 128 int32).
// STREAMK: config.stages = 8
// STREAMK-NEXT: config.stream_k = 132
// STREAMK-NEXT: config.token_tile = 128
// STREAMK-NEXT: kernel = "liquid_w4a8_n4096_k4096_g64_xor_t128_c2_s8_stk132"
// STREAMK: launch.grid = [32, "ceil(M/128)", 1]
// STREAMK-NEXT: launch.stream_k.blocks_per_round = 132
// STREAMK-NEXT: launch.stream_k.k_blocks = 64
// STREAMK-NEXT: launch.stream_k.min_share_k_blocks = 8
// STREAMK: workspace.partial_bytes_per_tile = 65536
// STREAMK-NEXT: workspace.records = 132

// A cluster of two blocks along N: the launch names the cluster, grid x (32
// blocks) is a multiple of it, and each block's activation box is half the
// 256-token tile (it multicasts its 128 tokens into both blocks).
// CLUSTER: config.cluster = 2
// CLUSTER: kernel = "liquid_w4a8_n4096_k4096_g64_xor_t256_c2_s8_cl2"
// CLUSTER-NEXT: launch.block = [384, 1, 1]
// CLUSTER-NEXT: launch.cluster = [2, 1, 1]
// CLUSTER-NEXT: launch.dynamic_shared_memory = 166400
// CLUSTER-NEXT: launch.grid = [32, "ceil(M/256)", 1]
// CLUSTER: tensor_maps[0].box = [256, 8, 1, 2]
// CLUSTER: tensor_maps[1].box = [64, 128]
// CLUSTER-NEXT: tensor_maps[1].dims = [4096, "M"]

// FILE-LOG: {{.*}}/file/liquid_w4a8_n22016_k4096_g64_xor_t64_c2_s8_b2.cubin: N=22016 K=4096 G=64 mode=xor token_tile=64 consumers=2 stages=8 split_k=1 blocks_per_sm=2 cluster=1 stream_k=1 block=384 smem=77824 registers=80 spills=0
// FILE-LS: liquid_w4a8_n22016_k4096_g64_xor_t64_c2_s8_b2.cubin
// FILE-LS-NEXT: liquid_w4a8_n22016_k4096_g64_xor_t64_c2_s8_b2.json

// N = 22016 = 172 blocks of 128 rows = 344 weight blocks of 64; 172 tiles
// fill the 132 SMs at two blocks per SM (80 registers per thread at entry)
// without split-K: no workspace object, grid z = 1 (the workspace parameter
// is still there).
// FILE: config.blocks_per_sm = 2
// FILE: config.split_k = 1
// FILE-NEXT: config.stages = 8
// FILE-NEXT: config.stream_k = 1
// FILE-NEXT: config.token_tile = 64
// FILE-NEXT: kernel = "liquid_w4a8_n22016_k4096_g64_xor_t64_c2_s8_b2"
// FILE-NEXT: launch.block = [384, 1, 1]
// FILE-NEXT: launch.cluster = [1, 1, 1]
// FILE-NEXT: launch.dynamic_shared_memory = 77824
// FILE-NEXT: launch.grid = [172, "ceil(M/64)", 1]
// FILE: operands.weights.shape = [22016, 2048]
// FILE-NEXT: params[0].kind = "tensor_map"
// FILE: params[8].kind = "workspace"
// FILE: problem.m_max = 64
// FILE: resources.spill_bytes = 0
// FILE: tensor_maps[0].dims = [256, 8, 64, 344]
// FILE: tensor_maps[1].box = [64, 64]
// FILE-NOT: workspace
