//===- LiquidQuant.cpp - LiquidQuant quantizer and dequantization ---------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The offline two-level LiquidQuant weight quantizer and the integer
// dequantization the kernel performs in registers (docs/LiquidQuant.md).
//
// Arithmetic contract, shared bit for bit with python/liquid/quant.py:
//  - Level 1 is computed in binary32 with no contraction (this file is built
//    with -ffp-contract=off): s1 = max|w| / 119.0f, then
//    q8 = clamp(round(w / s1), -119, 119), where `round` is round half away
//    from zero (std::round). A row whose s1 is zero (an all-zero row, or one
//    so small that max|w| / 119 underflows) gets s1 = 1, so all its codes
//    dequantize to 0.
//  - Level 2 is exact integer arithmetic on q8 (no floating point at all).
//  - Weights must be finite; the C API and the Python package check it.
//
//===----------------------------------------------------------------------===//

#include "liquid/Quant/LiquidQuant.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <limits>

using namespace liquid::quant;

//===----------------------------------------------------------------------===//
// Shape and range checks
//===----------------------------------------------------------------------===//

std::optional<std::string> liquid::quant::checkQuantShape(int64_t n, int64_t k,
                                                          int64_t groupSize) {
  if (n <= 0)
    return "n (weight rows) must be positive, got " + std::to_string(n);
  if (k <= 0)
    return "k (reduction size) must be positive, got " + std::to_string(k);
  if (groupSize != 64 && groupSize != 128 && groupSize != k)
    return "group size " + std::to_string(groupSize) +
           " must be 64, 128 or k = " + std::to_string(k);
  if (k % groupSize != 0)
    return "group size " + std::to_string(groupSize) +
           " does not divide k = " + std::to_string(k);
  if (n > std::numeric_limits<int64_t>::max() / k)
    return "weight matrix [" + std::to_string(n) + ", " + std::to_string(k) +
           "] has more elements than int64 can count";
  return std::nullopt;
}

/// Formats a float for a diagnostic with enough digits to identify it.
static std::string formatFloat(float f) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", static_cast<double>(f));
  return buf;
}

/// "(row R, group G)" for diagnostics about per-group parameters.
static std::string groupName(int64_t row, int64_t group) {
  return "(row " + std::to_string(row) + ", group " + std::to_string(group) +
         ")";
}

/// "(row R, col C)" for diagnostics about one code.
static std::string codeName(int64_t row, int64_t col) {
  return "(row " + std::to_string(row) + ", col " + std::to_string(col) + ")";
}

