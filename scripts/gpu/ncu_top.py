#!/usr/bin/env python3
"""Summarizes ncu's per-instruction stall sampling of one kernel.

    ncu_top.py SOURCE.csv [--top N]

SOURCE.csv is `ncu -i REPORT --page source --csv --print-source sass`. Prints
the total of sampled warp stalls by reason, then the N instructions with the
most samples, each with its address, SASS and largest reasons: where the
kernel's warps wait, one line per instruction.
"""

import argparse
import csv
import sys
from collections import Counter


def number(text):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    with open(args.csv, newline="") as f:
        rows = list(csv.reader(f))
    header_at = next((i for i, r in enumerate(rows)
                      if any(c.startswith("stall_") for c in r)), None)
    if header_at is None:
        print("no stall_* columns in " + args.csv, file=sys.stderr)
        return 1
    header = rows[header_at]
    address = next(i for i, c in enumerate(header) if "Address" in c)
    source = next(i for i, c in enumerate(header) if c == "Source")
    # Each reason comes twice: all samples, and "(Not Issued)" ones (the
    # warp was not selected that cycle); the first alone is the stall profile.
    reasons = {i: c[len("stall_"):] for i, c in enumerate(header)
               if c.startswith("stall_") and not c.endswith("(Not Issued)")}
    lines, totals = [], Counter()
    for row in rows[header_at + 1:]:
        if len(row) != len(header):
            continue
        counts = Counter({name: number(row[i]) for i, name in reasons.items()})
        counts = +counts
        totals.update(counts)
        lines.append((sum(counts.values()), row[address], row[source], counts))
    total = sum(totals.values())
    if not total:
        print("no samples", file=sys.stderr)
        return 1
    print(f"total samples {total:.0f}")
    print(" ".join(f"{r}={100 * n / total:.1f}%" for r, n in totals.most_common(10)))
    for samples, addr, sass, counts in sorted(lines, key=lambda l: -l[0])[:args.top]:
        top = " ".join(f"{r}={n:.0f}" for r, n in counts.most_common(3))
        print(f"{100 * samples / total:5.1f}% {addr} {sass.strip()[:60]:60s} {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
