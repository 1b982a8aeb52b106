//===- KernelABI.cpp - The generated kernel's interface ---------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/KernelABI.h"
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

/// Rows a packed 2048-byte block is split into so each TMA box dimension
/// stays within the hardware's 256 elements.
static constexpr int64_t kBlockSplit = 8;

KernelProblem KernelProblem::get(W4A8MatmulOp op) {
  KernelProblem p;
  p.n = op.getN();
  p.k = op.getK();
  p.groupSize = op.getGroupSize();
  p.mode = op.getMode();
  p.bf16Out =
      cast<ShapedType>(op.getInit().getType()).getElementType().isBF16();
  KernelConfigAttr config = op.getConfigAttr();
  p.tokenTile = config.getTokenTile();
  p.consumers = config.getConsumers();
  p.stages = config.getStages();
  p.splitK = config.getSplitK();
  p.blocksPerSM = config.getBlocksPerSM();
  p.cluster = config.getCluster();
  p.streamK = config.getStreamK();
  return p;
}

int64_t KernelProblem::rowsPerBlock() const {
  return DualMmaLayout::kBlockRows * consumers;
}
int64_t KernelProblem::weightStageBytes() const {
  return KernelConfigAttr::getWeightStageBytes(consumers);
}
int64_t KernelProblem::activationStageBytes() const {
  return KernelConfigAttr::getActivationStageBytes(tokenTile);
}
int64_t KernelProblem::stageBytes() const {
  return weightStageBytes() + activationStageBytes();
}
int64_t KernelProblem::groupParamBoxBytes() const {
  return consumers * DualMmaLayout::kGroupParamBlockBytes;
}
int64_t KernelProblem::stageTransactionBytes() const {
  return stageBytes() + 2 * groupParamBoxBytes();
}
int64_t KernelProblem::sharedMemoryBytes() const {
  // setmaxnreg hands each block's share of the register file to its warp
  // groups (40 x 128 + 232 x 128 x 2 at one block per SM); a block beyond
  // blocksPerSM would find no registers to grow into. Asking for more than
  // the SM's shared memory split blocksPerSM + 1 ways keeps it off.
  int64_t needed =
      KernelConfigAttr::getSharedMemoryBytes(tokenTile, consumers, stages);
  int64_t exclusive = llvm::alignTo(
      KernelConfigAttr::getSharedMemoryPerBlock(blocksPerSM + 1) + 1, 1024);
  return std::max(needed, exclusive);
}
int64_t KernelProblem::threadsPerBlock() const {
  return liquid_gpu::WarpSpecializeOp::getNumThreads(consumers);
}
int64_t KernelProblem::entryRegisters() const {
  return liquid_gpu::WarpSpecializeOp::getEntryRegisters(consumers,
                                                         blocksPerSM);
}
int64_t KernelProblem::consumerRegisters() const {
  return liquid_gpu::WarpSpecializeOp::getMaxConsumerRegisters(
      consumers, blocksPerSM, kProducerRegisters);
}

int64_t KernelProblem::blocksAlongN() const { return n / rowsPerBlock(); }

int64_t KernelProblem::splitKPartialBytesPerTile() const {
  return splitK * rowsPerBlock() * tokenTile * int64_t(sizeof(int32_t));
}

int64_t KernelProblem::splitKRecordBytes() const {
  int64_t counter = llvm::alignTo(kWorkspaceCounterBytes, kWorkspaceAlignment);
  return counter + splitKPartialBytesPerTile();
}

std::string KernelProblem::kernelName() const {
  std::string split = splitK > 1 ? llvm::formatv("_sk{0}", splitK).str() : "";
  std::string resident =
      blocksPerSM > 1 ? llvm::formatv("_b{0}", blocksPerSM).str() : "";
  std::string clustered =
      cluster > 1 ? llvm::formatv("_cl{0}", cluster).str() : "";
  std::string streamed =
      streamsK() ? llvm::formatv("_stk{0}", streamK).str() : "";
  return llvm::formatv(
             "liquid_w4a8_n{0}_k{1}_g{2}_{3}_t{4}_c{5}_s{6}{7}{8}{9}{10}{11}",
             n, k, groupSize, stringifyDequantMode(mode), tokenTile, consumers,
             stages, split, resident, clustered, streamed,
             bf16Out ? "_bf16" : "")
      .str();
}

TensorMapGeometry mlir::liquid::weightTensorMap(const KernelProblem &p) {
  int64_t kBlocks = p.k / DualMmaLayout::kBlockK;
  int64_t nBlocks = p.n / DualMmaLayout::kBlockRows;
  int64_t rowBytes = DualMmaLayout::kBlockBytes / kBlockSplit;
  return TensorMapGeometry{
      "weights",
      "weights",
      {rowBytes, kBlockSplit, kBlocks, nBlocks},
      {rowBytes, DualMmaLayout::kBlockBytes,
       kBlocks * DualMmaLayout::kBlockBytes},
      {rowBytes, kBlockSplit, 1, p.consumers},
      /*swizzleBytes=*/0};
}

TensorMapGeometry mlir::liquid::activationTensorMap(const KernelProblem &p) {
  static_assert(DualMmaLayout::kBlockK == kActivationSwizzleBytes,
                "one stage of a token is one swizzle row");
  return TensorMapGeometry{"activations",
                           "activations",
                           {p.k, ShapedType::kDynamic},
                           {p.k},
                           {DualMmaLayout::kBlockK, p.multicastTokens()},
                           kActivationSwizzleBytes};
}

/// The group-parameter array `operand` as (64 B, N/64 blocks, groups).
static TensorMapGeometry groupParamTensorMap(const KernelProblem &p,
                                             llvm::StringLiteral operand) {
  int64_t groups = p.k / p.groupSize;
  int64_t nBlocks = p.n / DualMmaLayout::kBlockRows;
  int64_t blockBytes = DualMmaLayout::kGroupParamBlockBytes;
  return TensorMapGeometry{operand,
                           operand,
                           {blockBytes, nBlocks, groups},
                           {blockBytes, nBlocks * blockBytes},
                           {blockBytes, p.consumers, 1},
                           /*swizzleBytes=*/0};
}

TensorMapGeometry mlir::liquid::groupScaleTensorMap(const KernelProblem &p) {
  return groupParamTensorMap(p, "group_scales");
}

TensorMapGeometry mlir::liquid::groupOffsetTensorMap(const KernelProblem &p) {
  return groupParamTensorMap(p, "group_offsets");
}

ArrayRef<KernelParam> mlir::liquid::kernelParams() {
  static const KernelParam params[] = {
      {"weights_map", KernelParamKind::TensorMap, "weights"},
      {"activations_map", KernelParamKind::TensorMap, "activations"},
      {"group_scales_map", KernelParamKind::TensorMap, "group_scales"},
      {"group_offsets_map", KernelParamKind::TensorMap, "group_offsets"},
      {"channel_scales", KernelParamKind::Pointer, "channel_scales"},
      {"token_scales", KernelParamKind::Pointer, "token_scales"},
      {"xsum", KernelParamKind::Pointer, "xsum"},
      {"out", KernelParamKind::Pointer, "out"},
      {"workspace", KernelParamKind::Workspace, ""},
      {"m", KernelParamKind::TokenCount, ""},
  };
  return params;
}
