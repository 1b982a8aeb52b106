// The kernel configuration table of liquid-select-config on its own, as
// KernelConfig.cpp documents it (DESIGN §4, IREE's config_*.mlir style):
//   consumers, token_tile, split_k, blocks_per_sm = the combination of
//                least estimated cost (C consumers, T tokens)
//                rounds * (ceil(K/64 / split_k) * (work + latency) + 8 T C/2
//                          + (split_k > 1 ? 3500 + 75 T C/2 : 0)),
//                busiest = ceil(tiles * split_k / 132), rounds =
//                ceil(busiest / blocks_per_sm), shared = min(busiest,
//                blocks_per_sm), columns = T C/2 (x 1.1 for C = 1, x 1.28
//                for C = 4), latency = 192 (x 0.9 for C = 1), work =
//                columns alone, columns * shared * 2.5 shared,
//                tiles = (N / (64 * consumers)) * ceil(M / T), over C = 1,
//                2 and 4 where 64 C divides N (4 from T = 128), T = 8,
//                16, ... up to PowerOf2Ceil(M) (at most 256), split_k up to
//                K / 64 / 8 (at least 1, at most 64) and blocks_per_sm 1, 2
//                where the T/2 + 30 registers ptxas needs for the wgmma fit
//                the entry share of the register file (two blocks of two
//                consumers: T <= 64, of one: T <= 128);
//                M is the static token count, or m-max when M is dynamic;
//                ties go to the narrower tile, fewer consumers, fewer
//                blocks and fewer slices; an override must divide N into
//                blocks of 64 * consumers output channels; split_k and
//                blocks_per_sm are printed only when > 1;
//   stages     = max(2, min(P, (shared memory per block - 27 KiB) / stage
//                          bytes, max(ceil((K / 64) / split_k), 2))),
//                P = 16 where the stage is at most two consumers'
//                128-token stage (12544 bytes) for a block alone on its
//                SM, or one consumer's 32-token stage (4352 bytes) at two
//                blocks per SM; else 8,
//                stage bytes = consumers * 2048 + token_tile * 64 + the
//                group parameters' 2 * 128 (4 consumers: 2 * 256), shared
//                memory per block = 227 KiB alone, 228 / 2 - 1 KiB for two.
// Options override single fields (the cost then picks the others); an op
// that has a config keeps it.
//
// With N = K = 4096, two consumers make 32 blocks along N and one 64: up to
// 16 tokens one tile row of two consumers' 32 blocks splits K in 8 at two
// blocks per SM (256 blocks, one round of 264 slots); from 32 tokens one
// consumer's 64 blocks (half the dequantization per token) fill the SMs:
// one row of tiles splits K in 4 at two blocks per SM up to 64 tokens,
// from 100 tokens two rows of tiles of about M / 2 tokens need no split;
// only from 1024 tokens do two consumers' widest tiles pay.

// RUN: split-file %s %t

// RUN: liquid-opt %t/table.mlir -liquid-select-config | FileCheck %s
// RUN: liquid-opt %t/table.mlir -liquid-select-config | liquid-opt | FileCheck %s
// RUN: liquid-opt %t/table.mlir -liquid-select-config="m-max=1" | FileCheck %s --check-prefix=MMAX1
// RUN: liquid-opt %t/table.mlir -liquid-select-config="m-max=16" | FileCheck %s --check-prefix=MMAX16
// RUN: liquid-opt %t/table.mlir -liquid-select-config="m-max=256" | FileCheck %s --check-prefix=MMAX256
// RUN: liquid-opt %t/table.mlir -liquid-select-config="m-max=4096" | FileCheck %s --check-prefix=MMAX4096
// RUN: liquid-opt %t/table.mlir -liquid-select-config="token-tile=32" | FileCheck %s --check-prefix=TILE32
// RUN: liquid-opt %t/table.mlir -liquid-select-config="consumers=1" | FileCheck %s --check-prefix=CONS1
// RUN: liquid-opt %t/table.mlir -liquid-select-config="stages=3" | FileCheck %s --check-prefix=STAGES3
// RUN: liquid-opt %t/table.mlir -liquid-select-config="token-tile=64 consumers=1 stages=4" | FileCheck %s --check-prefix=ALL
// Four consumers only where N is a multiple of their 256 rows (the table
// has N = 128, 192, ...: see consumers4-n*.mlir below).
// RUN: liquid-opt %t/consumers4.mlir -liquid-select-config="consumers=4" | FileCheck %s --check-prefix=CONS4

// Requests that cannot form a valid config are reported on the op with the
// config verifier's message.
// RUN: liquid-opt %t/token-tile.mlir -liquid-select-config="token-tile=12" -verify-diagnostics
// RUN: liquid-opt %t/stages.mlir -liquid-select-config="stages=1" -verify-diagnostics
// RUN: liquid-opt %t/shared-memory.mlir -liquid-select-config="stages=16" -verify-diagnostics
// RUN: not liquid-opt %t/shared-memory.mlir -liquid-select-config="stages=16" 2>&1 | FileCheck %s --check-prefix=FAIL
// A consumer count whose block of 64 * consumers rows does not divide N.
// RUN: liquid-opt %t/consumers4-n128.mlir -liquid-select-config="consumers=4" -verify-diagnostics
// RUN: liquid-opt %t/consumers4-n384.mlir -liquid-select-config="consumers=4" -verify-diagnostics
// RUN: not liquid-opt %t/consumers4-n128.mlir -liquid-select-config="consumers=4" 2>&1 | FileCheck %s --check-prefix=FAIL4

// A forced value outside what a config can hold (token-tile [0, 256],
// consumers [0, 4], stages [0, 16], split-k [0, 64]; 0 is the table's
// choice) is refused, naming the option, before the table computes with it:
// such values overflowed its stage bytes or divided by zero
// (docs/Fuzzing.md, findings 2-4; the two raw fuzz inputs are
// option-consumers.mlir and option-token-tile.mlir). So is an m-max that is
// no 32-bit token count, which wrapped PowerOf2Ceil (finding 5).
// RUN: liquid-opt %t/consumers.mlir -liquid-select-config="consumers=5" -verify-diagnostics
// RUN: liquid-opt %t/option-consumers.mlir -liquid-select-config="consumers=-1 token-tile=32" -verify-diagnostics
// RUN: liquid-opt %t/option-token-tile.mlir -liquid-select-config="token-tile=4611686018427387904" -verify-diagnostics
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="consumers=4611686018427387904" 2>&1 | FileCheck %s --check-prefix=RANGE-CONSUMERS
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="token-tile=-8" 2>&1 | FileCheck %s --check-prefix=RANGE-TILE
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="stages=-1" 2>&1 | FileCheck %s --check-prefix=RANGE-STAGES
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="stages=17" 2>&1 | FileCheck %s --check-prefix=RANGE-STAGES17
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="split-k=-1" 2>&1 | FileCheck %s --check-prefix=RANGE-SPLITK
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="m-max=0" 2>&1 | FileCheck %s --check-prefix=RANGE-MMAX0
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="m-max=9223372036854775807" 2>&1 | FileCheck %s --check-prefix=RANGE-MMAX
// The named pipeline passes its options on to the pass.
// RUN: not liquid-opt %t/option-range.mlir --liquid-to-nvvm="m-max=9223372036854775807" 2>&1 | FileCheck %s --check-prefix=RANGE-MMAX
// RUN: not liquid-opt %t/option-range.mlir --liquid-to-nvvm="consumers=-1 token-tile=32" 2>&1 | FileCheck %s --check-prefix=RANGE-PIPELINE

