#!/usr/bin/env python3
"""Fits the constants of the config table's cost model to variant timings.

    fit_config_table.py VARIANTS.json [...] [--fit]
    fit_config_table.py --picks M:N:K [...]

Reads the output of scripts/gpu/variants.py (several configs of one (shape, M)
cell timed in one process) and, for each cell, lets the cost model pick among
the measured variants; the regret of a cell is the time of the pick over the
fastest measured. Prints the regret of every cell for the constants in
KernelConfig.cpp, and with --fit searches the constants for the least
geometric-mean regret (then the least worst regret): coordinate descent over
each constant's range, repeated until no single constant improves, from the
table's values and from the best of --samples random points of the ranges
(the regret surface is flat with many local minima: from the table's values
alone the descent stops early).

The table chooses among all its candidates, not only the measured ones: a
cell whose pick over every candidate (candidates() below) was not measured
is reported as untimed, and --fit only accepts constants that leave no more
cells untimed than the table's own (their picks' times would be unknown).

The model below mirrors estimatedCost() and the candidates of
selectKernelConfig() in lib/Dialect/Liquid/Transforms/KernelConfig.cpp, with
the constants as parameters. --picks prints the model's pick for each cell
with the table's constants, in the config attribute's syntax (without the
stages and cluster, which the cost model does not choose):
test/Transforms/liquid-select-config-model.mlir checks that the pass and
this script pick the same.
"""

import argparse
import json
import random
import sys

import numpy as np

MULTIPROCESSORS = 132
BLOCK_ROWS = 64
BLOCK_K = 64
# selectKernelConfig's candidate ranges and admissibility (KernelConfig.cpp,
# WarpSpecializeOp::getEntryRegisters, KernelProblem::wgmmaEntryRegisters).
MAX_TOKEN_TILE = 256
MAX_SPLIT_K = 64
MIN_K_BLOCKS_PER_SPLIT = 8
MAX_TABLE_BLOCKS_PER_SM = 2
MIN_TABLE_ENTRY_REGISTERS = 80
MIN_FOUR_CONSUMER_TILE = 128

# The constants of KernelConfig.cpp, by the names used there.
TABLE = {"block_latency": 192, "co_resident": 250, "split_fixed": 5000,
         "split_reduce": 40, "four_consumer": 144, "tile_fixed": 8,
         "one_consumer": 110, "one_consumer_latency": 90}

# Random points of the ranges --fit descends from, besides the table's values.
DESCENTS = 10

