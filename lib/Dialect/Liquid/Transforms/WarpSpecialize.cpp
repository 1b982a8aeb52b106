//===- WarpSpecialize.cpp - liquid-warp-specialize --------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Generates the implicit fine-grained pipeline (ImFP) kernel of a memref-form
// liquid.w4a8_matmul. The kernel computes Y^T = W * X^T (swap AB): weights are
// the register-sourced A operand of `wgmma m64nTk32` (T = token tile), the
// activations the shared-memory B operand.
//
// Thread block: warp group 0 is the producer, warp groups 1..C the consumers;
// block (bx, by) covers output channels [bx*64C, (bx+1)*64C) and tokens
// [by*T, (by+1)*T).
//
// Shared memory, a ring of S stages, each
//
//   +--------------------------------+-------------------------------------+
//   | weights: C packed 64x64 blocks | activations: T tokens x 64 B        |
//   | (2048 B each, dual-MMA layout) | (K-major, 64-byte swizzle)          |
//   +--------------------------------+-------------------------------------+
//
// and after the S stages, each stage's group parameters: the C consumers'
// 64-byte blocks of s, then of a (DualMmaLayout.h), of the stage's group;
// all guarded by S "full" mbarriers (TMA transactions complete) and S "empty"
// mbarriers (all consumer threads done reading).
//
// Producer (one thread)           Consumer c (128 threads)
//   for kb in 0..K/64:              for kb in 0..K/64:
//     wait empty[kb%S]                wait full[kb%S]
//     expect_tx full[kb%S]            frag = load_weight_fragment(stage, c)
//     TMA W block (kb, rows)          p = s, a pairs of the thread's rows
//     TMA X chunks (kb, tokens)       A0..3 = dequant(frag, low, p)
//     TMA s, a blocks (group, rows)   A4..7 = dequant(frag, high, p)
//                                     wgmma.fence
//                                     acc = wgmma(acc, A0..3, X[k32 #0])
//                                     acc = wgmma(acc, A4..7, X[k32 #1])
//                                     commit; wait 1 (kb's MMAs run on)
//                                     arrive empty[(kb-1)%S]
//                                   epilogue: Y[m, n] = acc * sx[m] * s1[n]
//
// With `cluster` = CS > 1, blocks bx = CS*i .. CS*i + CS-1 form one cluster
// and share the stage's activation tile: each loads T/CS tokens of it and
// multicasts them into the same stage of every block of the cluster, so L2
// serves the tile once per cluster. A block's "full" barrier still expects
// the whole stage (its own weights and group parameters, all CS activation
// slices but those wholly past M, which no block copies); its "empty"
// barrier counts the consumer warps of every block of the cluster, because
// its producer's multicast overwrites the stage in all of them. The producer
// finishes by waiting for the release of every stage's last use, so that no
// block exits while a peer may still arrive on its barriers.
//
// With `stream_k` (KernelProblem::streamsK), a block (or cluster) of the last
// partial round works on up to two segments, each a contiguous range of one
// tile's k blocks: first the start of a later tile, then the end of an
// earlier one. Producer and consumers walk the segments in that order through
// one ring (its uses count on across the boundary). A segment that ends
// before its tile's last k block stores its int32 partial sums in the
// workspace and counts itself in on the tile's counter; the segment holding
// the last k block waits for the tile's other segments, all of lower-numbered
// blocks, adds their partials and runs the epilogue. Since that segment is
// always a block's last, the epilogue's staging over the ring follows the
// ring's last use, as without stream-K; and since a block only waits for
// blocks launched before it, the wait cannot deadlock while blocks are
// dispatched in order.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/KernelABI.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDWARPSPECIALIZE
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

namespace {

/// Name of the gpu.module that holds the generated kernels.
constexpr StringLiteral kKernelModuleName = "liquid_kernels";
/// Suspend-time hint of mbarrier.try_wait, in nanoseconds.
constexpr int64_t kWaitTicks = 10000000;
/// Back-off of a stream-K block polling a tile's counter, in nanoseconds.
constexpr int64_t kSpinSleepNs = 32;
/// The unit of a wgmma shared-memory descriptor's addresses and offsets:
/// every field holds bytes >> 4.
constexpr int64_t kDescriptorUnitBytes = 16;
constexpr int64_t kDescriptorUnitShift = 4;
static_assert(kDescriptorUnitBytes == int64_t{1} << kDescriptorUnitShift);
/// Threads of a warp.
constexpr int64_t kWarpSize = 32;
/// Rows (tokens) of one K-major core matrix of the activation tile.
constexpr int64_t kCoreMatrixRows = 8;
/// Stages of the consumers' main loop per iteration. Even: a wgmma reads
/// its A registers until its group retires, and the loop keeps one group in
/// flight, so consecutive stages dequantize into different registers.
constexpr int64_t kStagesPerIteration = 4;
static_assert(kStagesPerIteration % 2 == 0,
              "the A operands alternate between stages");
/// A token row of a consumer's staged output tile: its 64 channels of 16
/// bits; and a piece of it, one row of an 8x8 stmatrix (8 channels), the
/// unit the epilogue copies to Y.
constexpr int64_t kStagedRowBytes = KernelConfigAttr::kOutputStagingRowBytes;
constexpr int64_t kStagedPieceBytes = 16;
constexpr int64_t kChannelsPerPiece = kStagedPieceBytes / 2;

/// The TMA descriptors the producer copies through.
struct TensorMaps {
  Value weights, activations, groupScales, groupOffsets;
};

/// The copies of a stage and the producer warp whose lane 0 issues each.
/// Each TMA issue costs its thread tens of cycles: all four from one thread
/// limited the main loop where stages are short (4096 x 4096 at M = 128:
/// 17.0 us, 13.9 with the group parameters from a second warp; one warp per
/// copy was no faster, bench/results/2026-11-22-h100-session18).
enum CopyRole : int64_t { kCopyWeights, kCopyActivations, kCopyScales,
                          kCopyOffsets, kCopyRoles };
constexpr int64_t kCopyWarp[kCopyRoles] = {0, 0, 1, 1};
constexpr int64_t kCopyWarps =
    *std::max_element(std::begin(kCopyWarp), std::end(kCopyWarp)) + 1;

/// Emits the kernel body of one plan. Index arithmetic is in `index`;
/// global memory is addressed through LLVM pointers (the kernel's ABI is
/// raw pointers and TMA descriptors, docs/Manifest.md).
///
/// The helpers create ops as they are called, and C++ leaves the order in
/// which a call's arguments are evaluated open (GCC and clang differ). So
/// that the IR does not depend on the host compiler, no call below gets two
/// arguments that both create ops: all but one are named in statements
/// before it (in the order the GCC build always emitted them, which the
/// tests pin).
class KernelBuilder {
public:
  KernelBuilder(ImplicitLocOpBuilder &b, const KernelProblem &plan)
      : b(b), plan(plan) {}

  void build(gpu::GPUFuncOp kernel);

private:
  /// Sets blockN, blockM, isTailBlock and tailConsumer of a kernel whose
  /// launcher may split the tail.
  void buildTileOfBlock();
  /// Sets `work` and ringUses of a stream-K kernel.
  void buildStreamKWork();
  /// The block's place in launch order, by * gridDim.x + bx, and the blocks
  /// launched: the numbering of a kernel launched as a tile grid or as one
  /// row of blocks (split tail, stream-K).
  std::pair<Value, Value> linearBlock() {
    Value gridX = gpu::GridDimOp::create(b, gpu::Dimension::x);
    Value byRow = mul(gpu::BlockIdOp::create(b, gpu::Dimension::y), gridX);
    Value block = add(byRow, gpu::BlockIdOp::create(b, gpu::Dimension::x));
    Value launched = mul(gridX, gpu::GridDimOp::create(b, gpu::Dimension::y));
    return {block, launched};
  }
  /// Emits `body` once per segment of the block's work with blockN, blockM,
  /// the slice bounds and firstUse set to the segment's (stream-K; once
  /// for the whole slice otherwise, with a null segment index).
  void forEachSegment(function_ref<void(Value segment)> body);
  Value cst(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value i32(int64_t v) { return arith::ConstantIntOp::create(b, v, 32); }
  Value i64(int64_t v) { return arith::ConstantIntOp::create(b, v, 64); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, x, y); }
  Value div(Value x, int64_t y) { return arith::DivUIOp::create(b, x, cst(y)); }
  Value rem(Value x, int64_t y) { return arith::RemUIOp::create(b, x, cst(y)); }
  /// ceil(x / y).
  Value ceilDiv(Value x, int64_t y) {
    Value roundedUp = add(x, cst(y - 1));
    return div(roundedUp, y);
  }
  int64_t kBlocks() const { return plan.k / DualMmaLayout::kBlockK; }

  /// Loads one `type` element at `index` of the global array `base`, an
  /// input the kernel never writes (invariant: the read-only data path).
  Value loadGlobal(Value base, Type type, Value index) {
    Value i64Index = arith::IndexCastOp::create(b, b.getI64Type(), index);
    return LLVM::LoadOp::create(
        b, type, globalPtr(base, type, i64Index),
        /*alignment=*/type.getIntOrFloatBitWidth() / 8, /*isVolatile=*/false,
        /*isNonTemporal=*/false, /*isInvariant=*/true);
  }

  /// A typed view of `bytes` at `offset` in the dynamic shared memory.
  Value sharedView(Value offset, MemRefType type) {
    return memref::ViewOp::create(b, type, smem, offset, ValueRange{});
  }

  MemRefType workgroupMemRef(ArrayRef<int64_t> shape, Type elementType) {
    auto space = gpu::AddressSpaceAttr::get(b.getContext(),
                                            gpu::AddressSpace::Workgroup);
    return MemRefType::get(shape, elementType, MemRefLayoutAttrInterface(),
                           space);
  }

  /// The shared-memory tile a TMA box fills: the box of `map`, outermost
  /// dimension first.
  MemRefType boxType(const TensorMapGeometry &map) {
    return workgroupMemRef(llvm::to_vector(llvm::reverse(map.box)),
                           b.getI8Type());
  }
  MemRefType weightBoxType() { return boxType(weightTensorMap(plan)); }
  MemRefType activationBoxType() { return boxType(activationTensorMap(plan)); }
  /// A box of s or a (both maps have the same geometry).
  MemRefType groupParamBoxType() {
    return boxType(groupScaleTensorMap(plan));
  }
  /// Where ring stage `stage`'s group parameters start: its s blocks, then
  /// its a blocks one parameter array further.
  Value groupParamOffset(Value stage) {
    int64_t paramStageBytes =
        KernelConfigAttr::getGroupParamStageBytes(plan.consumers);
    Value ringEnd = add(ringBase, cst(plan.stages * plan.stageBytes()));
    return add(ringEnd, mul(stage, cst(paramStageBytes)));
  }
  nvgpu::TensorMapDescriptorType descriptorType(const TensorMapGeometry &map) {
    auto swizzle = nvgpu::TensorMapSwizzleKind::SWIZZLE_NONE;
    switch (map.swizzleBytes) {
    case 32:
      swizzle = nvgpu::TensorMapSwizzleKind::SWIZZLE_32B;
      break;
    case 64:
      swizzle = nvgpu::TensorMapSwizzleKind::SWIZZLE_64B;
      break;
    case 128:
      swizzle = nvgpu::TensorMapSwizzleKind::SWIZZLE_128B;
      break;
    }
    return nvgpu::TensorMapDescriptorType::get(
        b.getContext(), boxType(map), swizzle,
        nvgpu::TensorMapL2PromoKind::L2PROMO_128B,
        nvgpu::TensorMapOOBKind::OOB_ZERO,
        nvgpu::TensorMapInterleaveKind::INTERLEAVE_NONE);
  }

  /// Stage index and phase parity of k block `kb`.
  std::pair<Value, Value> stageAndParity(Value kb) {
    Value stage = rem(kb, plan.stages);
    Value round = div(kb, plan.stages);
    Value parity = arith::IndexCastOp::create(b, b.getI1Type(), rem(round, 2));
    return {stage, parity};
  }

