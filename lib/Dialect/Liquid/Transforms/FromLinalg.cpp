//===- FromLinalg.cpp - liquid-from-linalg ----------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Recognises W4A8 linear layers written in linalg on tensors and replaces
// them with `liquid.w4a8_matmul` (docs/FromLinalg.md). The chain, anchored on
// the dequantization of an i4 weight tensor:
//
//   %w8  = linalg.generic (n, k)                      dequant, i4 -> i8
//            q4[n, k], s[n, k floordiv G], a[n, k floordiv G]
//            w8 = trunci(extui(q4) * s + a - 128)     (any mod-256 spelling)
//   [%wt = linalg.transpose %w8 [1, 0]]               only for a (k, n) B map
//   %acc = linalg.matmul / linalg.generic (m, n, k)   i8 x i8 -> i32, signed,
//            x[m, k], w8[n, k] (or wt[k, n]), acc init = fill 0
//   %y   = linalg.generic (m, n)                      epilogue
//            y = f16((f32(acc[m, n]) * sx[m]) * s1[n])
//
// becomes
//
//   %packed = liquid.pack_weights %q4    (folds when %q4 is a constant)
//   %s, %a  = liquid.pack_group_params   (each; folds likewise)
//   %y = liquid.w4a8_matmul act(%x) weights(%packed) group_params(%s, %a)
//          channel_scales(%s1) token_scales(%sx) outs(%init)
//          group_size = G mode = xor layout = dual_mma
//
// The codes may also come as i8 [N, K/2], two per byte (low nibble = even
// k), read at (n, k floordiv 2) and selected in the body with linalg.index
// (isPackedNibble); they are then unpacked to i4 [N, K] for pack_weights.
//
// The dequant body is checked by evaluating it symbolically modulo 256 (the
// result is an i8): every sum/product of the inputs, the constant 128 added,
// subtracted or xor-ed into the top bit of the byte, are all the same
// LiquidQuant dequantization `q4 * s + a - 128 (mod 256)`. Once the whole
// chain has the right structure, a mismatch in a detail (a group size the
// kernel does not support, a shape the packed layout cannot hold, another
// epilogue rounding order) is reported with a remark and the IR stays as it
// was.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Quant/DualMmaLayout.h"
#include "liquid/Quant/LiquidQuant.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <map>

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDFROMLINALG
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;
using namespace mlir::liquid;

