//===- liquid-driver-fuzzer.cpp - Fuzz liquid-compile's front end ---------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A libFuzzer target for what `liquid-compile --m M --n N --k K --group G ...`
// does before it looks for ptxas: check the request, build the shape module,
// run the pipeline to NVVM with the config overrides, translate the kernels
// to LLVM IR and write each manifest (lowerModule, writeManifest). ptxas is
// never run.
//
// An input is a line of `key=value` words, the option names of
// liquid-compile:
//
//   m=16 n=4096 k=4096 group=64 mode=xor out-type=f16
//   token-tile=0 consumers=0 stages=0 split-k=0 blocks-per-sm=0 cluster=0
//
// (numbers in decimal, any int64; unknown words are ignored). Besides
// crashes, two outcomes are findings, reported with the diagnostics and
// stopped with abort():
//   - checkShapeRequest accepts the request but the module built from it
//     does not verify (the driver and the op verifier disagree);
//   - checkShapeRequest accepts it, no override is given, and the pipeline
//     still fails (the config table has no answer for a legal shape).
//
//===----------------------------------------------------------------------===//

#include "common/FuzzContext.h"

#include "liquid/Dialect/Liquid/IR/Liquid.h"
#include "liquid/Driver/Driver.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

using namespace mlir;
using namespace mlir::liquid;

namespace {
/// One liquid-compile invocation in shape mode.
struct DriverRequest {
  ShapeRequest shape;
  int64_t tokenTile = 0;
  int64_t consumers = 0;
  int64_t stages = 0;
  int64_t splitK = 0;
  int64_t blocksPerSM = 0;
  int64_t cluster = 0;

  bool hasOverrides() const {
    return tokenTile != 0 || consumers != 0 || stages != 0 || splitK != 0 ||
           blocksPerSM != 0 || cluster != 0;
  }
};
} // namespace

/// Reads the `key=value` words of `text`; returns std::nullopt when a known
/// key has a value liquid-compile's option parser would reject (so the
/// request never reaches the driver).
static std::optional<DriverRequest> readRequest(StringRef text) {
  DriverRequest r;
  SmallVector<StringRef> words;
  text.split(words, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef word : words) {
    auto [key, value] = word.trim().split('=');
    if (key == "mode") {
      if (value == "xor")
        r.shape.mode = DequantMode::Xor;
      else if (value == "offset")
        r.shape.mode = DequantMode::Offset;
      else
        return std::nullopt;
      continue;
    }
    if (key == "out-type") {
      if (value != "f16" && value != "bf16")
        return std::nullopt;
      r.shape.bf16Out = value == "bf16";
      continue;
    }
    int64_t *slot = llvm::StringSwitch<int64_t *>(key)
                        .Case("m", &r.shape.m)
                        .Case("n", &r.shape.n)
                        .Case("k", &r.shape.k)
                        .Case("group", &r.shape.groupSize)
                        .Case("token-tile", &r.tokenTile)
                        .Case("consumers", &r.consumers)
                        .Case("stages", &r.stages)
                        .Case("split-k", &r.splitK)
                        .Case("blocks-per-sm", &r.blocksPerSM)
                        .Case("cluster", &r.cluster)
                        .Default(nullptr);
    if (!slot)
      continue;
    if (value.getAsInteger(10, *slot))
      return std::nullopt;
  }
  return r;
}

/// Stops the run on a finding that is not a crash: says what went wrong and
/// aborts, so libFuzzer keeps the input.
[[noreturn]] static void finding(StringRef what, StringRef input) {
  llvm::errs() << "liquid-driver-fuzzer: " << what << "\n  input: " << input
               << "\n  (rerun with LIQUID_FUZZ_VERBOSE=1 for the "
                  "diagnostics)\n";
  std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  StringRef input(reinterpret_cast<const char *>(data), size);
  std::optional<DriverRequest> request = readRequest(input);
  if (!request)
    return 0;
  // liquid-compile's checks, in its order.
  if (checkShapeRequest(request->shape))
    return 0;
  LiquidToCubinOptions options;
  options.mMax = request->shape.m;
  options.tokenTile = request->tokenTile;
  options.consumers = request->consumers;
  options.stages = request->stages;
  options.splitK = request->splitK;
  options.blocksPerSM = request->blocksPerSM;
  options.cluster = request->cluster;
  if (checkPipelineOptions(options))
    return 0;

  std::unique_ptr<MLIRContext> ctx = fuzz::makeContext();
  fuzz::DiagnosticSink sink(*ctx);
  OwningOpRef<ModuleOp> module = buildShapeModule(ctx.get(), request->shape);
  if (failed(verify(*module)))
    finding("checkShapeRequest accepted a request whose module does not "
            "verify",
            input);

  FailureOr<Compilation> lowered = lowerModule(*module, options);
  if (failed(lowered)) {
    if (!request->hasOverrides())
      finding("a shape checkShapeRequest accepts fails to compile with the "
              "config table's choice",
              input);
    return 0;
  }
  for (const CompiledKernel &kernel : lowered->kernels)
    (void)writeManifest(kernel, "fuzz");
  return 0;
}