  /// The tensor maps wrapped in the L2 eviction priorities of their data
  /// under one token tile.
  TensorMaps hintedMaps();
  /// A `createpolicy` value giving every access `priority` (evict_first,
  /// evict_last).
  Value l2Policy(StringRef priority) {
    std::string ptx =
        ("createpolicy.fractional.L2::" + priority + ".b64 $0, 1.0;").str();
    return liquid_gpu::createInlinePtx(b, b.getLoc(), b.getI64Type(),
                                       ValueRange{}, ptx, "=l",
                                       /*hasSideEffects=*/false)
        .getResult(0);
  }
  void buildProducer(Region &region);
  /// Producer warp `warp`'s copies (its lane 0 issues them).
  void buildCopyWarp(int64_t warp);
  /// The producer's loop over the block's k blocks for copies `roles`:
  /// waits for a free stage and issues them through `copyMaps` (the weights'
  /// issuer also announces the stage's bytes).
  void buildCopyLoop(const TensorMaps &copyMaps, ArrayRef<CopyRole> roles);
  /// Copy `role` of ring stage `stage` (k block `kb`, at stageOffset); with
  /// a cluster, the weights' issuer expects skippedBytes fewer and the
  /// activations' copies its slice only where copiesSlice.
  void buildCopy(const TensorMaps &copyMaps, CopyRole role, Value kb,
                 Value stage, Value stageOffset, Value firstToken,
                 Value skippedBytes, Value copiesSlice);
  /// Waits until ring use `index` (counted from the slice's first k block)
  /// may fill its stage: the consumers released the stage's previous use. A
  /// fresh mbarrier counts as having completed the phase before phase 0, so
  /// the first round's wait on "empty" (parity 1) passes at once. Returns
  /// the stage.
  Value waitEmpty(Value index);
  void buildConsumer(Region &region);
  /// A working consumer: the main loop, the last stage's release and the
  /// epilogue.
  void buildWork(Value consumer, Value row0, Value row1, Value pairIndex,
                 Value zero);
  /// The consumer's main loop over its K slice, through the last MMAs'
  /// retirement: returns the accumulators.
  Value buildMainLoop(Value consumer, Value pairIndex, Value zero);
  /// Every thread of every block of the cluster waits for all the others.
  /// Relaxed: what must be visible across the cluster (the mbarrier
  /// initialization) is released by its own fence.
  void clusterBarrier() {
    NVVM::ClusterArriveRelaxedOp::create(b, /*aligned=*/nullptr);
    NVVM::ClusterWaitOp::create(b, /*aligned=*/nullptr);
  }
  /// Hands ring stage `stage` back to the producers: one arrive per thread
  /// on this block's "empty" barrier, or with a cluster, one arrive per warp
  /// on the "empty" barrier of every block of the cluster (lane r signals
  /// block r).
  void releaseStage(Value stage);
  /// With a cluster: where `isFinal`, hands back the stage of the block's
  /// last ring use, which the cluster's producers wait for before exiting.
  void releaseFinalStage(Value isFinal);
  /// The LiquidQuant group parameters of ring stage `stage` for this
  /// thread's rows (row0, row1): the byte pairs s[row0] | s[row1] << 8 and
  /// a[row0] | a[row1] << 8, zero-extended to i32. `pairIndex` is the index
  /// of the thread's 16-bit pair in its stage's s (or a) blocks.
  SmallVector<Value, 2> loadGroupParams(Value stage, Value pairIndex);
  /// One stage of the main loop, ring use `use`: dequantizes the stage's
  /// weights with its group parameters and issues its two MMAs into `acc`.
  Value buildConsumerStage(Value use, Value acc, Value consumer,
                           Value pairIndex);
  /// The wgmma descriptor of the activation tile of ring stage 0, k32 step
  /// 0; built once per consumer.
  Value firstActivationDescriptor();
  /// The descriptor of ring stage `stage` (its first k32 step): the first
  /// stage's with the start address advanced.
  Value activationDescriptor(Value stage);
  /// Named barrier 1 over the consumer warp groups only: the producer warp
  /// group never joins it.
  void consumerBarrier();
  /// How many consumerBarrier()s buildEpilogue passes: two around the
  /// output staging of wide tiles, none for narrow ones.
  int64_t epilogueBarriers() const {
    return KernelConfigAttr::stagesOutput(plan.tokenTile) ? 2 : 0;
  }
  /// What the epilogue multiplies a thread's accumulators by: s1 of its two
  /// rows and, per 8-token chunk, sx of its two tokens (clamped to M - 1;
  /// the tokens past M are never stored) and in offset mode 128 * xsum.
  struct EpilogueScales {
    Value channel[2];
    /// The thread's first token (of chunk 0) and M - 1.
    Value firstToken, lastToken;
    SmallVector<std::array<Value, 2>> token, tokenScale, correction;
  };
  /// Sets the thread's first token and M - 1 in `scales`.
  void findEpilogueTokens(EpilogueScales &scales);
  /// Loads chunk `chunk`'s token scales (and corrections) into `scales`.
  void loadTokenScales(EpilogueScales &scales, int64_t chunk);
  /// Loads s1 of rows row0 and row1 into `scales`.
  void loadChannelScales(EpilogueScales &scales, Value row0, Value row1) {
    scales.channel[0] = loadGlobal(channelScales, b.getF32Type(), row0);
    scales.channel[1] = loadGlobal(channelScales, b.getF32Type(), row1);
  }
  /// Whether the consumer loads the epilogue's scales before its main loop,
  /// so that their latency (a DRAM access where nothing brought them to L2)
  /// overlaps the loop instead of adding to the end of the kernel: narrow
  /// token tiles, whose T / 4 + 2 scales (T / 2 + 2 in offset mode) fit the
  /// registers. At M = 16 and 32 0.98 and 0.987 of the time, at M = 1 the
  /// same (bench/results/2026-11-22-h100-session16).
  /// (Stream-K blocks learn their tiles per segment: they load them after.)
  bool hoistsEpilogueScales() const {
    return plan.tokenTile <= 32 && !plan.streamsK();
  }
  /// Scales the int32 accumulators `acc` of consumer `consumer` (rows row0,
  /// row1 of this thread) and stores them to Y as f16/bf16 through shared
  /// memory.
  void buildEpilogue(Value consumer, Value row0, Value row1, Value acc);
  /// Split-K: writes this block's partial sums into its slice of the
  /// workspace; the block that completes a tile last adds the other slices'
  /// and runs the epilogue on the totals.
  void buildSplitKEpilogue(Value acc, Value consumer, Value row0, Value row1);
  /// Stream-K: the end of segment `segment`: its partial sums to the
  /// workspace, or where it holds the tile's last k block, the other
  /// segments' partials added and the epilogue.
  void buildStreamKEpilogue(Value segment, Value acc, Value consumer,
                            Value row0, Value row1);
  /// The addresses of this consumer thread's chunks of the partial-sum slab
  /// `slot` slabs past `partials` (chunk-major, KernelABI.h).
  SmallVector<Value> partialChunks(Value partials, Value slot,
                                   VectorType accType, Value consumerThread);
  void storePartials(Value acc, ArrayRef<Value> chunks);
  /// Reads a slab another block wrote (volatile: past L1).
  Value loadPartials(ArrayRef<Value> chunks, VectorType accType);
  /// Workspace record `record` (KernelProblem::splitKRecordBytes()): its
  /// counter, and its partial sums kWorkspaceAlignment bytes further.
  Value workspaceRecord(Value record) {
    Value offset = mul(record, cst(plan.splitKRecordBytes()));
    return globalPtr(workspace, b.getI8Type(),
                     arith::IndexCastOp::create(b, b.getI64Type(), offset));
  }
  /// The workspace record of this block's output tile t = by * gridX + bx
  /// (split-K).
  Value splitKRecord() {
    Value gridX = gpu::GridDimOp::create(b, gpu::Dimension::x);
    return workspaceRecord(add(mul(blockM, gridX), blockN));
  }
  Value recordPartials(Value record) {
    return globalPtr(
        record, b.getI8Type(),
        arith::ConstantIntOp::create(b, kWorkspaceAlignment, 64).getResult());
  }
  /// fence.acq_rel.gpu: orders a block's partial sums against its counter
  /// update, and the counter against the reads of others' partials.
  void fenceGpu() {
    LLVM::FenceOp::create(b, LLVM::AtomicOrdering::acq_rel, "device");
  }
  /// Counts the block in on a tile's `counter`, from the first consumer
  /// thread after a consumer barrier that follows the block's partial-sum
  /// stores: the barrier orders every consumer thread's stores before this
  /// thread's release (fence, then a relaxed add), which is cumulative, so
  /// one thread waits for them to reach L2, not all of them (a fence in
  /// every thread took 7.5 % of stream-K's stall samples, bench/results/
  /// 2026-11-22-h100-session17). Returns the count before the add.
  Value countIn(Value counter) {
    fenceGpu();
    return LLVM::AtomicRMWOp::create(b, LLVM::AtomicBinOp::add, counter,
                                     i32(1), LLVM::AtomicOrdering::monotonic,
                                     "device");
  }
  /// This thread's index among the consumer threads (the producer warp
  /// group comes first): its place in a partial-sum slab.
  Value consumerThreadIndex() {
    return arith::SubIOp::create(
        b, threadId, cst(liquid_gpu::WarpSpecializeOp::kWarpGroupSize));
  }
  /// Whether this thread is the first consumer thread, which counts the
  /// block in on a tile's counter.
  Value isFirstConsumerThread() {
    return arith::CmpIOp::create(
        b, arith::CmpIPredicate::eq, threadId,
        cst(liquid_gpu::WarpSpecializeOp::kWarpGroupSize));
  }
  /// The i64 offset token * N + row of an output.
  Value outputIndex(Value token, Value row) {
    return arith::IndexCastOp::create(b, b.getI64Type(),
                                      add(mul(token, cst(plan.n)), row));
  }
  Value globalPtr(Value base, Type type, Value i64Index) {
    return LLVM::GEPOp::create(b, base.getType(), type, base,
                               ValueRange{i64Index});
  }

  ImplicitLocOpBuilder &b;
  const KernelProblem &plan;

  // Values of the kernel, set by build().
  /// The TMA descriptors of the four tensor maps.
  TensorMaps maps;
  Value channelScales, tokenScales, xsum, out, m;
  Value workspace, lastSliceFlag;
  /// The consumer's firstActivationDescriptor().
  Value firstDescriptor;
  /// The epilogue's scales where the consumer loads them before its main
  /// loop (hoistsEpilogueScales()).
  std::optional<EpilogueScales> hoistedScales;
  Value smem, ringBase, barriers, threadId, blockN, blockM, sliceBegin,
      sliceEnd;
  /// The k blocks of the block's K slice (sliceEnd - sliceBegin), or of the
  /// stream-K segment being emitted.
  Value sliceCount;
  /// The ring use of the slice's or segment's first k block (nonzero only
  /// for a stream-K block's second segment, which continues the ring); and
  /// the ring uses of the whole block (stream-K: of all its segments).
  Value firstUse, ringUses;
  /// A stream-K block's segments (KernelProblem::streamsK): segment 0, the
  /// start of a later tile (or a whole one), then segment 1, the end of an
  /// earlier tile; a block of the whole rounds has tile `group` instead.
  /// The segments' values are those of the partial round's shares. Tiles
  /// are counted in clusters, k blocks within the tile.
  struct StreamKWork {
    /// Whether the block runs a whole tile of the whole rounds (tile g).
    Value isWhole, group;
    Value segments;
    /// Tiles of the whole rounds, which run one per cluster.
    Value wholeTiles;
    /// This cluster's index among the partial round's clusters.
    Value share;
    std::array<Value, 2> tile, begin, end;
    /// Ring uses of segment 0 (end[0] - begin[0]), where segment 1's start.
    Value firstUses;
    /// Whether segment 0 holds its tile's last k block (segment 1 always
    /// does), and how many lower-numbered clusters' segments hold the rest.
    Value ownsFirst;
    std::array<Value, 2> others;
  };
  std::optional<StreamKWork> work;
  /// The tile of the segment being emitted (stream-K).
  Value segmentTile;
  /// The consumer's first row in its block and the thread's first row in
  /// its consumer's 64 (DualMmaLayout.h).
  Value consumerRow, warpRow;
  /// This block's rank in its cluster (blockIdx.x % cluster).
  Value clusterRank;
  /// With a split tail (KernelProblem::splitsTail): whether this block is
  /// one of a tail tile's blocks, and which consumer of it works (the
  /// others skip the ring).
  Value isTailBlock, tailConsumer;
  nvgpu::MBarrierGroupType barrierType;
};

} // namespace

