//===- KernelConfig.cpp - The kernel configuration table --------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/KernelConfig.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "llvm/ADT/Sequence.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

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

// The cost model that picks the token tile T and the split-K slice count,
// in units of one token column of one k block (64 k) of one block:
//
//   cost = waves * (ceil(K/64 / split_k) * (T + kBlockLatencyTokens)
//                   + (split_k > 1 ? kSplitKFixedCost + kSplitKTokenCost * T
//                                  : 0))
//   waves = ceil(tiles * split_k / 132),
//   tiles = (N / (64 * consumers)) * ceil(M / T).
//
// A k block of a block costs its MMA and dequantization work (T columns)
// plus a latency the pipeline does not hide at narrow tiles
// (kBlockLatencyTokens columns' worth); blocks run in waves of one per SM;
// a split tile synchronizes its slices (fences, an atomic counter) and
// writes and re-reads int32 partial sums in proportion to T. Fitted to the
// H100 variant measurements of bench/results/2026-11-21-h100-session4
// (8 LLaMA2 shapes; M = 1, 16 with T = 16 and split_k 1 - 8; M = 64 - 256
// with T = 64 - 256 and split_k 1, 2; M = 1024, 4096 with T = 128, 256;
// then this table's picks against the previous table's at every M of the
// sweep; then T = 8 - 256 with split_k 1 - 4 again): in each of the 59
// cells with more than one variant these constants pick one within 2 % of
// the fastest. The fixed part of the split
// cost is the least constrained (0 - 1500 fit about as well); 1500, about
// 2 us of fence-and-atomic epilogue, is a judgement.
static constexpr int64_t kBlockLatencyTokens = 208;
static constexpr int64_t kSplitKFixedCost = 1500;
static constexpr int64_t kSplitKTokenCost = 200;

static int64_t estimatedCost(int64_t mMax, int64_t blocksAlongN,
                             int64_t kBlocks, int64_t tokenTile,
                             int64_t splitK) {
  int64_t tiles = blocksAlongN * llvm::divideCeil(mMax, tokenTile);
  int64_t waves = llvm::divideCeil(tiles * splitK, kMultiprocessors);
  int64_t perBlock =
      llvm::divideCeil(kBlocks, splitK) * (tokenTile + kBlockLatencyTokens);
  if (splitK > 1)
    perBlock += kSplitKFixedCost + kSplitKTokenCost * tokenTile;
  return waves * perBlock;
}

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

  // Consumers: two warp groups hide each other's dequantization behind the
  // other's MMAs (ImFP); one if N is not a multiple of 128 rows.
  int64_t consumers = request.consumers;
  if (consumers == 0)
    consumers = n % (2 * DualMmaLayout::kBlockRows) == 0 ? 2 : 1;

  // Token tile (the wgmma N; swap AB puts the tokens there) and split-K: the
  // pair of least estimated cost. Tiles are the powers of two from the
  // smallest wgmma N of 8 up to the one covering the batch; slices keep at
  // least kMinKBlocksPerSplit k blocks. A forced field is the only candidate
  // of its kind. Ties go to the narrower tile and the fewer slices.
  int64_t kBlocks = k / DualMmaLayout::kBlockK;
  int64_t blocksAlongN =
      std::max<int64_t>(n / (DualMmaLayout::kBlockRows * consumers), 1);
  SmallVector<int64_t> tiles = {request.tokenTile};
  if (request.tokenTile == 0) {
    int64_t widestTile = std::clamp<int64_t>(
        static_cast<int64_t>(llvm::PowerOf2Ceil(mMax)), 8,
        KernelConfigAttr::kMaxTokenTile);
    tiles.clear();
    for (int64_t tile = 8; tile <= widestTile; tile *= 2)
      tiles.push_back(tile);
  }
  SmallVector<int64_t> slices = {request.splitK};
  if (request.splitK == 0) {
    int64_t mostSlices = std::clamp<int64_t>(
        kBlocks / kMinKBlocksPerSplit, 1, KernelConfigAttr::kMaxSplitK);
    slices = llvm::to_vector(llvm::seq_inclusive<int64_t>(1, mostSlices));
  }
  int64_t tokenTile = tiles.front(), splitK = slices.front();
  int64_t bestCost = std::numeric_limits<int64_t>::max();
  for (int64_t tile : tiles) {
    for (int64_t slice : slices) {
      int64_t cost = estimatedCost(mMax, blocksAlongN, kBlocks, tile, slice);
      if (cost < bestCost) {
        bestCost = cost;
        tokenTile = tile;
        splitK = slice;
      }
    }
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
