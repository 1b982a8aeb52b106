//===- HalfFloat.cpp - IEEE binary16 <-> binary32 conversions -------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Portable bit-level conversions between binary16 (the kernel's output type
// and an accepted weight type) and binary32, so that the host library does
// not depend on compiler support for _Float16. Both are exact reproductions
// of IEEE 754: widening is exact, narrowing rounds to nearest, ties to even,
// which is what numpy's astype(float16) does.
//
//===----------------------------------------------------------------------===//

#include "liquid/Quant/LiquidQuant.h"

#include <cstring>

namespace {
constexpr uint32_t kF32SignBit = 0x80000000u;
constexpr uint32_t kF32Inf = 0x7F800000u;
/// binary32 exponent bias (127) minus binary16 exponent bias (15).
constexpr uint32_t kExponentBiasDelta = 112;
/// Mantissa bits binary32 has beyond binary16's 10.
constexpr int kDroppedMantissaBits = 13;
/// |f| >= 65520 (the midpoint between 65504, the largest half, and 2^16)
/// rounds to infinity under ties-to-even.
constexpr uint32_t kF32HalfOverflow = 0x477FF000u;
/// |f| < 2^-14 (the smallest normal half) becomes a half subnormal or zero.
constexpr uint32_t kF32HalfMinNormal = 0x38800000u;
} // namespace

static uint32_t floatBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  return bits;
}

static float bitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

/// Rounds `value >> shift` to nearest, ties to even (1 <= shift <= 31).
static uint32_t shiftRightRoundEven(uint32_t value, int shift) {
  uint32_t kept = value >> shift;
  uint32_t rest = value & ((1u << shift) - 1);
  uint32_t half = 1u << (shift - 1);
  if (rest > half || (rest == half && (kept & 1)))
    ++kept;
  return kept;
}

float liquid::quant::halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1Fu;
  uint32_t mantissa = h & 0x3FFu;
  if (exponent == 0x1F) // Infinity or NaN (payload kept).
    return bitsToFloat(sign | kF32Inf | (mantissa << kDroppedMantissaBits));
  if (exponent == 0) {
    // Zero or subnormal: mantissa * 2^-24, exact in binary32 (a normal).
    float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
    return sign ? -magnitude : magnitude;
  }
  return bitsToFloat(sign | ((exponent + kExponentBiasDelta) << 23) |
                     (mantissa << kDroppedMantissaBits));
}

uint16_t liquid::quant::floatToHalf(float f) {
  uint32_t bits = floatBits(f);
  uint16_t sign = static_cast<uint16_t>((bits & kF32SignBit) >> 16);
  uint32_t magnitude = bits & ~kF32SignBit;
  if (magnitude > kF32Inf) // NaN: quiet, keep the top payload bits.
    return sign | 0x7E00u | ((magnitude >> kDroppedMantissaBits) & 0x1FFu);
  if (magnitude >= kF32HalfOverflow)
    return sign | 0x7C00u;
  if (magnitude >= kF32HalfMinNormal) {
    // Normal: rebias the exponent, round away 13 mantissa bits. A mantissa
    // that rounds up to 2^10 carries into the exponent, which is correct.
    uint32_t rebased = magnitude - (kExponentBiasDelta << 23);
    return sign | static_cast<uint16_t>(
                      shiftRightRoundEven(rebased, kDroppedMantissaBits));
  }
  // Subnormal half: count units of 2^-24. The float is m * 2^(e - 150) with
  // the implicit bit in m, so the count is m >> (126 - e), rounded.
  uint32_t exponent = magnitude >> 23;
  int shift = 126 - static_cast<int>(exponent);
  if (shift > 24) // At most half the smallest subnormal: rounds to zero.
    return sign;
  uint32_t significand = (magnitude & 0x7FFFFFu) | 0x800000u;
  return sign | static_cast<uint16_t>(shiftRightRoundEven(significand, shift));
}
