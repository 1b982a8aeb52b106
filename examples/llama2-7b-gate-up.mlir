// The bundled default: the gate_up projection of a LLaMA2-7B MLP layer,
// Y[M, 22016] = X[M, 4096] * W[22016, 4096]^T, W4A8 with LiquidQuant weights
// in groups of G = 64 along K, stored in the dual-MMA packed layout. M is the
// serving batch (dynamic).
func.func @llama2_7b_gate_up(
    %x: tensor<?x4096xi8>,          // int8 activations
    %w: tensor<22016x2048xi8>,      // 4-bit codes, two per byte, dual-MMA layout
    %s: tensor<22016x64xi8>,        // per-group multipliers s in [1, 16]
    %a: tensor<22016x64xi8>,        // per-group bytes a = 128 + min
    %s1: tensor<22016xf32>,         // per-channel scales
    %sx: tensor<?xf32>)             // per-token scales
    -> tensor<?x22016xf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x4096xi8>
  %init = tensor.empty(%m) : tensor<?x22016xf16>
  %y = liquid.w4a8_matmul act(%x : tensor<?x4096xi8>)
         weights(%w : tensor<22016x2048xi8>)
         group_params(%s, %a : tensor<22016x64xi8>)
         channel_scales(%s1 : tensor<22016xf32>)
         token_scales(%sx : tensor<?xf32>)
         outs(%init : tensor<?x22016xf16>)
         group_size = 64 mode = xor layout = dual_mma -> tensor<?x22016xf16>
  return %y : tensor<?x22016xf16>
}
