#!/usr/bin/env python3
"""Stress test on the GPU machine: thousands of back-to-back launches of
liquid kernels with varying M, on one stream and on several streams, every
result checked bit for bit against the exact CPU reference.

    stress.py KERNEL_DIR [--launches N] [--streams S] [--seed X]

KERNEL_DIR holds kernel manifests (+ cubins) of one N x K x G problem (any
modes and configs, split-K ones included), e.g. from
    liquid-compile --m 16 --n 1024 --k 2048 --group 64 -o DIR
Each kernel's expected outputs for a set of token counts come from
liquid.reference_gemm (numpy, exact int32 accumulation). The launches pick a
kernel and an M at random, poison their output buffer first, and compare it
with the expected result on the GPU right after the launch, on the launch's
stream; mismatches are counted on the device. The run fails on any mismatch,
on any CUDA error, or when the last launches are slower than the first ones
by more than 20 % (drift: the later half of the 500-launch laps against the
earlier half, the warm-up lap left out), and prints one summary line per phase.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch

import liquid
from liquid.kernel import Kernel, PackedWeights

TOKENS = [1, 5, 16, 37, 100, 129, 255, 300]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kernels", type=Path)
    parser.add_argument("--launches", type=int, default=3000)
    parser.add_argument("--streams", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    manifests = sorted(args.kernels.glob("*.json"))
    if not manifests:
        print(f"stress.py: no kernel manifests in {args.kernels}", file=sys.stderr)
        return 2
    kernels = [Kernel(m.with_suffix(".cubin"), m) for m in manifests]
    n, k, g = kernels[0].n, kernels[0].k, kernels[0].group_size
    if any((kn.n, kn.k, kn.group_size) != (n, k, g) for kn in kernels):
        print("stress.py: the kernels must share N, K and G", file=sys.stderr)
        return 2

    rng = np.random.default_rng(args.seed)
    q = liquid.quantize_weights(rng.standard_normal((n, k)).astype(np.float32), g)
    weights = PackedWeights.from_quantized(q, "cuda")
    cases = {}
    for m in TOKENS:
        x = rng.integers(-127, 128, size=(m, k), dtype=np.int8)
        sx = (rng.random(m, dtype=np.float32) + 0.5) / 127
        _, expected = liquid.reference_gemm(x, q, sx)
        cases[m] = {
            "x": torch.from_numpy(x).cuda(),
            "sx": torch.from_numpy(sx).cuda(),
            "xsum": torch.from_numpy(x.sum(axis=1, dtype=np.int32)).cuda(),
            "expected": torch.from_numpy(expected.view(np.int16)).cuda(),
        }

    def run(streams, launches, phase):
        # Kernels with a split-K workspace share it between streams; the
        # runtime orders their launches (Kernel.cpp).
        outs = [torch.empty(max(TOKENS), n, dtype=torch.float16, device="cuda")
                for _ in streams]
        bad = {kn.name: torch.zeros((), dtype=torch.int64, device="cuda")
               for kn in kernels}
        choice = random.Random(args.seed + len(streams))
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        marks = []
        for i in range(launches):
            slot = i % len(streams)
            kernel = choice.choice(kernels)
            m = choice.choice(TOKENS)
            c = cases[m]
            out = outs[slot][:m]
            with torch.cuda.stream(streams[slot]):
                out.view(torch.int16).fill_(-1)  # NaN poison
                kernel(c["x"], c["sx"], weights,
                       xsum=c["xsum"] if kernel.mode == "offset" else None, out=out)
                bad[kernel.name].add_((out.view(torch.int16) != c["expected"]).sum())
            if i % 500 == 499:
                torch.cuda.synchronize()
                marks.append(time.perf_counter())
        torch.cuda.synchronize()
        seconds = time.perf_counter() - t0
        laps = [b - a for a, b in zip([t0] + marks, marks)]
        # Drift: the later half of the 500-launch laps against the earlier
        # half, the first lap (warm-up: allocations, first launches) left out.
        # One lap is ~0.1 s of host-side launches, so single laps are noisy.
        steady = laps[1:]
        half = len(steady) // 2
        drift = (sum(steady[half:]) / (len(steady) - half)) / (
            sum(steady[:half]) / half) if half else 1.0
        result = {"phase": phase, "streams": len(streams), "launches": launches,
                  "mismatches": sum(int(v.item()) for v in bad.values()),
                  "mismatches_by_kernel": {name: int(v.item()) for name, v in bad.items()},
                  "seconds": round(seconds, 3),
                  "late_over_early_laps": round(drift, 3)}
        print(json.dumps(result), flush=True)
        return result

    results = [
        run([torch.cuda.current_stream()], args.launches, "one stream"),
        run([torch.cuda.Stream() for _ in range(args.streams)], args.launches,
            f"{args.streams} streams"),
    ]
    summary = {"kernels": [kn.name for kn in kernels], "tokens": TOKENS,
               "device": torch.cuda.get_device_name(0), "results": results}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n")
    ok = all(r["mismatches"] == 0 and r["late_over_early_laps"] < 1.2 for r in results)
    print("stress:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
