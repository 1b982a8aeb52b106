"""Session 16, call 3: how many clusters of each kernel the H100 holds at once
(cuOccupancyMaxActiveClusters) against how many its M = m_max launch has.

    occupancy.py MANIFEST...
"""
import json
import math
import sys

import cupy

try:
    from cuda.bindings import driver as cu
except ImportError:  # older cuda-python
    from cuda import cuda as cu

cupy.zeros(1)  # a context
for path in sys.argv[1:]:
    m = json.load(open(path))
    launch = m["launch"]
    module = cupy.RawModule(path=path[:-5] + ".cubin")
    kernel = module.get_function(m["kernel"])
    smem = launch["dynamic_shared_memory"]
    kernel.max_dynamic_shared_size_bytes = smem
    mmax = m["problem"]["m_max"]
    grid = [launch["grid"][0], math.ceil(mmax / m["config"]["token_tile"]),
            launch["grid"][2]]
    config = cu.CUlaunchConfig()
    config.gridDimX, config.gridDimY, config.gridDimZ = grid
    config.blockDimX, config.blockDimY, config.blockDimZ = launch["block"]
    config.sharedMemBytes = smem
    config.hStream = 0
    config.numAttrs = 0
    err, clusters = cu.cuOccupancyMaxActiveClusters(kernel.ptr, config)
    size = math.prod(launch["cluster"])
    blocks = math.prod(grid)
    print(f"{path.split('/')[-3]}/{path.split('/')[-2]} {m['kernel']}: cluster {launch['cluster']} "
          f"max active clusters {clusters} ({err}) = {clusters * size} blocks; "
          f"launch M={mmax}: {blocks} blocks = {blocks // size} clusters", flush=True)