// Blocks per SM (occupancy.mlir, prefixes OCC*): the option forces the
// count, and the table then picks the tile and slices for it; a tile whose
// wgmma does not fit the smaller register share is no candidate.
// RUN: liquid-opt %t/occupancy.mlir -liquid-select-config | FileCheck %s --check-prefix=OCC
// RUN: liquid-opt %t/occupancy.mlir -liquid-select-config | liquid-opt | FileCheck %s --check-prefix=OCC
// RUN: liquid-opt %t/occupancy.mlir -liquid-select-config="blocks-per-sm=1" | FileCheck %s --check-prefix=OCC1
// RUN: liquid-opt %t/occupancy.mlir -liquid-select-config="blocks-per-sm=3" | FileCheck %s --check-prefix=OCC3
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="blocks-per-sm=5" 2>&1 | FileCheck %s --check-prefix=RANGE-BLOCKS
// RUN: liquid-opt %t/occupancy-attr.mlir -split-input-file -verify-diagnostics
// RUN: liquid-opt %t/occupancy-parse.mlir -split-input-file -verify-diagnostics

// Clusters (cluster.mlir, prefixes CLUSTER*): the table pairs blocks along N
// into clusters of two for 256-token tiles, two consumers' 128-token tiles
// and one consumer's unsplit ones that fill 70 % of a round, where N has an
// even count of blocks (measured faster at 32 - 448 blocks); the option forces
// the blocks along N that multicast one activation tile; it must divide the
// blocks along N, lie in [0, 4], and leave each block at least 8 tokens to
// load.
// RUN: liquid-opt %t/cluster.mlir -liquid-select-config | FileCheck %s --check-prefix=CLUSTER
// RUN: liquid-opt %t/cluster.mlir -liquid-select-config="cluster=2" | FileCheck %s --check-prefix=CLUSTER2
// RUN: liquid-opt %t/cluster.mlir -liquid-select-config="cluster=2" | liquid-opt | FileCheck %s --check-prefix=CLUSTER2
// RUN: liquid-opt %t/cluster-odd.mlir -liquid-select-config | FileCheck %s --check-prefix=CLUSTER-ODD
// RUN: liquid-opt %t/cluster-n384.mlir -liquid-select-config="cluster=2 consumers=2" -verify-diagnostics
// RUN: not liquid-opt %t/option-range.mlir -liquid-select-config="cluster=8" 2>&1 | FileCheck %s --check-prefix=RANGE-CLUSTER
// RUN: liquid-opt %t/cluster-attr.mlir -split-input-file -verify-diagnostics

// Four consumers (four-consumers.mlir, prefixes FOUR*): the table gives a
// tile of 128 tokens four consumers (256 channels per block) where two
// consumers' tiles overflow one round of 132 SMs and four fit it; not below
// 128 tokens, not where two consumers' tiles already fit one round, not
// where both need the same rounds, and never while consumers are forced.
// RUN: liquid-opt %t/four-consumers.mlir -liquid-select-config | FileCheck %s --check-prefix=FOUR
// RUN: liquid-opt %t/four-consumers.mlir -liquid-select-config="consumers=2" | FileCheck %s --check-prefix=FOUR2

// Split-K on decode shapes (splitk.mlir, prefixes SK*): the option forces the
// slice count, split-k=1 turns split-K off, and the stage depth follows the
// slice of ceil((K / 64) / split_k) blocks.
// RUN: liquid-opt %t/splitk.mlir -liquid-select-config | FileCheck %s --check-prefix=SK
// RUN: liquid-opt %t/splitk.mlir -liquid-select-config | liquid-opt | FileCheck %s --check-prefix=SK
// RUN: liquid-opt %t/splitk.mlir -liquid-select-config="split-k=4" | FileCheck %s --check-prefix=SK4
// RUN: liquid-opt %t/splitk.mlir -liquid-select-config="split-k=1" | FileCheck %s --check-prefix=SK1
// RUN: liquid-opt %t/splitk-k448.mlir -liquid-select-config="split-k=7" | FileCheck %s --check-prefix=SK7
// More slices than K has blocks of 64, or than a config may have.
// RUN: liquid-opt %t/splitk-k448.mlir -liquid-select-config="split-k=8" -verify-diagnostics
// RUN: not liquid-opt %t/splitk-k448.mlir -liquid-select-config="split-k=8" 2>&1 | FileCheck %s --check-prefix=SKFAIL
// RUN: liquid-opt %t/splitk-range.mlir -liquid-select-config="split-k=65" -verify-diagnostics
// RUN: liquid-opt %t/splitk-attr.mlir -split-input-file -verify-diagnostics
// RUN: liquid-opt %t/splitk-cap.mlir -liquid-select-config | FileCheck %s --check-prefix=SKCAP

//--- table.mlir

//===----------------------------------------------------------------------===//
// Static M, N = K = 4096 (N % 128 == 0: two consumers; K / 64 = 64 blocks)
//===----------------------------------------------------------------------===//

