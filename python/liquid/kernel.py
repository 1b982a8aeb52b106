"""Running a compiled kernel on torch CUDA tensors.

torch is imported inside the functions that need it, so `import liquid`
works without it. Launches go through libLiquidRuntimeC.so (the C++ runtime)
on torch.cuda.current_stream().
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import _runtime
from .layout import pack_dual_mma, pack_group_params
from .quant import QuantizedWeights

# Activation quantization: per-token symmetric int8, q = round(x / s) with
# s = max|x| / 127 (float32, round half to even), q in [-127, 127].
ACTIVATION_QMAX = 127


def _torch():
    try:
        import torch
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("this liquid function needs PyTorch (import torch failed)") from e
    return torch


def _check_tensor(name, t, dtype, shape, device=None):
    """Checks a torch tensor's type, dtype, shape, device and contiguity."""
    torch = _torch()
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
    if t.dtype != dtype:
        raise TypeError(f"{name} must be {dtype}, got {t.dtype}")
    if tuple(t.shape) != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {tuple(t.shape)}")
    if not t.is_cuda:
        raise ValueError(f"{name} must be on a CUDA device, got {t.device}")
    if device is not None and t.device != device:
        raise ValueError(f"{name} is on {t.device}, expected {device} (like x_q)")
    if not t.is_contiguous():
        raise ValueError(f"{name} must be contiguous (call .contiguous())")
    if t.data_ptr() % 16:
        raise ValueError(f"{name} must be 16-byte aligned (data_ptr {t.data_ptr():#x})")


@dataclass
class PackedWeights:
    """The weight operands of a kernel as torch CUDA tensors: `packed` u8
    [n, k/2] (dual-MMA layout), `scales` and `offsets` u8 [n, k/group] (s, a,
    in the dual-MMA group-parameter order: pack_group_params),
    `channel_scales` f32 [n] (s1)."""

    packed: "object"
    scales: "object"
    offsets: "object"
    channel_scales: "object"
    n: int
    k: int
    group_size: int

    @classmethod
    def from_quantized(cls, q: QuantizedWeights, device="cuda") -> "PackedWeights":
        """Packs q's codes (pack_dual_mma) and group parameters
        (pack_group_params) and copies everything to `device`."""
        torch = _torch()
        n, k = q.codes.shape
        packed = pack_dual_mma(q.codes).reshape(n, k // 2)

        def put(a):
            return torch.from_numpy(np.ascontiguousarray(a)).to(device)

        return cls(put(packed), put(pack_group_params(q.scales)),
                   put(pack_group_params(q.offsets)),
                   put(q.channel_scales.astype(np.float32)), n, k, q.group_size)

    def to(self, device) -> "PackedWeights":
        return PackedWeights(self.packed.to(device), self.scales.to(device),
                             self.offsets.to(device), self.channel_scales.to(device),
                             self.n, self.k, self.group_size)


def quantize_activations(x):
    """Per-token symmetric int8 of x [M, K] (any float dtype, on the GPU):
    (x_q int8 [M, K], scale f32 [M], xsum i32 [M]). Bit-identical to
    quantize_activations_reference on the same float32 values."""
    torch = _torch()
    if not isinstance(x, torch.Tensor) or x.ndim != 2 or not x.is_floating_point():
        raise ValueError("x must be a 2-D floating-point torch.Tensor [M, K]")
    xf = x.to(torch.float32)
    amax = xf.abs().amax(dim=1)
    # Divide by a tensor, not a Python scalar: PyTorch turns division by a
    # scalar into a multiplication by its reciprocal on the GPU, which can
    # differ from amax / 127 in the last bit.
    scale = amax / torch.full_like(amax, ACTIVATION_QMAX)
    safe = torch.where(scale > 0, scale, torch.ones_like(scale))
    x_q = torch.round(xf / safe[:, None]).clamp_(-ACTIVATION_QMAX, ACTIVATION_QMAX)
    x_q = x_q.to(torch.int8).contiguous()
    xsum = x_q.sum(dim=1, dtype=torch.int32)
    return x_q, scale.contiguous(), xsum.contiguous()


def quantize_activations_reference(x: np.ndarray):
    """numpy twin of quantize_activations (on x as float32)."""
    xf = np.asarray(x, dtype=np.float32)
    if xf.ndim != 2:
        raise ValueError("x must be a 2-D array [M, K]")
    amax = np.abs(xf).max(axis=1)
    scale = (amax / np.float32(ACTIVATION_QMAX)).astype(np.float32)
    safe = np.where(scale > 0, scale, np.float32(1)).astype(np.float32)
    x_q = np.clip(np.rint(xf / safe[:, None]), -ACTIVATION_QMAX, ACTIVATION_QMAX)
    x_q = x_q.astype(np.int8)
    xsum = x_q.astype(np.int32).sum(axis=1, dtype=np.int32)
    return x_q, scale, xsum


def _read_manifest(path: Path) -> dict:
    """The manifest at `path` with the fields Kernel reads checked (the C++
    runtime checks the whole manifest when the kernel is loaded): a
    ValueError names the file and the field."""
    try:
        text = path.read_text()
    except OSError as e:
        raise FileNotFoundError(f"cannot read manifest '{path}': {e.strerror}") from e
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"manifest '{path}' is not JSON: {e}") from e
    if not isinstance(manifest, dict):
        raise ValueError(f"manifest '{path}' must be a JSON object")
    name = manifest.get("kernel")
    if not isinstance(name, str) or not name:
        raise ValueError(f"manifest '{path}': field 'kernel' must be a non-empty string")
    problem = manifest.get("problem")
    if not isinstance(problem, dict):
        raise ValueError(f"manifest '{path}': missing object 'problem'")
    for field in ("n", "k", "group_size"):
        value = problem.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"manifest '{path}': field 'problem.{field}' must be a "
                             f"positive integer, got {value!r}")
    if problem.get("mode") not in ("xor", "offset"):
        raise ValueError(f"manifest '{path}': field 'problem.mode' must be 'xor' or "
                         f"'offset', got {problem.get('mode')!r}")
    if problem.get("out_type", "f16") not in ("f16", "bf16"):
        raise ValueError(f"manifest '{path}': field 'problem.out_type' must be 'f16' "
                         f"or 'bf16', got {problem.get('out_type')!r}")
    return manifest


