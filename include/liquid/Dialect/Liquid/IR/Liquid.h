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

#include <optional>
#include <string>

#include "liquid/Dialect/Liquid/IR/LiquidOpsDialect.h.inc"

#include "liquid/Dialect/Liquid/IR/LiquidEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "liquid/Dialect/Liquid/IR/LiquidAttrs.h.inc"

namespace mlir::liquid {
/// The custom<OptionalConfigFields> directive of #liquid.config: the
/// optional `, split_k = N`, `, blocks_per_sm = N`, `, cluster = N` and
/// `, stream_k = N` (default 1).
ParseResult parseOptionalConfigFields(AsmParser &parser, int64_t &splitK,
                                      int64_t &blocksPerSM, int64_t &cluster,
                                      int64_t &streamK);
void printOptionalConfigFields(AsmPrinter &printer, int64_t splitK,
                               int64_t blocksPerSM, int64_t cluster,
                               int64_t streamK);
} // namespace mlir::liquid

#define GET_OP_CLASSES
#include "liquid/Dialect/Liquid/IR/LiquidOps.h.inc"

namespace mlir {
class DialectRegistry;
namespace liquid {
/// Registers the BufferizableOpInterface model of the liquid ops, so that
/// one-shot bufferization turns their tensor form into the memref form.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);

/// The largest token count M a kernel takes: M is a 32-bit kernel parameter.
inline constexpr int64_t kMaxKernelTokens = 2147483647;
/// N and K stay below this: the kernel's TMA coordinates and grid indices
/// are 32-bit.
inline constexpr int64_t kKernelDimLimit = int64_t(1) << 31;

/// Returns a message naming the first of M (static token count, or
/// ShapedType::kDynamic), N and K that a kernel cannot take, std::nullopt if
/// all fit. The op verifier and the driver share it.
std::optional<std::string> checkKernelLimits(int64_t m, int64_t n, int64_t k);
} // namespace liquid
} // namespace mlir

#endif // LIQUID_DIALECT_LIQUID_IR_LIQUID_H
