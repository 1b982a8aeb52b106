//===- LiquidRuntimeCAPI.cpp - C API of the liquid runtime ----------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Thin C wrappers over liquid::runtime::Kernel (include/liquid-c/Runtime.h).
// The manifest is read and checked by the C++ runtime; launches fill an
// Operands from the kernel's own problem and the caller's eight buffers, and
// Kernel::launch validates them against the manifest.
//
//===----------------------------------------------------------------------===//

#include "liquid-c/Runtime.h"

#include "liquid/Runtime/Kernel.h"
#include "liquid/Runtime/Manifest.h"
#include "liquid/Runtime/Operands.h"

#include <fstream>
#include <iterator>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

using namespace liquid::runtime;

namespace {
/// The calling thread's last error message (liquidRuntimeLastError).
thread_local std::string lastError;

constexpr int kSuccess = 0;
constexpr int kFailure = 1;

/// The object behind an opaque handle; the magic catches stale or foreign
/// pointers in debug use.
struct Handle {
  static constexpr uint64_t kMagic = 0x6c69717569644b6eULL; // "liquidKn"
  uint64_t magic = kMagic;
  std::unique_ptr<Kernel> kernel;
};
} // namespace

static int fail(std::string message) {
  lastError = std::move(message);
  return kFailure;
}

static Handle *asHandle(void *kernel) {
  auto *handle = static_cast<Handle *>(kernel);
  if (!handle || handle->magic != Handle::kMagic || !handle->kernel)
    return nullptr;
  return handle;
}

extern "C" const char *liquidRuntimeLastError(void) {
  return lastError.c_str();
}

extern "C" int liquidRuntimeLoad(const char *cubinPath,
                                 const char *manifestPath, void **kernelOut) {
  if (!kernelOut)
    return fail("kernelOut must not be null");
  *kernelOut = nullptr;
  if (!cubinPath)
    return fail("cubinPath must not be null");
  if (!manifestPath)
    return fail("manifestPath must not be null");
  try {
    Expected<Manifest> manifest = readManifestFile(manifestPath);
    if (!manifest)
      return fail(manifest.message());
    std::ifstream in(cubinPath, std::ios::binary);
    if (!in)
      return fail("cannot open cubin '" + std::string(cubinPath) +
                  "' of kernel '" + manifest->kernel + "'");
    std::vector<char> image((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    if (image.empty())
      return fail("cubin '" + std::string(cubinPath) + "' is empty");
    Expected<std::unique_ptr<Kernel>> kernel =
        Kernel::load(manifest.take(), image.data(), image.size());
    if (!kernel)
      return fail(kernel.message());
    auto handle = std::make_unique<Handle>();
    handle->kernel = kernel.take();
    *kernelOut = handle.release();
    return kSuccess;
  } catch (const std::bad_alloc &) {
    return fail("out of host memory loading '" + std::string(cubinPath) + "'");
  } catch (const std::exception &e) {
    return fail(std::string("loading '") + cubinPath + "': " + e.what());
  }
}

extern "C" int liquidRuntimeLaunch(void *kernel,
                                   const uint64_t *operandAddresses,
                                   const uint64_t *operandBytes, int64_t m,
                                   void *stream) {
  Handle *handle = asHandle(kernel);
  if (!handle)
    return fail("kernel must be a handle from liquidRuntimeLoad");
  if (!operandAddresses)
    return fail("operandAddresses must not be null");
  if (!operandBytes)
    return fail("operandBytes must not be null");
  const Manifest &manifest = handle->kernel->manifest();
  Operands ops;
  ops.n = manifest.problem.n;
  ops.k = manifest.problem.k;
  ops.groupSize = manifest.problem.groupSize;
  Buffer *buffers[LIQUID_RUNTIME_NUM_OPERANDS] = {
      &ops.activations,   &ops.weights,     &ops.groupScales,
      &ops.groupOffsets,  &ops.channelScales, &ops.tokenScales,
      &ops.xsum,          &ops.out};
  for (int i = 0; i < LIQUID_RUNTIME_NUM_OPERANDS; ++i)
    *buffers[i] = Buffer{operandAddresses[i], operandBytes[i]};
  try {
    Status s =
        handle->kernel->launch(ops, m, static_cast<CUstream>(stream));
    if (!s.ok())
      return fail(s.message());
  } catch (const std::exception &e) {
    return fail(std::string("launching kernel '") + manifest.kernel +
                "': " + e.what());
  }
  return kSuccess;
}

extern "C" int liquidRuntimeGetProblem(void *kernel, int64_t *n, int64_t *k,
                                       int64_t *groupSize, int *mode) {
  Handle *handle = asHandle(kernel);
  if (!handle)
    return fail("kernel must be a handle from liquidRuntimeLoad");
  const ManifestProblem &problem = handle->kernel->manifest().problem;
  if (n)
    *n = problem.n;
  if (k)
    *k = problem.k;
  if (groupSize)
    *groupSize = problem.groupSize;
  if (mode)
    *mode = problem.mode == DequantMode::Offset ? 1 : 0;
  return kSuccess;
}

extern "C" void liquidRuntimeDestroy(void *kernel) {
  Handle *handle = asHandle(kernel);
  if (!handle)
    return;
  handle->magic = 0;
  delete handle;
}
