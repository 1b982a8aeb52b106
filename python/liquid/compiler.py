"""compile(): a W4A8 problem to a loaded-on-demand Kernel, through a cache.

    kernel = liquid.compile(n=4096, k=4096, group=64)     # runs liquid-compile once
    y = kernel(x_q, x_scale, weights)                     # torch CUDA tensors

liquid-compile is found via $LIQUID_COMPILE, else <repo>/build/bin, else
PATH. Its cubin and manifest go into a cache directory ($LIQUID_CACHE_DIR,
default ~/.cache/liquid), laid out as

    <cache>/<problem>/<toolchain>/{<kernel>.cubin, <kernel>.json, entry.json}

<problem> names (n, k, group, mode, m_max); <toolchain> is a hash of the
compiler identity (the output of `liquid-compile --version`, which only
names LLVM, plus a SHA-256 of the liquid-compile binary, so that any rebuild
of the compiler invalidates) and of the ptxas version line. A changed
compiler or ptxas gives another key, hence a recompile. A cache hit loads
without running liquid-compile. Where no liquid-compile can be found (a GPU
machine without MLIR, given a cache directory copied from elsewhere), the
newest entry of the problem is used, preferring one built by the local
ptxas when there is one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .layout import check_dual_mma_shape
from .quant import check_quant_shape

MODES = ("xor", "offset")
ENTRY_FILE = "entry.json"


class CompileError(RuntimeError):
    """liquid-compile is missing or failed."""


# --- validation ---------------------------------------------------------------


def _check_int(name: str, value, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            import numpy as np

            if isinstance(value, np.integer):
                value = int(value)
            else:
                raise TypeError
        except TypeError:
            raise ValueError(f"{name} must be an integer, got {value!r}") from None
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def check_problem(n, k, group, mode="xor", m_max=256):
    """Validates compile()'s arguments; raises ValueError naming the argument."""
    n = _check_int("n", n)
    k = _check_int("k", k)
    group = _check_int("group", group)
    m_max = _check_int("m_max", m_max)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    message = check_dual_mma_shape(n, k)
    if message:
        raise ValueError(message)
    message = check_quant_shape(n, k, group)
    if message:
        raise ValueError(f"group: {message}")
    return n, k, group, mode, m_max


# --- tools --------------------------------------------------------------------


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def find_compiler() -> Path | None:
    """liquid-compile: $LIQUID_COMPILE (only it, when set), else
    <repo>/build/bin/liquid-compile, else PATH; None when not found."""
    explicit = os.environ.get("LIQUID_COMPILE")
    if explicit:
        path = Path(explicit)
        return path if path.is_file() and os.access(path, os.X_OK) else None
    built = repo_root() / "build" / "bin" / "liquid-compile"
    if built.is_file() and os.access(built, os.X_OK):
        return built
    on_path = shutil.which("liquid-compile")
    return Path(on_path) if on_path else None


def find_ptxas() -> Path | None:
    """ptxas as liquid-compile finds it: $LIQUID_PTXAS, $CUDA_HOME/bin,
    $CUDA_PATH/bin, PATH, /usr/local/cuda/bin."""
    explicit = os.environ.get("LIQUID_PTXAS")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    for var in ("CUDA_HOME", "CUDA_PATH"):
        if os.environ.get(var):
            path = Path(os.environ[var]) / "bin" / "ptxas"
            if path.is_file():
                return path
    on_path = shutil.which("ptxas")
    if on_path:
        return Path(on_path)
    default = Path("/usr/local/cuda/bin/ptxas")
    return default if default.is_file() else None


def _file_stamp(path: Path):
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=16)
def _compiler_version_of(stamp) -> str:
    path = stamp[0]
    out = subprocess.run([path, "--version"], capture_output=True, text=True,
                         timeout=60)
    version = " ".join((out.stdout + out.stderr).split())
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    return f"{version} sha256:{digest}"


def compiler_version(path: Path | None = None) -> str | None:
    """The compiler's identity in the cache key: `liquid-compile --version`
    (which names only LLVM) plus a hash of the binary; None when there is no
    liquid-compile."""
    path = path or find_compiler()
    if path is None:
        return None
    return _compiler_version_of(_file_stamp(path))


