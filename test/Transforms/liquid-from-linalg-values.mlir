// REQUIRES: mlir-runner, numpy
//
// Every linalg form that -liquid-from-linalg converts computes exactly what
// liquid's reference computes. The file holds one function per accepted form
// of docs/FromLinalg.md, all small:
//
//   @w4a8_linear               transpose-B linalg.matmul   M=3 N=64  K=128 G=64
//   @w4a8_matmul_of_transpose  linalg.matmul of a linalg.transpose, XOR
//                              spelling in i8              M=2 N=64  K=256 G=128
//   @w4a8_generic_contraction  linalg.generic contraction  M=4 N=64  K=128 G=64
//   @w4a8_batch_matmul_batch1  linalg.batch_matmul, batch 1 M=3 N=64  K=128 G=64
//   @w4a8_per_channel          per channel, [N, 1] group tensors at (n, 0)
//                                                          M=2 N=128 K=128 G=K
//   @w4a8_packed_i8            codes as i8 [N, K/2], two per byte, nibble
//                              selected with linalg.index  M=3 N=64  K=128 G=64
//
// (The per-channel layer writes f16: liquid's numpy reference has no bf16.)
// For each form, the generator draws weights, activations and token scales
// from a fixed seed, quantizes the weights with liquid.quant.quantize_weights
// and appends to @main a call of the function on them as constants; it also
// writes the expected outputs, the f16 bits of liquid.reference.reference_gemm
// on the same inputs, in the same order.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %numpy_python %S/Inputs/from_linalg_values.py main > %t/main.mlir
// RUN: %numpy_python %S/Inputs/from_linalg_values.py check > %t/expected.txt
// RUN: cat %s %t/main.mlir > %t/layer.mlir
//
// 1. The pass converts every layer of this very file.
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

// CONVERT-LABEL: func.func @w4a8_matmul_of_transpose
// CONVERT-NOT: linalg.
// CONVERT: %[[P:.*]] = liquid.pack_weights %{{.*}} : tensor<64x256xi4> -> tensor<64x128xi8>
// CONVERT-NOT: linalg.
// CONVERT: %[[Y:.*]] = liquid.w4a8_matmul act(%{{.*}} : tensor<2x256xi8>) weights(%[[P]] : tensor<64x128xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<2xf32>) outs(%{{.*}} : tensor<2x64xf16>) group_size = 128 mode = xor layout = dual_mma -> tensor<2x64xf16>
// CONVERT-NOT: linalg.
// CONVERT: return %[[Y]]

func.func @w4a8_matmul_of_transpose(%x: tensor<2x256xi8>, %q: tensor<64x256xi4>,
    %s: tensor<64x2xi8>, %a: tensor<64x2xi8>, %sx: tensor<2xf32>,
    %s1: tensor<64xf32>) -> tensor<2x64xf16> {
  %e = tensor.empty() : tensor<64x256xi8>
  %w8 = linalg.generic {indexing_maps = [affine_map<(n, k) -> (n, k floordiv 128)>,
                                         affine_map<(n, k) -> (n, k)>,
                                         affine_map<(n, k) -> (n, k floordiv 128)>,
                                         affine_map<(n, k) -> (n, k)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%a, %q, %s : tensor<64x2xi8>, tensor<64x256xi4>, tensor<64x2xi8>)
      outs(%e : tensor<64x256xi8>) {
  ^bb0(%av: i8, %qv: i4, %sv: i8, %out: i8):
    %q8 = arith.extui %qv : i4 to i8
    %p = arith.muli %sv, %q8 : i8
    %t = arith.addi %av, %p : i8
    %c = arith.constant -128 : i8
    %w = arith.xori %t, %c : i8
    linalg.yield %w : i8
  } -> tensor<64x256xi8>
  %te = tensor.empty() : tensor<256x64xi8>
  %wt = linalg.transpose ins(%w8 : tensor<64x256xi8>) outs(%te : tensor<256x64xi8>) permutation = [1, 0]
  %zero = arith.constant 0 : i32
  %ae = tensor.empty() : tensor<2x64xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<2x64xi32>) -> tensor<2x64xi32>
  %acc = linalg.matmul ins(%x, %wt : tensor<2x256xi8>, tensor<256x64xi8>)
      outs(%acc0 : tensor<2x64xi32>) -> tensor<2x64xi32>
  %init = tensor.empty() : tensor<2x64xf16>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (n)>,
                                        affine_map<(m, n) -> (m, n)>,
                                        affine_map<(m, n) -> (m)>,
                                        affine_map<(m, n) -> (m, n)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%s1, %acc, %sx : tensor<64xf32>, tensor<2x64xi32>, tensor<2xf32>)
      outs(%init : tensor<2x64xf16>) {
  ^bb0(%s1v: f32, %av: i32, %sxv: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %sxv, %f : f32
    %u = arith.mulf %s1v, %t : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<2x64xf16>
  return %y : tensor<2x64xf16>
}

// CONVERT-LABEL: func.func @w4a8_generic_contraction
// CONVERT-NOT: linalg.
// CONVERT: %[[P:.*]] = liquid.pack_weights %{{.*}} : tensor<64x128xi4> -> tensor<64x64xi8>
// CONVERT-NOT: linalg.
// CONVERT: %[[Y:.*]] = liquid.w4a8_matmul act(%{{.*}} : tensor<4x128xi8>) weights(%[[P]] : tensor<64x64xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<4xf32>) outs(%{{.*}} : tensor<4x64xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<4x64xf16>
// CONVERT-NOT: linalg.
// CONVERT: return %[[Y]]

func.func @w4a8_generic_contraction(%x: tensor<4x128xi8>, %q: tensor<64x128xi4>,
    %s: tensor<64x2xi8>, %a: tensor<64x2xi8>, %sx: tensor<4xf32>,
    %s1: tensor<64xf32>) -> tensor<4x64xf16> {
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
  %ae = tensor.empty() : tensor<4x64xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<4x64xi32>) -> tensor<4x64xi32>
  %acc = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                          affine_map<(m, n, k) -> (n, k)>,
                                          affine_map<(m, n, k) -> (m, n)>],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w8 : tensor<4x128xi8>, tensor<64x128xi8>) outs(%acc0 : tensor<4x64xi32>) {
  ^bb0(%xv: i8, %wv: i8, %cv: i32):
    %x32 = arith.extsi %xv : i8 to i32
    %w32 = arith.extsi %wv : i8 to i32
    %p = arith.muli %x32, %w32 : i32
    %r = arith.addi %cv, %p : i32
    linalg.yield %r : i32
  } -> tensor<4x64xi32>
  %init = tensor.empty() : tensor<4x64xf16>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>,
                                        affine_map<(m, n) -> (m)>,
                                        affine_map<(m, n) -> (n)>,
                                        affine_map<(m, n) -> (m, n)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<4x64xi32>, tensor<4xf32>, tensor<64xf32>)
      outs(%init : tensor<4x64xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<4x64xf16>
  return %y : tensor<4x64xf16>
}

