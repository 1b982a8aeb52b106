"""Deterministic weight matrices of several distributions for the tests."""

import numpy as np

DISTRIBUTIONS = (
    "normal",       # N(0, 0.02), a trained linear layer
    "uniform",      # U(-1, 1)
    "heavy_tailed", # Student-t, 2 degrees of freedom
    "positive",     # exponential: one-sided groups
    "outliers",     # N(0, 1) with every 97th value times 1000
    "ties",         # (integer + 0.5) * 2^-3 with row max 119 * 2^-3: w / s1 hits .5 exactly
    "tiny",         # N(0, 1e-30)
)


def weights(distribution: str, n: int, k: int, seed: int, dtype=np.float32):
    rng = np.random.default_rng(seed)
    if distribution == "normal":
        w = 0.02 * rng.standard_normal((n, k))
    elif distribution == "uniform":
        w = rng.uniform(-1, 1, (n, k))
    elif distribution == "heavy_tailed":
        w = rng.standard_t(2, (n, k))
    elif distribution == "positive":
        w = rng.exponential(1.0, (n, k))
    elif distribution == "outliers":
        w = rng.standard_normal((n, k))
        w.reshape(-1)[::97] *= 1000
    elif distribution == "ties":
        w = (rng.integers(-119, 119, (n, k)) + 0.5) * 0.125
        w[:, 0] = 119 * 0.125
    elif distribution == "tiny":
        w = 1e-30 * rng.standard_normal((n, k))
    else:
        raise ValueError(distribution)
    return w.astype(dtype)
