//===- KernelConfig.cpp - The kernel configuration table --------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/KernelConfig.h"
#include "liquid/Dialect/Liquid/Transforms/KernelABI.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "llvm/ADT/Sequence.h"
#include "llvm/Support/MathExtras.h"

#include <iterator>
#include <limits>

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

/// Shared memory the table leaves free of the stage ring for the mbarriers
/// and the compiler's own static shared memory.
static constexpr int64_t kSharedMemoryHeadroom = 27 * 1024;
/// Deepest ring the table asks for: enough bytes in flight per SM to cover
/// HBM latency when streaming weights (~8 x 4.5 KB at decode sizes). The
/// 18 - 20 KB stages of 256-token tiles took 1.00 - 1.12 times the time
/// with 10 stages and 1.00 - 1.20 with 11 (eight picks of M = 256 and 512,
/// bench/results/2026-11-22-h100-session21, call 9).
static constexpr int64_t kPreferredStages = 8;
/// A ring of up to kPreferredStagesDeep for stages no larger than the stage
/// of kDeepRingLimits[blocks per SM - 1] (token tile, consumers). With the
/// group parameters in the stage, 16 stages against 8 at the table's
/// one-block picks of two consumers and 16 - 128 tokens measured 0.89 -
/// 1.02 of the time (geomean 0.96 at M = 64 - 512); two consumers' 8- and
/// 16-token stages at two blocks per SM (decode) 1.00 - 1.11, and 10 - 12
/// stages of wider stages 0.95 - 1.02 (bench/results/2026-11-21-h100-
/// session10). One consumer's stages of 16 - 32 tokens at two blocks per SM:
/// 0.95 - 0.99 with 16 stages (four shapes at M = 16 - 64, two runs), 64
/// tokens 1.02 (bench/results/2026-11-21-h100-session11, call 7).
static constexpr int64_t kPreferredStagesDeep = 16;
struct DeepRingLimit {
  int64_t tokenTile;
  int64_t consumers;
};
static constexpr DeepRingLimit kDeepRingLimits[] = {{128, 2}, {32, 1}};
/// Streaming multiprocessors of an H100 SXM.
static constexpr int64_t kMultiprocessors = 132;
/// Fewest k blocks (of 64) a K slice of split-K keeps, so that each block
/// still runs a pipeline worth filling.
static constexpr int64_t kMinKBlocksPerSplit = 8;
/// Most blocks per SM the table considers; three measured no faster than
/// two (bench/results/2026-11-21-h100-session5) and can only be forced.
static constexpr int64_t kMaxTableBlocksPerSM = 2;
/// Fewest registers per thread at entry the table accepts: what two blocks
/// of two consumers get. Four consumers at two blocks per SM start with 48,
/// where ptxas spilled (bench/results/2026-11-21-h100-session6).
static constexpr int64_t kMinTableEntryRegisters = 80;
/// Narrowest token tile the table gives four consumers: measured faster
/// than two at T = 128 only; at T <= 64 they trailed two blocks of two
/// (bench/results/2026-11-21-h100-session5 at M = 1, 16; session6 at M = 64).
static constexpr int64_t kMinFourConsumerTile = 128;
/// Clusters of two blocks sharing the activation tile (TMA multicast): the
/// table forms them for 256-token tiles (with an even count of blocks along
/// N). Measured against the same config without a cluster, with the staged
/// epilogue (bench/results/2026-11-21-h100-session9, 96, 172 and 448 blocks
/// along N at M = 256 - 4096): 0.91 - 1.00 of the time in 10 of 12 cells,
/// 1.015 at 22016 x 4096 M = 256; session 8 had found 0.93 - 0.99 at up to
/// 80 blocks along N. Narrower tiles gained nothing (within 2 %, session 8).
static constexpr int64_t kClusterTile = 256;
/// Two consumers' 128-token tiles form clusters of two as well: against the
/// same configs without one, 0.953 - 0.989 of the time at M = 128 (12288 x
/// 4096, 10240 x 8192, 4096 x 11008 split 4; two runs, bench/results/
/// 2026-11-22-h100-session12, call 4). Four consumers' measured 0.99 - 1.01
/// with a cluster of two (session 12; bench/results/2026-11-22-h100-
/// session21, call 1). Clusters of four: 0.94 - 1.0 at N = 10240 - 57344
/// but 1.3 - 1.8 times the time at N = 4096 and 8192 (session 12); 1.0 -
/// 2.1 times the time of the table's picks at N = 4096 - 22016, M = 64 -
/// 256 (session 21, call 1): the H100 holds 30 clusters of four at once
/// (120 blocks, call 5), and those grids had 32 or more.
static constexpr int64_t kTwoConsumerClusterTile = 128;
/// One consumer's 128-token tiles form clusters of two where they are not
/// split and fill at least kOneConsumerClusterMinFillPercent of a round:
/// their blocks of 64 channels read 128 tokens x 64 bytes of activations per
/// k block against 2 KB of weights, and once most SMs stream, the cluster's
/// halving of the activation reads from L2 shows. Unsplit, against the same
/// config without a cluster (16 stages, one block per SM): 0.86 - 0.99 at
/// 96 - 1792 tiles (eight shapes at M = 128 and 256, session 21 call 2;
/// 6144 x 4096 at M = 128, 4096^2 at M = 256, 2048 x 4096 at M = 512, 1024 x
/// 4096 at M = 1024, two runs of call 3), 1.00 - 1.04 at 64 and 80 tiles
/// (4096^2, 4096 x 11008 and 5120^2 at M = 128).
/// Split in two: 0.93 - 1.06 (4096 x 14336 at M = 128 1.05, 4096 x 11008
/// 0.99, session 21 call 3). Narrower tiles gained nothing: 32 tokens 1.01 -
/// 1.06, 64 tokens (one or two consumers) 0.99 - 1.04 (call 2).
static constexpr int64_t kOneConsumerClusterTile = 128;
static constexpr int64_t kOneConsumerClusterMinFillPercent = 70;
/// Stream-K (a round of kMultiprocessors blocks) for two consumers' tiles
/// at one block per SM without split-K, where all tiles (in clusters) fill
/// at most kStreamKMaxFillPercent of one round: 10240 x 8192 at M = 128 and
/// 256 (80 tiles, 61 %) took 0.87x the time; at 73 % (12288 x 4096, M = 64 -
/// 256) and wherever whole rounds precede the partial one (M = 512, 1024 of
/// six shapes) the table's pick stayed faster, by 1 - 14 % (bench/results/
/// 2026-11-22-h100-session17, call 4).
static constexpr int64_t kStreamKMaxFillPercent = 66;
/// Below half a round stream-K was not measured against the same config
/// without it: the table leaves such tiles whole.
static constexpr int64_t kStreamKMinFillPercent = 50;
/// Narrowest token tile the table streams: the measured wins were of 128
/// and 256 tokens.
static constexpr int64_t kMinStreamKTile = 128;

