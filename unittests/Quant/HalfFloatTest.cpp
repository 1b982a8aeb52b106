//===- HalfFloatTest.cpp - Tests of the binary16 conversions --------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Exhaustive over all 65536 half bit patterns; the narrowing direction is
// checked at every boundary between adjacent halves (the midpoints and their
// f32 neighbours), which is where rounding can go wrong.
//
//===----------------------------------------------------------------------===//

#include "liquid/Quant/LiquidQuant.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace liquid::quant;

namespace {

bool isNaNHalf(uint16_t h) { return (h & 0x7C00) == 0x7C00 && (h & 0x3FF); }

/// The value of a finite half from its fields, in double.
double halfValue(uint16_t h) {
  int exponent = (h >> 10) & 0x1F;
  int mantissa = h & 0x3FF;
  double magnitude = exponent == 0 ? std::ldexp(mantissa, -24)
                                   : std::ldexp(1024 + mantissa, exponent - 25);
  return (h & 0x8000) ? -magnitude : magnitude;
}

TEST(HalfFloatTest, WideningIsExactForEveryHalf) {
  for (uint32_t h = 0; h <= 0xFFFF; ++h) {
    float f = halfToFloat(static_cast<uint16_t>(h));
    if (isNaNHalf(h)) {
      EXPECT_TRUE(std::isnan(f)) << std::hex << h;
      continue;
    }
    if ((h & 0x7FFF) == 0x7C00) {
      EXPECT_EQ(f, (h & 0x8000) ? -INFINITY : INFINITY);
      continue;
    }
    ASSERT_EQ(double(f), halfValue(h)) << std::hex << h;
    ASSERT_EQ(std::signbit(f), (h & 0x8000) != 0) << std::hex << h;
#ifdef __FLT16_MAX__
    _Float16 reference;
    uint16_t bits = static_cast<uint16_t>(h);
    std::memcpy(&reference, &bits, sizeof(bits));
    ASSERT_EQ(f, static_cast<float>(reference)) << std::hex << h;
#endif
  }
}

TEST(HalfFloatTest, NarrowingRoundTripsEveryHalf) {
  for (uint32_t h = 0; h <= 0xFFFF; ++h) {
    if (isNaNHalf(h)) {
      EXPECT_TRUE(isNaNHalf(floatToHalf(halfToFloat(h))));
      continue;
    }
    ASSERT_EQ(floatToHalf(halfToFloat(static_cast<uint16_t>(h))), h)
        << std::hex << h;
  }
}

/// Between two adjacent non-negative halves lo < hi, the exact midpoint goes
/// to the one with the even mantissa and its f32 neighbours to the nearer.
TEST(HalfFloatTest, NarrowingRoundsToNearestEvenAtEveryMidpoint) {
  for (uint16_t lo = 0; lo < 0x7C00; ++lo) {
    // 0x7C00 (infinity) follows the largest finite half, 65504.
    uint16_t hi = static_cast<uint16_t>(lo + 1);
    double hiValue = hi == 0x7C00 ? 65536.0 : halfValue(hi);
    float mid = static_cast<float>((halfValue(lo) + hiValue) / 2);
    ASSERT_EQ(double(mid), (halfValue(lo) + hiValue) / 2) << "exact in f32";
    uint16_t even = (lo & 1) ? hi : lo;
    ASSERT_EQ(floatToHalf(mid), even) << std::hex << lo;
    ASSERT_EQ(floatToHalf(-mid), even | 0x8000) << std::hex << lo;
    ASSERT_EQ(floatToHalf(std::nextafter(mid, 0.0f)), lo) << std::hex << lo;
    ASSERT_EQ(floatToHalf(std::nextafter(mid, INFINITY)), hi) << std::hex << lo;
  }
}

TEST(HalfFloatTest, NarrowingSpecialValues) {
  EXPECT_EQ(floatToHalf(0.0f), 0x0000);
  EXPECT_EQ(floatToHalf(-0.0f), 0x8000);
  EXPECT_EQ(floatToHalf(INFINITY), 0x7C00);
  EXPECT_EQ(floatToHalf(-INFINITY), 0xFC00);
  EXPECT_EQ(floatToHalf(1e10f), 0x7C00);
  EXPECT_EQ(floatToHalf(std::numeric_limits<float>::max()), 0x7C00);
  EXPECT_EQ(floatToHalf(std::numeric_limits<float>::denorm_min()), 0x0000);
  EXPECT_EQ(floatToHalf(std::ldexp(1.0f, -25)), 0x0000) << "tie to even 0";
  EXPECT_EQ(floatToHalf(std::ldexp(1.5f, -25)), 0x0001);
  EXPECT_TRUE(isNaNHalf(floatToHalf(std::numeric_limits<float>::quiet_NaN())));
}

#ifdef __FLT16_MAX__
/// Random f32 values around the half range (exponents 2^-27 .. 2^18, random
/// sign and mantissa) against the compiler's own conversion.
TEST(HalfFloatTest, NarrowingMatchesCompilerFloat16) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<uint32_t> mantissa(0, 0x7FFFFF);
  std::uniform_int_distribution<uint32_t> exponent(127 - 27, 127 + 18);
  std::uniform_int_distribution<uint32_t> sign(0, 1);
  for (int i = 0; i < 1000000; ++i) {
    uint32_t bits32 = sign(rng) << 31 | exponent(rng) << 23 | mantissa(rng);
    float f;
    std::memcpy(&f, &bits32, sizeof(f));
    _Float16 reference = static_cast<_Float16>(f);
    uint16_t bits;
    std::memcpy(&bits, &reference, sizeof(bits));
    ASSERT_EQ(floatToHalf(f), bits) << std::hexfloat << f;
  }
}
#endif

} // namespace
