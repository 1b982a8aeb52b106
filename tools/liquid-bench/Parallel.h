//===- Parallel.h - Split host work across cores ----------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_PARALLEL_H
#define LIQUID_TOOLS_LIQUIDBENCH_PARALLEL_H

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace liquid::bench {

/// Calls body(begin, end) on contiguous chunks of [0, count), one chunk per
/// hardware thread, and waits for all of them.
template <typename Body> void parallelChunks(int64_t count, Body body) {
  int64_t threads = std::max<int64_t>(1, std::thread::hardware_concurrency());
  threads = std::min(threads, count);
  if (threads <= 1) {
    if (count > 0)
      body(int64_t(0), count);
    return;
  }
  std::vector<std::thread> workers;
  for (int64_t t = 0; t < threads; ++t) {
    int64_t begin = count * t / threads, end = count * (t + 1) / threads;
    workers.emplace_back([=] { body(begin, end); });
  }
  for (std::thread &w : workers)
    w.join();
}

/// A small, fast, seedable generator (splitmix64): each row of a random
/// matrix gets its own stream, so results do not depend on the thread count.
struct SplitMix64 {
  uint64_t state;
  explicit SplitMix64(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return (next() >> 11) * 0x1.0p-53; }
};

/// The seed of row `row` of the matrix `stream` of a run seeded `seed`.
inline uint64_t rowSeed(uint64_t seed, uint64_t stream, uint64_t row) {
  SplitMix64 mix(seed * 0x100000001B3ull + stream);
  return mix.next() ^ (row * 0xD6E8FEB86659FD93ull);
}

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_PARALLEL_H