namespace {

//===----------------------------------------------------------------------===//
// The dequant body, modulo 256
//===----------------------------------------------------------------------===//

/// A polynomial of degree <= 2 in the block arguments of a linalg body, with
/// coefficients modulo 256. Key (-1, -1) is the constant term, (i, -1) the
/// linear term of argument i, (i, j) with i <= j the product of i and j.
using Monomial = std::pair<int, int>;
using Poly = std::map<Monomial, unsigned>;

/// Drops zero coefficients so that polynomials compare structurally.
static Poly normalize(Poly p) {
  Poly out;
  for (auto [mono, coeff] : p)
    if (coeff % 256)
      out[mono] = coeff % 256;
  return out;
}

static Poly addPoly(const Poly &a, const Poly &b, unsigned bScale) {
  Poly out = a;
  for (auto [mono, coeff] : b)
    out[mono] = (out[mono] + bScale * coeff) % 256;
  return normalize(out);
}

static int degree(Monomial m) {
  return (m.first >= 0) + (m.second >= 0);
}

/// The product, or std::nullopt when a term would exceed degree 2.
static std::optional<Poly> mulPoly(const Poly &a, const Poly &b) {
  Poly out;
  for (auto [ma, ca] : a) {
    for (auto [mb, cb] : b) {
      if (degree(ma) + degree(mb) > 2)
        return std::nullopt;
      SmallVector<int, 2> vars;
      for (int v : {ma.first, ma.second, mb.first, mb.second})
        if (v >= 0)
          vars.push_back(v);
      llvm::sort(vars);
      Monomial m{vars.size() > 0 ? vars[0] : -1, vars.size() > 1 ? vars[1] : -1};
      out[m] = (out[m] + ca * cb) % 256;
    }
  }
  return normalize(out);
}

/// True if `value` is the constant `expected` (any integer type).
static bool isConstantInt(Value value, int64_t expected) {
  APInt constant;
  return matchPattern(value, m_ConstantInt(&constant)) &&
         constant.getSExtValue() == expected;
}

/// For `op(lhs, rhs)` with one operand the constant `c`: the other operand.
template <typename OpTy>
static Value operandBesideConstant(Value value, int64_t c) {
  auto op = value.getDefiningOp<OpTy>();
  if (!op)
    return {};
  if (isConstantInt(op.getRhs(), c))
    return op.getLhs();
  if (isConstantInt(op.getLhs(), c))
    return op.getRhs();
  return {};
}

/// True if `value` is `k mod 2` for the inner loop index k: `remui`/`remsi`
/// by 2 or `andi` with 1, of `index_cast`/`index_castui` of `linalg.index 1`.
static bool isInnerIndexParity(Value value, Block &body) {
  Value k = operandBesideConstant<arith::AndIOp>(value, 1);
  if (!k)
    if (auto rem = value.getDefiningOp<arith::RemUIOp>();
        rem && isConstantInt(rem.getRhs(), 2))
      k = rem.getLhs();
  if (!k)
    if (auto rem = value.getDefiningOp<arith::RemSIOp>();
        rem && isConstantInt(rem.getRhs(), 2))
      k = rem.getLhs();
  if (!k)
    return false;
  Operation *cast = k.getDefiningOp();
  if (!cast || !isa<arith::IndexCastOp, arith::IndexCastUIOp>(cast))
    return false;
  auto index = cast->getOperand(0).getDefiningOp<linalg::IndexOp>();
  return index && index->getBlock() == &body && index.getDim() == 1;
}

/// Matches the nibble of a packed byte argument (two 4-bit codes per byte,
/// low nibble = even k): `andi(shr(B, SH), 15)` (either order) with B the
/// argument `packedArg` or its extui/extsi, shr `shrui` or `shrsi`, and
/// SH = `muli(P, 4)` (either order) or `shli(P, 2)` for P = k mod 2.
static bool isPackedNibble(Value value, Block &body, int packedArg) {
  if (packedArg < 0)
    return false;
  Value shifted = operandBesideConstant<arith::AndIOp>(value, 15);
  if (!shifted)
    return false;
  Operation *shr = shifted.getDefiningOp();
  if (!shr || !isa<arith::ShRUIOp, arith::ShRSIOp>(shr))
    return false;
  Value byte = shr->getOperand(0), shift = shr->getOperand(1);
  if (Operation *ext = byte.getDefiningOp();
      ext && isa<arith::ExtUIOp, arith::ExtSIOp>(ext))
    byte = ext->getOperand(0);
  auto arg = dyn_cast<BlockArgument>(byte);
  if (!arg || arg.getOwner() != &body ||
      arg.getArgNumber() != static_cast<unsigned>(packedArg) ||
      !arg.getType().isInteger(8))
    return false;
  Value parity = operandBesideConstant<arith::MulIOp>(shift, 4);
  if (!parity)
    if (auto shl = shift.getDefiningOp<arith::ShLIOp>();
        shl && isConstantInt(shl.getRhs(), 2))
      parity = shl.getLhs();
  return parity && isInnerIndexParity(parity, body);
}

/// Evaluates `value` of a dequant body modulo 256. Every value must be an
/// integer of at least 8 bits (so that the low byte is exact), except the
/// 4-bit code argument, which must be zero-extended (codes are unsigned).
/// With `packedArg` >= 0, that i8 argument holds two codes per byte and may
/// only be read through the nibble of isPackedNibble, which stands for the
/// code (the variable `packedArg`). Returns std::nullopt for anything else.
static std::optional<Poly> evalMod256(Value value, Block &body,
                                      int packedArg = -1) {
  auto type = dyn_cast<IntegerType>(value.getType());
  if (!type || type.getWidth() < 8)
    return std::nullopt;
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    if (arg.getOwner() != &body ||
        arg.getArgNumber() == static_cast<unsigned>(packedArg))
      return std::nullopt;
    return Poly{{{static_cast<int>(arg.getArgNumber()), -1}, 1}};
  }
  APInt constant;
  if (matchPattern(value, m_ConstantInt(&constant)))
    return normalize(Poly{{{-1, -1}, static_cast<unsigned>(
                                         constant.getZExtValue() & 0xFF)}});
  if (isPackedNibble(value, body, packedArg))
    return Poly{{{packedArg, -1}, 1}};
  Operation *op = value.getDefiningOp();
  if (!op || op->getBlock() != &body)
    return std::nullopt;
  if (isa<arith::ExtUIOp, arith::ExtSIOp, arith::TruncIOp>(op)) {
    Value in = op->getOperand(0);
    auto inType = cast<IntegerType>(in.getType());
    // Zero-extending the i4 code argument gives its unsigned value.
    if (inType.getWidth() < 8 && isa<arith::ExtUIOp>(op) &&
        isa<BlockArgument>(in) &&
        cast<BlockArgument>(in).getOwner() == &body)
      return Poly{{{static_cast<int>(cast<BlockArgument>(in).getArgNumber()),
                   -1},
                  1}};
    // Any extension or truncation keeps the low byte of a wide value.
    return evalMod256(in, body, packedArg);
  }
  if (!isa<arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::XOrIOp>(op))
    return std::nullopt;
  std::optional<Poly> lhs = evalMod256(op->getOperand(0), body, packedArg);
  std::optional<Poly> rhs = evalMod256(op->getOperand(1), body, packedArg);
  if (!lhs || !rhs)
    return std::nullopt;
  if (isa<arith::AddIOp>(op))
    return addPoly(*lhs, *rhs, 1);
  if (isa<arith::SubIOp>(op))
    return addPoly(*lhs, *rhs, 255);
  if (isa<arith::MulIOp>(op))
    return mulPoly(*lhs, *rhs);
  // x ^ c changes only bit 7 of the low byte when c's low byte is 0x80:
  // that is x + 128 (mod 256).
  for (auto [x, c] : {std::pair(*lhs, *rhs), std::pair(*rhs, *lhs)}) {
    if (c.empty())
      return x;
    if (c.size() == 1 && c.begin()->first == Monomial{-1, -1} &&
        c.begin()->second == 0x80)
      return addPoly(x, c, 1);
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Matching helpers
//===----------------------------------------------------------------------===//

static bool allParallel(linalg::LinalgOp op) {
  return llvm::all_of(op.getIteratorTypesArray(), [](utils::IteratorType t) {
    return t == utils::IteratorType::parallel;
  });
}

static AffineMap parseMap(MLIRContext *ctx, unsigned dims,
                          ArrayRef<AffineExpr> results) {
  return AffineMap::get(dims, 0, results, ctx);
}

/// The value yielded by a single-result linalg body.
static Value yieldedValue(linalg::LinalgOp op) {
  return op.getBlock()->getTerminator()->getOperand(0);
}

/// True if `value` is `extsi(arg)` for an i8 block argument of `body`.
static bool isSignExtendedArg(Value value, Block &body, unsigned argNumber) {
  auto ext = value.getDefiningOp<arith::ExtSIOp>();
  if (!ext)
    return false;
  auto arg = dyn_cast<BlockArgument>(ext.getIn());
  return arg && arg.getOwner() == &body && arg.getArgNumber() == argNumber;
}

/// True if the body computes `acc + extsi(a) * extsi(b)` (in either order):
/// the exact int8 x int8 -> int32 product of `linalg.matmul` with the default
/// signed cast.
static bool isSignedI8Contraction(linalg::LinalgOp op) {
  Block &body = *op.getBlock();
  auto add = yieldedValue(op).getDefiningOp<arith::AddIOp>();
  if (!add)
    return false;
  for (auto [accSide, mulSide] : {std::pair(add.getLhs(), add.getRhs()),
                                  std::pair(add.getRhs(), add.getLhs())}) {
    if (accSide != body.getArgument(2))
      continue;
    auto mul = mulSide.getDefiningOp<arith::MulIOp>();
    if (!mul)
      return false;
    return (isSignExtendedArg(mul.getLhs(), body, 0) &&
            isSignExtendedArg(mul.getRhs(), body, 1)) ||
           (isSignExtendedArg(mul.getLhs(), body, 1) &&
            isSignExtendedArg(mul.getRhs(), body, 0));
  }
  return false;
}

/// Matches `lhs * rhs` (either order) in a `mulf`; returns the other operand
/// when one of them is `known`.
static Value otherMulfOperand(Value product, Value known) {
  auto mul = product.getDefiningOp<arith::MulFOp>();
  if (!mul)
    return {};
  if (mul.getLhs() == known)
    return mul.getRhs();
  if (mul.getRhs() == known)
    return mul.getLhs();
  return {};
}

/// The pieces of a recognised chain.
struct W4A8Chain {
  linalg::GenericOp dequant;
  Value codes, scales, offsets;
  // True when `codes` is i8 [N, K/2], two codes per byte (low nibble =
  // even k), rather than i4 [N, K].
  bool packedCodes = false;
  int64_t groupSize = 0;
  linalg::TransposeOp transpose; // null when the contraction reads (n, k)
  // Batch 1: w8 expanded to [1, N, K] for a linalg.batch_matmul whose
  // [1, M, N] result is collapsed to [M, N] for the epilogue; else null.
  tensor::ExpandShapeOp expand;
  tensor::CollapseShapeOp collapse;
  linalg::LinalgOp contraction;
  Value activations;
  linalg::GenericOp epilogue;
  Value tokenScales, channelScales, init;
};

/// Matches the dequant `op` (the anchor): q4 [N, K] i4 and two group tensors
/// [N, K/G] read at (n, k floordiv G) -- or, per channel, [N, 1] at (n, 0) --
/// producing i8 [N, K] with body `q4 * s + a - 128` modulo 256. Returns
/// failure silently when `op` is no i4 dequantization at all, and with
/// `*why` set when it is one the kernel cannot run.
static LogicalResult matchDequant(linalg::GenericOp op, W4A8Chain &chain,
                                  std::string *why) {
  MLIRContext *ctx = op.getContext();
  if (op.getNumDpsInputs() != 3 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != 2 || !allParallel(op))
    return failure();
  auto outType = dyn_cast<RankedTensorType>(op.getResult(0).getType());
  if (!outType || !outType.getElementType().isInteger(8))
    return failure();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, ctx);
  if (maps[3] != identity)
    return failure();
  // The code tensor: the one i4 input, read at (n, k); or else an i8 input
  // read at (n, k floordiv 2), two codes per byte, whose nibbles the body
  // selects with linalg.index.
  int codeIndex = -1;
  for (auto [i, input] : llvm::enumerate(op.getDpsInputs()))
    if (cast<ShapedType>(input.getType()).getElementType().isInteger(4))
      codeIndex = i;
  int packedArg = -1;
  if (codeIndex < 0) {
    AffineMap half = parseMap(
        ctx, 2,
        {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx).floorDiv(2)});
    for (auto [i, input] : llvm::enumerate(op.getDpsInputs()))
      if (cast<ShapedType>(input.getType()).getElementType().isInteger(8) &&
          maps[i] == half)
        codeIndex = packedArg = i;
    if (codeIndex < 0)
      return failure();
  } else if (maps[codeIndex] != identity) {
    return failure();
  }

