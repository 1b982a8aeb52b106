//===- LiquidQuantTest.cpp - Tests of the LiquidQuant quantizer -----------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "QuantTestUtils.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

using namespace liquid::quant;
using namespace liquid::quant::testing;

namespace {

//===----------------------------------------------------------------------===//
// checkQuantShape
//===----------------------------------------------------------------------===//

TEST(CheckQuantShapeTest, AcceptsSupportedGroupSizes) {
  EXPECT_EQ(checkQuantShape(64, 4096, 64), std::nullopt);
  EXPECT_EQ(checkQuantShape(1, 128, 128), std::nullopt);
  EXPECT_EQ(checkQuantShape(3, 96, 96), std::nullopt) << "G = K";
  EXPECT_EQ(checkQuantShape(1, 7, 7), std::nullopt) << "G = K, any K";
}

TEST(CheckQuantShapeTest, RejectsNonPositiveSizes) {
  EXPECT_EQ(checkQuantShape(0, 128, 64),
            "n (weight rows) must be positive, got 0");
  EXPECT_EQ(checkQuantShape(-5, 128, 64),
            "n (weight rows) must be positive, got -5");
  EXPECT_EQ(checkQuantShape(8, 0, 64),
            "k (reduction size) must be positive, got 0");
  EXPECT_EQ(checkQuantShape(8, -128, -128),
            "k (reduction size) must be positive, got -128");
}

TEST(CheckQuantShapeTest, RejectsUnsupportedGroupSizes) {
  EXPECT_EQ(checkQuantShape(8, 256, 32),
            "group size 32 must be 64, 128 or k = 256");
  EXPECT_EQ(checkQuantShape(8, 256, 0),
            "group size 0 must be 64, 128 or k = 256");
  EXPECT_EQ(checkQuantShape(8, 256, -64),
            "group size -64 must be 64, 128 or k = 256");
  EXPECT_EQ(checkQuantShape(8, 256, 512),
            "group size 512 must be 64, 128 or k = 256");
}

TEST(CheckQuantShapeTest, RejectsGroupSizesThatDoNotDivideK) {
  EXPECT_EQ(checkQuantShape(8, 200, 128),
            "group size 128 does not divide k = 200");
  EXPECT_EQ(checkQuantShape(8, 96, 64), "group size 64 does not divide k = 96");
}

TEST(CheckQuantShapeTest, RejectsElementCountOverflow) {
  int64_t big = int64_t(1) << 40;
  EXPECT_EQ(checkQuantShape(big, big, big),
            "weight matrix [1099511627776, 1099511627776] has more elements "
            "than int64 can count");
}

//===----------------------------------------------------------------------===//
// Error bound and invariants on random matrices
//===----------------------------------------------------------------------===//

struct BoundCase {
  int64_t n, k, groupSize;
  Distribution distribution;
};

class QuantErrorBoundTest : public ::testing::TestWithParam<BoundCase> {};

/// Level 1 loses at most s1 / 2 (plus one f32 rounding of w / s1), level 2 at
/// most s / 2 level-1 steps, so |w - s1 (q4 s + mn)| <= s1 (1/2 + s/2).
TEST_P(QuantErrorBoundTest, ErrorWithinTwoLevelBoundAndParametersInRange) {
  const BoundCase &c = GetParam();
  std::vector<float> w = randomWeights(c.n, c.k, c.distribution,
                                       static_cast<uint32_t>(c.n * 31 + c.k));
  QuantizedWeights q = quantizeWeights(w.data(), c.n, c.k, c.groupSize);
  ASSERT_EQ(checkQuantizedWeights(q), std::nullopt);

  for (int64_t row = 0; row < c.n; ++row) {
    float maxAbs = 0.0f;
    for (int64_t col = 0; col < c.k; ++col)
      maxAbs = std::max(maxAbs, std::fabs(w[row * c.k + col]));
    const float s1 = q.channelScales[row];
    ASSERT_EQ(s1, maxAbs / 119.0f) << "row " << row;

    for (int64_t col = 0; col < c.k; ++col) {
      GroupParams p = groupParams(q, row, col);
      ASSERT_GE(p.s, 1);
      ASSERT_LE(p.s, 16);
      ASSERT_GE(p.a, 9);
      ASSERT_LE(p.a, 247);
      ASSERT_LE(q.codes[row * c.k + col], 15);
      int q8 = dequantizedQ8(q, row, col);
      ASSERT_EQ(q8, dequantizedWeight(q, row, col));
      double error = std::fabs(double(w[row * c.k + col]) - double(s1) * q8);
      double bound = double(s1) * (0.5 + p.s / 2.0) * (1.0 + 1e-5);
      ASSERT_LE(error, bound) << "row " << row << ", col " << col;
    }
    // The group minimum always gets code 0.
    for (int64_t first = 0; first < c.k; first += c.groupSize) {
      auto begin = q.codes.begin() + row * c.k + first;
      ASSERT_EQ(*std::min_element(begin, begin + c.groupSize), 0);
    }
  }
}

std::vector<BoundCase> boundCases() {
  std::vector<BoundCase> cases;
  for (Distribution d : kAllDistributions) {
    cases.push_back({16, 256, 64, d});
    cases.push_back({16, 256, 128, d});
    cases.push_back({16, 256, 256, d});
    cases.push_back({7, 384, 128, d});
    cases.push_back({5, 96, 96, d});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Distributions, QuantErrorBoundTest,
                         ::testing::ValuesIn(boundCases()),
                         [](const ::testing::TestParamInfo<BoundCase> &info) {
                           const BoundCase &c = info.param;
                           return std::string(
                                      distributionName(c.distribution)) +
                                  "_N" + std::to_string(c.n) + "_K" +
                                  std::to_string(c.k) + "_G" +
                                  std::to_string(c.groupSize);
                         });

//===----------------------------------------------------------------------===//
// Edge cases
//===----------------------------------------------------------------------===//

TEST(LiquidQuantEdgeTest, AllZeroRowGetsUnitScaleAndDequantizesToZero) {
  std::vector<float> w = randomWeights(3, 128, Distribution::Uniform, 1);
  std::fill(w.begin() + 128, w.begin() + 256, 0.0f);
  w[128 + 5] = -0.0f;
  QuantizedWeights q = quantizeWeights(w.data(), 3, 128, 64);
  EXPECT_EQ(q.channelScales[1], 1.0f);
  for (int64_t col = 0; col < 128; ++col) {
    EXPECT_EQ(q.codes[128 + col], 0);
    EXPECT_EQ(dequantizedWeight(q, 1, col), 0);
  }
  EXPECT_EQ(q.scales[2], 1);
  EXPECT_EQ(q.offsets[2], 128);
}

TEST(LiquidQuantEdgeTest, ScaleUnderflowFallsBackToUnitScale) {
  // The smallest subnormal divided by 119 underflows to zero.
  std::vector<float> w(64, 0.0f);
  w[10] = std::numeric_limits<float>::denorm_min();
  w[20] = -std::numeric_limits<float>::denorm_min();
  QuantizedWeights q = quantizeWeights(w.data(), 1, 64, 64);
  EXPECT_EQ(q.channelScales[0], 1.0f);
  for (int64_t col = 0; col < 64; ++col)
    EXPECT_EQ(dequantizedWeight(q, 0, col), 0);
}

TEST(LiquidQuantEdgeTest, SubnormalScaleIsClamped) {
  // max|w| = 178 units of 2^-149: s1 = 178 / 119 units rounds to one unit,
  // so w / s1 reaches +-178 and only the clamp keeps q8 in [-119, 119].
  const float unit = std::numeric_limits<float>::denorm_min();
  std::vector<float> w(64, 0.0f);
  w[0] = 178 * unit;
  w[1] = -178 * unit;
  w[2] = 60 * unit;
  QuantizedWeights q = quantizeWeights(w.data(), 1, 64, 64);
  EXPECT_EQ(q.channelScales[0], unit);
  EXPECT_EQ(q.offsets[0], 128 - 119);
  EXPECT_EQ(q.scales[0], 16);
  EXPECT_EQ(dequantizedQ8(q, 0, 0), 121);
  EXPECT_EQ(dequantizedQ8(q, 0, 1), -119);
  EXPECT_EQ(dequantizedQ8(q, 0, 2), 57) << "60 + 119 = 179 -> code 11";
  EXPECT_EQ(checkQuantizedWeights(q), std::nullopt);
}

TEST(LiquidQuantEdgeTest, AllEqualGroupIsExact) {
  // Row max 2.0 -> s1 = 2 / 119; group 1 all 0.75 -> q8 = round(44.625) = 45.
  std::vector<float> w(128, 0.75f);
  w[0] = 2.0f;
  QuantizedWeights q = quantizeWeights(w.data(), 1, 128, 64);
  EXPECT_EQ(q.scales[1], 1);
  EXPECT_EQ(q.offsets[1], 128 + 45);
  for (int64_t col = 64; col < 128; ++col) {
    EXPECT_EQ(q.codes[col], 0);
    EXPECT_EQ(dequantizedWeight(q, 0, col), 45);
  }
}

TEST(LiquidQuantEdgeTest, ExtremeMagnitudes) {
  std::vector<float> w(2 * 64, 0.0f);
  w[0] = FLT_MAX;
  w[1] = -FLT_MAX;
  w[2] = FLT_MAX / 2;
  w[64 + 7] = -3.0e-38f; // Row 1: a single tiny nonzero.
  QuantizedWeights q = quantizeWeights(w.data(), 2, 64, 64);
  EXPECT_EQ(q.channelScales[0], FLT_MAX / 119.0f);
  EXPECT_EQ(dequantizedQ8(q, 0, 0), 121) << "119 rounded up by level 2";
  EXPECT_EQ(dequantizedQ8(q, 0, 1), -119);
  EXPECT_EQ(q.scales[0], 16);
  EXPECT_EQ(q.channelScales[1], 3.0e-38f / 119.0f);
  EXPECT_EQ(dequantizedQ8(q, 1, 7), -119);
  EXPECT_EQ(checkQuantizedWeights(q), std::nullopt);
}

TEST(LiquidQuantEdgeTest, SingleNonzeroInARow) {
  // One positive value: its group is {0, ..., 119}, s = 8, the value gets
  // code round(119 / 8) = 15 (dequantized 120) and the zeros code 0.
  std::vector<float> w(256, 0.0f);
  w[70] = 5.0f;
  QuantizedWeights q = quantizeWeights(w.data(), 1, 256, 128);
  EXPECT_EQ(q.channelScales[0], 5.0f / 119.0f);
  EXPECT_EQ(q.scales[0], 8);
  EXPECT_EQ(q.codes[70], 15);
  EXPECT_EQ(dequantizedQ8(q, 0, 70), 120);
  EXPECT_EQ(dequantizedQ8(q, 0, 69), 0);
  EXPECT_EQ(q.scales[1], 1);
  EXPECT_EQ(q.offsets[1], 128);

  // One negative value: the minimum is -119, so the zeros are the ones that
  // round: qu = 119 -> code 15 -> dequantized 1.
  w[70] = -5.0f;
  q = quantizeWeights(w.data(), 1, 256, 128);
  EXPECT_EQ(q.codes[70], 0);
  EXPECT_EQ(dequantizedQ8(q, 0, 70), -119);
  EXPECT_EQ(dequantizedQ8(q, 0, 69), 1);
}

/// With s1 = 1 (row maximum 119) level 1 is q8 = round(w) itself, and a group
/// whose values span less than 15 has s = 1, so q8 can be read back exactly.
TEST(LiquidQuantEdgeTest, LevelOneRoundsHalfAwayFromZero) {
  const float halfBelow = std::nextafter(0.5f, 0.0f); // 0.49999997f
  const float inputs[] = {0.5f,  1.5f,  2.5f,  3.5f,  halfBelow, 4.0f,
                          -0.5f, -1.5f, -2.5f, -3.5f, -halfBelow};
  const int expected[] = {1, 2, 3, 4, 0, 4, -1, -2, -3, -4, 0};
  std::vector<float> w(128, 0.0f);
  w[0] = 119.0f;
  for (size_t i = 0; i < std::size(inputs); ++i)
    w[64 + i] = inputs[i];
  QuantizedWeights q = quantizeWeights(w.data(), 1, 128, 64);
  ASSERT_EQ(q.channelScales[0], 1.0f);
  ASSERT_EQ(q.scales[1], 1);
  for (size_t i = 0; i < std::size(inputs); ++i)
    EXPECT_EQ(dequantizedQ8(q, 0, 64 + i), expected[i]) << inputs[i];
}

TEST(LiquidQuantEdgeTest, F16PathEqualsF32PathOnRepresentableValues) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<uint32_t> bits(0, 0xFFFF);
  const int64_t n = 9, k = 256;
  std::vector<uint16_t> h(n * k);
  std::vector<float> f(n * k);
  for (int64_t i = 0; i < n * k; ++i) {
    uint16_t v;
    do
      v = static_cast<uint16_t>(bits(rng));
    while ((v & 0x7C00) == 0x7C00); // Finite halves only.
    // Row 3 stays within a narrow range so that its scale is small.
    if (i / k == 3)
      v &= 0x83FF;
    h[i] = v;
    f[i] = halfToFloat(v);
  }
  for (int64_t g : {int64_t(64), int64_t(128), k}) {
    QuantizedWeights fromHalf = quantizeWeightsF16(h.data(), n, k, g);
    QuantizedWeights fromFloat = quantizeWeights(f.data(), n, k, g);
    EXPECT_EQ(fromHalf.codes, fromFloat.codes);
    EXPECT_EQ(fromHalf.scales, fromFloat.scales);
    EXPECT_EQ(fromHalf.offsets, fromFloat.offsets);
    EXPECT_EQ(fromHalf.channelScales, fromFloat.channelScales);
  }
}

//===----------------------------------------------------------------------===//
// checkQuantizedWeights
//===----------------------------------------------------------------------===//

class CheckQuantizedWeightsTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::vector<float> w = randomWeights(2, 128, Distribution::Normal, 3);
    q = quantizeWeights(w.data(), 2, 128, 64);
  }
  QuantizedWeights q;
};

