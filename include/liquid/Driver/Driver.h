//===- Driver.h - The liquid-compile driver -----------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// From a liquid module (or a problem shape) to cubins, manifests and the
// intermediate forms a user asks for. The command-line tool is a thin shell
// around these functions.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DRIVER_DRIVER_H
#define LIQUID_DRIVER_DRIVER_H

#include "liquid/Dialect/Liquid/Transforms/KernelABI.h"
#include "liquid/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::liquid {

/// The version liquid-compile writes into manifests and cache keys.
inline constexpr const char *kLiquidVersion = "0.1.0";

/// A problem given by its shape on the command line.
struct ShapeRequest {
  /// Token count: the static M, or the upper bound of a dynamic-M band.
  int64_t m = 0;
  int64_t n = 0;
  int64_t k = 0;
  int64_t groupSize = 0;
  DequantMode mode = DequantMode::Xor;
  bool bf16Out = false;
};

/// Returns a message naming the first problem of `request` (sizes, group
/// size, layout divisibility, the kernel's 32-bit limits), std::nullopt if it
/// can be compiled.
std::optional<std::string> checkShapeRequest(const ShapeRequest &request);

/// Returns a message naming the first option of the pipeline outside the
/// range the config table computes with, std::nullopt if all are inside:
/// m-max in [1, 2^31 - 1]; token-tile, consumers, stages, split-k,
/// blocks-per-sm and cluster in [0, the largest a #liquid.config holds] (0:
/// the table chooses). Values inside the range that no config can hold are left to
/// the config verifier, which names them on the op. liquid-compile checks
/// these before compiling.
std::optional<std::string>
checkPipelineOptions(const LiquidToCubinOptions &options);

/// A module with one function taking the memref-form operands of `request`
/// (M dynamic) and one `liquid.w4a8_matmul` in the dual-MMA layout.
OwningOpRef<ModuleOp> buildShapeModule(MLIRContext *ctx,
                                       const ShapeRequest &request);

/// What ptxas reported for one kernel.
struct KernelResources {
  int64_t registers = -1;
  int64_t spillStoreBytes = 0;
  int64_t spillLoadBytes = 0;
  int64_t stackBytes = 0;
  int64_t staticSharedBytes = 0;
};

/// One compiled kernel and the forms of it that were produced.
struct CompiledKernel {
  std::string name;
  KernelProblem problem;
  /// The token count the configuration was chosen for.
  int64_t mMax = 0;
  std::string cubin;
  std::string ptx;
  KernelResources resources;
};

/// The result of compiling one module.
struct Compilation {
  std::vector<CompiledKernel> kernels;
  /// The module after liquid-to-nvvm (kernels in the LLVM/NVVM dialects).
  std::string nvvmMlir;
  /// The kernels' LLVM IR, as gpu-module-to-binary translates it.
  std::string llvmIR;
  /// ptxas's version line, for manifests and cache keys.
  std::string ptxasVersion;
};

/// Where ptxas is: $LIQUID_PTXAS, then $CUDA_HOME/bin, $CUDA_PATH/bin, PATH
/// and /usr/local/cuda/bin. Returns an empty string if none is found.
std::string findPtxas();

/// The part of the pipeline before ptxas: runs liquid-to-nvvm on `module`,
/// records each generated kernel (name, problem, token band) and prints the
/// NVVM-level module and the kernels' LLVM IR into the result; `cubin`,
/// `ptx`, `resources` and `ptxasVersion` stay empty. Needs no CUDA toolkit.
/// Diagnostics go to the context's handlers; returns failure after reporting
/// the reason.
FailureOr<Compilation> lowerModule(ModuleOp module,
                                   const LiquidToCubinOptions &options);

/// Runs the whole pipeline on `module`: lowerModule, then
/// nvvm-attach-target and gpu-module-to-binary (once as PTX, once as cubin).
/// Diagnostics go to the context's handlers; returns failure after reporting
/// the reason.
FailureOr<Compilation> compileModule(ModuleOp module,
                                     const LiquidToCubinOptions &options,
                                     const std::string &ptxas);

/// The manifest of `kernel` (docs/Manifest.md, schema 1) as JSON text.
std::string writeManifest(const CompiledKernel &kernel,
                          const std::string &ptxasVersion);

} // namespace mlir::liquid

#endif // LIQUID_DRIVER_DRIVER_H
