//===- SelectConfig.cpp - liquid-select-config ------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/KernelConfig.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Quant/DualMmaLayout.h"

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDSELECTCONFIG
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

namespace {
struct LiquidSelectConfigPass
    : public mlir::liquid::impl::LiquidSelectConfigBase<LiquidSelectConfigPass> {
  using Base::Base;

  void runOnOperation() override {
    KernelConfigRequest request{tokenTile, consumers,   stages, splitK,
                                blocksPerSM, cluster, streamK};
    WalkResult result = getOperation()->walk([&](W4A8MatmulOp op) {
      if (op.getConfig())
        return WalkResult::advance();
      // m-max tunes dynamic-M ops; a value no kernel launch can have is a
      // mistake whichever ops the module holds.
      if (mMax < 1 || mMax > kMaxKernelTokens) {
        op.emitOpError("option 'm-max' must be in [1, ")
            << kMaxKernelTokens
            << "] (the kernel's token count is 32-bit), got "
            << static_cast<int64_t>(mMax);
        return WalkResult::interrupt();
      }
      int64_t m = cast<ShapedType>(op.getActivations().getType()).getDimSize(0);
      int64_t tokens = ShapedType::isDynamic(m) ? mMax : m;
      KernelConfigAttr config =
          selectKernelConfig(&getContext(), tokens, op.getN(), op.getK(),
                             request, [&] { return op.emitOpError(); });
      if (!config)
        return WalkResult::interrupt();
      int64_t kBlocks = op.getK() / DualMmaLayout::kBlockK;
      if (config.getSplitK() > kBlocks) {
        op.emitOpError("split_k = ")
            << config.getSplitK() << " exceeds the " << kBlocks
            << " k blocks of 64 in K = " << op.getK();
        return WalkResult::interrupt();
      }
      int64_t rows = DualMmaLayout::kBlockRows * config.getConsumers();
      if (op.getN() % rows != 0) {
        op.emitOpError("consumers = ")
            << config.getConsumers() << " cover " << rows
            << " output channels per block, which does not divide N = "
            << op.getN();
        return WalkResult::interrupt();
      }
      if ((op.getN() / rows) % config.getCluster() != 0) {
        op.emitOpError("cluster = ")
            << config.getCluster() << " does not divide the "
            << op.getN() / rows << " blocks of " << rows
            << " output channels along N = " << op.getN();
        return WalkResult::interrupt();
      }
      op.setConfigAttr(config);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
