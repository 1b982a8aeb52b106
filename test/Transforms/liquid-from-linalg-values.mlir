// REQUIRES: mlir-runner, numpy
//
// The linalg form that -liquid-from-linalg converts computes exactly what
// liquid's reference computes. @w4a8_linear below is the canonical W4A8 layer
// of docs/FromLinalg.md (M = 3, N = 64, K = 128, G = 64). The generator draws
// weights, activations and token scales from a fixed seed, quantizes the
// weights with liquid.quant.quantize_weights and appends a @main that calls
// @w4a8_linear on them as constants; it also writes the expected output, the
// f16 bits of liquid.reference.reference_gemm on the same inputs.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %numpy_python %S/Inputs/from_linalg_values.py main > %t/main.mlir
// RUN: %numpy_python %S/Inputs/from_linalg_values.py check > %t/expected.txt
// RUN: cat %s %t/main.mlir > %t/layer.mlir
//
// 1. The pass converts the layer of this very file.
// RUN: liquid-opt %t/layer.mlir -liquid-from-linalg | FileCheck %s --check-prefix=CONVERT
//
// 2. The linalg semantics, run on the CPU, equal the reference bit for bit.
// RUN: liquid-opt %t/layer.mlir --one-shot-bufferize=bufferize-function-boundaries \
// RUN:     --convert-linalg-to-loops --lower-affine --convert-scf-to-cf --expand-strided-metadata \
// RUN:     --convert-to-llvm --reconcile-unrealized-casts \
// RUN:   | %mlir-runner -e main -entry-point-result=void \
// RUN:     -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %t/expected.txt

// CONVERT-LABEL: func.func @w4a8_linear
// CONVERT-NOT: linalg.
// CONVERT: %[[P:.*]] = liquid.pack_weights %{{.*}} : tensor<64x128xi4> -> tensor<64x64xi8>
// CONVERT-NOT: linalg.
// CONVERT: %[[Y:.*]] = liquid.w4a8_matmul act(%{{.*}} : tensor<3x128xi8>) weights(%[[P]] : tensor<64x64xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<3xf32>) outs(%{{.*}} : tensor<3x64xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<3x64xf16>
// CONVERT-NOT: linalg.
// CONVERT: return %[[Y]]
// CONVERT-LABEL: func.func @main

func.func @w4a8_linear(%x: tensor<3x128xi8>, %q: tensor<64x128xi4>,
    %s: tensor<64x2xi8>, %a: tensor<64x2xi8>, %sx: tensor<3xf32>,
    %s1: tensor<64xf32>) -> tensor<3x64xf16> {
  %e = tensor.empty() : tensor<64x128xi8>
  %w8 = linalg.generic {indexing_maps = [affine_map<(n, k) -> (n, k)>,
                                         affine_map<(n, k) -> (n, k floordiv 64)>,
                                         affine_map<(n, k) -> (n, k floordiv 64)>,
                                         affine_map<(n, k) -> (n, k)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<64x128xi4>, tensor<64x2xi8>, tensor<64x2xi8>)
      outs(%e : tensor<64x128xi8>) {
  ^bb0(%qv: i4, %sv: i8, %av: i8, %out: i8):
    %q32 = arith.extui %qv : i4 to i32
    %s32 = arith.extui %sv : i8 to i32
    %a32 = arith.extui %av : i8 to i32
    %c128 = arith.constant 128 : i32
    %p = arith.muli %q32, %s32 : i32
    %t = arith.addi %p, %a32 : i32
    %u = arith.subi %t, %c128 : i32
    %w = arith.trunci %u : i32 to i8
    linalg.yield %w : i8
  } -> tensor<64x128xi8>
  %zero = arith.constant 0 : i32
  %ae = tensor.empty() : tensor<3x64xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<3x64xi32>) -> tensor<3x64xi32>
  %acc = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (n, k)>,
                                        affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w8 : tensor<3x128xi8>, tensor<64x128xi8>)
      outs(%acc0 : tensor<3x64xi32>) -> tensor<3x64xi32>
  %init = tensor.empty() : tensor<3x64xf16>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>,
                                        affine_map<(m, n) -> (m)>,
                                        affine_map<(m, n) -> (n)>,
                                        affine_map<(m, n) -> (m, n)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<3x64xi32>, tensor<3xf32>, tensor<64xf32>)
      outs(%init : tensor<3x64xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<3x64xf16>
  return %y : tensor<3x64xf16>
}