@functools.lru_cache(maxsize=16)
def _ptxas_version_of(stamp) -> str:
    out = subprocess.run([stamp[0], "--version"], capture_output=True,
                         text=True, timeout=60)
    lines = [line.strip() for line in out.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else "unknown"


def ptxas_version() -> str | None:
    """The last line of `ptxas --version` (the manifest's compiler.ptxas),
    or None when there is no ptxas."""
    path = find_ptxas()
    if path is None:
        return None
    return _ptxas_version_of(_file_stamp(path))


# --- cache --------------------------------------------------------------------


def default_cache_dir() -> Path:
    if os.environ.get("LIQUID_CACHE_DIR"):
        return Path(os.environ["LIQUID_CACHE_DIR"])
    return Path.home() / ".cache" / "liquid"


def problem_key(n, k, group, mode, m_max) -> str:
    return f"n{n}_k{k}_g{group}_{mode}_m{m_max}"


def toolchain_key(problem: str, compiler: str, ptxas: str | None) -> str:
    text = json.dumps({"problem": problem, "compiler": compiler,
                       "ptxas": ptxas}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _read_entry(directory: Path) -> dict | None:
    try:
        entry = json.loads((directory / ENTRY_FILE).read_text())
    except (OSError, ValueError):
        return None
    kernel = entry.get("kernel")
    if not kernel:
        return None
    if not (directory / f"{kernel}.cubin").is_file() or not (
        directory / f"{kernel}.json"
    ).is_file():
        return None
    return entry


def _run_compiler(compiler: Path, n, k, group, mode, m_max, out_dir: Path) -> None:
    """Runs liquid-compile into out_dir; raises CompileError with its output."""
    args = [str(compiler), "-n", str(n), "-k", str(k), f"--group={group}",
            "-m", str(m_max), f"--mode={mode}", "-o", str(out_dir)]
    try:
        result = subprocess.run(args, capture_output=True, text=True)
    except OSError as e:
        raise CompileError(f"cannot run {compiler}: {e}") from e
    if result.returncode != 0:
        raise CompileError(
            f"liquid-compile failed (exit {result.returncode}): "
            + " ".join(args) + "\n" + result.stdout + result.stderr
        )


def _compile_into(directory: Path, compiler: Path, problem: dict,
                  versions: dict) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=directory.parent))
    try:
        _run_compiler(compiler, problem["n"], problem["k"], problem["group"],
                      problem["mode"], problem["m_max"], staging)
        manifests = sorted(staging.glob("*.json"))
        if len(manifests) != 1:
            raise CompileError(
                f"liquid-compile wrote {len(manifests)} manifests into {staging}"
            )
        kernel = manifests[0].stem
        if not (staging / f"{kernel}.cubin").is_file():
            raise CompileError(f"liquid-compile wrote no {kernel}.cubin")
        entry = {"kernel": kernel, "problem": problem, **versions,
                 "created": time.time()}
        (staging / ENTRY_FILE).write_text(json.dumps(entry, indent=2) + "\n")
        try:
            os.rename(staging, directory)
        except OSError:
            # Another process filled the entry first; keep its files.
            if _read_entry(directory) is None:
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _newest_entry(problem_dir: Path, ptxas: str | None) -> Path | None:
    entries = []
    for directory in problem_dir.iterdir() if problem_dir.is_dir() else []:
        entry = _read_entry(directory) if directory.is_dir() else None
        if entry is not None:
            local = ptxas is not None and entry.get("ptxas") == ptxas
            entries.append((local, entry.get("created", 0), directory))
    if not entries:
        return None
    return max(entries, key=lambda e: (e[0], e[1]))[2]


def compile(n: int, k: int, group: int, mode: str = "xor", m_max: int = 256,
            cache_dir: str | os.PathLike | None = None):
    """A Kernel for Y[M, n] = X[M, k] * W[n, k]^T with group size `group`,
    dequantization `mode` ("xor" or "offset") and a configuration tuned for
    M <= m_max (any M >= 1 runs). Compiles with liquid-compile on a cache
    miss; the kernel is loaded onto a GPU on its first call."""
    from .kernel import Kernel

    n, k, group, mode, m_max = check_problem(n, k, group, mode, m_max)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    problem = {"n": n, "k": k, "group": group, "mode": mode, "m_max": m_max}
    pkey = problem_key(n, k, group, mode, m_max)
    problem_dir = cache / pkey

    compiler = find_compiler()
    if compiler is None:
        directory = _newest_entry(problem_dir, ptxas_version())
        if directory is None:
            raise CompileError(
                "liquid-compile not found ($LIQUID_COMPILE="
                f"{os.environ.get('LIQUID_COMPILE', '<unset>')}, "
                f"{repo_root() / 'build' / 'bin'}, PATH) and no cached kernel "
                f"for {pkey} in {cache}; build liquid-compile, set "
                "LIQUID_COMPILE, or copy a cache directory (LIQUID_CACHE_DIR)"
            )
    else:
        versions = {"compiler": compiler_version(compiler),
                    "ptxas": ptxas_version()}
        directory = problem_dir / toolchain_key(pkey, versions["compiler"],
                                                versions["ptxas"])
        if _read_entry(directory) is None:
            if directory.exists():
                shutil.rmtree(directory, ignore_errors=True)
            _compile_into(directory, compiler, problem, versions)

    entry = _read_entry(directory)
    kernel = entry["kernel"]
    return Kernel(
        cubin_path=directory / f"{kernel}.cubin",
        manifest_path=directory / f"{kernel}.json",
    )
