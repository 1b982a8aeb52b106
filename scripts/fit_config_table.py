#!/usr/bin/env python3
"""Fits the constants of the config table's cost model to variant timings.

    fit_config_table.py VARIANTS.json [...] [--fit]

Reads the output of scripts/gpu/variants.py (several configs of one (shape, M)
cell timed in one process) and, for each cell, lets the cost model pick among
the measured variants; the regret of a cell is the time of the pick over the
fastest measured. Prints the regret of every cell for the constants in
KernelConfig.cpp, and with --fit searches the constants for the least
geometric-mean regret (then the least worst regret): coordinate descent over
each constant's range from the table's values, repeated until no single
constant improves.

The model below mirrors estimatedCost() in
lib/Dialect/Liquid/Transforms/KernelConfig.cpp, with its constants as
parameters: keep the two in step. The table's own picks are checked in
test/Transforms/liquid-select-config.mlir.
"""

import argparse
import json
import sys

import numpy as np

MULTIPROCESSORS = 132
BLOCK_ROWS = 64
BLOCK_K = 64

# The constants of KernelConfig.cpp, by the names used there.
TABLE = {"block_latency": 192, "co_resident": 250, "split_fixed": 3500,
         "split_token": 75, "four_consumer": 128, "tile_fixed": 8,
         "one_consumer": 110, "one_consumer_latency": 90}

# The values --fit tries for each constant.
RANGES = {"block_latency": range(96, 321, 16),
          "co_resident": range(150, 351, 25),
          "split_fixed": range(0, 5001, 250),
          "split_token": range(0, 401, 25),
          "four_consumer": range(80, 161, 8),
          "tile_fixed": range(0, 41, 4),
          "one_consumer": range(60, 201, 10),
          "one_consumer_latency": range(40, 201, 10)}


def cost(c, m, n, k, tile, consumers, split, per_sm):
    """estimatedCost() of KernelConfig.cpp on arrays of candidates."""
    blocks_along_n = n // (BLOCK_ROWS * consumers)
    tiles = blocks_along_n * -(-m // tile)
    busiest = -(-tiles * split // MULTIPROCESSORS)
    rounds = -(-busiest // per_sm)
    shared = np.minimum(busiest, per_sm)
    columns = tile * consumers // 2
    latency = np.full_like(tile, c["block_latency"])
    four, one = consumers > 2, consumers == 1
    columns = np.where(four, columns * c["four_consumer"] // 100, columns)
    columns = np.where(one, columns * c["one_consumer"] // 100, columns)
    latency = np.where(one, latency * c["one_consumer_latency"] // 100, latency)
    work = np.where(shared == 1, columns, columns * shared * c["co_resident"] // 100)
    per_block = -(-(k // BLOCK_K) // split) * (work + latency)
    per_block += c["tile_fixed"] * tile * consumers // 2
    per_block += np.where(split > 1, c["split_fixed"] + c["split_token"] * tile * consumers // 2, 0)
    return rounds * per_block


class Cells:
    """The variants of all cells as a padded (cell, variant) table."""

    FIELDS = ("m", "n", "k", "tile", "consumers", "split", "per_sm")

    def __init__(self, cells):
        self.cells = cells
        width = max(len(c["variants"]) for c in cells)
        shape = (len(cells), width)
        self.valid = np.zeros(shape, dtype=bool)
        self.us = np.full(shape, np.inf)
        cols = {f: np.ones(shape, dtype=np.int64) for f in self.FIELDS}
        for i, cell in enumerate(cells):
            for j, v in enumerate(cell["variants"]):
                config = v["config"]
                self.valid[i, j] = True
                self.us[i, j] = v["us"]
                for f, value in zip(self.FIELDS, (
                        cell["m"], cell["n"], cell["k"], config["token_tile"],
                        config["consumers"], config["split_k"],
                        config["blocks_per_sm"])):
                    cols[f][i, j] = value
        self.cols = cols
        # The table's tie-break: the narrower tile, the fewer consumers, the
        # fewer blocks per SM, the fewer slices.
        self.rank = ((cols["tile"] * 10 + cols["consumers"]) * 10 +
                     cols["per_sm"]) * 100 + cols["split"]
        self.best = self.us.min(axis=1)

    def picks(self, c):
        key = cost(c, *(self.cols[f] for f in self.FIELDS)) * 10**6 + self.rank
        key = np.where(self.valid, key, np.iinfo(np.int64).max)
        return key.argmin(axis=1)

    def regrets(self, c):
        picks = self.picks(c)
        return self.us[np.arange(len(self.cells)), picks] / self.best

    def score(self, c):
        r = self.regrets(c)
        return float(np.exp(np.log(r).mean())), float(r.max())


def fit(cells, start):
    constants, score = dict(start), cells.score(start)
    improved = True
    while improved:
        improved = False
        for name, values in RANGES.items():
            for value in values:
                trial = dict(constants, **{name: value})
                trial_score = cells.score(trial)
                if trial_score < score:
                    constants, score, improved = trial, trial_score, True
    return constants


def label(config):
    return (f"t{config['token_tile']} c{config['consumers']} "
            f"sk{config['split_k']} b{config['blocks_per_sm']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--fit", action="store_true")
    args = parser.parse_args()
    raw = []
    for path in args.variants:
        raw += [c for c in json.load(open(path))["cells"] if len(c["variants"]) > 1]
    if not raw:
        print("no cell with more than one variant", file=sys.stderr)
        return 1
    cells = Cells(raw)

    constants = dict(TABLE)
    if args.fit:
        constants = fit(cells, constants)
        print("fitted:", constants)

    picks, r = cells.picks(constants), cells.regrets(constants)
    for i, cell in enumerate(raw):
        pick = cell["variants"][picks[i]]
        fastest = min(cell["variants"], key=lambda v: v["us"])
        print(f"{cell['n']}x{cell['k']} M={cell['m']}: pick {label(pick['config'])} "
              f"{pick['us']:.1f} us, fastest {label(fastest['config'])} "
              f"{fastest['us']:.1f} us, regret {r[i]:.3f}")
    geo, worst = cells.score(constants)
    print(f"{len(raw)} cells: geomean regret {geo:.4f}, worst {worst:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
