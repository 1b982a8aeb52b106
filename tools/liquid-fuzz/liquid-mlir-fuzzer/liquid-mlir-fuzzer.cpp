//===- liquid-mlir-fuzzer.cpp - Fuzz the liquid compiler on MLIR text -----===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A libFuzzer target. Each input is MLIR text: it is parsed (which runs the
// verifiers of `liquid`, `liquid_gpu` and the upstream dialects liquid uses)
// and, when it parses, one stage of liquid's compiler runs on it. The stage
// is named on an optional first line,
//
//   // liquid-fuzz: STAGE [OPTION=INTEGER ...]
//
// with STAGE one of
//
//   verify                   parse, verify and print (generic and custom)
//   liquid-from-linalg       the pass alone
//   liquid-select-config     the pass; options m-max token-tile consumers
//                            stages split-k blocks-per-sm cluster
//   liquid-warp-specialize   the pass alone
//   liquid-dual-mma-layout   the pass alone
//   liquid-lower-dequant     the pass alone
//   convert-liquid-to-nvvm   the pass alone
//   canonicalize             liquid's folders and canonicalization patterns
//   liquid-to-nvvm           the driver's front end (lowerModule): the named
//                            pipeline down to NVVM, the LLVM IR translation
//                            and the manifest, no ptxas; the same options
//
// The seeds (test/Fuzz/corpus/mlir) are the lit tests, one split per file,
// each headed by the stage its RUN line names. A header that mutation made
// unreadable picks a stage from its bytes, so every input runs something.
//
// Diagnostics are collected, not printed; the target looks for crashes,
// hangs and sanitizer reports. To see why an input was rejected:
//   LIQUID_FUZZ_VERBOSE=1 liquid-mlir-fuzzer INPUT
//
//===----------------------------------------------------------------------===//

#include "common/FuzzContext.h"

#include "liquid/Conversion/Passes.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Driver/Driver.h"
#include "liquid/Driver/UpstreamParserGuard.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mlir;
using namespace mlir::liquid;

namespace {

enum class Stage {
  Verify,
  FromLinalg,
  SelectConfig,
  WarpSpecialize,
  DualMmaLayout,
  LowerDequant,
  ToNVVMConversion,
  Canonicalize,
  Pipeline,
};
constexpr unsigned kNumStages = 9;

/// The stage and options of one input, read from its header line.
struct Request {
  Stage stage = Stage::Verify;
  int64_t mMax = 256;
  int64_t tokenTile = 0;
  int64_t consumers = 0;
  int64_t stages = 0;
  int64_t splitK = 0;
  int64_t blocksPerSM = 0;
  int64_t cluster = 0;
};

} // namespace

