//===- DualMmaLayout.cpp - liquid-dual-mma-layout ---------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Places each consumer thread's weight fragment in the dual-MMA packed layout
// (liquid/Quant/DualMmaLayout.h, the one definition the offline packer uses):
// a packed 64 x 64 block is 128 threads x 16 bytes, thread-major, so thread t
// of the warp group reads bytes [16t, 16t + 16) of its consumer's block:
//
//   consumer c block:  | t0: 16 B | t1: 16 B | ... | t127: 16 B |   2048 B
//                        word r = step-0 register r (low nibbles)
//                               | step-1 register r (high nibbles) << 4
//
// Eight consecutive threads (one shared-memory wavefront of 128 bytes) touch
// 32 distinct banks, so the 128-bit loads are conflict-free without swizzle.
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/LiquidToNVVM/LiquidToNVVM.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDDUALMMALAYOUT
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;
using namespace mlir::liquid;
using ::liquid::quant::DualMmaLayout;

namespace {
struct LowerLoadWeightFragment
    : public OpRewritePattern<liquid_gpu::LoadWeightFragmentOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(liquid_gpu::LoadWeightFragmentOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    // The thread's index inside its warp group.
    Value tid = gpu::ThreadIdOp::create(rewriter, loc, gpu::Dimension::x);
    Value threadInGroup = arith::RemUIOp::create(
        rewriter, loc, tid,
        arith::ConstantIndexOp::create(rewriter, loc,
                                       DualMmaLayout::kThreads));
    Value byteOffset = arith::MulIOp::create(
        rewriter, loc, threadInGroup,
        arith::ConstantIndexOp::create(rewriter, loc,
                                       DualMmaLayout::kBytesPerThread));
    auto bytesType = VectorType::get({DualMmaLayout::kBytesPerThread},
                                     rewriter.getI8Type());
    // One 128-bit shared load. The chunk is 16-byte aligned: the ring starts
    // 128-byte aligned, stages are multiples of 512 bytes and blocks of 2048.
    auto load = vector::LoadOp::create(
        rewriter, loc, bytesType, op.getBuffer(),
        ValueRange{op.getConsumer(), byteOffset}, /*nontemporal=*/false,
        llvm::MaybeAlign(DualMmaLayout::kBytesPerThread));
    rewriter.replaceOpWithNewOp<vector::BitCastOp>(op, op.getType(), load);
    return success();
  }
};

} // namespace

void mlir::liquid::populateDualMmaLayoutPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerLoadWeightFragment>(patterns.getContext());
}

namespace {
struct LiquidDualMmaLayoutPass
    : public mlir::liquid::impl::LiquidDualMmaLayoutBase<LiquidDualMmaLayoutPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateDualMmaLayoutPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