void KernelBuilder::build(gpu::GPUFuncOp kernel) {
  Block &entry = kernel.getBody().front();
  b.setInsertionPointToStart(&entry);
  auto args = entry.getArguments().take_front(kernel.getNumArguments());
  if (plan.splitK > 1)
    lastSliceFlag = kernel.getWorkgroupAttributions().front();
  // A tensor-map parameter as the TMA descriptor of its geometry.
  auto descriptorOf = [&](const TensorMapGeometry &map, Value arg) -> Value {
    return UnrealizedConversionCastOp::create(b, descriptorType(map), arg)
        .getResult(0);
  };
  maps.weights = descriptorOf(weightTensorMap(plan), args[0]);
  maps.activations = descriptorOf(activationTensorMap(plan), args[1]);
  maps.groupScales = descriptorOf(groupScaleTensorMap(plan), args[2]);
  maps.groupOffsets = descriptorOf(groupOffsetTensorMap(plan), args[3]);
  channelScales = args[4];
  tokenScales = args[5];
  xsum = args[6];
  out = args[7];
  workspace = args[8];
  m = arith::IndexCastOp::create(b, b.getIndexType(), args[9]);

  smem = gpu::DynamicSharedMemoryOp::create(
      b, workgroupMemRef({ShapedType::kDynamic}, b.getI8Type()));
  // The dynamic region is only guaranteed 16-byte aligned; the ring starts
  // at the next multiple of kStageRingAlignment (TMA destinations, the
  // activations' swizzle period; the launch asks for that much slack,
  // KernelABI.h).
  Value smemAddress = memref::ExtractAlignedPointerAsIndexOp::create(b, smem);
  Value misalignment = rem(smemAddress, kStageRingAlignment);
  Value gap = arith::SubIOp::create(b, cst(kStageRingAlignment), misalignment);
  ringBase = rem(gap, kStageRingAlignment);
  // Barriers [0, S) are "full" (the stage's TMA bytes landed), [S, 2S)
  // "empty" (every consumer thread finished reading the stage).
  auto space = gpu::AddressSpaceAttr::get(b.getContext(),
                                          gpu::AddressSpace::Workgroup);
  barrierType = nvgpu::MBarrierGroupType::get(b.getContext(), space,
                                              2 * plan.stages);
  barriers = nvgpu::MBarrierCreateOp::create(b, barrierType);
  threadId = gpu::ThreadIdOp::create(b, gpu::Dimension::x);
  if (plan.streamsK()) {
    buildStreamKWork();
  } else if (plan.splitsTail()) {
    buildTileOfBlock();
  } else {
    blockN = gpu::BlockIdOp::create(b, gpu::Dimension::x);
    blockM = gpu::BlockIdOp::create(b, gpu::Dimension::y);
  }
  // Clusters are (cluster, 1, 1) blocks: the rank is blockIdx.x's remainder.
  if (plan.cluster > 1)
    clusterRank =
        rem(gpu::BlockIdOp::create(b, gpu::Dimension::x), plan.cluster);
  // The K slice of this block: k blocks [sliceBegin, sliceEnd) (stream-K
  // sets them per segment).
  if (!plan.streamsK()) {
    int64_t sliceBlocks = llvm::divideCeil(kBlocks(), plan.splitK);
    if (plan.splitK > 1) {
      Value slice = gpu::BlockIdOp::create(b, gpu::Dimension::z);
      Value beginBound = cst(kBlocks());
      sliceBegin = arith::MinUIOp::create(b, mul(slice, cst(sliceBlocks)),
                                          beginBound);
      Value endBound = cst(kBlocks());
      sliceEnd = arith::MinUIOp::create(b, add(sliceBegin, cst(sliceBlocks)),
                                        endBound);
    } else {
      sliceBegin = cst(0);
      sliceEnd = cst(kBlocks());
    }
    sliceCount = sub(sliceEnd, sliceBegin);
    firstUse = cst(0);
    ringUses = sliceCount;
  }

  // Thread 0 initializes the ring; everyone waits for it.
  Value isThread0 = arith::CmpIOp::create(b, arith::CmpIPredicate::eq,
                                          threadId, cst(0));
  scf::IfOp init = scf::IfOp::create(b, isThread0, /*withElse=*/false);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&init.getThenRegion().front());
    // The TMA unit reads each descriptor from global memory on its first
    // copy (the 128-byte CUtensorMap the runtime uploaded, docs/Manifest.md);
    // fetch all four now, together and while the block sets up, rather than
    // one after another on the first stage's copies.
    for (Value map : {maps.weights, maps.activations, maps.groupScales,
                      maps.groupOffsets})
      nvgpu::TmaPrefetchOp::create(b, map, Value());
    // releaseStage(): one arrive per consumer thread, or with a cluster one
    // per consumer warp of every block of the cluster.
    // A split tail's blocks (a cluster's blocks are all of one tile) count
    // their one working consumer's.
    int64_t releases =
        liquid_gpu::WarpSpecializeOp::kWarpGroupSize * plan.consumers;
    if (plan.cluster > 1)
      releases = releases / kWarpSize * plan.cluster;
    for (int64_t s = 0; s < plan.stages; ++s) {
      Value full = cst(s);
      nvgpu::MBarrierInitOp::create(b, barriers, cst(1), full, Value());
      Value empty = cst(plan.stages + s);
      Value count = cst(releases);
      if (plan.splitsTail())
        count = arith::SelectOp::create(b, isTailBlock,
                                        cst(releases / plan.consumers), count);
      nvgpu::MBarrierInitOp::create(b, barriers, count, empty, Value());
    }
    // The other blocks of the cluster arrive on these barriers and signal
    // their TMA bytes to them: make the initialization visible to them.
    if (plan.cluster > 1)
      NVVM::FenceMbarrierInitOp::create(b);
  }
  if (plan.cluster > 1)
    clusterBarrier();
  else
    gpu::BarrierOp::create(b);

  auto ws = liquid_gpu::WarpSpecializeOp::create(
      b, plan.consumers, KernelProblem::kProducerRegisters,
      plan.consumerRegisters(), plan.blocksPerSM);
  buildProducer(ws.getProducer());
  buildConsumer(ws.getConsumer());
  b.setInsertionPointAfter(ws);
  gpu::ReturnOp::create(b);
}

void KernelBuilder::buildTileOfBlock() {
  // Blocks in launch order: tile t = by * X + bx of the tile grid (X blocks
  // along N, ceil(M/T) token tiles), or the one row of blocks of a split
  // tail: the tiles of the whole rounds first, one block each, then each of
  // the last `tail` tiles as C blocks, consumer c of block c doing the
  // work. Tile t covers rows [(t % X) * 64C, ...) of token tile t / X. A
  // split tail launches (C - 1) * tail blocks beyond the tiles, which tells
  // the kernel `tail`; the tile grid launches none.
  int64_t alongN = plan.blocksAlongN();
  int64_t consumers = plan.consumers;
  auto [block, launched] = linearBlock();
  Value tokenTiles = ceilDiv(m, plan.tokenTile);
  Value tiles = mul(tokenTiles, cst(alongN));
  Value tail = div(sub(launched, tiles), consumers - 1);
  Value whole = sub(tiles, tail);
  isTailBlock =
      arith::CmpIOp::create(b, arith::CmpIPredicate::uge, block, whole);
  Value none = cst(0);
  Value intoTail = sub(block, whole);
  Value past = arith::SelectOp::create(b, isTailBlock, intoTail, none);
  Value tailTile = add(whole, div(past, consumers));
  Value tile = arith::SelectOp::create(b, isTailBlock, tailTile, block);
  tailConsumer = rem(past, consumers);
  blockN = rem(tile, alongN);
  blockM = div(tile, alongN);
}

void KernelBuilder::buildStreamKWork() {
  // KernelProblem::streamsK numbers the clusters g and the tiles; in units
  // of k blocks, the partial round's share p of P covers [start, end) of
  // its tiles' U = R * K/64 k blocks, and since end - start <= K/64 it
  // touches tile tA = (end - 1) / (K/64) and maybe tB = start / (K/64) =
  // tA - 1. Segment 0 is its part of tA, segment 1 its part of tB (to tB's
  // end). The share holding k block u is the largest p with p U / P <= u,
  // floor(((u + 1) P - 1) / U).
  int64_t kb = kBlocks();
  int64_t groupsAlongN = plan.blocksAlongN() / plan.cluster;
  int64_t roundGroups = plan.streamK / plan.cluster;
  auto [block, launchedBlocks] = linearBlock();
  Value group = div(block, plan.cluster);
  Value launched = div(launchedBlocks, plan.cluster);
  Value tiles = mul(ceilDiv(m, plan.tokenTile), cst(groupsAlongN));
  Value partialRound = rem(tiles, roundGroups);
  StreamKWork w;
  w.wholeTiles = sub(tiles, partialRound);
  w.group = group;
  Value isWhole = arith::CmpIOp::create(b, arith::CmpIPredicate::ult, group,
                                        w.wholeTiles);
  w.isWhole = isWhole;
  // A whole tile's block computes the shares' values too (it runs its own
  // version, forEachSegment): clamped so that it divides by no zero.
  Value one = cst(1);
  Value shares = arith::MaxUIOp::create(b, sub(launched, w.wholeTiles), one);
  Value units =
      arith::MaxUIOp::create(b, mul(partialRound, cst(kb)), one);
  Value none = cst(0);
  w.share = arith::SelectOp::create(b, isWhole, none,
                                    sub(group, w.wholeTiles));
  // Every thread computes these before the pipeline starts: in 32 bits, a
  // division by a run-time value is a short routine, in 64 a long one (the
  // operands are bounded: planKernel checks streamK^2 * K/64 < 2^31).
  auto divide = [&](Value x, Value y) {
    Value x32 = arith::IndexCastUIOp::create(b, b.getI32Type(), x);
    Value y32 = arith::IndexCastUIOp::create(b, b.getI32Type(), y);
    Value q = arith::DivUIOp::create(b, x32, y32);
    return arith::IndexCastUIOp::create(b, b.getIndexType(), q).getResult();
  };
  Value start = divide(mul(w.share, units), shares);
  Value nextShare = add(w.share, one);
  Value end = divide(mul(nextShare, units), shares);
  Value last = sub(arith::MaxUIOp::create(b, end, one), one);
  Value tileA = div(last, kb);
  Value tileB = div(start, kb);
  Value firstA = mul(tileA, cst(kb));
  Value firstB = mul(tileB, cst(kb));
  // The share holding k block u of the partial round: the lowest-numbered
  // cluster of a tile's segments when u is the tile's first.
  auto shareOf = [&](Value u) {
    Value scaled = mul(add(u, one), shares);
    return divide(sub(scaled, one), units);
  };
  Value beginA = sub(arith::MaxUIOp::create(b, start, firstA), firstA);
  Value endA = sub(end, firstA);
  Value ownsA = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, endA,
                                      cst(kb));
  Value othersA = arith::SelectOp::create(
      b, ownsA, sub(w.share, shareOf(firstA)), none);
  Value twoTiles =
      arith::CmpIOp::create(b, arith::CmpIPredicate::ne, tileA, tileB);
  Value hasWork =
      arith::CmpIOp::create(b, arith::CmpIPredicate::ugt, end, start);
  w.segments = arith::SelectOp::create(
      b, hasWork, arith::SelectOp::create(b, twoTiles, cst(2), one), none);
  w.tile[0] = add(w.wholeTiles, tileA);
  w.begin[0] = beginA;
  w.end[0] = endA;
  w.ownsFirst = ownsA;
  w.others[0] = othersA;
  w.tile[1] = add(w.wholeTiles, tileB);
  w.begin[1] = sub(start, firstB);
  w.end[1] = cst(kb);
  w.others[1] = sub(w.share, shareOf(firstB));
  w.firstUses = sub(w.end[0], w.begin[0]);
  Value secondUses = sub(w.end[1], w.begin[1]);
  Value bothUses = add(w.firstUses, secondUses);
  Value isTwo = arith::CmpIOp::create(b, arith::CmpIPredicate::eq,
                                      w.segments, cst(2));
  Value uses = arith::SelectOp::create(b, isTwo, bothUses, w.firstUses);
  Value hasSegments = arith::CmpIOp::create(b, arith::CmpIPredicate::ne,
                                            w.segments, none);
  Value shareUses = arith::SelectOp::create(b, hasSegments, uses, none);
  // A whole tile's block uses the ring once per k block.
  ringUses = arith::SelectOp::create(b, isWhole, cst(kb), shareUses);
  work = w;
}

