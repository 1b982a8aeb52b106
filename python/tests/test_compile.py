"""liquid.compile on the CPU: the cache (miss, hit, invalidation, a machine
without the compiler) and the argument errors. Uses the real liquid-compile
of <repo>/build/bin (it needs ptxas, as the build does)."""

import json
import os

import pytest

import liquid
from liquid import compiler

N, K, G = 256, 256, 64


@pytest.fixture
def real_compiler(monkeypatch):
    monkeypatch.delenv("LIQUID_COMPILE", raising=False)
    monkeypatch.delenv("LIQUID_CACHE_DIR", raising=False)
    path = compiler.find_compiler()
    if path is None:
        pytest.skip("liquid-compile is not built (LIQUID_ENABLE_MLIR=OFF?)")
    if compiler.find_ptxas() is None:
        pytest.skip("liquid-compile needs ptxas, which is not installed")
    return path


@pytest.fixture
def count_runs(monkeypatch):
    """Counts liquid-compile runs (still running the real one)."""
    runs = []
    real = compiler._run_compiler

    def counting(*args, **kwargs):
        runs.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(compiler, "_run_compiler", counting)
    return runs


def entries(cache):
    return sorted(p.parent for p in cache.glob("*/*/entry.json"))


def test_miss_compiles_into_the_cache(real_compiler, count_runs, tmp_path):
    kernel = liquid.compile(N, K, G, cache_dir=tmp_path)
    assert len(count_runs) == 1
    assert (kernel.n, kernel.k, kernel.group_size, kernel.mode) == (N, K, G, "xor")
    assert kernel.cubin_path.is_file() and kernel.cubin_path.stat().st_size > 0
    assert kernel.manifest_path.parent == kernel.cubin_path.parent
    assert str(kernel.cubin_path).startswith(str(tmp_path))
    (entry,) = entries(tmp_path)
    meta = json.loads((entry / "entry.json").read_text())
    assert meta["problem"] == {"n": N, "k": K, "group": G, "mode": "xor", "m_max": 256}
    assert meta["ptxas"] == kernel.manifest["compiler"]["ptxas"]
    assert not list(tmp_path.glob("*/.tmp-*")), "staging directory left behind"


def test_hit_does_not_run_the_compiler(real_compiler, count_runs, tmp_path):
    first = liquid.compile(N, K, G, cache_dir=tmp_path)
    second = liquid.compile(N, K, G, cache_dir=tmp_path)
    assert len(count_runs) == 1
    assert second.cubin_path == first.cubin_path
    assert second.manifest == first.manifest


def test_default_cache_dir_from_environment(real_compiler, count_runs, tmp_path,
                                            monkeypatch):
    monkeypatch.setenv("LIQUID_CACHE_DIR", str(tmp_path / "env-cache"))
    kernel = liquid.compile(N, K, G)
    assert str(kernel.cubin_path).startswith(str(tmp_path / "env-cache"))


def test_hit_without_compiler(real_compiler, tmp_path, monkeypatch):
    first = liquid.compile(N, K, G, cache_dir=tmp_path)
    # A GPU machine without MLIR, given the cache directory.
    monkeypatch.setenv("LIQUID_COMPILE", str(tmp_path / "no-such-liquid-compile"))
    assert compiler.find_compiler() is None
    again = liquid.compile(N, K, G, cache_dir=tmp_path)
    assert again.cubin_path == first.cubin_path


def test_miss_without_compiler_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("LIQUID_COMPILE", str(tmp_path / "no-such-liquid-compile"))
    with pytest.raises(RuntimeError, match="liquid-compile not found"):
        liquid.compile(N, K, G, cache_dir=tmp_path)


def test_key_separates_problems(real_compiler, count_runs, tmp_path):
    xor = liquid.compile(N, K, G, cache_dir=tmp_path)
    offset = liquid.compile(N, K, G, mode="offset", cache_dir=tmp_path)
    small = liquid.compile(N, K, G, m_max=16, cache_dir=tmp_path)
    assert len(count_runs) == 3
    assert offset.mode == "offset" and xor.mode == "xor"
    assert len({xor.cubin_path, offset.cubin_path, small.cubin_path}) == 3


