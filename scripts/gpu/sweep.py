#!/usr/bin/env python3
"""The DESIGN §6 sweep on the GPU machine: liquid's kernels (xor and offset
mode) against every peer PyTorch can run here, in one process.

    sweep.py KERNEL_DIR OUT.json [--shapes 4096x4096,...] [--m 1,16,...]

KERNEL_DIR is what scripts/compile-sweep.sh wrote: <mode>/m<M>/<kernel>.json
(+ .cubin), one kernel per (shape, M, mode). Peers, all through PyTorch on the
same data shapes:
  int8   cuBLAS int8 x int8 -> int32 (torch._int_mm; M padded to 32, its
         smallest M)
  fp16   cuBLAS fp16 (torch.nn.functional.linear)
  fp8    cuBLAS fp8 e4m3 -> f16 (torch._scaled_mm; M padded to 16)
  w4a16  PyTorch's tinygemm int4 weight-only kernel (torch._weight_int4pack_mm,
         bf16 activations, group 128: its tuned group size)
Protocol: for each contestant a few warm-up calls, then N calls each preceded
by an L2 flush (a 256 MiB memset) and timed alone with CUDA events; the median
is reported. N adapts so a measurement takes about 0.3 s (5 <= N <= 50). The
GPU is held busy (a spin kernel) while the host enqueues all N, so the host's
launch latency (tens of microseconds through Python, more than some kernels
take) never falls inside a timed interval.
Activation quantization is outside the timed region for every contestant.
Inputs are random (timing does not depend on values); correctness is the
check-kernels suite's job.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch

from liquid.kernel import Kernel, PackedWeights

SHAPES = ["12288x4096", "4096x4096", "22016x4096", "4096x11008",
          "10240x8192", "8192x8192", "57344x8192", "8192x28672"]
TOKENS = [1, 4, 16, 32, 64, 128, 256, 512, 1024, 4096]
GROUP = 64
W4A16_GROUP = 128


class Timer:
    def __init__(self, flush_bytes=256 << 20, seconds=0.3, min_iters=5,
                 max_iters=50, warmup=5):
        self.flush = torch.empty(flush_bytes, dtype=torch.uint8, device="cuda")
        self.seconds, self.min_iters, self.max_iters = seconds, min_iters, max_iters
        self.warmup = warmup

    # Clock cycles the spin kernel holds the GPU per second of host time to
    # cover (above the H100's 1.98 GHz boost clock, so it never runs short).
    HOLD_CYCLES_PER_SECOND = 2.5e9

    def __call__(self, fn):
        for _ in range(self.warmup):
            fn()
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        estimate = time.perf_counter() - t0
        iters = int(max(self.min_iters,
                        min(self.max_iters, self.seconds / max(estimate, 1e-6))))
        starts = [torch.cuda.Event(enable_timing=True) for _ in range(iters)]
        ends = [torch.cuda.Event(enable_timing=True) for _ in range(iters)]
        # How long the host takes to enqueue one timed call (flush, events,
        # launch); the GPU spins for twice that per call before the first.
        t0 = time.perf_counter()
        self.flush.zero_()
        starts[0].record()
        fn()
        ends[0].record()
        enqueue = time.perf_counter() - t0
        torch.cuda.synchronize()
        torch.cuda._sleep(int(2 * iters * enqueue * self.HOLD_CYCLES_PER_SECOND))
        for i in range(iters):
            self.flush.zero_()
            starts[i].record()
            fn()
            ends[i].record()
        torch.cuda.synchronize()
        us = [s.elapsed_time(e) * 1000.0 for s, e in zip(starts, ends)]
        return statistics.median(us), iters


def pad(m, multiple, smallest):
    return max(smallest, -(-m // multiple) * multiple)


def peers(n, k, m, names=("int8", "fp16", "fp8", "w4a16")):
    """name -> zero-argument callable running that peer on [m, k] x [n, k]^T,
    for the peers in `names`."""
    dev = "cuda"
    out = {}
    if "int8" in names:
        w8 = torch.randint(-127, 128, (n, k), dtype=torch.int8, device=dev)
        m_int8 = pad(m, 8, 32)
        x8 = torch.randint(-127, 128, (m_int8, k), dtype=torch.int8, device=dev)
        out["int8"] = lambda: torch._int_mm(x8, w8.t())

    if {"fp16", "fp8"} & set(names):
        w16 = torch.randn(n, k, dtype=torch.float16, device=dev)
    if "fp16" in names:
        x16 = torch.randn(m, k, dtype=torch.float16, device=dev)
        out["fp16"] = lambda: torch.nn.functional.linear(x16, w16)

    if "fp8" in names:
        m_fp8 = pad(m, 16, 16)
        wf8 = w16.to(torch.float8_e4m3fn)
        xf8 = torch.randn(m_fp8, k, device=dev).to(torch.float8_e4m3fn)
        one = torch.ones((), dtype=torch.float32, device=dev)
        out["fp8"] = lambda: torch._scaled_mm(xf8, wf8.t(), scale_a=one,
                                              scale_b=one,
                                              out_dtype=torch.float16)

    if "w4a16" in names:
        codes = torch.randint(0, 256, (n, k // 2), dtype=torch.uint8, device=dev)
        w4 = torch._convert_weight_to_int4pack(codes, 8)
        sz = torch.rand(k // W4A16_GROUP, n, 2, dtype=torch.bfloat16, device=dev)
        xb = torch.randn(m, k, dtype=torch.bfloat16, device=dev)
        out["w4a16"] = lambda: torch._weight_int4pack_mm(xb, w4, W4A16_GROUP, sz)
    return out


def liquid_call(manifest: Path, n, k, m):
    kernel = Kernel(manifest.with_suffix(".cubin"), manifest)
    dev = "cuda"
    weights = PackedWeights(
        torch.randint(0, 256, (n, k // 2), dtype=torch.uint8, device=dev),
        torch.randint(1, 256, (n, k // GROUP), dtype=torch.uint8, device=dev),
        torch.randint(0, 256, (n, k // GROUP), dtype=torch.uint8, device=dev),
        torch.rand(n, dtype=torch.float32, device=dev), n, k, GROUP)
    x = torch.randint(-127, 128, (m, k), dtype=torch.int8, device=dev)
    scale = torch.rand(m, dtype=torch.float32, device=dev)
    xsum = x.sum(dim=1, dtype=torch.int32) if kernel.mode == "offset" else None
    out = torch.empty(m, n, dtype=torch.float16, device=dev)
    return kernel, lambda: kernel(x, scale, weights, xsum=xsum, out=out)


def find_manifest(directory: Path, mode, m, n, k):
    found = sorted((directory / mode / f"m{m}").glob(f"liquid_w4a8_n{n}_k{k}_g{GROUP}_{mode}_*.json"))
    return found[0] if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kernels", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--m", default=",".join(map(str, TOKENS)))
    args = parser.parse_args()

    timer = Timer()
    props = torch.cuda.get_device_properties(0)
    result = {
        "device": props.name, "sms": props.multi_processor_count,
        "torch": torch.__version__, "cuda": torch.version.cuda,
        "protocol": "median of N CUDA-event-timed calls, L2 flushed (256 MiB "
                    "memset) before each; N = clamp(0.3 s / one call, 5, 50); "
                    "all N enqueued while the GPU spins",
        "group": GROUP, "w4a16_group": W4A16_GROUP, "cells": [],
    }
    for shape in args.shapes.split(","):
        n, k = map(int, shape.split("x"))
        for m in map(int, args.m.split(",")):
            cell = {"n": n, "k": k, "m": m}
            for mode in ("xor", "offset"):
                manifest = find_manifest(args.kernels, mode, m, n, k)
                if manifest is None:
                    cell[f"liquid_{mode}_error"] = "no kernel compiled"
                    continue
                kernel, call = liquid_call(manifest, n, k, m)
                cell[f"liquid_{mode}_config"] = kernel.manifest["config"]
                cell[f"liquid_{mode}_kernel"] = kernel.name
                cell[f"liquid_{mode}_us"], cell[f"liquid_{mode}_iters"] = timer(call)
                kernel.close()
            for name, call in peers(n, k, m).items():
                try:
                    cell[f"{name}_us"], cell[f"{name}_iters"] = timer(call)
                except Exception as e:  # a peer PyTorch cannot run here
                    cell[f"{name}_error"] = f"{type(e).__name__}: {e}"
            torch.cuda.empty_cache()
            result["cells"].append(cell)
            line = " ".join(f"{key[:-3]}={cell[key]:.1f}" for key in cell if key.endswith("_us"))
            print(f"{n}x{k} M={m}: {line}", flush=True)
            args.out.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
