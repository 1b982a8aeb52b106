//===- liquid-compile.cpp - W4A8 problems to Hopper cubins ------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
//   liquid-compile --m M --n N --k K --group G [--mode xor|offset] -o DIR
//   liquid-compile FILE.mlir -o DIR
//
// writes DIR/<kernel>.cubin and DIR/<kernel>.json (docs/Manifest.md) for each
// kernel, plus DIR/<kernel>.{mlir,ll,ptx} on --emit=mlir,ll,ptx.
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/Passes.h"
#include "liquid/Dialect/Liquid/IR/Liquid.h"
#include "liquid/Dialect/Liquid/Transforms/Passes.h"
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"
#include "liquid/Driver/Driver.h"
#include "liquid/Driver/UpstreamParserGuard.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace mlir::liquid;
namespace cl = llvm::cl;

static cl::OptionCategory category("liquid-compile options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("[input.mlir]"),
                                      cl::init(""), cl::cat(category));
static cl::opt<std::string> outputDir("o", cl::desc("Output directory"),
                                      cl::value_desc("DIR"), cl::Required,
                                      cl::cat(category));
static cl::opt<int64_t>
    tokens("m",
           cl::desc("Token count M, or the upper bound of a dynamic-M band "
                    "(shape mode); with a file, the band of dynamic-M ops"),
           cl::init(0), cl::cat(category));
static cl::opt<int64_t> outChannels("n", cl::desc("Output channels N"),
                                    cl::init(0), cl::cat(category));
static cl::opt<int64_t> reduction("k", cl::desc("Reduction size K"),
                                  cl::init(0), cl::cat(category));
static cl::opt<int64_t> group("group",
                              cl::desc("Group size G: 64, 128 or K"),
                              cl::init(0), cl::cat(category));
static cl::opt<DequantMode> mode(
    "mode", cl::desc("Dequantization mode"), cl::init(DequantMode::Xor),
    cl::values(clEnumValN(DequantMode::Xor, "xor",
                          "IMAD + XOR, s8 x s8 wgmma (the paper's)"),
               clEnumValN(DequantMode::Offset, "offset",
                          "IMAD only, u8 x s8 wgmma, xsum correction")),
    cl::cat(category));
static cl::opt<std::string> outType("out-type",
                                    cl::desc("Output type: f16 or bf16"),
                                    cl::init("f16"), cl::cat(category));
static cl::opt<int64_t> tokenTile("token-tile",
                                  cl::desc("Force the token tile"),
                                  cl::init(0), cl::cat(category));
static cl::opt<int64_t> consumers("consumers",
                                  cl::desc("Force the consumer warp groups"),
                                  cl::init(0), cl::cat(category));
static cl::opt<int64_t> stages("stages", cl::desc("Force the pipeline depth"),
                               cl::init(0), cl::cat(category));
static cl::opt<int64_t> splitK("split-k",
                               cl::desc("Force the number of K slices"),
                               cl::init(0), cl::cat(category));
static cl::opt<int64_t>
    blocksPerSM("blocks-per-sm",
                cl::desc("Force the thread blocks that share an SM"),
                cl::init(0), cl::cat(category));
static cl::opt<int64_t>
    cluster("cluster",
            cl::desc("Force the blocks along N of a cluster that share the "
                     "activation tile by TMA multicast"),
            cl::init(0), cl::cat(category));
static cl::opt<int64_t>
    streamK("stream-k",
            cl::desc("Force the blocks of a stream-K round, which share the "
                     "last partial round's k blocks (1: whole tiles only)"),
            cl::init(0), cl::cat(category));
static cl::opt<std::string> chip("chip", cl::desc("Target GPU"),
                                 cl::init("sm_90a"), cl::cat(category));
static cl::list<std::string>
    emit("emit", cl::desc("Also write these forms: mlir, ll, ptx"),
         cl::CommaSeparated, cl::cat(category));

/// Prints `message` as liquid-compile's error and returns the exit status.
static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "liquid-compile") << message << "\n";
  return 1;
}

