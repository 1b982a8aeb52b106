//===- ReferenceGemmTest.cpp - Tests of the CPU reference W4A8 GEMM -------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The reference GEMM against a naive float64 GEMM of the dequantized weights
// (read straight from the codes, scales and offsets), in both modes.
//
//===----------------------------------------------------------------------===//

#include "QuantTestUtils.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace liquid::quant;
using namespace liquid::quant::testing;

namespace {

struct GemmCase {
  int64_t m, n, k, groupSize;
};

class ReferenceGemmTest : public ::testing::TestWithParam<GemmCase> {
protected:
  void SetUp() override {
    const GemmCase &c = GetParam();
    uint32_t seed = static_cast<uint32_t>(c.m * 7919 + c.n * 31 + c.k);
    std::vector<float> w =
        randomWeights(c.n, c.k, Distribution::HeavyTailed, seed);
    q = quantizeWeights(w.data(), c.n, c.k, c.groupSize);
    x = randomActivations(c.m, c.k, seed + 1);
    // Extremes of int8 in the first row, so that |x * w| reaches 128 * 127.
    for (int64_t i = 0; i < c.k; ++i)
      x[i] = static_cast<int8_t>(i % 2 ? 127 : -128);
    sx.resize(c.m);
    for (int64_t row = 0; row < c.m; ++row)
      sx[row] = 1.0f / (127.0f + static_cast<float>(row));
  }

  /// sum_k x[m, k] * (q4 s + mn)[n, k] in float64 (exact: every partial sum
  /// is an integer far below 2^53).
  double naiveAcc(int64_t row, int64_t col) const {
    const int64_t k = GetParam().k;
    double acc = 0.0;
    for (int64_t i = 0; i < k; ++i)
      acc += double(x[row * k + i]) * double(dequantizedQ8(q, col, i));
    return acc;
  }

