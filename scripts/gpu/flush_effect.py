#!/usr/bin/env python3
"""How much of a timed call is the L2 flush's write-back: times liquid
kernels and cuBLAS peers with sweep.py's flush (a 256 MiB memset before each
call) and with that memset followed by a read of another 256 MiB (which
evicts the memset's dirty lines from L2 before the timed call, so their
write-back no longer competes with the call for DRAM), in one process.

    flush_effect.py KERNEL_DIR OUT.json --m 1,...

KERNEL_DIR as for sweep.py (<mode>/m<M>/<kernel>.json); xor mode only. A
diagnostic of the protocol: the reported numbers keep sweep.py's flush.
"""

import argparse
import json
import sys
from pathlib import Path

import torch

from sweep import SHAPES, Timer, find_manifest, liquid_call, peers


class MemsetThenRead:
    """Stands in for Timer's flush buffer: zero_() runs the memset, then a
    read of a second buffer of the same size."""

    def __init__(self, nbytes):
        self.written = torch.empty(nbytes, dtype=torch.uint8, device="cuda")
        self.read = torch.ones(nbytes // 4, dtype=torch.float32, device="cuda")
        self.total = torch.empty((), dtype=torch.float32, device="cuda")

    def zero_(self):
        self.written.zero_()
        torch.sum(self.read, dim=0, out=self.total)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kernels", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--m", required=True)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()

    memset = Timer()
    clean = Timer()
    clean.flush = MemsetThenRead(memset.flush.numel())
    result = {"device": torch.cuda.get_device_properties(0).name, "cells": []}
    for shape in args.shapes.split(","):
        n, k = map(int, shape.split("x"))
        for m in map(int, args.m.split(",")):
            manifest = find_manifest(args.kernels, "xor", m, n, k)
            if manifest is None:
                continue
            kernel, call = liquid_call(manifest, n, k, m)
            calls = {"liquid": call, **peers(n, k, m, ("int8", "fp8"))}
            cell = {"n": n, "k": k, "m": m}
            for name, fn in calls.items():
                cell[name + "_memset_us"], _ = memset(fn)
                cell[name + "_clean_us"], _ = clean(fn)
            kernel.close()
            torch.cuda.empty_cache()
            result["cells"].append(cell)
            print(f"{n}x{k} M={m}: " + " ".join(
                f"{name}={cell[name + '_memset_us']:.1f}/{cell[name + '_clean_us']:.1f}"
                for name in calls), flush=True)
            args.out.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
