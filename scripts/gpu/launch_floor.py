#!/usr/bin/env python3
"""Event time of an empty kernel under sweep.py's protocol (256 MiB flush,
CUDA events, calls enqueued while the GPU spins): what any kernel pays in
that protocol before it does work.

    PYTHONPATH=scripts/gpu launch_floor.py
"""
import cupy
from sweep import Timer

kernel = cupy.RawKernel(r'extern "C" __global__ void empty() {}', "empty")
timer = Timer()
for grid in (1, 132, 264):
    us, n = timer(lambda: kernel((grid,), (384,), ()))
    print(f"empty kernel grid={grid} block=384: {us:.2f} us (median of {n})")
