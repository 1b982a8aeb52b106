// The kernel configuration table of liquid-select-config on its own, as
// KernelConfig.cpp documents it (DESIGN §4, IREE's config_*.mlir style):
//   token_tile = clamp(PowerOf2Ceil(max(M, 1)), 8, 256), M the static token
//                count or m-max when M is dynamic;
//   consumers  = 2 when N % 128 == 0, else 1; an override must divide N
//                into blocks of 64 * consumers output channels;
//   stages     = max(2, min(8, 200 KiB / stage bytes, max(K / 64, 2))),
//                stage bytes = consumers * 2048 + token_tile * 64.
// Options override single fields; an op that has a config keeps it.

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
// RUN: liquid-opt %t/consumers.mlir -liquid-select-config="consumers=5" -verify-diagnostics
// RUN: liquid-opt %t/stages.mlir -liquid-select-config="stages=1" -verify-diagnostics
// RUN: liquid-opt %t/shared-memory.mlir -liquid-select-config="stages=16" -verify-diagnostics
// RUN: not liquid-opt %t/shared-memory.mlir -liquid-select-config="stages=16" 2>&1 | FileCheck %s --check-prefix=FAIL
// A consumer count whose block of 64 * consumers rows does not divide N.
// RUN: liquid-opt %t/consumers4-n128.mlir -liquid-select-config="consumers=4" -verify-diagnostics
// RUN: liquid-opt %t/consumers4-n384.mlir -liquid-select-config="consumers=4" -verify-diagnostics
// RUN: not liquid-opt %t/consumers4-n128.mlir -liquid-select-config="consumers=4" 2>&1 | FileCheck %s --check-prefix=FAIL4

//--- table.mlir

//===----------------------------------------------------------------------===//
// Static M, N = K = 4096 (N % 128 == 0: two consumers; K / 64 = 64 blocks)
//===----------------------------------------------------------------------===//

// The smallest tile covers one token.
// CHECK-LABEL: func.func @static_m1(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<1x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 8, consumers = 2, stages = 8>{{$}}
// TILE32-LABEL: func.func @static_m1(
// TILE32: config = <token_tile = 32, consumers = 2, stages = 8>{{$}}
// CONS1-LABEL: func.func @static_m1(
// CONS1: config = <token_tile = 8, consumers = 1, stages = 8>{{$}}
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

