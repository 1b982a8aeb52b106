//===- LiquidGPU.h - The liquid_gpu dialect -----------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUIDGPU_IR_LIQUIDGPU_H
#define LIQUID_DIALECT_LIQUIDGPU_IR_LIQUIDGPU_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUOpsDialect.h.inc"

#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUAttrs.h.inc"

#define GET_OP_CLASSES
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPUOps.h.inc"

namespace mlir {
class OpBuilder;
namespace LLVM {
class InlineAsmOp;
} // namespace LLVM
} // namespace mlir

namespace mlir::liquid_gpu {
/// Creates an `llvm.inline_asm` of PTX `ptx` (AT&T dialect) with LLVM
/// constraint string `constraints`; `resultType` may be null for none. A block
/// without side effects is pure: LLVM may schedule, hoist or CSE it.
LLVM::InlineAsmOp createInlinePtx(OpBuilder &builder, Location loc,
                                  Type resultType, ValueRange operands,
                                  StringRef ptx, StringRef constraints,
                                  bool hasSideEffects);

/// True if `n` is a legal N of an integer (s8/u8) wgmma m64nNk32: a multiple
/// of 8 up to 32, then a multiple of 16 up to 256.
bool isLegalIntegerWgmmaN(int64_t n);
} // namespace mlir::liquid_gpu

#endif // LIQUID_DIALECT_LIQUIDGPU_IR_LIQUIDGPU_H
