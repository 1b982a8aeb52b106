/*===-- liquid-c/LiquidQuant.h - C API of the LiquidQuant library -*- C -*-===*\
|*                                                                            *|
|* Part of the liquid project.                                                *|
|*                                                                            *|
|*===----------------------------------------------------------------------===*|
|*                                                                            *|
|* The LiquidQuant host library (include/liquid/Quant) behind a C ABI, in     *|
|* libLiquidQuantC.so, for runtimes written in other languages and for the    *|
|* Python package's bit-exactness tests.                                      *|
|*                                                                            *|
|* Conventions: matrices are dense row-major; the weight matrix is W[n, k],   *|
|* activations X[m, k], outputs Y[m, n] (Y = X * W^T). Callers own every      *|
|* buffer. Every function returns 0 on success; on failure it returns         *|
|* non-zero, writes nothing to its outputs, and liquidQuantLastError()        *|
|* returns a message naming the argument and the problem.                     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef LIQUID_C_LIQUIDQUANT_H
#define LIQUID_C_LIQUIDQUANT_H

#include <stdint.h>

#if defined(LIQUID_QUANT_CAPI_BUILD)
#define LIQUID_QUANT_CAPI_EXPORTED __attribute__((visibility("default")))
#else
#define LIQUID_QUANT_CAPI_EXPORTED
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// How the kernel turns IMAD output bytes into tensor-core operands.
typedef enum LiquidQuantDequantMode {
  /// IMAD then XOR 0x80808080: signed int8 weights for `.s8.s8` wgmma.
  LIQUID_QUANT_DEQUANT_XOR = 0,
  /// IMAD only: unsigned weights + 128 for `.u8.s8` wgmma.
  LIQUID_QUANT_DEQUANT_OFFSET = 1,
} LiquidQuantDequantMode;

/// The message of the most recent failed call on the calling thread, or ""
/// if none has failed. Valid until the thread's next failing call.
LIQUID_QUANT_CAPI_EXPORTED const char *liquidQuantLastError(void);

/// Checks that [n, k] weights can be quantized with `groupSize` (64, 128 or
/// k, dividing k).
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantCheckShape(int64_t n, int64_t k,
                                                     int64_t groupSize);

/// Checks that [n, k] codes can be packed in the dual-MMA layout (n and k
/// positive multiples of 64).
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantCheckDualMmaShape(int64_t n,
                                                            int64_t k);

/// Quantizes finite f32 weights w[n, k]. Outputs: codes[n * k] (one 4-bit
/// code per byte), scales[n * k / groupSize] (s), offsets[n * k / groupSize]
/// (a), channelScales[n] (s1).
LIQUID_QUANT_CAPI_EXPORTED int
liquidQuantQuantizeF32(const float *w, int64_t n, int64_t k, int64_t groupSize,
                       uint8_t *codes, uint8_t *scales, uint8_t *offsets,
                       float *channelScales);

/// Same from finite binary16 weights given as bit patterns.
LIQUID_QUANT_CAPI_EXPORTED int
liquidQuantQuantizeF16(const uint16_t *w, int64_t n, int64_t k,
                       int64_t groupSize, uint8_t *codes, uint8_t *scales,
                       uint8_t *offsets, float *channelScales);

/// Packs codes[n * k] (values 0..15) into packed[n * k / 2] in the dual-MMA
/// layout; n and k must be positive multiples of 64.
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantPackDualMma(const uint8_t *codes,
                                                      int64_t n, int64_t k,
                                                      uint8_t *packed);

/// Unpacks packed[n * k / 2] into codes[n * k].
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantUnpackDualMma(const uint8_t *packed,
                                                        int64_t n, int64_t k,
                                                        uint8_t *codes);

/// Reorders one group-parameter array (s or a), params[n * groups] row-major,
/// into packed[n * groups] in the dual-MMA group-parameter order the kernel
/// reads (liquid/Quant/DualMmaLayout.h); n must be a positive multiple of 64.
LIQUID_QUANT_CAPI_EXPORTED int
liquidQuantPackGroupParams(const uint8_t *params, int64_t n, int64_t groups,
                           uint8_t *packed);

/// The inverse: packed[n * groups] back to row-major params[n * groups].
LIQUID_QUANT_CAPI_EXPORTED int
liquidQuantUnpackGroupParams(const uint8_t *packed, int64_t n, int64_t groups,
                             uint8_t *params);

/// The CPU reference GEMM (Xor mode) of int8 activations x[m, k] with the
/// quantized weights. If accOut is non-null it receives the int32
/// accumulators [m, n]; if yOut is non-null it receives
/// fp16((f32(acc) * sx[m]) * channelScales[n]) as binary16 bits [m, n], and
/// sx[m] must be given. The weights are validated first (ranges, and no code
/// whose dequantized byte would carry into the next lane).
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantReferenceGemm(
    const int8_t *x, int64_t m, const uint8_t *codes, const uint8_t *scales,
    const uint8_t *offsets, const float *channelScales, int64_t n, int64_t k,
    int64_t groupSize, const float *sx, int32_t *accOut, uint16_t *yOut);

/// The offset-mode reference: accumulates x * (q8 + 128) as unsigned weights
/// and subtracts 128 * sum_k x. accOut[m, n] is required; it equals
/// liquidQuantReferenceGemm's accumulators.
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantReferenceGemmOffsetMode(
    const int8_t *x, int64_t m, const uint8_t *codes, const uint8_t *scales,
    const uint8_t *offsets, const float *channelScales, int64_t n, int64_t k,
    int64_t groupSize, int32_t *accOut);

/// The kernel's per-register dequantization of four codes spread one per
/// byte: r * s + a * 0x01010101, then XOR 0x80808080 in Xor mode.
LIQUID_QUANT_CAPI_EXPORTED int liquidQuantDequantRegister(uint32_t spreadCodes,
                                                          uint8_t s, uint8_t a,
                                                          int mode,
                                                          uint32_t *out);

#ifdef __cplusplus
}
#endif

#endif /* LIQUID_C_LIQUIDQUANT_H */
