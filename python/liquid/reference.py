"""CPU reference W4A8 GEMM in numpy, bit-identical to lib/Quant/ReferenceGemm.cpp.

Y[m, n] = fp16((f32(acc[m, n]) * sx[m]) * s1[n]) with exact int32
accumulators acc = X @ (q4 * s + mn).T.
"""

from __future__ import annotations

import numpy as np

from .quant import BYTE_BIAS, QuantizedWeights, dequantize


def _check_activations(x, q: QuantizedWeights) -> np.ndarray:
    x = np.asarray(x)
    k = q.codes.shape[1]
    if x.dtype != np.int8 or x.ndim != 2 or x.shape[1] != k or x.shape[0] == 0:
        raise ValueError(
            f"activations must be an int8 [m, {k}] matrix with m > 0, got "
            f"{x.dtype} of shape {x.shape}"
        )
    return x


def _exact_int32_matmul(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """x @ w.T for integer matrices, wrapped to int32 like the tensor core.

    Computed in float64, which is exact: every product and partial sum is an
    integer of magnitude below K * 128 * 255, far under 2^53.
    """
    acc = x.astype(np.float64) @ w.astype(np.float64).T
    return acc.astype(np.int64).astype(np.int32)


def reference_gemm(x, q: QuantizedWeights, sx=None):
    """The Xor-mode reference GEMM of int8 activations x[m, k].

    Returns (acc, y): acc is int32 [m, n]; y is float16 [m, n] when sx (the
    per-token activation scales, taken as float32) is given, else None.
    """
    x = _check_activations(x, q)
    acc = _exact_int32_matmul(x, dequantize(q))
    if sx is None:
        return acc, None
    sx = np.asarray(sx, dtype=np.float32)
    if sx.shape != (x.shape[0],):
        raise ValueError(f"sx must have shape ({x.shape[0]},), got {sx.shape}")
    # Two float32 products in this order, then one rounding to float16;
    # magnitudes beyond 65504 become infinities, as on the GPU.
    scaled = acc.astype(np.float32) * sx[:, None]
    with np.errstate(over="ignore"):
        y = (scaled * q.channel_scales[None, :]).astype(np.float16)
    return acc, y


def reference_gemm_offset_mode(x, q: QuantizedWeights) -> np.ndarray:
    """Offset mode: accumulate x * (q8 + 128) as unsigned weights, then
    subtract 128 * sum_k x. Equals reference_gemm's accumulators."""
    x = _check_activations(x, q)
    unsigned = dequantize(q).astype(np.int32) + BYTE_BIAS
    acc_u = x.astype(np.float64) @ unsigned.astype(np.float64).T
    xsum = x.astype(np.int64).sum(axis=1)
    return (acc_u.astype(np.int64) - BYTE_BIAS * xsum[:, None]).astype(np.int32)
