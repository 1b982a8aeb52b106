//===- LiquidOps.cpp - liquid dialect operations ----------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/IR/Liquid.h"
#include "liquid/Quant/DualMmaLayout.h"
#include "liquid/Quant/LiquidQuant.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::liquid;

#define GET_OP_CLASSES
#include "liquid/Dialect/Liquid/IR/LiquidOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Kernel limits
//===----------------------------------------------------------------------===//

std::optional<std::string> mlir::liquid::checkKernelLimits(int64_t m, int64_t n,
                                                           int64_t k) {
  if (!ShapedType::isDynamic(m) && m > kMaxKernelTokens)
    return "M = " + std::to_string(m) + " exceeds the kernel's 32-bit token "
           "count (at most " + std::to_string(kMaxKernelTokens) + ")";
  if (n >= kKernelDimLimit)
    return "N = " + std::to_string(n) + " must be below 2^31 (the kernel's "
           "grid and TMA coordinates are 32-bit)";
  if (k >= kKernelDimLimit)
    return "K = " + std::to_string(k) + " must be below 2^31 (the kernel's "
           "grid and TMA coordinates are 32-bit)";
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// W4A8MatmulOp
//===----------------------------------------------------------------------===//

int64_t W4A8MatmulOp::getK() {
  return cast<ShapedType>(getActivations().getType()).getDimSize(1);
}

int64_t W4A8MatmulOp::getN() {
  return cast<ShapedType>(getInit().getType()).getDimSize(1);
}

/// Prints a shape as `[?, 4096]`.
static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << '[';
  llvm::interleaveComma(shape, os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << '?';
    else
      os << dim;
  });
  os << ']';
  return text;
}

/// Checks that operand `name` has one of `elementTypes` and exactly the
/// shape `shape` (a dynamic entry must be dynamic in the operand too), and
/// reports the expected and actual types otherwise.
static LogicalResult verifyOperandType(W4A8MatmulOp op, StringRef name,
                                       Value value,
                                       ArrayRef<Type> elementTypes,
                                       ArrayRef<int64_t> shape) {
  auto type = cast<ShapedType>(value.getType());
  if (llvm::is_contained(elementTypes, type.getElementType()) &&
      type.getShape() == shape)
    return success();
  InFlightDiagnostic diag = op.emitOpError()
                            << "operand '" << name << "' must have element type ";
  llvm::interleave(
      elementTypes, [&](Type t) { diag << t; }, [&] { diag << " or "; });
  diag << " and shape " << formatShape(shape) << ", got " << value.getType();
  return diag;
}

LogicalResult W4A8MatmulOp::verify() {
  MLIRContext *ctx = getContext();
  Type i4 = IntegerType::get(ctx, 4);
  Type i8 = IntegerType::get(ctx, 8);
  Type i32 = IntegerType::get(ctx, 32);
  Type f32 = Float32Type::get(ctx);

  // All operands are tensors (with the destination returned) or all are
  // memrefs (with the destination written in place).
  bool tensorForm = hasTensorSemantics();
  for (OpOperand &operand : getOperation()->getOpOperands()) {
    if (isa<RankedTensorType>(operand.get().getType()) != tensorForm)
      return emitOpError()
             << "operands must be all ranked tensors or all memrefs; operand #"
             << operand.getOperandNumber() << " is " << operand.get().getType()
             << " but 'init' is " << getInit().getType();
  }
  if (tensorForm && !getResult())
    return emitOpError("the tensor form must return the updated 'init'");
  if (!tensorForm && getResult())
    return emitOpError("the memref form writes 'init' in place and returns no "
                       "result");
  if (getResult() && getResult().getType() != getInit().getType())
    return emitOpError() << "result type " << getResult().getType()
                         << " must match 'init' type " << getInit().getType();

  // Activations fix M and K.
  auto xType = cast<ShapedType>(getActivations().getType());
  if (xType.getRank() != 2 || xType.getElementType() != i8)
    return emitOpError() << "operand 'activations' must be i8 of rank 2 "
                            "[M, K], got "
                         << xType;
  int64_t m = xType.getDimSize(0);
  int64_t k = xType.getDimSize(1);
  if (ShapedType::isDynamic(k))
    return emitOpError("operand 'activations' must have a static K "
                       "(dimension 1)");

  // The destination fixes N.
  auto initType = cast<ShapedType>(getInit().getType());
  if (initType.getRank() != 2)
    return emitOpError() << "operand 'init' must be of rank 2 [M, N], got "
                         << initType;
  int64_t n = initType.getDimSize(1);
  if (ShapedType::isDynamic(n))
    return emitOpError("operand 'init' must have a static N (dimension 1)");
  if (failed(verifyOperandType(*this, "init", getInit(),
                               {Float16Type::get(ctx), BFloat16Type::get(ctx)},
                               {m, n})))
    return failure();

  int64_t groupSize = getGroupSize();
  if (std::optional<std::string> problem =
          ::liquid::quant::checkQuantShape(n, k, groupSize))
    return emitOpError() << "attribute 'group_size': " << *problem;
  if (std::optional<std::string> problem = checkKernelLimits(m, n, k))
    return emitOpError() << *problem;

  switch (getLayout()) {
  case WeightLayout::RowMajor:
    if (failed(verifyOperandType(*this, "weights", getWeights(), {i4}, {n, k})))
      return failure();
    break;
  case WeightLayout::DualMma:
    if (std::optional<std::string> problem =
            ::liquid::quant::checkDualMmaShape(n, k))
      return emitOpError() << "layout 'dual_mma': " << *problem;
    if (failed(verifyOperandType(*this, "weights", getWeights(), {i8},
                                 {n, k / 2})))
      return failure();
    break;
  }

  int64_t numGroups = k / groupSize;
  if (failed(verifyOperandType(*this, "group_scales", getGroupScales(), {i8},
                               {n, numGroups})) ||
      failed(verifyOperandType(*this, "channel_scales", getChannelScales(),
                               {f32}, {n})) ||
      failed(verifyOperandType(*this, "token_scales", getTokenScales(), {f32},
                               {m})))
    return failure();

  switch (getMode()) {
  case DequantMode::Xor:
    if (getXsum())
      return emitOpError("'xor' mode takes no 'xsum' operand");
    break;
  case DequantMode::Offset:
    if (!getXsum())
      return emitOpError("'offset' mode requires the 'xsum' operand (the "
                         "per-token sums of the activations)");
    if (failed(verifyOperandType(*this, "xsum", getXsum(), {i32}, {m})))
      return failure();
    break;
  }
  return success();
}

