//===- LowerDequant.cpp - liquid-lower-dequant ------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// LiquidQuant's register dequantization. A packed 32-bit word P holds eight
// 4-bit codes; its low nibbles are one A register's four weights, its high
// nibbles the next k32 step's:
//
//   q   = P & 0x0F0F0F0F            (low)     one LOP3
//   q   = (P >> 4) & 0x0F0F0F0F     (high)    SHF + LOP3 (or one LOP3 w/ shift)
//   r   = q * s + a * 0x01010101              one IMAD: bytes q4*s + a = q8+128
//   r  ^= 0x80808080                (xor)     one LOP3: bytes q8 as int8
//
// No byte lane carries into the next because q4 * s <= 15 * 16 = 240 and
// q4 * s + a <= 255 by construction of (s, a) (docs/LiquidQuant.md). The
// IMAD and XOR are emitted as one pure inline PTX block so that LLVM cannot
// widen or split them; `a * 0x01010101` is loop-invariant per group and
// shared by the four registers of a row.
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/LiquidToNVVM/LiquidToNVVM.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDLOWERDEQUANT
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;
using namespace mlir::liquid;

namespace {
/// PTX of the IMAD (and XOR) step: $0 = result, $1 = spread codes, $2 = s,
/// $3 = a replicated into the four bytes.
constexpr StringLiteral kImadXorPtx =
    "mad.lo.u32 $0, $1, $2, $3;\n\txor.b32 $0, $0, 0x80808080;";
constexpr StringLiteral kImadPtx = "mad.lo.u32 $0, $1, $2, $3;";

struct LowerDequant : public OpRewritePattern<liquid_gpu::DequantOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(liquid_gpu::DequantOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto i32 = rewriter.getI32Type();
    auto c32 = [&](int64_t v) {
      return arith::ConstantIntOp::create(rewriter, loc, v, 32).getResult();
    };
    Value codes = op.getPacked();
    if (op.getNibble() == liquid_gpu::Nibble::High)
      codes = arith::ShRUIOp::create(rewriter, loc, codes, c32(4));
    codes = arith::AndIOp::create(rewriter, loc, codes, c32(0x0F0F0F0F));
    Value replicated =
        arith::MulIOp::create(rewriter, loc, op.getOffset(), c32(0x01010101));
    auto asmOp = liquid_gpu::createInlinePtx(
        rewriter, loc, i32, ValueRange{codes, op.getScale(), replicated},
        op.getSignedResult() ? kImadXorPtx : kImadPtx, "=r,r,r,r",
        /*hasSideEffects=*/false);
    rewriter.replaceOp(op, asmOp.getResult(0));
    return success();
  }
};

} // namespace

void mlir::liquid::populateLowerDequantPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerDequant>(patterns.getContext());
}

namespace {
struct LiquidLowerDequantPass
    : public mlir::liquid::impl::LiquidLowerDequantBase<LiquidLowerDequantPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateLowerDequantPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