void KernelBuilder::forEachSegment(function_ref<void(Value)> body) {
  if (!plan.streamsK())
    return body(Value());
  // Tile t of the clusters: token tile t / (X / cluster), this block's
  // place along N in cluster t % (X / cluster).
  int64_t groupsAlongN = plan.blocksAlongN() / plan.cluster;
  auto placeTile = [&](Value tile) {
    blockM = div(tile, groupsAlongN);
    blockN = rem(tile, groupsAlongN);
    if (plan.cluster > 1)
      blockN = add(mul(blockN, cst(plan.cluster)), clusterRank);
  };
  // Two versions: a whole tile's block runs the code of a kernel without
  // stream-K (constant bounds: whole-tile blocks took 1.10x the time in the
  // segments' version, bench/results/2026-11-22-h100-session17, measured
  // before the main loop started at an aligned ring use); the partial
  // round's blocks walk their segments.
  OpBuilder::InsertionGuard guard(b);
  scf::IfOp whole = scf::IfOp::create(b, work->isWhole, /*withElse=*/true);
  b.setInsertionPoint(whole.thenBlock()->getTerminator());
  placeTile(work->group);
  sliceBegin = cst(0);
  sliceEnd = cst(kBlocks());
  sliceCount = sliceEnd;
  firstUse = cst(0);
  body(Value());

  b.setInsertionPoint(whole.elseBlock()->getTerminator());
  scf::ForOp loop = scf::ForOp::create(b, cst(0), work->segments, cst(1));
  b.setInsertionPointToStart(loop.getBody());
  Value segment = loop.getInductionVar();
  Value isFirst = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, segment,
                                        cst(0));
  auto pick = [&](const std::array<Value, 2> &values) {
    return arith::SelectOp::create(b, isFirst, values[0], values[1])
        .getResult();
  };
  segmentTile = pick(work->tile);
  sliceBegin = pick(work->begin);
  sliceEnd = pick(work->end);
  sliceCount = sub(sliceEnd, sliceBegin);
  // Segment 1's ring uses follow segment 0's.
  firstUse = arith::SelectOp::create(b, isFirst, cst(0), work->firstUses);
  placeTile(segmentTile);
  body(segment);
}

// With one token tile (M <= tokenTile) each block streams its own rows'
// weights and group parameters once, and every block reads the same
// activation tile: the weights are the lines to evict first, the activations
// the ones to keep. Evicting streamed lines first also spares L2's other
// contents, dirty lines of earlier kernels included (their write-back would
// share DRAM with the stream). With more token tiles the blocks of the other
// rows read the weights again: the producer copies without hints (choosing
// at run time between the hints and an explicit evict_normal policy slowed
// 4096 x 4096 at M = 256 by 30 %).
TensorMaps KernelBuilder::hintedMaps() {
  Value first = l2Policy("evict_first");
  Value last = l2Policy("evict_last");
  auto withPolicy = [&](Value map, Value policy) -> Value {
    return liquid_gpu::TmaL2PolicyOp::create(b, map.getType(), map, policy);
  };
  TensorMaps hinted;
  hinted.weights = withPolicy(maps.weights, first);
  hinted.activations = withPolicy(maps.activations, last);
  hinted.groupScales = withPolicy(maps.groupScales, first);
  hinted.groupOffsets = withPolicy(maps.groupOffsets, first);
  return hinted;
}

Value KernelBuilder::waitEmpty(Value index) {
  auto [stage, parity] = stageAndParity(index);
  Value trueParity = arith::ConstantIntOp::create(b, 1, 1);
  Value emptyParity = arith::XOrIOp::create(b, parity, trueParity);
  Value empty = add(stage, cst(plan.stages));
  nvgpu::MBarrierTryWaitParityOp::create(b, barriers, emptyParity,
                                         cst(kWaitTicks), empty);
  return stage;
}

void KernelBuilder::buildProducer(Region &region) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&region.emplaceBlock());
  // Lane 0 of each copy warp issues its copies; TMA moves whole tiles on
  // its own.
  Value lane = rem(threadId, kWarpSize);
  Value isLane0 =
      arith::CmpIOp::create(b, arith::CmpIPredicate::eq, lane, cst(0));
  Value warp = div(threadId, kWarpSize);
  Value copies = arith::CmpIOp::create(b, arith::CmpIPredicate::ult, warp,
                                       cst(kCopyWarps));
  Value isLeader = arith::AndIOp::create(b, isLane0, copies);
  scf::IfOp leader = scf::IfOp::create(b, isLeader, /*withElse=*/false);
  b.setInsertionPointToStart(&leader.getThenRegion().front());
  // Warp 0 is the switch's default.
  SmallVector<int64_t> cases =
      llvm::to_vector(llvm::seq<int64_t>(1, kCopyWarps));
  auto warps = scf::IndexSwitchOp::create(b, TypeRange(), warp, cases,
                                          cases.size());
  auto emitWarp = [&](Region &region, int64_t copyWarp) {
    OpBuilder::InsertionGuard warpGuard(b);
    b.setInsertionPointToStart(&region.emplaceBlock());
    b.setInsertionPoint(scf::YieldOp::create(b));
    buildCopyWarp(copyWarp);
  };
  emitWarp(warps.getDefaultRegion(), 0);
  for (auto [region, copyWarp] :
       llvm::zip_equal(warps.getCaseRegions(), cases))
    emitWarp(region, copyWarp);
}

void KernelBuilder::buildCopyWarp(int64_t warp) {
  SmallVector<CopyRole> roles;
  for (int64_t role = 0; role < kCopyRoles; ++role)
    if (kCopyWarp[role] == warp)
      roles.push_back(static_cast<CopyRole>(role));
  // The copy loop in two versions, with and without L2 hints, chosen once: a
  // branch per copy keeps LLVM and ptxas from unrolling the loop, and with
  // one consumer's short stages the producer's issue rate shows (4096 x 4096
  // at M = 256 took 1.27x the time). Only the leaders need the policies.
  Value oneTokenTile = arith::CmpIOp::create(b, arith::CmpIPredicate::ule, m,
                                             cst(plan.tokenTile));
  TensorMaps hinted = hintedMaps();
  scf::IfOp version = scf::IfOp::create(b, oneTokenTile, /*withElse=*/true);
  b.setInsertionPoint(version.thenBlock()->getTerminator());
  forEachSegment([&](Value) { buildCopyLoop(hinted, roles); });
  b.setInsertionPoint(version.elseBlock()->getTerminator());
  forEachSegment([&](Value) { buildCopyLoop(maps, roles); });
  b.setInsertionPointAfter(version);
  if (plan.cluster == 1 || warp != kCopyWarp[kCopyWeights])
    return;
  // The producer tail: the other blocks of the cluster arrive on this
  // block's "empty" barriers until they release their last stage, so the
  // block must not exit before (the weights' warp keeps it alive): wait for
  // the release of every stage's last use (ring uses count .. count + S - 1
  // wait for exactly those).
  Value tailEnd = add(ringUses, cst(plan.stages));
  scf::ForOp tail = scf::ForOp::create(b, ringUses, tailEnd, cst(1));
  b.setInsertionPointToStart(tail.getBody());
  waitEmpty(tail.getInductionVar());
}

void KernelBuilder::buildCopyLoop(const TensorMaps &copyMaps,
                                  ArrayRef<CopyRole> roles) {
  OpBuilder::InsertionGuard guard(b);
  bool announces = llvm::is_contained(roles, kCopyWeights);
  bool copiesActivations = llvm::is_contained(roles, kCopyActivations);
  bool tiles = announces || copiesActivations;
  Value firstToken;
  if (tiles)
    firstToken = mul(blockM, cst(plan.tokenTile));
  // With a cluster, the activation slices of a partial last token tile that
  // lie wholly past M are not copied: TMA would only zero-fill them, for
  // tokens whose outputs are never stored, and a multicast box wholly out
  // of bounds made the whole kernel up to 1.7x slower (57344 x 8192 at
  // M = 384: 427 against 312 us without it, bench/results/2026-11-22-h100-
  // session16). Each stage then expects their bytes fewer; every block of
  // the cluster has the same token tile, so all agree on which slices come.
  Value skippedBytes, copiesSlice;
  if (plan.cluster > 1 && tiles) {
    int64_t sliceTokens = plan.multicastTokens();
    Value validTokens = sub(m, firstToken);
    Value validSlices = ceilDiv(validTokens, sliceTokens);
    Value slices = arith::MinUIOp::create(b, validSlices, cst(plan.cluster));
    if (announces) {
      Value skipped = sub(cst(plan.cluster), slices);
      skippedBytes = mul(skipped, cst(sliceTokens * DualMmaLayout::kBlockK));
    }
    if (copiesActivations)
      copiesSlice = arith::CmpIOp::create(b, arith::CmpIPredicate::ult,
                                          clusterRank, slices);
  }
  scf::ForOp loop = scf::ForOp::create(b, sliceBegin, sliceEnd, cst(1));
  b.setInsertionPointToStart(loop.getBody());
  Value kb = loop.getInductionVar();
  Value use = sub(kb, sliceBegin);
  if (!isConstantIntValue(firstUse, 0))
    use = add(use, firstUse);
  Value stage = waitEmpty(use);
  // The stage's weight and activation tiles (the group parameters follow
  // the ring).
  Value stageOffset;
  if (tiles)
    stageOffset = add(ringBase, mul(stage, cst(plan.stageBytes())));
  for (CopyRole role : roles)
    buildCopy(copyMaps, role, kb, stage, stageOffset, firstToken, skippedBytes,
              copiesSlice);
}

void KernelBuilder::buildCopy(const TensorMaps &copyMaps, CopyRole role,
                              Value kb, Value stage, Value stageOffset,
                              Value firstToken, Value skippedBytes,
                              Value copiesSlice) {
  OpBuilder::InsertionGuard guard(b);
  switch (role) {
  case kCopyWeights: {
    // The stage's one arrival, announcing every role's bytes: the others'
    // copies may land first (an mbarrier's transaction count may go
    // negative), but the phase cannot complete before this arrival.
    Value expected = cst(plan.stageTransactionBytes());
    if (skippedBytes)
      expected = sub(expected, skippedBytes);
    nvgpu::MBarrierArriveExpectTxOp::create(b, barriers, expected, stage,
                                            Value());
    Value weightDst = sharedView(stageOffset, weightBoxType());
    // Coordinates innermost first (KernelABI.h): weight map (256 B, 8,
    // K/64 blocks, N/64 blocks).
    Value firstBlockRow = mul(blockN, cst(plan.consumers));
    nvgpu::TmaAsyncLoadOp::create(
        b, weightDst, barriers, copyMaps.weights,
        ValueRange{cst(0), cst(0), kb, firstBlockRow}, stage, Value(),
        Value());
    return;
  }
  case kCopyActivations: {
    // This block's slice of the stage's activation tile (all of it without
    // a cluster), multicast into the same place of every block of the
    // cluster. Activation map coordinates: (K bytes, M tokens).
    Value activationOffset = add(stageOffset, cst(plan.weightStageBytes()));
    Value sliceToken = firstToken;
    Value multicastMask;
    if (plan.cluster > 1) {
      Value sliceOffset = mul(clusterRank, cst(plan.multicastTokens() *
                                               DualMmaLayout::kBlockK));
      activationOffset = add(activationOffset, sliceOffset);
      Value sliceFirst = mul(clusterRank, cst(plan.multicastTokens()));
      sliceToken = add(firstToken, sliceFirst);
      multicastMask = arith::ConstantIntOp::create(
          b, (int64_t{1} << plan.cluster) - 1, /*width=*/16);
    }
    Value activationDst = sharedView(activationOffset, activationBoxType());
    Value kByte = mul(kb, cst(DualMmaLayout::kBlockK));
    if (copiesSlice) {
      scf::IfOp copy = scf::IfOp::create(b, copiesSlice, /*withElse=*/false);
      b.setInsertionPointToStart(&copy.getThenRegion().front());
    }
    nvgpu::TmaAsyncLoadOp::create(b, activationDst, barriers,
                                  copyMaps.activations,
                                  ValueRange{kByte, sliceToken}, stage,
                                  multicastMask, Value());
    return;
  }
  case kCopyScales:
  case kCopyOffsets: {
    // The consumers' parameters of the stage's group, s or a (each block
    // its own rows: no multicast). Coordinates: (byte 0, row block, group).
    Value group = div(mul(kb, cst(DualMmaLayout::kBlockK)), plan.groupSize);
    Value offset = groupParamOffset(stage);
    Value map = copyMaps.groupScales;
    if (role == kCopyOffsets) {
      offset = add(offset, cst(KernelConfigAttr::getGroupParamArrayBytes(
                               plan.consumers)));
      map = copyMaps.groupOffsets;
    }
    Value dst = sharedView(offset, groupParamBoxType());
    Value firstBlockRow = mul(blockN, cst(plan.consumers));
    nvgpu::TmaAsyncLoadOp::create(b, dst, barriers, map,
                                  ValueRange{cst(0), firstBlockRow, group},
                                  stage, Value(), Value());
    return;
  }
  case kCopyRoles:
    break;
  }
  llvm_unreachable("not a copy role");
}

