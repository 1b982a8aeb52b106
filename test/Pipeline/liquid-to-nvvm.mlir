// RUN: liquid-opt %s -split-input-file --liquid-to-nvvm="m-max=16" | FileCheck %s
// RUN: liquid-opt %s -split-input-file --liquid-to-nvvm="m-max=16" | FileCheck %s --check-prefix=LOWERED
// The pipeline's options reach liquid-select-config.
// RUN: liquid-opt %s -split-input-file --liquid-to-nvvm="m-max=16 token-tile=32 stages=2" | FileCheck %s --check-prefix=OPTS

// The whole liquid-to-nvvm pipeline on a tensor-form op, as a frontend hands
// it over: select the config, bufferize, generate the warp-specialized kernel
// and lower it to the LLVM and NVVM dialects, ready for nvvm-attach-target and
// gpu-module-to-binary. Y[M, 128] = X[M, 256] * W[128, 256]^T, G = 64:
// m-max = 16 gives token_tile 8 (two tile rows of 8 cost less than one of
// 16 while the GPU is far from full), one consumer (two blocks of 64 rows
// along N = 128 rather than one of 128) and K / 64 = 4 stages. The
// two-consumer kernel is read in test/Driver/ptx.mlir.

// CHECK-LABEL: func.func @small_gate(
// CHECK: %[[Y:.*]] = memref.alloc(%{{.*}}) {{.*}} : memref<?x128xf16>
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<?x256xi8>) weights(%{{.*}} : memref<128x128xi8>) {{.*}} outs(%[[Y]] : memref<?x128xf16>) group_size = 64 mode = xor layout = dual_mma config = <token_tile = 8, consumers = 1, stages = 4> kernel = @liquid_kernels::@liquid_w4a8_n128_k256_g64_xor_t8_c1_s4{{$}}
// CHECK: return %[[Y]] : memref<?x128xf16>
// CHECK: gpu.module @liquid_kernels {
// CHECK: llvm.mlir.global external @__dynamic_shmem__0() {addr_space = 3 : i32, {{.*}}} : !llvm.array<0 x i8>
// Four tensor maps, five buffers, M (KernelABI.h).
// CHECK: llvm.func @liquid_w4a8_n128_k256_g64_xor_t8_c1_s4(%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr<1>, %{{[^:]*}}: !llvm.ptr<1>, %{{[^:]*}}: !llvm.ptr<1>, %{{[^:]*}}: !llvm.ptr<1>, %{{[^:]*}}: !llvm.ptr<1>, %{{[^:]*}}: i32)
// CHECK-SAME: gpu.kernel
// CHECK-SAME: nvvm.kernel
// CHECK-SAME: nvvm.maxntid = array<i32: 256, 1, 1>
// Thread 0 initializes 2 x 4 barriers.
// CHECK-COUNT-8: nvvm.mbarrier.init
// CHECK: nvvm.barrier
// Producer warp group.
// CHECK: nvvm.setmaxregister decrease 40
// CHECK: mbarrier.try_wait.parity.shared.b64
// CHECK: nvvm.mbarrier.arrive.expect_tx
// Weights, activations, s, a.
// CHECK-COUNT-4: nvvm.cp.async.bulk.tensor.shared.cluster.global
// The consumer warp group: one 128-bit fragment load, 8 x IMAD + XOR, 2
// wgmma.
// CHECK: nvvm.setmaxregister increase 256
// CHECK: mbarrier.try_wait.parity.shared.b64
// CHECK: llvm.load %{{.*}} {alignment = 16 : i64} : !llvm.ptr<3> -> vector<16xi8>
// CHECK-COUNT-8: llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;\0A\09xor.b32 $0, $0, 0x80808080;", "=r,r,r,r"
// CHECK: nvvm.wgmma.fence.aligned
// CHECK-COUNT-2: llvm.inline_asm has_side_effects asm_dialect = att "{\0A\09.reg .pred p;\0A\09setp.ne.b32 p, $9, 0;\0A\09wgmma.mma_async.sync.aligned.m64n8k32.s32.s8.s8 {$0, $1, $2, $3}, {$4, $5, $6, $7}, $8, p;\0A}"
// CHECK: nvvm.wgmma.commit.group.sync.aligned
// CHECK: nvvm.wgmma.wait.group.sync.aligned 1
// CHECK: nvvm.mbarrier.arrive
// After the loop, the last k block's MMAs retire before the epilogue.
// CHECK: nvvm.wgmma.wait.group.sync.aligned 0
// Epilogue: 8 / 8 x 2 x 2 stores of f16.
// CHECK-COUNT-4: llvm.store %{{.*}}, %{{.*}} : f16, !llvm.ptr<1>
// CHECK: llvm.return
// CHECK: // -----

