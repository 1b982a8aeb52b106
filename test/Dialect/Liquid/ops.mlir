// RUN: liquid-opt %s | FileCheck %s
// Round trip: print, parse again and compare with the first print.
// RUN: liquid-opt %s | liquid-opt | FileCheck %s
// The generic form parses back too.
// RUN: liquid-opt %s --mlir-print-op-generic | liquid-opt | FileCheck %s

// CHECK-LABEL: func.func @dual_mma_xor_dynamic_m
// CHECK-SAME: (%[[X:.*]]: tensor<?x4096xi8>, %[[W:.*]]: tensor<22016x2048xi8>, %[[S:.*]]: tensor<22016x64xi8>, %[[A:.*]]: tensor<22016x64xi8>, %[[S1:.*]]: tensor<22016xf32>, %[[SX:.*]]: tensor<?xf32>, %[[INIT:.*]]: tensor<?x22016xf16>)
// CHECK: %[[Y:.*]] = liquid.w4a8_matmul act(%[[X]] : tensor<?x4096xi8>) weights(%[[W]] : tensor<22016x2048xi8>) group_params(%[[S]], %[[A]] : tensor<22016x64xi8>) channel_scales(%[[S1]] : tensor<22016xf32>) token_scales(%[[SX]] : tensor<?xf32>) outs(%[[INIT]] : tensor<?x22016xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<?x22016xf16>
// CHECK: return %[[Y]]
func.func @dual_mma_xor_dynamic_m(%x: tensor<?x4096xi8>, %w: tensor<22016x2048xi8>,
    %s: tensor<22016x64xi8>, %a: tensor<22016x64xi8>, %s1: tensor<22016xf32>,
    %sx: tensor<?xf32>, %init: tensor<?x22016xf16>) -> tensor<?x22016xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x4096xi8>)
         weights(%w : tensor<22016x2048xi8>)
         group_params(%s, %a : tensor<22016x64xi8>)
         channel_scales(%s1 : tensor<22016xf32>)
         token_scales(%sx : tensor<?xf32>)
         outs(%init : tensor<?x22016xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x22016xf16>
  return %y : tensor<?x22016xf16>
}

// CHECK-LABEL: func.func @row_major_offset_static_m
// CHECK-SAME: %[[XS:[a-z0-9]+]]: tensor<16xi32>
// CHECK: liquid.w4a8_matmul act(%{{.*}} : tensor<16x256xi8>) weights(%{{.*}} : tensor<128x256xi4>) group_params(%{{.*}}, %{{.*}} : tensor<128x2xi8>) channel_scales(%{{.*}} : tensor<128xf32>) token_scales(%{{.*}} : tensor<16xf32>) xsum(%[[XS]] : tensor<16xi32>) outs(%{{.*}} : tensor<16x128xf16>) group_size = 128 mode = offset layout = row_major -> tensor<16x128xf16>
func.func @row_major_offset_static_m(%x: tensor<16x256xi8>, %w: tensor<128x256xi4>,
    %s: tensor<128x2xi8>, %a: tensor<128x2xi8>, %s1: tensor<128xf32>,
    %sx: tensor<16xf32>, %xs: tensor<16xi32>, %init: tensor<16x128xf16>) -> tensor<16x128xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<16x256xi8>)
         weights(%w : tensor<128x256xi4>)
         group_params(%s, %a : tensor<128x2xi8>)
         channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<16xf32>)
         xsum(%xs : tensor<16xi32>)
         outs(%init : tensor<16x128xf16>)
         group_size = 128 mode = offset layout = row_major -> tensor<16x128xf16>
  return %y : tensor<16x128xf16>
}

// Per-channel quantization (G = K) with a bf16 result.
// CHECK-LABEL: func.func @per_channel_bf16
// CHECK: liquid.w4a8_matmul {{.*}} group_params(%{{.*}}, %{{.*}} : tensor<64x1xi8>) {{.*}} outs(%{{.*}} : tensor<?x64xbf16>) group_size = 192 mode = xor layout = row_major -> tensor<?x64xbf16>
func.func @per_channel_bf16(%x: tensor<?x192xi8>, %w: tensor<64x192xi4>,
    %s: tensor<64x1xi8>, %a: tensor<64x1xi8>, %s1: tensor<64xf32>,
    %sx: tensor<?xf32>, %init: tensor<?x64xbf16>) -> tensor<?x64xbf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x192xi8>)
         weights(%w : tensor<64x192xi4>)
         group_params(%s, %a : tensor<64x1xi8>)
         channel_scales(%s1 : tensor<64xf32>)
         token_scales(%sx : tensor<?xf32>)
         outs(%init : tensor<?x64xbf16>)
         group_size = 192 mode = xor layout = row_major -> tensor<?x64xbf16>
  return %y : tensor<?x64xbf16>
}

// The memref form writes its destination and returns nothing.
// CHECK-LABEL: func.func @memref_dual_mma_offset
// CHECK: liquid.w4a8_matmul act(%{{.*}} : memref<?x4096xi8>) weights(%{{.*}} : memref<4096x2048xi8>) group_params(%{{.*}}, %{{.*}} : memref<4096x64xi8>) channel_scales(%{{.*}} : memref<4096xf32>) token_scales(%{{.*}} : memref<?xf32>) xsum(%{{.*}} : memref<?xi32>) outs(%{{.*}} : memref<?x4096xf16>) group_size = 64 mode = offset layout = dual_mma{{$}}
func.func @memref_dual_mma_offset(%x: memref<?x4096xi8>, %w: memref<4096x2048xi8>,
    %s: memref<4096x64xi8>, %a: memref<4096x64xi8>, %s1: memref<4096xf32>,
    %sx: memref<?xf32>, %xs: memref<?xi32>, %y: memref<?x4096xf16>) {
  liquid.w4a8_matmul act(%x : memref<?x4096xi8>)
    weights(%w : memref<4096x2048xi8>)
    group_params(%s, %a : memref<4096x64xi8>)
    channel_scales(%s1 : memref<4096xf32>)
    token_scales(%sx : memref<?xf32>)
    xsum(%xs : memref<?xi32>)
    outs(%y : memref<?x4096xf16>)
    group_size = 64 mode = offset layout = dual_mma
  return
}
