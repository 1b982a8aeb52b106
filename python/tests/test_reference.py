"""liquid.reference: exact accumulators, fp16 epilogue, offset mode."""

import numpy as np
import pytest

import liquid
from samples import weights

# (m, n, k, group_size): M = 1 and odd sizes, every group-size kind.
CASES = [
    (1, 64, 64, 64),
    (1, 128, 256, 128),
    (3, 64, 128, 64),
    (7, 192, 256, 256),
    (16, 64, 384, 128),
    (33, 128, 128, 64),
    (5, 3, 96, 96),
    (2, 9, 7, 7),
]


def make_problem(m, n, k, group_size, distribution="heavy_tailed"):
    seed = m * 7919 + n * 31 + k
    q = liquid.quantize_weights(weights(distribution, n, k, seed), group_size)
    rng = np.random.default_rng(seed + 1)
    x = rng.integers(-128, 128, (m, k)).astype(np.int8)
    x[0, ::2], x[0, 1::2] = -128, 127  # int8 extremes
    sx = (1 / (127 + np.arange(m))).astype(np.float32)
    return x, q, sx


@pytest.mark.parametrize("m,n,k,group_size", CASES)
def test_accumulators_exact_against_float64(m, n, k, group_size):
    x, q, sx = make_problem(m, n, k, group_size)
    acc, y = liquid.reference_gemm(x, q, sx)
    assert acc.dtype == np.int32 and y.dtype == np.float16
    # Naive triple loop in Python integers on a few entries, vectorized float64 on all.
    w = liquid.dequantize(q).astype(np.int64)
    for i, j in [(0, 0), (m - 1, n - 1), (m // 2, n // 2)]:
        assert acc[i, j] == sum(int(x[i, t]) * int(w[j, t]) for t in range(k))
    expected = x.astype(np.float64) @ w.T.astype(np.float64)
    np.testing.assert_array_equal(acc, expected)
    reference = expected * sx.astype(np.float64)[:, None] * q.channel_scales.astype(np.float64)
    tolerance = 1e-3 * np.abs(reference) + 2.0**-25
    assert (np.abs(y.astype(np.float64) - reference) <= tolerance).all()


@pytest.mark.parametrize("m,n,k,group_size", CASES)
def test_offset_mode_equals_xor_mode(m, n, k, group_size):
    x, q, _ = make_problem(m, n, k, group_size)
    acc, _ = liquid.reference_gemm(x, q)
    np.testing.assert_array_equal(liquid.reference_gemm_offset_mode(x, q), acc)


@pytest.mark.parametrize("distribution", ["normal", "outliers", "ties"])
@pytest.mark.parametrize("m,n,k,group_size", CASES)
def test_bit_identical_to_cpp(capi, m, n, k, group_size, distribution):
    x, q, sx = make_problem(m, n, k, group_size, distribution)
    acc, y = liquid.reference_gemm(x, q, sx)
    c_acc, c_y = capi.reference_gemm(x, q, sx)
    np.testing.assert_array_equal(acc, c_acc)
    np.testing.assert_array_equal(y.view(np.uint16), c_y.view(np.uint16))
    np.testing.assert_array_equal(capi.reference_gemm_offset_mode(x, q), acc)


def test_fp16_rounding_ties_and_overflow_match_cpp(capi):
    # Scales chosen so that many products land on fp16 ties, subnormals and
    # beyond 65504: the epilogue's rounding is compared bit for bit.
    x, q, _ = make_problem(4, 64, 128, 64)
    for sx_value in (2.0**-20, 2.0**-13, 1.0, 7.0, 2.0**10):
        sx = np.full(4, sx_value, np.float32)
        _, y = liquid.reference_gemm(x, q, sx)
        _, c_y = capi.reference_gemm(x, q, sx)
        np.testing.assert_array_equal(y.view(np.uint16), c_y.view(np.uint16))


def test_epilogue_product_order_matches_cpp(capi):
    # Large enough that (acc * sx) * s1 and acc * (sx * s1) differ in fp16
    # somewhere; numpy and C++ must agree on every output.
    m, n, k = 1024, 128, 64
    q = liquid.quantize_weights(weights("uniform", n, k, seed=21), 64)
    rng = np.random.default_rng(22)
    x = rng.integers(-128, 128, (m, k)).astype(np.int8)
    sx = rng.uniform(1e-3, 1e-2, m).astype(np.float32)
    acc, y = liquid.reference_gemm(x, q, sx)
    _, c_y = capi.reference_gemm(x, q, sx)
    np.testing.assert_array_equal(y.view(np.uint16), c_y.view(np.uint16))
    other = (acc.astype(np.float32) * (sx[:, None] * q.channel_scales[None, :])).astype(np.float16)
    assert (other != y).any(), "the problem does not tell the orders apart"


def test_dequant_register_matches_cpp(capi):
    rng = np.random.default_rng(2)
    for _ in range(2000):
        mn = int(rng.integers(-119, 120))
        mx = int(rng.integers(mn, 120))
        s = max(1, -(-(mx - mn) // 15))
        a = 128 + mn
        top = min(15, (2 * (mx - mn) + s) // (2 * s))
        codes = rng.integers(0, top + 1, 4)
        spread = int(sum(int(c) << (8 * i) for i, c in enumerate(codes)))
        xor = capi.dequant_register(spread, s, a, capi.DEQUANT_XOR)
        offset = capi.dequant_register(spread, s, a, capi.DEQUANT_OFFSET)
        for i, c in enumerate(codes):
            q8 = int(c) * s + mn
            assert (offset >> (8 * i)) & 0xFF == q8 + 128
            assert np.int8(np.uint8((xor >> (8 * i)) & 0xFF)) == q8


def test_input_validation():
    _, q, _ = make_problem(2, 64, 128, 64)
    with pytest.raises(ValueError, match=r"int8 \[m, 128\] matrix with m > 0, got int32"):
        liquid.reference_gemm(np.zeros((2, 128), np.int32), q)
    with pytest.raises(ValueError, match=r"got int8 of shape \(2, 64\)"):
        liquid.reference_gemm(np.zeros((2, 64), np.int8), q)
    with pytest.raises(ValueError, match=r"sx must have shape \(2,\), got \(3,\)"):
        liquid.reference_gemm(np.zeros((2, 128), np.int8), q, np.ones(3, np.float32))
