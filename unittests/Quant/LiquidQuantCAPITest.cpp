//===- LiquidQuantCAPITest.cpp - Tests of the LiquidQuant C API -----------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "QuantTestUtils.h"
#include "liquid-c/LiquidQuant.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "gtest/gtest.h"

#include <cmath>
#include <string>
#include <thread>

extern "C" int liquidQuantCAPIRoundTripFromC(void);

using namespace liquid::quant;
using namespace liquid::quant::testing;

namespace {

/// The C API's quantization of f32 weights, as a QuantizedWeights.
QuantizedWeights quantizeThroughCAPI(const std::vector<float> &w, int64_t n,
                                     int64_t k, int64_t g) {
  QuantizedWeights q;
  q.n = n;
  q.k = k;
  q.groupSize = g;
  q.codes.resize(n * k);
  q.scales.resize(n * k / g);
  q.offsets.resize(n * k / g);
  q.channelScales.resize(n);
  EXPECT_EQ(liquidQuantQuantizeF32(w.data(), n, k, g, q.codes.data(),
                                   q.scales.data(), q.offsets.data(),
                                   q.channelScales.data()),
            0)
      << liquidQuantLastError();
  return q;
}

TEST(LiquidQuantCAPITest, CallableFromC) {
  EXPECT_EQ(liquidQuantCAPIRoundTripFromC(), 0);
}

TEST(LiquidQuantCAPITest, QuantizeMatchesTheLibrary) {
  std::vector<float> w = randomWeights(8, 256, Distribution::Outliers, 11);
  QuantizedWeights expected = quantizeWeights(w.data(), 8, 256, 128);
  QuantizedWeights actual = quantizeThroughCAPI(w, 8, 256, 128);
  EXPECT_EQ(actual.codes, expected.codes);
  EXPECT_EQ(actual.scales, expected.scales);
  EXPECT_EQ(actual.offsets, expected.offsets);
  EXPECT_EQ(actual.channelScales, expected.channelScales);
}

TEST(LiquidQuantCAPITest, QuantizeF16MatchesTheLibrary) {
  std::vector<float> w = randomWeights(4, 128, Distribution::Uniform, 12);
  std::vector<uint16_t> h(w.size());
  for (size_t i = 0; i < w.size(); ++i)
    h[i] = floatToHalf(w[i]);
  QuantizedWeights expected = quantizeWeightsF16(h.data(), 4, 128, 64);
  std::vector<uint8_t> codes(4 * 128), scales(8), offsets(8);
  std::vector<float> s1(4);
  ASSERT_EQ(liquidQuantQuantizeF16(h.data(), 4, 128, 64, codes.data(),
                                   scales.data(), offsets.data(), s1.data()),
            0);
  EXPECT_EQ(codes, expected.codes);
  EXPECT_EQ(scales, expected.scales);
  EXPECT_EQ(offsets, expected.offsets);
  EXPECT_EQ(s1, expected.channelScales);
}

TEST(LiquidQuantCAPITest, QuantizeRejectsBadArgumentsWithoutWriting) {
  std::vector<float> w(4 * 128, 1.0f);
  std::vector<uint8_t> codes(4 * 128, 0xAA), scales(8), offsets(8);
  std::vector<float> s1(4);
  EXPECT_NE(liquidQuantQuantizeF32(w.data(), 4, 128, 32, codes.data(),
                                   scales.data(), offsets.data(), s1.data()),
            0);
  EXPECT_STREQ(liquidQuantLastError(),
               "group size 32 must be 64, 128 or k = 128");
  EXPECT_NE(liquidQuantQuantizeF32(w.data(), 4, 128, 64, nullptr, scales.data(),
                                   offsets.data(), s1.data()),
            0);
  EXPECT_STREQ(liquidQuantLastError(), "codes must not be null");

  w[2 * 128 + 5] = NAN;
  EXPECT_NE(liquidQuantQuantizeF32(w.data(), 4, 128, 64, codes.data(),
                                   scales.data(), offsets.data(), s1.data()),
            0);
  EXPECT_STREQ(liquidQuantLastError(), "weight (row 2, col 5) is not finite");
  for (uint8_t c : codes)
    ASSERT_EQ(c, 0xAA) << "outputs must be untouched on failure";

  std::vector<uint16_t> h(4 * 128, 0x3C00);
  h[3 * 128 + 127] = 0xFC00; // -inf
  EXPECT_NE(liquidQuantQuantizeF16(h.data(), 4, 128, 128, codes.data(),
                                   scales.data(), offsets.data(), s1.data()),
            0);
  EXPECT_STREQ(liquidQuantLastError(), "weight (row 3, col 127) is not finite");
  EXPECT_NE(liquidQuantCheckShape(0, 64, 64), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "n (weight rows) must be positive, got 0");
  EXPECT_EQ(liquidQuantCheckShape(1, 64, 64), 0);
}

TEST(LiquidQuantCAPITest, PackRejectsBadShapesAndCodes) {
  EXPECT_EQ(liquidQuantCheckDualMmaShape(64, 128), 0);
  EXPECT_NE(liquidQuantCheckDualMmaShape(65, 128), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "n (weight rows) must be a positive multiple of 64 for the "
               "dual-MMA layout, got 65");
  std::vector<uint8_t> codes(64 * 128, 3), packed(64 * 64);
  EXPECT_NE(liquidQuantPackDualMma(codes.data(), 64, 96, packed.data()), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "k (reduction size) must be a positive multiple of 64 for the "
               "dual-MMA layout, got 96");
  codes[64 * 1 + 7] = 16;
  EXPECT_NE(liquidQuantPackDualMma(codes.data(), 64, 64, packed.data()), 0);
  EXPECT_STREQ(liquidQuantLastError(), "code 16 at (row 1, col 7) exceeds 15");
  EXPECT_NE(liquidQuantUnpackDualMma(nullptr, 64, 64, codes.data()), 0);
  EXPECT_STREQ(liquidQuantLastError(), "packed must not be null");
}

TEST(LiquidQuantCAPITest, PackMatchesTheLibrary) {
  std::vector<float> w = randomWeights(128, 192, Distribution::Normal, 13);
  QuantizedWeights q = quantizeWeights(w.data(), 128, 192, 64);
  std::vector<uint8_t> packed(128 * 192 / 2);
  ASSERT_EQ(liquidQuantPackDualMma(q.codes.data(), 128, 192, packed.data()), 0);
  EXPECT_EQ(packed, packDualMma(q.codes.data(), 128, 192));
  std::vector<uint8_t> codes(128 * 192);
  ASSERT_EQ(liquidQuantUnpackDualMma(packed.data(), 128, 192, codes.data()), 0);
  EXPECT_EQ(codes, q.codes);
}

TEST(LiquidQuantCAPITest, GroupParamPackingMatchesTheLibrary) {
  std::vector<float> w = randomWeights(128, 256, Distribution::Normal, 16);
  QuantizedWeights q = quantizeWeights(w.data(), 128, 256, 64);
  std::vector<uint8_t> packed(q.scales.size()), back(q.scales.size());
  ASSERT_EQ(liquidQuantPackGroupParams(q.scales.data(), 128, 4, packed.data()),
            0);
  EXPECT_EQ(packed, packGroupParams(q.scales.data(), 128, 4));
  ASSERT_EQ(liquidQuantUnpackGroupParams(packed.data(), 128, 4, back.data()),
            0);
  EXPECT_EQ(back, q.scales);
  EXPECT_NE(liquidQuantPackGroupParams(q.scales.data(), 96, 4, packed.data()),
            0);
  EXPECT_STREQ(liquidQuantLastError(),
               "n (weight rows) must be a positive multiple of 64 for the "
               "dual-MMA group-parameter order, got 96");
  EXPECT_NE(liquidQuantUnpackGroupParams(packed.data(), 128, 4, nullptr), 0);
  EXPECT_STREQ(liquidQuantLastError(), "params must not be null");
}

TEST(LiquidQuantCAPITest, ReferenceGemmMatchesTheLibraryInBothModes) {
  const int64_t m = 5, n = 64, k = 256, g = 128;
  std::vector<float> w = randomWeights(n, k, Distribution::Uniform, 14);
  QuantizedWeights q = quantizeWeights(w.data(), n, k, g);
  std::vector<int8_t> x = randomActivations(m, k, 15);
  std::vector<float> sx(m, 0.01f);
  std::vector<int32_t> expectedAcc(m * n), acc(m * n), accOffset(m * n);
  std::vector<uint16_t> expectedY(m * n), y(m * n);
  referenceGemm(x.data(), m, q, sx.data(), expectedAcc.data(),
                expectedY.data());
  ASSERT_EQ(liquidQuantReferenceGemm(x.data(), m, q.codes.data(),
                                     q.scales.data(), q.offsets.data(),
                                     q.channelScales.data(), n, k, g, sx.data(),
                                     acc.data(), y.data()),
            0)
      << liquidQuantLastError();
  EXPECT_EQ(acc, expectedAcc);
  EXPECT_EQ(y, expectedY);
  ASSERT_EQ(liquidQuantReferenceGemmOffsetMode(
                x.data(), m, q.codes.data(), q.scales.data(), q.offsets.data(),
                q.channelScales.data(), n, k, g, accOffset.data()),
            0);
  EXPECT_EQ(accOffset, expectedAcc);
}

TEST(LiquidQuantCAPITest, ReferenceGemmValidatesTheWeights) {
  const int64_t n = 64, k = 64;
  std::vector<float> w = randomWeights(n, k, Distribution::Normal, 16);
  QuantizedWeights q = quantizeWeights(w.data(), n, k, 64);
  std::vector<int8_t> x(k, 1);
  std::vector<int32_t> acc(n);
  std::vector<uint16_t> y(n);
  auto gemm = [&](int64_t m, const float *sx, uint16_t *yOut) {
    return liquidQuantReferenceGemm(
        x.data(), m, q.codes.data(), q.scales.data(), q.offsets.data(),
        q.channelScales.data(), n, k, 64, sx, acc.data(), yOut);
  };
  EXPECT_NE(gemm(0, nullptr, nullptr), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "m (activation rows) must be positive, got 0");
  EXPECT_NE(gemm(1, nullptr, y.data()), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "sx must not be null when yOut is requested");
  q.scales[3] = 0;
  EXPECT_NE(gemm(1, nullptr, nullptr), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "scale s = 0 at (row 3, group 0) is outside [1, 16]");
}

TEST(LiquidQuantCAPITest, DequantRegister) {
  // Group q8 range [-37, 80]: s = 8, a = 91; codes 3, 0, 15, 9 (the example
  // of docs/LiquidQuant.md).
  const int codes[4] = {3, 0, 15, 9};
  uint32_t out = 0;
  ASSERT_EQ(liquidQuantDequantRegister(spread(codes), 8, 91,
                                       LIQUID_QUANT_DEQUANT_OFFSET, &out),
            0);
  EXPECT_EQ(out, 0xA3D35B73u);
  ASSERT_EQ(liquidQuantDequantRegister(spread(codes), 8, 91,
                                       LIQUID_QUANT_DEQUANT_XOR, &out),
            0);
  EXPECT_EQ(out, 0x2353DBF3u);
  EXPECT_NE(liquidQuantDequantRegister(0, 1, 128, 2, &out), 0);
  EXPECT_STREQ(liquidQuantLastError(),
               "mode must be LIQUID_QUANT_DEQUANT_XOR (0) or "
               "LIQUID_QUANT_DEQUANT_OFFSET (1), got 2");
}

TEST(LiquidQuantCAPITest, LastErrorIsPerThread) {
  ASSERT_NE(liquidQuantCheckShape(-1, 64, 64), 0);
  std::string other;
  std::thread worker([&] {
    liquidQuantCheckShape(8, 100, 64);
    other = liquidQuantLastError();
  });
  worker.join();
  EXPECT_EQ(other, "group size 64 does not divide k = 100");
  EXPECT_STREQ(liquidQuantLastError(),
               "n (weight rows) must be positive, got -1");
}

} // namespace
