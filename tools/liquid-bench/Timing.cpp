//===- Timing.cpp - Median GPU time with a cold L2 ------------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "Timing.h"

#include <algorithm>

using namespace liquid::bench;

L2Flusher::L2Flusher() {
  int device = 0, l2Bytes = 0;
  checkCuda(cudaGetDevice(&device), "cudaGetDevice");
  checkCuda(cudaDeviceGetAttribute(&l2Bytes, cudaDevAttrL2CacheSize, device),
            "cudaDeviceGetAttribute(L2 size)");
  // H100: 50 MB of L2, so 100 MB of scratch; at least 64 MB if unknown.
  size_t bytes = std::max<size_t>(2 * size_t(l2Bytes), size_t(64) << 20);
  scratch = DeviceBuffer(bytes);
}

void L2Flusher::flush(cudaStream_t stream) {
  // A different byte each round, so no layer can skip an idempotent write.
  checkCuda(
      cudaMemsetAsync(scratch.get(), ++round & 0xFF, scratch.size(), stream),
      "cudaMemsetAsync (L2 flush)");
}

Timing
liquid::bench::timeLaunches(const std::function<void(cudaStream_t)> &launch,
                            cudaStream_t stream, L2Flusher &flusher, int warmup,
                            int iters) {
  for (int i = 0; i < warmup; ++i)
    launch(stream);

  std::vector<cudaEvent_t> start(iters), stop(iters);
  for (int i = 0; i < iters; ++i) {
    checkCuda(cudaEventCreate(&start[i]), "cudaEventCreate");
    checkCuda(cudaEventCreate(&stop[i]), "cudaEventCreate");
  }
  for (int i = 0; i < iters; ++i) {
    flusher.flush(stream);
    checkCuda(cudaEventRecord(start[i], stream), "cudaEventRecord");
    launch(stream);
    checkCuda(cudaEventRecord(stop[i], stream), "cudaEventRecord");
  }
  checkCuda(cudaStreamSynchronize(stream), "cudaStreamSynchronize (timing)");

  std::vector<double> us(iters);
  for (int i = 0; i < iters; ++i) {
    float ms = 0;
    checkCuda(cudaEventElapsedTime(&ms, start[i], stop[i]),
              "cudaEventElapsedTime");
    us[i] = 1000.0 * ms;
    cudaEventDestroy(start[i]);
    cudaEventDestroy(stop[i]);
  }
  std::sort(us.begin(), us.end());
  Timing t;
  t.runs = iters;
  t.minUs = us.front();
  t.maxUs = us.back();
  t.medianUs =
      iters % 2 ? us[iters / 2] : 0.5 * (us[iters / 2 - 1] + us[iters / 2]);
  return t;
}
