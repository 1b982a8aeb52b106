"""Finding and opening liquid's shared libraries (the C APIs in lib/CAPI).

A library is searched in $LIQUID_LIB_DIR, then in <repo>/build/lib.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path


def library_candidates(name: str) -> list[Path]:
    """Where library `name` is looked for, in order."""
    candidates = []
    if os.environ.get("LIQUID_LIB_DIR"):
        candidates.append(Path(os.environ["LIQUID_LIB_DIR"]) / name)
    repo = Path(__file__).resolve().parents[2]
    candidates.append(repo / "build" / "lib" / name)
    return candidates


def open_library(name: str, unavailable: type[Exception], hint: str) -> ctypes.CDLL:
    """Opens the first candidate of `name` that exists; raises `unavailable`
    naming the paths tried (and `hint`, how to get the library) otherwise."""
    tried = library_candidates(name)
    for path in tried:
        if path.is_file():
            try:
                return ctypes.CDLL(str(path))
            except OSError as e:
                raise unavailable(f"cannot load {path}: {e}") from e
    raise unavailable(
        f"{name} not found (looked in "
        + ", ".join(str(p.parent) for p in tried)
        + f"); {hint}"
    )