void KernelBuilder::buildConsumer(Region &region) {
  OpBuilder::InsertionGuard guard(b);
  Block *body = &region.emplaceBlock();
  Value consumer = body->addArgument(b.getIndexType(), b.getLoc());
  b.setInsertionPointToStart(body);

  // wgmma fragment rows of this thread (DualMmaLayout.h): thread t = 32w + l
  // holds rows 16w + l/4 and 16w + l/4 + 8 of its consumer's 64.
  Value t = rem(threadId, 128);
  Value warp = div(t, 32);
  Value lane = rem(t, 32);
  consumerRow = mul(consumer, cst(DualMmaLayout::kBlockRows));
  // Stream-K: per segment (buildWork).
  Value blockRow;
  if (!plan.streamsK())
    blockRow = add(mul(blockN, cst(plan.rowsPerBlock())), consumerRow);
  Value laneRow = div(lane, 4);
  warpRow = add(mul(warp, cst(16)), laneRow);
  Value row0, row1;
  if (!plan.streamsK()) {
    row0 = add(blockRow, warpRow);
    row1 = add(row0, cst(8));
  }
  // The thread's (row0, row1) parameter pair in a stage's s (or a) blocks:
  // its consumer's block of 32 lane-quad pairs, its quad's pair in it.
  Value firstQuad = mul(consumer, cst(DualMmaLayout::kQuads));
  Value pairIndex = add(firstQuad, div(t, 4));
  if (hoistsEpilogueScales()) {
    EpilogueScales scales;
    findEpilogueTokens(scales);
    loadChannelScales(scales, row0, row1);
    for (int64_t chunk = 0; chunk < plan.tokenTile / kCoreMatrixRows; ++chunk)
      loadTokenScales(scales, chunk);
    hoistedScales = std::move(scales);
  }

  // The tile's counter line may have left L2 since the previous launch
  // (under the benchmark's flush it always has): fetch it now, so that the
  // block's add at the end finds it there.
  if (plan.splitK > 1) {
    scf::IfOp prefetch =
        scf::IfOp::create(b, isFirstConsumerThread(), /*withElse=*/false);
    OpBuilder::InsertionGuard prefetchGuard(b);
    b.setInsertionPointToStart(&prefetch.getThenRegion().front());
    NVVM::PrefetchOp::create(
        b, NVVM::PrefetchCacheLevelAttr::get(b.getContext(),
                                             NVVM::PrefetchCacheLevel::L2),
        /*evictPriority=*/nullptr, splitKRecord(), /*predicate=*/Value(),
        /*tensormap=*/false, /*uniform=*/false, /*in_param_space=*/false);
  }
  firstDescriptor = firstActivationDescriptor();
  // m64nT: 64 x T int32 accumulators over 128 threads.
  auto accType = VectorType::get({plan.tokenTile / 2}, b.getI32Type());
  Value zero = arith::ConstantOp::create(
      b, accType, DenseElementsAttr::get(accType, b.getI32IntegerAttr(0)));
  if (!plan.splitsTail())
    return buildWork(consumer, row0, row1, pairIndex, zero);
  // A tail tile's block works with one consumer; the others skip the ring
  // (its "empty" barriers count the working one's releases only) and only
  // join the barriers of the working consumer's epilogue.
  Value otherConsumer = arith::CmpIOp::create(b, arith::CmpIPredicate::ne,
                                              consumer, tailConsumer);
  Value idle = arith::AndIOp::create(b, isTailBlock, otherConsumer);
  // Lane 0's copy of the condition (the same in every lane): a value ptxas
  // knows to be warp-uniform, so that the main loop inside the branch keeps
  // the uniform datapath and needs no convergence barriers (branching on
  // the thread-derived condition itself made the loop 17 % longer and the
  // T = 128 kernels up to 5 % slower).
  Value idle32 = arith::ExtUIOp::create(b, b.getI32Type(), idle);
  Value allLanes = i32(-1);
  Value lane0 = i32(0);
  Value clamp = i32(kWarpSize - 1);
  Value uniform =
      NVVM::ShflOp::create(b, b.getI32Type(), allLanes, idle32, lane0, clamp,
                           NVVM::ShflKind::idx, UnitAttr());
  idle = arith::CmpIOp::create(b, arith::CmpIPredicate::ne, uniform, i32(0));
  auto work = scf::IfOp::create(b, idle, /*withElse=*/true);
  b.setInsertionPoint(work.thenBlock()->getTerminator());
  for (int64_t i = 0; i < epilogueBarriers(); ++i)
    consumerBarrier();
  b.setInsertionPoint(work.elseBlock()->getTerminator());
  buildWork(consumer, row0, row1, pairIndex, zero);
}

void KernelBuilder::releaseFinalStage(Value isFinal) {
  scf::IfOp release = scf::IfOp::create(b, isFinal, /*withElse=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&release.getThenRegion().front());
  Value last = sub(ringUses, cst(1));
  releaseStage(rem(last, plan.stages));
}

void KernelBuilder::buildWork(Value consumer, Value row0, Value row1,
                              Value pairIndex, Value zero) {
  // A stream-K block learns its rows with its tile.
  forEachSegment([&](Value segment) {
    Value rows[2] = {row0, row1};
    if (plan.streamsK()) {
      Value blockRow =
          add(mul(blockN, cst(plan.rowsPerBlock())), consumerRow);
      rows[0] = add(blockRow, warpRow);
      rows[1] = add(rows[0], cst(8));
    }
    Value acc = buildMainLoop(consumer, pairIndex, zero);
    // With a cluster, the last stage goes back too: the producers' tails
    // wait for it (an empty K slice used no stage; a stream-K block's last
    // use is its last segment's).
    if (plan.cluster > 1) {
      Value isFinal;
      if (segment) {
        Value lastSegment = sub(work->segments, cst(1));
        isFinal = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, segment,
                                        lastSegment);
      } else {
        isFinal = arith::CmpIOp::create(b, arith::CmpIPredicate::ugt,
                                        ringUses, cst(0));
      }
      releaseFinalStage(isFinal);
    }
    if (segment)
      return buildStreamKEpilogue(segment, acc, consumer, rows[0], rows[1]);
    if (plan.splitK > 1)
      return buildSplitKEpilogue(acc, consumer, rows[0], rows[1]);
    buildEpilogue(consumer, rows[0], rows[1], acc);
  });
}

Value KernelBuilder::buildMainLoop(Value consumer, Value pairIndex,
                                   Value zero) {
  // The slice's k blocks are ring uses [firstUse, useEnd). The loop runs
  // kStagesPerIteration stages per iteration from a use that is a multiple
  // of kStagesPerIteration, so that every iteration's is: with a stage count
  // that is one too, LLVM derives the iteration's slots and phases from one
  // computation (the stream-K segments' loop, which started at any use,
  // took 274 SASS instructions per four stages against 232, in the same
  // time: bench/results/2026-11-22-h100-session18). Up to
  // kStagesPerIteration - 1 stages run before the loop (only where a
  // segment continues the ring) and after it.
  Value perIteration = cst(kStagesPerIteration);
  Value acc = zero;
  auto guardedStage = [&](Value use, Value bound) {
    Value runs =
        arith::CmpIOp::create(b, arith::CmpIPredicate::ult, use, bound);
    auto stage = scf::IfOp::create(b, acc.getType(), runs, /*withElse=*/true);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&stage.getThenRegion().front());
    scf::YieldOp::create(b,
                         buildConsumerStage(use, acc, consumer, pairIndex));
    b.setInsertionPointToStart(&stage.getElseRegion().front());
    scf::YieldOp::create(b, acc);
    acc = stage.getResult(0);
  };
  Value loopBegin = firstUse, useEnd = sliceCount, loopUses = sliceCount;
  if (!isConstantIntValue(firstUse, 0)) {
    useEnd = add(firstUse, sliceCount);
    Value roundedUp = add(firstUse, cst(kStagesPerIteration - 1));
    loopBegin = arith::AndIOp::create(b, roundedUp, cst(-kStagesPerIteration));
    Value headEnd = arith::MinUIOp::create(b, loopBegin, useEnd);
    for (int64_t j = 0; j + 1 < kStagesPerIteration; ++j)
      guardedStage(add(firstUse, cst(j)), headEnd);
    Value pastHead = arith::MaxUIOp::create(b, useEnd, loopBegin);
    loopUses = sub(pastHead, loopBegin);
  }
  Value rounds = div(loopUses, kStagesPerIteration);
  Value loopEnd = add(loopBegin, mul(rounds, perIteration));
  scf::ForOp loop =
      scf::ForOp::create(b, loopBegin, loopEnd, perIteration, acc);
  {
    OpBuilder::InsertionGuard loopGuard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value use = loop.getInductionVar();
    Value loopAcc = loop.getRegionIterArgs().front();
    for (int64_t j = 0; j < kStagesPerIteration; ++j) {
      Value stageUse = j == 0 ? use : add(use, cst(j));
      loopAcc = buildConsumerStage(stageUse, loopAcc, consumer, pairIndex);
    }
    scf::YieldOp::create(b, loopAcc);
  }
  acc = loop.getResult(0);
  for (int64_t j = 0; j + 1 < kStagesPerIteration; ++j)
    guardedStage(add(loopEnd, cst(j)), useEnd);
  // The last stage's MMAs are still in flight.
  NVVM::WgmmaWaitGroupSyncOp::create(b, 0);
  return acc;
}

SmallVector<Value, 2> KernelBuilder::loadGroupParams(Value stage,
                                                     Value pairIndex) {
  // Both k32 steps of a stage lie in one group (G is a multiple of 64): the
  // producer copied its s blocks, then its a blocks, one parameter array
  // apart, as 16-bit pairs.
  int64_t pairsPerArray =
      KernelConfigAttr::getGroupParamArrayBytes(plan.consumers) / 2;
  Value params =
      sharedView(groupParamOffset(stage),
                 workgroupMemRef({2, pairsPerArray}, b.getI16Type()));
  SmallVector<Value, 2> pairs;
  for (int64_t array = 0; array < 2; ++array) {
    Value which = cst(array);
    Value pair =
        memref::LoadOp::create(b, params, ValueRange{which, pairIndex});
    pairs.push_back(
        arith::ExtUIOp::create(b, b.getI32Type(), pair).getResult());
  }
  return pairs;
}

