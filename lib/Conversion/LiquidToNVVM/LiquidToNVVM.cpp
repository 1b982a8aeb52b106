//===- LiquidToNVVM.cpp - liquid_gpu to NVVM and inline PTX -----*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/LiquidToNVVM/LiquidToNVVM.h"
#include "liquid/Conversion/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::liquid {
#define GEN_PASS_DEF_CONVERTLIQUIDTONVVM
#include "liquid/Conversion/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;
using namespace mlir::liquid;
using namespace mlir::liquid_gpu;

//===----------------------------------------------------------------------===//
// warp_specialize
//===----------------------------------------------------------------------===//

namespace {
/// Branches on the warp-group index. Every thread of a warp group takes the
/// same side, as `setmaxnreg` (a warp-group-wide `.sync.aligned` operation)
/// requires.
struct LowerWarpSpecialize : public OpRewritePattern<WarpSpecializeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(WarpSpecializeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value tid = gpu::ThreadIdOp::create(rewriter, loc, gpu::Dimension::x);
    Value warpGroup = arith::DivUIOp::create(
        rewriter, loc, tid,
        arith::ConstantIndexOp::create(rewriter, loc,
                                       WarpSpecializeOp::kWarpGroupSize));
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value isProducer = arith::CmpIOp::create(
        rewriter, loc, arith::CmpIPredicate::eq, warpGroup, zero);
    auto branch = scf::IfOp::create(rewriter, loc, isProducer,
                                    /*withElseRegion=*/true);

    // Producer: give registers back to the pool.
    Block *producer = &branch.getThenRegion().front();
    rewriter.setInsertionPointToStart(producer);
    NVVM::SetMaxRegisterOp::create(
        rewriter, loc, static_cast<uint32_t>(op.getProducerRegisters()),
        NVVM::SetMaxRegisterAction::decrease);
    rewriter.inlineBlockBefore(&op.getProducer().front(),
                               producer->getTerminator());

    // Consumers: take the registers the accumulators and fragments need.
    Block *consumer = &branch.getElseRegion().front();
    rewriter.setInsertionPointToStart(consumer);
    NVVM::SetMaxRegisterOp::create(
        rewriter, loc, static_cast<uint32_t>(op.getConsumerRegisters()),
        NVVM::SetMaxRegisterAction::increase);
    Value consumerIndex = arith::SubIOp::create(
        rewriter, loc, warpGroup,
        arith::ConstantIndexOp::create(rewriter, loc, 1));
    rewriter.inlineBlockBefore(&op.getConsumer().front(),
                               consumer->getTerminator(),
                               ValueRange{consumerIndex});
    rewriter.eraseOp(op);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// wgmma_rs
//===----------------------------------------------------------------------===//

/// Builds the PTX of one register-A integer wgmma m64n<n>k32. Operands:
/// $0..$(acc-1) the accumulators, then the four A registers, the B
/// descriptor and the scale-d flag (non-zero: accumulate into D).
static std::string buildWgmmaPtx(int64_t n, int64_t accumulators,
                                 IntOperandType aType) {
  std::string ptx;
  llvm::raw_string_ostream os(ptx);
  os << "{\n\t.reg .pred p;\n\tsetp.ne.b32 p, $" << accumulators + 5
     << ", 0;\n\twgmma.mma_async.sync.aligned.m64n" << n << "k32.s32."
     << stringifyIntOperandType(aType) << ".s8 {";
  for (int64_t i = 0; i < accumulators; ++i)
    os << (i ? ", " : "") << "$" << i;
  os << "}, {";
  for (int64_t i = 0; i < 4; ++i)
    os << (i ? ", " : "") << "$" << accumulators + i;
  os << "}, $" << accumulators + 4 << ", p;\n}";
  return ptx;
}

/// Outputs "=r" per accumulator; inputs: A registers, descriptor, flag, and
/// the accumulators tied to the outputs.
static std::string buildWgmmaConstraints(int64_t accumulators) {
  std::string constraints;
  llvm::raw_string_ostream os(constraints);
  for (int64_t i = 0; i < accumulators; ++i)
    os << (i ? "," : "") << "=r";
  os << ",r,r,r,r,l,r";
  for (int64_t i = 0; i < accumulators; ++i)
    os << "," << i;
  return constraints;
}

struct LowerWgmmaRS : public OpRewritePattern<WgmmaRSOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(WgmmaRSOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type i32 = rewriter.getI32Type();
    int64_t accumulators = op.getAccumulator().getType().getNumElements();
    auto element = [&](Value vector, int64_t i) -> Value {
      Value index = LLVM::ConstantOp::create(rewriter, loc, i32,
                                             rewriter.getI32IntegerAttr(i));
      return LLVM::ExtractElementOp::create(rewriter, loc, vector, index);
    };

    SmallVector<Value> operands;
    for (int64_t i = 0; i < 4; ++i)
      operands.push_back(element(op.getA(), i));
    operands.push_back(op.getBDescriptor());
    operands.push_back(LLVM::ConstantOp::create(
        rewriter, loc, i32, rewriter.getI32IntegerAttr(1)));
    for (int64_t i = 0; i < accumulators; ++i)
      operands.push_back(element(op.getAccumulator(), i));

    auto resultType = LLVM::LLVMStructType::getLiteral(
        ctx, SmallVector<Type>(accumulators, i32));
    auto asmOp = createInlinePtx(
        rewriter, loc, resultType, operands,
        buildWgmmaPtx(op.getN(), accumulators, op.getAType()),
        buildWgmmaConstraints(accumulators), /*hasSideEffects=*/true);

    Value result = LLVM::UndefOp::create(rewriter, loc, op.getType());
    for (int64_t i = 0; i < accumulators; ++i) {
      Value value = LLVM::ExtractValueOp::create(rewriter, loc,
                                                 asmOp.getResult(0), i);
      Value index = LLVM::ConstantOp::create(rewriter, loc, i32,
                                             rewriter.getI32IntegerAttr(i));
      result = LLVM::InsertElementOp::create(rewriter, loc, result, value,
                                             index);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};
} // namespace

void mlir::liquid::populateLiquidGPUToNVVMPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LowerWarpSpecialize, LowerWgmmaRS>(patterns.getContext());
}

namespace {
struct ConvertLiquidToNVVMPass
    : public mlir::liquid::impl::ConvertLiquidToNVVMBase<ConvertLiquidToNVVMPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateLiquidGPUToNVVMPatterns(patterns);
    populateDualMmaLayoutPatterns(patterns);
    populateLowerDequantPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // tma_l2_policy waits for the NVVM TMA loads (liquid-tma-l2-policy).
    WalkResult left = getOperation()->walk([](Operation *op) {
      if (isa<LiquidGPUDialect>(op->getDialect()) &&
          !isa<TmaL2PolicyOp>(op)) {
        op->emitOpError("could not be lowered to NVVM");
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (left.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
