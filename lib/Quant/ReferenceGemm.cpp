//===- ReferenceGemm.cpp - CPU reference W4A8 GEMM ------------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The CPU reference the kernel is checked against, in both dequantization
// modes. Accumulation is int32 arithmetic modulo 2^32, like the tensor
// core's `.s32` accumulators without `.satfinite`. It cannot wrap while
// K <= 132104, since |x * w| <= 128 * 127 = 16256 per product; the offset
// mode's raw sum x * (q8 + 128) can exceed int32 sooner (K > 65793), but its
// correction subtracts the same excess modulo 2^32, so the corrected result
// still equals the Xor-mode one bit for bit.
//
//===----------------------------------------------------------------------===//

#include "liquid/Quant/LiquidQuant.h"

#include <cassert>

using namespace liquid::quant;

void liquid::quant::referenceGemm(const int8_t *x, int64_t m,
                                  const QuantizedWeights &q, const float *sx,
                                  int32_t *accOut, uint16_t *yOut) {
  assert(!yOut || sx);
  std::vector<int8_t> weightRow(q.k);
  for (int64_t col = 0; col < q.n; ++col) {
    for (int64_t i = 0; i < q.k; ++i)
      weightRow[i] = dequantizedWeight(q, col, i);
    for (int64_t row = 0; row < m; ++row) {
      const int8_t *xRow = x + row * q.k;
      uint32_t acc = 0;
      for (int64_t i = 0; i < q.k; ++i)
        acc += static_cast<uint32_t>(int32_t(xRow[i]) * int32_t(weightRow[i]));
      int32_t result = static_cast<int32_t>(acc);
      if (accOut)
        accOut[row * q.n + col] = result;
      if (yOut) {
        // Epilogue: two f32 products in this order, one rounding to fp16.
        float scaled = static_cast<float>(result) * sx[row];
        yOut[row * q.n + col] = floatToHalf(scaled * q.channelScales[col]);
      }
    }
  }
}

/// Offset mode feeds the tensor core the IMAD bytes q8 + 128 unchanged, as
/// unsigned weights. Since sum_k x * (q8 + 128) = acc + 128 * sum_k x, the
/// epilogue recovers acc by subtracting 128 * xsum[m].
std::vector<int32_t>
liquid::quant::referenceGemmOffsetMode(const int8_t *x, int64_t m,
                                       const QuantizedWeights &q) {
  std::vector<uint32_t> xsum(m, 0);
  for (int64_t row = 0; row < m; ++row)
    for (int64_t i = 0; i < q.k; ++i)
      xsum[row] += static_cast<uint32_t>(int32_t(x[row * q.k + i]));

  const int64_t numGroups = q.numGroups();
  std::vector<uint8_t> unsignedRow(q.k);
  std::vector<int32_t> acc(m * q.n);
  for (int64_t col = 0; col < q.n; ++col) {
    // The kernel's own register path, one code in lane 0 of a register.
    for (int64_t i = 0; i < q.k; ++i) {
      int64_t group = col * numGroups + i / q.groupSize;
      uint32_t lane = dequantRegister(q.codes[col * q.k + i], q.scales[group],
                                      q.offsets[group], DequantMode::Offset);
      unsignedRow[i] = static_cast<uint8_t>(lane & 0xFFu);
    }
    for (int64_t row = 0; row < m; ++row) {
      const int8_t *xRow = x + row * q.k;
      uint32_t accU = 0;
      for (int64_t i = 0; i < q.k; ++i)
        accU +=
            static_cast<uint32_t>(int32_t(xRow[i]) * int32_t(unsignedRow[i]));
      acc[row * q.n + col] =
          static_cast<int32_t>(accU - uint32_t(kByteBias) * xsum[row]);
    }
  }
  return acc;
}
