// Malformed IR and unknown attribute values end in a diagnostic and a
// non-zero exit status, never in a crash.
// RUN: not liquid-opt %s -split-input-file 2>&1 | FileCheck %s

// CHECK: error: custom op 'liquid.w4a8_matmul' expected ::mlir::liquid::DequantMode to be one of: xor, offset
func.func @unknown_mode(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xnor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

// CHECK: error: custom op 'liquid.w4a8_matmul' expected ::mlir::liquid::WeightLayout to be one of: row_major, dual_mma
func.func @unknown_layout(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = packed -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

// CHECK: error: custom op 'liquid.w4a8_matmul' invalid kind of attribute specified
func.func @group_size_not_integer(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = "64" mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

// CHECK: error: custom op 'liquid.w4a8_matmul' expected 'outs'
func.func @missing_destination(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>) {
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return
}

// -----

// CHECK: error: unknown attribute `weight_layouts` in dialect `liquid`
func.func @unknown_dialect_attribute() attributes {l = #liquid<weight_layouts dual_mma>} {
  return
}

// -----

// CHECK: error: expected non-function type
func.func @truncated(
