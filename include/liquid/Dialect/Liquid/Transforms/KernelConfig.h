//===- KernelConfig.h - The kernel configuration table ------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The one place where liquid decides how to shape a kernel for a problem.
// `liquid-select-config` and `liquid-compile` both ask this table.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_TRANSFORMS_KERNELCONFIG_H
#define LIQUID_DIALECT_LIQUID_TRANSFORMS_KERNELCONFIG_H

#include "liquid/Dialect/Liquid/IR/Liquid.h"

namespace mlir::liquid {

/// Fields of a kernel configuration; 0 means "let the table choose".
struct KernelConfigRequest {
  int64_t tokenTile = 0;
  int64_t consumers = 0;
  int64_t stages = 0;
  int64_t splitK = 0;
  int64_t blocksPerSM = 0;
  int64_t cluster = 0;
  /// Blocks in a stream-K round (1: whole tiles only).
  int64_t streamK = 0;
};

/// The configuration for `mMax` tokens (the static M, or the upper bound of
/// a dynamic-M band) and an [n, k] weight, with the fields of `request` that
/// are non-zero taken as given (`mMax` is clamped to [1, kMaxKernelTokens]).
/// Returns a null attribute, after emitting an error through `emitError`,
/// when a forced field is outside [0, the most a config holds] (the error
/// names the liquid-select-config option) or the request cannot form a valid
/// config.
KernelConfigAttr selectKernelConfig(
    MLIRContext *ctx, int64_t mMax, int64_t n, int64_t k,
    const KernelConfigRequest &request,
    function_ref<InFlightDiagnostic()> emitError);

} // namespace mlir::liquid

#endif // LIQUID_DIALECT_LIQUID_TRANSFORMS_KERNELCONFIG_H