def test_compiler_version_change_invalidates(real_compiler, count_runs, tmp_path,
                                             monkeypatch):
    first = liquid.compile(N, K, G, cache_dir=tmp_path)
    monkeypatch.setattr(compiler, "compiler_version", lambda path=None: "liquid 99")
    second = liquid.compile(N, K, G, cache_dir=tmp_path)
    assert len(count_runs) == 2
    assert second.cubin_path != first.cubin_path
    assert len(entries(tmp_path)) == 2
    liquid.compile(N, K, G, cache_dir=tmp_path)
    assert len(count_runs) == 2


def test_ptxas_version_change_invalidates(real_compiler, count_runs, tmp_path,
                                          monkeypatch):
    liquid.compile(N, K, G, cache_dir=tmp_path)
    real = compiler.ptxas_version()
    monkeypatch.setattr(compiler, "ptxas_version", lambda: real + " (patched)")
    liquid.compile(N, K, G, cache_dir=tmp_path)
    assert len(count_runs) == 2


def test_incomplete_entry_is_recompiled(real_compiler, count_runs, tmp_path):
    kernel = liquid.compile(N, K, G, cache_dir=tmp_path)
    os.remove(kernel.cubin_path)
    again = liquid.compile(N, K, G, cache_dir=tmp_path)
    assert len(count_runs) == 2
    assert again.cubin_path.is_file()


def test_compiler_version_names_the_binary(real_compiler):
    version = compiler.compiler_version(real_compiler)
    assert "sha256:" in version
    assert compiler.compiler_version(real_compiler) == version


def test_compiler_failure_is_reported(real_compiler, tmp_path, monkeypatch):
    script = tmp_path / "failing-compile"
    script.write_text("#!/bin/sh\necho 'bad things' >&2\nexit 3\n")
    script.chmod(0o755)
    monkeypatch.setenv("LIQUID_COMPILE", str(script))
    with pytest.raises(liquid.CompileError, match="bad things"):
        liquid.compile(N, K, G, cache_dir=tmp_path / "cache")
    assert not entries(tmp_path / "cache")


@pytest.mark.parametrize(
    "kwargs, argument",
    [
        (dict(n=0, k=256, group=64), "n"),
        (dict(n=100, k=256, group=64), "n"),
        (dict(n=256, k=96, group=32), "k"),
        (dict(n=256, k=256, group=32), "group"),
        (dict(n=256, k=256, group=192), "group"),
        (dict(n=256, k=256, group=64, mode="fast"), "mode"),
        (dict(n=256, k=256, group=64, m_max=0), "m_max"),
        (dict(n=256.0, k=256, group=64), "n"),
        (dict(n=256, k=256, group=True), "group"),
    ],
)
def test_argument_errors(kwargs, argument, tmp_path, monkeypatch):
    # Nothing may run: no compiler is reachable.
    monkeypatch.setenv("LIQUID_COMPILE", str(tmp_path / "no-such-liquid-compile"))
    with pytest.raises(ValueError, match=rf"^{argument}\b"):
        liquid.compile(cache_dir=tmp_path, **kwargs)
    assert not list(tmp_path.iterdir())


def test_group_equal_to_k_is_accepted():
    assert compiler.check_problem(256, 512, 512) == (256, 512, 512, "xor", 256)


def test_import_needs_no_torch():
    # quantize_activations_reference is the CPU twin of the torch version.
    import numpy as np

    x = np.array([[0.0, 0.0], [1.0, -2.0], [0.5, 0.25]], np.float32)
    x_q, scale, xsum = liquid.quantize_activations_reference(x)
    assert x_q.dtype == np.int8 and scale.dtype == np.float32 and xsum.dtype == np.int32
    assert x_q[0].tolist() == [0, 0] and scale[0] == 0
    assert x_q[1].tolist() == [64, -127]  # 63.5 rounds to even
    assert x_q[2].tolist() == [127, 64]  # 63.5 again
    assert xsum.tolist() == [0, -63, 191]