// The cost model that picks the token tile T, the consumers C, the split-K
// slice count and the blocks per SM, in units of one token column of one k
// block (64 k) of a two-consumer block alone on its SM:
//
//   cost    = rounds * (ceil(K/64 / split_k) * (work + latency)
//                       + kTileFixedBlocks * T C / 2
//                       + (split_k > 1 ? kSplitKFixedCost
//                                        + kSplitKReduceCost * (split_k - 1)
//                                          * T C / 2 : 0))
//   busiest = ceil(tiles * split_k / 132)   blocks the busiest SM runs
//   rounds  = ceil(busiest / blocks_per_sm) times it refills its slots
//   shared  = min(busiest, blocks_per_sm)   blocks it runs at once
//   columns = T C / 2, times kFourConsumerWorkPercent / 100 for C = 4
//             and kOneConsumerWorkPercent / 100 for C = 1
//   latency = kBlockLatencyTokens, times kOneConsumerLatencyPercent / 100
//             for C = 1
//   work    = columns                                       if shared == 1,
//             columns * shared * kCoResidentWorkPercent / 100  otherwise
//   tiles   = (N / (64 C)) * ceil(M / T).
//
// A k block of a block costs its MMA and dequantization work (T columns
// for each pair of consumers) plus a latency the pipeline does not hide at
// narrow tiles
// (kBlockLatencyTokens columns' worth). A tile's pipeline fill and
// epilogue cost about kTileFixedBlocks k blocks of its own columns. Blocks
// that share an SM overlap
// their latencies but contend for its issue slots, tensor cores and shared
// memory: each one's per-token work costs more than the sum of theirs
// would. A split tile synchronizes its slices (fences, an atomic counter),
// and the block that completes it last reads the other split_k - 1 slices'
// int32 partial sums, in proportion to T, before its epilogue.
//
// Fitted to H100 variant measurements. One block per SM
// (bench/results/2026-11-21-h100-session4: 8 LLaMA2 shapes; M = 1, 16
// with T = 16 and split_k 1 - 8; M = 64 - 256 with T = 64 - 256 and
// split_k 1, 2; M = 1024, 4096 with T = 128, 256; this table's picks
// against the previous table's at every M of the sweep; T = 8 - 256 with
// split_k 1 - 4 again): in each of the 59 cells with more than one variant
// the constants pick one within 2 % of the fastest. The fixed part of the
// split cost is the least constrained (0 - 1500 fit about as well); 1500,
// about 2 us of fence-and-atomic epilogue, is a judgement. Two blocks per
// SM (bench/results/2026-11-21-h100-session5: M = 1, 16 with split_k 1 - 4;
// every cell of M = 1 - 256 whose pick changed, against the previous pick):
// with 250 % the table picks the fastest variant or one within 3 % in 93
// of those 97 cells and all earlier ones, within 7.4 % in the other four
// (a split_k of 8 where 4 is faster, and 4096^2 at M = 64); 225 % and
// 275 % do worse. Three blocks per SM measured no faster than two. One and
// four consumers (bench/results/2026-11-21-h100-session6, M = 64 - 512):
// four at M = 128 halve the tiles of 22016 x 4096 and 57344 x 8192 into
// one round fewer, 20 % and 13 % faster (kFourConsumerWorkPercent fitted to
// those two and 12288 x 4096, where four are slower); one is a few percent
// faster in four cells at M = 64 - 128 that the model did not separate
// from two (until session 11, below). Refitted
// after the staged epilogue (bench/results/2026-11-21-h100-session9, 48
// cells of 8 shapes at M = 16 - 512 with 4 - 18 variants each, fit by
// scripts/fit_config_table.py): kBlockLatencyTokens 208 -> 192 and the
// tile's fixed cost, new, picks the fastest variant or one within 2.2 % in
// 44 of the 48 cells and within 5.5 % in all (geomean 0.44 %; the constants
// before: 0.93 %, worst 8.9 %). The picks at M = 1 and 4 do not change.
// One consumer per block for every N (bench/results/2026-11-21-h100-
// session11, scripts/compile-variants.sh: 64 cells of 8 shapes at M = 1 -
// 512 with 16 - 67 variants each, one and two consumers x T = 8 - 256 x
// split_k 1, 2, 4 (and 8 at T <= 16) x 1 - 2 blocks per SM, four consumers
// at T = 128): a block of one consumer dequantizes 64 rows for its T tokens
// where two consumers' blocks of T / 2 tokens each dequantize 128 (half the
// dequantization per token column), but no sibling consumer hides its
// dequantization behind MMAs. Fitted as its columns costing 110 % and its
// k block's latency 90 % of two consumers'; with the other constants
// unchanged the table picks one consumer in 15 of the 64 cells (4096 x 4096
// at M = 16 - 512, 4096 x 11008 at M = 32 - 512, 8192 x 8192 at M = 64 -
// 256, 8192 x 28672 at M = 256) and the fastest variant or one within
// 2.2 % in 56 cells, within 9.4 % in all (geomean 1.07 %; without one
// consumer 1.97 %, worst 20 %, and two cells slower than cuBLAS int8).
// Chunk-major split-K slabs (bench/results/2026-11-22-h100-session12;
// the variants above plus split_k 3 for T >= 32, 64 cells, and 22 A/B
// cells of the changed picks): a split tile's partial sums now cost far
// less at wide tiles (split kernels of T = 32 took 0.94 of their earlier
// time, T = 64 0.81, 128 0.71, 256 0.63, geomeans; T = 8 unchanged).
// kSplitKTokenCost fell from 200 to 75 and kSplitKFixedCost rose from 1500
// to 3500 (the A/B: a third slice for 22016 x 4096 at M = 1 and a second
// for 12288 x 4096 at M = 16, which a smaller fixed cost picks, were 8 %
// slower); kFourConsumerWorkPercent rose from 112 to 128 (four consumers
// trailed split two-consumer tiles at M = 64). The table picks the fastest
// variant or one within 3 % in 56 of the 64 cells, within 11.4 % in all
// (geomean 0.91 %; the constants before on the same timings 2.37 %, worst
// 22 %). Refitted after the producer's second copy warp (bench/results/
// 2026-11-22-h100-session18, call 9: the same 64 cells, 844 variants):
// kSplitKFixedCost 3500 -> 4250 and kFourConsumerWorkPercent 128 -> 144
// pick the fastest variant or one within 3 % in 54 of the 64 cells and
// within 7.6 % in all (geomean 1.14 %; the constants before: 53 cells,
// 1.46 %, worst 11.7 %). Four picks change: 12288 x 4096 at M = 1 and 4
// (no longer split, 7 - 8 % faster), 8192 x 28672 at M = 128 (two
// consumers split in two instead of four in four, 8.5 %) and 4096 x 4096
// at M = 64 (t32 unsplit, 4.6 % slower there, as fast in the sweep).
// The split cost's token part charged per slice after the first
// (bench/results/2026-11-22-h100-session20, on session 19's 844 variants):
// charged per split block (75), it weighed a second slice as heavily as an
// eighth and left the table 1.2 - 9.5 % behind the fastest variant at 4096
// x 4096 M = 1 - 16, 4096 x 11008 M = 16 - 128 and 8192 x 8192 M = 128.
// Charging what grows with the slices, the last block's reads of the
// others' partial sums, 40 per slice after the first, with
// kSplitKFixedCost 4250 -> 4750 (the descent from the old constants, which
// drops the per-block part to 0), the table picks the fastest variant or
// one within 3 % in 60 of the 64 cells and within 7.2 % in all (geomean
// 0.60 %; before: 56 cells, 1.03 %, worst 9.5 %). Eight picks change, seven
// to fewer slices: 0.97 of the time in geomean against the old picks in one
// process (4096 x 11008 at M = 32 - 128 0.94 - 0.95). On ten shapes the
// fit never saw, the 22 changed picks of M = 1 - 512 took 0.979 of the
// time (0.83 - 1.17; the worst, 1024 x 8192 at M = 256, re-reads the
// weights for twice the token tiles, which the model does not price).
// With one consumer's 128-token tiles in clusters of two (bench/results/
// 2026-11-22-h100-session21, call 3: the same 64 cells, 844 variants), the
// constants pick within 3 % in 56 cells (geomean 0.77 %, worst 8.7 %);
// kSplitKFixedCost 4750 -> 5000, the descent's only step, in 57 (0.71 %),
// and changes one pick: 8192 x 8192 at M = 128, two consumers split in two
// (25.7 us) -> one consumer unsplit, in clusters (24.8).
static constexpr int64_t kBlockLatencyTokens = 192;
static constexpr int64_t kTileFixedBlocks = 8;
static constexpr int64_t kCoResidentWorkPercent = 250;
static constexpr int64_t kSplitKFixedCost = 5000;
static constexpr int64_t kSplitKReduceCost = 40;
static constexpr int64_t kFourConsumerWorkPercent = 144;
static constexpr int64_t kOneConsumerWorkPercent = 110;
static constexpr int64_t kOneConsumerLatencyPercent = 90;

