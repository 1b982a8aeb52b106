//===- CudaUtil.h - CUDA runtime helpers for liquid-bench -------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// liquid-bench is a tool: a CUDA or cuBLAS error leaves nothing to measure,
// so these helpers print the failing call and exit with status 2.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_TOOLS_LIQUIDBENCH_CUDAUTIL_H
#define LIQUID_TOOLS_LIQUIDBENCH_CUDAUTIL_H

#include <cublasLt.h>
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace liquid::bench {

/// Names the tool in fatal() messages (default "liquid-bench").
void setToolName(const char *name);
/// Prints "<tool>: <message>" and exits with status 2.
[[noreturn]] void fatal(const std::string &message);

void checkCuda(cudaError_t result, const char *what);
void checkCublas(cublasStatus_t result, const char *what);

/// An owned device allocation.
class DeviceBuffer {
public:
  DeviceBuffer() = default;
  explicit DeviceBuffer(size_t bytes);
  ~DeviceBuffer();
  DeviceBuffer(DeviceBuffer &&other) noexcept;
  DeviceBuffer &operator=(DeviceBuffer &&other) noexcept;
  DeviceBuffer(const DeviceBuffer &) = delete;
  DeviceBuffer &operator=(const DeviceBuffer &) = delete;

  void *get() const { return pointer; }
  uint64_t address() const { return reinterpret_cast<uintptr_t>(pointer); }
  size_t size() const { return bytes; }

  /// Copies `count` bytes from the host (synchronously).
  void upload(const void *host, size_t count);
  template <typename T> void upload(const std::vector<T> &host) {
    upload(host.data(), host.size() * sizeof(T));
  }
  template <typename T> static DeviceBuffer from(const std::vector<T> &host) {
    DeviceBuffer b(host.size() * sizeof(T));
    b.upload(host);
    return b;
  }

private:
  void *pointer = nullptr;
  size_t bytes = 0;
};

} // namespace liquid::bench

#endif // LIQUID_TOOLS_LIQUIDBENCH_CUDAUTIL_H
