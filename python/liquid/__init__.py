"""liquid: LiquidGEMM W4A8 for Hopper.

Offline weight preparation in numpy, bit-identical to the C++ host library:
LiquidQuant two-level quantization (docs/LiquidQuant.md), the dual-MMA packed
layout and group-parameter order (docs/DualMmaLayout.md) and the CPU reference
GEMM. Online, with
PyTorch: compile() a kernel (cached liquid-compile), run it on CUDA tensors,
or swap an nn.Linear for LiquidLinear.
"""

from .layout import (
    check_dual_mma_shape,
    check_group_param_shape,
    dual_mma_logical_coord,
    dual_mma_packed_position,
    pack_dual_mma,
    pack_group_params,
    unpack_dual_mma,
    unpack_group_params,
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
from .compiler import CompileError, compile
from .kernel import (
    Kernel,
    PackedWeights,
    quantize_activations,
    quantize_activations_reference,
)


def __getattr__(name):
    # LiquidLinear subclasses torch.nn.Module: imported (with torch) on use.
    if name == "LiquidLinear":
        from .nn import LiquidLinear

        return LiquidLinear
    raise AttributeError(f"module 'liquid' has no attribute {name!r}")

__all__ = [
    "CompileError",
    "Kernel",
    "LiquidLinear",
    "PackedWeights",
    "compile",
    "quantize_activations",
    "quantize_activations_reference",
    "QuantizedWeights",
    "check_dual_mma_shape",
    "check_group_param_shape",
    "check_quant_shape",
    "dequantize",
    "dual_mma_logical_coord",
    "dual_mma_packed_position",
    "pack_dual_mma",
    "pack_group_params",
    "quantize_weights",
    "reference_gemm",
    "reference_gemm_offset_mode",
    "round_half_away_from_zero",
    "unpack_dual_mma",
    "unpack_group_params",
    "wgmma_a_fragment_coord",
]
