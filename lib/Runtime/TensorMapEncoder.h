//===- TensorMapEncoder.h - TMA descriptors from resolved maps --*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_LIB_RUNTIME_TENSORMAPENCODER_H
#define LIQUID_LIB_RUNTIME_TENSORMAPENCODER_H

#include "liquid/Runtime/LaunchPlan.h"

#include <cuda.h>

#include <string>

namespace liquid::runtime {

/// Encodes `map` (named `name` in messages) into the 128-byte descriptor
/// `out` with cuTensorMapEncodeTiled.
Status encodeTensorMap(const ResolvedTensorMap &map, const std::string &name,
                       CUtensorMap &out);

} // namespace liquid::runtime

#endif // LIQUID_LIB_RUNTIME_TENSORMAPENCODER_H
