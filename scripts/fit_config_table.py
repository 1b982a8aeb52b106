#!/usr/bin/env python3
"""Fits the constants of the config table's cost model to variant timings.

    fit_config_table.py VARIANTS.json [...] [--grid]

Reads the output of scripts/gpu/variants.py (several configs of one (shape, M)
cell timed in one process) and, for each cell, lets the cost model pick among
the measured variants; the regret of a cell is the time of the pick over the
fastest measured. Prints the regret of every cell for the constants in
KernelConfig.cpp, and with --grid searches the constants for the least
geometric-mean regret (then the least worst regret).

The model below mirrors estimatedCost() in
lib/Dialect/Liquid/Transforms/KernelConfig.cpp, with its constants as
parameters: keep the two in step. The table's own picks are checked in
test/Transforms/liquid-select-config.mlir.
"""

import argparse
import itertools
import json
import math
import sys

MULTIPROCESSORS = 132
BLOCK_ROWS = 64
BLOCK_K = 64

# The constants of KernelConfig.cpp, by the names used there.
TABLE = {"block_latency": 192, "co_resident": 250, "split_fixed": 1500,
         "split_token": 200, "four_consumer": 112, "tile_fixed": 8}


def cost(c, m, n, k, tile, consumers, split, per_sm):
    blocks_along_n = n // (BLOCK_ROWS * consumers)
    tiles = blocks_along_n * -(-m // tile)
    busiest = -(-tiles * split // MULTIPROCESSORS)
    rounds = -(-busiest // per_sm)
    shared = min(busiest, per_sm)
    columns = tile * consumers // 2
    if consumers > 2:
        columns = columns * c["four_consumer"] // 100
    work = columns if shared == 1 else columns * shared * c["co_resident"] // 100
    k_blocks = k // BLOCK_K
    per_block = -(-k_blocks // split) * (work + c["block_latency"])
    per_block += c["tile_fixed"] * tile * consumers // 2
    if split > 1:
        per_block += c["split_fixed"] + c["split_token"] * tile * consumers // 2
    return rounds * per_block


def regrets(cells, c):
    out = []
    for cell in cells:
        variants = cell["variants"]
        best = min(v["us"] for v in variants)
        pick = min(variants, key=lambda v: (
            cost(c, cell["m"], cell["n"], cell["k"], v["config"]["token_tile"],
                 v["config"]["consumers"], v["config"]["split_k"],
                 v["config"]["blocks_per_sm"]),
            v["config"]["token_tile"], v["config"]["consumers"],
            v["config"]["split_k"], v["config"]["blocks_per_sm"]))
        out.append((cell, pick, pick["us"] / best))
    return out


def summary(rs):
    geo = math.exp(sum(math.log(r) for _, _, r in rs) / len(rs))
    return geo, max(r for _, _, r in rs)


def label(config):
    return (f"t{config['token_tile']} c{config['consumers']} "
            f"sk{config['split_k']} b{config['blocks_per_sm']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    cells = []
    for path in args.variants:
        cells += [c for c in json.load(open(path))["cells"] if len(c["variants"]) > 1]
    if not cells:
        print("no cell with more than one variant", file=sys.stderr)
        return 1

    constants = dict(TABLE)
    if args.grid:
        grid = {"block_latency": range(112, 305, 16),
                "co_resident": range(200, 301, 25),
                "split_fixed": (0, 1000, 1500, 2000, 3000),
                "split_token": range(100, 301, 50),
                "four_consumer": (112,),
                "tile_fixed": range(0, 33, 8)}
        best = None
        for values in itertools.product(*grid.values()):
            c = dict(zip(grid.keys(), values))
            score = summary(regrets(cells, c))
            if best is None or score < best[0]:
                best = (score, c)
        constants = best[1]
        print("fitted:", constants)

    rs = regrets(cells, constants)
    for cell, pick, r in rs:
        fastest = min(cell["variants"], key=lambda v: v["us"])
        print(f"{cell['n']}x{cell['k']} M={cell['m']}: pick {label(pick['config'])} "
              f"{pick['us']:.1f} us, fastest {label(fastest['config'])} "
              f"{fastest['us']:.1f} us, regret {r:.3f}")
    geo, worst = summary(rs)
    print(f"{len(rs)} cells: geomean regret {geo:.4f}, worst {worst:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
