//===- Driver.cpp - The liquid-compile driver -------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Driver/Driver.h"
#include "liquid/Quant/DualMmaLayout.h"
#include "liquid/Quant/LiquidQuant.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::liquid;

//===----------------------------------------------------------------------===//
// Problems given by shape
//===----------------------------------------------------------------------===//

std::optional<std::string>
mlir::liquid::checkShapeRequest(const ShapeRequest &r) {
  if (r.m < 1)
    return llvm::formatv("--m (token count) must be at least 1, got {0}", r.m)
        .str();
  if (std::optional<std::string> problem =
          ::liquid::quant::checkQuantShape(r.n, r.k, r.groupSize))
    return problem;
  if (std::optional<std::string> problem =
          ::liquid::quant::checkDualMmaShape(r.n, r.k))
    return problem;
  return checkKernelLimits(r.m, r.n, r.k);
}

std::optional<std::string>
mlir::liquid::checkPipelineOptions(const LiquidToCubinOptions &options) {
  int64_t mMax = options.mMax.getValue();
  if (mMax < 1 || mMax > kMaxKernelTokens)
    return llvm::formatv("--m (the token band) must be in [1, {0}], got {1}",
                         kMaxKernelTokens, mMax)
        .str();
  // 0 lets the config table choose. A forced value outside the range a
  // #liquid.config can hold would reach the table's arithmetic (stage bytes,
  // tile counts) before the config verifier could refuse it; within the
  // range, KernelConfigAttr::verify names what else is wrong (a token tile
  // that is no power of two, a ring larger than shared memory).
  auto checkRange = [](StringRef name, int64_t value,
                       int64_t hi) -> std::optional<std::string> {
    if (value >= 0 && value <= hi)
      return std::nullopt;
    return llvm::formatv("--{0} must be in [0, {1}] (0: the table's choice), "
                         "got {2}",
                         name, hi, value)
        .str();
  };
  if (auto problem = checkRange("token-tile", options.tokenTile.getValue(),
                                KernelConfigAttr::kMaxTokenTile))
    return problem;
  if (auto problem = checkRange("consumers", options.consumers.getValue(),
                                KernelConfigAttr::kMaxConsumers))
    return problem;
  if (auto problem = checkRange("stages", options.stages.getValue(),
                                KernelConfigAttr::kMaxStages))
    return problem;
  if (auto problem = checkRange("split-k", options.splitK.getValue(),
                                KernelConfigAttr::kMaxSplitK))
    return problem;
  if (auto problem = checkRange("blocks-per-sm", options.blocksPerSM.getValue(),
                                KernelConfigAttr::kMaxBlocksPerSM))
    return problem;
  if (auto problem = checkRange("cluster", options.cluster.getValue(),
                                KernelConfigAttr::kMaxCluster))
    return problem;
  return checkRange("stream-k", options.streamK.getValue(),
                    KernelConfigAttr::kMaxStreamK);
}

OwningOpRef<ModuleOp> mlir::liquid::buildShapeModule(MLIRContext *ctx,
                                                     const ShapeRequest &r) {
  OpBuilder b(ctx);
  Location loc = NameLoc::get(b.getStringAttr("liquid-compile"));
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());

  int64_t dyn = ShapedType::kDynamic;
  Type i8 = b.getI8Type();
  Type f32 = b.getF32Type();
  Type out = r.bf16Out ? Type(b.getBF16Type()) : b.getF16Type();
  int64_t groups = r.k / r.groupSize;
  SmallVector<Type> types = {
      MemRefType::get({dyn, r.k}, i8),          MemRefType::get({r.n, r.k / 2}, i8),
      MemRefType::get({r.n, groups}, i8),       MemRefType::get({r.n, groups}, i8),
      MemRefType::get({r.n}, f32),              MemRefType::get({dyn}, f32)};
  bool offset = r.mode == DequantMode::Offset;
  if (offset)
    types.push_back(MemRefType::get({dyn}, b.getI32Type()));
  types.push_back(MemRefType::get({dyn, r.n}, out));

  auto func = func::FuncOp::create(b, loc, "liquid_w4a8",
                                   b.getFunctionType(types, {}));
  Block *entry = func.addEntryBlock();
  b.setInsertionPointToStart(entry);
  auto args = entry->getArguments();
  Value xsum = offset ? args[6] : Value();
  W4A8MatmulOp::create(
      b, loc, /*result=*/Type(), args[0], args[1], args[2], args[3], args[4],
      args[5], xsum, args.back(), b.getI64IntegerAttr(r.groupSize),
      DequantModeAttr::get(ctx, r.mode),
      WeightLayoutAttr::get(ctx, WeightLayout::DualMma),
      /*config=*/KernelConfigAttr(), /*kernel=*/SymbolRefAttr());
  func::ReturnOp::create(b, loc);
  return module;
}

