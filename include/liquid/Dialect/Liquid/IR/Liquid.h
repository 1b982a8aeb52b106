//===- Liquid.h - The liquid dialect ------------------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_IR_LIQUID_H
#define LIQUID_DIALECT_LIQUID_IR_LIQUID_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "liquid/Dialect/Liquid/IR/LiquidOpsDialect.h.inc"

#include "liquid/Dialect/Liquid/IR/LiquidEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "liquid/Dialect/Liquid/IR/LiquidAttrs.h.inc"

#define GET_OP_CLASSES
#include "liquid/Dialect/Liquid/IR/LiquidOps.h.inc"

namespace mlir {
class DialectRegistry;
namespace liquid {
/// Registers the BufferizableOpInterface model of the liquid ops, so that
/// one-shot bufferization turns their tensor form into the memref form.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);
} // namespace liquid
} // namespace mlir

#endif // LIQUID_DIALECT_LIQUID_IR_LIQUID_H
