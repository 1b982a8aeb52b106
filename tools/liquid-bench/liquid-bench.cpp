//===- liquid-bench.cpp - Check and time a liquid kernel on the GPU -------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Loads a cubin and its manifest through the liquid runtime, quantizes random
// weights with LiquidQuant, and for each token count M:
//  - check: poisons Y with 0xFFFF (an fp16 NaN), launches once, and compares
//    Y with the CPU reference GEMM (bitwise, and by relative error against
//    acc * sx * s1 in float64);
//  - time: the median of single launches with the L2 flushed before each,
//    and the same for cuBLAS int8, fp16 and fp8 on the same shape.
// See bench/README.md.
//
//===----------------------------------------------------------------------===//

#include "BenchOptions.h"
#include "CublasPeers.h"
#include "CudaUtil.h"
#include "HostProblem.h"
#include "Report.h"
#include "Timing.h"

#include "liquid/Runtime/Kernel.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

using namespace liquid;
using namespace liquid::bench;
using runtime::Kernel;
using runtime::Status;

namespace {

/// The device copy of the M-independent operands.
struct DeviceWeights {
  DeviceBuffer packed, scales, offsets, channelScales;

  explicit DeviceWeights(const HostWeights &w)
      : packed(DeviceBuffer::from(w.packed)),
        scales(DeviceBuffer::from(w.packedScales)),
        offsets(DeviceBuffer::from(w.packedOffsets)),
        channelScales(DeviceBuffer::from(w.quantized.channelScales)) {}
};

/// The device copy of one token batch and its output.
struct DeviceTokens {
  DeviceBuffer x, sx, xsum, out;

