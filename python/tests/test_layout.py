"""liquid.layout: the dual-MMA packing, bit-identical to the C++ packer."""

import numpy as np
import pytest

import liquid
from samples import weights

SHAPES = [(64, 64), (64, 128), (128, 64), (192, 256), (320, 384), (128, 4096)]


def test_fragment_formula_for_every_element():
    thread, reg, byte = np.meshgrid(np.arange(128), np.arange(4), np.arange(4), indexing="ij")
    rows, cols = liquid.wgmma_a_fragment_coord(thread, reg, byte)
    for t in range(128):
        w, lane = divmod(t, 32)
        for r in range(4):
            for b in range(4):
                assert rows[t, r, b] == 16 * w + lane // 4 + 8 * (r % 2)
                assert cols[t, r, b] == 4 * (lane % 4) + 16 * (r // 2) + b
    # Every element of the 64 x 32 A tile exactly once.
    counts = np.zeros((64, 32), int)
    np.add.at(counts, (rows.ravel(), cols.ravel()), 1)
    assert (counts == 1).all()


def test_thread_bytes_are_contiguous():
    # Byte 4r + b of thread t is at 16t + 4r + b; nibble = k32 step.
    t, r, b, step = np.meshgrid(
        np.arange(128), np.arange(4), np.arange(4), np.arange(2), indexing="ij"
    )
    rows, cols = liquid.wgmma_a_fragment_coord(t, r, b)
    offset, nibble = liquid.dual_mma_packed_position(rows, cols + 32 * step, 64, 64)
    np.testing.assert_array_equal(offset, 16 * t + 4 * r + b)
    np.testing.assert_array_equal(nibble, step)


def test_documented_example():
    assert liquid.dual_mma_packed_position(9, 37, 64, 64) == (85, 1)
    assert liquid.dual_mma_packed_position(73, 200, 128, 256) == (7 * 2048 + 100, 0)
    assert liquid.dual_mma_logical_coord(80, 0, 64, 64) == (1, 4)
    assert liquid.dual_mma_logical_coord(95, 1, 64, 64) == (9, 55)


@pytest.mark.parametrize("n,k", SHAPES)
def test_position_is_a_bijection(n, k):
    rows, cols = np.meshgrid(np.arange(n), np.arange(k), indexing="ij")
    offset, nibble = liquid.dual_mma_packed_position(rows, cols, n, k)
    slots = np.sort((2 * offset + nibble).ravel())
    np.testing.assert_array_equal(slots, np.arange(n * k))
    back_rows, back_cols = liquid.dual_mma_logical_coord(offset, nibble, n, k)
    np.testing.assert_array_equal(back_rows, rows)
    np.testing.assert_array_equal(back_cols, cols)


@pytest.mark.parametrize("n,k", SHAPES)
def test_pack_bit_identical_to_cpp(capi, n, k):
    codes = np.random.default_rng(n + k).integers(0, 16, (n, k), dtype=np.uint8)
    packed = liquid.pack_dual_mma(codes)
    assert packed.dtype == np.uint8 and packed.shape == (n * k // 2,)
    np.testing.assert_array_equal(packed, capi.pack_dual_mma(codes))
    np.testing.assert_array_equal(liquid.unpack_dual_mma(packed, n, k), codes)


@pytest.mark.parametrize("n,k", SHAPES)
def test_unpack_bit_identical_to_cpp(capi, n, k):
    packed = np.random.default_rng(n * k).integers(0, 256, n * k // 2, dtype=np.uint8)
    codes = liquid.unpack_dual_mma(packed, n, k)
    np.testing.assert_array_equal(codes, capi.unpack_dual_mma(packed, n, k))
    np.testing.assert_array_equal(liquid.pack_dual_mma(codes), packed)


@pytest.mark.parametrize("group_size", [64, 128, 256])
def test_packing_quantized_weights(capi, group_size):
    q = liquid.quantize_weights(weights("heavy_tailed", 128, 256, seed=4), group_size)
    packed = liquid.pack_dual_mma(q.codes)
    np.testing.assert_array_equal(packed, capi.pack_dual_mma(q.codes))
    np.testing.assert_array_equal(liquid.unpack_dual_mma(packed, 128, 256), q.codes)


@pytest.mark.parametrize(
    "n,k,bad",
    [(100, 64, "n (weight rows)"), (0, 64, "n (weight rows)"), (-64, 64, "n (weight rows)"),
     (64, 96, "k (reduction size)"), (64, 32, "k (reduction size)"), (64, 0, "k (reduction size)")],
)
def test_shape_errors_match_cpp(capi, n, k, bad):
    value = n if bad.startswith("n") else k
    expected = f"{bad} must be a positive multiple of 64 for the dual-MMA layout, got {value}"
    assert liquid.check_dual_mma_shape(n, k) == expected
    assert capi.check_dual_mma_shape(n, k) == expected
    with pytest.raises(ValueError) as error:
        liquid.unpack_dual_mma(np.zeros(0, np.uint8), n, k)
    assert str(error.value) == expected


def test_input_validation():
    codes = np.zeros((64, 64), np.uint8)
    codes[1, 7] = 16
    with pytest.raises(ValueError, match=r"code 16 at \(row 1, col 7\) is outside \[0, 15\]"):
        liquid.pack_dual_mma(codes)
    with pytest.raises(ValueError, match="2-D integer"):
        liquid.pack_dual_mma(np.zeros((64, 64), np.float32))
    with pytest.raises(ValueError, match=r"n \* k / 2 = 2048 uint8 bytes, got 100"):
        liquid.unpack_dual_mma(np.zeros(100, np.uint8), 64, 64)


# The group-parameter order: per 64-row block and group, the 32 lane quads'
# pairs of their threads' two fragment rows, 64 contiguous bytes.
@pytest.mark.parametrize("n,groups", [(64, 1), (128, 4), (320, 2), (192, 64)])
def test_group_params_bit_identical_to_cpp(capi, n, groups):
    params = np.random.default_rng(n + groups).integers(0, 256, (n, groups), dtype=np.uint8)
    packed = liquid.pack_group_params(params)
    assert packed.dtype == np.uint8 and packed.shape == (n, groups)
    np.testing.assert_array_equal(packed, capi.pack_group_params(params))
    np.testing.assert_array_equal(liquid.unpack_group_params(packed), params)
    np.testing.assert_array_equal(capi.unpack_group_params(packed), params)


def test_group_params_follow_the_fragment_rows():
    n, groups = 128, 3
    params = np.arange(n * groups, dtype=np.int64).reshape(n, groups)
    packed = liquid.pack_group_params((params % 251).astype(np.uint8)).reshape(-1)
    for thread in range(128):
        for half in range(2):
            row, _ = liquid.wgmma_a_fragment_coord(thread, half, 0)
            for block in range(n // 64):
                for g in range(groups):
                    quad = thread // 4
                    offset = ((g * (n // 64) + block) * 32 + quad) * 2 + half
                    assert packed[offset] == params[64 * block + row, g] % 251


def test_group_params_documented_example():
    # docs/DualMmaLayout.md: in [128, 4], (row 73, group 2) is row1 of quad 1
    # in row block 1, byte 323; its partner (row 65, group 2) is byte 322.
    params = np.zeros((128, 4), np.uint8)
    params[73, 2], params[65, 2] = 1, 2
    packed = liquid.pack_group_params(params).reshape(-1)
    assert packed[323] == 1 and packed[322] == 2
    assert np.count_nonzero(packed) == 2


@pytest.mark.parametrize("n,groups,expected", [
    (96, 4, "n (weight rows) must be a positive multiple of 64 for the dual-MMA "
            "group-parameter order, got 96"),
    (64, 0, "the number of groups must be positive, got 0"),
])
def test_group_param_errors_match_cpp(capi, n, groups, expected):
    assert liquid.check_group_param_shape(n, groups) == expected
    with pytest.raises(ValueError) as error:
        liquid.pack_group_params(np.zeros((n, groups), np.uint8))
    assert str(error.value) == expected
    with pytest.raises(Exception) as error:
        capi.pack_group_params(np.zeros((n, groups), np.uint8))
    assert expected in str(error.value)
    with pytest.raises(ValueError, match="2-D uint8"):
        liquid.pack_group_params(np.zeros((64, 2), np.int32))
