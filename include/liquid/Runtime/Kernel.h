//===- Kernel.h - Load and launch a liquid cubin ----------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A Kernel owns one loaded cubin, its manifest and the device buffer that
// holds its TMA descriptors. launch() validates the call (LaunchPlan.h),
// encodes the descriptors when the buffers or M changed, and submits the
// kernel with cuLaunchKernelEx, all on the caller's stream:
//
//   auto kernel = Kernel::load("kernels/liquid_w4a8_n4096_k4096_g64.json");
//   if (!kernel)
//     return kernel.error();
//   Operands ops;
//   ops.n = 4096, ops.k = 4096, ops.groupSize = 64;
//   ops.activations = {xDevice, m * 4096};
//   ...
//   if (Status s = (*kernel)->launch(ops, m, stream); !s.ok())
//     return s;
//
// Uses the CUDA context current on the calling thread; when there is none,
// retains the primary context of device 0 (the one the CUDA runtime uses).
//
// Launches may use any stream. The steady state (one stream, the same
// buffers and M) adds no work to the stream beyond the kernel itself. A
// Kernel is not thread-safe: serialize calls to launch(). A launch captured
// into a CUDA graph reads the descriptor buffer when the graph runs, so keep
// the buffers and M of such launches unchanged while the graph is in use.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_KERNEL_H
#define LIQUID_RUNTIME_KERNEL_H

#include "liquid/Runtime/LaunchPlan.h"
#include "liquid/Runtime/Manifest.h"
#include "liquid/Runtime/Operands.h"
#include "liquid/Runtime/Status.h"

#include <cuda.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace liquid::runtime {

class Kernel {
public:
  /// Loads the manifest at `manifestPath` (DIR/<kernel>.json) and the cubin
  /// beside it (DIR/<kernel>.cubin).
  static Expected<std::unique_ptr<Kernel>>
  load(const std::string &manifestPath);
  /// Loads a cubin image already in memory, described by `manifest` (as
  /// parseManifest returns it: checked, parameter references resolved).
  static Expected<std::unique_ptr<Kernel>>
  load(Manifest manifest, const void *cubin, size_t cubinBytes);

  ~Kernel();
  Kernel(const Kernel &) = delete;
  Kernel &operator=(const Kernel &) = delete;

  /// Launches Y = X * W^T for `m` tokens on `stream`. Returns an error,
  /// launching nothing, when the operands do not fit the manifest or are
  /// not memory the kernel's device can read (OperandMemory.h).
  Status launch(const Operands &ops, int64_t m, CUstream stream);

  const Manifest &manifest() const { return manifest_; }
  CUfunction function() const { return function_; }
  /// How many times the TMA descriptors were encoded and uploaded; launches
  /// with the same buffers and M reuse the last upload.
  uint64_t descriptorUploads() const { return uploads; }

private:
  explicit Kernel(Manifest manifest) : manifest_(std::move(manifest)) {}
  Status initialize(const void *cubin, size_t cubinBytes);
  Status uploadDescriptors(const LaunchPlan &plan, CUstream stream);
  /// Refuses an operand the device cannot read; asks the driver only when
  /// an address differs from the last launch that passed.
  Status checkOperandMemory(const Operands &ops);

  Manifest manifest_;
  CUcontext context = nullptr;
  CUdevice device = 0;
  /// The device's SM count (planLaunch's split tail).
  int multiprocessors = 0;
  bool retainedPrimaryContext = false;
  CUmodule module = nullptr;
  CUfunction function_ = nullptr;

  /// One 128-byte CUtensorMap slot per manifest tensor map.
  CUdeviceptr descriptors = 0;
  /// Host staging of the encoded descriptors (CUtensorMap is 64-byte aligned).
  std::vector<CUtensorMap> encoded;
  /// The resolved maps the device buffer currently holds.
  std::vector<ResolvedTensorMap> uploadedMaps;
  bool uploadValid = false;
  /// The stream of the last upload, and an event recorded right after it.
  CUstream uploadStream = nullptr;
  CUevent uploadDone = nullptr;
  /// Whether a launch since the last upload used another stream.
  bool launchedOnOtherStream = false;
  uint64_t uploads = 0;
  /// The operand addresses (manifest order) of the last launch whose memory
  /// passed checkOperandMemory.
  std::vector<uint64_t> checkedAddresses;

  /// Split-K workspace: zeroed when allocated; every completed launch leaves
  /// its arrival counters zero again. Grown, never shrunk. Launches that
  /// share it must be ordered: a launch on another stream than the previous
  /// split-K launch waits for it (workspaceDone), except while the stream is
  /// being captured into a CUDA graph, where the graph's user orders them.
  CUdeviceptr workspace = 0;
  uint64_t workspaceBytes = 0;
  CUevent workspaceDone = nullptr;
  CUstream workspaceStream = nullptr;
  bool workspaceUsed = false;
  /// Makes the workspace at least `bytes` large and zero.
  Status reserveWorkspace(uint64_t bytes);
};

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_KERNEL_H
