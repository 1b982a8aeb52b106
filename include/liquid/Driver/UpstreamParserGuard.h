//===- UpstreamParserGuard.h - Inputs MLIR 22.1's parser crashes on -*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The custom-form parsers of linalg.transpose, linalg.broadcast and
// linalg.reduce in MLIR 22.1 keep going after their integer list fails to
// parse and store a null attribute: a `permutation = ` or `dimensions = `
// followed by anything but a list of integers crashes every MLIR tool (found
// by liquid-mlir-fuzzer; `mlir-opt` itself dies the same way). liquid's tools
// check their input text for that before handing it to the parser, so a user
// gets a diagnostic instead of a segmentation fault.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DRIVER_UPSTREAMPARSERGUARD_H
#define LIQUID_DRIVER_UPSTREAMPARSERGUARD_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mlir::liquid {

/// Returns "LINE:COLUMN: message" for the first `permutation =` or
/// `dimensions =` in `text` (outside `//` comments) whose value is neither a
/// bracketed list of integers nor a generic-form `array<...>` attribute;
/// std::nullopt if there is none.
std::optional<std::string> findUpstreamParserHazard(llvm::StringRef text);

} // namespace mlir::liquid

#endif // LIQUID_DRIVER_UPSTREAMPARSERGUARD_H