//===----------------------------------------------------------------------===//
// ptxas
//===----------------------------------------------------------------------===//

std::string mlir::liquid::findPtxas() {
  if (const char *explicitPath = std::getenv("LIQUID_PTXAS"))
    return llvm::sys::fs::can_execute(explicitPath) ? explicitPath : "";
  for (const char *var : {"CUDA_HOME", "CUDA_PATH"}) {
    if (const char *root = std::getenv(var)) {
      SmallString<256> path(root);
      llvm::sys::path::append(path, "bin", "ptxas");
      if (llvm::sys::fs::can_execute(path))
        return std::string(path);
    }
  }
  if (llvm::ErrorOr<std::string> onPath = llvm::sys::findProgramByName("ptxas"))
    return *onPath;
  if (llvm::sys::fs::can_execute("/usr/local/cuda/bin/ptxas"))
    return "/usr/local/cuda/bin/ptxas";
  return "";
}

/// Runs `ptxas` with `args`; returns what it printed on stdout and stderr,
/// or failure after reporting why through `emitError`.
static FailureOr<std::string>
runPtxas(const std::string &ptxas, ArrayRef<StringRef> args,
         function_ref<InFlightDiagnostic()> emitError) {
  SmallString<128> logPath;
  if (llvm::sys::fs::createTemporaryFile("liquid-ptxas", "log", logPath))
    return emitError() << "cannot create a temporary file for ptxas output";
  SmallVector<StringRef> argv = {ptxas};
  argv.append(args.begin(), args.end());
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(logPath),
                                          StringRef(logPath)};
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(ptxas, argv, std::nullopt, redirects, 0,
                                     0, &message);
  auto buffer = llvm::MemoryBuffer::getFile(logPath);
  llvm::sys::fs::remove(logPath);
  std::string log = buffer ? (*buffer)->getBuffer().str() : "";
  if (rc != 0)
    return emitError() << "ptxas (" << ptxas << ") failed"
                       << (message.empty() ? "" : ": " + message) << "\n"
                       << log;
  return log;
}

/// Reads the per-kernel resource lines of `ptxas -v`:
///   Compiling entry function 'NAME' for 'sm_90a'
///   ... bytes stack frame, S bytes spill stores, L bytes spill loads
///   Used R registers, ... B bytes smem ...
static void parseResources(StringRef log,
                           std::vector<CompiledKernel> &kernels) {
  CompiledKernel *current = nullptr;
  SmallVector<StringRef> lines;
  log.split(lines, '\n');
  auto numberBefore = [](StringRef line, StringRef what) -> int64_t {
    size_t at = line.find(what);
    if (at == StringRef::npos)
      return -1;
    StringRef head = line.take_front(at).rtrim();
    StringRef digits = head.substr(head.find_last_of(" ,:") + 1);
    int64_t value;
    return digits.getAsInteger(10, value) ? -1 : value;
  };
  for (StringRef line : lines) {
    size_t entry = line.find("Compiling entry function '");
    if (entry != StringRef::npos) {
      StringRef name = line.drop_front(entry + 26).take_until(
          [](char c) { return c == '\''; });
      current = nullptr;
      for (CompiledKernel &kernel : kernels)
        if (kernel.name == name)
          current = &kernel;
      continue;
    }
    if (!current)
      continue;
    if (int64_t v = numberBefore(line, "bytes stack frame"); v >= 0)
      current->resources.stackBytes = v;
    if (int64_t v = numberBefore(line, "bytes spill stores"); v >= 0)
      current->resources.spillStoreBytes = v;
    if (int64_t v = numberBefore(line, "bytes spill loads"); v >= 0)
      current->resources.spillLoadBytes = v;
    if (int64_t v = numberBefore(line, "registers"); v >= 0)
      current->resources.registers = v;
    if (int64_t v = numberBefore(line, "bytes smem"); v >= 0)
      current->resources.staticSharedBytes = v;
  }
}

//===----------------------------------------------------------------------===//
// Compilation
//===----------------------------------------------------------------------===//

