//===- Pipelines.h - liquid's named pass pipelines ----------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_PIPELINES_PIPELINES_H
#define LIQUID_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::liquid {

/// Options of the `liquid-to-cubin` pipeline.
struct LiquidToCubinOptions
    : public PassPipelineOptions<LiquidToCubinOptions> {
  PassOptions::Option<int64_t> mMax{
      *this, "m-max",
      llvm::cl::desc("Largest token count a dynamic-M matmul is tuned for"),
      llvm::cl::init(256)};
  PassOptions::Option<int64_t> tokenTile{
      *this, "token-tile", llvm::cl::desc("Force the token tile (0: table)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> consumers{
      *this, "consumers",
      llvm::cl::desc("Force the consumer warp groups (0: table)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> stages{
      *this, "stages", llvm::cl::desc("Force the pipeline depth (0: table)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> splitK{
      *this, "split-k", llvm::cl::desc("Force the K slices (0: table)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> blocksPerSM{
      *this, "blocks-per-sm",
      llvm::cl::desc("Force the blocks that share an SM (0: table)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> cluster{
      *this, "cluster",
      llvm::cl::desc("Force the blocks of a multicast cluster (0: table)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> streamK{
      *this, "stream-k",
      llvm::cl::desc("Force the blocks of a stream-K round (0: table, 1: "
                     "whole tiles only)"),
      llvm::cl::init(0)};
  PassOptions::Option<std::string> chip{
      *this, "chip", llvm::cl::desc("Target GPU"), llvm::cl::init("sm_90a")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX features (u8 x s8 wgmma needs PTX 8.4)"),
      llvm::cl::init("+ptx84")};
  PassOptions::Option<std::string> format{
      *this, "format",
      llvm::cl::desc("gpu-module-to-binary format: bin, isa, llvm, offload"),
      llvm::cl::init("bin")};
  PassOptions::Option<std::string> toolkit{
      *this, "toolkit",
      llvm::cl::desc("CUDA toolkit whose ptxas assembles the PTX (default: "
                     "the one gpu-module-to-binary finds)"),
      llvm::cl::init("")};
};

/// The passes from a liquid.w4a8_matmul (tensor or memref form) to kernels
/// in NVVM/LLVM inside gpu.module @liquid_kernels, before target attachment.
void buildLiquidToNVVMPipeline(OpPassManager &pm,
                               const LiquidToCubinOptions &options);

/// nvvm-attach-target and gpu-module-to-binary with `options.format`.
void buildLiquidSerializePipeline(OpPassManager &pm,
                                  const LiquidToCubinOptions &options);

/// The whole pipeline down to gpu.binary (`liquid-to-cubin`): the two above
/// in turn (ptxas from the CUDA toolkit assembles the cubin).
void buildLiquidToCubinPipeline(OpPassManager &pm,
                                const LiquidToCubinOptions &options);

/// Registers `liquid-to-nvvm` and `liquid-to-cubin` with the pass registry.
void registerLiquidPipelines();

} // namespace mlir::liquid

#endif // LIQUID_PIPELINES_PIPELINES_H
