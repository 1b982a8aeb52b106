//===- DriverStatus.h - CUDA driver results as Status -----------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_LIB_RUNTIME_DRIVERSTATUS_H
#define LIQUID_LIB_RUNTIME_DRIVERSTATUS_H

#include "liquid/Runtime/Status.h"

#include <cuda.h>

#include <string>

namespace liquid::runtime {

/// Success, or "<what> failed: CUDA_ERROR_X (description)".
inline Status driverStatus(CUresult result, const std::string &what) {
  if (result == CUDA_SUCCESS)
    return Status::success();
  const char *name = nullptr;
  const char *text = nullptr;
  cuGetErrorName(result, &name);
  cuGetErrorString(result, &text);
  std::string message = what + " failed: ";
  message += name ? name : "CUDA error " + std::to_string(int(result));
  if (text)
    message += std::string(" (") + text + ")";
  return Status::error(message);
}

} // namespace liquid::runtime

#endif // LIQUID_LIB_RUNTIME_DRIVERSTATUS_H
