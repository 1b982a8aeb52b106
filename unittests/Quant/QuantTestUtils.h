//===- QuantTestUtils.h - Helpers of the LiquidQuant tests -------*- C++
//-*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Deterministic random weight matrices of several shapes of distribution, and
// small helpers to read quantized weights back in the tests' own terms.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_UNITTESTS_QUANT_QUANTTESTUTILS_H
#define LIQUID_UNITTESTS_QUANT_QUANTTESTUTILS_H

#include "liquid/Quant/LiquidQuant.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace liquid::quant::testing {

/// Weight distributions the error-bound tests sweep.
enum class Distribution {
  Normal,      ///< N(0, 0.02), a typical trained linear layer.
  Uniform,     ///< U(-1, 1).
  HeavyTailed, ///< Student-t with 2 degrees of freedom: large outliers.
  Positive,    ///< Exponential: every group is one-sided.
  Outliers,    ///< N(0, 1) with one value in 97 multiplied by 1000.
  Tiny,        ///< N(0, 1e-30): level-1 scales far below 1.
};

inline const char *distributionName(Distribution d) {
  switch (d) {
  case Distribution::Normal:
    return "Normal";
  case Distribution::Uniform:
    return "Uniform";
  case Distribution::HeavyTailed:
    return "HeavyTailed";
  case Distribution::Positive:
    return "Positive";
  case Distribution::Outliers:
    return "Outliers";
  case Distribution::Tiny:
    return "Tiny";
  }
  return "?";
}

inline const Distribution kAllDistributions[] = {
    Distribution::Normal,   Distribution::Uniform,  Distribution::HeavyTailed,
    Distribution::Positive, Distribution::Outliers, Distribution::Tiny};

/// A row-major [n, k] f32 matrix drawn from `d` with a fixed seed.
inline std::vector<float> randomWeights(int64_t n, int64_t k, Distribution d,
                                        uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::student_t_distribution<float> studentT(2.0f);
  std::exponential_distribution<float> exponential(1.0f);
  std::vector<float> w(n * k);
  for (int64_t i = 0; i < n * k; ++i) {
    switch (d) {
    case Distribution::Normal:
      w[i] = 0.02f * normal(rng);
      break;
    case Distribution::Uniform:
      w[i] = uniform(rng);
      break;
    case Distribution::HeavyTailed:
      w[i] = studentT(rng);
      break;
    case Distribution::Positive:
      w[i] = exponential(rng);
      break;
    case Distribution::Outliers:
      w[i] = normal(rng) * (i % 97 == 0 ? 1000.0f : 1.0f);
      break;
    case Distribution::Tiny:
      w[i] = 1e-30f * normal(rng);
      break;
    }
  }
  return w;
}

/// A row-major [m, k] int8 matrix covering the full range [-128, 127].
inline std::vector<int8_t> randomActivations(int64_t m, int64_t k,
                                             uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> dist(-128, 127);
  std::vector<int8_t> x(m * k);
  for (auto &v : x)
    v = static_cast<int8_t>(dist(rng));
  return x;
}

/// The per-(row, group) parameters of a quantization, read directly from its
/// buffers (independently of dequantizedWeight).
struct GroupParams {
  int s;
  int a;
  int mn() const { return a - kByteBias; }
};

inline GroupParams groupParams(const QuantizedWeights &q, int64_t row,
                               int64_t col) {
  int64_t index = row * (q.k / q.groupSize) + col / q.groupSize;
  return {q.scales[index], q.offsets[index]};
}

/// The level-1 value q4 * s + mn that code (row, col) stands for.
inline int dequantizedQ8(const QuantizedWeights &q, int64_t row, int64_t col) {
  GroupParams p = groupParams(q, row, col);
  return q.codes[row * q.k + col] * p.s + p.mn();
}

/// Four codes spread one per byte, lane 0 in the least significant byte.
inline uint32_t spread(const int (&codes)[4]) {
  return uint32_t(codes[0]) | uint32_t(codes[1]) << 8 |
         uint32_t(codes[2]) << 16 | uint32_t(codes[3]) << 24;
}

/// Byte `lane` of a 32-bit register.
inline int byteLane(uint32_t r, int lane) { return (r >> (8 * lane)) & 0xFF; }

} // namespace liquid::quant::testing

#endif // LIQUID_UNITTESTS_QUANT_QUANTTESTUTILS_H
