//===- LiquidQuantCAPI.cpp - C API of the LiquidQuant library -------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Thin C wrappers over liquid/Quant: each entry point validates every
// argument with the library's check* functions (plus null pointers and
// non-finite weights), records a message on failure, and only then computes
// into the caller's buffers.
//
//===----------------------------------------------------------------------===//

#include "liquid-c/LiquidQuant.h"

#include "liquid/Quant/DualMmaLayout.h"
#include "liquid/Quant/LiquidQuant.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace liquid::quant;

namespace {
/// The calling thread's last error message (liquidQuantLastError).
thread_local std::string lastError;

/// The status codes of the C API.
constexpr int kSuccess = 0;
constexpr int kFailure = 1;
} // namespace

/// Records `message` for liquidQuantLastError and returns kFailure.
static int fail(std::string message) {
  lastError = std::move(message);
  return kFailure;
}

/// Returns "<name> must not be null" for the first null pointer among the
/// (name, pointer) pairs; std::nullopt when none is null.
static std::optional<std::string> checkNotNull(
    std::initializer_list<std::pair<const char *, const void *>> arguments) {
  for (const auto &[name, pointer] : arguments)
    if (!pointer)
      return std::string(name) + " must not be null";
  return std::nullopt;
}

/// Names the first non-finite weight, reading element i through `at(i)`.
template <typename ToFloat>
static std::optional<std::string> checkFinite(int64_t n, int64_t k,
                                              ToFloat at) {
  for (int64_t i = 0; i < n * k; ++i)
    if (!std::isfinite(at(i)))
      return "weight (row " + std::to_string(i / k) + ", col " +
             std::to_string(i % k) + ") is not finite";
  return std::nullopt;
}

/// Copies a quantization into the caller's output buffers.
static void copyOut(const QuantizedWeights &q, uint8_t *codes, uint8_t *scales,
                    uint8_t *offsets, float *channelScales) {
  std::copy(q.codes.begin(), q.codes.end(), codes);
  std::copy(q.scales.begin(), q.scales.end(), scales);
  std::copy(q.offsets.begin(), q.offsets.end(), offsets);
  std::copy(q.channelScales.begin(), q.channelScales.end(), channelScales);
}

/// Validates the common arguments of the two quantize entry points.
static std::optional<std::string>
checkQuantizeArguments(const void *w, int64_t n, int64_t k, int64_t groupSize,
                       uint8_t *codes, uint8_t *scales, uint8_t *offsets,
                       float *channelScales) {
  if (auto error = checkQuantShape(n, k, groupSize))
    return error;
  return checkNotNull({{"w", w},
                       {"codes", codes},
                       {"scales", scales},
                       {"offsets", offsets},
                       {"channelScales", channelScales}});
}

/// Builds a QuantizedWeights from caller buffers and validates it.
static std::optional<std::string>
importWeights(const uint8_t *codes, const uint8_t *scales,
              const uint8_t *offsets, const float *channelScales, int64_t n,
              int64_t k, int64_t groupSize, QuantizedWeights &q) {
  if (auto error = checkQuantShape(n, k, groupSize))
    return error;
  if (auto error = checkNotNull({{"codes", codes},
                                 {"scales", scales},
                                 {"offsets", offsets},
                                 {"channelScales", channelScales}}))
    return error;
  q.n = n;
  q.k = k;
  q.groupSize = groupSize;
  int64_t numScales = n * q.numGroups();
  q.codes.assign(codes, codes + n * k);
  q.scales.assign(scales, scales + numScales);
  q.offsets.assign(offsets, offsets + numScales);
  q.channelScales.assign(channelScales, channelScales + n);
  return checkQuantizedWeights(q);
}

/// Both directions of the group-parameter permutation: checks the shape and
/// the pointers, then copies `permute(in)` to `out`.
static int permuteGroupParams(const uint8_t *in, const char *inName, int64_t n,
                              int64_t groups, uint8_t *out,
                              const char *outName,
                              std::vector<uint8_t> (*permute)(const uint8_t *,
                                                              int64_t,
                                                              int64_t)) {
  if (auto error = checkGroupParamShape(n, groups))
    return fail(*error);
  if (auto error = checkNotNull({{inName, in}, {outName, out}}))
    return fail(*error);
  std::vector<uint8_t> result = permute(in, n, groups);
  std::copy(result.begin(), result.end(), out);
  return kSuccess;
}

