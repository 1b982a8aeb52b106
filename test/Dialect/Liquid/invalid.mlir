// RUN: liquid-opt %s -split-input-file -verify-diagnostics

// A shorthand used below: a valid LLaMA-style op is
//   x: ?x256xi8, w: 128x128xi8 (dual_mma), s/a: 128x4xi8, s1: 128xf32,
//   sx: ?xf32, init: ?x128xf16, G = 64.

func.func @mixed_tensor_and_memref(%x: memref<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operands must be all ranked tensors or all memrefs; operand #0 is 'memref<?x256xi8>' but 'init' is 'tensor<?x128xf16>'}}
  %y = liquid.w4a8_matmul act(%x : memref<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @tensor_form_without_result(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) {
  // expected-error @+1 {{the tensor form must return the updated 'init'}}
  liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
    group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
    token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma
  return
}

// -----

func.func @memref_form_with_result(%x: memref<?x256xi8>, %w: memref<128x128xi8>,
    %s: memref<128x4xi8>, %s1: memref<128xf32>, %sx: memref<?xf32>,
    %init: memref<?x128xf16>) {
  // expected-error @+1 {{the memref form writes 'init' in place and returns no result}}
  %y = liquid.w4a8_matmul act(%x : memref<?x256xi8>) weights(%w : memref<128x128xi8>)
    group_params(%s, %s : memref<128x4xi8>) channel_scales(%s1 : memref<128xf32>)
    token_scales(%sx : memref<?xf32>) outs(%init : memref<?x128xf16>)
    group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return
}

// -----

func.func @result_type_differs_from_init(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xbf16> {
  // expected-error @+1 {{result type 'tensor<?x128xbf16>' must match 'init' type 'tensor<?x128xf16>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xbf16>
  return %y : tensor<?x128xbf16>
}

// -----

func.func @activations_not_i8(%x: tensor<?x256xf16>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'activations' must be i8 of rank 2 [M, K], got 'tensor<?x256xf16>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xf16>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @activations_rank_3(%x: tensor<1x?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'activations' must be i8 of rank 2 [M, K], got 'tensor<1x?x256xi8>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<1x?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @dynamic_k(%x: tensor<?x?xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'activations' must have a static K (dimension 1)}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x?xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @init_rank_1(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<128xf16>) -> tensor<128xf16> {
  // expected-error @+1 {{operand 'init' must be of rank 2 [M, N], got 'tensor<128xf16>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<128xf16>
  return %y : tensor<128xf16>
}

// -----

func.func @dynamic_n(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x?xf16>) -> tensor<?x?xf16> {
  // expected-error @+1 {{operand 'init' must have a static N (dimension 1)}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x?xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x?xf16>
  return %y : tensor<?x?xf16>
}

// -----

func.func @f32_result(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf32>) -> tensor<?x128xf32> {
  // expected-error @+1 {{operand 'init' must have element type 'f16' or 'bf16' and shape [?, 128], got 'tensor<?x128xf32>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf32>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// -----

func.func @init_m_differs(%x: tensor<16x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<16xf32>,
    %init: tensor<32x128xf16>) -> tensor<32x128xf16> {
  // expected-error @+1 {{operand 'init' must have element type 'f16' or 'bf16' and shape [16, 128], got 'tensor<32x128xf16>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<16x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<16xf32>) outs(%init : tensor<32x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<32x128xf16>
  return %y : tensor<32x128xf16>
}

// -----

func.func @group_size_not_supported(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x8xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{attribute 'group_size': group size 32 must be 64, 128 or k = 256}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x8xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 32 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @group_size_does_not_divide_k(%x: tensor<?x320xi8>, %w: tensor<128x160xi8>,
    %s: tensor<128x2xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{attribute 'group_size': group size 128 does not divide k = 320}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x320xi8>) weights(%w : tensor<128x160xi8>)
         group_params(%s, %s : tensor<128x2xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 128 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @group_size_zero(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{attribute 'group_size' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 0 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @dual_mma_n_not_multiple_of_64(%x: tensor<?x256xi8>, %w: tensor<96x128xi8>,
    %s: tensor<96x4xi8>, %s1: tensor<96xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x96xf16>) -> tensor<?x96xf16> {
  // expected-error @+1 {{layout 'dual_mma': n (weight rows) must be a positive multiple of 64 for the dual-MMA layout, got 96}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<96x128xi8>)
         group_params(%s, %s : tensor<96x4xi8>) channel_scales(%s1 : tensor<96xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x96xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x96xf16>
  return %y : tensor<?x96xf16>
}

// -----

func.func @dual_mma_weights_shape(%x: tensor<?x256xi8>, %w: tensor<128x256xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'weights' must have element type 'i8' and shape [128, 128], got 'tensor<128x256xi8>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x256xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @row_major_weights_not_i4(%x: tensor<?x256xi8>, %w: tensor<128x256xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'weights' must have element type 'i4' and shape [128, 256], got 'tensor<128x256xi8>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x256xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = row_major -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @group_scales_shape(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x2xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'group_scales' must have element type 'i8' and shape [128, 4], got 'tensor<128x2xi8>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x2xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @group_offsets_type_differs(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %a: tensor<128x4xi32>, %s1: tensor<128xf32>,
    %sx: tensor<?xf32>, %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{all of {group_scales, group_offsets} have same type}}
  %y = "liquid.w4a8_matmul"(%x, %w, %s, %a, %s1, %sx, %init)
         <{group_size = 64 : i64, layout = #liquid<weight_layout dual_mma>,
           mode = #liquid<dequant_mode xor>}>
         : (tensor<?x256xi8>, tensor<128x128xi8>, tensor<128x4xi8>, tensor<128x4xi32>,
            tensor<128xf32>, tensor<?xf32>, tensor<?x128xf16>) -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @channel_scales_f16(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf16>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'channel_scales' must have element type 'f32' and shape [128], got 'tensor<128xf16>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf16>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @token_scales_static_for_dynamic_m(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<4xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'token_scales' must have element type 'f32' and shape [?], got 'tensor<4xf32>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<4xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @xor_with_xsum(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %xs: tensor<?xi32>, %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{'xor' mode takes no 'xsum' operand}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) xsum(%xs : tensor<?xi32>)
         outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @offset_without_xsum(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{'offset' mode requires the 'xsum' operand (the per-token sums of the activations)}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = offset layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

func.func @xsum_wrong_type(%x: tensor<?x256xi8>, %w: tensor<128x128xi8>,
    %s: tensor<128x4xi8>, %s1: tensor<128xf32>, %sx: tensor<?xf32>,
    %xs: tensor<?xf32>, %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  // expected-error @+1 {{operand 'xsum' must have element type 'i32' and shape [?], got 'tensor<?xf32>'}}
  %y = liquid.w4a8_matmul act(%x : tensor<?x256xi8>) weights(%w : tensor<128x128xi8>)
         group_params(%s, %s : tensor<128x4xi8>) channel_scales(%s1 : tensor<128xf32>)
         token_scales(%sx : tensor<?xf32>) xsum(%xs : tensor<?xf32>)
         outs(%init : tensor<?x128xf16>)
         group_size = 64 mode = offset layout = dual_mma -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}
