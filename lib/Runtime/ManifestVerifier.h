//===- ManifestVerifier.h - Cross-field manifest checks ---------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_LIB_RUNTIME_MANIFESTVERIFIER_H
#define LIQUID_LIB_RUNTIME_MANIFESTVERIFIER_H

#include "liquid/Runtime/Manifest.h"

namespace liquid::runtime {

/// Checks a freshly read manifest against itself and resolves the parameter
/// references (ParamSpec::tensorMapIndex / operandIndex).
Status verifyManifest(Manifest &m);

} // namespace liquid::runtime

#endif // LIQUID_LIB_RUNTIME_MANIFESTVERIFIER_H
