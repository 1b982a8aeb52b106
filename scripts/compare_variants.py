#!/usr/bin/env python3
"""Compares compiler versions timed together by scripts/gpu/variants.py.

    compare_variants.py VARIANTS.json [...] [--base old]

The kernel directory given to variants.py holds one folder per version
(old/, new/, ...), each with the same m<M>/ folders of one kernel per shape
(a table pick, or the same forced config). For every (shape, M) timed and
every m<M>/ folder, prints each version's time over the base version's,
one ratio per VARIANTS.json (runs of one process each), and the geometric
mean and median (robust to one disturbed timing) over the kernels whose config differs from the base's and over those
that are the same config (where the config is the same and the version
changed the code, all kernels differ; where only the table changed, the
same configs are byte-identical cubins: the run-to-run noise).
"""

import argparse
import json
import math
import re
import statistics
import sys
from collections import defaultdict


def geomean(values):
    return math.exp(sum(map(math.log, values)) / len(values))


def config_of(kernel_name):
    """The config part of a kernel name: t8_c2_s8_sk8_b2."""
    return re.sub(r"^liquid_w4a8_n\d+_k\d+_g\d+_[a-z]+_", "", kernel_name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--base", default="old")
    args = parser.parse_args()

    # (n, k, m, folder) -> version -> [(config, us) per run]
    times = defaultdict(lambda: defaultdict(list))
    for path in args.variants:
        for cell in json.load(open(path))["cells"]:
            for variant in cell["variants"]:
                version, folder, name = variant["kernel"].split("/")
                key = (cell["n"], cell["k"], cell["m"], folder)
                times[key][version].append((config_of(name), variant["us"]))

    versions = sorted({v for by in times.values() for v in by} - {args.base})
    ratios = {v: {"changed": [], "same": []} for v in versions}
    for (n, k, m, folder), by in sorted(times.items()):
        base = by.get(args.base)
        if not base:
            continue
        line = f"{n}x{k} M={m} {folder} {base[0][0]} {min(us for _, us in base):.1f} us"
        for version in versions:
            other = by.get(version)
            if not other or len(other) != len(base):
                continue
            runs = [o_us / b_us for (_, b_us), (_, o_us) in zip(base, other)]
            kind = "same" if other[0][0] == base[0][0] else "changed"
            ratios[version][kind].append(geomean(runs))
            shown = "" if kind == "same" else f" {other[0][0]}"
            line += f" | {version}{shown} " + " ".join(f"{r:.3f}" for r in runs)
        print(line)
    for version in versions:
        for kind, values in ratios[version].items():
            if values:
                print(f"{version}/{args.base} {kind} config: geomean {geomean(values):.3f}, "
                      f"median {statistics.median(values):.3f} ({min(values):.3f} - "
                      f"{max(values):.3f}, {len(values)} kernels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
