"""LiquidQuant two-level weight quantization in numpy (docs/LiquidQuant.md).

Bit-identical to the C++ library (lib/Quant/LiquidQuant.cpp): level 1 is
binary32 arithmetic with round half away from zero, level 2 is exact integer
arithmetic. GEMM convention: Y[M, N] = X[M, K] @ W[N, K].T; each row of W is an
output channel.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np

Q8_MAX = 119
"""Level-1 protective range: q8 in [-119, 119]."""
Q4_MAX = 15
"""Largest 4-bit code."""
BYTE_BIAS = 128
"""a = BYTE_BIAS + min(q8 in group)."""


@dataclass(frozen=True, eq=False)
class QuantizedWeights:
    """LiquidQuant weights of one [n, k] matrix, in the C++ dtypes."""

    codes: np.ndarray
    """uint8 [n, k]: 4-bit codes q4 in [0, 15], one per byte."""
    scales: np.ndarray
    """uint8 [n, k // group_size]: level-2 multipliers s in [1, 16]."""
    offsets: np.ndarray
    """uint8 [n, k // group_size]: a = 128 + min(q8 in group), in [9, 247]."""
    channel_scales: np.ndarray
    """float32 [n]: level-1 scales s1."""
    group_size: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.codes.shape


def check_quant_shape(n: int, k: int, group_size: int) -> str | None:
    """The C++ checkQuantShape: a message naming the problem, or None."""
    if n <= 0:
        return f"n (weight rows) must be positive, got {n}"
    if k <= 0:
        return f"k (reduction size) must be positive, got {k}"
    if group_size not in (64, 128, k):
        return f"group size {group_size} must be 64, 128 or k = {k}"
    if k % group_size != 0:
        return f"group size {group_size} does not divide k = {k}"
    return None


def round_half_away_from_zero(x: np.ndarray) -> np.ndarray:
    """std::round on float32, exactly.

    x - trunc(x) is exact in binary32 (it only drops the integer bits of x), so
    comparing it with 0.5 decides the tie correctly; floor(x + 0.5) would not
    (0.49999997 + 0.5 rounds to 1.0 before the floor).
    """
    x = np.asarray(x, dtype=np.float32)
    t = np.trunc(x)
    away = np.abs(x - t) >= np.float32(0.5)
    return t + np.sign(x) * away.astype(np.float32)


def _level1(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row s1 (float32 [n]) and q8 (int32 [n, k])."""
    s1 = np.abs(w).max(axis=1) / np.float32(Q8_MAX)
    # All-zero rows, and rows so small that max|w| / 119 underflows.
    s1[s1 == 0] = np.float32(1)
    r = round_half_away_from_zero(w / s1[:, None])
    q8 = np.clip(r, -Q8_MAX, Q8_MAX).astype(np.int32)
    return s1.astype(np.float32), q8


def _level2(q8: np.ndarray, group_size: int):
    """Codes, s and a of every group, in exact integer arithmetic."""
    n, k = q8.shape
    groups = q8.reshape(n, k // group_size, group_size)
    mn = groups.min(axis=2)
    mx = groups.max(axis=2)
    s = np.maximum(1, (mx - mn + Q4_MAX - 1) // Q4_MAX)
    qu = groups - mn[..., None]
    q4 = np.minimum(Q4_MAX, (2 * qu + s[..., None]) // (2 * s[..., None]))
    return (
        q4.reshape(n, k).astype(np.uint8),
        s.astype(np.uint8),
        (BYTE_BIAS + mn).astype(np.uint8),
    )


def _as_weight_matrix(w) -> np.ndarray:
    """Validates and returns `w` as a float32 [n, k] array (f16 widened)."""
    w = np.asarray(w)
    if w.dtype not in (np.float16, np.float32):
        raise ValueError(
            f"weights must be float16 or float32, got {w.dtype}; convert "
            "explicitly (the rounding of other types is the caller's choice)"
        )
    if w.ndim != 2:
        raise ValueError(f"weights must be a 2-D [n, k] matrix, got shape {w.shape}")
    return w.astype(np.float32)


def _check_finite(w: np.ndarray) -> None:
    bad = np.argwhere(~np.isfinite(w))
    if bad.size:
        row, col = bad[0]
        raise ValueError(f"weight (row {row}, col {col}) is not finite")


def quantize_weights(w, group_size: int) -> QuantizedWeights:
    """Quantizes float16 or float32 weights w[n, k] with LiquidQuant.

    Raises ValueError for non-float16/float32 input, a shape the quantizer does
    not support (the message of the C++ checkQuantShape), or a non-finite
    weight (named by position); TypeError for a non-integer group size.
    """
    group_size = operator.index(group_size)
    w32 = _as_weight_matrix(w)
    n, k = w32.shape
    error = check_quant_shape(n, k, group_size)
    if error:
        raise ValueError(error)
    _check_finite(w32)
    s1, q8 = _level1(w32)
    codes, scales, offsets = _level2(q8, group_size)
    return QuantizedWeights(codes, scales, offsets, s1, group_size)


def dequantize(q: QuantizedWeights) -> np.ndarray:
    """The level-1 values q4 * s + (a - 128) of every weight, int8 [n, k].

    Multiply by channel_scales[:, None] for the real-valued weights.
    """
    g = q.group_size
    s = np.repeat(q.scales.astype(np.int32), g, axis=1)
    mn = np.repeat(q.offsets.astype(np.int32) - BYTE_BIAS, g, axis=1)
    return (q.codes.astype(np.int32) * s + mn).astype(np.int8)