  QuantizedWeights q;
  std::vector<int8_t> x;
  std::vector<float> sx;
};

TEST_P(ReferenceGemmTest, AccumulatorsAreExact) {
  const GemmCase &c = GetParam();
  std::vector<int32_t> acc(c.m * c.n);
  referenceGemm(x.data(), c.m, q, nullptr, acc.data(), nullptr);
  for (int64_t row = 0; row < c.m; ++row)
    for (int64_t col = 0; col < c.n; ++col)
      ASSERT_EQ(double(acc[row * c.n + col]), naiveAcc(row, col))
          << "(" << row << ", " << col << ")";
}

TEST_P(ReferenceGemmTest, Fp16OutputWithinRoundingOfFloat64) {
  const GemmCase &c = GetParam();
  std::vector<int32_t> acc(c.m * c.n);
  std::vector<uint16_t> y(c.m * c.n);
  referenceGemm(x.data(), c.m, q, sx.data(), acc.data(), y.data());
  std::vector<uint16_t> yOnly(c.m * c.n);
  referenceGemm(x.data(), c.m, q, sx.data(), nullptr, yOnly.data());
  EXPECT_EQ(y, yOnly);
  for (int64_t row = 0; row < c.m; ++row)
    for (int64_t col = 0; col < c.n; ++col) {
      int64_t i = row * c.n + col;
      double expected = naiveAcc(row, col) * sx[row] * q.channelScales[col];
      double actual = halfToFloat(y[i]);
      // fp16 rounds to 2^-11 relative; below 2^-14 the spacing is absolute.
      double tolerance = 1e-3 * std::fabs(expected) + std::ldexp(1.0, -25);
      ASSERT_LE(std::fabs(actual - expected), tolerance)
          << "(" << row << ", " << col << ")";
      // And bit for bit the documented epilogue.
      float scaled = static_cast<float>(acc[i]) * sx[row];
      ASSERT_EQ(y[i], floatToHalf(scaled * q.channelScales[col]));
    }
}

TEST_P(ReferenceGemmTest, OffsetModeEqualsXorMode) {
  const GemmCase &c = GetParam();
  std::vector<int32_t> acc(c.m * c.n);
  referenceGemm(x.data(), c.m, q, nullptr, acc.data(), nullptr);
  EXPECT_EQ(referenceGemmOffsetMode(x.data(), c.m, q), acc);
}

std::vector<GemmCase> gemmCases() {
  return {{1, 64, 64, 64},    {1, 128, 256, 128}, {3, 64, 128, 64},
          {7, 192, 256, 256}, {16, 64, 384, 128}, {33, 128, 128, 64},
          {5, 3, 96, 96},     {2, 9, 7, 7}};
}

INSTANTIATE_TEST_SUITE_P(Shapes, ReferenceGemmTest,
                         ::testing::ValuesIn(gemmCases()),
                         [](const ::testing::TestParamInfo<GemmCase> &info) {
                           const GemmCase &c = info.param;
                           return "M" + std::to_string(c.m) + "_N" +
                                  std::to_string(c.n) + "_K" +
                                  std::to_string(c.k) + "_G" +
                                  std::to_string(c.groupSize);
                         });

/// The epilogue's f32 products round in a fixed order, (acc * sx) * s1. On
/// a large enough problem some outputs differ in fp16 from acc * (sx * s1);
/// the reference must follow the documented order on all of them.
TEST(ReferenceGemmEpilogueTest, ProductOrderIsPinned) {
  const int64_t m = 1024, n = 128, k = 64;
  std::vector<float> w = randomWeights(n, k, Distribution::Uniform, 21);
  QuantizedWeights q = quantizeWeights(w.data(), n, k, 64);
  std::vector<int8_t> x = randomActivations(m, k, 22);
  std::mt19937 rng(23);
  std::uniform_real_distribution<float> scale(1e-3f, 1e-2f);
  std::vector<float> sx(m);
  for (float &v : sx)
    v = scale(rng);
  std::vector<int32_t> acc(m * n);
  std::vector<uint16_t> y(m * n);
  referenceGemm(x.data(), m, q, sx.data(), acc.data(), y.data());
  int64_t orderMatters = 0;
  for (int64_t row = 0; row < m; ++row)
    for (int64_t col = 0; col < n; ++col) {
      float a = static_cast<float>(acc[row * n + col]);
      float s1 = q.channelScales[col];
      uint16_t documented = floatToHalf((a * sx[row]) * s1);
      uint16_t other = floatToHalf(a * (sx[row] * s1));
      ASSERT_EQ(y[row * n + col], documented) << row << ", " << col;
      orderMatters += documented != other;
    }
  EXPECT_GT(orderMatters, 0) << "the problem does not tell the orders apart";
}

/// A case small enough to check by hand: one 64-wide group per row.
TEST(ReferenceGemmSmallTest, HandComputedAccumulator) {
  // w = k - 32 for k in [0, 63) and w[63] = 119: max|w| = 119, so s1 = 1 and
  // q8 = w; the group spans [-32, 119].
  std::vector<float> w(64);
  for (int i = 0; i < 64; ++i)
    w[i] = static_cast<float>(i - 32);
  w[63] = 119.0f;
  QuantizedWeights q = quantizeWeights(w.data(), 1, 64, 64);
  ASSERT_EQ(q.channelScales[0], 1.0f);
  ASSERT_EQ(q.scales[0], 11) << "range 119 - (-32) = 151 -> ceil(151/15)";
  std::vector<int8_t> x(64, 0);
  x[0] = 1;   // w = -32 is the minimum: code 0, exactly -32.
  x[63] = -2; // w = 119: code round(151 / 11) = 14, 14 * 11 - 32 = 122.
  int32_t acc = 0;
  uint16_t y = 0;
  float sx = 0.5f;
  referenceGemm(x.data(), 1, q, &sx, &acc, &y);
  EXPECT_EQ(acc, -32 - 2 * 122);
  EXPECT_EQ(halfToFloat(y), -138.0f);
}

} // namespace
