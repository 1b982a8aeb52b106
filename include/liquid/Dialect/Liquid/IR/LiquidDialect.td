//===- LiquidDialect.td - The liquid dialect ---------------*- tablegen -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_IR_LIQUIDDIALECT_TD
#define LIQUID_DIALECT_LIQUID_IR_LIQUIDDIALECT_TD

include "mlir/IR/OpBase.td"

def Liquid_Dialect : Dialect {
  let name = "liquid";
  let cppNamespace = "::mlir::liquid";
  let summary = "W4A8 matrix products with LiquidQuant semantics";
  let description = [{
    The semantic level of the liquid compiler. It expresses a matrix product
    `Y[M, N] = X[M, K] * W[N, K]^T` whose activations X are int8 (dynamic
    per-token symmetric quantization) and whose weights W are 4-bit codes
    quantized with LiquidQuant (LiquidGEMM, arXiv 2509.01229): a per-channel
    level-1 scale and, per group of G consecutive k, an integer multiplier
    `s` and a byte `a` such that the int8 weight is `q4 * s + a - 128`.

    The op works on tensors (for interoperation with linalg) and on memrefs;
    one-shot bufferization takes the first form to the second.
  }];
  let useDefaultAttributePrinterParser = 1;
  // Folded `liquid.pack_weights` results become `arith.constant`s.
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect"];
}

class Liquid_Op<string mnemonic, list<Trait> traits = []>
    : Op<Liquid_Dialect, mnemonic, traits>;

#endif // LIQUID_DIALECT_LIQUID_IR_LIQUIDDIALECT_TD
