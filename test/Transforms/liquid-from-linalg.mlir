// RUN: liquid-opt %s -split-input-file -liquid-from-linalg -verify-diagnostics | FileCheck %s
// The converted layers fold their constant weights into packed bytes.
// RUN: liquid-opt %s -split-input-file -liquid-from-linalg -canonicalize -verify-diagnostics | FileCheck %s --check-prefix=FOLD

// A W4A8 linear layer as a compiler writes it in linalg (DESIGN §2):
//
//   w8[n, k]  = trunci(extui(q4[n, k]) * s[n, k/G] + a[n, k/G] - 128)   dequant
//   acc[m, n] = sum_k extsi(x[m, k]) * extsi(w8[n, k])                  matmul
//   y[m, n]   = f16((f32(acc[m, n]) * sx[m]) * s1[n])                   epilogue
//
// becomes liquid.pack_weights(q4) + liquid.w4a8_matmul (xor mode, dual_mma).

#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// Canonical spelling: i32 arithmetic with `- 128`, transpose-B linalg.matmul,
// dynamic M, G = 64.
// CHECK-LABEL: func.func @matmul_transpose_b_g64
// CHECK-SAME: (%[[X:.*]]: tensor<?x256xi8>, %[[Q:.*]]: tensor<128x256xi4>, %[[S:.*]]: tensor<128x4xi8>, %[[A:.*]]: tensor<128x4xi8>, %[[SX:.*]]: tensor<?xf32>, %[[S1:.*]]: tensor<128xf32>, %[[INIT:.*]]: tensor<?x128xf16>)
// CHECK-NOT: linalg.
// CHECK: %[[P:.*]] = liquid.pack_weights %[[Q]] : tensor<128x256xi4> -> tensor<128x128xi8>
// The dual_mma layout covers the group parameters: both go through
// liquid.pack_group_params.
// CHECK-NEXT: %[[PS:.*]] = liquid.pack_group_params %[[S]] : tensor<128x4xi8>
// CHECK-NEXT: %[[PA:.*]] = liquid.pack_group_params %[[A]] : tensor<128x4xi8>
// CHECK-NOT: linalg.
// CHECK: %[[Y:.*]] = liquid.w4a8_matmul act(%[[X]] : tensor<?x256xi8>) weights(%[[P]] : tensor<128x128xi8>) group_params(%[[PS]], %[[PA]] : tensor<128x4xi8>) channel_scales(%[[S1]] : tensor<128xf32>) token_scales(%[[SX]] : tensor<?xf32>) outs(%[[INIT]] : tensor<?x128xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<?x128xf16>
// CHECK-NOT: linalg.
// CHECK: return %[[Y]]
func.func @matmul_transpose_b_g64(%x: tensor<?x256xi8>, %q: tensor<128x256xi4>,
    %s: tensor<128x4xi8>, %a: tensor<128x4xi8>, %sx: tensor<?xf32>,
    %s1: tensor<128xf32>, %init: tensor<?x128xf16>) -> tensor<?x128xf16> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x256xi8>
  %e = tensor.empty() : tensor<128x256xi8>
  %w8 = linalg.generic {indexing_maps = [#id, #g64, #g64, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<128x256xi4>, tensor<128x4xi8>, tensor<128x4xi8>)
      outs(%e : tensor<128x256xi8>) {
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
  } -> tensor<128x256xi8>
  %zero = arith.constant 0 : i32
  %ae = tensor.empty(%m) : tensor<?x128xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<?x128xi32>) -> tensor<?x128xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x256xi8>, tensor<128x256xi8>)
      outs(%acc0 : tensor<?x128xi32>) -> tensor<?x128xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x128xi32>, tensor<?xf32>, tensor<128xf32>)
      outs(%init : tensor<?x128xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

#id = affine_map<(n, k) -> (n, k)>
#g128 = affine_map<(n, k) -> (n, k floordiv 128)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// i8 arithmetic with the XOR spelling, linalg.matmul of a linalg.transpose,
// static M, G = 128, scale operands in another order; a constant weight
// folds to the packed bytes.
// CHECK-LABEL: func.func @matmul_of_transpose_g128
// CHECK-NOT: linalg.
// CHECK: %[[P:.*]] = liquid.pack_weights %{{.*}} : tensor<64x256xi4> -> tensor<64x128xi8>
// CHECK: liquid.w4a8_matmul act(%{{.*}} : tensor<16x256xi8>) weights(%[[P]] : tensor<64x128xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<16xf32>) outs(%{{.*}} : tensor<16x64xf16>) group_size = 128 mode = xor layout = dual_mma -> tensor<16x64xf16>
// CHECK-NOT: linalg.
// FOLD-LABEL: func.func @matmul_of_transpose_g128
// FOLD: %[[P:.*]] = arith.constant dense<119> : tensor<64x128xi8>
// FOLD-NOT: liquid.pack_weights
// FOLD: liquid.w4a8_matmul act(%{{.*}} : tensor<16x256xi8>) weights(%[[P]] : tensor<64x128xi8>)
func.func @matmul_of_transpose_g128(%x: tensor<16x256xi8>,
    %s: tensor<64x2xi8>, %a: tensor<64x2xi8>, %sx: tensor<16xf32>,
    %s1: tensor<64xf32>, %init: tensor<16x64xf16>) -> tensor<16x64xf16> {
  %q = arith.constant dense<7> : tensor<64x256xi4>
  %e = tensor.empty() : tensor<64x256xi8>
  %w8 = linalg.generic {indexing_maps = [#g128, #id, #g128, #id],
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
  %ae = tensor.empty() : tensor<16x64xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<16x64xi32>) -> tensor<16x64xi32>
  %acc = linalg.matmul ins(%x, %wt : tensor<16x256xi8>, tensor<256x64xi8>)
      outs(%acc0 : tensor<16x64xi32>) -> tensor<16x64xi32>
  %y = linalg.generic {indexing_maps = [#col, #mn2, #row, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%s1, %acc, %sx : tensor<64xf32>, tensor<16x64xi32>, tensor<16xf32>)
      outs(%init : tensor<16x64xf16>) {
  ^bb0(%s1v: f32, %av: i32, %sxv: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %sxv, %f : f32
    %u = arith.mulf %s1v, %t : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<16x64xf16>
  return %y : tensor<16x64xf16>
}

// -----

#id = affine_map<(n, k) -> (n, k)>
#ch = affine_map<(n, k) -> (n, 0)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// Per channel (G = K) with i32 group parameters (truncated to their bytes),
// sign-extended offsets and `+ (-128)`, a linalg.generic contraction and a
// bf16 output.
// CHECK-LABEL: func.func @generic_contraction_per_channel
// CHECK-SAME: %[[S:[a-z0-9]+]]: tensor<64x1xi32>, %[[A:[a-z0-9]+]]: tensor<64x1xi32>
// CHECK-NOT: linalg.
// CHECK: %[[S8:.*]] = arith.trunci %[[S]] : tensor<64x1xi32> to tensor<64x1xi8>
// CHECK-NEXT: %[[PS8:.*]] = liquid.pack_group_params %[[S8]] : tensor<64x1xi8>
// CHECK-NEXT: %[[A8:.*]] = arith.trunci %[[A]] : tensor<64x1xi32> to tensor<64x1xi8>
// CHECK-NEXT: %[[PA8:.*]] = liquid.pack_group_params %[[A8]] : tensor<64x1xi8>
// CHECK: liquid.w4a8_matmul act(%{{.*}} : tensor<?x128xi8>) weights(%{{.*}} : tensor<64x64xi8>) group_params(%[[PS8]], %[[PA8]] : tensor<64x1xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<?xf32>) outs(%{{.*}} : tensor<?x64xbf16>) group_size = 128 mode = xor layout = dual_mma -> tensor<?x64xbf16>
// CHECK-NOT: linalg.
func.func @generic_contraction_per_channel(%x: tensor<?x128xi8>,
    %q: tensor<64x128xi4>, %s: tensor<64x1xi32>, %a: tensor<64x1xi32>,
    %sx: tensor<?xf32>, %s1: tensor<64xf32>, %init: tensor<?x64xbf16>,
    %acc0: tensor<?x64xi32>) -> tensor<?x64xbf16> {
  %e = tensor.empty() : tensor<64x128xi8>
  %w8 = linalg.generic {indexing_maps = [#id, #ch, #ch, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<64x128xi4>, tensor<64x1xi32>, tensor<64x1xi32>)
      outs(%e : tensor<64x128xi8>) {
  ^bb0(%qv: i4, %sv: i32, %av: i32, %out: i8):
    %q32 = arith.extui %qv : i4 to i32
    %p = arith.muli %q32, %sv : i32
    %c = arith.constant -128 : i32
    %t = arith.addi %p, %c : i32
    %u = arith.addi %av, %t : i32
    %w = arith.trunci %u : i32 to i8
    linalg.yield %w : i8
  } -> tensor<64x128xi8>
  %zero = arith.constant 0 : i32
  %accz = linalg.fill ins(%zero : i32) outs(%acc0 : tensor<?x64xi32>) -> tensor<?x64xi32>
  %acc = linalg.generic {indexing_maps = [#mk, #nk, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w8 : tensor<?x128xi8>, tensor<64x128xi8>)
      outs(%accz : tensor<?x64xi32>) {
  ^bb0(%xv: i8, %wv: i8, %cv: i32):
    %x32 = arith.extsi %xv : i8 to i32
    %w32 = arith.extsi %wv : i8 to i32
    %p = arith.muli %x32, %w32 : i32
    %r = arith.addi %cv, %p : i32
    linalg.yield %r : i32
  } -> tensor<?x64xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x64xi32>, tensor<?xf32>, tensor<64xf32>)
      outs(%init : tensor<?x64xbf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: bf16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to bf16
    linalg.yield %h : bf16
  } -> tensor<?x64xbf16>
  return %y : tensor<?x64xbf16>
}

// -----

// Near miss: G = 32 is not a group size of the kernel.
#id = affine_map<(n, k) -> (n, k)>
#g32 = affine_map<(n, k) -> (n, k floordiv 32)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// CHECK-LABEL: func.func @group_size_32
// CHECK-NOT: liquid.
// CHECK: linalg.matmul
func.func @group_size_32(%x: tensor<?x256xi8>, %q: tensor<128x256xi4>,
    %s: tensor<128x8xi8>, %a: tensor<128x8xi8>, %sx: tensor<?xf32>,
    %s1: tensor<128xf32>, %init: tensor<?x128xf16>, %acc0: tensor<?x128xi32>) -> tensor<?x128xf16> {
  %e = tensor.empty() : tensor<128x256xi8>
  // expected-remark @+1 {{not converted to liquid.w4a8_matmul: group size 32:}}
  %w8 = linalg.generic {indexing_maps = [#id, #g32, #g32, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<128x256xi4>, tensor<128x8xi8>, tensor<128x8xi8>)
      outs(%e : tensor<128x256xi8>) {
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
  } -> tensor<128x256xi8>
  %zero = arith.constant 0 : i32
  %accz = linalg.fill ins(%zero : i32) outs(%acc0 : tensor<?x128xi32>) -> tensor<?x128xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x256xi8>, tensor<128x256xi8>)
      outs(%accz : tensor<?x128xi32>) -> tensor<?x128xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x128xi32>, tensor<?xf32>, tensor<128xf32>)
      outs(%init : tensor<?x128xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

// Near miss: N = 96 does not fill the 64-row blocks of the packed layout.
#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// CHECK-LABEL: func.func @n_not_multiple_of_64
// CHECK-NOT: liquid.
// CHECK: linalg.matmul
func.func @n_not_multiple_of_64(%x: tensor<?x256xi8>, %q: tensor<96x256xi4>,
    %s: tensor<96x4xi8>, %a: tensor<96x4xi8>, %sx: tensor<?xf32>,
    %s1: tensor<96xf32>, %init: tensor<?x96xf16>, %acc0: tensor<?x96xi32>) -> tensor<?x96xf16> {
  %e = tensor.empty() : tensor<96x256xi8>
  // expected-remark @+1 {{not converted to liquid.w4a8_matmul: the packed weight layout needs it: n (weight rows) must be a positive multiple of 64 for the dual-MMA layout, got 96}}
  %w8 = linalg.generic {indexing_maps = [#id, #g64, #g64, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<96x256xi4>, tensor<96x4xi8>, tensor<96x4xi8>)
      outs(%e : tensor<96x256xi8>) {
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
  } -> tensor<96x256xi8>
  %zero = arith.constant 0 : i32
  %accz = linalg.fill ins(%zero : i32) outs(%acc0 : tensor<?x96xi32>) -> tensor<?x96xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x256xi8>, tensor<96x256xi8>)
      outs(%accz : tensor<?x96xi32>) -> tensor<?x96xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x96xi32>, tensor<?xf32>, tensor<96xf32>)
      outs(%init : tensor<?x96xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x96xf16>
  return %y : tensor<?x96xf16>
}

// -----

// Near miss: the epilogue scales by s1 before sx, which rounds differently
// from the kernel's (acc * sx) * s1.
#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// CHECK-LABEL: func.func @epilogue_order
// CHECK-NOT: liquid.
// CHECK: linalg.matmul
func.func @epilogue_order(%x: tensor<?x256xi8>, %q: tensor<128x256xi4>,
    %s: tensor<128x4xi8>, %a: tensor<128x4xi8>, %sx: tensor<?xf32>,
    %s1: tensor<128xf32>, %init: tensor<?x128xf16>, %acc0: tensor<?x128xi32>) -> tensor<?x128xf16> {
  %e = tensor.empty() : tensor<128x256xi8>
  %w8 = linalg.generic {indexing_maps = [#id, #g64, #g64, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%q, %s, %a : tensor<128x256xi4>, tensor<128x4xi8>, tensor<128x4xi8>)
      outs(%e : tensor<128x256xi8>) {
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
  } -> tensor<128x256xi8>
  %zero = arith.constant 0 : i32
  %accz = linalg.fill ins(%zero : i32) outs(%acc0 : tensor<?x128xi32>) -> tensor<?x128xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x256xi8>, tensor<128x256xi8>)
      outs(%accz : tensor<?x128xi32>) -> tensor<?x128xi32>
  // expected-remark @+1 {{not converted to liquid.w4a8_matmul: the epilogue must compute f16((f32(acc[m, n]) * sx[m]) * s1[n]) (or bf16), in this order}}
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x128xi32>, tensor<?xf32>, tensor<128xf32>)
      outs(%init : tensor<?x128xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %s1v : f32
    %u = arith.mulf %t, %sxv : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x128xf16>
  return %y : tensor<?x128xf16>
}

// -----

// Unrelated linalg stays as it is, silently: an f32 matmul and an i8 matmul
// whose weights are not dequantized from i4.
// CHECK-LABEL: func.func @unrelated
// CHECK-NOT: liquid.
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<16x64xf32>, tensor<64x32xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<16x64xi8>, tensor<64x32xi8>)
func.func @unrelated(%a: tensor<16x64xf32>, %b: tensor<64x32xf32>, %c: tensor<16x32xf32>,
    %x: tensor<16x64xi8>, %w: tensor<64x32xi8>, %acc: tensor<16x32xi32>) -> (tensor<16x32xf32>, tensor<16x32xi32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x32xf32>)
      outs(%c : tensor<16x32xf32>) -> tensor<16x32xf32>
  %1 = linalg.matmul ins(%x, %w : tensor<16x64xi8>, tensor<64x32xi8>)
      outs(%acc : tensor<16x32xi32>) -> tensor<16x32xi32>
  return %0, %1 : tensor<16x32xf32>, tensor<16x32xi32>
}

// -----

#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// Batch 1: x [1, M, K], w8 expanded to [1, N, K], a transpose-B
// linalg.batch_matmul into [1, M, N], collapsed to [M, N] for the epilogue.
// The activations are collapsed to [M, K] for the liquid op.
// CHECK-LABEL: func.func @batch_matmul_batch1
// CHECK-SAME: (%[[X:.*]]: tensor<1x?x128xi8>, %[[Q:.*]]: tensor<64x128xi4>
// CHECK-NOT: linalg.
// CHECK: %[[P:.*]] = liquid.pack_weights %[[Q]] : tensor<64x128xi4> -> tensor<64x64xi8>
// CHECK: %[[X2:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<1x?x128xi8> into tensor<?x128xi8>
// CHECK: liquid.w4a8_matmul act(%[[X2]] : tensor<?x128xi8>) weights(%[[P]] : tensor<64x64xi8>) group_params(%{{.*}}, %{{.*}} : tensor<64x2xi8>) channel_scales(%{{.*}} : tensor<64xf32>) token_scales(%{{.*}} : tensor<?xf32>) outs(%{{.*}} : tensor<?x64xf16>) group_size = 64 mode = xor layout = dual_mma -> tensor<?x64xf16>
// CHECK-NOT: linalg.
// CHECK-NOT: tensor.expand_shape
// CHECK: return
func.func @batch_matmul_batch1(%x: tensor<1x?x128xi8>, %q: tensor<64x128xi4>,
    %s: tensor<64x2xi8>, %a: tensor<64x2xi8>, %sx: tensor<?xf32>,
    %s1: tensor<64xf32>, %init: tensor<?x64xf16>) -> tensor<?x64xf16> {
  %c1 = arith.constant 1 : index
  %m = tensor.dim %x, %c1 : tensor<1x?x128xi8>
  %e = tensor.empty() : tensor<64x128xi8>
  %w8 = linalg.generic {indexing_maps = [#id, #g64, #g64, #id],
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
  %ae = tensor.empty(%m) : tensor<1x?x64xi32>
  %acc0 = linalg.fill ins(%zero : i32) outs(%ae : tensor<1x?x64xi32>) -> tensor<1x?x64xi32>
  %acc3 = linalg.batch_matmul
      indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>,
                       affine_map<(b, m, n, k) -> (b, n, k)>,
                       affine_map<(b, m, n, k) -> (b, m, n)>]
      ins(%x, %w3 : tensor<1x?x128xi8>, tensor<1x64x128xi8>)
      outs(%acc0 : tensor<1x?x64xi32>) -> tensor<1x?x64xi32>
  %acc = tensor.collapse_shape %acc3 [[0, 1], [2]] : tensor<1x?x64xi32> into tensor<?x64xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x64xi32>, tensor<?xf32>, tensor<64xf32>)
      outs(%init : tensor<?x64xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x64xf16>
  return %y : tensor<?x64xf16>
}

// -----

// Weights as bytes, two 4-bit codes each (low nibble = even k), selected with
// linalg.index: i8 arithmetic, andi/shli spelling of the shift, constant
// bytes. The pass writes the logical i4 codes as a constant (0x21 -> 1, 2),
// which liquid.pack_weights then folds.
#half = affine_map<(n, k) -> (n, k floordiv 2)>
#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// CHECK-LABEL: func.func @packed_i8_constant
// CHECK-NOT: linalg.
// CHECK: %[[C:.*]] = arith.constant dense<"0x{{(0102)+}}"> : tensor<64x128xi4>
// CHECK-NOT: linalg.
// CHECK: %[[P:.*]] = liquid.pack_weights %[[C]] : tensor<64x128xi4> -> tensor<64x64xi8>
// CHECK: liquid.w4a8_matmul act(%{{.*}} : tensor<?x128xi8>) weights(%[[P]] : tensor<64x64xi8>)
// CHECK-NOT: linalg.
// FOLD-LABEL: func.func @packed_i8_constant
// FOLD: %[[P:.*]] = arith.constant dense<"0x{{(1122)+}}"> : tensor<64x64xi8>
// FOLD-NOT: liquid.pack_weights
// FOLD: liquid.w4a8_matmul act(%{{.*}} : tensor<?x128xi8>) weights(%[[P]] : tensor<64x64xi8>)
func.func @packed_i8_constant(%x: tensor<?x128xi8>, %s: tensor<64x2xi8>,
    %a: tensor<64x2xi8>, %sx: tensor<?xf32>, %s1: tensor<64xf32>,
    %init: tensor<?x64xf16>, %acc0: tensor<?x64xi32>) -> tensor<?x64xf16> {
  %b = arith.constant dense<33> : tensor<64x64xi8>
  %e = tensor.empty() : tensor<64x128xi8>
  %w8 = linalg.generic {indexing_maps = [#g64, #half, #g64, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%s, %b, %a : tensor<64x2xi8>, tensor<64x64xi8>, tensor<64x2xi8>)
      outs(%e : tensor<64x128xi8>) {
  ^bb0(%sv: i8, %bv: i8, %av: i8, %out: i8):
    %k = linalg.index 1 : index
    %ki = arith.index_castui %k : index to i8
    %c1 = arith.constant 1 : i8
    %odd = arith.andi %c1, %ki : i8
    %c2 = arith.constant 2 : i8
    %sh = arith.shli %odd, %c2 : i8
    %v = arith.shrui %bv, %sh : i8
    %c15 = arith.constant 15 : i8
    %q = arith.andi %c15, %v : i8
    %p = arith.muli %sv, %q : i8
    %t = arith.addi %av, %p : i8
    %c = arith.constant -128 : i8
    %w = arith.xori %t, %c : i8
    linalg.yield %w : i8
  } -> tensor<64x128xi8>
  %zero = arith.constant 0 : i32
  %accz = linalg.fill ins(%zero : i32) outs(%acc0 : tensor<?x64xi32>) -> tensor<?x64xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x128xi8>, tensor<64x128xi8>)
      outs(%accz : tensor<?x64xi32>) -> tensor<?x64xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x64xi32>, tensor<?xf32>, tensor<64xf32>)
      outs(%init : tensor<?x64xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x64xf16>
  return %y : tensor<?x64xf16>
}

// -----

// Not a nibble: the shift is 3 * (k mod 2). Left alone, silently.
#half = affine_map<(n, k) -> (n, k floordiv 2)>
#id = affine_map<(n, k) -> (n, k)>
#g64 = affine_map<(n, k) -> (n, k floordiv 64)>
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m)>
#col = affine_map<(m, n) -> (n)>
#mn2 = affine_map<(m, n) -> (m, n)>

// CHECK-LABEL: func.func @packed_i8_wrong_shift
// CHECK-NOT: liquid.
// CHECK: linalg.matmul
func.func @packed_i8_wrong_shift(%x: tensor<?x128xi8>, %s: tensor<64x2xi8>,
    %a: tensor<64x2xi8>, %sx: tensor<?xf32>, %s1: tensor<64xf32>,
    %init: tensor<?x64xf16>, %acc0: tensor<?x64xi32>) -> tensor<?x64xf16> {
  %b = arith.constant dense<33> : tensor<64x64xi8>
  %e = tensor.empty() : tensor<64x128xi8>
  %w8 = linalg.generic {indexing_maps = [#g64, #half, #g64, #id],
                        iterator_types = ["parallel", "parallel"]}
      ins(%s, %b, %a : tensor<64x2xi8>, tensor<64x64xi8>, tensor<64x2xi8>)
      outs(%e : tensor<64x128xi8>) {
  ^bb0(%sv: i8, %bv: i8, %av: i8, %out: i8):
    %k = linalg.index 1 : index
    %ki = arith.index_castui %k : index to i8
    %c1 = arith.constant 1 : i8
    %odd = arith.andi %c1, %ki : i8
    %c3 = arith.constant 3 : i8
    %sh = arith.muli %odd, %c3 : i8
    %v = arith.shrui %bv, %sh : i8
    %c15 = arith.constant 15 : i8
    %q = arith.andi %c15, %v : i8
    %p = arith.muli %sv, %q : i8
    %t = arith.addi %av, %p : i8
    %c = arith.constant -128 : i8
    %w = arith.xori %t, %c : i8
    linalg.yield %w : i8
  } -> tensor<64x128xi8>
  %zero = arith.constant 0 : i32
  %accz = linalg.fill ins(%zero : i32) outs(%acc0 : tensor<?x64xi32>) -> tensor<?x64xi32>
  %acc = linalg.matmul indexing_maps = [#mk, #nk, #mn]
      ins(%x, %w8 : tensor<?x128xi8>, tensor<64x128xi8>)
      outs(%accz : tensor<?x64xi32>) -> tensor<?x64xi32>
  %y = linalg.generic {indexing_maps = [#mn2, #row, #col, #mn2],
                       iterator_types = ["parallel", "parallel"]}
      ins(%acc, %sx, %s1 : tensor<?x64xi32>, tensor<?xf32>, tensor<64xf32>)
      outs(%init : tensor<?x64xf16>) {
  ^bb0(%av: i32, %sxv: f32, %s1v: f32, %out: f16):
    %f = arith.sitofp %av : i32 to f32
    %t = arith.mulf %f, %sxv : f32
    %u = arith.mulf %t, %s1v : f32
    %h = arith.truncf %u : f32 to f16
    linalg.yield %h : f16
  } -> tensor<?x64xf16>
  return %y : tensor<?x64xf16>
}
