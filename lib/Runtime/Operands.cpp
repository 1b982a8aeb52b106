//===- Operands.cpp - The W4A8 operand table ------------------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/Operands.h"

using namespace liquid::runtime;

std::vector<OperandShape>
liquid::runtime::w4a8OperandShapes(const ManifestProblem &p) {
  const SizeExpr m = SizeExpr::tokenCount();
  const SizeExpr n = SizeExpr::constant(p.n);
  const SizeExpr k = SizeExpr::constant(p.k);
  // Two 4-bit codes per byte; one (s, a) byte pair per group of G k.
  const SizeExpr packedK = SizeExpr::constant(p.k / 2);
  const SizeExpr groups = SizeExpr::constant(p.k / p.groupSize);
  const std::string outType = p.outType.empty() ? "f16" : p.outType;

  std::vector<OperandShape> shapes = {
      {kOperandActivations, "i8", {m, k}},
      {kOperandWeights, "u8", {n, packedK}},
      {kOperandGroupScales, "u8", {n, groups}},
      {kOperandGroupOffsets, "u8", {n, groups}},
      {kOperandChannelScales, "f32", {n}},
      {kOperandTokenScales, "f32", {m}},
  };
  shapes.push_back(
      {kOperandXsum, "i32", {m}, isOptionalOperand(p, kOperandXsum)});
  shapes.push_back({kOperandOut, outType, {m, n}});
  return shapes;
}

bool liquid::runtime::isOptionalOperand(const ManifestProblem &problem,
                                        std::string_view name) {
  return name == kOperandXsum && problem.mode == DequantMode::Xor;
}

Buffer *Operands::find(std::string_view name) {
  return const_cast<Buffer *>(static_cast<const Operands *>(this)->find(name));
}

const Buffer *Operands::find(std::string_view name) const {
  if (name == kOperandActivations)
    return &activations;
  if (name == kOperandWeights)
    return &weights;
  if (name == kOperandGroupScales)
    return &groupScales;
  if (name == kOperandGroupOffsets)
    return &groupOffsets;
  if (name == kOperandChannelScales)
    return &channelScales;
  if (name == kOperandTokenScales)
    return &tokenScales;
  if (name == kOperandXsum)
    return &xsum;
  if (name == kOperandOut)
    return &out;
  return nullptr;
}