Value KernelBuilder::buildConsumerStage(Value use, Value acc, Value consumer,
                                        Value pairIndex) {
  auto [stage, parity] = stageAndParity(use);
  nvgpu::MBarrierTryWaitParityOp::create(b, barriers, parity, cst(kWaitTicks),
                                         stage);
  Value stageOffset = add(ringBase, mul(stage, cst(plan.stageBytes())));
  Value weights = sharedView(
      stageOffset,
      workgroupMemRef({plan.consumers, DualMmaLayout::kBlockBytes},
                      b.getI8Type()));
  Value fragment = liquid_gpu::LoadWeightFragmentOp::create(
      b, VectorType::get({4}, b.getI32Type()), weights, consumer);
  SmallVector<Value, 2> params = loadGroupParams(stage, pairIndex);

  // A register r of a step holds row 16w + l/4 + 8 (r % 2): its s and a are
  // byte r % 2 of the stage's pairs (s[row0] | s[row1] << 8, likewise a).
  auto byteOf = [&](Value pair, int64_t half) -> Value {
    if (half) // The pair is a zero-extended 16-bit value.
      return arith::ShRUIOp::create(b, pair, i32(8));
    return arith::AndIOp::create(b, pair, i32(0xFF));
  };
  Value scale[2] = {byteOf(params[0], 0), byteOf(params[0], 1)};
  Value offset[2] = {byteOf(params[1], 0), byteOf(params[1], 1)};
  bool isSigned = plan.mode == DequantMode::Xor;
  SmallVector<Value, 2> aOperands;
  for (liquid_gpu::Nibble nibble :
       {liquid_gpu::Nibble::Low, liquid_gpu::Nibble::High}) {
    SmallVector<Value, 4> regs;
    for (int64_t r = 0; r < DualMmaLayout::kRegsPerMma; ++r) {
      Value word = vector::ExtractOp::create(b, fragment, r);
      regs.push_back(liquid_gpu::DequantOp::create(
          b, b.getI32Type(), word, scale[r % 2], offset[r % 2], nibble,
          isSigned));
    }
    aOperands.push_back(vector::FromElementsOp::create(
        b, VectorType::get({4}, b.getI32Type()), regs));
  }

  auto aType = isSigned ? liquid_gpu::IntOperandType::S8
                        : liquid_gpu::IntOperandType::U8;
  NVVM::WgmmaFenceAlignedOp::create(b);
  // Both TMA and wgmma apply the swizzle to the absolute shared address, so
  // k32 step s of a stage starts s * 32 bytes (2 descriptor units) into its
  // first token's row.
  Value descriptor = activationDescriptor(stage);
  int64_t stepUnits =
      DualMmaLayout::kBlockK / DualMmaLayout::kStepsPerLoad /
      kDescriptorUnitBytes;
  for (int64_t step = 0; step < DualMmaLayout::kStepsPerLoad; ++step) {
    Value stepDescriptor =
        step == 0 ? descriptor
                  : arith::AddIOp::create(b, descriptor, i64(step * stepUnits))
                        .getResult();
    acc = liquid_gpu::WgmmaRSOp::create(b, acc.getType(), acc,
                                        aOperands[step], stepDescriptor,
                                        plan.tokenTile, aType);
  }
  NVVM::WgmmaGroupSyncAlignedOp::create(b);
  // Keep this stage's MMAs in flight while the next stage is dequantized;
  // once the previous stage's group has retired, its buffer goes back to
  // the producer. (Three or four groups in flight, wait_group 2 or 3,
  // measured up to 25 % slower: bench/results/2026-11-21-h100-session9.)
  NVVM::WgmmaWaitGroupSyncOp::create(b, 1);
  Value hasPrevious =
      arith::CmpIOp::create(b, arith::CmpIPredicate::ne, use, cst(0));
  scf::IfOp release = scf::IfOp::create(b, hasPrevious, /*withElse=*/false);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&release.getThenRegion().front());
    releaseStage(rem(add(stage, cst(plan.stages - 1)), plan.stages));
  }
  return acc;
}

void KernelBuilder::releaseStage(Value stage) {
  Value empty = add(stage, cst(plan.stages));
  if (plan.cluster == 1) {
    nvgpu::MBarrierArriveOp::create(
        b, nvgpu::MBarrierTokenType::get(b.getContext()), barriers, empty);
    return;
  }
  // The warp's lanes have all passed wgmma.wait_group (.sync.aligned): the
  // stage's reads of the whole warp are done, so one arrive per warp and
  // block suffices.
  Value lane = rem(threadId, kWarpSize);
  Value signals = arith::CmpIOp::create(b, arith::CmpIPredicate::ult, lane,
                                        cst(plan.cluster));
  scf::IfOp signal = scf::IfOp::create(b, signals, /*withElse=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&signal.getThenRegion().front());
  auto sharedPtr = LLVM::LLVMPointerType::get(
      b.getContext(), static_cast<unsigned>(NVVM::NVVMMemorySpace::Shared));
  auto clusterPtr = LLVM::LLVMPointerType::get(
      b.getContext(),
      static_cast<unsigned>(NVVM::NVVMMemorySpace::SharedCluster));
  Value address =
      nvgpu::MBarrierGetOp::create(b, b.getI32Type(), barriers, empty);
  Value local = LLVM::IntToPtrOp::create(b, sharedPtr, address);
  Value target = arith::IndexCastOp::create(b, b.getI32Type(), lane);
  Value remote = NVVM::MapaOp::create(b, clusterPtr, local, target);
  // CTA scope, as for a local arrive: the warp's reads are complete (their
  // values are in registers, the wgmma group retired), so nothing remains to
  // order. A cluster-scope release would make ptxas fence with MEMBAR.GPU and
  // wait for the group-parameter loads in flight (measured: half speed).
  NVVM::MBarrierArriveOp::create(b, Type(), remote, Value(),
                                 NVVM::MemScopeKind::CTA, /*relaxed=*/false);
}

Value KernelBuilder::firstActivationDescriptor() {
  // Shared-memory matrix descriptor of the K-major B tile, 64-byte swizzle
  // (PTX ISA "Matrix Descriptor Format"):
  //   bits  0-13  start address >> 4
  //   bits 16-29  leading byte offset >> 4: unused by K-major swizzled
  //               layouts, 1 by convention
  //   bits 32-45  stride byte offset >> 4: between 8-token groups, 8 rows
  //               of 64 B
  //   bits 49-51  base offset: 0, the tile starts on the 512-byte period
  //               of the swizzle pattern (kStageRingAlignment)
  //   bits 62-63  layout type: 2 = 64-byte swizzle
  constexpr int64_t kSwizzle64B = 2;
  Value tile = sharedView(add(ringBase, cst(plan.weightStageBytes())),
                          activationBoxType());
  Value start = memref::ExtractAlignedPointerAsIndexOp::create(b, tile);
  Value start64 = arith::IndexCastOp::create(b, b.getI64Type(), start);
  Value addressMask = i64(0x3FFFF);
  Value address = arith::AndIOp::create(b, start64, addressMask);
  Value addressField =
      arith::ShRUIOp::create(b, address, i64(kDescriptorUnitShift));
  uint64_t strideBytes = kCoreMatrixRows * kActivationSwizzleBytes;
  uint64_t fixedFields = (uint64_t{1} << 16) |
                         ((strideBytes >> kDescriptorUnitShift) << 32) |
                         (uint64_t{kSwizzle64B} << 62);
  return arith::OrIOp::create(b, addressField,
                              i64(static_cast<int64_t>(fixedFields)));
}

Value KernelBuilder::activationDescriptor(Value stage) {
  // The start address field (bits 0-13, 16-byte units) absorbs the advance
  // without carrying into the next field: the ring lies in the block's
  // shared memory, under 256 KB. Stages are whole 512-byte periods.
  Value stage64 = arith::IndexCastOp::create(b, b.getI64Type(), stage);
  Value advance =
      arith::MulIOp::create(b, stage64,
                            i64(plan.stageBytes() / kDescriptorUnitBytes));
  return arith::AddIOp::create(b, firstDescriptor, advance);
}

void KernelBuilder::consumerBarrier() {
  int64_t consumerThreads =
      liquid_gpu::WarpSpecializeOp::kWarpGroupSize * plan.consumers;
  liquid_gpu::createInlinePtx(
      b, b.getLoc(), Type(), ValueRange{},
      ("bar.sync 1, " + std::to_string(consumerThreads) + ";"), "~{memory}",
      /*hasSideEffects=*/true);
}

void KernelBuilder::findEpilogueTokens(EpilogueScales &scales) {
  // Accumulator e = 4i + 2h + c of a thread is token 8i + 2 (l % 4) + c.
  Value lane = rem(threadId, kWarpSize);
  Value laneQuad = rem(lane, 4);
  Value laneToken = mul(laneQuad, cst(2));
  Value tileToken = mul(blockM, cst(plan.tokenTile));
  scales.firstToken = add(tileToken, laneToken);
  scales.lastToken = sub(m, cst(1));
}

void KernelBuilder::loadTokenScales(EpilogueScales &scales, int64_t chunk) {
  std::array<Value, 2> token, tokenScale, correction;
  for (int64_t col = 0; col < 2; ++col) {
    token[col] = add(scales.firstToken, cst(8 * chunk + col));
    Value clamped = arith::MinUIOp::create(b, token[col], scales.lastToken);
    tokenScale[col] = loadGlobal(tokenScales, b.getF32Type(), clamped);
    if (plan.mode == DequantMode::Offset) {
      // The MMA multiplied unsigned q8 + 128: subtract 128 * xsum[m].
      Value sum = loadGlobal(xsum, b.getI32Type(), clamped);
      correction[col] = arith::ShLIOp::create(b, sum, i32(7));
    }
  }
  scales.token.push_back(token);
  scales.tokenScale.push_back(tokenScale);
  scales.correction.push_back(correction);
}

