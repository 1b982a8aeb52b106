"""liquid.quant: bit-identical to the C++ quantizer, and validated inputs."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

import liquid
from samples import DISTRIBUTIONS, weights

SHAPES = [(16, 256, 64), (16, 256, 128), (16, 256, 256), (7, 384, 128), (5, 96, 96), (3, 7, 7)]


def assert_same_quantization(actual, expected):
    np.testing.assert_array_equal(actual.codes, expected.codes)
    np.testing.assert_array_equal(actual.scales, expected.scales)
    np.testing.assert_array_equal(actual.offsets, expected.offsets)
    # Bit patterns, not values: -0.0 == 0.0 would hide a difference.
    np.testing.assert_array_equal(
        actual.channel_scales.view(np.uint32), expected.channel_scales.view(np.uint32)
    )
    assert actual.group_size == expected.group_size


def test_output_dtypes_and_shapes():
    q = liquid.quantize_weights(weights("normal", 6, 256, 0), 64)
    assert q.codes.dtype == np.uint8 and q.codes.shape == (6, 256)
    assert q.scales.dtype == np.uint8 and q.scales.shape == (6, 4)
    assert q.offsets.dtype == np.uint8 and q.offsets.shape == (6, 4)
    assert q.channel_scales.dtype == np.float32 and q.channel_scales.shape == (6,)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
@pytest.mark.parametrize("n,k,group_size", SHAPES)
@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_bit_identical_to_cpp(capi, distribution, n, k, group_size, dtype):
    w = weights(distribution, n, k, seed=n * 1000 + k, dtype=dtype)
    assert_same_quantization(
        liquid.quantize_weights(w, group_size), capi.quantize_weights(w, group_size)
    )


@pytest.mark.parametrize("group_size", [64, 128, 256])
def test_edge_cases_bit_identical_to_cpp(capi, group_size):
    f32 = np.finfo(np.float32)
    w = weights("uniform", 8, 256, seed=5)
    w[0] = 0.0  # all-zero row
    w[1] = 0.3  # all-equal groups
    w[2, ::2], w[2, 1::2] = f32.max, -f32.max  # extremes
    w[3] = 0.0
    w[3, 77] = -3e-38  # a single tiny nonzero
    w[4] = 0.0
    w[4, 5] = f32.smallest_subnormal  # s1 underflows to zero -> s1 = 1
    w[5] = np.ldexp(np.arange(256, dtype=np.float32) % 17 - 8, -133)  # subnormal s1
    w[6, :128] = 1.0  # one all-equal half, the rest random
    w[7] = 0.0
    w[7, :3] = np.array([178, -178, 60], np.float32) * f32.smallest_subnormal  # clamped
    q = liquid.quantize_weights(w, group_size)
    assert_same_quantization(q, capi.quantize_weights(w, group_size))
    assert q.channel_scales[0] == 1 and not q.codes[0].any()
    assert q.channel_scales[4] == 1 and not liquid.dequantize(q)[4].any()
    assert (q.scales[1] == 1).all() and not q.codes[1].any()
    assert q.channel_scales[7] == f32.smallest_subnormal and q.offsets[7, 0] == 128 - 119


def test_f16_input_equals_its_f32_widening(capi):
    rng = np.random.default_rng(9)
    bits = rng.integers(0, 0x10000, (9, 256), dtype=np.uint32).astype(np.uint16)
    bits[(bits & 0x7C00) == 0x7C00] &= 0xBFFF  # no infinities or NaNs
    bits[3] &= 0x83FF  # a row of subnormal halves
    h = bits.view(np.float16)
    for group_size in (64, 128, 256):
        from_half = liquid.quantize_weights(h, group_size)
        assert_same_quantization(from_half, liquid.quantize_weights(h.astype(np.float32), group_size))
        assert_same_quantization(from_half, capi.quantize_weights(h, group_size))


def test_level_one_ties_round_away_from_zero():
    # Row maximum 119 gives s1 = 1, so q8 = round(w); the second group spans
    # less than 15, so s = 1 and q8 = q4 + mn is read back exactly.
    below_half = np.nextafter(np.float32(0.5), np.float32(0))
    values = np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, below_half, -below_half, 3.0], np.float32)
    w = np.zeros((1, 128), np.float32)
    w[0, 0] = 119
    w[0, 64 : 64 + len(values)] = values
    q = liquid.quantize_weights(w, 64)
    assert q.channel_scales[0] == 1 and q.scales[0, 1] == 1
    got = liquid.dequantize(q)[0, 64 : 64 + len(values)]
    np.testing.assert_array_equal(got, [1, 2, 3, -1, -2, -3, 0, 0, 3])


def _round_half_up_decimal(x: np.float32) -> float:
    """Round half away from zero, exactly, through Decimal."""
    return float(Decimal(float(x)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_round_half_away_from_zero_is_exact():
    rng = np.random.default_rng(3)
    specials = []
    for base in [0.5, 1.5, 2.5, 1023.5, 2.0**22 + 0.5, 2.0**23, 2.0**24 + 2, 119.5, 0.0]:
        b = np.float32(base)
        specials += [b, np.nextafter(b, np.float32(0)), np.nextafter(b, np.float32(np.inf))]
    x = np.concatenate(
        [
            np.array(specials, np.float32),
            rng.uniform(-300, 300, 100_000).astype(np.float32),
            (rng.integers(-1000, 1000, 1000) + np.float32(0.5)).astype(np.float32),
        ]
    )
    x = np.concatenate([x, -x])
    expected = np.array([_round_half_up_decimal(v) for v in x], np.float32)
    np.testing.assert_array_equal(liquid.round_half_away_from_zero(x), expected)


@pytest.mark.parametrize("distribution", DISTRIBUTIONS)
@pytest.mark.parametrize("group_size", [64, 128, 512])
def test_error_bound(distribution, group_size):
    w = weights(distribution, 12, 512, seed=17)
    q = liquid.quantize_weights(w, group_size)
    s = np.repeat(q.scales.astype(np.float64), group_size, axis=1)
    s1 = q.channel_scales.astype(np.float64)[:, None]
    error = np.abs(w.astype(np.float64) - s1 * liquid.dequantize(q))
    assert (error <= s1 * (0.5 + s / 2) * (1 + 1e-5)).all()
    assert q.codes.max() <= 15
    assert 1 <= q.scales.min() and q.scales.max() <= 16
    assert 9 <= q.offsets.min() and q.offsets.max() <= 247


BAD_SHAPES = [(0, 128, 64), (-2, 128, 64), (4, 0, 64), (4, 256, 32), (4, 256, 0), (4, 200, 128), (4, 96, 64)]


@pytest.mark.parametrize("n,k,group_size", BAD_SHAPES)
def test_shape_errors_match_cpp(capi, n, k, group_size):
    message = liquid.check_quant_shape(n, k, group_size)
    assert message is not None
    assert message == capi.check_shape(n, k, group_size)


def test_shape_error_messages():
    with pytest.raises(ValueError, match=r"^group size 32 must be 64, 128 or k = 256$"):
        liquid.quantize_weights(np.zeros((4, 256), np.float32), 32)
    with pytest.raises(ValueError, match=r"^group size 128 does not divide k = 192$"):
        liquid.quantize_weights(np.zeros((4, 192), np.float32), 128)
    with pytest.raises(ValueError, match=r"^n \(weight rows\) must be positive, got 0$"):
        liquid.quantize_weights(np.zeros((0, 128), np.float32), 64)


def test_input_validation():
    with pytest.raises(ValueError, match="float16 or float32, got float64"):
        liquid.quantize_weights(np.zeros((4, 128)), 64)
    with pytest.raises(ValueError, match="float16 or float32, got int8"):
        liquid.quantize_weights(np.zeros((4, 128), np.int8), 64)
    with pytest.raises(ValueError, match=r"2-D \[n, k\] matrix, got shape \(128,\)"):
        liquid.quantize_weights(np.zeros(128, np.float32), 64)
    with pytest.raises(TypeError):
        liquid.quantize_weights(np.zeros((4, 128), np.float32), 64.0)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_weights_are_named_like_cpp(capi, bad):
    w = np.ones((4, 128), np.float32)
    w[2, 5] = bad
    with pytest.raises(ValueError) as python_error:
        liquid.quantize_weights(w, 64)
    with pytest.raises(capi.CapiError) as c_error:
        capi.quantize_weights(w, 64)
    assert str(python_error.value) == str(c_error.value) == "weight (row 2, col 5) is not finite"
    with pytest.raises(ValueError, match=r"weight \(row 2, col 5\) is not finite"):
        liquid.quantize_weights(w.astype(np.float16), 64)