# The values --fit tries for each constant.
RANGES = {"block_latency": range(96, 321, 16),
          "co_resident": range(150, 351, 25),
          "split_fixed": range(0, 5001, 250),
          "split_reduce": range(0, 201, 10),
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
    per_block += np.where(split > 1, c["split_fixed"]
                          + c["split_reduce"] * (split - 1) * tile * consumers // 2, 0)
    return rounds * per_block


def entry_registers(consumers, per_sm):
    threads = 128 * (consumers + 1)
    return min(255, 65536 // (per_sm * threads) // 8 * 8)


def candidates(m, n, k):
    """Every (tile, consumers, split, per_sm) the table weighs for a cell."""
    widest = min(max(1 << (m - 1).bit_length(), 8), MAX_TOKEN_TILE)
    most_slices = min(max(k // BLOCK_K // MIN_K_BLOCKS_PER_SPLIT, 1), MAX_SPLIT_K)
    out = []
    tile = 8
    while tile <= widest:
        for consumers in (1, 2, 4):
            if n % (BLOCK_ROWS * consumers):
                continue
            if consumers > 2 and tile < MIN_FOUR_CONSUMER_TILE:
                continue
            for per_sm in range(1, MAX_TABLE_BLOCKS_PER_SM + 1):
                entry = entry_registers(consumers, per_sm)
                if entry < tile // 2 + 30 or entry < MIN_TABLE_ENTRY_REGISTERS:
                    continue
                out += [(tile, consumers, split, per_sm)
                        for split in range(1, most_slices + 1)]
        tile *= 2
    return out


def table_pick(c, m, n, k):
    """The model's pick among all candidates of a cell: (tile, consumers,
    split, per_sm)."""
    options = Options([[(m, n, k) + candidate for candidate in candidates(m, n, k)]])
    return options.choice(options.cheapest(c)[0], 0)


def attribute(pick):
    tile, consumers, split, per_sm = pick
    text = f"token_tile = {tile}, consumers = {consumers}"
    if split > 1:
        text += f", split_k = {split}"
    if per_sm > 1:
        text += f", blocks_per_sm = {per_sm}"
    return f"config = <{text}>"


class Options:
    """Configs of several cells as a padded (cell, option) table: each row
    holds one cell's (m, n, k, tile, consumers, split, per_sm) options."""

    FIELDS = ("m", "n", "k", "tile", "consumers", "split", "per_sm")

    def __init__(self, rows):
        shape = (len(rows), max(len(r) for r in rows))
        self.valid = np.zeros(shape, dtype=bool)
        self.cols = {f: np.ones(shape, dtype=np.int64) for f in self.FIELDS}
        for i, row in enumerate(rows):
            self.valid[i, :len(row)] = True
            for f, values in zip(self.FIELDS, zip(*row)):
                self.cols[f][i, :len(row)] = values
        self.rank = rank(*(self.cols[f] for f in ("tile", "consumers", "split", "per_sm")))

    def cheapest(self, c):
        """Per cell, the index of the option the table would pick."""
        key = cost(c, *(self.cols[f] for f in self.FIELDS)) * 10**6 + self.rank
        return np.where(self.valid, key, np.iinfo(np.int64).max).argmin(axis=1)

    def choice(self, j, i):
        """Option j of cell i as (tile, consumers, split, per_sm)."""
        return tuple(int(self.cols[f][i, j]) for f in self.FIELDS[3:])


class Cells:
    """The timed variants of all cells, and every candidate of each cell."""

    def __init__(self, cells):
        self.cells = cells
        self.variants = Options([[(c["m"], c["n"], c["k"]) + config_key(v["config"])
                                  for v in c["variants"]] for c in cells])
        self.us = np.full(self.variants.valid.shape, np.inf)
        for i, cell in enumerate(cells):
            self.us[i, :len(cell["variants"])] = [v["us"] for v in cell["variants"]]
        self.best = self.us.min(axis=1)
        self.grid = Options([[(c["m"], c["n"], c["k"]) + candidate
                              for candidate in candidates(c["m"], c["n"], c["k"])]
                             for c in cells])
        # Which candidates were timed.
        self.grid_timed = np.zeros(self.grid.valid.shape, dtype=bool)
        for i, cell in enumerate(cells):
            timed = {config_key(v["config"]) for v in cell["variants"]}
            for j in range(int(self.grid.valid[i].sum())):
                self.grid_timed[i, j] = self.grid.choice(j, i) in timed

    def picks(self, c):
        return self.variants.cheapest(c)

    def untimed(self, c):
        """Per cell, the table's pick over all candidates if it was not
        measured, else None."""
        return [None if self.grid_timed[i, j] else self.grid.choice(j, i)
                for i, j in enumerate(self.grid.cheapest(c))]

    def untimed_count(self, c):
        return sum(p is not None for p in self.untimed(c))

    def regrets(self, c):
        picks = self.picks(c)
        return self.us[np.arange(len(self.cells)), picks] / self.best

    def score(self, c):
        r = self.regrets(c)
        return float(np.exp(np.log(r).mean())), float(r.max())


def rank(tile, consumers, split, per_sm):
    """The table's tie-break: the narrower tile, the fewer consumers, the
    fewer blocks per SM, the fewer slices."""
    return ((tile * 10 + consumers) * 10 + per_sm) * 100 + split


def config_key(config):
    return (config["token_tile"], config["consumers"], config["split_k"],
            config["blocks_per_sm"])


def fit(cells, start, samples, seed):
    """The least-regret constants found by descending from `start` and from
    the best of `samples` random points, leaving no more cells untimed than
    `start` does."""
    allowed = cells.untimed_count(start)

    def admissible(constants):
        return cells.untimed_count(constants) <= allowed

    def descend(constants):
        score = cells.score(constants)
        improved = True
        while improved:
            improved = False
            for name, values in RANGES.items():
                for value in values:
                    trial = dict(constants, **{name: value})
                    trial_score = cells.score(trial)
                    if trial_score < score and admissible(trial):
                        constants, score, improved = trial, trial_score, True
        return score, constants

    rng = random.Random(seed)
    points = [{name: rng.choice(values) for name, values in RANGES.items()}
              for _ in range(samples)]
    points = sorted((p for p in points if admissible(p)), key=cells.score)
    starts = [dict(start)] + points[:DESCENTS]
    return min((descend(s) for s in starts), key=lambda found: found[0])[1]


def label(config):
    return (f"t{config['token_tile']} c{config['consumers']} "
            f"sk{config['split_k']} b{config['blocks_per_sm']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="*")
    parser.add_argument("--picks", nargs="+", metavar="M:N:K",
                        help="print the table's picks for these cells")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--samples", type=int, default=2000,
                        help="random points of the ranges --fit ranks")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.picks:
        for cell in args.picks:
            m, n, k = (int(v) for v in cell.split(":"))
            print(f"{m}:{n}:{k} {attribute(table_pick(TABLE, m, n, k))}")
        return 0
    if not args.variants:
        parser.error("no variants file (or --picks)")
    raw = []
    for path in args.variants:
        raw += [c for c in json.load(open(path))["cells"] if len(c["variants"]) > 1]
    if not raw:
        print("no cell with more than one variant", file=sys.stderr)
        return 1
    cells = Cells(raw)

    constants = dict(TABLE)
    if args.fit:
        constants = fit(cells, constants, args.samples, args.seed)
        print("fitted:", constants)

    picks, r = cells.picks(constants), cells.regrets(constants)
    untimed = cells.untimed(constants)
    for i, cell in enumerate(raw):
        pick = cell["variants"][picks[i]]
        fastest = min(cell["variants"], key=lambda v: v["us"])
        line = (f"{cell['n']}x{cell['k']} M={cell['m']}: pick {label(pick['config'])} "
                f"{pick['us']:.1f} us, fastest {label(fastest['config'])} "
                f"{fastest['us']:.1f} us, regret {r[i]:.3f}")
        if untimed[i]:
            line += " (the table picks t{} c{} sk{} b{}: untimed)".format(*untimed[i])
        print(line)
    geo, worst = cells.score(constants)
    print(f"{len(raw)} cells: geomean regret {geo:.4f}, worst {worst:.3f}, "
          f"{cells.untimed_count(constants)} untimed picks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