void KernelBuilder::buildEpilogue(Value consumer, Value row0, Value row1,
                                  Value acc) {
  // Y is M x N row-major, so a token's channels are contiguous; a thread's
  // accumulators are two channels of 2 tokens per 8-token chunk (m64nT
  // fragment: accumulator e = 4i + 2h + c is channel row0 + 8h, token 8i +
  // 2 (l % 4) + c). Stored as they lie, they would be 2-byte pieces of T/4
  // token rows per thread, each behind its own bounds check. Instead (for
  // tiles of KernelConfigAttr::kMinStagedTokenTile tokens and more) each
  // consumer
  //   1. scales its 64 x T tile in registers and packs it to 16-bit pairs,
  //   2. stores it transposed into shared memory (stmatrix .trans): one
  //      128-byte row per token, the consumer's 64 channels,
  //   3. copies whole 16-byte pieces of token rows to Y, one bounds check
  //      per piece; a warp writes four full 128-byte lines.
  // The staging area (KernelConfigAttr::getOutputStagingBytes) overlays the
  // stage ring: every consumer waits at a barrier until all of them have
  // retired their last MMAs, the ring's last readers. The ring's writers are
  // done by then too: each stage use was awaited full before it was read,
  // and no further use exists (the cluster's peers fill the same uses).
  //
  // Rows are staged with the 16-byte pieces XOR-swizzled by token % 8, so
  // the eight token rows of an 8x8 stmatrix land in eight different bank
  // groups: piece c of token row t lies at t * 128 + ((c ^ (t % 8)) * 16).
  Type outType = plan.bf16Out ? Type(b.getBF16Type()) : b.getF16Type();
  Type i32Type = b.getI32Type();
  Value rows[2] = {row0, row1};
  EpilogueScales loaded;
  if (!hoistedScales)
    loadChannelScales(loaded, row0, row1);
  EpilogueScales &scales = hoistedScales ? *hoistedScales : loaded;
  bool staged = KernelConfigAttr::stagesOutput(plan.tokenTile);
  // Without staging: one 16-bit store per output below M.
  auto storeDirect = [&](Value y, Value token, Value row) {
    Value inBounds =
        arith::CmpIOp::create(b, arith::CmpIPredicate::ult, token, m);
    scf::IfOp guard = scf::IfOp::create(b, inBounds, /*withElse=*/false);
    OpBuilder::InsertionGuard insertion(b);
    b.setInsertionPointToStart(&guard.getThenRegion().front());
    Value index = outputIndex(token, row);
    LLVM::StoreOp::create(b, y, globalPtr(out, outType, index));
  };

  Value t = rem(threadId, liquid_gpu::WarpSpecializeOp::kWarpGroupSize);
  Value lane = rem(t, kWarpSize);
  auto sharedPtr = LLVM::LLVMPointerType::get(
      b.getContext(), static_cast<unsigned>(NVVM::NVVMMemorySpace::Shared));
  auto sharedAt = [&](Value address) {
    Value address32 = arith::IndexCastOp::create(b, i32Type, address);
    return LLVM::IntToPtrOp::create(b, sharedPtr, address32).getResult();
  };
  // Where stmatrix stores: matrix q of an .x4 is (chunk i + q / 2, half
  // q % 2): channels 16w + 8 (q % 2) .. +8 of this warp, piece 2w + q % 2 of
  // a token row; lane 8q + r gives the address of its token row
  // 8 (i + q / 2) + r.
  constexpr int64_t kMatricesPerStore = 4;
  Value staging, laneAddress;
  if (staged) {
    Value smemAddress = memref::ExtractAlignedPointerAsIndexOp::create(b, smem);
    Value ringAddress = add(smemAddress, ringBase);
    Value consumerStaging =
        mul(consumer, cst(plan.tokenTile * kStagedRowBytes));
    staging = add(ringAddress, consumerStaging);
    Value warp = div(t, kWarpSize);
    Value matrix = div(lane, 8);
    Value r = rem(lane, 8);
    Value matrixChunk = div(matrix, 2);
    Value chunkRow = mul(matrixChunk, cst(kCoreMatrixRows));
    Value tokenRow = add(chunkRow, r);
    Value warpPiece = mul(warp, cst(2));
    Value piece = add(warpPiece, rem(matrix, 2));
    Value swizzled = arith::XOrIOp::create(b, piece, r);
    Value rowOffset = mul(tokenRow, cst(kStagedRowBytes));
    Value laneOffset = add(rowOffset, mul(swizzled, cst(kStagedPieceBytes)));
    laneAddress = add(staging, laneOffset);
    // Every consumer's MMAs have retired: the ring is free.
    consumerBarrier();
  }
  auto layout = NVVM::MMALayoutAttr::get(b.getContext(), NVVM::MMALayout::col);
  auto shape = NVVM::LdStMatrixShapeAttr::get(b.getContext(), 8, 8);
  auto eltType = NVVM::LdStMatrixEltTypeAttr::get(
      b.getContext(), NVVM::LdStMatrixEltType::B16);

  // 1. Scale and pack, 2. stage, one pair of chunks at a time (few values
  // live at once). Tokens past M are computed from the last token's scale
  // and never stored: no branch separates a load from its use.
  if (!hoistedScales)
    findEpilogueTokens(loaded);
  auto pairType = VectorType::get({2}, outType);
  int64_t chunks = plan.tokenTile / kCoreMatrixRows;
  // packed[2i + h]: channel row0 + 8h, tokens 8i + 2 (l % 4) + {0, 1}.
  SmallVector<Value> packed(2 * chunks);
  for (int64_t chunk = 0; chunk < chunks; ++chunk) {
    if (!hoistedScales)
      loadTokenScales(loaded, chunk);
    const std::array<Value, 2> &token = scales.token[chunk];
    const std::array<Value, 2> &tokenScale = scales.tokenScale[chunk];
    const std::array<Value, 2> &correction = scales.correction[chunk];
    for (int64_t half = 0; half < 2; ++half) {
      Value pair[2];
      for (int64_t col = 0; col < 2; ++col) {
        Value result =
            vector::ExtractOp::create(b, acc, 4 * chunk + 2 * half + col);
        if (correction[col])
          result = arith::SubIOp::create(b, result, correction[col]);
        // (float(acc) * sx[m]) * s1[n], as the CPU reference computes it.
        Value f = arith::SIToFPOp::create(b, b.getF32Type(), result);
        f = arith::MulFOp::create(b, f, tokenScale[col]);
        f = arith::MulFOp::create(b, f, scales.channel[half]);
        pair[col] = arith::TruncFOp::create(b, outType, f);
      }
      if (!staged) {
        for (int64_t col = 0; col < 2; ++col)
          storeDirect(pair[col], token[col], rows[half]);
        continue;
      }
      Value vec = vector::FromElementsOp::create(b, pairType, pair);
      packed[2 * chunk + half] = LLVM::BitcastOp::create(b, i32Type, vec);
    }
    int64_t first = chunk + 1 - kMatricesPerStore / 2;
    if (!staged || first % (kMatricesPerStore / 2) != 0)
      continue;
    Value address =
        add(laneAddress, cst(first * kCoreMatrixRows * kStagedRowBytes));
    ArrayRef<Value> sources =
        ArrayRef<Value>(packed).slice(2 * first, kMatricesPerStore);
    NVVM::StMatrixOp::create(b, sharedAt(address), sources, layout, shape,
                             eltType);
  }
  if (!staged)
    return;
  // The staged tile is complete.
  consumerBarrier();

  // 3. Copy out: thread t moves piece t % 8 of token rows t / 8 + 16j.
  constexpr int64_t threads = liquid_gpu::WarpSpecializeOp::kWarpGroupSize;
  constexpr int64_t piecesPerRow = kStagedRowBytes / kStagedPieceBytes;
  constexpr int64_t rowsPerPass = threads / piecesPerRow;
  static_assert(KernelConfigAttr::kMinStagedTokenTile % rowsPerPass == 0,
                "a staged tile is whole passes of the copy");
  Value ownPiece = rem(t, piecesPerRow);
  Value firstRow = div(t, piecesPerRow);
  Value ownSwizzled = arith::XOrIOp::create(b, ownPiece, rem(firstRow, 8));
  Value readRow = mul(firstRow, cst(kStagedRowBytes));
  Value readOffset = add(readRow, mul(ownSwizzled, cst(kStagedPieceBytes)));
  Value readAddress = add(staging, readOffset);
  Value consumerRow = mul(consumer, cst(DualMmaLayout::kBlockRows));
  Value blockRow = add(mul(blockN, cst(plan.rowsPerBlock())), consumerRow);
  Value channel = add(blockRow, mul(ownPiece, cst(kChannelsPerPiece)));
  Value tileToken = mul(blockM, cst(plan.tokenTile));
  auto pieceType = VectorType::get({4}, i32Type);
  for (int64_t pass = 0; pass * rowsPerPass < plan.tokenTile; ++pass) {
    Value row = add(firstRow, cst(pass * rowsPerPass));
    Value token = add(tileToken, row);
    Value inBounds =
        arith::CmpIOp::create(b, arith::CmpIPredicate::ult, token, m);
    scf::IfOp guard = scf::IfOp::create(b, inBounds, /*withElse=*/false);
    OpBuilder::InsertionGuard insertion(b);
    b.setInsertionPointToStart(&guard.getThenRegion().front());
    Value from = add(readAddress, cst(pass * rowsPerPass * kStagedRowBytes));
    Value value = LLVM::LoadOp::create(b, pieceType, sharedAt(from),
                                       /*alignment=*/16);
    Value index = outputIndex(token, channel);
    LLVM::StoreOp::create(b, value, globalPtr(out, outType, index),
                          /*alignment=*/16);
  }
}

SmallVector<Value> KernelBuilder::partialChunks(Value partials, Value slot,
                                                VectorType accType,
                                                Value consumerThread) {
  int64_t chunkWords = kPartialChunkBytes / int64_t(sizeof(int32_t));
  int64_t chunks = accType.getNumElements() / chunkWords;
  auto chunkType = VectorType::get({chunkWords}, b.getI32Type());
  int64_t consumerThreads =
      liquid_gpu::WarpSpecializeOp::kWarpGroupSize * plan.consumers;
  Value first = add(mul(slot, cst(chunks * consumerThreads)), consumerThread);
  SmallVector<Value> addresses = {globalPtr(
      partials, chunkType,
      arith::IndexCastOp::create(b, b.getI64Type(), first))};
  for (int64_t chunk = 1; chunk < chunks; ++chunk)
    addresses.push_back(globalPtr(addresses.front(), chunkType,
                                  i64(chunk * consumerThreads)));
  return addresses;
}

/// Elements [first, first + count) of a vector shuffle's operands.
static SmallVector<int64_t> chunkMask(int64_t first, int64_t count) {
  return llvm::to_vector(llvm::seq<int64_t>(first, first + count));
}

void KernelBuilder::storePartials(Value acc, ArrayRef<Value> chunks) {
  int64_t chunkWords = kPartialChunkBytes / int64_t(sizeof(int32_t));
  for (auto [chunk, address] : llvm::enumerate(chunks)) {
    int64_t first = static_cast<int64_t>(chunk) * chunkWords;
    Value words = chunks.size() == 1
                      ? acc
                      : vector::ShuffleOp::create(b, acc, acc,
                                                  chunkMask(first, chunkWords))
                            .getResult();
    LLVM::StoreOp::create(b, words, address, /*alignment=*/16);
  }
}

Value KernelBuilder::loadPartials(ArrayRef<Value> chunks,
                                  VectorType accType) {
  // The slab's chunks back in fragment order.
  int64_t chunkWords = kPartialChunkBytes / int64_t(sizeof(int32_t));
  auto chunkType = VectorType::get({chunkWords}, b.getI32Type());
  Value partial;
  for (auto [chunk, address] : llvm::enumerate(chunks)) {
    Value words = LLVM::LoadOp::create(b, chunkType, address,
                                       /*alignment=*/16, /*isVolatile=*/true);
    int64_t loaded = (static_cast<int64_t>(chunk) + 1) * chunkWords;
    partial = chunk == 0 ? words
                         : vector::ShuffleOp::create(b, partial, words,
                                                     chunkMask(0, loaded))
                               .getResult();
  }
  return partial;
}

void KernelBuilder::buildSplitKEpilogue(Value acc, Value consumer, Value row0,
                                        Value row1) {
  // Workspace (KernelABI.h): one record per output tile t = by * gridX + bx,
  // at t * (128 + P): the tile's i32 arrival counter (padded to 128 bytes),
  // then its split_k slices' int32 partial sums (P bytes). A consumer
  // thread's T/2 accumulators are T/8 chunks of 16 bytes; a slice's slab is
  // chunk-major, chunk c of consumer thread i at (c * threads + i) * 16
  // bytes, so each of a warp's 16-byte stores and loads covers 512
  // contiguous bytes. Thread-major slabs (T/2 consecutive words per thread)
  // scatter a warp's accesses T * 2 bytes apart, half sectors of 32 lines
  // per instruction: split kernels of T = 64, 128 and 256 tokens took 1.24,
  // 1.42 and 1.58 times as long with them (geomeans, bench/results/
  // 2026-11-22-h100-session12). A tile's counter sits at the same address
  // whatever M is, so no launch finds another launch's partials in it.
  // Integer addition is exact: the total does not depend on slice order.
  Type i32Type = b.getI32Type();
  auto accType = cast<VectorType>(acc.getType());
  Value record = splitKRecord();
  Value partials = recordPartials(record);
  Value consumerThread = consumerThreadIndex();
  Value slice = gpu::BlockIdOp::create(b, gpu::Dimension::z);
  storePartials(acc, partialChunks(partials, slice, accType, consumerThread));

  // Every consumer thread publishes its partials before one of them counts
  // the block in (countIn); the block that brings the count to split_k owns
  // the tile. (With a fence in every consumer thread and no prefetch of the
  // counter the split picks took 1.1 % longer, bench/results/
  // 2026-11-22-h100-session19.)
  consumerBarrier();
  Value counter = record;
  scf::IfOp counting =
      scf::IfOp::create(b, isFirstConsumerThread(), /*withElse=*/false);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&counting.getThenRegion().front());
    Value arrived = countIn(counter);
    Value last = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, arrived,
                                       i32(plan.splitK - 1));
    Value flag = arith::ExtUIOp::create(b, i32Type, last);
    memref::StoreOp::create(b, flag, lastSliceFlag, ValueRange{cst(0)});
    scf::IfOp owns = scf::IfOp::create(b, last, /*withElse=*/false);
    b.setInsertionPointToStart(&owns.getThenRegion().front());
    // Acquire: the other slices' partials, read after the barrier below.
    fenceGpu();
    // Reset the counter for the next launch: no other block of this
    // launch touches it again.
    LLVM::StoreOp::create(b, i32(0), counter);
  }
  consumerBarrier();
  Value flag = memref::LoadOp::create(b, lastSliceFlag, ValueRange{cst(0)});
  Value isLast =
      arith::CmpIOp::create(b, arith::CmpIPredicate::ne, flag, i32(0));
  scf::IfOp owner = scf::IfOp::create(b, isLast, /*withElse=*/false);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&owner.getThenRegion().front());
  // Add the other slices' partials, read past L1 (volatile: the other
  // blocks wrote them from other SMs). The counting thread's fence after
  // its add, then the barrier, order these reads after the other blocks'
  // releases.
  Value step = cst(1);
  Value slices = cst(plan.splitK);
  scf::ForOp sum =
      scf::ForOp::create(b, cst(0), slices, step, ValueRange{acc});
  {
    OpBuilder::InsertionGuard sumGuard(b);
    b.setInsertionPointToStart(sum.getBody());
    Value other = sum.getInductionVar();
    Value total = sum.getRegionIterArg(0);
    Value isOther =
        arith::CmpIOp::create(b, arith::CmpIPredicate::ne, other, slice);
    auto add = scf::IfOp::create(b, TypeRange{accType}, isOther,
                                 /*withElse=*/true);
    b.setInsertionPointToStart(&add.getThenRegion().front());
    Value partial = loadPartials(
        partialChunks(partials, other, accType, consumerThread), accType);
    scf::YieldOp::create(b, ValueRange{
                                arith::AddIOp::create(b, total, partial)});
    b.setInsertionPointToStart(&add.getElseRegion().front());
    scf::YieldOp::create(b, ValueRange{total});
    b.setInsertionPointAfter(add);
    scf::YieldOp::create(b, add.getResults());
  }
  Value total = sum.getResult(0);
  buildEpilogue(consumer, row0, row1, total);
}