// PowerOf2Ceil(3) = 4, raised to the smallest wgmma N of 8.
// CHECK-LABEL: func.func @static_m3(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<3x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 8, consumers = 2, stages = 8>{{$}}
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
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<16x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
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
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<64x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 64, consumers = 2, stages = 8>{{$}}
func.func @static_m64(%x: memref<64x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<64xf32>,
    %y: memref<64x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<64x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<64xf32>) outs(%y : memref<64x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Not a power of two: rounded up.
// CHECK-LABEL: func.func @static_m100(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<100x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 128, consumers = 2, stages = 8>{{$}}
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
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<256x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
func.func @static_m256(%x: memref<256x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<256xf32>,
    %y: memref<256x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<256x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// Beyond 256 tokens: the widest wgmma.
// CHECK-LABEL: func.func @static_m300(
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<300x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
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
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<1024x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
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
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<4096x4096xi8>) {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
// TILE32-LABEL: func.func @static_m4096(
// TILE32: config = <token_tile = 32, consumers = 2, stages = 8>{{$}}
// CONS1-LABEL: func.func @static_m4096(
// CONS1: config = <token_tile = 256, consumers = 1, stages = 8>{{$}}
// STAGES3-LABEL: func.func @static_m4096(
// STAGES3: config = <token_tile = 256, consumers = 2, stages = 3>{{$}}
// ALL-LABEL: func.func @static_m4096(
// ALL: config = <token_tile = 64, consumers = 1, stages = 4>{{$}}
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
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<?x4096xi8>) {{.*}} config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
// MMAX1-LABEL: func.func @dynamic_m(
// MMAX1: config = <token_tile = 8, consumers = 2, stages = 8>{{$}}
// MMAX16-LABEL: func.func @dynamic_m(
// MMAX16: config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
// MMAX256-LABEL: func.func @dynamic_m(
// MMAX256: config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
// MMAX4096-LABEL: func.func @dynamic_m(
// MMAX4096: config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
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
// CHECK: liquid.w4a8_matmul {{.*}} layout = dual_mma config = <token_tile = 256, consumers = 2, stages = 8> -> tensor<?x4096xf16>{{$}}
// MMAX16-LABEL: func.func @dynamic_m_tensor(
// MMAX16: config = <token_tile = 16, consumers = 2, stages = 8> -> tensor<?x4096xf16>{{$}}
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
// MMAX1: config = <token_tile = 256, consumers = 2, stages = 8>{{$}}
// MMAX4096-LABEL: func.func @static_m16_mmax(
// MMAX4096: config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
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
// Consumers: two when N is a multiple of 128 rows, else one (M = 16)
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @n128(
// CHECK: config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
// CONS1-LABEL: func.func @n128(
// CONS1: config = <token_tile = 16, consumers = 1, stages = 8>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 1, stages = 8>{{$}}
// TILE32-LABEL: func.func @n192(
// TILE32: config = <token_tile = 32, consumers = 1, stages = 8>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 1, stages = 8>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
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

// CHECK-LABEL: func.func @k64(
// CHECK: config = <token_tile = 16, consumers = 2, stages = 2>{{$}}
// A forced depth is taken as given, even beyond K / 64.
// STAGES3-LABEL: func.func @k64(
// STAGES3: config = <token_tile = 16, consumers = 2, stages = 3>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 2, stages = 2>{{$}}
// TILE32-LABEL: func.func @k128(
// TILE32: config = <token_tile = 32, consumers = 2, stages = 2>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 2, stages = 3>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 2, stages = 7>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
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
// CHECK: config = <token_tile = 16, consumers = 2, stages = 8>{{$}}
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
  // expected-error @+1 {{'liquid.w4a8_matmul' op consumers must be in [1, 4], got 5}}
  liquid.w4a8_matmul act(%x : memref<16x4096xi8>) weights(%w : memref<128x2048xi8>)
    group_params(%s, %s : memref<128x64xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<16xf32>) outs(%y : memref<16x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

//--- consumers4.mlir

// Four consumers cover 4 * 64 = 256 output channels per block: N must be a
// multiple of 256.

// Four consumers at 256 tokens: stage bytes 4 * 2048 + 256 * 64 = 24576,
// 8 * 24576 B still fit the 200 KiB budget.
// CONS4-LABEL: func.func @n4096_m4096(
// CONS4: config = <token_tile = 256, consumers = 4, stages = 8>{{$}}
func.func @n4096_m4096(%x: memref<4096x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<4096xf32>,
    %y: memref<4096x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<4096x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<4096xf32>) outs(%y : memref<4096x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// The smallest N four consumers can take: one block of 256 channels.
// CONS4-LABEL: func.func @n256_m16(
// CONS4: config = <token_tile = 16, consumers = 4, stages = 8>{{$}}
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

// 16 stages of 2 * 2048 + 8 * 64 = 4608 bytes: 73728 bytes, fine.

func.func @sixteen_small_stages(%x: memref<1x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<1xf32>,
    %y: memref<1x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<1x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<1xf32>) outs(%y : memref<1x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// 16 stages of 2 * 2048 + 256 * 64 = 20480 bytes do not fit.
// FAIL: error: 'liquid.w4a8_matmul' op the stage ring needs 327680 bytes of shared memory, more than the 232448 a Hopper block can have
func.func @sixteen_wide_stages(%x: memref<256x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %s1: memref<4096xf32>, %sx: memref<256xf32>,
    %y: memref<256x4096xf16>) {
  // expected-error @+1 {{'liquid.w4a8_matmul' op the stage ring needs 327680 bytes of shared memory, more than the 232448 a Hopper block can have}}
  liquid.w4a8_matmul act(%x : memref<256x4096xi8>) weights(%w : memref<4096x2048xi8>)
    group_params(%s, %s : memref<4096x64xi8>) channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<256xf32>) outs(%y : memref<256x4096xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}