  // The body, modulo 256: exactly q4 * s + a + 128.
  Block &body = *op.getBlock();
  std::optional<Poly> poly = evalMod256(yieldedValue(op), body, packedArg);
  if (!poly || poly->size() != 3 || (*poly)[{-1, -1}] != 128)
    return failure();
  int scaleIndex = -1, offsetIndex = -1;
  for (auto [mono, coeff] : *poly) {
    if (mono == Monomial{-1, -1})
      continue;
    if (coeff != 1)
      return failure();
    if (mono.second >= 0 && (mono.first == codeIndex) != (mono.second == codeIndex))
      scaleIndex = mono.first == codeIndex ? mono.second : mono.first;
    else if (mono.first >= 0 && mono.second < 0)
      offsetIndex = mono.first;
  }
  if (scaleIndex < 0 || offsetIndex < 0 || scaleIndex == offsetIndex ||
      scaleIndex == codeIndex || offsetIndex == codeIndex)
    return failure();

  chain.dequant = op;
  chain.codes = op.getDpsInputs()[codeIndex];
  chain.scales = op.getDpsInputs()[scaleIndex];
  chain.offsets = op.getDpsInputs()[offsetIndex];
  chain.packedCodes = packedArg >= 0;

  // From here on, the op is an i4 dequantization: explain every refusal.
  auto codeType = cast<ShapedType>(chain.codes.getType());
  if (!codeType.hasStaticShape() || !outType.hasStaticShape()) {
    *why = "the weights must have a static shape [N, K]";
    return failure();
  }
  int64_t n = outType.getDimSize(0), k = outType.getDimSize(1);
  if (codeType.getShape() !=
      ArrayRef<int64_t>{n, chain.packedCodes ? k / 2 : k} ||
      (chain.packedCodes && k % 2)) {
    *why = chain.packedCodes
               ? "the packed weights must have shape [N, K/2] for an [N, K] "
                 "dequantization"
               : "the weights must have the shape [N, K] of the "
                 "dequantization";
    return failure();
  }
  if (maps[scaleIndex] != maps[offsetIndex] ||
      chain.scales.getType() != chain.offsets.getType()) {
    *why = "the group scales and offsets must have one type and one "
           "indexing map";
    return failure();
  }
  AffineMap groupMap = maps[scaleIndex];
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx);
  auto groupType = cast<ShapedType>(chain.scales.getType());
  if (groupMap == parseMap(ctx, 2, {d0, getAffineConstantExpr(0, ctx)})) {
    chain.groupSize = k;
  } else if (groupMap.getNumResults() == 2 && groupMap.getResult(0) == d0) {
    auto div = dyn_cast<AffineBinaryOpExpr>(groupMap.getResult(1));
    auto g = div ? dyn_cast<AffineConstantExpr>(div.getRHS()) : nullptr;
    if (!div || div.getKind() != AffineExprKind::FloorDiv ||
        div.getLHS() != d1 || !g) {
      *why = "the group parameters must be read at (n, k floordiv G)";
      return failure();
    }
    chain.groupSize = g.getValue();
  } else {
    *why = "the group parameters must be read at (n, k floordiv G)";
    return failure();
  }
  if (!groupType.getElementType().isInteger() ||
      groupType.getElementTypeBitWidth() < 8) {
    *why = "the group parameters must be integers of at least 8 bits";
    return failure();
  }
  if (std::optional<std::string> problem =
          ::liquid::quant::checkQuantShape(n, k, chain.groupSize)) {
    *why = "group size " + std::to_string(chain.groupSize) + ": " + *problem;
    return failure();
  }
  if (groupType.getShape() != ArrayRef<int64_t>{n, k / chain.groupSize}) {
    *why = "the group parameters must have shape [N, K/G]";
    return failure();
  }
  if (std::optional<std::string> problem =
          ::liquid::quant::checkDualMmaShape(n, k)) {
    *why = "the packed weight layout needs it: " + *problem;
    return failure();
  }
  return success();
}

