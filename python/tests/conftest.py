"""Shared fixtures of the liquid Python tests."""

import pytest

from liquid import _capi


@pytest.fixture(scope="session")
def capi():
    """The ctypes bindings of libLiquidQuantC.so; tests that compare against
    the C++ library are skipped (with the paths searched) if it is not built."""
    try:
        _capi.load()
    except _capi.CapiUnavailable as error:
        pytest.skip(f"C++ comparison needs the C library: {error}")
    return _capi


def pytest_configure(config):
    # Also registered in pyproject.toml; here for runs with another rootdir.
    config.addinivalue_line(
        "markers",
        "gpu: needs PyTorch, a CUDA (Hopper) device and libLiquidRuntimeC.so; "
        "skipped otherwise")
