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

KernelConfigAttr mlir::liquid::selectKernelConfig(
    MLIRContext *ctx, int64_t mMax, int64_t n, int64_t k,
    const KernelConfigRequest &request,
    function_ref<InFlightDiagnostic()> emitError) {
  // Token tile: the wgmma N. Swap AB puts the tokens on the MMA's N side, so
  // the smallest power of two covering the batch wastes nothing at decode
  // sizes; beyond 256 tokens the widest MMA amortizes the weight fragment
  // dequantization over the most columns.
  int64_t tokenTile = request.tokenTile;
  if (tokenTile == 0)
    tokenTile = std::clamp<int64_t>(
        static_cast<int64_t>(llvm::PowerOf2Ceil(std::max<int64_t>(mMax, 1))),
        8, KernelConfigAttr::kMaxTokenTile);

  // Consumers: two warp groups hide each other's dequantization behind the
  // other's MMAs (ImFP); one if N is not a multiple of 128 rows.
  int64_t consumers = request.consumers;
  if (consumers == 0)
    consumers = n % (2 * DualMmaLayout::kBlockRows) == 0 ? 2 : 1;

  int64_t stageBytes = consumers * DualMmaLayout::kBlockBytes +
                       tokenTile * DualMmaLayout::kBlockK;
  int64_t stages = request.stages;
  if (stages == 0) {
    int64_t kBlocks = std::max<int64_t>(k / DualMmaLayout::kBlockK, 2);
    stages = std::min({kPreferredStages, kSharedMemoryBudget / stageBytes,
                       kBlocks});
    stages = std::max<int64_t>(stages, 2);
  }
  return KernelConfigAttr::getChecked(emitError, ctx, tokenTile, consumers,
                                      stages);
}
