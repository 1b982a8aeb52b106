//===- TmaL2Policy.cpp - liquid-tma-l2-policy -------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A TMA load can tell L2 how to rank the lines it brings in for eviction
// (`.L2::cache_hint` with a `createpolicy` value). The kernel streams its
// weights once and shares its activation tile among all blocks; saying so
// keeps L2 for the data that is read again. `nvgpu.tma.async.load` has no
// operand for the hint, so liquid-warp-specialize wraps the tensor map in
// `liquid_gpu.tma_l2_policy` and this pass, after convert-nvgpu-to-nvvm, moves
// the policy onto the NVVM loads that read through it.
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/Passes.h"
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"

#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDTMAL2POLICY
#include "liquid/Conversion/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;

/// The tma_l2_policy behind a load's tensor-map operand: convert-nvgpu-to-nvvm
/// reaches the descriptor through unrealized casts (nvgpu type to !llvm.ptr).
static liquid_gpu::TmaL2PolicyOp policyOf(Value tensorMap) {
  while (auto cast = tensorMap.getDefiningOp<UnrealizedConversionCastOp>()) {
    if (cast.getNumOperands() != 1)
      return nullptr;
    tensorMap = cast.getOperand(0);
  }
  return tensorMap.getDefiningOp<liquid_gpu::TmaL2PolicyOp>();
}

namespace {
struct LiquidTmaL2PolicyPass
    : public mlir::liquid::impl::LiquidTmaL2PolicyBase<LiquidTmaL2PolicyPass> {
  void runOnOperation() override {
    getOperation()->walk(
        [](NVVM::CpAsyncBulkTensorGlobalToSharedClusterOp load) {
          if (load.getL2CacheHint())
            return;
          if (liquid_gpu::TmaL2PolicyOp policy =
                  policyOf(load.getTmaDescriptor()))
            load.getL2CacheHintMutable().assign(policy.getPolicy());
        });
    getOperation()->walk([](liquid_gpu::TmaL2PolicyOp policy) {
      policy.getResult().replaceAllUsesWith(policy.getTensorMap());
      policy.erase();
    });
  }
};
} // namespace