/// Matches the contraction `op` that reads `weight` (the dequantized i8
/// [N, K], directly at (n, k) or through a [1, 0] transpose at (k, n)).
static LogicalResult matchContraction(linalg::LinalgOp op, Value weight,
                                      W4A8Chain &chain, std::string *why) {
  MLIRContext *ctx = op.getContext();
  bool batch = isa<linalg::BatchMatmulOp>(op);
  if (!isa<linalg::MatmulOp, linalg::GenericOp, linalg::BatchMatmulOp>(op) ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != (batch ? 4u : 3u) || op->getNumResults() != 1 ||
      batch != bool(chain.expand)) {
    *why = "the dequantized weights must feed a linalg.matmul or a "
           "linalg.generic contraction";
    return failure();
  }
  if (op.getDpsInputs()[1] != weight) {
    *why = "the weights must be the second (B) operand of the contraction";
    return failure();
  }
  // Batch 1 (linalg.batch_matmul): loops (b, m, n, k), b of size 1.
  unsigned first = batch ? 1 : 0, dims = first + 3;
  AffineExpr b = getAffineDimExpr(0, ctx);
  AffineExpr m = getAffineDimExpr(first, ctx),
             n = getAffineDimExpr(first + 1, ctx),
             k = getAffineDimExpr(first + 2, ctx);
  auto map = [&](AffineExpr r0, AffineExpr r1) {
    return batch ? parseMap(ctx, dims, {b, r0, r1})
                 : parseMap(ctx, dims, {r0, r1});
  };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap weightMap = chain.transpose ? map(k, n) : map(n, k);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  bool iteratorsOk = llvm::all_of(
      ArrayRef(iterators).drop_back(),
      [](utils::IteratorType t) { return t == utils::IteratorType::parallel; });
  if (maps[0] != map(m, k) || maps[1] != weightMap || maps[2] != map(m, n) ||
      !iteratorsOk || iterators.back() != utils::IteratorType::reduction) {
    *why = batch ? "the contraction must compute acc[b, m, n] += x[b, m, k] "
                   "* w[b, n, k]"
                 : "the contraction must compute acc[m, n] += x[m, k] * "
                   "w[n, k]";
    return failure();
  }
  Value x = op.getDpsInputs()[0];
  auto accType = cast<ShapedType>(op->getResult(0).getType());
  if (batch && (cast<ShapedType>(x.getType()).getDimSize(0) != 1 ||
                accType.getDimSize(0) != 1)) {
    *why = "a linalg.batch_matmul must have batch size 1";
    return failure();
  }
  if (!cast<ShapedType>(x.getType()).getElementType().isInteger(8) ||
      !accType.getElementType().isInteger(32) || !isSignedI8Contraction(op)) {
    *why = "the contraction must multiply signed i8 by signed i8 into i32";
    return failure();
  }
  auto fill = op.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
  if (!fill || !matchPattern(fill.getInputs()[0], m_Zero())) {
    *why = "the i32 accumulator must start from linalg.fill 0";
    return failure();
  }
  chain.contraction = op;
  chain.activations = x;
  return success();
}

