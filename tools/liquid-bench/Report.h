//===- Report.h - liquid-bench results: table and JSON ----------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_REPORT_H
#define LIQUID_TOOLS_LIQUIDBENCH_REPORT_H

#include "BenchOptions.h"
#include "HostProblem.h"
#include "Timing.h"

#include "liquid/Runtime/Json.h"
#include "liquid/Runtime/Manifest.h"

#include <array>
#include <string>
#include <vector>

namespace liquid::bench {

struct PeerResult {
  PeerKind kind = PeerKind::Int8;
  /// The M cuBLAS ran (padded where it has no algorithm for M itself).
  int64_t mRun = 0;
  Timing timing;
  double weightBytes = 0;
  /// Why the peer did not run, if it did not.
  std::string error;
};

struct TokenResult {
  int64_t m = 0;
  /// The grid the runtime launches at this M (a split tail's one row).
  std::array<uint32_t, 3> grid = {0, 0, 0};
  bool checked = false;
  CheckResult check;
  /// Elements that differ bitwise between the checked run and a run after
  /// timing (a deterministic kernel has none).
  int64_t repeatMismatches = 0;
  bool timed = false;
  Timing liquid;
  double liquidWeightBytes = 0;
  std::vector<PeerResult> peers;
};

/// The device, driver, runtime and cuBLAS versions, as a JSON object.
runtime::json::Value describeDevice(int device);

/// The whole report (see bench/README.md for the format).
runtime::json::Value buildReport(const BenchOptions &options,
                                 const runtime::Manifest &manifest,
                                 const runtime::json::Value &device,
                                 size_t flushBytes,
                                 const std::vector<TokenResult> &results);

/// One line per M: check, liquid time, peers and ratios.
void printTableHeader(const runtime::Manifest &manifest,
                      const runtime::json::Value &device,
                      const std::vector<PeerKind> &peers);
void printTableRow(const TokenResult &result,
                   const runtime::Manifest &manifest);

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_REPORT_H
