// RUN: liquid-opt %s | FileCheck %s
// RUN: liquid-opt %s | liquid-opt | FileCheck %s
// RUN: liquid-opt %s --mlir-print-op-generic | liquid-opt | FileCheck %s

// CHECK-LABEL: func.func @pack
// CHECK-SAME: (%[[Q:.*]]: tensor<4096x4096xi4>)
// CHECK: %[[P:.*]] = liquid.pack_weights %[[Q]] : tensor<4096x4096xi4> -> tensor<4096x2048xi8>
// CHECK: return %[[P]]
func.func @pack(%q: tensor<4096x4096xi4>) -> tensor<4096x2048xi8> {
  %p = liquid.pack_weights %q : tensor<4096x4096xi4> -> tensor<4096x2048xi8>
  return %p : tensor<4096x2048xi8>
}
