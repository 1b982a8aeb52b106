"""The dual-MMA packed weight layout and group-parameter order in numpy
(docs/DualMmaLayout.md).

The same permutation as lib/Quant/DualMmaLayout.cpp, derived from the same
wgmma register-A fragment formula; tests/test_layout.py checks it bit for bit
against the C++ packer.
"""

from __future__ import annotations

import functools

import numpy as np

BLOCK_ROWS = 64
"""Rows of W per warp group (the M of the swapped m64nNk32 wgmma)."""
MMA_K = 32
"""K of one wgmma with 8-bit operands."""
BLOCK_K = 2 * MMA_K
"""K of one packed block: two MMAs per 128-bit load."""
THREADS = 128
"""Threads of a warp group."""
BYTES_PER_THREAD = 16
"""Packed bytes each thread loads per two k32 steps."""
BLOCK_BYTES = THREADS * BYTES_PER_THREAD
"""Bytes of one packed 64 x 64 block."""
ROWS_PER_THREAD = 2
"""Rows whose group parameters one thread needs (row0 and row1)."""
GROUP_PARAM_BLOCK_BYTES = BLOCK_ROWS
"""Bytes of one 64-row block's parameters of one group, in one of s or a (one
byte per row): the (row0, row1) pairs of the 32 lane quads."""