class Kernel:
    """A compiled kernel (cubin + manifest). Loaded onto a device on its
    first call there; call it with torch CUDA tensors."""

    def __init__(self, cubin_path, manifest_path):
        self.cubin_path = Path(cubin_path)
        self.manifest_path = Path(manifest_path)
        self.manifest = _read_manifest(self.manifest_path)
        problem = self.manifest["problem"]
        self.n = problem["n"]
        self.k = problem["k"]
        self.group_size = problem["group_size"]
        self.mode = problem["mode"]
        self.name = self.manifest["kernel"]
        if not self.cubin_path.is_file():
            raise FileNotFoundError(
                f"cubin '{self.cubin_path}' of kernel '{self.name}' (manifest "
                f"'{self.manifest_path}') does not exist")
        self._handles: dict[int, int] = {}

    def __repr__(self):
        return (f"Kernel({self.name!r}, n={self.n}, k={self.k}, "
                f"group={self.group_size}, mode={self.mode!r})")

    def _handle(self, device) -> int:
        torch = _torch()
        index = device.index if device.index is not None else torch.cuda.current_device()
        handle = self._handles.get(index)
        if handle is None:
            with torch.cuda.device(index):
                torch.cuda.init()
                # Make the device's primary context current on this thread.
                torch.empty(1, device=f"cuda:{index}")
                handle = _runtime.load_kernel(self.cubin_path, self.manifest_path)
            self._handles[index] = handle
        return handle

    def __call__(self, x_q, x_scale, weights: PackedWeights, *, xsum=None, out=None):
        """out[M, n] (f16) = dequant(x_q[M, k] int8 * W^T) * x_scale[M] * s1[n].
        `xsum` (i32 [M], the row sums of x_q) is required in offset mode."""
        torch = _torch()
        if not isinstance(x_q, torch.Tensor) or x_q.ndim != 2:
            raise ValueError("x_q must be a 2-D torch.Tensor [M, k]")
        m = x_q.shape[0]
        if m < 1:
            raise ValueError("x_q must have at least one row (M >= 1)")
        n, k, g = self.n, self.k, self.group_size
        _check_tensor("x_q", x_q, torch.int8, (m, k))
        device = x_q.device
        _check_tensor("x_scale", x_scale, torch.float32, (m,), device)
        if not isinstance(weights, PackedWeights):
            raise TypeError(f"weights must be PackedWeights, got {type(weights).__name__}")
        if (weights.n, weights.k, weights.group_size) != (n, k, g):
            raise ValueError(
                f"weights are for n={weights.n} k={weights.k} group={weights.group_size}, "
                f"the kernel for n={n} k={k} group={g}")
        _check_tensor("weights.packed", weights.packed, torch.uint8, (n, k // 2), device)
        _check_tensor("weights.scales", weights.scales, torch.uint8, (n, k // g), device)
        _check_tensor("weights.offsets", weights.offsets, torch.uint8, (n, k // g), device)
        _check_tensor("weights.channel_scales", weights.channel_scales, torch.float32,
                      (n,), device)
        if xsum is None:
            if self.mode == "offset":
                raise ValueError("xsum (int32 [M], row sums of x_q) is required in "
                                 "offset mode")
        else:
            _check_tensor("xsum", xsum, torch.int32, (m,), device)
        out_dtype = torch.bfloat16 if self.manifest["problem"].get("out_type") == "bf16" \
            else torch.float16
        if out is None:
            out = torch.empty((m, n), dtype=out_dtype, device=device)
        else:
            _check_tensor("out", out, out_dtype, (m, n), device)

        tensors = {
            "activations": x_q, "weights": weights.packed,
            "group_scales": weights.scales, "group_offsets": weights.offsets,
            "channel_scales": weights.channel_scales, "token_scales": x_scale,
            "xsum": xsum, "out": out,
        }
        addresses, sizes = [], []
        for name in _runtime.OPERAND_ORDER:
            t = tensors[name]
            addresses.append(0 if t is None else t.data_ptr())
            sizes.append(0 if t is None else t.numel() * t.element_size())
        handle = self._handle(device)
        with torch.cuda.device(device):
            stream = torch.cuda.current_stream(device).cuda_stream
            _runtime.launch(handle, addresses, sizes, m, stream)
        return out

    def close(self):
        """Releases the loaded modules (after synchronizing their devices)."""
        handles, self._handles = self._handles, {}
        if not handles:
            return
        torch = _torch()
        for index, handle in handles.items():
            torch.cuda.synchronize(index)
            _runtime.destroy(handle)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