/// Output tiles of a problem's grid for up to `mMax` tokens: blocks along N
/// times token tiles.
static int64_t outputTiles(const KernelProblem &problem, int64_t mMax) {
  return problem.blocksAlongN() * llvm::divideCeil(mMax, problem.tokenTile);
}

static int64_t estimatedCost(const KernelProblem &candidate, int64_t mMax) {
  int64_t tokenTile = candidate.tokenTile, consumers = candidate.consumers,
          splitK = candidate.splitK, blocksPerSM = candidate.blocksPerSM;
  int64_t kBlocks = candidate.k / DualMmaLayout::kBlockK;
  int64_t tiles = outputTiles(candidate, mMax);
  int64_t busiest = llvm::divideCeil(tiles * splitK, kMultiprocessors);
  int64_t rounds = llvm::divideCeil(busiest, blocksPerSM);
  int64_t shared = std::min(busiest, blocksPerSM);
  // Token columns of a k block, in units of two consumers' work.
  int64_t columns = tokenTile * consumers / 2;
  int64_t latency = kBlockLatencyTokens;
  if (consumers > 2)
    columns = columns * kFourConsumerWorkPercent / 100;
  if (consumers == 1) {
    columns = columns * kOneConsumerWorkPercent / 100;
    latency = latency * kOneConsumerLatencyPercent / 100;
  }
  int64_t work = shared == 1 ? columns
                             : columns * shared * kCoResidentWorkPercent / 100;
  int64_t perBlock = llvm::divideCeil(kBlocks, splitK) * (work + latency) +
                     kTileFixedBlocks * tokenTile * consumers / 2;
  if (splitK > 1)
    perBlock += kSplitKFixedCost +
                kSplitKReduceCost * (splitK - 1) * tokenTile * consumers / 2;
  return rounds * perBlock;
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
        ForcedField{"split-k", request.splitK, KernelConfigAttr::kMaxSplitK},
        ForcedField{"blocks-per-sm", request.blocksPerSM,
                    KernelConfigAttr::kMaxBlocksPerSM},
        ForcedField{"cluster", request.cluster,
                    KernelConfigAttr::kMaxCluster},
        ForcedField{"stream-k", request.streamK,
                    KernelConfigAttr::kMaxStreamK}}) {
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
  // other's MMAs (ImFP); one dequantizes half the rows per token column and
  // makes twice the blocks along N (where two consumers' tiles leave SMs
  // idle); four where N allows and the tile is wide (fewer, larger tiles: a
  // round fewer where two consumers' tiles overflow a round). Each count
  // whose blocks of 64 * consumers rows divide N is a candidate.
  SmallVector<int64_t> consumerCounts = {request.consumers};
  if (request.consumers == 0) {
    consumerCounts = {1};
    for (int64_t count : {2, 4})
      if (n % (count * DualMmaLayout::kBlockRows) == 0)
        consumerCounts.push_back(count);
  }

  // Token tile (the wgmma N; swap AB puts the tokens there), consumers,
  // split-K and blocks per SM: the combination of least estimated cost.
  // Tiles are the powers of two from the smallest wgmma N of 8 up to the one
  // covering the batch; slices keep at least kMinKBlocksPerSplit k blocks; a
  // tile shares its SM only where ptxas can compile its wgmma in the smaller
  // register share. A forced field is the only candidate of its kind. Ties
  // go to the narrower tile, the fewer consumers, the fewer blocks per SM and
  // the fewer slices.
  int64_t kBlocks = k / DualMmaLayout::kBlockK;
  SmallVector<int64_t> tiles = {request.tokenTile};
  if (request.tokenTile == 0) {
    int64_t widestTile = std::clamp<int64_t>(
        static_cast<int64_t>(llvm::PowerOf2Ceil(mMax)), 8,
        KernelConfigAttr::kMaxTokenTile);
    tiles.clear();
    for (int64_t tile = 8; tile <= widestTile; tile *= 2)
      tiles.push_back(tile);
  }
  // Stream-K divides K its own way: a forced round leaves whole K slices.
  SmallVector<int64_t> slices = {request.splitK};
  if (request.splitK == 0 && request.streamK > 1) {
    slices = {1};
  } else if (request.splitK == 0) {
    int64_t mostSlices = std::clamp<int64_t>(
        kBlocks / kMinKBlocksPerSplit, 1, KernelConfigAttr::kMaxSplitK);
    slices = llvm::to_vector(llvm::seq_inclusive<int64_t>(1, mostSlices));
  }
  SmallVector<int64_t> residencies = {request.blocksPerSM};
  if (request.blocksPerSM == 0)
    residencies =
        llvm::to_vector(llvm::seq_inclusive<int64_t>(1, kMaxTableBlocksPerSM));
  // The kernel facts a candidate implies (KernelABI.h): blocks along N and
  // registers at entry.
  auto problemOf = [&](int64_t tile, int64_t consumers, int64_t blocksPerSM) {
    KernelProblem problem;
    problem.n = n;
    problem.k = k;
    problem.consumers = consumers;
    problem.tokenTile = tile;
    problem.blocksPerSM = blocksPerSM;
    return problem;
  };
  // Whether the table may pick a candidate: ptxas compiles its wgmma in the
  // registers at entry; four consumers the table chose get a wide tile; and
  // unless consumers or blocks per SM are forced, the registers at entry are
  // no fewer than kMinTableEntryRegisters.
  auto admissible = [&](int64_t tile, int64_t consumers, int64_t blocksPerSM) {
    KernelProblem problem = problemOf(tile, consumers, blocksPerSM);
    if (problem.entryRegisters() < problem.wgmmaEntryRegisters())
      return false;
    if (request.consumers == 0 && consumers > 2 && tile < kMinFourConsumerTile)
      return false;
    return request.consumers != 0 || request.blocksPerSM != 0 ||
           problem.entryRegisters() >= kMinTableEntryRegisters;
  };
  // A forced combination that cannot compile is still returned: the kernel
  // generator names the problem.
  int64_t tokenTile = tiles.front(), consumers = consumerCounts.front(),
          splitK = slices.front(), blocksPerSM = residencies.front();
  int64_t bestCost = std::numeric_limits<int64_t>::max();
  for (int64_t tile : tiles) {
    for (int64_t count : consumerCounts) {
      if (n < DualMmaLayout::kBlockRows * count)
        continue;
      for (int64_t residency : residencies) {
        if (!admissible(tile, count, residency))
          continue;
        KernelProblem candidate = problemOf(tile, count, residency);
        for (int64_t slice : slices) {
          candidate.splitK = slice;
          int64_t cost = estimatedCost(candidate, mMax);
          if (cost < bestCost) {
            bestCost = cost;
            tokenTile = tile;
            consumers = count;
            splitK = slice;
            blocksPerSM = residency;
          }
        }
      }
    }
  }

  int64_t stageBytes =
      KernelConfigAttr::getStageFootprintBytes(tokenTile, consumers);
  int64_t stages = request.stages;
  if (stages == 0) {
    int64_t sliceBlocks = std::max<int64_t>(llvm::divideCeil(kBlocks, splitK), 2);
    int64_t budget = KernelConfigAttr::getSharedMemoryPerBlock(blocksPerSM) -
                     kSharedMemoryHeadroom;
    int64_t preferred = kPreferredStages;
    if (blocksPerSM <= static_cast<int64_t>(std::size(kDeepRingLimits))) {
      DeepRingLimit limit = kDeepRingLimits[blocksPerSM - 1];
      if (stageBytes <= KernelConfigAttr::getStageFootprintBytes(
                            limit.tokenTile, limit.consumers))
        preferred = kPreferredStagesDeep;
    }
    stages = std::min({preferred, budget / stageBytes, sliceBlocks});
    stages = std::max<int64_t>(stages, 2);
  }
  KernelProblem chosen = problemOf(tokenTile, consumers, blocksPerSM);
  int64_t blocksAlongN = chosen.blocksAlongN();
  int64_t gridTiles = outputTiles(chosen, mMax);
  int64_t cluster = request.cluster;
  if (cluster == 0) {
    bool oneConsumerPays =
        tokenTile == kOneConsumerClusterTile && consumers == 1 &&
        splitK == 1 &&
        gridTiles * 100 >=
            kMultiprocessors * kOneConsumerClusterMinFillPercent;
    bool pays = (tokenTile == kClusterTile ||
                 (tokenTile == kTwoConsumerClusterTile && consumers == 2) ||
                 oneConsumerPays) &&
                blocksAlongN % 2 == 0;
    cluster = pays ? 2 : 1;
  }
  int64_t streamK = request.streamK;
  if (streamK == 0) {
    int64_t clusterTiles = gridTiles / cluster;
    int64_t roundClusters = kMultiprocessors / cluster;
    bool pays = consumers == 2 && blocksPerSM == 1 && splitK == 1 &&
                tokenTile >= kMinStreamKTile &&
                clusterTiles * 100 <= roundClusters * kStreamKMaxFillPercent &&
                clusterTiles * 100 >= roundClusters * kStreamKMinFillPercent;
    streamK = pays ? kMultiprocessors : 1;
  }
  return KernelConfigAttr::getChecked(emitError, ctx, tokenTile, consumers,
                                      stages, splitK, blocksPerSM, cluster,
                                      streamK);
}