def wgmma_a_fragment_coord(thread, reg, byte):
    """(row, k) in the 64 x 32 A tile held by `thread`, register `reg`, byte
    `byte`; works elementwise on arrays.

    Thread t = 32 w + l holds in register r, byte b the weight at
    row 16 w + l / 4 + 8 (r % 2), k 4 (l % 4) + 16 (r / 2) + b.
    """
    thread, reg, byte = (np.asarray(v) for v in (thread, reg, byte))
    warp, lane = thread // 32, thread % 32
    row = 16 * warp + lane // 4 + 8 * (reg % 2)
    col = 4 * (lane % 4) + 16 * (reg // 2) + byte
    return row, col


@functools.lru_cache(maxsize=None)
def _block_tables():
    """The in-block permutation both ways.

    Returns (rows, cols, inverse): rows/cols are int64 [2048, 2], the (row, k)
    of the 64 x 64 block stored at (byte, nibble); inverse is int64
    [64, 64, 2], the (byte, nibble) of each (row, k). Byte 16 t + 4 r + b
    holds register r, byte b of thread t: the first MMA's code in the low
    nibble, the second's (32 k further) in the high nibble.
    """
    byte = np.arange(BLOCK_BYTES)[:, None]
    nibble = np.arange(2)[None, :]
    slot = byte % BYTES_PER_THREAD
    row, col = wgmma_a_fragment_coord(byte // BYTES_PER_THREAD, slot // 4, slot % 4)
    rows = np.broadcast_to(row, (BLOCK_BYTES, 2)).copy()
    cols = col + MMA_K * nibble
    inverse = np.full((BLOCK_ROWS, BLOCK_K, 2), -1, dtype=np.int64)
    inverse[rows, cols, 0] = np.broadcast_to(byte, rows.shape)
    inverse[rows, cols, 1] = np.broadcast_to(nibble, rows.shape)
    for table in (rows, cols, inverse):
        table.setflags(write=False)
    return rows, cols, inverse


def check_dual_mma_shape(n: int, k: int) -> str | None:
    """The C++ checkDualMmaShape: a message naming the problem, or None."""
    if n <= 0 or n % BLOCK_ROWS:
        return (
            "n (weight rows) must be a positive multiple of 64 for the "
            f"dual-MMA layout, got {n}"
        )
    if k <= 0 or k % BLOCK_K:
        return (
            "k (reduction size) must be a positive multiple of 64 for the "
            f"dual-MMA layout, got {k}"
        )
    return None


def _require_shape(n: int, k: int) -> None:
    error = check_dual_mma_shape(n, k)
    if error:
        raise ValueError(error)


def dual_mma_packed_position(row, col, n: int, k: int):
    """(byte_offset, nibble) of logical code (row, col) of an [n, k] matrix;
    elementwise on arrays."""
    _require_shape(n, k)
    row, col = np.asarray(row), np.asarray(col)
    if np.any((row < 0) | (row >= n) | (col < 0) | (col >= k)):
        raise ValueError(f"(row, col) outside the [{n}, {k}] matrix")
    inverse = _block_tables()[2][row % BLOCK_ROWS, col % BLOCK_K]
    block = (row // BLOCK_ROWS) * (k // BLOCK_K) + col // BLOCK_K
    return block * BLOCK_BYTES + inverse[..., 0], inverse[..., 1]


def dual_mma_logical_coord(byte_offset, nibble, n: int, k: int):
    """(row, col) of the code stored at (byte_offset, nibble); elementwise."""
    _require_shape(n, k)
    byte_offset, nibble = np.asarray(byte_offset), np.asarray(nibble)
    if np.any((byte_offset < 0) | (byte_offset >= n * k // 2)):
        raise ValueError(f"byte offset outside the {n * k // 2} packed bytes")
    rows, cols, _ = _block_tables()
    block, in_block = byte_offset // BLOCK_BYTES, byte_offset % BLOCK_BYTES
    blocks_per_row = k // BLOCK_K
    return (
        (block // blocks_per_row) * BLOCK_ROWS + rows[in_block, nibble],
        (block % blocks_per_row) * BLOCK_K + cols[in_block, nibble],
    )


def pack_dual_mma(codes) -> np.ndarray:
    """Packs codes[n, k] (integers in [0, 15]) into n * k / 2 uint8 bytes.

    Blocks of 64 rows x 64 k are stored row-block major; inside a block,
    thread t's 16 bytes are bytes 16 t .. 16 t + 15.
    """
    codes = np.asarray(codes)
    if codes.ndim != 2 or not np.issubdtype(codes.dtype, np.integer):
        raise ValueError(
            f"codes must be a 2-D integer [n, k] matrix, got {codes.dtype} "
            f"of shape {codes.shape}"
        )
    n, k = codes.shape
    _require_shape(n, k)
    bad = np.argwhere((codes < 0) | (codes > 15))
    if bad.size:
        row, col = bad[0]
        raise ValueError(
            f"code {codes[row, col]} at (row {row}, col {col}) is outside [0, 15]"
        )
    rows, cols, _ = _block_tables()
    blocks = codes.astype(np.uint8).reshape(
        n // BLOCK_ROWS, BLOCK_ROWS, k // BLOCK_K, BLOCK_K
    ).transpose(0, 2, 1, 3)
    nibbles = blocks[:, :, rows, cols]  # [row blocks, col blocks, 2048, 2]
    return (nibbles[..., 0] | (nibbles[..., 1] << 4)).reshape(-1)


def unpack_dual_mma(packed, n: int, k: int) -> np.ndarray:
    """Unpacks n * k / 2 packed bytes into uint8 codes[n, k]."""
    _require_shape(n, k)
    packed = np.asarray(packed)
    if packed.dtype != np.uint8 or packed.size != n * k // 2:
        raise ValueError(
            f"packed must hold n * k / 2 = {n * k // 2} uint8 bytes, got "
            f"{packed.size} of {packed.dtype}"
        )
    rows, cols, _ = _block_tables()
    words = packed.reshape(n // BLOCK_ROWS, k // BLOCK_K, BLOCK_BYTES)
    blocks = np.empty((n // BLOCK_ROWS, k // BLOCK_K, BLOCK_ROWS, BLOCK_K), np.uint8)
    blocks[:, :, rows[:, 0], cols[:, 0]] = words & 0x0F
    blocks[:, :, rows[:, 1], cols[:, 1]] = words >> 4
    return blocks.transpose(0, 2, 1, 3).reshape(n, k)


@functools.lru_cache(maxsize=None)
def _group_param_rows() -> np.ndarray:
    """int64 [64]: the row (inside a 64-row block) of each byte of a packed
    group-parameter block. Byte 2 q + h holds lane quad q's row0 (h = 0) or
    row1 (h = 1): the rows of registers 0 and 1 of the quad's first thread."""
    slot = np.arange(BLOCK_ROWS)
    quad, half = slot // ROWS_PER_THREAD, slot % ROWS_PER_THREAD
    rows, _ = wgmma_a_fragment_coord(4 * quad, half, 0)
    rows = np.asarray(rows, dtype=np.int64)
    rows.setflags(write=False)
    return rows


def check_group_param_shape(n: int, groups: int) -> str | None:
    """The C++ checkGroupParamShape: a message naming the problem, or None."""
    if n <= 0 or n % BLOCK_ROWS:
        return (
            "n (weight rows) must be a positive multiple of 64 for the "
            f"dual-MMA group-parameter order, got {n}"
        )
    if groups <= 0:
        return f"the number of groups must be positive, got {groups}"
    return None


def _group_param_array(params, name: str) -> np.ndarray:
    params = np.asarray(params)
    if params.ndim != 2 or params.dtype != np.uint8:
        raise ValueError(
            f"{name} must be a 2-D uint8 [n, groups] array, got {params.dtype} "
            f"of shape {params.shape}"
        )
    error = check_group_param_shape(*params.shape)
    if error:
        raise ValueError(error)
    return params


def pack_group_params(params) -> np.ndarray:
    """Reorders one group-parameter array (s or a), uint8 [n, groups], into
    the kernel's order: group-major, per group and 64-row block the (row0,
    row1) pairs of the 32 lane quads, 64 contiguous bytes (the kernel's
    producer copies a block's runs of one group into a pipeline stage with
    TMA). Packed byte ((g * n / 64 + nb) * 32 + quad) * 2 + half holds row
    64 nb + (row0 or row1 of the quad), group g. Returns uint8 [n, groups]
    (the same bytes, permuted)."""
    params = _group_param_array(params, "params")
    n, groups = params.shape
    # [row block, slot, group]: slot 2 q + h holds quad q's row0 or row1.
    slots = params.reshape(n // BLOCK_ROWS, BLOCK_ROWS, groups)[:, _group_param_rows(), :]
    # [group, row block, slot]: each (group, row block) is one 64-byte run.
    return np.ascontiguousarray(slots.transpose(2, 0, 1)).reshape(n, groups)


def unpack_group_params(packed) -> np.ndarray:
    """The inverse of pack_group_params."""
    packed = _group_param_array(packed, "packed")
    n, groups = packed.shape
    blocks = packed.reshape(groups, n // BLOCK_ROWS, GROUP_PARAM_BLOCK_BYTES)
    params = np.empty((n // BLOCK_ROWS, BLOCK_ROWS, groups), np.uint8)
    params[:, _group_param_rows(), :] = blocks.transpose(1, 2, 0)
    return params.reshape(n, groups)
