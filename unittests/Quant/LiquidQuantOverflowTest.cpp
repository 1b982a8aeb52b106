//===- LiquidQuantOverflowTest.cpp - Exhaustive IMAD/XOR lane check -------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// For every group the quantizer can see (every (min, max) pair of q8 values
// in the protective range [-119, 119]) and every code it emits for that
// group, the kernel's one-IMAD-per-four-weights dequantization must not carry
// across byte lanes, and the bytes must be the level-1 values exactly.
//
//===----------------------------------------------------------------------===//

#include "QuantTestUtils.h"

#include "gtest/gtest.h"

#include <set>

using namespace liquid::quant;
using namespace liquid::quant::testing;

namespace {

constexpr int64_t kGroup = 128;
constexpr int64_t kK = 2 * kGroup;

/// A group of the quantizer's: its (s, a) and the distinct codes it emitted.
struct QuantizedGroup {
  int s;
  int a;
  std::set<int> codes;
};

/// Quantizes a 1 x 256 row whose level-1 codes are known: group 0 holds 119
/// (so s1 = 119 / 119 = 1 and q8 = w exactly), group 1 holds mn, mx and
/// integers spread between them, and returns what the quantizer made of
/// group 1.
QuantizedGroup quantizeGroupWithRange(int mn, int mx) {
  std::vector<float> w(kK, 0.0f);
  w[0] = static_cast<float>(kQ8Max);
  float *group = w.data() + kGroup;
  // Every integer of [mn, mx] when they fit, every other one otherwise; the
  // level-2 step s is then at least 9, so every code's bucket is hit.
  int step = (mx - mn) < kGroup - 1 ? 1 : 2;
  int64_t i = 0;
  for (int v = mn; v <= mx && i < kGroup; v += step)
    group[i++] = static_cast<float>(v);
  group[kGroup - 1] = static_cast<float>(mx);
  for (; i < kGroup - 1; ++i)
    group[i] = static_cast<float>(mn);

  QuantizedWeights q = quantizeWeights(w.data(), 1, kK, kGroup);
  EXPECT_EQ(q.channelScales[0], 1.0f);
  QuantizedGroup result{q.scales[1], q.offsets[1], {}};
  for (int64_t col = kGroup; col < kK; ++col)
    result.codes.insert(q.codes[col]);
  return result;
}

TEST(LiquidQuantOverflowTest, EveryGroupRangeAndCodeDequantizesWithoutCarry) {
  int64_t registersChecked = 0;
  for (int mn = -kQ8Max; mn <= kQ8Max; ++mn) {
    for (int mx = mn; mx <= kQ8Max; ++mx) {
      SCOPED_TRACE("group q8 range [" + std::to_string(mn) + ", " +
                   std::to_string(mx) + "]");
      QuantizedGroup g = quantizeGroupWithRange(mn, mx);
      const int range = mx - mn;

      // s is the smallest positive integer with 15 * s >= max - min, and a
      // encodes the minimum.
      ASSERT_GE(15 * g.s, range);
      ASSERT_TRUE(g.s == 1 || 15 * (g.s - 1) < range);
      ASSERT_LE(g.s, 16);
      ASSERT_EQ(g.a, kByteBias + mn);

      // The emitted codes are exactly 0 .. round(range / s): every bucket.
      const int maxCode = *g.codes.rbegin();
      ASSERT_EQ(*g.codes.begin(), 0);
      ASSERT_EQ(static_cast<int>(g.codes.size()), maxCode + 1);
      ASSERT_LE(std::abs(maxCode * g.s - range) * 2, g.s);

      for (int code : g.codes) {
        // The lane claim of the paper: q4 * s <= 240 and q4 * s + a <= 255.
        ASSERT_LE(code * g.s, 240);
        ASSERT_LE(code * g.s + g.a, 255);
        ASSERT_EQ(dequantizeCode(code, g.s, g.a), code * g.s + mn);

        // `code` in each lane, the other lanes at the group's extreme codes.
        for (int lane = 0; lane < 4; ++lane) {
          for (int other : {0, maxCode}) {
            int codes[4] = {other, other, other, other};
            codes[lane] = code;
            codes[(lane + 1) % 4] = maxCode - other;
            uint32_t r = spread(codes);
            uint32_t imad = dequantImad(r, g.s, g.a);
            uint32_t xored = dequantRegister(r, g.s, g.a, DequantMode::Xor);
            uint32_t offset = dequantRegister(r, g.s, g.a, DequantMode::Offset);
            for (int b = 0; b < 4; ++b) {
              int q8 = codes[b] * g.s + mn;
              ASSERT_EQ(byteLane(imad, b), codes[b] * g.s + g.a);
              ASSERT_EQ(static_cast<int8_t>(byteLane(xored, b)), q8);
              ASSERT_EQ(byteLane(offset, b), q8 + kByteBias);
            }
            ++registersChecked;
          }
        }
      }
    }
  }
  // 239 * 240 / 2 ranges; at least one code each, 8 registers per code.
  EXPECT_GE(registersChecked, 239 * 240 / 2 * 8);
}

/// The no-carry guarantee is a property of the codes the quantizer emits,
/// not of any 4-bit value: a code above round(range / s) can carry into the
/// next lane. checkQuantizedWeights is what rejects such imported weights.
TEST(LiquidQuantOverflowTest, CodeAboveTheGroupsRangeCarries) {
  // Group q8 range [118, 119]: s = 1, a = 246, codes 0..1.
  QuantizedGroup g = quantizeGroupWithRange(118, 119);
  ASSERT_EQ(g.s, 1);
  ASSERT_EQ(g.a, 246);
  int codes[4] = {15, 0, 0, 0};
  uint32_t imad = dequantImad(spread(codes), g.s, g.a);
  EXPECT_EQ(byteLane(imad, 0), (15 + 246) & 0xFF);
  EXPECT_EQ(byteLane(imad, 1), 246 + 1) << "the carry reaches lane 1";
}

} // namespace