  DeviceTokens(const HostTokens &t, int64_t n)
      : x(DeviceBuffer::from(t.x)), sx(DeviceBuffer::from(t.sx)),
        xsum(DeviceBuffer::from(t.xsum)), out(size_t(t.m * n) * 2) {}
};

runtime::Operands makeOperands(const runtime::Manifest &manifest,
                               const DeviceWeights &w, const DeviceTokens &t) {
  runtime::Operands ops;
  ops.n = manifest.problem.n;
  ops.k = manifest.problem.k;
  ops.groupSize = manifest.problem.groupSize;
  auto buffer = [](const DeviceBuffer &b) {
    return runtime::Buffer{b.address(), b.size()};
  };
  ops.activations = buffer(t.x);
  ops.weights = buffer(w.packed);
  ops.groupScales = buffer(w.scales);
  ops.groupOffsets = buffer(w.offsets);
  ops.channelScales = buffer(w.channelScales);
  ops.tokenScales = buffer(t.sx);
  ops.xsum = buffer(t.xsum);
  ops.out = buffer(t.out);
  return ops;
}

/// Launches and waits; a runtime refusal or a GPU fault ends the run.
void launchOrDie(Kernel &kernel, const runtime::Operands &ops, int64_t m,
                 cudaStream_t stream) {
  if (Status s = kernel.launch(ops, m, stream); !s.ok())
    fatal("launch at M = " + std::to_string(m) + ": " + s.message());
}

std::vector<uint16_t> poisonLaunchRead(Kernel &kernel,
                                       const runtime::Operands &ops,
                                       const DeviceTokens &t, int64_t m,
                                       cudaStream_t stream) {
  // 0xFFFF is a NaN in fp16: any element the kernel fails to write shows up.
  checkCuda(cudaMemsetAsync(t.out.get(), 0xFF, t.out.size(), stream),
            "cudaMemsetAsync (poison)");
  launchOrDie(kernel, ops, m, stream);
  checkCuda(cudaStreamSynchronize(stream), "the liquid kernel");
  std::vector<uint16_t> y(t.out.size() / 2);
  checkCuda(
      cudaMemcpy(y.data(), t.out.get(), t.out.size(), cudaMemcpyDeviceToHost),
      "cudaMemcpy of Y");
  return y;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

int main(int argc, char **argv) {
  runtime::Expected<BenchOptions> parsed = parseBenchOptions(argc, argv);
  if (!parsed) {
    std::fprintf(stderr, "liquid-bench: %s\n\n%s", parsed.message().c_str(),
                 benchUsage());
    return 2;
  }
  const BenchOptions &options = *parsed;
  if (options.help) {
    std::printf("%s", benchUsage());
    return 0;
  }

  // Create the primary context through the CUDA runtime first, so that the
  // liquid runtime, cuBLAS and our buffers all share it.
  checkCuda(cudaSetDevice(0), "cudaSetDevice(0)");
  checkCuda(cudaFree(nullptr), "initializing the CUDA context");
  auto loaded = Kernel::load(options.manifestPath);
  if (!loaded)
    fatal(loaded.message());
  Kernel &kernel = **loaded;
  const runtime::Manifest &manifest = kernel.manifest();
  const runtime::ManifestProblem &problem = manifest.problem;
  const runtime::json::Value device = describeDevice(0);
  // The CPU reference produces fp16; a bf16 kernel can only be timed.
  const std::string outType = manifest.findOperand(runtime::kOperandOut)->dtype;
  if (options.check && outType != "f16")
    fatal("kernel '" + manifest.kernel + "' writes " + outType +
          "; --check compares f16 output (use --time alone)");

  auto start = std::chrono::steady_clock::now();
  HostWeights hostWeights =
      makeHostWeights(problem.n, problem.k, problem.groupSize, options.seed);
  DeviceWeights weights(hostWeights);
  std::fprintf(stderr,
               "liquid-bench: quantized and uploaded %lld x %lld "
               "weights in %.1f s\n",
               (long long)problem.n, (long long)problem.k, secondsSince(start));

  cudaStream_t stream = nullptr;
  checkCuda(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking),
            "cudaStreamCreate");
  std::unique_ptr<CublasContext> cublas;
  std::vector<std::unique_ptr<PeerGemm>> peers;
  std::unique_ptr<L2Flusher> flusher;
  if (options.time) {
    flusher = std::make_unique<L2Flusher>();
    if (!options.peers.empty())
      cublas = std::make_unique<CublasContext>();
    for (PeerKind kind : options.peers)
      peers.push_back(
          makePeerGemm(kind, *cublas, problem.n, problem.k, options.seed));
  }
  const double liquidWeightBytes =
      problem.n * problem.k / 2.0 +
      2.0 * problem.n * (problem.k / problem.groupSize);

  printTableHeader(manifest, device, options.peers);
  std::vector<TokenResult> results;
  bool passed = true;
  for (int64_t m : options.tokenCounts) {
    TokenResult r;
    r.m = m;
    HostTokens hostTokens = makeHostTokens(m, problem.k, options.seed);
    DeviceTokens tokens(hostTokens, problem.n);
    runtime::Operands ops = makeOperands(manifest, weights, tokens);
    if (auto plan = runtime::planLaunch(manifest, ops, m,
                                        device.find("sm_count")->asInteger()))
      r.grid = plan->grid;

    std::vector<uint16_t> y;
    if (options.check) {
      y = poisonLaunchRead(kernel, ops, tokens, m, stream);
      r.check = checkOutput(hostWeights, hostTokens, y,
                            rowsToCheck(m, options.checkRows));
      r.checked = true;
      passed &= r.check.passed;
    }

    if (options.time) {
      r.timed = true;
      r.liquidWeightBytes = liquidWeightBytes;
      r.liquid =
          timeLaunches([&](cudaStream_t s) { launchOrDie(kernel, ops, m, s); },
                       stream, *flusher, options.warmup, options.iters);
      if (options.check) {
        std::vector<uint16_t> again =
            poisonLaunchRead(kernel, ops, tokens, m, stream);
        for (size_t i = 0; i < y.size(); ++i)
          r.repeatMismatches += again[i] != y[i];
      }
      for (auto &peer : peers) {
        PeerResult p;
        p.kind = peer->kind();
        p.weightBytes = peer->weightBytes();
        runtime::Expected<int64_t> mRun = peer->prepare(m);
        if (!mRun) {
          p.error = mRun.message();
        } else {
          p.mRun = *mRun;
          p.timing =
              timeLaunches([&](cudaStream_t s) { peer->launch(s); }, stream,
                           *flusher, options.warmup, options.iters);
        }
        r.peers.push_back(std::move(p));
      }
    }
    printTableRow(r, manifest);
    if (r.checked && !r.check.passed)
      std::printf("       FAIL at M = %lld: worst Y[%lld, %lld] = %.6g, "
                  "reference %.6g; %lld unwritten, %lld non-finite\n",
                  (long long)m, (long long)r.check.worstRow,
                  (long long)r.check.worstCol, r.check.worstGot,
                  r.check.worstRef, (long long)r.check.unwritten,
                  (long long)r.check.nonFinite);
    results.push_back(std::move(r));
  }

  if (!options.jsonPath.empty()) {
    runtime::json::Value report = buildReport(
        options, manifest, device, flusher ? flusher->bytes() : 0, results);
    std::ofstream out(options.jsonPath);
    out << report.dump() << "\n";
    if (!out)
      fatal("cannot write '" + options.jsonPath + "'");
  }
  cudaStreamDestroy(stream);
  if (options.check)
    std::printf("%s\n", passed ? "all checks passed" : "SOME CHECKS FAILED");
  return passed ? 0 : 1;
}