/// Matches the epilogue `op` reading `acc`: y[m, n] = out((f32(acc) * sx[m])
/// * s1[n]) with out f16 or bf16, the rounding order of the kernel.
static LogicalResult matchEpilogue(linalg::GenericOp op, Value acc,
                                   W4A8Chain &chain, std::string *why) {
  MLIRContext *ctx = op.getContext();
  const char *expected = "the epilogue must compute "
                         "f16((f32(acc[m, n]) * sx[m]) * s1[n]) (or bf16), "
                         "in this order";
  if (op.getNumDpsInputs() != 3 || op.getNumDpsInits() != 1 ||
      op.getNumLoops() != 2 || !allParallel(op)) {
    *why = expected;
    return failure();
  }
  AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(2, ctx);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  Block &body = *op.getBlock();
  int accIndex = -1, sxIndex = -1, s1Index = -1;
  for (auto [i, input] : llvm::enumerate(op.getDpsInputs())) {
    if (input == acc && maps[i] == identity)
      accIndex = i;
    else if (maps[i] == parseMap(ctx, 2, {m}))
      sxIndex = i;
    else if (maps[i] == parseMap(ctx, 2, {n}))
      s1Index = i;
  }
  Type outType = cast<ShapedType>(op.getResult(0).getType()).getElementType();
  if (accIndex < 0 || sxIndex < 0 || s1Index < 0 || maps[3] != identity ||
      !isa<Float16Type, BFloat16Type>(outType)) {
    *why = expected;
    return failure();
  }
  // Walk the body from the yield back to the accumulator.
  auto trunc = yieldedValue(op).getDefiningOp<arith::TruncFOp>();
  Value scaled = trunc ? trunc.getIn() : Value();
  Value sx = body.getArgument(sxIndex), s1 = body.getArgument(s1Index);
  Value tokenScaled = scaled ? otherMulfOperand(scaled, s1) : Value();
  Value converted = tokenScaled ? otherMulfOperand(tokenScaled, sx) : Value();
  auto toFloat = converted ? converted.getDefiningOp<arith::SIToFPOp>()
                           : arith::SIToFPOp();
  if (!toFloat || toFloat.getIn() != body.getArgument(accIndex) ||
      !toFloat.getType().isF32() || !sx.getType().isF32() ||
      !s1.getType().isF32()) {
    *why = expected;
    return failure();
  }
  chain.epilogue = op;
  chain.tokenScales = op.getDpsInputs()[sxIndex];
  chain.channelScales = op.getDpsInputs()[s1Index];
  chain.init = op.getDpsInits()[0];

  // The liquid op wants M to be the same (static or dynamic) everywhere.
  auto xType = cast<ShapedType>(chain.activations.getType());
  int64_t mSize = xType.getDimSize(xType.getRank() - 2);
  if (cast<ShapedType>(chain.tokenScales.getType()).getDimSize(0) != mSize ||
      cast<ShapedType>(chain.init.getType()).getDimSize(0) != mSize) {
    *why = "the activations, token scales and output must agree on M "
           "(all static or all dynamic)";
    return failure();
  }
  return success();
}