/// Reads `// liquid-fuzz: STAGE [key=value ...]` from the first line of
/// `text`. Without that header the input only gets parsed and verified; with
/// a header whose stage is not a known name, the stage is the header's byte
/// sum modulo the number of stages. Unknown or malformed options are ignored.
static Request readRequest(StringRef text) {
  Request request;
  StringRef line = text.take_until([](char c) { return c == '\n'; });
  if (!line.consume_front("// liquid-fuzz:"))
    return request;
  SmallVector<StringRef> words;
  line.split(words, ' ', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  if (words.empty())
    return request;
  std::optional<Stage> named =
      llvm::StringSwitch<std::optional<Stage>>(words.front())
          .Case("verify", Stage::Verify)
          .Case("liquid-from-linalg", Stage::FromLinalg)
          .Case("liquid-select-config", Stage::SelectConfig)
          .Case("liquid-warp-specialize", Stage::WarpSpecialize)
          .Case("liquid-dual-mma-layout", Stage::DualMmaLayout)
          .Case("liquid-lower-dequant", Stage::LowerDequant)
          .Case("convert-liquid-to-nvvm", Stage::ToNVVMConversion)
          .Case("canonicalize", Stage::Canonicalize)
          .Case("liquid-to-nvvm", Stage::Pipeline)
          .Default(std::nullopt);
  if (named) {
    request.stage = *named;
  } else {
    unsigned sum = 0;
    for (char c : line)
      sum += static_cast<unsigned char>(c);
    request.stage = static_cast<Stage>(sum % kNumStages);
  }
  for (StringRef word : llvm::drop_begin(words)) {
    auto [key, value] = word.split('=');
    int64_t number;
    if (value.getAsInteger(10, number))
      continue;
    if (int64_t *slot = llvm::StringSwitch<int64_t *>(key)
                            .Case("m-max", &request.mMax)
                            .Case("token-tile", &request.tokenTile)
                            .Case("consumers", &request.consumers)
                            .Case("stages", &request.stages)
                            .Case("split-k", &request.splitK)
                            .Case("blocks-per-sm", &request.blocksPerSM)
                            .Case("cluster", &request.cluster)
                            .Default(nullptr))
      *slot = number;
  }
  return request;
}

/// Prints `module` in both forms, which exercises every printer (and the
/// custom assembly of liquid's ops and attributes) on what was parsed.
static void printBothForms(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  module.print(os);
  module.print(os, OpPrintingFlags().printGenericOpForm());
}

/// Runs the liquid pass of `stage` on `module`; failures are diagnosed.
static void runPass(ModuleOp module, const Request &request) {
  PassManager pm(module.getContext());
  switch (request.stage) {
  case Stage::FromLinalg:
    pm.addPass(createLiquidFromLinalg());
    break;
  case Stage::SelectConfig: {
    LiquidSelectConfigOptions options;
    options.mMax = request.mMax;
    options.tokenTile = request.tokenTile;
    options.consumers = request.consumers;
    options.stages = request.stages;
    options.splitK = request.splitK;
    options.blocksPerSM = request.blocksPerSM;
    options.cluster = request.cluster;
    pm.addPass(createLiquidSelectConfig(options));
    break;
  }
  case Stage::WarpSpecialize:
    pm.addPass(createLiquidWarpSpecialize());
    break;
  case Stage::DualMmaLayout:
    pm.addPass(createLiquidDualMmaLayout());
    break;
  case Stage::LowerDequant:
    pm.addPass(createLiquidLowerDequant());
    break;
  case Stage::ToNVVMConversion:
    pm.addPass(createConvertLiquidToNVVM());
    break;
  case Stage::Canonicalize:
    pm.addPass(createCanonicalizerPass());
    break;
  case Stage::Verify:
  case Stage::Pipeline:
    return;
  }
  (void)pm.run(module);
}

/// The driver's front end on `module`, as liquid-compile runs it on a file:
/// the pipeline to NVVM, the LLVM IR of the kernels and each manifest.
static void runDriver(ModuleOp module, const LiquidToCubinOptions &options) {
  FailureOr<Compilation> lowered = lowerModule(module, options);
  if (failed(lowered))
    return;
  for (const CompiledKernel &kernel : lowered->kernels)
    (void)writeManifest(kernel, "fuzz");
}

/// Sets the options of the pipeline from `request`.
static void setPipelineOptions(const Request &request,
                               LiquidToCubinOptions &options) {
  options.mMax = request.mMax;
  options.tokenTile = request.tokenTile;
  options.consumers = request.consumers;
  options.stages = request.stages;
  options.splitK = request.splitK;
  options.blocksPerSM = request.blocksPerSM;
  options.cluster = request.cluster;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // The parser wants a null-terminated buffer.
  std::string text(reinterpret_cast<const char *>(data), size);
  // liquid's tools refuse what MLIR 22.1's own parser crashes on
  // (UpstreamParserGuard.h); the fuzzer looks for liquid's bugs.
  if (findUpstreamParserHazard(text))
    return 0;
  Request request = readRequest(text);
  LiquidToCubinOptions options;
  setPipelineOptions(request, options);
  std::unique_ptr<MLIRContext> ctx = fuzz::makeContext();
  fuzz::DiagnosticSink sink(*ctx);
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, ParserConfig(ctx.get()), "fuzz");
  if (!module)
    return 0;

  switch (request.stage) {
  case Stage::Verify:
    printBothForms(*module);
    break;
  case Stage::Pipeline:
    runDriver(*module, options);
    break;
  default:
    runPass(*module, request);
    break;
  }
  return 0;
}
