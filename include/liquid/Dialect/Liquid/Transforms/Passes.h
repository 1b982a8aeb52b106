//===- Passes.h - liquid dialect passes ---------------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_H
#define LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_H

#include "liquid/Dialect/Liquid/IR/Liquid.h"
#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::liquid {

#define GEN_PASS_DECL
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "liquid/Dialect/Liquid/Transforms/Passes.h.inc"

} // namespace mlir::liquid

#endif // LIQUID_DIALECT_LIQUID_TRANSFORMS_PASSES_H