std::optional<std::string>
liquid::quant::checkQuantizedWeights(const QuantizedWeights &q) {
  if (auto error = checkQuantShape(q.n, q.k, q.groupSize))
    return error;
  const int64_t numGroups = q.numGroups();
  auto checkSize = [](const char *name, size_t actual, int64_t expected,
                      const char *formula) -> std::optional<std::string> {
    if (static_cast<int64_t>(actual) == expected)
      return std::nullopt;
    return std::string(name) + " has " + std::to_string(actual) +
           " entries, expected " + formula + " = " + std::to_string(expected);
  };
  if (auto e = checkSize("codes", q.codes.size(), q.n * q.k, "n * k"))
    return e;
  if (auto e = checkSize("scales", q.scales.size(), q.n * numGroups,
                         "n * (k / group size)"))
    return e;
  if (auto e = checkSize("offsets", q.offsets.size(), q.n * numGroups,
                         "n * (k / group size)"))
    return e;
  if (auto e = checkSize("channel scales", q.channelScales.size(), q.n, "n"))
    return e;

  for (int64_t row = 0; row < q.n; ++row) {
    float s1 = q.channelScales[row];
    if (!std::isfinite(s1) || !(s1 > 0.0f))
      return "channel scale s1 = " + formatFloat(s1) + " of row " +
             std::to_string(row) + " must be finite and positive";
    for (int64_t group = 0; group < numGroups; ++group) {
      int s = q.scales[row * numGroups + group];
      int a = q.offsets[row * numGroups + group];
      if (s < 1 || s > kQ4Max + 1)
        return "scale s = " + std::to_string(s) + " at " +
               groupName(row, group) + " is outside [1, 16]";
      if (a < kByteBias - kQ8Max || a > kByteBias + kQ8Max)
        return "offset a = " + std::to_string(a) + " at " +
               groupName(row, group) + " is outside [9, 247]";
      for (int64_t i = 0; i < q.groupSize; ++i) {
        int64_t col = group * q.groupSize + i;
        int q4 = q.codes[row * q.k + col];
        if (q4 > kQ4Max)
          return "code " + std::to_string(q4) + " at " + codeName(row, col) +
                 " exceeds 15";
        if (q4 * s + a > 255)
          return "code " + std::to_string(q4) + " at " + codeName(row, col) +
                 " with s = " + std::to_string(s) +
                 ", a = " + std::to_string(a) + " gives the byte " +
                 std::to_string(q4 * s + a) +
                 " > 255, which would carry into the next byte lane";
      }
    }
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Quantizer
//===----------------------------------------------------------------------===//

/// Level-1 rounding: round half away from zero. std::round is exact for every
/// float (it never rounds the intermediate x + 0.5, which is what makes the
/// naive floor(x + 0.5) wrong for 0.49999997f). The Python package computes
/// the same function as trunc(x) + sign(x) * (|x - trunc(x)| >= 0.5), where
/// x - trunc(x) is exact in binary32.
static float roundHalfAwayFromZero(float x) { return std::round(x); }

/// Level 1 of one row: returns s1 and writes q8 in [-119, 119] for each of
/// the k weights.
///
/// s1 = max|w| / 119 maps the largest magnitude to exactly +-119 up to one
/// rounding of the division; the clamp only absorbs that rounding (and the
/// precision loss of a subnormal s1). The range is 119 rather than 127 so
/// that level 2 can round a group's largest value up by s/2 <= 8 and still
/// produce an int8 (see quantizeGroup).
static float quantizeRowLevel1(const float *w, int64_t k, int *q8) {
  float maxAbs = 0.0f;
  for (int64_t i = 0; i < k; ++i)
    maxAbs = std::max(maxAbs, std::fabs(w[i]));
  float s1 = maxAbs / static_cast<float>(kQ8Max);
  if (s1 == 0.0f)
    s1 = 1.0f;
  for (int64_t i = 0; i < k; ++i) {
    float r = roundHalfAwayFromZero(w[i] / s1);
    r = std::min(std::max(r, -static_cast<float>(kQ8Max)),
                 static_cast<float>(kQ8Max));
    q8[i] = static_cast<int>(r);
  }
  return s1;
}

/// Level 2 of one group of q8 values: writes the 4-bit codes and the group's
/// multiplier s and offset byte a.
///
/// With mn = min q8 and R = max q8 - mn (0 <= R <= 238), s is the smallest
/// integer with 15 * s >= R (at least 1), so s <= 16 and every shifted value
/// qu = q8 - mn satisfies qu / s <= 15. The code is qu / s rounded half up,
/// computed exactly in integers as (2 * qu + s) / (2 * s). A code is then
/// off by at most s / 2 from qu / s, so the dequantized q4 * s + mn lies in
/// [mn, max q8 + s / 2] within [-119, 119 + 8] = [-119, 127]: an int8, and
/// the unsigned byte q4 * s + a = q4 * s + mn + 128 lies in [9, 255].
static void quantizeGroup(const int *q8, int64_t groupSize, uint8_t *codes,
                          uint8_t &s, uint8_t &a) {
  int mn = q8[0], mx = q8[0];
  for (int64_t i = 1; i < groupSize; ++i) {
    mn = std::min(mn, q8[i]);
    mx = std::max(mx, q8[i]);
  }
  const int range = mx - mn;
  const int scale = std::max(1, (range + kQ4Max - 1) / kQ4Max);
  for (int64_t i = 0; i < groupSize; ++i) {
    int qu = q8[i] - mn;
    int q4 = std::min(kQ4Max, (2 * qu + scale) / (2 * scale));
    codes[i] = static_cast<uint8_t>(q4);
  }
  s = static_cast<uint8_t>(scale);
  a = static_cast<uint8_t>(kByteBias + mn);
}

/// Quantizes row `row` of `q` from its k f32 weights; `q8` is scratch of k.
static void quantizeRow(const float *w, int64_t row, QuantizedWeights &q,
                        std::vector<int> &q8) {
  q.channelScales[row] = quantizeRowLevel1(w, q.k, q8.data());
  const int64_t numGroups = q.numGroups();
  for (int64_t group = 0; group < numGroups; ++group) {
    int64_t first = group * q.groupSize;
    quantizeGroup(
        q8.data() + first, q.groupSize, q.codes.data() + row * q.k + first,
        q.scales[row * numGroups + group], q.offsets[row * numGroups + group]);
  }
}

/// Allocates the buffers of an [n, k] quantization.
static QuantizedWeights allocateQuantized(int64_t n, int64_t k,
                                          int64_t groupSize) {
  assert(!checkQuantShape(n, k, groupSize) && "invalid LiquidQuant shape");
  QuantizedWeights q;
  q.n = n;
  q.k = k;
  q.groupSize = groupSize;
  q.codes.resize(n * k);
  q.scales.resize(n * q.numGroups());
  q.offsets.resize(n * q.numGroups());
  q.channelScales.resize(n);
  return q;
}

QuantizedWeights liquid::quant::quantizeWeights(const float *w, int64_t n,
                                                int64_t k, int64_t groupSize) {
  QuantizedWeights q = allocateQuantized(n, k, groupSize);
  std::vector<int> q8(k);
  for (int64_t row = 0; row < n; ++row)
    quantizeRow(w + row * k, row, q, q8);
  return q;
}

QuantizedWeights liquid::quant::quantizeWeightsF16(const uint16_t *w, int64_t n,
                                                   int64_t k,
                                                   int64_t groupSize) {
  QuantizedWeights q = allocateQuantized(n, k, groupSize);
  std::vector<int> q8(k);
  std::vector<float> rowF32(k);
  for (int64_t row = 0; row < n; ++row) {
    for (int64_t i = 0; i < k; ++i)
      rowF32[i] = halfToFloat(w[row * k + i]);
    quantizeRow(rowF32.data(), row, q, q8);
  }
  return q;
}

//===----------------------------------------------------------------------===//
// Dequantization
//===----------------------------------------------------------------------===//

int8_t liquid::quant::dequantizeCode(uint8_t q4, uint8_t s, uint8_t a) {
  return static_cast<int8_t>(int(q4) * int(s) + int(a) - kByteBias);
}

/// One IMAD on four bytes at once. Lane i of the product is q4_i * s + a
/// exactly when no lane reaches 256: q4_i * s <= 15 * 16 = 240 and, for the
/// codes the quantizer emits, q4_i * s + a <= 255 (quantizeGroup). Then no
/// carry crosses from lane i into lane i + 1 and the 32-bit multiply-add is
/// four independent 8-bit ones.
uint32_t liquid::quant::dequantImad(uint32_t spreadCodes, uint8_t s,
                                    uint8_t a) {
  return spreadCodes * uint32_t(s) + uint32_t(a) * 0x01010101u;
}

/// Each IMAD lane holds the unsigned byte q8 + 128. Flipping bit 7 of a byte
/// subtracts 128 modulo 256, which turns the biased byte into the two's
/// complement int8 q8: one XOR for four weights.
uint32_t liquid::quant::dequantRegister(uint32_t spreadCodes, uint8_t s,
                                        uint8_t a, DequantMode mode) {
  uint32_t biased = dequantImad(spreadCodes, s, a);
  switch (mode) {
  case DequantMode::Xor:
    return biased ^ 0x80808080u;
  case DequantMode::Offset:
    return biased;
  }
  assert(false && "unknown DequantMode");
  return biased;
}

int8_t liquid::quant::dequantizedWeight(const QuantizedWeights &q, int64_t row,
                                        int64_t col) {
  assert(row >= 0 && row < q.n && col >= 0 && col < q.k && "out of range");
  int64_t group = row * q.numGroups() + col / q.groupSize;
  return dequantizeCode(q.codes[row * q.k + col], q.scales[group],
                        q.offsets[group]);
}
