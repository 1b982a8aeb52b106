#!/usr/bin/env python3
"""Times configuration variants of liquid kernels against cuBLAS int8, in one
process: the measurements behind the config table (KernelConfig.cpp).

    variants.py KERNEL_DIR OUT.json --m 1,16,...

Every manifest under KERNEL_DIR (any depth; typically the same shape compiled
with different --token-tile / --consumers / --stages / --split-k) is timed at
each M of --m it accepts (M <= m_max), with sweep.py's protocol; cuBLAS int8
is timed once per (shape, M) as the yardstick. The output lists, per
(shape, M), every variant's time with its config, fastest first.

With --table-tiles a variant is timed at M only if the config table would
consider its token tile there: at most the power of two covering M (at least
8), and no narrower than a sixteenth of it (narrower ones lose by far at
that M: timing them would only cost device time).
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import torch

from flush_effect import MemsetThenRead
from sweep import Timer, liquid_call, peers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kernels", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--m", required=True)
    parser.add_argument("--table-tiles", action="store_true")
    parser.add_argument("--clean", action="store_true",
                        help="evict the flush's dirty lines before each call "
                             "(flush_effect.py's second protocol)")
    args = parser.parse_args()

    timer = Timer()
    if args.clean:
        timer.flush = MemsetThenRead(timer.flush.numel())
    tokens = [int(m) for m in args.m.split(",")]
    by_shape = defaultdict(list)
    for manifest in sorted(args.kernels.rglob("liquid_w4a8_*.json")):
        described = json.loads(manifest.read_text())
        problem = described["problem"]
        by_shape[(problem["n"], problem["k"])].append(
            (manifest, problem["m_max"], described["config"]["token_tile"]))

    protocol = "as scripts/gpu/sweep.py"
    if args.clean:
        protocol += ", dirty lines evicted"
    result = {"device": torch.cuda.get_device_properties(0).name,
              "protocol": protocol, "cells": []}
    for (n, k), manifests in sorted(by_shape.items()):
        for m in tokens:
            cell = {"n": n, "k": k, "m": m, "variants": []}
            widest = max(8, 1 << (m - 1).bit_length())
            for manifest, m_max, tile in manifests:
                if m > m_max:
                    continue
                if args.table_tiles and not widest // 16 <= tile <= widest:
                    continue
                kernel, call = liquid_call(manifest, n, k, m)
                us, _ = timer(call)
                label = str(manifest.relative_to(args.kernels).with_suffix(""))
                cell["variants"].append({"kernel": label, "us": us,
                                         "config": kernel.manifest["config"]})
                kernel.close()
            if not cell["variants"]:
                continue
            cell["variants"].sort(key=lambda v: v["us"])
            cell["int8_us"], _ = timer(peers(n, k, m, ("int8",))["int8"])
            torch.cuda.empty_cache()
            result["cells"].append(cell)
            print(f"{n}x{k} M={m}: int8={cell['int8_us']:.1f} " +
                  " ".join(f"{v['kernel'].replace('liquid_w4a8_', '')}={v['us']:.1f}"
                           for v in cell["variants"]), flush=True)
            args.out.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
