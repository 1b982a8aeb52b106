// RUN: liquid-opt %s -one-shot-bufferize="bufferize-function-boundaries" -split-input-file | FileCheck %s

// The tensor form bufferizes in place into the memref form: every operand
// becomes the buffer of its tensor and the destination buffer is returned.

// CHECK-LABEL: func.func @bufferize_xor
// CHECK-SAME: (%[[X:.*]]: memref<?x4096xi8{{.*}}>, %[[W:.*]]: memref<4096x2048xi8{{.*}}>, %[[S:.*]]: memref<4096x64xi8{{.*}}>, %[[A:.*]]: memref<4096x64xi8{{.*}}>, %[[S1:.*]]: memref<4096xf32{{.*}}>, %[[SX:.*]]: memref<?xf32{{.*}}>, %[[INIT:.*]]: memref<?x4096xf16{{.*}}>)
// CHECK-NOT: memref.alloc
// CHECK: liquid.w4a8_matmul act(%[[X]] : memref<?x4096xi8{{.*}}>) weights(%[[W]] : {{.*}}) group_params(%[[S]], %[[A]] : {{.*}}) channel_scales(%[[S1]] : {{.*}}) token_scales(%[[SX]] : {{.*}}) outs(%[[INIT]] : memref<?x4096xf16{{.*}}>) group_size = 64 mode = xor layout = dual_mma{{$}}
// CHECK: return %[[INIT]]
func.func @bufferize_xor(%x: tensor<?x4096xi8>, %w: tensor<4096x2048xi8>,
    %s: tensor<4096x64xi8>, %a: tensor<4096x64xi8>, %s1: tensor<4096xf32>,
    %sx: tensor<?xf32>, %init: tensor<?x4096xf16>) -> tensor<?x4096xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x4096xi8>)
         weights(%w : tensor<4096x2048xi8>)
         group_params(%s, %a : tensor<4096x64xi8>)
         channel_scales(%s1 : tensor<4096xf32>)
         token_scales(%sx : tensor<?xf32>)
         outs(%init : tensor<?x4096xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x4096xf16>
  return %y : tensor<?x4096xf16>
}

// -----

// An offset-mode op whose destination comes from tensor.empty: the
// destination is allocated and xsum travels with the other operands.

// CHECK-LABEL: func.func @bufferize_offset_empty_init
// CHECK-SAME: %[[XS:[a-z0-9]+]]: memref<16xi32{{.*}}>
// CHECK: %[[ALLOC:.*]] = memref.alloc() {{.*}}: memref<16x128xf16>
// CHECK: liquid.w4a8_matmul {{.*}} xsum(%[[XS]] : memref<16xi32{{.*}}>) outs(%[[ALLOC]] : memref<16x128xf16>) group_size = 128 mode = offset layout = row_major{{$}}
// CHECK: return %[[ALLOC]]
func.func @bufferize_offset_empty_init(%x: tensor<16x256xi8>, %w: tensor<128x256xi4>,
    %s: tensor<128x2xi8>, %a: tensor<128x2xi8>, %s1: tensor<128xf32>,
    %sx: tensor<16xf32>, %xs: tensor<16xi32>) -> tensor<16x128xf16> {
  %init = tensor.empty() : tensor<16x128xf16>
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

// -----

// When the destination is read after the op, bufferization must not write it
// in place. The op overwrites every element of its destination without
// reading it, so the new buffer needs no copy of the old contents.

// CHECK-LABEL: func.func @bufferize_out_of_place
// CHECK-SAME: %[[INIT:[a-z0-9]+]]: memref<?x128xf16{{.*}}>)
// CHECK: %[[NEW:.*]] = memref.alloc
// CHECK-NOT: memref.copy
// CHECK: liquid.w4a8_matmul {{.*}} outs(%[[NEW]] : {{.*}})
// CHECK: return %[[NEW]], %[[INIT]]
func.func @bufferize_out_of_place(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> (tensor<?x128xf16>, tensor<?x128xf16>) {
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y, %init : tensor<?x128xf16>, tensor<?x128xf16>
}
