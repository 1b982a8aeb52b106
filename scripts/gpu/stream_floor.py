#!/usr/bin/env python3
"""What reading a decode call's bytes costs in sweep.py's protocol: the event
time of a plain streaming kernel that reads as many bytes as a W4A8 kernel
does at M = 1 (packed weights and group parameters, G = 64) and nothing
else. No W4A8 kernel can beat it in that protocol; PEERS.md's floor (bytes
at 3.0 TB/s) leaves out the launch and the flush's write-back that every
timed call here pays.

    PYTHONPATH=scripts/gpu stream_floor.py OUT.json [--shapes 4096x4096,...]

For each shape, the fastest of several read kernels (16-byte loads, 1-4
blocks of 256 threads per SM, 1-8 loads in flight per thread) is reported,
with its configuration and the rate it reached.
"""

import argparse
import json

import cupy
import torch

from sweep import GROUP, SHAPES, Timer

SOURCE = r"""
extern "C" __global__ void stream(const uint4 *__restrict__ in,
                                  unsigned long long count,
                                  unsigned *__restrict__ out) {
  // UNROLL loads in flight per thread; the xor keeps them live.
  unsigned acc = 0;
  unsigned long long stride = (unsigned long long)gridDim.x * blockDim.x;
  unsigned long long i = (unsigned long long)blockIdx.x * blockDim.x + threadIdx.x;
  for (; i + (UNROLL - 1) * stride < count; i += UNROLL * stride) {
    uint4 v[UNROLL];
#pragma unroll
    for (int u = 0; u < UNROLL; ++u)
      v[u] = __ldcs(in + i + u * stride);
#pragma unroll
    for (int u = 0; u < UNROLL; ++u)
      acc ^= v[u].x ^ v[u].y ^ v[u].z ^ v[u].w;
  }
  for (; i < count; i += stride) {
    uint4 v = __ldcs(in + i);
    acc ^= v.x ^ v.y ^ v.z ^ v.w;
  }
  if (acc == 0x9e3779b9u)
    out[0] = acc;
}
"""


def decode_bytes(n, k):
    """Packed int4 weights plus one (s, a) byte pair per group of G."""
    return n * k // 2 + n * k // GROUP * 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    args = parser.parse_args()

    sms = torch.cuda.get_device_properties(0).multi_processor_count
    kernels = {unroll: cupy.RawKernel(SOURCE.replace("UNROLL", str(unroll)),
                                      "stream")
               for unroll in (1, 2, 4, 8)}
    sink = cupy.zeros(1, dtype=cupy.uint32)
    timer = Timer()
    rows = []
    for shape in args.shapes.split(","):
        n, k = map(int, shape.split("x"))
        nbytes = decode_bytes(n, k)
        data = cupy.ones(nbytes // 16 * 4, dtype=cupy.uint32)
        count = cupy.uint64(nbytes // 16)
        best = None
        for blocks_per_sm in (1, 2, 4):
            for unroll, kernel in kernels.items():
                grid = sms * blocks_per_sm
                us, iters = timer(lambda: kernel((grid,), (256,),
                                                 (data, count, sink)))
                if best is None or us < best["us"]:
                    best = {"us": us, "iters": iters,
                            "blocks_per_sm": blocks_per_sm, "unroll": unroll}
        row = {"shape": shape, "bytes": nbytes, **best,
               "tb_per_s": nbytes / best["us"] / 1e6}
        rows.append(row)
        print(f"{shape}: {nbytes / 1e6:.1f} MB in {best['us']:.2f} us "
              f"({row['tb_per_s']:.2f} TB/s; {best['blocks_per_sm']} blocks/SM, "
              f"{best['unroll']} loads in flight)", flush=True)
        del data
    with open(args.out, "w") as f:
        json.dump({"device": torch.cuda.get_device_name(0), "rows": rows}, f,
                  indent=1)


if __name__ == "__main__":
    main()
