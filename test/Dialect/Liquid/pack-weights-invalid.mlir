// RUN: liquid-opt %s -split-input-file -verify-diagnostics

func.func @dynamic_shape(%q: tensor<?x64xi4>) -> tensor<?x32xi8> {
  // expected-error @+1 {{operand 'codes' must be a static [N, K] tensor, got 'tensor<?x64xi4>'}}
  %p = liquid.pack_weights %q : tensor<?x64xi4> -> tensor<?x32xi8>
  return %p : tensor<?x32xi8>
}

// -----

func.func @rank_one(%q: tensor<4096xi4>) -> tensor<2048xi8> {
  // expected-error @+1 {{operand 'codes' must be a static [N, K] tensor, got 'tensor<4096xi4>'}}
  %p = liquid.pack_weights %q : tensor<4096xi4> -> tensor<2048xi8>
  return %p : tensor<2048xi8>
}

// -----

func.func @n_not_multiple_of_64(%q: tensor<96x64xi4>) -> tensor<96x32xi8> {
  // expected-error @+1 {{layout 'dual_mma': n (weight rows) must be a positive multiple of 64 for the dual-MMA layout, got 96}}
  %p = liquid.pack_weights %q : tensor<96x64xi4> -> tensor<96x32xi8>
  return %p : tensor<96x32xi8>
}

// -----

func.func @k_not_multiple_of_64(%q: tensor<64x32xi4>) -> tensor<64x16xi8> {
  // expected-error @+1 {{layout 'dual_mma': k (reduction size) must be a positive multiple of 64 for the dual-MMA layout, got 32}}
  %p = liquid.pack_weights %q : tensor<64x32xi4> -> tensor<64x16xi8>
  return %p : tensor<64x16xi8>
}

// -----

func.func @wrong_result_shape(%q: tensor<64x128xi4>) -> tensor<64x128xi8> {
  // expected-error @+1 {{result must have shape [64, 64] (two codes per byte), got 'tensor<64x128xi8>'}}
  %p = liquid.pack_weights %q : tensor<64x128xi4> -> tensor<64x128xi8>
  return %p : tensor<64x128xi8>
}

// -----

func.func @codes_not_i4(%q: tensor<64x64xi8>) -> tensor<64x32xi8> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 4-bit signless integer values}}
  %p = liquid.pack_weights %q : tensor<64x64xi8> -> tensor<64x32xi8>
  return %p : tensor<64x32xi8>
}
