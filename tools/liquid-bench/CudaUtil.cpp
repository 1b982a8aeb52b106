//===- CudaUtil.cpp - CUDA runtime helpers for liquid-bench ---------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "CudaUtil.h"

#include <cstdio>
#include <cstdlib>
#include <utility>

using namespace liquid::bench;

static const char *toolName = "liquid-bench";

void liquid::bench::setToolName(const char *name) { toolName = name; }

void liquid::bench::fatal(const std::string &message) {
  std::fprintf(stderr, "%s: %s\n", toolName, message.c_str());
  std::exit(2);
}

void liquid::bench::checkCuda(cudaError_t result, const char *what) {
  if (result != cudaSuccess)
    fatal(std::string(what) + " failed: " + cudaGetErrorName(result) + " (" +
          cudaGetErrorString(result) + ")");
}

void liquid::bench::checkCublas(cublasStatus_t result, const char *what) {
  if (result != CUBLAS_STATUS_SUCCESS)
    fatal(std::string(what) + " failed: " + cublasGetStatusString(result));
}

DeviceBuffer::DeviceBuffer(size_t size) : bytes(size) {
  // cudaMalloc returns 256-byte aligned memory: enough for every operand.
  if (size)
    checkCuda(cudaMalloc(&pointer, size), "cudaMalloc");
}

DeviceBuffer::~DeviceBuffer() {
  if (pointer)
    cudaFree(pointer);
}

DeviceBuffer::DeviceBuffer(DeviceBuffer &&other) noexcept
    : pointer(std::exchange(other.pointer, nullptr)),
      bytes(std::exchange(other.bytes, 0)) {}

DeviceBuffer &DeviceBuffer::operator=(DeviceBuffer &&other) noexcept {
  if (this != &other) {
    if (pointer)
      cudaFree(pointer);
    pointer = std::exchange(other.pointer, nullptr);
    bytes = std::exchange(other.bytes, 0);
  }
  return *this;
}

void DeviceBuffer::upload(const void *host, size_t count) {
  if (count > bytes)
    fatal("upload of " + std::to_string(count) + " bytes into a buffer of " +
          std::to_string(bytes));
  if (count)
    checkCuda(cudaMemcpy(pointer, host, count, cudaMemcpyHostToDevice),
              "cudaMemcpy to the device");
}
