//===- LiquidDialect.cpp - The liquid dialect -------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Dialect/Liquid/IR/Liquid.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::liquid;

#include "liquid/Dialect/Liquid/IR/LiquidOpsDialect.cpp.inc"

#include "liquid/Dialect/Liquid/IR/LiquidEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "liquid/Dialect/Liquid/IR/LiquidAttrs.cpp.inc"

void LiquidDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "liquid/Dialect/Liquid/IR/LiquidAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "liquid/Dialect/Liquid/IR/LiquidOps.cpp.inc"
      >();
}

Operation *LiquidDialect::materializeConstant(OpBuilder &builder,
                                              Attribute value, Type type,
                                              Location loc) {
  return arith::ConstantOp::materialize(builder, value, type, loc);
}