/// Casts a group-parameter tensor to i8: its low bytes, which is all the
/// mod-256 dequantization reads (s in [1, 16], a = 128 + min in [9, 247]).
static Value toGroupBytes(OpBuilder &builder, Location loc, Value params) {
  auto type = cast<RankedTensorType>(params.getType());
  if (type.getElementType().isInteger(8))
    return params;
  return arith::TruncIOp::create(builder, loc,
                                 type.clone(builder.getIntegerType(8)), params);
}

/// Replaces the chain by pack_weights + w4a8_matmul and erases the linalg
/// ops left without users.
/// The logical codes i4 [N, K] of i8 [N, K/2] bytes holding two codes each
/// (low nibble = even k): a constant when the bytes are one (so that
/// liquid.pack_weights folds), else a linalg.generic that unpacks them.
static Value unpackCodes(OpBuilder &builder, Location loc, Value bytes,
                         int64_t n, int64_t k) {
  auto codeType = RankedTensorType::get({n, k}, builder.getIntegerType(4));
  DenseIntElementsAttr constant;
  if (matchPattern(bytes, m_Constant(&constant))) {
    SmallVector<APInt> codes;
    codes.reserve(n * k);
    for (const APInt &byte : constant.getValues<APInt>()) {
      uint64_t b = byte.getZExtValue();
      codes.push_back(APInt(4, b & 0xF));
      codes.push_back(APInt(4, (b >> 4) & 0xF));
    }
    return arith::ConstantOp::create(
        builder, loc, DenseIntElementsAttr::get(codeType, codes));
  }
  MLIRContext *ctx = builder.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx);
  SmallVector<AffineMap> maps = {parseMap(ctx, 2, {d0, d1.floorDiv(2)}),
                                 AffineMap::getMultiDimIdentityMap(2, ctx)};
  Value empty = tensor::EmptyOp::create(builder, loc, codeType.getShape(),
                                        codeType.getElementType());
  auto unpack = linalg::GenericOp::create(
      builder, loc, TypeRange{codeType}, ValueRange{bytes}, ValueRange{empty},
      maps,
      SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [&](OpBuilder &b, Location l, ValueRange args) {
        Type i8 = b.getI8Type();
        Value kIndex = linalg::IndexOp::create(b, l, 1);
        Value kByte = arith::IndexCastUIOp::create(b, l, i8, kIndex);
        Value one = arith::ConstantIntOp::create(b, l, i8, 1);
        Value two = arith::ConstantIntOp::create(b, l, i8, 2);
        Value parity = arith::AndIOp::create(b, l, kByte, one);
        Value shift = arith::ShLIOp::create(b, l, parity, two);
        Value nibble = arith::ShRUIOp::create(b, l, args[0], shift);
        Value code =
            arith::TruncIOp::create(b, l, b.getIntegerType(4), nibble);
        linalg::YieldOp::create(b, l, code);
      });
  return unpack.getResult(0);
}