TEST_F(CheckQuantizedWeightsTest, AcceptsQuantizerOutput) {
  EXPECT_EQ(checkQuantizedWeights(q), std::nullopt);
}

TEST_F(CheckQuantizedWeightsTest, RejectsWrongBufferSizes) {
  q.scales.pop_back();
  EXPECT_EQ(checkQuantizedWeights(q),
            "scales has 3 entries, expected n * (k / group size) = 4");
}

TEST_F(CheckQuantizedWeightsTest, RejectsOutOfRangeValues) {
  QuantizedWeights bad = q;
  bad.codes[130] = 16;
  EXPECT_EQ(checkQuantizedWeights(bad), "code 16 at (row 1, col 2) exceeds 15");
  bad = q;
  bad.scales[3] = 17;
  EXPECT_EQ(checkQuantizedWeights(bad),
            "scale s = 17 at (row 1, group 1) is outside [1, 16]");
  bad = q;
  bad.offsets[0] = 248;
  EXPECT_EQ(checkQuantizedWeights(bad),
            "offset a = 248 at (row 0, group 0) is outside [9, 247]");
  bad = q;
  bad.channelScales[1] = -1.0f;
  EXPECT_EQ(checkQuantizedWeights(bad),
            "channel scale s1 = -1 of row 1 must be finite and positive");
}

TEST_F(CheckQuantizedWeightsTest, RejectsCodesThatWouldCarry) {
  // Row 0, group 1: s = 16, codes 0 except one 1. The byte 1 * 16 + a is
  // 255 (the largest allowed) with a = 239 and 256 with a = 240.
  q.scales[1] = 16;
  std::fill(q.codes.begin() + 64, q.codes.begin() + 128, 0);
  q.codes[100] = 1;
  q.offsets[1] = 239;
  EXPECT_EQ(checkQuantizedWeights(q), std::nullopt);
  q.offsets[1] = 240;
  EXPECT_EQ(checkQuantizedWeights(q),
            "code 1 at (row 0, col 100) with s = 16, a = 240 gives the byte "
            "256 > 255, which would carry into the next byte lane");
}

} // namespace