void W4A8MatmulOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  // The tensor form is pure; the memref form reads its inputs and overwrites
  // every element of the destination.
  if (hasTensorSemantics())
    return;
  for (OpOperand &operand : getOperation()->getOpOperands()) {
    if (&operand == &getInitMutable())
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
    else
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

//===----------------------------------------------------------------------===//
// PackWeightsOp
//===----------------------------------------------------------------------===//

LogicalResult PackWeightsOp::verify() {
  auto codesType = getCodes().getType();
  auto packedType = getPacked().getType();
  if (codesType.getRank() != 2 || !codesType.hasStaticShape())
    return emitOpError() << "operand 'codes' must be a static [N, K] tensor, "
                            "got "
                         << codesType;
  int64_t n = codesType.getDimSize(0);
  int64_t k = codesType.getDimSize(1);
  if (std::optional<std::string> problem =
          ::liquid::quant::checkDualMmaShape(n, k))
    return emitOpError() << "layout 'dual_mma': " << *problem;
  if (packedType.getShape() != ArrayRef<int64_t>{n, k / 2})
    return emitOpError() << "result must have shape " << formatShape({n, k / 2})
                         << " (two codes per byte), got " << packedType;
  return success();
}

OpFoldResult PackWeightsOp::fold(FoldAdaptor adaptor) {
  auto codes = dyn_cast_if_present<DenseIntElementsAttr>(adaptor.getCodes());
  if (!codes)
    return {};
  auto packedType = getPacked().getType();
  // A splat stays a splat: every byte holds the same code twice.
  if (codes.isSplat()) {
    uint64_t code = codes.getSplatValue<APInt>().getZExtValue() & 0xF;
    return DenseElementsAttr::get(packedType, APInt(8, code | code << 4));
  }
  auto codesType = getCodes().getType();
  int64_t n = codesType.getDimSize(0);
  int64_t k = codesType.getDimSize(1);
  std::vector<uint8_t> logical;
  logical.reserve(n * k);
  for (const APInt &code : codes.getValues<APInt>())
    logical.push_back(static_cast<uint8_t>(code.getZExtValue() & 0xF));
  std::vector<uint8_t> packed =
      ::liquid::quant::packDualMma(logical.data(), n, k);
  ArrayRef<int8_t> bytes(reinterpret_cast<const int8_t *>(packed.data()),
                         packed.size());
  return DenseElementsAttr::get(packedType, bytes);
}

//===----------------------------------------------------------------------===//
// PackGroupParamsOp
//===----------------------------------------------------------------------===//

LogicalResult PackGroupParamsOp::verify() {
  auto type = getParams().getType();
  if (type.getRank() != 2 || !type.hasStaticShape())
    return emitOpError() << "operand 'params' must be a static [N, K/G] "
                            "tensor, got "
                         << type;
  if (std::optional<std::string> problem = ::liquid::quant::checkGroupParamShape(
          type.getDimSize(0), type.getDimSize(1)))
    return emitOpError() << *problem;
  return success();
}

OpFoldResult PackGroupParamsOp::fold(FoldAdaptor adaptor) {
  auto params = dyn_cast_if_present<DenseIntElementsAttr>(adaptor.getParams());
  if (!params)
    return {};
  // A permutation of a splat is the splat.
  if (params.isSplat())
    return params;
  auto type = getParams().getType();
  std::vector<uint8_t> logical;
  logical.reserve(type.getNumElements());
  for (const APInt &byte : params.getValues<APInt>())
    logical.push_back(static_cast<uint8_t>(byte.getZExtValue()));
  std::vector<uint8_t> packed = ::liquid::quant::packGroupParams(
      logical.data(), type.getDimSize(0), type.getDimSize(1));
  ArrayRef<int8_t> bytes(reinterpret_cast<const int8_t *>(packed.data()),
                         packed.size());
  return DenseElementsAttr::get(type, bytes);
}
