//===- Pipelines.cpp - liquid's named pass pipelines ------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::liquid;

/// Adds a textual pipeline to `pm`. Every pass named here is registered by
/// liquid's tools, so a failure is a programming error of this file.
static void addPipeline(OpPassManager &pm, StringRef text) {
  if (failed(parsePassPipeline(text, pm, llvm::errs())))
    llvm::report_fatal_error(llvm::Twine("liquid: invalid built-in pipeline: ") +
                             text);
}

void mlir::liquid::buildLiquidToNVVMPipeline(
    OpPassManager &pm, const LiquidToCubinOptions &options) {
  addPipeline(
      pm,
      llvm::formatv(
          // linalg W4A8 layers become liquid ops; constant weights are
          // packed now (canonicalize folds liquid.pack_weights).
          "liquid-from-linalg,canonicalize,"
          "liquid-select-config{{m-max={0} token-tile={1} consumers={2} "
          "stages={3} split-k={4} blocks-per-sm={5} cluster={6} "
          "stream-k={7}},"
          // The kernel reads the matmul's buffers only through its
          // parameters; packing weights that are function arguments stays
          // with the caller (liquid.pack_weights remains in the host code).
          "one-shot-bufferize{{bufferize-function-boundaries "
          "function-boundary-type-conversion=identity-layout-map "
          "allow-unknown-ops unknown-type-conversion=identity-layout-map},"
          "liquid-warp-specialize,"
          "gpu.module(liquid-dual-mma-layout,liquid-lower-dequant,"
          "convert-liquid-to-nvvm,canonicalize,cse,convert-nvgpu-to-nvvm,"
          "liquid-tma-l2-policy,"
          "convert-scf-to-cf,convert-gpu-to-nvvm,"
          // The dynamic shared memory must follow the static mbarriers.
          "liquid-extern-dynamic-shared-memory,convert-nvvm-to-llvm,"
          "reconcile-unrealized-casts,canonicalize,cse)",
          options.mMax.getValue(), options.tokenTile.getValue(),
          options.consumers.getValue(), options.stages.getValue(),
          options.splitK.getValue(), options.blocksPerSM.getValue(),
          options.cluster.getValue(), options.streamK.getValue())
          .str());
}

void mlir::liquid::buildLiquidSerializePipeline(
    OpPassManager &pm, const LiquidToCubinOptions &options) {
  std::string toolkit;
  if (!options.toolkit.getValue().empty())
    toolkit = " toolkit=" + options.toolkit.getValue();
  addPipeline(pm, llvm::formatv("nvvm-attach-target{{chip={0} features={1} "
                                "O=3},gpu-module-to-binary{{format={2}{3}}",
                                options.chip.getValue(),
                                options.features.getValue(),
                                options.format.getValue(), toolkit)
                      .str());
}

void mlir::liquid::buildLiquidToCubinPipeline(
    OpPassManager &pm, const LiquidToCubinOptions &options) {
  buildLiquidToNVVMPipeline(pm, options);
  buildLiquidSerializePipeline(pm, options);
}

void mlir::liquid::registerLiquidPipelines() {
  PassPipelineRegistration<LiquidToCubinOptions>(
      "liquid-to-nvvm",
      "Lower liquid.w4a8_matmul to warp-specialized kernels in NVVM/LLVM",
      buildLiquidToNVVMPipeline);
  PassPipelineRegistration<LiquidToCubinOptions>(
      "liquid-to-cubin",
      "Lower liquid.w4a8_matmul to Hopper cubins (gpu.binary)",
      buildLiquidToCubinPipeline);
}
