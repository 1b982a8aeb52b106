"""ctypes bindings of libLiquidRuntimeC.so (include/liquid-c/Runtime.h).

The C++ runtime reads the manifest, validates the operands, encodes the TMA
descriptors and launches; Python only passes device addresses. The library
is built where the CUDA toolkit is found and searched in $LIQUID_LIB_DIR,
then in <repo>/build/lib.
"""

from __future__ import annotations

import ctypes
import functools
import os

from ._library import open_library

LIBRARY_NAME = "libLiquidRuntimeC.so"

# The order of the operand arrays of liquidRuntimeLaunch (LiquidRuntimeOperand).
OPERAND_ORDER = (
    "activations",
    "weights",
    "group_scales",
    "group_offsets",
    "channel_scales",
    "token_scales",
    "xsum",
    "out",
)


class RuntimeUnavailable(OSError):
    """libLiquidRuntimeC.so was not found or could not be loaded."""


class RuntimeCallError(RuntimeError):
    """A runtime call failed; the message is liquidRuntimeLastError()."""


_u64p = ctypes.POINTER(ctypes.c_uint64)
_i64p = ctypes.POINTER(ctypes.c_int64)


@functools.lru_cache(maxsize=None)
def load() -> ctypes.CDLL:
    lib = open_library(LIBRARY_NAME, RuntimeUnavailable,
                       "build the LiquidRuntimeC target (needs the CUDA "
                       "toolkit) or set LIQUID_LIB_DIR")
    lib.liquidRuntimeLastError.restype = ctypes.c_char_p
    lib.liquidRuntimeLastError.argtypes = []
    lib.liquidRuntimeLoad.restype = ctypes.c_int
    lib.liquidRuntimeLoad.argtypes = [
        ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)
    ]
    lib.liquidRuntimeLaunch.restype = ctypes.c_int
    lib.liquidRuntimeLaunch.argtypes = [
        ctypes.c_void_p, _u64p, _u64p, ctypes.c_int64, ctypes.c_void_p
    ]
    lib.liquidRuntimeGetProblem.restype = ctypes.c_int
    lib.liquidRuntimeGetProblem.argtypes = [
        ctypes.c_void_p, _i64p, _i64p, _i64p, ctypes.POINTER(ctypes.c_int)
    ]
    lib.liquidRuntimeDestroy.restype = None
    lib.liquidRuntimeDestroy.argtypes = [ctypes.c_void_p]
    return lib


def _error(lib) -> RuntimeCallError:
    return RuntimeCallError(lib.liquidRuntimeLastError().decode())


def load_kernel(cubin_path: str | os.PathLike, manifest_path: str | os.PathLike) -> int:
    """liquidRuntimeLoad in the CUDA context current on this thread."""
    lib = load()
    handle = ctypes.c_void_p()
    if lib.liquidRuntimeLoad(os.fsencode(cubin_path), os.fsencode(manifest_path),
                             ctypes.byref(handle)) != 0:
        raise _error(lib)
    return handle.value


def launch(handle: int, addresses, sizes, m: int, stream: int) -> None:
    """liquidRuntimeLaunch; addresses and sizes in OPERAND_ORDER."""
    count = len(OPERAND_ORDER)
    if len(addresses) != count or len(sizes) != count:
        raise ValueError(f"launch needs {count} operand addresses and sizes (in the "
                         f"order {', '.join(OPERAND_ORDER)}), got {len(addresses)} and "
                         f"{len(sizes)}")
    lib = load()
    addr = (ctypes.c_uint64 * count)(*addresses)
    size = (ctypes.c_uint64 * count)(*sizes)
    if lib.liquidRuntimeLaunch(ctypes.c_void_p(handle), addr, size, int(m),
                               ctypes.c_void_p(stream or None)) != 0:
        raise _error(lib)


def destroy(handle: int) -> None:
    if handle:
        load().liquidRuntimeDestroy(ctypes.c_void_p(handle))