static LogicalResult writeFile(StringRef path, StringRef contents) {
  std::string error;
  auto file = openOutputFile(path, &error);
  if (!file) {
    fail(llvm::Twine("cannot write ") + path + ": " + error);
    return failure();
  }
  file->os() << contents;
  file->keep();
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  mlir::registerAllPasses();
  registerLiquidPasses();
  registerLiquidConversionPasses();
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "liquid-compile: W4A8 matrix products to Hopper cubins and manifests\n");

  for (const std::string &form : emit)
    if (form != "mlir" && form != "ll" && form != "ptx")
      return fail("--emit: unknown form '" + form +
                  "' (expected mlir, ll or ptx)");
  if (outType != "f16" && outType != "bf16")
    return fail("--out-type must be f16 or bf16, got '" + outType + "'");

  bool shapeMode = outChannels != 0 || reduction != 0 || group != 0;
  if (shapeMode == !inputFile.empty())
    return fail("give either an input file or a shape (--m --n --k --group), "
                "not both and not neither");

  if (shapeMode) {
    std::string missing;
    for (auto [value, flag] : {std::pair{outChannels.getValue(), "--n"},
                               std::pair{reduction.getValue(), "--k"},
                               std::pair{group.getValue(), "--group"}})
      if (value == 0)
        missing += (missing.empty() ? "" : ", ") + std::string(flag);
    if (!missing.empty())
      return fail("a shape needs --n, --k and --group; missing " + missing);
  }
  if (tokens < 0 || (shapeMode && tokens == 0))
    return fail("--m (token count) must be at least 1, got " +
                std::to_string(tokens));
  ShapeRequest request{tokens, outChannels, reduction, group, mode,
                       outType == "bf16"};
  if (shapeMode)
    if (std::optional<std::string> problem = checkShapeRequest(request))
      return fail("unsupported shape: " + *problem);

  LiquidToCubinOptions options;
  options.chip = chip.getValue();
  options.tokenTile = tokenTile.getValue();
  options.consumers = consumers.getValue();
  options.stages = stages.getValue();
  options.splitK = splitK.getValue();
  options.blocksPerSM = blocksPerSM.getValue();
  options.cluster = cluster.getValue();
  options.streamK = streamK.getValue();
  if (tokens != 0)
    options.mMax = tokens.getValue();
  if (std::optional<std::string> problem = checkPipelineOptions(options))
    return fail(*problem);

  std::string ptxas = findPtxas();
  if (ptxas.empty())
    return fail("ptxas not found: set LIQUID_PTXAS or CUDA_HOME, or put the "
                "CUDA toolkit's bin directory on PATH");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<LiquidDialect, liquid_gpu::LiquidGPUDialect>();
  registerBufferizableOpInterfaceExternalModels(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics name the op and the reason; the op's generic form (often
  // the whole module) would bury them.
  context.printOpOnDiagnostic(false);

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  OwningOpRef<ModuleOp> module;
  if (shapeMode) {
    module = buildShapeModule(&context, request);
  } else {
    std::string error;
    auto file = openInputFile(inputFile, &error);
    if (!file)
      return fail(error);
    if (std::optional<std::string> hazard =
            findUpstreamParserHazard(file->getBuffer()))
      return fail(inputFile + ":" + *hazard);
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module)
      return fail("cannot parse " + inputFile);
  }

  FailureOr<Compilation> compiled = compileModule(*module, options, ptxas);
  if (failed(compiled))
    return fail("compilation failed");

  if (std::error_code ec = llvm::sys::fs::create_directories(outputDir))
    return fail("cannot create " + outputDir + ": " + ec.message());
  auto path = [&](const std::string &name, StringRef extension) {
    SmallString<256> p(outputDir);
    llvm::sys::path::append(p, name + "." + extension.str());
    return std::string(p);
  };
  for (const CompiledKernel &kernel : compiled->kernels) {
    if (failed(writeFile(path(kernel.name, "cubin"), kernel.cubin)) ||
        failed(writeFile(path(kernel.name, "json"),
                         writeManifest(kernel, compiled->ptxasVersion))))
      return 1;
    for (const std::string &form : emit) {
      StringRef text = form == "mlir" ? StringRef(compiled->nvvmMlir)
                       : form == "ll" ? StringRef(compiled->llvmIR)
                                      : StringRef(kernel.ptx);
      if (failed(writeFile(path(kernel.name, form), text)))
        return 1;
    }
    const KernelProblem &p = kernel.problem;
    llvm::outs() << llvm::formatv(
        "{0}: N={1} K={2} G={3} mode={4} token_tile={5} consumers={6} "
        "stages={7} split_k={12} blocks_per_sm={13} cluster={14} "
        "stream_k={15} block={8} smem={9} registers={10} spills={11}\n",
        path(kernel.name, "cubin"), p.n, p.k, p.groupSize,
        stringifyDequantMode(p.mode), p.tokenTile, p.consumers, p.stages,
        p.threadsPerBlock(), p.sharedMemoryBytes(), kernel.resources.registers,
        kernel.resources.spillStoreBytes + kernel.resources.spillLoadBytes,
        p.splitK, p.blocksPerSM, p.cluster, p.streamK);
  }
  return 0;
}