// Nothing above LLVM/NVVM is left in the kernel module.
// LOWERED: gpu.module @liquid_kernels {
// LOWERED-NOT: {{^ *(%[a-z0-9_]+(:[0-9]+)? = )?(gpu|scf|cf|nvgpu|liquid_gpu|liquid|arith|memref|vector|builtin)\.}}
// LOWERED-NOT: .u8.s8
// LOWERED: // -----

// OPTS-LABEL: func.func @small_gate(
// OPTS: config = <token_tile = 32, consumers = 1, stages = 2> kernel = @liquid_kernels::@liquid_w4a8_n128_k256_g64_xor_t32_c1_s2{{$}}
// OPTS: llvm.func @liquid_w4a8_n128_k256_g64_xor_t32_c1_s2(
// OPTS-COUNT-4: nvvm.mbarrier.init
// OPTS-NOT: nvvm.mbarrier.init
// OPTS: wgmma.mma_async.sync.aligned.m64n32k32.s32.s8.s8
func.func @small_gate(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %a: tensor<128x4xi8>, %s1: tensor<128xf32>,
    %sx: tensor<?xf32>) -> tensor<?x128xf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x256xi8>
  %init = tensor.empty(%m) : tensor<?x128xf16>
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>)
         weights(%w : tensor<128x128xi8>)
         group_params(%s, %a : tensor<128x4xi8>)
         channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>)
         outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

// Offset mode, one token, N = 192 (one consumer), bf16: u8 x s8 wgmma
// m64n8k32 and the IMAD alone; the epilogue subtracts 128 * xsum[m].

// CHECK-LABEL: func.func @one_token_offset_bf16(
// CHECK: liquid.w4a8_matmul {{.*}} xsum(%{{.*}} : memref<1xi32>) {{.*}} config = <token_tile = 8, consumers = 1, stages = 4> kernel = @liquid_kernels::@liquid_w4a8_n192_k256_g128_offset_t8_c1_s4_bf16{{$}}
// CHECK: gpu.module @liquid_kernels {
// CHECK: llvm.func @liquid_w4a8_n192_k256_g128_offset_t8_c1_s4_bf16(
// CHECK-SAME: nvvm.kernel
// CHECK-SAME: nvvm.maxntid = array<i32: 256, 1, 1>
// CHECK: %[[SEVEN:.*]] = llvm.mlir.constant(7 : i32) : i32
// CHECK: nvvm.setmaxregister decrease 40
// CHECK: nvvm.setmaxregister increase 256
// The 8-token tile loads xsum[m] before the main loop.
// CHECK: %[[SUM:.*]] = llvm.load %{{.*}} : !llvm.ptr<1> -> i32
// CHECK-NEXT: %[[CORR:.*]] = llvm.shl %[[SUM]], %[[SEVEN]] : i32
// CHECK-COUNT-8: llvm.inline_asm asm_dialect = att "mad.lo.u32 $0, $1, $2, $3;", "=r,r,r,r"
// CHECK-COUNT-2: llvm.inline_asm has_side_effects asm_dialect = att "{\0A\09.reg .pred p;\0A\09setp.ne.b32 p, $9, 0;\0A\09wgmma.mma_async.sync.aligned.m64n8k32.s32.u8.s8 {$0, $1, $2, $3}, {$4, $5, $6, $7}, $8, p;\0A}", "=r,=r,=r,=r,r,r,r,r,l,r,0,1,2,3"
// CHECK: llvm.sub %{{.*}}, %[[CORR]] : i32
// CHECK: llvm.fptrunc %{{.*}} : f32 to bf16
// CHECK: llvm.store %{{.*}}, %{{.*}} : bf16, !llvm.ptr<1>
// LOWERED: gpu.module @liquid_kernels {
// LOWERED-NOT: {{^ *(%[a-z0-9_]+(:[0-9]+)? = )?(gpu|scf|cf|nvgpu|liquid_gpu|liquid|arith|memref|vector|builtin)\.}}
// LOWERED-NOT: xor.b32
func.func @one_token_offset_bf16(%x: tensor<1x256xi8>, %w: tensor<192x128xi8>,
    %s: tensor<192x2xi8>, %a: tensor<192x2xi8>, %s1: tensor<192xf32>,
    %sx: tensor<1xf32>, %xs: tensor<1xi32>) -> tensor<1x192xbf16> {
  %init = tensor.empty() : tensor<1x192xbf16>
  %y = liquid.w4a8_matmul act(%x : tensor<1x256xi8>)
         weights(%w : tensor<192x128xi8>)
         group_params(%s, %a : tensor<192x2xi8>)
         channel_scales(%s1 : tensor<192xf32>)
         token_scales(%sx : tensor<1xf32>)
         xsum(%xs : tensor<1xi32>)
         outs(%init : tensor<1x192xbf16>)
         group_size = 128 mode = offset layout = dual_mma -> tensor<1x192xbf16>
  return %y : tensor<1x192xbf16>
}
