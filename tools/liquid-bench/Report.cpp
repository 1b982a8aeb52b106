//===- Report.cpp - liquid-bench results: table and JSON ------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "CudaUtil.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace liquid;
using namespace liquid::bench;
using runtime::json::Value;

static int deviceAttribute(cudaDeviceAttr attribute, int device) {
  int value = 0;
  checkCuda(cudaDeviceGetAttribute(&value, attribute, device),
            "cudaDeviceGetAttribute");
  return value;
}

Value liquid::bench::describeDevice(int device) {
  cudaDeviceProp prop{};
  checkCuda(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
  int driver = 0, runtimeVersion = 0, blas = 0;
  checkCuda(cudaDriverGetVersion(&driver), "cudaDriverGetVersion");
  checkCuda(cudaRuntimeGetVersion(&runtimeVersion), "cudaRuntimeGetVersion");
  cublasHandle_t handle = nullptr;
  if (cublasCreate(&handle) == CUBLAS_STATUS_SUCCESS) {
    cublasGetVersion(handle, &blas);
    cublasDestroy(handle);
  }
  Value d = Value::makeObject();
  d.set("name", std::string(prop.name));
  d.set("compute_capability",
        std::to_string(prop.major) + "." + std::to_string(prop.minor));
  d.set("sm_count", deviceAttribute(cudaDevAttrMultiProcessorCount, device));
  d.set("sm_clock_khz", deviceAttribute(cudaDevAttrClockRate, device));
  d.set("memory_clock_khz",
        deviceAttribute(cudaDevAttrMemoryClockRate, device));
  d.set("memory_bus_bits",
        deviceAttribute(cudaDevAttrGlobalMemoryBusWidth, device));
  d.set("l2_bytes", deviceAttribute(cudaDevAttrL2CacheSize, device));
  d.set("memory_bytes", static_cast<uint64_t>(prop.totalGlobalMem));
  Value versions = Value::makeObject();
  versions.set("driver", driver);
  versions.set("runtime", runtimeVersion);
  versions.set("cublas", blas);
  versions.set("cublaslt", static_cast<uint64_t>(cublasLtGetVersion()));
  d.set("versions", std::move(versions));
  return d;
}

static std::string utcNow() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

/// 2*M*N*K operations in `us` microseconds, in tera-operations per second.
static double tops(int64_t m, const runtime::Manifest &manifest, double us) {
  return 2.0 * m * manifest.problem.n * manifest.problem.k / (us * 1e6);
}

static Value timingJson(const Timing &t, int64_t m,
                        const runtime::Manifest &manifest, double weightBytes) {
  Value v = Value::makeObject();
  v.set("us", t.medianUs);
  v.set("min_us", t.minUs);
  v.set("max_us", t.maxUs);
  v.set("tops", tops(m, manifest, t.medianUs));
  v.set("weight_bytes", weightBytes);
  v.set("weight_gbps", weightBytes / (t.medianUs * 1e3));
  return v;
}

static Value checkJson(const TokenResult &r) {
  const CheckResult &c = r.check;
  Value v = Value::makeObject();
  v.set("status", c.passed ? "PASS" : "FAIL");
  v.set("rows_checked", c.rowsChecked);
  v.set("elements", c.elements);
  v.set("exact", c.exact);
  v.set("bitwise_mismatches", c.bitwiseMismatches);
  v.set("unwritten", c.unwritten);
  v.set("non_finite", c.nonFinite);
  v.set("max_rel_err", c.maxRelErr);
  v.set("reference_max_rel_err", c.referenceMaxRelErr);
  Value worst = Value::makeObject();
  worst.set("row", c.worstRow);
  worst.set("col", c.worstCol);
  worst.set("got", c.worstGot);
  worst.set("ref", c.worstRef);
  v.set("worst", std::move(worst));
  if (r.timed)
    v.set("repeat_mismatches", r.repeatMismatches);
  return v;
}

Value liquid::bench::buildReport(const BenchOptions &options,
                                 const runtime::Manifest &manifest,
                                 const Value &device, size_t flushBytes,
                                 const std::vector<TokenResult> &results) {
  Value report = Value::makeObject();
  report.set("tool", "liquid-bench");
  report.set("date_utc", utcNow());
  const char *commit = std::getenv("LIQUID_COMMIT");
  report.set("commit", commit ? Value(commit) : Value());
  report.set("device", device);

  Value protocol = Value::makeObject();
  protocol.set("statistic", "median");
  protocol.set("iters", options.iters);
  protocol.set("warmup", options.warmup);
  protocol.set("l2_flush_bytes", static_cast<uint64_t>(flushBytes));
  protocol.set("seed", options.seed);
  protocol.set("check_rows", options.checkRows);
  protocol.set("max_rel_err_tolerance", kMaxRelErr);
  report.set("protocol", std::move(protocol));

  Value kernel = Value::makeObject();
  kernel.set("manifest", options.manifestPath);
  kernel.set("name", manifest.kernel);
  for (const char *key :
       {"compiler", "problem", "config", "launch", "resources"})
    if (const Value *v = manifest.document.find(key))
      kernel.set(key, *v);
  report.set("kernel", std::move(kernel));

  bool passed = true;
  Value list = Value::makeArray();
  for (const TokenResult &r : results) {
    Value entry = Value::makeObject();
    entry.set("m", r.m);
    entry.set("grid", Value::makeArray({Value(int64_t(r.grid[0])),
                                        Value(int64_t(r.grid[1])),
                                        Value(int64_t(r.grid[2]))}));
    if (r.checked) {
      entry.set("check", checkJson(r));
      passed &= r.check.passed;
    }
    if (r.timed) {
      entry.set("liquid",
                timingJson(r.liquid, r.m, manifest, r.liquidWeightBytes));
      Value peers = Value::makeObject();
      for (const PeerResult &p : r.peers) {
        Value pv = Value::makeObject();
        if (!p.error.empty()) {
          pv.set("error", p.error);
        } else {
          pv = timingJson(p.timing, r.m, manifest, p.weightBytes);
          pv.set("m_run", p.mRun);
          pv.set("ratio", p.timing.medianUs / r.liquid.medianUs);
        }
        peers.set(peerName(p.kind), std::move(pv));
      }
      entry.set("peers", std::move(peers));
    }
    list.push(std::move(entry));
  }
  report.set("results", std::move(list));
  report.set("passed", passed);
  return report;
}

void liquid::bench::printTableHeader(const runtime::Manifest &manifest,
                                     const Value &device,
                                     const std::vector<PeerKind> &peers) {
  const runtime::ManifestProblem &p = manifest.problem;
  std::printf("%s: N=%lld K=%lld G=%lld %s, on %s\n", manifest.kernel.c_str(),
              (long long)p.n, (long long)p.k, (long long)p.groupSize,
              p.mode == runtime::DequantMode::Xor ? "xor" : "offset",
              device.find("name")->asString().c_str());
  std::printf("%6s %5s %9s %7s | %9s %7s %7s", "M", "check", "max_rel",
              "exact%", "liquid_us", "TOPS", "W_GB/s");
  for (PeerKind k : peers)
    std::printf(" | %12s %6s", peerName(k), "x");
  std::printf("\n");
}

void liquid::bench::printTableRow(const TokenResult &r,
                                  const runtime::Manifest &manifest) {
  std::printf("%6lld", (long long)r.m);
  if (r.checked)
    std::printf(" %5s %9.2e %7.2f", r.check.passed ? "PASS" : "FAIL",
                r.check.maxRelErr,
                100.0 * r.check.exact / std::max<int64_t>(1, r.check.elements));
  else
    std::printf(" %5s %9s %7s", "-", "-", "-");
  if (r.timed) {
    std::printf(" | %9.2f %7.1f %7.0f", r.liquid.medianUs,
                tops(r.m, manifest, r.liquid.medianUs),
                r.liquidWeightBytes / (r.liquid.medianUs * 1e3));
    for (const PeerResult &p : r.peers) {
      if (p.error.empty())
        std::printf(" | %12.2f %5.2fx", p.timing.medianUs,
                    p.timing.medianUs / r.liquid.medianUs);
      else
        std::printf(" | %12s %6s", "n/a", "-");
    }
  }
  std::printf("\n");
  std::fflush(stdout);
}
