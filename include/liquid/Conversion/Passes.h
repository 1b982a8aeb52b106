//===- Passes.h - liquid conversion passes ------------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_CONVERSION_PASSES_H
#define LIQUID_CONVERSION_PASSES_H

#include "liquid/Conversion/LiquidToNVVM/LiquidToNVVM.h"

namespace mlir::liquid {

#define GEN_PASS_DECL
#include "liquid/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "liquid/Conversion/Passes.h.inc"

} // namespace mlir::liquid

#endif // LIQUID_CONVERSION_PASSES_H
