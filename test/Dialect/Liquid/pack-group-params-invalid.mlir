// RUN: liquid-opt %s -split-input-file -verify-diagnostics

func.func @dynamic_shape(%s: tensor<?x4xi8>) -> tensor<?x4xi8> {
  // expected-error @+1 {{operand 'params' must be a static [N, K/G] tensor, got 'tensor<?x4xi8>'}}
  %p = liquid.pack_group_params %s : tensor<?x4xi8>
  return %p : tensor<?x4xi8>
}

// -----

func.func @rank_one(%s: tensor<256xi8>) -> tensor<256xi8> {
  // expected-error @+1 {{operand 'params' must be a static [N, K/G] tensor, got 'tensor<256xi8>'}}
  %p = liquid.pack_group_params %s : tensor<256xi8>
  return %p : tensor<256xi8>
}

// -----

func.func @n_not_multiple_of_64(%s: tensor<96x4xi8>) -> tensor<96x4xi8> {
  // expected-error @+1 {{n (weight rows) must be a positive multiple of 64 for the dual-MMA group-parameter order, got 96}}
  %p = liquid.pack_group_params %s : tensor<96x4xi8>
  return %p : tensor<96x4xi8>
}

// -----

func.func @no_groups(%s: tensor<64x0xi8>) -> tensor<64x0xi8> {
  // expected-error @+1 {{the number of groups must be positive, got 0}}
  %p = liquid.pack_group_params %s : tensor<64x0xi8>
  return %p : tensor<64x0xi8>
}