void KernelBuilder::buildStreamKEpilogue(Value segment, Value acc,
                                         Value consumer, Value row0,
                                         Value row1) {
  // Workspace (KernelABI.h): record r * cluster + rank holds the counter of
  // the partial round's tile r and the partial sums share r wrote, in the
  // chunk-major slab layout of split-K.
  auto accType = cast<VectorType>(acc.getType());
  Value isFirst =
      arith::CmpIOp::create(b, arith::CmpIPredicate::eq, segment, cst(0));
  Value ownsLast = arith::ConstantIntOp::create(b, 1, 1);
  Value owns =
      arith::SelectOp::create(b, isFirst, work->ownsFirst, ownsLast);
  Value others =
      arith::SelectOp::create(b, isFirst, work->others[0], work->others[1]);
  auto record = [&](Value index) {
    if (plan.cluster > 1)
      index = add(mul(index, cst(plan.cluster)), clusterRank);
    return workspaceRecord(index);
  };
  auto counter = [&] { return record(sub(segmentTile, work->wholeTiles)); };
  Value consumerThread = consumerThreadIndex();
  Value slabStart = cst(0);
  auto finish = scf::IfOp::create(b, owns, /*withElse=*/true);
  OpBuilder::InsertionGuard guard(b);

  // A segment short of its tile's end: publish the partials, then count
  // them in (countIn).
  b.setInsertionPoint(finish.elseBlock()->getTerminator());
  Value slab = recordPartials(record(work->share));
  storePartials(acc, partialChunks(slab, slabStart, accType, consumerThread));
  consumerBarrier();
  {
    scf::IfOp counting =
        scf::IfOp::create(b, isFirstConsumerThread(), /*withElse=*/false);
    OpBuilder::InsertionGuard countGuard(b);
    b.setInsertionPointToStart(&counting.getThenRegion().front());
    countIn(counter());
  }

  // The tile's last k block: wait until the tile's other segments counted
  // in, then add their partials (exact: the order does not matter).
  b.setInsertionPoint(finish.thenBlock()->getTerminator());
  Value waits =
      arith::CmpIOp::create(b, arith::CmpIPredicate::ne, others, cst(0));
  scf::IfOp wait = scf::IfOp::create(b, waits, /*withElse=*/false);
  {
    OpBuilder::InsertionGuard waitGuard(b);
    b.setInsertionPointToStart(&wait.getThenRegion().front());
    scf::IfOp waiter =
        scf::IfOp::create(b, isFirstConsumerThread(), /*withElse=*/false);
    {
      OpBuilder::InsertionGuard waiterGuard(b);
      b.setInsertionPointToStart(&waiter.getThenRegion().front());
      Value count = counter();
      Value expected = arith::IndexCastOp::create(b, b.getI32Type(), others);
      auto spin = scf::WhileOp::create(b, TypeRange{}, ValueRange{});
      b.createBlock(&spin.getBefore());
      Value arrived = LLVM::LoadOp::create(
          b, b.getI32Type(), count, /*alignment=*/4, /*isVolatile=*/false,
          /*isNonTemporal=*/false, /*isInvariant=*/false,
          /*isInvariantGroup=*/false, LLVM::AtomicOrdering::acquire, "device");
      Value pending = arith::CmpIOp::create(b, arith::CmpIPredicate::ne,
                                            arrived, expected);
      scf::ConditionOp::create(b, pending, ValueRange{});
      b.createBlock(&spin.getAfter());
      NVVM::NanosleepOp::create(b, i32(kSpinSleepNs));
      scf::YieldOp::create(b);
      // Reset the counter for the next launch: every segment of the tile
      // has counted in.
      b.setInsertionPointAfter(spin);
      LLVM::StoreOp::create(b, i32(0), count);
    }
    // The waiting thread's acquire, then the barrier, order the partials'
    // reads (volatile: past L1) after the other blocks' releases.
    consumerBarrier();
  }
  Value firstShare = sub(work->share, others);
  scf::ForOp sum = scf::ForOp::create(b, firstShare, work->share, cst(1),
                                      ValueRange{acc});
  {
    OpBuilder::InsertionGuard sumGuard(b);
    b.setInsertionPointToStart(sum.getBody());
    Value theirs = recordPartials(record(sum.getInductionVar()));
    Value partial = loadPartials(
        partialChunks(theirs, slabStart, accType, consumerThread), accType);
    Value total = arith::AddIOp::create(b, sum.getRegionIterArg(0), partial);
    scf::YieldOp::create(b, ValueRange{total});
  }
  buildEpilogue(consumer, row0, row1, sum.getResult(0));
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// Checks what the generator relies on and returns the problem of `op`.
static FailureOr<KernelProblem> planKernel(W4A8MatmulOp op) {
  if (op.hasTensorSemantics())
    return op.emitOpError("kernel generation needs the memref form; run "
                          "one-shot-bufferize first");
  if (!op.getConfigAttr())
    return op.emitOpError("kernel generation needs a 'config'; run "
                          "liquid-select-config first");
  if (op.getLayout() != WeightLayout::DualMma)
    return op.emitOpError("kernel generation needs weights in the 'dual_mma' "
                          "layout, got 'row_major'");
  for (Value operand : op->getOperands()) {
    auto type = cast<MemRefType>(operand.getType());
    if (!type.getLayout().isIdentity())
      return op.emitOpError("kernel generation needs dense row-major "
                            "buffers, got ")
             << type;
  }
  KernelProblem plan = KernelProblem::get(op);
  if (plan.n % plan.rowsPerBlock() != 0)
    return op.emitOpError("N = ")
           << plan.n << " is not a multiple of the " << plan.rowsPerBlock()
           << " rows a block of " << plan.consumers << " consumers covers";
  if (plan.blocksAlongN() % plan.cluster != 0)
    return op.emitOpError("cluster = ")
           << plan.cluster << " does not divide the " << plan.blocksAlongN()
           << " blocks along N = " << plan.n;
  // Stream-K's share arithmetic is 32-bit: (share + 1) * U with U = R *
  // K/64 k blocks, R < streamK tiles.
  if (plan.streamsK() &&
      plan.streamK * plan.streamK * (plan.k / DualMmaLayout::kBlockK) >=
          (int64_t{1} << 31))
    return op.emitOpError("stream_k = ")
           << plan.streamK << " with K = " << plan.k
           << " overflows the 32-bit share arithmetic (stream_k^2 * K/64 "
              "must stay below 2^31)";
  if (plan.entryRegisters() < plan.wgmmaEntryRegisters())
    return op.emitOpError("token_tile = ")
           << plan.tokenTile << " needs " << plan.wgmmaEntryRegisters()
           << " registers per thread at kernel entry for its wgmma, but "
           << plan.threadsPerBlock() << " threads at " << plan.blocksPerSM
           << " block(s) per SM start with " << plan.entryRegisters()
           << "; use fewer consumers, fewer blocks per SM or a narrower "
              "token tile";
  return plan;
}

/// The gpu.module of the generated kernels in the module enclosing `op`,
/// created on first use.
static FailureOr<gpu::GPUModuleOp> getOrCreateKernelModule(W4A8MatmulOp op) {
  auto module = op->getParentOfType<ModuleOp>();
  if (Operation *existing = module.lookupSymbol(kKernelModuleName)) {
    if (auto kernels = dyn_cast<gpu::GPUModuleOp>(existing))
      return kernels;
    return op.emitOpError("cannot place its kernel: the symbol @")
           << kKernelModuleName << " is taken by a '" << existing->getName()
           << "' op";
  }
  OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
  module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                  b.getUnitAttr());
  return gpu::GPUModuleOp::create(b, module.getLoc(), kKernelModuleName);
}

static gpu::GPUFuncOp getOrCreateKernel(gpu::GPUModuleOp kernels,
                                        const KernelProblem &plan,
                                        Location loc) {
  std::string name = plan.kernelName();
  if (auto existing = kernels.lookupSymbol<gpu::GPUFuncOp>(name))
    return existing;
  MLIRContext *ctx = kernels.getContext();
  // KernelABI.h's kernelParams(): a tensor map is passed by generic
  // pointer (the runtime's CUtensorMap), a buffer by global pointer, M as
  // i32.
  SmallVector<Type> params;
  for (const KernelParam &param : kernelParams()) {
    switch (param.kind) {
    case KernelParamKind::TensorMap:
      params.push_back(LLVM::LLVMPointerType::get(ctx));
      break;
    case KernelParamKind::Pointer:
    case KernelParamKind::Workspace:
      params.push_back(LLVM::LLVMPointerType::get(ctx, /*addressSpace=*/1));
      break;
    case KernelParamKind::TokenCount:
      params.push_back(IntegerType::get(ctx, 32));
      break;
    }
  }
  OpBuilder top = OpBuilder::atBlockEnd(kernels.getBody());
  auto kernel = gpu::GPUFuncOp::create(
      top, loc, name, FunctionType::get(ctx, params, {}));
  kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(),
                  UnitAttr::get(ctx));
  auto threads = static_cast<int32_t>(plan.threadsPerBlock());
  kernel.setKnownBlockSizeAttr(
      DenseI32ArrayAttr::get(ctx, {threads, 1, 1}));
  // blocks_per_sm blocks per SM (.minnctapersm): without it ptxas cannot
  // tell the register count at entry and ignores setmaxnreg; with it every
  // thread starts with its even share of the register file, the pool the
  // setmaxnreg budgets are drawn from.
  kernel->setAttr(NVVM::NVVMDialect::getMinctasmAttrName(),
                  IntegerAttr::get(IntegerType::get(ctx, 32),
                                   plan.blocksPerSM));
  // A cluster's blocks are adjacent along x (.reqnctapercluster): launched
  // with the grid's x a multiple of the cluster, they run together and
  // reach each other's shared memory.
  if (plan.cluster > 1)
    kernel->setAttr(NVVM::NVVMDialect::getClusterDimAttrName(),
                    DenseI32ArrayAttr::get(
                        ctx, {static_cast<int32_t>(plan.cluster), 1, 1}));
  if (plan.splitK > 1) {
    // One i32 in shared memory tells the consumer threads whether their
    // block completed its tile (split-K).
    auto space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
    kernel.addWorkgroupAttribution(
        MemRefType::get({1}, IntegerType::get(ctx, 32),
                        MemRefLayoutAttrInterface(), space),
        loc);
  }
  ImplicitLocOpBuilder b(loc, ctx);
  KernelBuilder(b, plan).build(kernel);
  return kernel;
}

namespace {
struct LiquidWarpSpecializePass
    : public mlir::liquid::impl::LiquidWarpSpecializeBase<LiquidWarpSpecializePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<W4A8MatmulOp> matmuls;
    module.walk([&](W4A8MatmulOp op) {
      if (!op.getKernel())
        matmuls.push_back(op);
    });
    for (W4A8MatmulOp op : matmuls) {
      FailureOr<KernelProblem> plan = planKernel(op);
      if (failed(plan))
        return signalPassFailure();
      FailureOr<gpu::GPUModuleOp> kernels = getOrCreateKernelModule(op);
      if (failed(kernels))
        return signalPassFailure();
      gpu::GPUFuncOp kernel = getOrCreateKernel(*kernels, *plan, op.getLoc());
      op.setKernelAttr(SymbolRefAttr::get(
          kernels->getNameAttr(), {FlatSymbolRefAttr::get(kernel)}));
    }
  }
};
} // namespace
