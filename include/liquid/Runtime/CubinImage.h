//===- CubinImage.h - What the runtime accepts as a cubin -------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// cuModuleLoadData takes a cubin, a fatbin or NUL-terminated PTX, and decides
// which by looking at the bytes: an image that is no ELF file is read as PTX
// text up to its first NUL, past the end of a buffer that has none. liquid's
// kernels are cubins (liquid-compile writes ELF images for sm_90a), so the
// runtime refuses anything else before it reaches the driver. No CUDA needed:
// the check is tested on any machine.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_CUBINIMAGE_H
#define LIQUID_RUNTIME_CUBINIMAGE_H

#include "liquid/Runtime/Status.h"

#include <cstddef>
#include <string>

namespace liquid::runtime {

/// Success if `image` holds `bytes` bytes of a 64-bit little-endian ELF file
/// for the CUDA machine (e_machine 190), as liquid-compile writes them;
/// otherwise an error naming `kernel` and what is wrong.
Status checkCubinImage(const void *image, size_t bytes,
                       const std::string &kernel);

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_CUBINIMAGE_H