// CONVERT-LABEL: func.func @w4a8_batch_matmul_batch1
// CONVERT-NOT: linalg.
// CONVERT: %[[P:.*]] = liquid.pack_weights %{{.*}} : tensor<64x128xi4> -> tensor<64x64xi8>
// CONVERT: %[[X2:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<1x3x128xi8> into tensor<3x128xi8>
// CONVERT-NOT: linalg.
// CONVERT: %[[Y:.*]] = liquid.w4a8_matmul act(%[[X2]] : tensor<3x128xi8>) weights(%[[P]] : tensor<64x64xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<3xf32>) outs(%{{.*}} : tensor<3x64xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<3x64xf16>
// CONVERT-NOT: linalg.
// CONVERT: return %[[Y]]

func.func @w4a8_batch_matmul_batch1(%x: tensor<1x3x128xi8>, %q: tensor<64x128xi4>,
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
  %w3 = tensor.expand_shape %w8 [[0, 1], [2]] output_shape [1, 64, 128]
      : tensor<64x128xi8> into tensor<1x64x128xi8>
  %zero = arith.constant 0 : i32
  %ae = tensor.empty() : tensor<1x3x64xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<1x3x64xi32>) -> tensor<1x3x64xi32>
  %acc3 = linalg.batch_matmul
      indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>,
                       affine_map<(b, m, n, k) -> (b, n, k)>,
                       affine_map<(b, m, n, k) -> (b, m, n)>]
      ins(%x, %w3 : tensor<1x3x128xi8>, tensor<1x64x128xi8>)
      outs(%acc0 : tensor<1x3x64xi32>) -> tensor<1x3x64xi32>
  %acc = tensor.collapse_shape %acc3 [[0, 1], [2]] : tensor<1x3x64xi32> into tensor<3x64xi32>
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

// CONVERT-LABEL: func.func @w4a8_per_channel
// CONVERT-NOT: linalg.
// CONVERT: %[[P:.*]] = liquid.pack_weights %{{.*}} : tensor<128x128xi4> -> tensor<128x64xi8>
// CONVERT-NOT: linalg.
// CONVERT: %[[Y:.*]] = liquid.w4a8_matmul act(%{{.*}} : tensor<2x128xi8>) weights(%[[P]] : tensor<128x64xi8>) group_params(%{{.*}}, %{{.*}} : tensor<128x1xi8>) channel_scales(%{{.*}} : tensor<128xf32>) token_scales(%{{.*}} : tensor<2xf32>) outs(%{{.*}} : tensor<2x128xf16>) group_size = 128 mode = xor layout = dual_mma -> tensor<2x128xf16>
// CONVERT-NOT: linalg.
// CONVERT: return %[[Y]]