/// Runs nvvm-attach-target and gpu-module-to-binary with `format` on a copy
/// of `module` and returns the object of the kernels' gpu.binary.
static FailureOr<std::string> serialize(ModuleOp module,
                                        const LiquidToCubinOptions &target,
                                        StringRef toolkit, StringRef format) {
  OwningOpRef<ModuleOp> copy = module.clone();
  LiquidToCubinOptions options;
  options.chip = target.chip.getValue();
  options.features = target.features.getValue();
  options.toolkit = toolkit.str();
  options.format = format.str();
  PassManager pm(module.getContext());
  buildLiquidSerializePipeline(pm, options);
  if (failed(pm.run(*copy)))
    return failure();
  std::string object;
  copy->walk([&](gpu::BinaryOp binary) {
    for (Attribute attr : binary.getObjects())
      object = cast<gpu::ObjectAttr>(attr).getObject().str();
  });
  if (object.empty())
    return module.emitError("gpu-module-to-binary produced no object");
  return object;
}

/// The LLVM IR of the kernels in the gpu.modules of `module`.
static FailureOr<std::string> translateKernels(ModuleOp module) {
  std::string text;
  llvm::raw_string_ostream os(text);
  for (auto gpuModule : module.getOps<gpu::GPUModuleOp>()) {
    OwningOpRef<ModuleOp> kernels = ModuleOp::create(gpuModule.getLoc());
    OpBuilder b = OpBuilder::atBlockEnd(kernels->getBody());
    for (Operation &op : gpuModule.getBody()->without_terminator())
      b.clone(op);
    llvm::LLVMContext llvmContext;
    std::unique_ptr<llvm::Module> llvmModule =
        translateModuleToLLVMIR(*kernels, llvmContext, gpuModule.getName());
    if (!llvmModule)
      return gpuModule.emitError("cannot translate the kernels to LLVM IR");
    llvmModule->print(os, nullptr);
  }
  return text;
}

FailureOr<Compilation>
mlir::liquid::lowerModule(ModuleOp module,
                          const LiquidToCubinOptions &options) {
  PassManager pm(module.getContext());
  buildLiquidToNVVMPipeline(pm, options);
  if (failed(pm.run(module)))
    return failure();

  Compilation result;
  module.walk([&](W4A8MatmulOp op) {
    SymbolRefAttr kernel = op.getKernelAttr();
    if (!kernel)
      return;
    std::string name = kernel.getLeafReference().str();
    for (const CompiledKernel &known : result.kernels)
      if (known.name == name)
        return;
    CompiledKernel compiled;
    compiled.name = name;
    compiled.problem = KernelProblem::get(op);
    int64_t m = cast<ShapedType>(op.getActivations().getType()).getDimSize(0);
    compiled.mMax = ShapedType::isDynamic(m) ? options.mMax.getValue() : m;
    result.kernels.push_back(std::move(compiled));
  });
  if (result.kernels.empty())
    return module.emitError("no liquid.w4a8_matmul to compile");

  llvm::raw_string_ostream nvvm(result.nvvmMlir);
  module.print(nvvm);
  FailureOr<std::string> llvmIR = translateKernels(module);
  if (failed(llvmIR))
    return failure();
  result.llvmIR = std::move(*llvmIR);
  return result;
}

FailureOr<Compilation>
mlir::liquid::compileModule(ModuleOp module,
                            const LiquidToCubinOptions &options,
                            const std::string &ptxas) {
  FailureOr<Compilation> lowered = lowerModule(module, options);
  if (failed(lowered))
    return failure();
  Compilation result = std::move(*lowered);

  // gpu-module-to-binary runs the ptxas of the toolkit that holds ours.
  StringRef toolkit =
      llvm::sys::path::parent_path(llvm::sys::path::parent_path(ptxas));
  FailureOr<std::string> ptx = serialize(module, options, toolkit, "isa");
  if (failed(ptx))
    return failure();
  FailureOr<std::string> cubin = serialize(module, options, toolkit, "bin");
  if (failed(cubin))
    return failure();

  // ptxas -v once more on the PTX, for the resource report of the manifest.
  auto emitError = [&] { return module.emitError(); };
  SmallString<128> ptxPath;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("liquid", "ptx", fd, ptxPath))
    return module.emitError("cannot create a temporary PTX file");
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << *ptx;
  }
  std::string arch = "-arch=" + options.chip.getValue();
  FailureOr<std::string> log =
      runPtxas(ptxas, {arch, "-v", "-o", "/dev/null", ptxPath}, emitError);
  llvm::sys::fs::remove(ptxPath);
  if (failed(log))
    return failure();
  FailureOr<std::string> version = runPtxas(ptxas, {"--version"}, emitError);
  if (failed(version))
    return failure();
  StringRef versionText = StringRef(*version).trim();
  result.ptxasVersion = versionText.rsplit('\n').second.trim().str();
  if (result.ptxasVersion.empty())
    result.ptxasVersion = versionText.str();

  for (CompiledKernel &kernel : result.kernels) {
    kernel.ptx = *ptx;
    kernel.cubin = *cubin;
  }
  parseResources(*log, result.kernels);
  return result;
}
