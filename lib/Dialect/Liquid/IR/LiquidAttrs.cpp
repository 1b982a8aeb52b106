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

/// Parses the optional trailing fields of #liquid.config, `, split_k = N`,
/// `, blocks_per_sm = N`, `, cluster = N` and `, stream_k = N` in that
/// order; an absent field is 1.
ParseResult mlir::liquid::parseOptionalConfigFields(AsmParser &parser,
                                                    int64_t &splitK,
                                                    int64_t &blocksPerSM,
                                                    int64_t &cluster,
                                                    int64_t &streamK) {
  int64_t *fields[] = {&splitK, &blocksPerSM, &cluster, &streamK};
  for (int64_t *field : fields)
    *field = 1;
  StringRef order[] = {"split_k", "blocks_per_sm", "cluster", "stream_k"};
  static_assert(std::size(order) == std::size(fields));
  size_t next = 0;
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc loc = parser.getCurrentLocation();
    StringRef keyword;
    if (parser.parseKeyword(&keyword))
      return failure();
    size_t field = llvm::find(order, keyword) - std::begin(order);
    if (field == std::size(order))
      return parser.emitError(loc, "expected 'split_k', 'blocks_per_sm', "
                                   "'cluster' or 'stream_k', got '")
             << keyword << "'";
    if (field < next)
      return parser.emitError(loc, "'")
             << keyword << "' must come before '" << order[next - 1]
             << "' and appear once";
    next = field + 1;
    if (parser.parseEqual() || parser.parseInteger(*fields[field]))
      return failure();
  }
  return success();
}

/// Prints the fields parseOptionalConfigFields reads, each only when not 1.
void mlir::liquid::printOptionalConfigFields(AsmPrinter &printer,
                                             int64_t splitK,
                                             int64_t blocksPerSM,
                                             int64_t cluster,
                                             int64_t streamK) {
  if (splitK != 1)
    printer << ", split_k = " << splitK;
  if (blocksPerSM != 1)
    printer << ", blocks_per_sm = " << blocksPerSM;
  if (cluster != 1)
    printer << ", cluster = " << cluster;
  if (streamK != 1)
    printer << ", stream_k = " << streamK;
}

int64_t KernelConfigAttr::getWeightStageBytes(int64_t consumers) {
  return consumers * DualMmaLayout::kBlockBytes;
}

int64_t KernelConfigAttr::getActivationStageBytes(int64_t tokenTile) {
  return tokenTile * DualMmaLayout::kBlockK;
}

int64_t KernelConfigAttr::getGroupParamArrayBytes(int64_t consumers) {
  constexpr int64_t kTmaDestinationAlignment = 128;
  return llvm::alignTo(consumers * DualMmaLayout::kGroupParamBlockBytes,
                       kTmaDestinationAlignment);
}

static_assert(KernelConfigAttr::kOutputStagingRowBytes ==
                  DualMmaLayout::kBlockRows * 2,
              "a staged row is a consumer's channels of f16 or bf16");

int64_t KernelConfigAttr::getOutputStagingBytes(int64_t tokenTile,
                                                int64_t consumers) {
  if (!stagesOutput(tokenTile))
    return 0;
  return consumers * tokenTile * kOutputStagingRowBytes;
}

LogicalResult
KernelConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         int64_t tokenTile, int64_t consumers, int64_t stages,
                         int64_t splitK, int64_t blocksPerSM,
                         int64_t cluster, int64_t streamK) {
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
  if (blocksPerSM < 1 || blocksPerSM > kMaxBlocksPerSM)
    return emitError() << "blocks_per_sm must be in [1, " << kMaxBlocksPerSM
                       << "], got " << blocksPerSM;
  if (cluster < 1 || cluster > kMaxCluster || !llvm::isPowerOf2_64(cluster))
    return emitError() << "cluster must be a power of two in [1, "
                       << kMaxCluster << "], got " << cluster;
  // Each block multicasts token_tile / cluster tokens: whole 8-row periods
  // of the 64-byte swizzle, so every slice lands where the wgmma descriptor
  // expects it.
  if (tokenTile / cluster < 8)
    return emitError() << "cluster = " << cluster
                       << " splits token_tile = " << tokenTile
                       << " into slices of fewer than 8 tokens";
  if (streamK < 1 || streamK > kMaxStreamK)
    return emitError() << "stream_k must be in [1, " << kMaxStreamK
                       << "], got " << streamK;
  // A round is whole clusters: a cluster's blocks share one tile's k blocks.
  if (streamK > 1 && streamK % cluster != 0)
    return emitError() << "stream_k = " << streamK
                       << " is not a multiple of cluster = " << cluster;
  if (streamK > 1 && splitK > 1)
    return emitError() << "stream_k = " << streamK << " and split_k = "
                       << splitK
                       << " both divide K; use one of them";
  int64_t bytes = getStageRingBytes(tokenTile, consumers, stages);
  int64_t limit = getSharedMemoryPerBlock(blocksPerSM);
  if (bytes > limit)
    return emitError() << "the stage ring needs " << bytes
                       << " bytes of shared memory with its alignment slack, "
                          "more than the "
                       << limit << " a Hopper block can have at "
                       << blocksPerSM << " block(s) per SM";
  int64_t staging = getSharedMemoryBytes(tokenTile, consumers, stages);
  if (staging > limit)
    return emitError() << "the epilogue's output staging (token_tile = "
                       << tokenTile << " rows of " << consumers
                       << " x 64 channels) needs " << staging
                       << " bytes of shared memory with its alignment slack, "
                          "more than the "
                       << limit << " a Hopper block can have at "
                       << blocksPerSM << " block(s) per SM";
  return success();
}