// The smallest tile covers one token.
// CHECK-LABEL: func.func @static_m1(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<1x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// TILE32-LABEL: func.func @static_m1(
// TILE32: config = <token_tile = 32, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// CONS1-LABEL: func.func @static_m1(
// CONS1: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// ALL-LABEL: func.func @static_m1(
// ALL: config = <token_tile = 64, consumers = 1, stages = 4>{{$}}
func.func @static_m1(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// The only candidate tile is the smallest wgmma N of 8.
// CHECK-LABEL: func.func @static_m3(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<3x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
func.func @static_m3(%x: memref<3x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<3xf32>,
    %y: memref<3x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<3x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<3xf32>) outs(%y : memref<3x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @static_m16(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<16x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 16, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
func.func @static_m16(%x: memref<16x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<16xf32>,
    %y: memref<16x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @static_m64(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<64x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 16>{{$}}
func.func @static_m64(%x: memref<64x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<64xf32>,
    %y: memref<64x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<64x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<64xf32>) outs(%y : memref<64x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Two rows of one consumer's 64-token tiles: 128 blocks, one wave.
// CHECK-LABEL: func.func @static_m100(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<100x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 64, consumers = 1, stages = 16>{{$}}
func.func @static_m100(%x: memref<100x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<100xf32>,
    %y: memref<100x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<100x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<100xf32>) outs(%y : memref<100x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @static_m256(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<256x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 128, consumers = 1, stages = 16, cluster = 2>{{$}}
func.func @static_m256(%x: memref<256x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<256xf32>,
    %y: memref<256x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<256x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Two rows of one consumer's 256-token tiles (128 blocks, one wave, in
// clusters of two) cost less than three of 128 or five of 64 (320 blocks).
// CHECK-LABEL: func.func @static_m300(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<300x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 1, stages = 8, cluster = 2>{{$}}
func.func @static_m300(%x: memref<300x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<300xf32>,
    %y: memref<300x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<300x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<300xf32>) outs(%y : memref<300x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @static_m1024(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<1024x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
func.func @static_m1024(%x: memref<1024x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1024xf32>,
    %y: memref<1024x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1024x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1024xf32>) outs(%y : memref<1024x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @static_m4096(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<4096x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
// TILE32-LABEL: func.func @static_m4096(
// TILE32: config = <token_tile = 32, consumers = 2, stages = 8, blocks_per_sm = 2>{{$}}
// CONS1-LABEL: func.func @static_m4096(
// CONS1: config = <token_tile = 256, consumers = 1, stages = 8, cluster = 2>{{$}}
// STAGES3-LABEL: func.func @static_m4096(
// STAGES3: config = <token_tile = 256, consumers = 2, stages = 3, cluster = 2>{{$}}
// ALL-LABEL: func.func @static_m4096(
// ALL: config = <token_tile = 64, consumers = 1, stages = 4, blocks_per_sm = 2>{{$}}
func.func @static_m4096(%x: memref<4096x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//===----------------------------------------------------------------------===//
// Dynamic M: the token count is m-max (default 256)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dynamic_m(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<?x4096xi8>) {{.*}} config = <token_tile = 128, consumers = 1, stages = 16, cluster = 2>{{$}}
// MMAX1-LABEL: func.func @dynamic_m(
// MMAX1: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// MMAX16-LABEL: func.func @dynamic_m(
// MMAX16: config = <token_tile = 16, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// MMAX256-LABEL: func.func @dynamic_m(
// MMAX256: config = <token_tile = 128, consumers = 1, stages = 16, cluster = 2>{{$}}
// MMAX4096-LABEL: func.func @dynamic_m(
// MMAX4096: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
func.func @dynamic_m(%x: memref<?x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<?xf32>,
    %y: memref<?x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<?xf32>) outs(%y : memref<?x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// The tensor form gets its config too (the pipeline selects before bufferizing).
// CHECK-LABEL: func.func @dynamic_m_tensor(
// CHECK: liquid.w4a8_matmul {{.*}} layout = dual_mma config = <token_tile = 128, consumers = 1, stages = 16, cluster = 2> -> tensor<?x4096xf16>{{$}}
// MMAX16-LABEL: func.func @dynamic_m_tensor(
// MMAX16: config = <token_tile = 16, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2> -> tensor<?x4096xf16>{{$}}
func.func @dynamic_m_tensor(%x: tensor<?x4096xi8>, %w: tensor<4096x2048xi8>,
    %s: tensor<4096x64xi8>, %s1: tensor<4096xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x4096xf16>) -> tensor<?x4096xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x4096xi8>) weights(%w : tensor<4096x2048xi8>)
         group_params(%s, %s : tensor<4096x64xi8>) channel_scales(%s1 : tensor<4096xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x4096xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x4096xf16>
  return %y : tensor<?x4096xf16>
}

// Static M wins over m-max.
// MMAX1-LABEL: func.func @static_m1024_mmax(
// MMAX1: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
// MMAX4096-LABEL: func.func @static_m16_mmax(
// MMAX4096: config = <token_tile = 16, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
func.func @static_m1024_mmax(%x: memref<1024x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1024xf32>,
    %y: memref<1024x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1024x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1024xf32>) outs(%y : memref<1024x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

func.func @static_m16_mmax(%x: memref<16x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<16xf32>,
    %y: memref<16x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//===----------------------------------------------------------------------===//
// Narrow N at M = 16: one consumer's blocks of 64 rows, whatever N divides
//===----------------------------------------------------------------------===//

// N <= 384 makes at most 12 tiles (6 blocks along N, two rows of 8-token
// tiles): split_k is capped by K / 64 / 8 = 8.

// CHECK-LABEL: func.func @n128(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 8, split_k = 8>{{$}}
// CONS1-LABEL: func.func @n128(
// CONS1: config = <token_tile = 8, consumers = 1, stages = 8, split_k = 8>{{$}}
func.func @n128(%x: memref<16x4096xi8>, %w: memref<128x2048xi8>,
    %s: memref<128x64xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<128x2048xi8>)
    group_params(%s, %s : memref<128x64xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @n192(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 8, split_k = 8>{{$}}
// TILE32-LABEL: func.func @n192(
// TILE32: config = <token_tile = 32, consumers = 1, stages = 16, split_k = 4>{{$}}
func.func @n192(%x: memref<16x4096xi8>, %w: memref<192x2048xi8>,
    %s: memref<192x64xi8>, %s1: memref<192xf32>, %sx: memref<16xf32>,
    %y: memref<16x192xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<192x2048xi8>)
    group_params(%s, %s : memref<192x64xi8>) channel_scales(%s1 : memref<192xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x192xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @n320(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 8, split_k = 8>{{$}}
func.func @n320(%x: memref<16x4096xi8>, %w: memref<320x2048xi8>,
    %s: memref<320x64xi8>, %s1: memref<320xf32>, %sx: memref<16xf32>,
    %y: memref<16x320xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<320x2048xi8>)
    group_params(%s, %s : memref<320x64xi8>) channel_scales(%s1 : memref<320xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x320xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @n384(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 8, split_k = 8>{{$}}
func.func @n384(%x: memref<16x4096xi8>, %w: memref<384x2048xi8>,
    %s: memref<384x64xi8>, %s1: memref<384xf32>, %sx: memref<16xf32>,
    %y: memref<16x384xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<384x2048xi8>)
    group_params(%s, %s : memref<384x64xi8>) channel_scales(%s1 : memref<384xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x384xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//===----------------------------------------------------------------------===//
// Small K: no more stages than K / 64 blocks, and at least 2 (M = 16, N = 128)
//===----------------------------------------------------------------------===//

// A slice keeps at least 8 k blocks: no split below K = 1024; two rows of
// 8-token tiles cost less than one of 16 (the per-block latency dominates).
// At K = 1024 two slices of 8 blocks would save less than the split
// epilogue costs.

// CHECK-LABEL: func.func @k64(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 2>{{$}}
// A forced depth is taken as given, even beyond K / 64.
// STAGES3-LABEL: func.func @k64(
// STAGES3: config = <token_tile = 8, consumers = 1, stages = 3>{{$}}
func.func @k64(%x: memref<16x64xi8>, %w: memref<128x32xi8>,
    %s: memref<128x1xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x64xi8>) weights(%w : memref<128x32xi8>)
    group_params(%s, %s : memref<128x1xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @k128(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 2>{{$}}
// TILE32-LABEL: func.func @k128(
// TILE32: config = <token_tile = 32, consumers = 1, stages = 2>{{$}}
func.func @k128(%x: memref<16x128xi8>, %w: memref<128x64xi8>,
    %s: memref<128x2xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x128xi8>) weights(%w : memref<128x64xi8>)
    group_params(%s, %s : memref<128x2xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @k192(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 3>{{$}}
func.func @k192(%x: memref<16x192xi8>, %w: memref<128x96xi8>,
    %s: memref<128x3xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x192xi8>) weights(%w : memref<128x96xi8>)
    group_params(%s, %s : memref<128x3xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @k448(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 7>{{$}}
func.func @k448(%x: memref<16x448xi8>, %w: memref<128x224xi8>,
    %s: memref<128x7xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x448xi8>) weights(%w : memref<128x224xi8>)
    group_params(%s, %s : memref<128x7xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @k512(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 8>{{$}}
func.func @k512(%x: memref<16x512xi8>, %w: memref<128x256xi8>,
    %s: memref<128x8xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x512xi8>) weights(%w : memref<128x256xi8>)
    group_params(%s, %s : memref<128x8xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// CHECK-LABEL: func.func @k1024(
// CHECK: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
func.func @k1024(%x: memref<16x1024xi8>, %w: memref<128x512xi8>,
    %s: memref<128x16xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x1024xi8>) weights(%w : memref<128x512xi8>)
    group_params(%s, %s : memref<128x16xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//===----------------------------------------------------------------------===//
// An op that has a config keeps it, whatever the table or the options say
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @has_config(
// CHECK: layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>{{$}}
// TILE32-LABEL: func.func @has_config(
// TILE32: layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>{{$}}
// STAGES3-LABEL: func.func @has_config(
// STAGES3: layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>{{$}}
// ALL-LABEL: func.func @has_config(
// ALL: layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>{{$}}
func.func @has_config(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>
  return
}

//--- token-tile.mlir

func.func @keeps_config_despite_bad_option(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma config = <token_tile = 8, consumers = 2, stages = 8>
  return
}

func.func @token_tile_12(%x: memref<16x4096xi8>, %w: memref<128x2048xi8>,
    %s: memref<128x64xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op token_tile must be a power of two in [8, 256], got 12}}
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<128x2048xi8>)
    group_params(%s, %s : memref<128x64xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- consumers.mlir

func.func @five_consumers(%x: memref<16x4096xi8>, %w: memref<128x2048xi8>,
    %s: memref<128x64xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op option 'consumers' must be in [0, 4] (0: the table's choice), got 5}}
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<128x2048xi8>)
    group_params(%s, %s : memref<128x64xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- consumers4.mlir

// Four consumers cover 4 * 64 = 256 output channels per block: N must be a
// multiple of 256.

// Four consumers at 4096 tokens: 640 threads start with 96 registers, fewer
// than the 158 ptxas needs for a wgmma of 256 tokens: the widest tile they
// can take is 128 (94); stage bytes 4 * 2048 + 128 * 64 + 2 * 256 = 16896, 8 stages fit
// the 200 KiB budget.
// CONS4-LABEL: func.func @n4096_m4096(
// CONS4: config = <token_tile = 128, consumers = 4, stages = 8>{{$}}
func.func @n4096_m4096(%x: memref<4096x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// The smallest N four consumers can take: one block of 256 channels, one
// tile, split in five of the up to 4096 / 64 / 8 = 8 slices: a sixth slice
// would add more partial sums for the last block to read than it saves.
// CONS4-LABEL: func.func @n256_m16(
// CONS4: config = <token_tile = 8, consumers = 4, stages = 13, split_k = 5>{{$}}
func.func @n256_m16(%x: memref<16x4096xi8>, %w: memref<256x2048xi8>,
    %s: memref<256x64xi8>, %s1: memref<256xf32>, %sx: memref<16xf32>,
    %y: memref<16x256xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<256x2048xi8>)
    group_params(%s, %s : memref<256x64xi8>) channel_scales(%s1 : memref<256xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x256xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// An op that has a config keeps it.
// CONS4-LABEL: func.func @has_config(
// CONS4: layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>{{$}}
func.func @has_config(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma config = <token_tile = 32, consumers = 1, stages = 3>
  return
}

//--- consumers4-n128.mlir

// N = 128 is half a block of four consumers.
// FAIL4: error: 'liquid.w4a8_matmul' op consumers = 4 cover 256 output channels per block, which does not divide N = 128
func.func @n128(%x: memref<16x4096xi8>, %w: memref<128x2048xi8>,
    %s: memref<128x64xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op consumers = 4 cover 256 output channels per block, which does not divide N = 128}}
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<128x2048xi8>)
    group_params(%s, %s : memref<128x64xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- consumers4-n384.mlir

// N = 384 is a multiple of the 128 rows of the default two consumers, not of
// the 256 of four.
func.func @n384(%x: memref<16x4096xi8>, %w: memref<384x2048xi8>,
    %s: memref<384x64xi8>, %s1: memref<384xf32>, %sx: memref<16xf32>,
    %y: memref<16x384xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op consumers = 4 cover 256 output channels per block, which does not divide N = 384}}
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<384x2048xi8>)
    group_params(%s, %s : memref<384x64xi8>) channel_scales(%s1 : memref<384xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x384xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- option-consumers.mlir

// consumers = -1 with token_tile = 32: stage bytes -1 * 2048 + 32 * 64 = 0,
// and the table divided the shared-memory budget by them.
func.func @f(%x: memref<?x256xi8>, %w: memref<128x128xi8>,
    %s: memref<128x4xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %init: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op option 'consumers' must be in [0, 4] (0: the table's choice), got -1}}
  liquid.w4a8_matmul act(%x : memref<?x256xi8>) weights(%w : memref<128x128xi8>)
    group_params(%s, %s : memref<128x4xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%init : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- option-token-tile.mlir

// token_tile = 2^62: token_tile * 64 overflowed int64 in the stage bytes.
func.func @f(%x: memref<?x256xi8>, %w: memref<128x128xi8>,
    %s: memref<128x4xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %init: memref<?x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op option 'token-tile' must be in [0, 256] (0: the table's choice), got 4611686018427387904}}
  liquid.w4a8_matmul act(%x : memref<?x256xi8>) weights(%w : memref<128x128xi8>)
    group_params(%s, %s : memref<128x4xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%init : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- option-range.mlir

// RANGE-CONSUMERS: error: 'liquid.w4a8_matmul' op option 'consumers' must be in [0, 4] (0: the table's choice), got 4611686018427387904
// RANGE-TILE: error: 'liquid.w4a8_matmul' op option 'token-tile' must be in [0, 256] (0: the table's choice), got -8
// RANGE-STAGES: error: 'liquid.w4a8_matmul' op option 'stages' must be in [0, 16] (0: the table's choice), got -1
// RANGE-STAGES17: error: 'liquid.w4a8_matmul' op option 'stages' must be in [0, 16] (0: the table's choice), got 17
// RANGE-CLUSTER: error: 'liquid.w4a8_matmul' op option 'cluster' must be in [0, 4] (0: the table's choice), got 8
// RANGE-BLOCKS: error: 'liquid.w4a8_matmul' op option 'blocks-per-sm' must be in [0, 4] (0: the table's choice), got 5
// RANGE-SPLITK: error: 'liquid.w4a8_matmul' op option 'split-k' must be in [0, 64] (0: the table's choice), got -1
// RANGE-MMAX0: error: 'liquid.w4a8_matmul' op option 'm-max' must be in [1, 2147483647] (the kernel's token count is 32-bit), got 0
// RANGE-MMAX: error: 'liquid.w4a8_matmul' op option 'm-max' must be in [1, 2147483647] (the kernel's token count is 32-bit), got 9223372036854775807
// RANGE-PIPELINE: error: 'liquid.w4a8_matmul' op option 'consumers' must be in [0, 4] (0: the table's choice), got -1
func.func @f(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
    group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
    token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

//--- stages.mlir

func.func @one_stage(%x: memref<16x4096xi8>, %w: memref<128x2048xi8>,
    %s: memref<128x64xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op stages must be in [2, 16], got 1}}
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<128x2048xi8>)
    group_params(%s, %s : memref<128x64xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- shared-memory.mlir

// 16 stages of 2 * 2048 + 8 * 64 + 2 * 128 (group parameters) = 4864 bytes:
// 77824 bytes, fine.

func.func @sixteen_small_stages(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// 4096 tokens (tiles of 256): 16 stages of 2 * 2048 + 256 * 64 + 2 * 128 = 20736
// bytes do not fit.
// FAIL: error: 'liquid.w4a8_matmul' op the stage ring needs 332288 bytes of shared memory with its alignment slack, more than the 232448 a Hopper block can have at 1 block(s) per SM
func.func @sixteen_wide_stages(%x: memref<4096x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x4096xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op the stage ring needs 332288 bytes of shared memory with its alignment slack, more than the 232448 a Hopper block can have at 1 block(s) per SM}}
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- splitk.mlir

//===----------------------------------------------------------------------===//
// Split-K at decode sizes: one block per (tile, K slice)
//===----------------------------------------------------------------------===//

// Llama-7B down_proj (N = 4096, K = 11008) at one token: 32 tiles; at two
// blocks per SM split_k = 8 fills 256 of the 264 slots (K / 64 / 8 = 21
// allows it); a slice of 22 blocks keeps 8 stages. Forced to 4 slices, one
// consumer's 64 tiles make 256 blocks for the 264 slots of two per SM.
// SK-LABEL: func.func @down_m1(
// SK: config = <token_tile = 8, consumers = 2, stages = 8, split_k = 8, blocks_per_sm = 2>{{$}}
// SK4-LABEL: func.func @down_m1(
// SK4: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @down_m1(
// SK1: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
func.func @down_m1(%x: memref<1x11008xi8>, %w: memref<4096x5504xi8>,
    %s: memref<4096x172xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x11008xi8>) weights(%w : memref<4096x5504xi8>)
    group_params(%s, %s : memref<4096x172xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// gate/up fused (N = 22016): 172 tiles fill the SMs at two blocks per SM,
// no split. Forced to 4 slices of 16 blocks, the ring stays 8 deep.
// SK-LABEL: func.func @gate_up_m16(
// SK: config = <token_tile = 16, consumers = 2, stages = 8, blocks_per_sm = 2>{{$}}
// SK4-LABEL: func.func @gate_up_m16(
// SK4: config = <token_tile = 16, consumers = 2, stages = 8, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @gate_up_m16(
// SK1: config = <token_tile = 16, consumers = 2, stages = 8, blocks_per_sm = 2>{{$}}
func.func @gate_up_m16(%x: memref<16x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<16xf32>,
    %y: memref<16x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// N = 11008: 86 tiles; three slices at two blocks per SM (258 blocks in
// 264 slots).
// SK-LABEL: func.func @up_m1(
// SK: config = <token_tile = 8, consumers = 2, stages = 8, split_k = 3, blocks_per_sm = 2>{{$}}
// SK4-LABEL: func.func @up_m1(
// SK4: config = <token_tile = 8, consumers = 2, stages = 8, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @up_m1(
// SK1: config = <token_tile = 8, consumers = 1, stages = 16, blocks_per_sm = 2>{{$}}
func.func @up_m1(%x: memref<1x4096xi8>, %w: memref<11008x2048xi8>,
    %s: memref<11008x64xi8>, %s1: memref<11008xf32>, %sx: memref<1xf32>,
    %y: memref<1x11008xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<11008x2048xi8>)
    group_params(%s, %s : memref<11008x64xi8>) channel_scales(%s1 : memref<11008xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x11008xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// N = 1024: 16 tiles of one consumer would take 8 slices to fill the SMs,
// also the cap of K / 64 / 8 = 8.
// SK-LABEL: func.func @n1024_m1(
// SK: config = <token_tile = 8, consumers = 1, stages = 8, split_k = 8>{{$}}
// SK4-LABEL: func.func @n1024_m1(
// SK4: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4>{{$}}
// SK1-LABEL: func.func @n1024_m1(
// SK1: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
func.func @n1024_m1(%x: memref<1x4096xi8>, %w: memref<1024x2048xi8>,
    %s: memref<1024x64xi8>, %s1: memref<1024xf32>, %sx: memref<1xf32>,
    %y: memref<1x1024xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<1024x2048xi8>)
    group_params(%s, %s : memref<1024x64xi8>) channel_scales(%s1 : memref<1024xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x1024xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// N = 2048 at 16 tokens: one consumer's 8-token tiles (64 tiles) split in
// four, 256 blocks at two per SM; 16-token tiles would need eight slices,
// whose partial sums the last block of each tile reads.
// SK-LABEL: func.func @n2048_m16(
// SK: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// SK4-LABEL: func.func @n2048_m16(
// SK4: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @n2048_m16(
// SK1: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
func.func @n2048_m16(%x: memref<16x4096xi8>, %w: memref<2048x2048xi8>,
    %s: memref<2048x64xi8>, %s1: memref<2048xf32>, %sx: memref<16xf32>,
    %y: memref<16x2048xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<2048x2048xi8>)
    group_params(%s, %s : memref<2048x64xi8>) channel_scales(%s1 : memref<2048xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x2048xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// N = K = 8192: 64 tiles, split_k = 4 at two blocks per SM.
// SK-LABEL: func.func @n8192_k8192_m1(
// SK: config = <token_tile = 8, consumers = 2, stages = 8, split_k = 4, blocks_per_sm = 2>{{$}}
// SK4-LABEL: func.func @n8192_k8192_m1(
// SK4: config = <token_tile = 8, consumers = 2, stages = 8, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @n8192_k8192_m1(
// SK1: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
func.func @n8192_k8192_m1(%x: memref<1x8192xi8>, %w: memref<8192x4096xi8>,
    %s: memref<8192x128xi8>, %s1: memref<8192xf32>, %sx: memref<1xf32>,
    %y: memref<1x8192xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x8192xi8>) weights(%w : memref<8192x4096xi8>)
    group_params(%s, %s : memref<8192x128xi8>) channel_scales(%s1 : memref<8192xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x8192xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// 512 tokens at N = 4096: two rows of one consumer's 256-token tiles fill
// one wave (128 blocks, clusters of two); two consumers' tiles of 256 would
// leave half the SMs idle.
// SK-LABEL: func.func @m512(
// SK: config = <token_tile = 256, consumers = 1, stages = 8, cluster = 2>{{$}}
// SK4-LABEL: func.func @m512(
// SK4: config = <token_tile = 64, consumers = 2, stages = 8, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @m512(
// SK1: config = <token_tile = 256, consumers = 1, stages = 8, cluster = 2>{{$}}
func.func @m512(%x: memref<512x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<512xf32>,
    %y: memref<512x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<512x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<512xf32>) outs(%y : memref<512x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// K = 1024: 16 blocks would allow 2 slices of 8, which cost more than they
// save. Forced to 4 slices of 4 blocks, the ring is only 4 deep.
// SK-LABEL: func.func @k1024_m16(
// SK: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
// SK4-LABEL: func.func @k1024_m16(
// SK4: config = <token_tile = 16, consumers = 1, stages = 4, split_k = 4, blocks_per_sm = 2>{{$}}
// SK1-LABEL: func.func @k1024_m16(
// SK1: config = <token_tile = 8, consumers = 1, stages = 16>{{$}}
func.func @k1024_m16(%x: memref<16x1024xi8>, %w: memref<4096x512xi8>,
    %s: memref<4096x16xi8>, %s1: memref<4096xf32>, %sx: memref<16xf32>,
    %y: memref<16x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<16x1024xi8>) weights(%w : memref<4096x512xi8>)
    group_params(%s, %s : memref<4096x16xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// An op that has a split config keeps it.
// SK-LABEL: func.func @has_config(
// SK: config = <token_tile = 8, consumers = 2, stages = 3, split_k = 3>{{$}}
// SK4-LABEL: func.func @has_config(
// SK4: config = <token_tile = 8, consumers = 2, stages = 3, split_k = 3>{{$}}
// SK1-LABEL: func.func @has_config(
// SK1: config = <token_tile = 8, consumers = 2, stages = 3, split_k = 3>{{$}}
func.func @has_config(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma config = <token_tile = 8, consumers = 2, stages = 3, split_k = 3>
  return
}

// split_k = 1 is the default and is not printed.
// SK-LABEL: func.func @split_k_1_written(
// SK: config = <token_tile = 8, consumers = 2, stages = 8>{{$}}
// SK4-LABEL: func.func @split_k_1_written(
// SK4: config = <token_tile = 8, consumers = 2, stages = 8>{{$}}
// SK1-LABEL: func.func @split_k_1_written(
// SK1: config = <token_tile = 8, consumers = 2, stages = 8>{{$}}
func.func @split_k_1_written(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma config = <token_tile = 8, consumers = 2, stages = 8, split_k = 1>
  return
}

//--- splitk-k448.mlir

// K = 448 has 7 blocks of 64: 7 slices of one block each are the most (the
// ring is still 2 deep); 8 are rejected.
// SK7-LABEL: func.func @k448_m16(
// SK7: config = <token_tile = 8, consumers = 1, stages = 2, split_k = 7>{{$}}
// SKFAIL: error: 'liquid.w4a8_matmul' op split_k = 8 exceeds the 7 k blocks of 64 in K = 448
func.func @k448_m16(%x: memref<16x448xi8>, %w: memref<128x224xi8>,
    %s: memref<128x7xi8>, %s1: memref<128xf32>, %sx: memref<16xf32>,
    %y: memref<16x128xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op split_k = 8 exceeds the 7 k blocks of 64 in K = 448}}
  liquid.w4a8_matmul act(%x : memref<16x448xi8>) weights(%w : memref<128x224xi8>)
    group_params(%s, %s : memref<128x7xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- splitk-range.mlir

// K = 8192 has 128 blocks, but a config splits K at most 64 ways.
func.func @sixty_five_slices(%x: memref<1x8192xi8>, %w: memref<4096x4096xi8>,
    %s: memref<4096x128xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op option 'split-k' must be in [0, 64] (0: the table's choice), got 65}}
  liquid.w4a8_matmul act(%x : memref<1x8192xi8>) weights(%w : memref<4096x4096xi8>)
    group_params(%s, %s : memref<4096x128xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- splitk-attr.mlir

// The config verifier, on parsed IR.
func.func @zero_slices(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{split_k must be in [1, 64], got 0}}
    config = <token_tile = 8, consumers = 2, stages = 8, split_k = 0>
  return
}

// -----

func.func @sixty_five_slices(%x: memref<1x8192xi8>, %w: memref<4096x4096xi8>,
    %s: memref<4096x128xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x8192xi8>) weights(%w : memref<4096x4096xi8>)
    group_params(%s, %s : memref<4096x128xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{split_k must be in [1, 64], got 65}}
    config = <token_tile = 8, consumers = 2, stages = 8, split_k = 65>
  return
}

//--- splitk-cap.mlir

// The table never asks for more slices than a config may have: N = 128 at
// M = 1 has two tiles of one consumer and K = 524288 has 8192 k blocks; the
// cost model would split them in 66 (132 blocks, one round), but split_k
// stops at 64. A slice of 128 k blocks gets the deep ring.
// SKCAP-LABEL: func.func @split_k_cap
// SKCAP: config = <token_tile = 8, consumers = 1, stages = 16, split_k = 64>
func.func @split_k_cap(%x: memref<1x524288xi8>, %w: memref<128x262144xi8>,
    %s: memref<128x8192xi8>, %s1: memref<128xf32>, %sx: memref<1xf32>,
    %y: memref<1x128xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x524288xi8>) weights(%w : memref<128x262144xi8>)
    group_params(%s, %s : memref<128x8192xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- four-consumers.mlir

// LLaMA2-7B gate_up at 128 tokens: 172 tiles of 128 channels take two
// rounds, 86 tiles of 256 one (measured 39.1 against 48.6 us,
// bench/results/2026-11-21-h100-session6/consumers).
// FOUR-LABEL: func.func @gate_up_m128(
// FOUR: config = <token_tile = 128, consumers = 4, stages = 8>{{$}}
// FOUR2-LABEL: func.func @gate_up_m128(
// FOUR2: config = <token_tile = 128, consumers = 2, stages = 16, cluster = 2>{{$}}
func.func @gate_up_m128(%x: memref<128x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<128xf32>,
    %y: memref<128x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// LLaMA2-70B gate_up: 448 tiles (four rounds) against 224 (two).
// FOUR-LABEL: func.func @gate_up_70b_m128(
// FOUR: config = <token_tile = 128, consumers = 4, stages = 8>{{$}}
func.func @gate_up_70b_m128(%x: memref<128x8192xi8>, %w: memref<57344x4096xi8>,
    %s: memref<57344x128xi8>, %s1: memref<57344xf32>, %sx: memref<128xf32>,
    %y: memref<128x57344xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x8192xi8>) weights(%w : memref<57344x4096xi8>)
    group_params(%s, %s : memref<57344x128xi8>) channel_scales(%s1 : memref<57344xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x57344xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// qkv: 96 tiles fit one round already; four consumers would idle 84 SMs.
// FOUR-LABEL: func.func @qkv_m128(
// FOUR: config = <token_tile = 128, consumers = 2, stages = 16, cluster = 2>{{$}}
func.func @qkv_m128(%x: memref<128x4096xi8>, %w: memref<12288x2048xi8>,
    %s: memref<12288x64xi8>, %s1: memref<12288xf32>, %sx: memref<128xf32>,
    %y: memref<128x12288xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x4096xi8>) weights(%w : memref<12288x2048xi8>)
    group_params(%s, %s : memref<12288x64xi8>) channel_scales(%s1 : memref<12288xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x12288xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// At 256 tokens both need two rounds of the same work per SM: two
// consumers, the tie's choice (measured 54.9 against 63.8 us, session 9).
// FOUR-LABEL: func.func @gate_up_m256(
// FOUR: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
func.func @gate_up_m256(%x: memref<256x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<256xf32>,
    %y: memref<256x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<256x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// At 64 tokens the tile is too narrow for four (two blocks of two instead).
// FOUR-LABEL: func.func @gate_up_m64(
// FOUR: config = <token_tile = 64, consumers = 2, stages = 8, blocks_per_sm = 2>{{$}}
func.func @gate_up_m64(%x: memref<64x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<64xf32>,
    %y: memref<64x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<64x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<64xf32>) outs(%y : memref<64x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- occupancy.mlir

// LLaMA2-7B gate_up (N = 22016, 172 tiles of 128 channels) at one token:
// 172 blocks leave 40 SMs with two, which run at once at two blocks per SM
// (80 registers per thread at entry); one per SM, they would take two
// rounds. Forced to one, split_k = 1 still; forced to three, one consumer's
// tiles of 64 channels (344 blocks) fill the 396 slots better.
// OCC-LABEL: func.func @gate_up_m1(
// OCC: config = <token_tile = 8, consumers = 2, stages = 8, blocks_per_sm = 2>{{$}}
// OCC1-LABEL: func.func @gate_up_m1(
// OCC1: config = <token_tile = 8, consumers = 2, stages = 16>{{$}}
// OCC3-LABEL: func.func @gate_up_m1(
// OCC3: config = <token_tile = 8, consumers = 1, stages = 8, blocks_per_sm = 3>{{$}}
func.func @gate_up_m1(%x: memref<1x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<1xf32>,
    %y: memref<1x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// At 4096 tokens the widest tile wins alone on its SM; forced to share the
// SM with two or three, the wgmma of 256 (158 registers) and 128 (94) do not
// fit 80 or 56 registers at entry, and 64 (62) is the widest left at two
// blocks, 32 (46) at three. The stage budget is each block's share of
// shared memory: (228 / 3 - 1 - 27) KiB / (2 x 2048 + 32 x 64 + 2 x 128) B = 7
// stages.
// OCC-LABEL: func.func @wide_m4096(
// OCC: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
// OCC3-LABEL: func.func @wide_m4096(
// OCC3: config = <token_tile = 32, consumers = 2, stages = 7, blocks_per_sm = 3>{{$}}
func.func @wide_m4096(%x: memref<4096x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// A config that already names its blocks per SM keeps them.
// OCC-LABEL: func.func @has_occupancy(
// OCC: config = <token_tile = 16, consumers = 2, stages = 4, split_k = 2, blocks_per_sm = 3>{{$}}
func.func @has_occupancy(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    config = <token_tile = 16, consumers = 2, stages = 4, split_k = 2, blocks_per_sm = 3>
  return
}

//--- occupancy-attr.mlir

// The config verifier: blocks per SM in [1, 4], and a stage ring within each
// block's share of the SM's shared memory.
func.func @five_blocks(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{blocks_per_sm must be in [1, 4], got 5}}
    config = <token_tile = 8, consumers = 2, stages = 8, blocks_per_sm = 5>
  return
}

// -----

// 8 x (2 x 2048 + 256 x 64 + 2 x 128) + 512 = 166400 bytes: one block's 227 KiB hold
// them, two blocks' 113 KiB each do not.
func.func @ring_over_half_the_sm(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{the stage ring needs 166400 bytes of shared memory with its alignment slack, more than the 115712 a Hopper block can have at 2 block(s) per SM}}
    config = <token_tile = 256, consumers = 2, stages = 8, blocks_per_sm = 2>
  return
}

// -----

// The epilogue stages the output tile over the ring: 4 consumers x 256 tokens
// x 128 B + 512 = 131584 bytes, more than two blocks' 113 KiB each, though
// the ring itself, 2 x (4 x 2048 + 256 x 64 + 2 x 256) + 512 = 50688 bytes, fits.
func.func @staging_over_half_the_sm(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{the epilogue's output staging (token_tile = 256 rows of 4 x 64 channels) needs 131584 bytes of shared memory with its alignment slack, more than the 115712 a Hopper block can have at 2 block(s) per SM}}
    config = <token_tile = 256, consumers = 4, stages = 2, blocks_per_sm = 2>
  return
}

//--- occupancy-parse.mlir

// The optional fields come in one order, each at most once.
func.func @blocks_before_split(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{'split_k' must come before 'blocks_per_sm' and appear once}}
    config = <token_tile = 8, consumers = 2, stages = 8, blocks_per_sm = 2, split_k = 2>
  return
}

// -----

func.func @unknown_field(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{expected 'split_k', 'blocks_per_sm', 'cluster' or 'stream_k', got 'occupancy'}}
    config = <token_tile = 8, consumers = 2, stages = 8, occupancy = 2>
  return
}

//--- cluster.mlir

// LLaMA2-7B gate_up at M = 256: 172 blocks of 128 channels, 86 clusters of
// two from the table and when forced.
// CLUSTER-LABEL: func.func @gate_up_m256(
// CLUSTER: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
// CLUSTER2-LABEL: func.func @gate_up_m256(
// CLUSTER2: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
func.func @gate_up_m256(%x: memref<256x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<256xf32>,
    %y: memref<256x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<256x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// LLaMA2-70B qkv (10240 x 8192) at M = 256: 80 blocks along N, clusters of
// two from the table; their 40 clusters fill 61 % of a round of 66, so the
// table streams K over a round of 132 blocks (qkv7b_m128 below: 48 clusters,
// 73 %, does not).
// CLUSTER-LABEL: func.func @qkv70b_m256(
// CLUSTER: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2, stream_k = 132>{{$}}
func.func @qkv70b_m256(%x: memref<256x8192xi8>, %w: memref<10240x4096xi8>,
    %s: memref<10240x128xi8>, %s1: memref<10240xf32>, %sx: memref<256xf32>,
    %y: memref<256x10240xf16>) {
  liquid.w4a8_matmul act(%x : memref<256x8192xi8>) weights(%w : memref<10240x4096xi8>)
    group_params(%s, %s : memref<10240x128xi8>) channel_scales(%s1 : memref<10240xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x10240xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// LLaMA2-7B qkv (12288 x 4096) at M = 4096: 96 blocks along N, 48 clusters.
// CLUSTER-LABEL: func.func @qkv7b_m4096(
// CLUSTER: config = <token_tile = 256, consumers = 2, stages = 8, cluster = 2>{{$}}
func.func @qkv7b_m4096(%x: memref<4096x4096xi8>, %w: memref<12288x2048xi8>,
    %s: memref<12288x64xi8>, %s1: memref<12288xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x12288xf16>) {
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<12288x2048xi8>)
    group_params(%s, %s : memref<12288x64xi8>) channel_scales(%s1 : memref<12288xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x12288xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Two consumers' 128-token tiles: LLaMA2-7B qkv at M = 128, 96 blocks
// along N, 48 clusters.
// CLUSTER-LABEL: func.func @qkv7b_m128(
// CLUSTER: config = <token_tile = 128, consumers = 2, stages = 16, cluster = 2>{{$}}
func.func @qkv7b_m128(%x: memref<128x4096xi8>, %w: memref<12288x2048xi8>,
    %s: memref<12288x64xi8>, %s1: memref<12288xf32>, %sx: memref<128xf32>,
    %y: memref<128x12288xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x4096xi8>) weights(%w : memref<12288x2048xi8>)
    group_params(%s, %s : memref<12288x64xi8>) channel_scales(%s1 : memref<12288xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x12288xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// One consumer's 128-token tiles where they are not split and fill at least
// 70 % of a round: 6144 x 4096 at M = 128, 96 tiles.
// CLUSTER-LABEL: func.func @n6144_m128(
// CLUSTER: config = <token_tile = 128, consumers = 1, stages = 16, cluster = 2>{{$}}
func.func @n6144_m128(%x: memref<128x4096xi8>, %w: memref<6144x2048xi8>,
    %s: memref<6144x64xi8>, %s1: memref<6144xf32>, %sx: memref<128xf32>,
    %y: memref<128x6144xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x4096xi8>) weights(%w : memref<6144x2048xi8>)
    group_params(%s, %s : memref<6144x64xi8>) channel_scales(%s1 : memref<6144xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x6144xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// 5120 x 5120 at M = 128: 80 tiles, 61 % of a round, none.
// CLUSTER-LABEL: func.func @n5120_m128(
// CLUSTER: config = <token_tile = 128, consumers = 1, stages = 16>{{$}}
func.func @n5120_m128(%x: memref<128x5120xi8>, %w: memref<5120x2560xi8>,
    %s: memref<5120x80xi8>, %s1: memref<5120xf32>, %sx: memref<128xf32>,
    %y: memref<128x5120xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x5120xi8>) weights(%w : memref<5120x2560xi8>)
    group_params(%s, %s : memref<5120x80xi8>) channel_scales(%s1 : memref<5120xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x5120xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// LLaMA2-7B down (4096 x 11008) at M = 128: 64 tiles split in two, none.
// CLUSTER-LABEL: func.func @down7b_m128(
// CLUSTER: config = <token_tile = 128, consumers = 1, stages = 16, split_k = 2>{{$}}
func.func @down7b_m128(%x: memref<128x11008xi8>, %w: memref<4096x5504xi8>,
    %s: memref<4096x172xi8>, %s1: memref<4096xf32>, %sx: memref<128xf32>,
    %y: memref<128x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x11008xi8>) weights(%w : memref<4096x5504xi8>)
    group_params(%s, %s : memref<4096x172xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Four consumers' 128-token tiles get none: LLaMA2-7B gate_up at M = 128
// (86 blocks along N).
// CLUSTER-LABEL: func.func @gate_up_m128(
// CLUSTER: config = <token_tile = 128, consumers = 4, stages = 8>{{$}}
func.func @gate_up_m128(%x: memref<128x4096xi8>, %w: memref<22016x2048xi8>,
    %s: memref<22016x64xi8>, %s1: memref<22016xf32>, %sx: memref<128xf32>,
    %y: memref<128x22016xf16>) {
  liquid.w4a8_matmul act(%x : memref<128x4096xi8>) weights(%w : memref<22016x2048xi8>)
    group_params(%s, %s : memref<22016x64xi8>) channel_scales(%s1 : memref<22016xf32>)
    token_scales(%sx : memref<128xf32>) outs(%y : memref<128x22016xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Nor do 64-token tiles: LLaMA2-7B qkv at M = 64, two consumers.
// CLUSTER-LABEL: func.func @qkv7b_m64(
// CLUSTER: config = <token_tile = 64, consumers = 2, stages = 16>{{$}}
func.func @qkv7b_m64(%x: memref<64x4096xi8>, %w: memref<12288x2048xi8>,
    %s: memref<12288x64xi8>, %s1: memref<12288xf32>, %sx: memref<64xf32>,
    %y: memref<64x12288xf16>) {
  liquid.w4a8_matmul act(%x : memref<64x4096xi8>) weights(%w : memref<12288x2048xi8>)
    group_params(%s, %s : memref<12288x64xi8>) channel_scales(%s1 : memref<12288xf32>)
    token_scales(%sx : memref<64xf32>) outs(%y : memref<64x12288xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- cluster-odd.mlir

// N = 1152 at M = 4096: 256-token tiles, but 9 blocks along N, which
// clusters of two do not tile: none.
// CLUSTER-ODD-LABEL: func.func @odd_blocks_m4096(
// CLUSTER-ODD: config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
func.func @odd_blocks_m4096(%x: memref<4096x4096xi8>, %w: memref<1152x2048xi8>,
    %s: memref<1152x64xi8>, %s1: memref<1152xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x1152xf16>) {
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<1152x2048xi8>)
    group_params(%s, %s : memref<1152x64xi8>) channel_scales(%s1 : memref<1152xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x1152xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- cluster-n384.mlir

// N = 384 with two consumers forced: three blocks of 128 channels, which
// clusters of two do not tile.
func.func @n384(%x: memref<256x4096xi8>, %w: memref<384x2048xi8>,
    %s: memref<384x64xi8>, %s1: memref<384xf32>, %sx: memref<256xf32>,
    %y: memref<256x384xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op cluster = 2 does not divide the 3 blocks of 128 output channels along N = 384}}
  liquid.w4a8_matmul act(%x : memref<256x4096xi8>) weights(%w : memref<384x2048xi8>)
    group_params(%s, %s : memref<384x64xi8>) channel_scales(%s1 : memref<384xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x384xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- cluster-attr.mlir

// The config verifier: a cluster is a power of two in [1, 4] ...
func.func @three_blocks(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{cluster must be a power of two in [1, 4], got 3}}
    config = <token_tile = 64, consumers = 2, stages = 8, cluster = 3>
  return
}

// -----

// ... whose blocks each multicast whole 8-token swizzle periods.
func.func @slices_under_8_tokens(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{cluster = 4 splits token_tile = 16 into slices of fewer than 8 tokens}}
    config = <token_tile = 16, consumers = 2, stages = 8, split_k = 2, cluster = 4>
  return
}

// -----

// stream_k: a round is whole clusters ...
func.func @stream_k_not_whole_clusters(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{stream_k = 133 is not a multiple of cluster = 2}}
    config = <token_tile = 64, consumers = 2, stages = 8, cluster = 2, stream_k = 133>
  return
}

// -----

// ... and K is divided one way only.
func.func @stream_k_and_split_k(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
    // expected-error @+1 {{stream_k = 132 and split_k = 2 both divide K; use one of them}}
    config = <token_tile = 64, consumers = 2, stages = 8, split_k = 2, stream_k = 132>
  return
}
