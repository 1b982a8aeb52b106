//===- BenchOptions.cpp - liquid-bench command line -----------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "BenchOptions.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>

using namespace liquid;
using namespace liquid::bench;
using runtime::Expected;
using runtime::Status;

const char *liquid::bench::benchUsage() {
  return R"(usage: liquid-bench --manifest DIR/KERNEL.json [options]

Checks a liquid W4A8 kernel against the CPU reference and times it against
cuBLAS int8, fp16 and fp8 on the same GPU, in the same process.

  --manifest PATH     kernel manifest; the cubin is PATH with .cubin for .json
  --m LIST            token counts, e.g. 1,16,256
                      (default 1,4,16,32,64,128,256,512,1024,4096)
  --check             compare Y with the CPU reference (max rel err <= 1e-3)
  --time              time the kernel and its peers (median, L2 flushed)
                      (neither flag: both)
  --iters N           timed runs per measurement (default 100)
  --warmup N          untimed runs first (default 10)
  --peers LIST        int8,fp16,fp8 or none (default int8,fp16,fp8)
  --json OUT.json     write the results as JSON
  --seed S            random data seed (default 1)
  --check-rows R      rows of Y checked when M > R: first, last and evenly
                      spaced ones (default 256)
  --help              this text

Exit status: 0 when every check passes, 1 when one fails, 2 on errors.
The environment variable LIQUID_COMMIT, when set, is recorded in the JSON.
)";
}

const char *liquid::bench::peerName(PeerKind kind) {
  switch (kind) {
  case PeerKind::Int8:
    return "cublas_int8";
  case PeerKind::Fp16:
    return "cublas_fp16";
  case PeerKind::Fp8:
    return "cublas_fp8";
  }
  return "?";
}

static bool parseInteger(const std::string &text, int64_t &out) {
  if (text.empty())
    return false;
  errno = 0;
  char *end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno || *end)
    return false;
  out = v;
  return true;
}

static std::vector<std::string> splitCommas(const std::string &text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ','))
    parts.push_back(part);
  return parts;
}

Expected<BenchOptions> liquid::bench::parseBenchOptions(int argc, char **argv) {
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      return o;
    }
    if (flag == "--check") {
      o.check = true;
      continue;
    }
    if (flag == "--time") {
      o.time = true;
      continue;
    }
    if (i + 1 >= argc)
      return Status::error("unknown flag or missing value: " + flag);
    std::string value = argv[++i];
    int64_t number = 0;
    auto positive = [&](int64_t min) {
      return parseInteger(value, number) && number >= min;
    };
    if (flag == "--manifest") {
      o.manifestPath = value;
    } else if (flag == "--m") {
      o.tokenCounts.clear();
      for (const std::string &part : splitCommas(value)) {
        int64_t m;
        if (!parseInteger(part, m) || m < 1)
          return Status::error("--m: '" + part + "' is not a token count >= 1");
        o.tokenCounts.push_back(m);
      }
      if (o.tokenCounts.empty())
        return Status::error("--m: no token counts");
    } else if (flag == "--iters") {
      if (!positive(1))
        return Status::error("--iters must be an integer >= 1");
      o.iters = static_cast<int>(number);
    } else if (flag == "--warmup") {
      if (!positive(0))
        return Status::error("--warmup must be an integer >= 0");
      o.warmup = static_cast<int>(number);
    } else if (flag == "--peers") {
      o.peers.clear();
      if (value != "none") {
        for (const std::string &part : splitCommas(value)) {
          if (part == "int8")
            o.peers.push_back(PeerKind::Int8);
          else if (part == "fp16")
            o.peers.push_back(PeerKind::Fp16);
          else if (part == "fp8")
            o.peers.push_back(PeerKind::Fp8);
          else
            return Status::error("--peers: unknown peer '" + part +
                                 "' (int8, fp16, fp8 or none)");
        }
      }
    } else if (flag == "--json") {
      o.jsonPath = value;
    } else if (flag == "--seed") {
      if (!positive(0))
        return Status::error("--seed must be an integer >= 0");
      o.seed = static_cast<uint64_t>(number);
    } else if (flag == "--check-rows") {
      if (!positive(1))
        return Status::error("--check-rows must be an integer >= 1");
      o.checkRows = number;
    } else {
      return Status::error("unknown flag: " + flag);
    }
  }
  if (o.manifestPath.empty())
    return Status::error("--manifest is required");
  if (!o.check && !o.time)
    o.check = o.time = true;
  return o;
}
