//===- HostProblem.h - Random W4A8 problems and their reference -*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The host half of a benchmark run: seeded random weights quantized with the
// LiquidQuant library and packed in the dual-MMA layout, random int8 tokens
// with their scales and row sums, and the comparison of the kernel's output
// with the CPU reference.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_HOSTPROBLEM_H
#define LIQUID_TOOLS_LIQUIDBENCH_HOSTPROBLEM_H

#include "liquid/Quant/LiquidQuant.h"

#include <cstdint>
#include <vector>

namespace liquid::bench {

/// The M-independent half: quantized, packed weights [N, K].
struct HostWeights {
  quant::QuantizedWeights quantized;
  /// N * K / 2 bytes in the dual-MMA layout.
  std::vector<uint8_t> packed;
  /// The group parameters s and a in the dual-MMA group-parameter order.
  std::vector<uint8_t> packedScales, packedOffsets;
};

/// Quantizes seeded uniform [-1, 1) weights [n, k] with group size g.
HostWeights makeHostWeights(int64_t n, int64_t k, int64_t g, uint64_t seed);

/// One batch of M int8 tokens, as the activation quantizer would hand it over.
struct HostTokens {
  int64_t m = 0;
  /// Row-major [m, k], uniform in [-127, 127].
  std::vector<int8_t> x;
  /// Per-token scales sx, chosen so that |Y| is about 1 (no fp16 overflow).
  std::vector<float> sx;
  /// Row sums of x (offset mode's epilogue correction).
  std::vector<int32_t> xsum;
};

HostTokens makeHostTokens(int64_t m, int64_t k, uint64_t seed);

/// How the kernel's Y compares with the reference on the checked rows.
struct CheckResult {
  int64_t rowsChecked = 0;
  int64_t elements = 0;
  /// Bit-identical to referenceGemm's fp16 output.
  int64_t exact = 0;
  int64_t bitwiseMismatches = 0;
  /// Still holding the 0xFFFF poison: never written by the kernel.
  int64_t unwritten = 0;
  int64_t nonFinite = 0;
  /// Of the kernel against acc * sx * s1 in float64.
  double maxRelErr = 0;
  /// Of referenceGemm's own fp16 output, the floor of what is achievable.
  double referenceMaxRelErr = 0;
  int64_t worstRow = 0;
  int64_t worstCol = 0;
  double worstGot = 0;
  double worstRef = 0;
  bool passed = false;
};

/// Tolerance on the max relative error.
inline constexpr double kMaxRelErr = 1e-3;

/// The rows of an [m, N] output that are checked: all when m <= limit, else
/// the first and last limit/4 and evenly spaced rows between them.
std::vector<int64_t> rowsToCheck(int64_t m, int64_t limit);

/// Compares `y` (fp16 bits, [m, n]) with the CPU reference on `rows`.
CheckResult checkOutput(const HostWeights &weights, const HostTokens &tokens,
                        const std::vector<uint16_t> &y,
                        const std::vector<int64_t> &rows);

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_HOSTPROBLEM_H
