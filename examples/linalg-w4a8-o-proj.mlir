// A W4A8 linear layer as another compiler writes it in linalg: the o_proj
// of a LLaMA2-7B attention block, Y[M, 4096] = X[M, 4096] * W^T, with
// LiquidQuant weights (4-bit codes, per-group s and a, G = 64), dynamic
// per-token activation scales and per-channel weight scales.
// `liquid-compile examples/linalg-w4a8-o-proj.mlir -o DIR` recognises it
// (liquid-from-linalg) and emits the kernel; the weights reach the kernel in
// the dual-MMA packed layout that `liquid.pack_weights` (or the Python
// package's `pack_dual_mma`) produces.
#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#tok = affine_map<(m, n) -> (m)>
#chan = affine_map<(m, n) -> (n)>
#out = affine_map<(m, n) -> (m, n)>
func.func @o_proj(%x: tensor<?x4096xi8>, %q: tensor<4096x4096xi4>,
    %s: tensor<4096x64xi8>, %a: tensor<4096x64xi8>, %sx: tensor<?xf32>,
    %s1: tensor<4096xf32>) -> tensor<?x4096xf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x4096xi8>
  // Dequantize: w8 = q4 * s + a - 128 (LiquidQuant, docs/LiquidQuant.md).
  %e = tensor.empty() : tensor<4096x4096xi8>
  %w8 = linalg.generic {indexing_maps = [#id, #g64, #g64, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<4096x4096xi4>, tensor<4096x64xi8>, tensor<4096x64xi8>)
      outs(%e : tensor<4096x4096xi8>) {
  ^bb0(%qv: i4, %sv: i8, %av: i8, %o: i8):
    %q32 = arith.extui %qv : i4 to i32
    %s32 = arith.extui %sv : i8 to i32
    %a32 = arith.extui %av : i8 to i32
    %c128 = arith.constant 128 : i32
    %p = arith.muli %q32, %s32 : i32
    %t = arith.addi %p, %a32 : i32
    %u = arith.subi %t, %c128 : i32
    %w = arith.trunci %u : i32 to i8
    linalg.yield %w : i8
  } -> tensor<4096x4096xi8>
  // int8 x int8 -> int32 with the weight transposed.
  %zero = arith.constant 0 : i32
  %ae = tensor.empty(%m) : tensor<?x4096xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<?x4096xi32>) -> tensor<?x4096xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x4096xi8>, tensor<4096x4096xi8>)
      outs(%acc0 : tensor<?x4096xi32>) -> tensor<?x4096xi32>
  // Epilogue: fp16((acc * sx[m]) * s1[n]).
  %ye = tensor.empty(%m) : tensor<?x4096xf16>
  %y = linalg.generic {indexing_maps = [#out, #tok, #chan, #out],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x4096xi32>, tensor<?xf32>, tensor<4096xf32>)
      outs(%ye : tensor<?x4096xf16>) {
  ^bb0(%accv: i32, %sxv: f32, %s1v: f32, %o: f16):
    %f = arith.sitofp %accv : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x4096xf16>
  return %y : tensor<?x4096xf16>
}
