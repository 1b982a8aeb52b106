//===- LiquidQuant.h - LiquidQuant host library ------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The host side of LiquidQuant (LiquidGEMM, arXiv 2509.01229, and
// docs/LiquidQuant.md): the offline two-level weight quantizer, the integer
// dequantization the kernel performs in registers, and a CPU reference W4A8
// GEMM. No MLIR dependency: the runtime, the benchmark and the Python package
// (through the C API) use this library on machines without LLVM.
//
// GEMM convention: Y[M,N] = X[M,K] * W[N,K]^T.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_QUANT_LIQUIDQUANT_H
#define LIQUID_QUANT_LIQUIDQUANT_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace liquid::quant {

/// Level-1 protective range: q8 lies in [-kQ8Max, kQ8Max] so that after the
/// level-2 shift every dequantized byte q4*s + a stays within [0, 255].
inline constexpr int kQ8Max = 119;
/// Largest 4-bit code.
inline constexpr int kQ4Max = 15;
/// Bias that turns a signed int8 into the unsigned byte `v + 128`.
inline constexpr int kByteBias = 128;

/// How the kernel turns IMAD output bytes into tensor-core operands.
enum class DequantMode {
  /// r*s + a*0x01010101, then ^0x80808080: signed int8 q8 for `.s8.s8` wgmma.
  Xor,
  /// r*s + a*0x01010101 only: unsigned q8+128 for `.u8.s8` wgmma; the
  /// epilogue subtracts 128 * xsum[m].
  Offset,
};

/// Returns a message naming the problem when (n, k, groupSize) cannot be
/// quantized (non-positive sizes, a group size other than 64, 128 or k, or a
/// group size that does not divide k); std::nullopt when they can.
std::optional<std::string> checkQuantShape(int64_t n, int64_t k,
                                           int64_t groupSize);

/// LiquidQuant weights of one [n, k] matrix.
struct QuantizedWeights {
  int64_t n = 0;
  int64_t k = 0;
  int64_t groupSize = 0;
  /// 4-bit codes q4 in [0, 15], one per byte, logical row-major [n, k].
  std::vector<uint8_t> codes;
  /// Per (row, group) multiplier s in [1, 16], row-major [n, k / groupSize].
  std::vector<uint8_t> scales;
  /// Per (row, group) byte a = 128 + min(q8 in group), in [9, 247], same shape.
  std::vector<uint8_t> offsets;
  /// Per-channel level-1 scale s1[n] (f32).
  std::vector<float> channelScales;

  int64_t numGroups() const { return k / groupSize; }
};

/// Returns a message naming the first problem when `q` cannot be handed to
/// the dequantization (shape as checkQuantShape demands, buffer sizes, codes
/// <= 15, s in [1, 16], a in [9, 247], no code whose byte q4*s + a exceeds
/// 255 and would carry into the next lane, finite positive channel scales);
/// std::nullopt when it can. For weights that arrive from outside the library
/// (files, the C API) before they are used.
std::optional<std::string> checkQuantizedWeights(const QuantizedWeights &q);

/// Quantizes row-major f32 weights [n, k] as LiquidQuant prescribes. The
/// caller checks the shape first with checkQuantShape; the weights must be
/// finite.
QuantizedWeights quantizeWeights(const float *w, int64_t n, int64_t k,
                                 int64_t groupSize);
/// Same, from IEEE binary16 bit patterns (converted exactly to f32 first).
QuantizedWeights quantizeWeightsF16(const uint16_t *w, int64_t n, int64_t k,
                                    int64_t groupSize);

/// Exact binary16 -> binary32 conversion of a bit pattern.
float halfToFloat(uint16_t h);
/// Round-to-nearest-even binary32 -> binary16 conversion.
uint16_t floatToHalf(float f);

/// The signed level-1 code q4*s + (a - 128) that one 4-bit code stands for.
int8_t dequantizeCode(uint8_t q4, uint8_t s, uint8_t a);

/// The kernel's IMAD step on a register holding four codes spread one per
/// byte: r*s + a*0x01010101 (mod 2^32). In both modes this is the byte
/// q4*s + a = q8 + 128 per lane, provided no lane carries.
uint32_t dequantImad(uint32_t spreadCodes, uint8_t s, uint8_t a);
/// The full per-register dequantization of `mode`: IMAD, then XOR with
/// 0x80808080 in Xor mode (four signed q8) or nothing in Offset mode (four
/// unsigned q8 + 128).
uint32_t dequantRegister(uint32_t spreadCodes, uint8_t s, uint8_t a,
                         DequantMode mode);

/// Dequantized level-1 weight q4*s + mn of code (row, col), as int8.
int8_t dequantizedWeight(const QuantizedWeights &q, int64_t row, int64_t col);

/// CPU reference W4A8 GEMM. x is row-major int8 [m, k]; the int32
/// accumulators acc[m, n] = sum_k x[m,k] * (q4*s + mn)[n,k] are exact. If
/// `accOut` is non-null it receives acc (row-major [m, n]). If `yOut` is
/// non-null it receives fp16(acc * sx[m] * s1[n]) as binary16 bit patterns;
/// the product is formed in f32 as (float(acc) * sx[m]) * s1[n].
void referenceGemm(const int8_t *x, int64_t m, const QuantizedWeights &q,
                   const float *sx, int32_t *accOut, uint16_t *yOut);

/// Offset-mode reference: accumulates x * (q8 + 128) with unsigned weights, as
/// `.s32.u8.s8` wgmma does, then applies the epilogue correction
/// acc = accU - 128 * xsum[m]. Returns the corrected accumulators [m, n]; they
/// equal referenceGemm's exactly.
std::vector<int32_t> referenceGemmOffsetMode(const int8_t *x, int64_t m,
                                             const QuantizedWeights &q);

} // namespace liquid::quant

#endif // LIQUID_QUANT_LIQUIDQUANT_H
