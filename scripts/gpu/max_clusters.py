#!/usr/bin/env python3
"""How many clusters of a liquid kernel the GPU holds at once.

    max_clusters.py MANIFEST.json [...]

For each kernel manifest, loads its cubin, gives the function the manifest's
dynamic shared memory and asks the driver (cuOccupancyMaxActiveClusters)
how many clusters of the manifest's cluster shape can be resident at once,
for a grid of the manifest's blocks along N. A grid of more clusters than
that runs in rounds; with one block per SM the product of the two should be
close to the SM count, and where it is not, the cluster shape leaves SMs
idle. Prints one line per manifest.
"""

import json
import sys
from pathlib import Path

try:
    from cuda.bindings import driver as cu
except ImportError:  # cuda-python before 12.6 named the module cuda.cuda
    from cuda import cuda as cu


def check(result):
    err, *values = result
    if err != cu.CUresult.CUDA_SUCCESS:
        raise RuntimeError(f"CUDA driver error {err}")
    return values[0] if len(values) == 1 else values


def main():
    check(cu.cuInit(0))
    device = check(cu.cuDeviceGet(0))
    context = check(cu.cuDevicePrimaryCtxRetain(device))
    check(cu.cuCtxSetCurrent(context))
    sms = check(cu.cuDeviceGetAttribute(
        cu.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device))
    for path in map(Path, sys.argv[1:]):
        manifest = json.loads(path.read_text())
        launch = manifest["launch"]
        module = check(cu.cuModuleLoadData(path.with_suffix(".cubin").read_bytes()))
        function = check(cu.cuModuleGetFunction(module, manifest["kernel"].encode()))
        shared = launch["dynamic_shared_memory"]
        check(cu.cuFuncSetAttribute(
            function,
            cu.CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
            shared))
        cluster = launch["cluster"][0]
        config = cu.CUlaunchConfig()
        config.gridDimX = launch["grid"][0]
        config.gridDimY = config.gridDimZ = 1
        config.blockDimX = launch["block"][0]
        config.blockDimY = config.blockDimZ = 1
        config.sharedMemBytes = shared
        attribute = cu.CUlaunchAttribute()
        attribute.id = cu.CUlaunchAttributeID.CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION
        attribute.value.clusterDim.x = cluster
        attribute.value.clusterDim.y = attribute.value.clusterDim.z = 1
        config.attrs = [attribute]
        config.numAttrs = 1
        clusters = check(cu.cuOccupancyMaxActiveClusters(function, config))
        print(f"{manifest['kernel']}: cluster {cluster}, {shared} B dynamic shared "
              f"memory: {clusters} clusters at once ({clusters * cluster} blocks, "
              f"{sms} SMs)")
        check(cu.cuModuleUnload(module))


if __name__ == "__main__":
    main()
