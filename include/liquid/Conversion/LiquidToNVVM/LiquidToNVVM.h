//===- LiquidToNVVM.h - liquid_gpu to NVVM ------------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_CONVERSION_LIQUIDTONVVM_LIQUIDTONVVM_H
#define LIQUID_CONVERSION_LIQUIDTONVVM_LIQUIDTONVVM_H

#include "liquid/Dialect/LiquidGPU/IR/LiquidGPU.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace liquid {
/// Patterns that lower liquid_gpu.warp_specialize and liquid_gpu.wgmma_rs.
void populateLiquidGPUToNVVMPatterns(RewritePatternSet &patterns);
/// Patterns of liquid-dual-mma-layout (weight fragment loads).
void populateDualMmaLayoutPatterns(RewritePatternSet &patterns);
/// Patterns of liquid-lower-dequant (IMAD/XOR inline PTX).
void populateLowerDequantPatterns(RewritePatternSet &patterns);
} // namespace liquid
} // namespace mlir

#endif // LIQUID_CONVERSION_LIQUIDTONVVM_LIQUIDTONVVM_H
