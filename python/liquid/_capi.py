"""ctypes bindings of libLiquidQuantC.so (include/liquid-c/LiquidQuant.h).

Used by the tests to check that the numpy implementation is bit-identical to
the C++ library. The library is searched in $LIQUID_LIB_DIR, then in
<repo>/build/lib.
"""

from __future__ import annotations

import ctypes
import functools

import numpy as np

from ._library import open_library
from .quant import QuantizedWeights

LIBRARY_NAME = "libLiquidQuantC.so"

DEQUANT_XOR = 0
DEQUANT_OFFSET = 1


class CapiUnavailable(OSError):
    """libLiquidQuantC.so was not found or could not be loaded."""


class CapiError(RuntimeError):
    """A C API call failed; the message is liquidQuantLastError()."""


_u8 = ctypes.POINTER(ctypes.c_uint8)
_i8 = ctypes.POINTER(ctypes.c_int8)
_u16 = ctypes.POINTER(ctypes.c_uint16)
_i32 = ctypes.POINTER(ctypes.c_int32)
_u32 = ctypes.POINTER(ctypes.c_uint32)
_f32 = ctypes.POINTER(ctypes.c_float)
_i64 = ctypes.c_int64

_SIGNATURES = {
    "liquidQuantCheckShape": [_i64, _i64, _i64],
    "liquidQuantCheckDualMmaShape": [_i64, _i64],
    "liquidQuantQuantizeF32": [_f32, _i64, _i64, _i64, _u8, _u8, _u8, _f32],
    "liquidQuantQuantizeF16": [_u16, _i64, _i64, _i64, _u8, _u8, _u8, _f32],
    "liquidQuantPackDualMma": [_u8, _i64, _i64, _u8],
    "liquidQuantUnpackDualMma": [_u8, _i64, _i64, _u8],
    "liquidQuantPackGroupParams": [_u8, _i64, _i64, _u8],
    "liquidQuantUnpackGroupParams": [_u8, _i64, _i64, _u8],
    "liquidQuantReferenceGemm": [
        _i8, _i64, _u8, _u8, _u8, _f32, _i64, _i64, _i64, _f32, _i32, _u16
    ],
    "liquidQuantReferenceGemmOffsetMode": [
        _i8, _i64, _u8, _u8, _u8, _f32, _i64, _i64, _i64, _i32
    ],
    "liquidQuantDequantRegister": [
        ctypes.c_uint32, ctypes.c_uint8, ctypes.c_uint8, ctypes.c_int, _u32
    ],
}


@functools.lru_cache(maxsize=None)
def load() -> ctypes.CDLL:
    """Loads the library once; raises CapiUnavailable naming the paths tried."""
    lib = open_library(LIBRARY_NAME, CapiUnavailable,
                       "build the LiquidQuantC target or set LIQUID_LIB_DIR")
    lib.liquidQuantLastError.restype = ctypes.c_char_p
    lib.liquidQuantLastError.argtypes = []
    for name, argtypes in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = ctypes.c_int
        fn.argtypes = argtypes
    return lib


def _call(name: str, *args) -> None:
    lib = load()
    if getattr(lib, name)(*args) != 0:
        raise CapiError(lib.liquidQuantLastError().decode())


def _ptr(array: np.ndarray, pointer_type):
    assert array.flags.c_contiguous
    return array.ctypes.data_as(pointer_type)


def check_shape(n: int, k: int, group_size: int) -> str | None:
    """liquidQuantCheckShape: the message, or None when the shape is valid."""
    lib = load()
    if lib.liquidQuantCheckShape(n, k, group_size) == 0:
        return None
    return lib.liquidQuantLastError().decode()


def check_dual_mma_shape(n: int, k: int) -> str | None:
    """liquidQuantCheckDualMmaShape: the message, or None when packable."""
    lib = load()
    if lib.liquidQuantCheckDualMmaShape(n, k) == 0:
        return None
    return lib.liquidQuantLastError().decode()