func.func @w4a8_per_channel(%x: tensor<2x128xi8>, %q: tensor<128x128xi4>,
    %s: tensor<128x1xi8>, %a: tensor<128x1xi8>, %sx: tensor<2xf32>,
    %s1: tensor<128xf32>) -> tensor<2x128xf16> {
  %e = tensor.empty() : tensor<128x128xi8>
  %w8 = linalg.generic {indexing_maps = [affine_map<(n, k) -> (n, k)>,
                                         affine_map<(n, k) -> (n, 0)>,
                                         affine_map<(n, k) -> (n, 0)>,
                                         affine_map<(n, k) -> (n, k)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<128x128xi4>, tensor<128x1xi8>, tensor<128x1xi8>)
      outs(%e : tensor<128x128xi8>) {
  ^bb0(%qv: i4, %sv: i8, %av: i8, %out: i8):
    %q32 = arith.extui %qv : i4 to i32
    %s32 = arith.extui %sv : i8 to i32
    %a32 = arith.extsi %av : i8 to i32
    %p = arith.muli %q32, %s32 : i32
    %c = arith.constant -128 : i32
    %t = arith.addi %p, %c : i32
    %u = arith.addi %a32, %t : i32
    %w = arith.trunci %u : i32 to i8
    linalg.yield %w : i8
  } -> tensor<128x128xi8>
  %zero = arith.constant 0 : i32
  %ae = tensor.empty() : tensor<2x128xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<2x128xi32>) -> tensor<2x128xi32>
  %acc = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                        affine_map<(m, n, k) -> (n, k)>,
                                        affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w8 : tensor<2x128xi8>, tensor<128x128xi8>)
      outs(%acc0 : tensor<2x128xi32>) -> tensor<2x128xi32>
  %init = tensor.empty() : tensor<2x128xf16>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>,
                                        affine_map<(m, n) -> (m)>,
                                        affine_map<(m, n) -> (n)>,
                                        affine_map<(m, n) -> (m, n)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<2x128xi32>, tensor<2xf32>, tensor<128xf32>)
      outs(%init : tensor<2x128xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<2x128xf16>
  return %y : tensor<2x128xf16>
}

// The codes arrive as bytes (low nibble = even k); the pass unpacks them to
// i4 [N, K] with a linalg.generic for liquid.pack_weights.
// CONVERT-LABEL: func.func @w4a8_packed_i8
// CONVERT-SAME: (%{{.*}}: tensor<3x128xi8>, %[[B:[a-z0-9]+]]: tensor<64x64xi8>
// CONVERT: %[[C:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<64x64xi8>) outs(%{{.*}} : tensor<64x128xi4>)
// CONVERT: %[[P:.*]] = liquid.pack_weights %[[C]] : tensor<64x128xi4> -> tensor<64x64xi8>
// CONVERT-NOT: linalg.
// CONVERT: %[[Y:.*]] = liquid.w4a8_matmul act(%{{.*}} : tensor<3x128xi8>) weights(%[[P]] : tensor<64x64xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<3xf32>) outs(%{{.*}} : tensor<3x64xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<3x64xf16>
// CONVERT-NOT: linalg.
// CONVERT: return %[[Y]]
// CONVERT-LABEL: func.func @main

func.func @w4a8_packed_i8(%x: tensor<3x128xi8>, %b: tensor<64x64xi8>,
    %s: tensor<64x2xi8>, %a: tensor<64x2xi8>, %sx: tensor<3xf32>,
    %s1: tensor<64xf32>) -> tensor<3x64xf16> {
  %e = tensor.empty() : tensor<64x128xi8>
  %w8 = linalg.generic {indexing_maps = [affine_map<(n, k) -> (n, k floordiv 2)>,
                                         affine_map<(n, k) -> (n, k floordiv 64)>,
                                         affine_map<(n, k) -> (n, k floordiv 64)>,
                                         affine_map<(n, k) -> (n, k)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%b, %s, %a : tensor<64x64xi8>, tensor<64x2xi8>, tensor<64x2xi8>)
      outs(%e : tensor<64x128xi8>) {
  ^bb0(%bv: i8, %sv: i8, %av: i8, %out: i8):
    %k = linalg.index 1 : index
    %k32 = arith.index_cast %k : index to i32
    %c2 = arith.constant 2 : i32
    %odd = arith.remui %k32, %c2 : i32
    %c4 = arith.constant 4 : i32
    %sh = arith.muli %odd, %c4 : i32
    %b32 = arith.extui %bv : i8 to i32
    %v = arith.shrui %b32, %sh : i32
    %c15 = arith.constant 15 : i32
    %q32 = arith.andi %v, %c15 : i32
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
