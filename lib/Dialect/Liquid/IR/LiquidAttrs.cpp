//===- LiquidAttrs.cpp - liquid dialect attributes --------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/IR/Liquid.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

LogicalResult
KernelConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         int64_t tokenTile, int64_t consumers, int64_t stages,
                         int64_t splitK) {
  if (tokenTile < 8 || tokenTile > kMaxTokenTile ||
      !llvm::isPowerOf2_64(tokenTile))
    return emitError() << "token_tile must be a power of two in [8, "
                       << kMaxTokenTile << "], got " << tokenTile;
  if (consumers < 1 || consumers > kMaxConsumers)
    return emitError() << "consumers must be in [1, " << kMaxConsumers
                       << "], got " << consumers;
  if (stages < 2 || stages > kMaxStages)
    return emitError() << "stages must be in [2, " << kMaxStages << "], got "
                       << stages;
  if (splitK < 1 || splitK > kMaxSplitK)
    return emitError() << "split_k must be in [1, " << kMaxSplitK << "], got "
                       << splitK;
  // The ring: per stage, one packed 64 x 64 weight block per consumer and
  // token_tile rows of 64 int8 activations (KernelABI.h).
  int64_t bytes = stages * (consumers * DualMmaLayout::kBlockBytes +
                            tokenTile * DualMmaLayout::kBlockK);
  if (bytes > kMaxSharedMemoryBytes)
    return emitError() << "the stage ring needs " << bytes
                       << " bytes of shared memory, more than the "
                       << kMaxSharedMemoryBytes << " a Hopper block can have";
  return success();
}
