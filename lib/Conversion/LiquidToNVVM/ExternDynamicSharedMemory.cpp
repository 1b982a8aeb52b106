//===- ExternDynamicSharedMemory.cpp - liquid-extern-dynamic-shared-memory ===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// `convert-gpu-to-nvvm` lowers `gpu.dynamic_shared_memory` to a zero-sized
// shared-memory array with internal linkage. The NVPTX back end demotes such a
// global into its kernel as an ordinary static `.shared .b8` variable, and
// ptxas is then free to place it anywhere among the kernel's other static
// shared variables (the mbarriers of the stage ring, the split-K flag): the
// kernel's "dynamic" region can start at the same address as the mbarriers,
// and the first stage's TMA copies land on top of them.
//
// CUDA's contract for dynamic shared memory is an `extern` array: ptxas
// places `.extern .shared` arrays after every static shared variable, where
// the launch's dynamic bytes are. This pass gives every zero-sized
// shared-memory array external linkage (a declaration, no initializer), so
// the PTX reads
//
//   .extern .shared .align 16 .b8 __dynamic_shmem__0[];
//
//===----------------------------------------------------------------------===//

#include "liquid/Conversion/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"

namespace mlir::liquid {
#define GEN_PASS_DEF_LIQUIDEXTERNDYNAMICSHAREDMEMORY
#include "liquid/Conversion/Passes.h.inc"
} // namespace mlir::liquid

using namespace mlir;

/// A zero-sized array in the shared address space: what the lowering of
/// gpu.dynamic_shared_memory (and hand-written CUDA-style IR) uses to name the
/// start of the dynamic region.
static bool isDynamicSharedMemoryArray(LLVM::GlobalOp global) {
  auto array = dyn_cast<LLVM::LLVMArrayType>(global.getGlobalType());
  return array && array.getNumElements() == 0 &&
         global.getAddrSpace() ==
             static_cast<unsigned>(NVVM::NVVMMemorySpace::Shared);
}

namespace {
struct LiquidExternDynamicSharedMemoryPass
    : public mlir::liquid::impl::LiquidExternDynamicSharedMemoryBase<
          LiquidExternDynamicSharedMemoryPass> {
  void runOnOperation() override {
    getOperation()->walk([&](LLVM::GlobalOp global) {
      if (!isDynamicSharedMemoryArray(global))
        return;
      if (global.getValueOrNull() || global.getInitializerBlock()) {
        global.emitError("a zero-sized shared-memory array with an "
                         "initializer cannot name the dynamic shared memory");
        return signalPassFailure();
      }
      global.setLinkage(LLVM::Linkage::External);
      global.setDsoLocal(false);
    });
  }
};
} // namespace
