//===- Timing.h - Median GPU time with a cold L2 ----------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The protocol of DESIGN.md section 6: each run is one launch between two
// CUDA events, preceded (outside the timed region) by a write of a buffer
// twice the L2 size, so every run reads its weights from HBM as a serving
// step would; the statistic is the median over the runs.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_TIMING_H
#define LIQUID_TOOLS_LIQUIDBENCH_TIMING_H

#include "CudaUtil.h"

#include <functional>

namespace liquid::bench {

/// Evicts the L2 by overwriting a scratch buffer of at least twice its size.
class L2Flusher {
public:
  L2Flusher();
  void flush(cudaStream_t stream);
  size_t bytes() const { return scratch.size(); }

private:
  DeviceBuffer scratch;
  int round = 0;
};

struct Timing {
  double medianUs = 0;
  double minUs = 0;
  double maxUs = 0;
  int runs = 0;
};

/// Times `launch` (which enqueues exactly the work to measure on the stream).
/// All runs are enqueued before the first result is read, so the GPU never
/// waits for the host between the flush and the timed launch.
Timing timeLaunches(const std::function<void(cudaStream_t)> &launch,
                    cudaStream_t stream, L2Flusher &flusher, int warmup,
                    int iters);

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_TIMING_H
