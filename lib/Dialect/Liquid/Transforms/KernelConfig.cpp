//===- KernelConfig.cpp - The kernel configuration table --------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/KernelConfig.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

/// Shared memory the table plans for the stage ring, leaving room for the
/// mbarriers and the compiler's own static shared memory.
static constexpr int64_t kSharedMemoryBudget = 200 * 1024;
/// Deepest ring the table asks for: enough bytes in flight per SM to cover
/// HBM latency when streaming weights (~8 x 4.5 KB at decode sizes).
static constexpr int64_t kPreferredStages = 8;
/// Streaming multiprocessors of an H100 SXM: the blocks a wave can hold
/// (one block per SM, KernelABI.h).
static constexpr int64_t kMultiprocessors = 132;
/// Fewest k blocks (of 64) a K slice of split-K keeps, so that each block
/// still runs a pipeline worth filling.
static constexpr int64_t kMinKBlocksPerSplit = 8;
/// Widest token tile that still splits K.
static constexpr int64_t kMaxSplitTokenTile = 32;
/// Token counts up to which the tile stops at kMidBandTokenTile.
static constexpr int64_t kMidBandTokens = 256;
static constexpr int64_t kMidBandTokenTile = 128;

KernelConfigAttr mlir::liquid::selectKernelConfig(
    MLIRContext *ctx, int64_t mMax, int64_t n, int64_t k,
    const KernelConfigRequest &request,
    function_ref<InFlightDiagnostic()> emitError) {
  // A forced field enters the table's arithmetic (stage bytes, tile counts,
  // the shared-memory budget divided by the stage size) before
  // KernelConfigAttr::getChecked can refuse it: outside the range a config
  // can hold it would overflow or divide by zero, so it is refused first.
  struct ForcedField {
    StringLiteral option;
    int64_t value;
    int64_t max;
  };
  for (const ForcedField &field :
       {ForcedField{"token-tile", request.tokenTile,
                    KernelConfigAttr::kMaxTokenTile},
        ForcedField{"consumers", request.consumers,
                    KernelConfigAttr::kMaxConsumers},
        ForcedField{"stages", request.stages, KernelConfigAttr::kMaxStages},
        ForcedField{"split-k", request.splitK, KernelConfigAttr::kMaxSplitK}}) {
    if (field.value < 0 || field.value > field.max) {
      emitError() << "option '" << field.option << "' must be in [0, "
                  << field.max << "] (0: the table's choice), got "
                  << field.value;
      return {};
    }
  }
  // The kernel's token count is 32-bit (the op verifier bounds a static M,
  // liquid-select-config its m-max); clamping keeps PowerOf2Ceil and the
  // tile count from wrapping for any caller.
  mMax = std::clamp<int64_t>(mMax, 1, kMaxKernelTokens);

  // Token tile: the wgmma N. Swap AB puts the tokens on the MMA's N side, so
  // the smallest power of two covering the batch wastes nothing at decode
  // sizes. Up to 256 tokens the tile stops at 128: twice the blocks along M
  // measured faster than the widest MMA on the H100 (bench/results,
  // 2026-11-21 sweep); beyond, 256 amortizes the dequantization over the
  // most columns.
  int64_t tokenTile = request.tokenTile;
  if (tokenTile == 0) {
    int64_t widest = mMax <= kMidBandTokens ? kMidBandTokenTile
                                            : KernelConfigAttr::kMaxTokenTile;
    tokenTile = std::clamp<int64_t>(
        static_cast<int64_t>(llvm::PowerOf2Ceil(mMax)),
        8, widest);
  }

  // Consumers: two warp groups hide each other's dequantization behind the
  // other's MMAs (ImFP); one if N is not a multiple of 128 rows.
  int64_t consumers = request.consumers;
  if (consumers == 0)
    consumers = n % (2 * DualMmaLayout::kBlockRows) == 0 ? 2 : 1;

  // Split-K: decode shapes have too few output tiles to occupy every SM;
  // then K is cut into slices, one block per (tile, slice). With wider token
  // tiles the partial sums cost more than the idle SMs (measured), so only
  // the decode tiles split.
  int64_t kBlocks = k / DualMmaLayout::kBlockK;
  int64_t splitK = request.splitK;
  if (splitK == 0) {
    int64_t tiles = std::max<int64_t>(n / (DualMmaLayout::kBlockRows * consumers), 1) *
                    llvm::divideCeil(mMax, tokenTile);
    int64_t mostSlices = std::clamp<int64_t>(kBlocks / kMinKBlocksPerSplit, 1,
                                             KernelConfigAttr::kMaxSplitK);
    splitK = tokenTile <= kMaxSplitTokenTile
                 ? std::clamp<int64_t>(kMultiprocessors / tiles, 1, mostSlices)
                 : 1;
  }

  int64_t stageBytes = consumers * DualMmaLayout::kBlockBytes +
                       tokenTile * DualMmaLayout::kBlockK;
  int64_t stages = request.stages;
  if (stages == 0) {
    int64_t sliceBlocks = std::max<int64_t>(llvm::divideCeil(kBlocks, splitK), 2);
    stages = std::min({kPreferredStages, kSharedMemoryBudget / stageBytes,
                       sliceBlocks});
    stages = std::max<int64_t>(stages, 2);
  }
  return KernelConfigAttr::getChecked(emitError, ctx, tokenTile, consumers,
                                      stages, splitK);
}
