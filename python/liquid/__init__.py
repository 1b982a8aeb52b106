"""liquid: LiquidGEMM W4A8 for Hopper.

Offline weight preparation in numpy, bit-identical to the C++ host library:
LiquidQuant two-level quantization (docs/LiquidQuant.md), the dual-MMA packed
layout (docs/DualMmaLayout.md) and the CPU reference GEMM.
"""

from .layout import (
    check_dual_mma_shape,
    dual_mma_logical_coord,
    dual_mma_packed_position,
    pack_dual_mma,
    unpack_dual_mma,
    wgmma_a_fragment_coord,
)
from .quant import (
    QuantizedWeights,
    check_quant_shape,
    dequantize,
    quantize_weights,
    round_half_away_from_zero,
)
from .reference import reference_gemm, reference_gemm_offset_mode

__all__ = [
    "QuantizedWeights",
    "check_dual_mma_shape",
    "check_quant_shape",
    "dequantize",
    "dual_mma_logical_coord",
    "dual_mma_packed_position",
    "pack_dual_mma",
    "quantize_weights",
    "reference_gemm",
    "reference_gemm_offset_mode",
    "round_half_away_from_zero",
    "unpack_dual_mma",
    "wgmma_a_fragment_coord",
]