static void rewriteChain(IRRewriter &rewriter, W4A8Chain &chain) {
  Location loc = chain.epilogue.getLoc();
  rewriter.setInsertionPoint(chain.epilogue);
  auto weightType = cast<RankedTensorType>(chain.dequant.getResult(0).getType());
  int64_t n = weightType.getDimSize(0), k = weightType.getDimSize(1);
  auto packedType = RankedTensorType::get({n, k / 2}, rewriter.getI8Type());
  Value codes = chain.codes;
  if (chain.packedCodes)
    codes = unpackCodes(rewriter, loc, codes, n, k);
  Value packed = PackWeightsOp::create(rewriter, loc, packedType, codes);
  // The dual_mma layout covers the group parameters too: both arrays go to
  // the order the kernel's 16-bit parameter loads expect.
  Value scales = toGroupBytes(rewriter, loc, chain.scales);
  scales = PackGroupParamsOp::create(rewriter, loc, scales.getType(), scales);
  Value offsets = toGroupBytes(rewriter, loc, chain.offsets);
  offsets =
      PackGroupParamsOp::create(rewriter, loc, offsets.getType(), offsets);
  Value x = chain.activations;
  if (chain.expand) // [1, M, K] -> [M, K]
    x = tensor::CollapseShapeOp::create(
        rewriter, loc, x, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  auto matmul = W4A8MatmulOp::create(
      rewriter, loc, chain.init.getType(), x, packed, scales,
      offsets, chain.channelScales, chain.tokenScales, /*xsum=*/Value(),
      chain.init, chain.groupSize, DequantMode::Xor, WeightLayout::DualMma,
      /*config=*/nullptr, /*kernel=*/nullptr);
  rewriter.replaceOp(chain.epilogue, matmul.getResult());
  Operation *fill = chain.contraction.getDpsInits()[0].getDefiningOp();
  SmallVector<Operation *> dead;
  if (chain.collapse)
    dead.push_back(chain.collapse);
  dead.append({chain.contraction, fill});
  if (chain.expand)
    dead.push_back(chain.expand);
  if (chain.transpose)
    dead.push_back(chain.transpose);
  dead.push_back(chain.dequant);
  for (Operation *op : dead)
    if (op->use_empty())
      rewriter.eraseOp(op);
}

/// Tries every use of the dequant `op`; returns the chains it found and
/// emits a remark for each one that has the W4A8 structure but cannot be
/// converted.
static void collectChains(linalg::GenericOp dequant,
                          SmallVectorImpl<W4A8Chain> &chains) {
  W4A8Chain base;
  std::string why;
  if (failed(matchDequant(dequant, base, &why))) {
    if (!why.empty())
      dequant->emitRemark("not converted to liquid.w4a8_matmul: ") << why;
    return;
  }
  for (Operation *user : dequant->getUsers()) {
    W4A8Chain chain = base;
    Value weight = dequant.getResult(0);
    Operation *consumer = user;
    if (auto transpose = dyn_cast<linalg::TransposeOp>(user)) {
      if (transpose.getPermutation() != ArrayRef<int64_t>{1, 0} ||
          !transpose->hasOneUse())
        continue;
      chain.transpose = transpose;
      weight = transpose.getResult()[0];
      consumer = *transpose->getUsers().begin();
    }
    // Batch 1: w8 [N, K] expanded to [1, N, K] for a linalg.batch_matmul.
    if (auto expand = dyn_cast<tensor::ExpandShapeOp>(consumer)) {
      auto type = expand.getResultType();
      if (chain.transpose || !expand->hasOneUse() || type.getRank() != 3 ||
          type.getDimSize(0) != 1)
        continue;
      chain.expand = expand;
      weight = expand.getResult();
      consumer = *expand->getUsers().begin();
      if (!isa<linalg::BatchMatmulOp>(consumer))
        continue;
    }
    auto contraction = dyn_cast<linalg::LinalgOp>(consumer);
    if (!contraction ||
        !isa<linalg::MatmulOp, linalg::GenericOp, linalg::BatchMatmulOp>(
            consumer))
      continue;
    if (failed(matchContraction(contraction, weight, chain, &why))) {
      consumer->emitRemark("not converted to liquid.w4a8_matmul: ") << why;
      continue;
    }
    Value acc = contraction->getResult(0);
    if (chain.expand) { // [1, M, N] collapsed to [M, N] for the epilogue
      auto collapse =
          acc.hasOneUse()
              ? dyn_cast<tensor::CollapseShapeOp>(*acc.getUsers().begin())
              : tensor::CollapseShapeOp();
      if (!collapse || collapse.getResultType().getRank() != 2) {
        consumer->emitRemark("not converted to liquid.w4a8_matmul: the "
                             "[1, M, N] product must have one user, a "
                             "tensor.collapse_shape to [M, N]");
        continue;
      }
      chain.collapse = collapse;
      acc = collapse.getResult();
    }
    auto epilogue = acc.hasOneUse()
                        ? dyn_cast<linalg::GenericOp>(*acc.getUsers().begin())
                        : linalg::GenericOp();
    if (!epilogue) {
      consumer->emitRemark("not converted to liquid.w4a8_matmul: the i32 "
                           "product must have one user, the scaling "
                           "epilogue linalg.generic");
      continue;
    }
    if (failed(matchEpilogue(epilogue, acc, chain, &why))) {
      epilogue->emitRemark("not converted to liquid.w4a8_matmul: ") << why;
      continue;
    }
    chains.push_back(chain);
  }
}

struct LiquidFromLinalgPass
    : public mlir::liquid::impl::LiquidFromLinalgBase<LiquidFromLinalgPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> anchors;
    getOperation()->walk([&](linalg::GenericOp op) { anchors.push_back(op); });
    SmallVector<W4A8Chain> chains;
    for (linalg::GenericOp op : anchors)
      collectChains(op, chains);
    IRRewriter rewriter(&getContext());
    for (W4A8Chain &chain : chains)
      rewriteChain(rewriter, chain);
  }
};

} // namespace