extern "C" {

const char *liquidQuantLastError(void) { return lastError.c_str(); }

int liquidQuantCheckShape(int64_t n, int64_t k, int64_t groupSize) {
  if (auto error = checkQuantShape(n, k, groupSize))
    return fail(*error);
  return kSuccess;
}

int liquidQuantCheckDualMmaShape(int64_t n, int64_t k) {
  if (auto error = checkDualMmaShape(n, k))
    return fail(*error);
  return kSuccess;
}

int liquidQuantQuantizeF32(const float *w, int64_t n, int64_t k,
                           int64_t groupSize, uint8_t *codes, uint8_t *scales,
                           uint8_t *offsets, float *channelScales) {
  if (auto error = checkQuantizeArguments(w, n, k, groupSize, codes, scales,
                                          offsets, channelScales))
    return fail(*error);
  if (auto error = checkFinite(n, k, [w](int64_t i) { return w[i]; }))
    return fail(*error);
  copyOut(quantizeWeights(w, n, k, groupSize), codes, scales, offsets,
          channelScales);
  return kSuccess;
}

int liquidQuantQuantizeF16(const uint16_t *w, int64_t n, int64_t k,
                           int64_t groupSize, uint8_t *codes, uint8_t *scales,
                           uint8_t *offsets, float *channelScales) {
  if (auto error = checkQuantizeArguments(w, n, k, groupSize, codes, scales,
                                          offsets, channelScales))
    return fail(*error);
  if (auto error =
          checkFinite(n, k, [w](int64_t i) { return halfToFloat(w[i]); }))
    return fail(*error);
  copyOut(quantizeWeightsF16(w, n, k, groupSize), codes, scales, offsets,
          channelScales);
  return kSuccess;
}

int liquidQuantPackDualMma(const uint8_t *codes, int64_t n, int64_t k,
                           uint8_t *packed) {
  if (auto error = checkDualMmaShape(n, k))
    return fail(*error);
  if (auto error = checkNotNull({{"codes", codes}, {"packed", packed}}))
    return fail(*error);
  for (int64_t i = 0; i < n * k; ++i)
    if (codes[i] > kQ4Max)
      return fail("code " + std::to_string(codes[i]) + " at (row " +
                  std::to_string(i / k) + ", col " + std::to_string(i % k) +
                  ") exceeds 15");
  std::vector<uint8_t> result = packDualMma(codes, n, k);
  std::copy(result.begin(), result.end(), packed);
  return kSuccess;
}

int liquidQuantUnpackDualMma(const uint8_t *packed, int64_t n, int64_t k,
                             uint8_t *codes) {
  if (auto error = checkDualMmaShape(n, k))
    return fail(*error);
  if (auto error = checkNotNull({{"packed", packed}, {"codes", codes}}))
    return fail(*error);
  std::vector<uint8_t> result = unpackDualMma(packed, n, k);
  std::copy(result.begin(), result.end(), codes);
  return kSuccess;
}

int liquidQuantPackGroupParams(const uint8_t *params, int64_t n,
                               int64_t groups, uint8_t *packed) {
  return permuteGroupParams(params, "params", n, groups, packed, "packed",
                            packGroupParams);
}

int liquidQuantUnpackGroupParams(const uint8_t *packed, int64_t n,
                                 int64_t groups, uint8_t *params) {
  return permuteGroupParams(packed, "packed", n, groups, params, "params",
                            unpackGroupParams);
}

int liquidQuantReferenceGemm(const int8_t *x, int64_t m, const uint8_t *codes,
                             const uint8_t *scales, const uint8_t *offsets,
                             const float *channelScales, int64_t n, int64_t k,
                             int64_t groupSize, const float *sx,
                             int32_t *accOut, uint16_t *yOut) {
  if (m <= 0)
    return fail("m (activation rows) must be positive, got " +
                std::to_string(m));
  if (auto error = checkNotNull({{"x", x}}))
    return fail(*error);
  if (yOut && !sx)
    return fail("sx must not be null when yOut is requested");
  QuantizedWeights q;
  if (auto error = importWeights(codes, scales, offsets, channelScales, n, k,
                                 groupSize, q))
    return fail(*error);
  referenceGemm(x, m, q, sx, accOut, yOut);
  return kSuccess;
}

int liquidQuantReferenceGemmOffsetMode(
    const int8_t *x, int64_t m, const uint8_t *codes, const uint8_t *scales,
    const uint8_t *offsets, const float *channelScales, int64_t n, int64_t k,
    int64_t groupSize, int32_t *accOut) {
  if (m <= 0)
    return fail("m (activation rows) must be positive, got " +
                std::to_string(m));
  if (auto error = checkNotNull({{"x", x}, {"accOut", accOut}}))
    return fail(*error);
  QuantizedWeights q;
  if (auto error = importWeights(codes, scales, offsets, channelScales, n, k,
                                 groupSize, q))
    return fail(*error);
  std::vector<int32_t> acc = referenceGemmOffsetMode(x, m, q);
  std::copy(acc.begin(), acc.end(), accOut);
  return kSuccess;
}

int liquidQuantDequantRegister(uint32_t spreadCodes, uint8_t s, uint8_t a,
                               int mode, uint32_t *out) {
  if (auto error = checkNotNull({{"out", out}}))
    return fail(*error);
  switch (mode) {
  case LIQUID_QUANT_DEQUANT_XOR:
    *out = dequantRegister(spreadCodes, s, a, DequantMode::Xor);
    return kSuccess;
  case LIQUID_QUANT_DEQUANT_OFFSET:
    *out = dequantRegister(spreadCodes, s, a, DequantMode::Offset);
    return kSuccess;
  }
  return fail("mode must be LIQUID_QUANT_DEQUANT_XOR (0) or "
              "LIQUID_QUANT_DEQUANT_OFFSET (1), got " +
              std::to_string(mode));
}

} // extern "C"