def quantize_weights(w: np.ndarray, group_size: int) -> QuantizedWeights:
    """liquidQuantQuantizeF32 or ...F16, by w's dtype."""
    w = np.ascontiguousarray(w)
    n, k = w.shape
    groups = k // group_size if group_size > 0 else 0
    codes = np.zeros((n, k), np.uint8)
    scales = np.zeros((n, groups), np.uint8)
    offsets = np.zeros((n, groups), np.uint8)
    s1 = np.zeros(n, np.float32)
    outputs = (_ptr(codes, _u8), _ptr(scales, _u8), _ptr(offsets, _u8), _ptr(s1, _f32))
    if w.dtype == np.float16:
        _call("liquidQuantQuantizeF16", _ptr(w.view(np.uint16), _u16), n, k,
              group_size, *outputs)
    elif w.dtype == np.float32:
        _call("liquidQuantQuantizeF32", _ptr(w, _f32), n, k, group_size, *outputs)
    else:
        raise TypeError(f"the C API takes float16 or float32, got {w.dtype}")
    return QuantizedWeights(codes, scales, offsets, s1, group_size)


def pack_dual_mma(codes: np.ndarray) -> np.ndarray:
    codes = np.ascontiguousarray(codes, dtype=np.uint8)
    n, k = codes.shape
    packed = np.zeros(max(n * k // 2, 0), np.uint8)
    _call("liquidQuantPackDualMma", _ptr(codes, _u8), n, k, _ptr(packed, _u8))
    return packed


def unpack_dual_mma(packed: np.ndarray, n: int, k: int) -> np.ndarray:
    packed = np.ascontiguousarray(packed, dtype=np.uint8)
    codes = np.zeros((n, k), np.uint8)
    _call("liquidQuantUnpackDualMma", _ptr(packed, _u8), n, k, _ptr(codes, _u8))
    return codes


def _permute_group_params(function: str, source: np.ndarray) -> np.ndarray:
    source = np.ascontiguousarray(source, dtype=np.uint8)
    n, groups = source.shape
    result = np.zeros((n, groups), np.uint8)
    _call(function, _ptr(source, _u8), n, groups, _ptr(result, _u8))
    return result


def pack_group_params(params: np.ndarray) -> np.ndarray:
    return _permute_group_params("liquidQuantPackGroupParams", params)


def unpack_group_params(packed: np.ndarray) -> np.ndarray:
    return _permute_group_params("liquidQuantUnpackGroupParams", packed)


def _weight_args(q: QuantizedWeights):
    n, k = q.codes.shape
    return (
        _ptr(np.ascontiguousarray(q.codes), _u8),
        _ptr(np.ascontiguousarray(q.scales), _u8),
        _ptr(np.ascontiguousarray(q.offsets), _u8),
        _ptr(np.ascontiguousarray(q.channel_scales), _f32),
        n, k, q.group_size,
    )


def reference_gemm(x: np.ndarray, q: QuantizedWeights, sx: np.ndarray | None):
    """liquidQuantReferenceGemm: (acc int32 [m, n], y float16 [m, n] or None)."""
    x = np.ascontiguousarray(x, dtype=np.int8)
    m, n = x.shape[0], q.codes.shape[0]
    acc = np.zeros((m, n), np.int32)
    y = None if sx is None else np.zeros((m, n), np.uint16)
    sx_arg = None if sx is None else _ptr(np.ascontiguousarray(sx, np.float32), _f32)
    y_arg = None if y is None else _ptr(y, _u16)
    _call("liquidQuantReferenceGemm", _ptr(x, _i8), m, *_weight_args(q),
          sx_arg, _ptr(acc, _i32), y_arg)
    return acc, None if y is None else y.view(np.float16)


def reference_gemm_offset_mode(x: np.ndarray, q: QuantizedWeights) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.int8)
    acc = np.zeros((x.shape[0], q.codes.shape[0]), np.int32)
    _call("liquidQuantReferenceGemmOffsetMode", _ptr(x, _i8), x.shape[0],
          *_weight_args(q), _ptr(acc, _i32))
    return acc


def dequant_register(spread_codes: int, s: int, a: int, mode: int) -> int:
    out = ctypes.c_uint32()
    _call("liquidQuantDequantRegister", spread_codes, s, a, mode, ctypes.byref(out))
    return out.value
