//===- BenchOptions.h - liquid-bench command line ---------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_BENCHOPTIONS_H
#define LIQUID_TOOLS_LIQUIDBENCH_BENCHOPTIONS_H

#include "liquid/Runtime/Status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace liquid::bench {

enum class PeerKind { Int8, Fp16, Fp8 };

struct BenchOptions {
  std::string manifestPath;
  /// Token counts; DESIGN.md section 6 by default.
  std::vector<int64_t> tokenCounts = {1,   4,   16,  32,   64,
                                      128, 256, 512, 1024, 4096};
  bool check = false;
  bool time = false;
  int iters = 100;
  int warmup = 10;
  std::vector<PeerKind> peers = {PeerKind::Int8, PeerKind::Fp16, PeerKind::Fp8};
  std::string jsonPath;
  uint64_t seed = 1;
  /// Rows of Y compared with the CPU reference when M is larger.
  int64_t checkRows = 256;
  bool help = false;
};

/// The usage text.
const char *benchUsage();

/// Parses argv. Without --check and --time, both are on.
runtime::Expected<BenchOptions> parseBenchOptions(int argc, char **argv);

const char *peerName(PeerKind kind);

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_BENCHOPTIONS_H
