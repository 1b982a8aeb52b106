"""LiquidLinear: an nn.Linear replaced by a W4A8 liquid kernel.

    layer = liquid.LiquidLinear.from_linear(linear, group=64).cuda()
    y = layer(x)                       # x [..., in_features] on the GPU
    y_ref = layer.forward_reference(x) # the exact CPU reference, no GPU

Weights are quantized with LiquidQuant (quantize_weights) once; activations
per token to int8 (quantize_activations); the bias is added after the kernel,
in float32. This module imports torch.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from .compiler import check_problem
from .compiler import compile as compile_kernel
from .kernel import PackedWeights, quantize_activations, quantize_activations_reference
from .layout import pack_dual_mma, pack_group_params
from .quant import QuantizedWeights, quantize_weights
from .reference import reference_gemm


class LiquidLinear(nn.Module):
    def __init__(self, quantized: QuantizedWeights, bias=None, mode: str = "xor",
                 m_max: int = 256, cache_dir=None):
        super().__init__()
        n, k = quantized.codes.shape
        check_problem(n, k, quantized.group_size, mode, m_max)
        self.in_features, self.out_features = k, n
        self.group_size, self.mode, self.m_max = quantized.group_size, mode, m_max
        self.cache_dir = cache_dir
        self.quantized = quantized  # numpy, for forward_reference
        self.register_buffer("packed", torch.from_numpy(
            pack_dual_mma(quantized.codes).reshape(n, k // 2).copy()))
        self.register_buffer("scales", torch.from_numpy(
            pack_group_params(quantized.scales)))
        self.register_buffer("offsets", torch.from_numpy(
            pack_group_params(quantized.offsets)))
        self.register_buffer("channel_scales", torch.from_numpy(
            quantized.channel_scales.astype(np.float32).copy()))
        if bias is not None:
            bias = torch.as_tensor(bias).detach().to(torch.float32).reshape(n).clone()
        self.register_buffer("bias", bias)
        self._kernel = None

    @classmethod
    def from_linear(cls, linear: nn.Linear, group: int = 64, mode: str = "xor",
                    m_max: int = 256, cache_dir=None) -> "LiquidLinear":
        """Quantizes linear.weight (LiquidQuant, group size `group`) and keeps
        its bias; the result lives on linear.weight's device."""
        if not isinstance(linear, nn.Linear):
            raise TypeError(f"linear must be an nn.Linear, got {type(linear).__name__}")
        n, k = linear.weight.shape
        check_problem(n, k, group, mode, m_max)
        w = linear.weight.detach().to("cpu", torch.float32).numpy()
        layer = cls(quantize_weights(w, group), linear.bias, mode, m_max, cache_dir)
        return layer.to(linear.weight.device)

    def extra_repr(self):
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"group={self.group_size}, mode={self.mode}, bias={self.bias is not None}")

    @property
    def kernel(self):
        """The compiled kernel (compiled or taken from the cache on first use)."""
        if self._kernel is None:
            self._kernel = compile_kernel(self.out_features, self.in_features,
                                          self.group_size, self.mode, self.m_max,
                                          self.cache_dir)
        return self._kernel

    def packed_weights(self) -> PackedWeights:
        return PackedWeights(self.packed, self.scales, self.offsets,
                             self.channel_scales, self.out_features,
                             self.in_features, self.group_size)

    def _check_input(self, x):
        if x.shape[-1] != self.in_features:
            raise ValueError(f"x must have {self.in_features} features in its last "
                             f"dimension, got shape {tuple(x.shape)}")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self._check_input(x)
        if not x.is_cuda:
            raise ValueError("LiquidLinear.forward needs x on a CUDA device; use "
                             "forward_reference on the CPU")
        lead = x.shape[:-1]
        x2 = x.reshape(-1, self.in_features)
        x_q, scale, xsum = quantize_activations(x2)
        y = self.kernel(x_q, scale, self.packed_weights(),
                        xsum=xsum if self.mode == "offset" else None)
        if self.bias is not None:
            y = (y.to(torch.float32) + self.bias).to(y.dtype)
        out_dtype = x.dtype if x.dtype in (torch.float16, torch.bfloat16, torch.float32) \
            else y.dtype
        return y.to(out_dtype).reshape(*lead, self.out_features)

    def forward_reference(self, x) -> torch.Tensor:
        """The exact CPU result of forward() (numpy reference GEMM), on x's
        device and dtype rules; needs no GPU and no compiler."""
        self._check_input(x)
        lead = x.shape[:-1]
        x_np = x.detach().reshape(-1, self.in_features).to("cpu", torch.float32).numpy()
        x_q, scale, _ = quantize_activations_reference(x_np)
        _, y = reference_gemm(x_q, self.quantized, scale)
        y = torch.from_numpy(y)
        if self.bias is not None:
            y = (y.to(torch.float32) + self.bias.cpu()).to(y.dtype)
        out_dtype = x.dtype if x.dtype in (torch.float16, torch.bfloat16, torch.float32) \
            else y.dtype
        return y.to(out_dtype).reshape(*lead, self.out_features).to(x.device)
