//===- liquid-manifest-fuzzer.cpp - Fuzz the runtime's manifest reader ----===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A libFuzzer target for the runtime's side of a kernel's manifest, the file
// a serving process reads next to a cubin (docs/Manifest.md): the JSON
// reader, the manifest verifier and the launch planner (LiquidRuntimeCore,
// no CUDA, no MLIR). Each input is manifest text. When it is accepted, the
// target plans launches for a few token counts with buffers exactly as large
// as the manifest's own operand shapes ask for, then one byte short, at
// addresses that are 16-byte aligned. Besides crashes and sanitizer reports,
// these are findings (reported, then abort()):
//   - an accepted manifest whose launch for exactly sized buffers resolves a
//     tensor map that reaches past its operand's buffer (planLaunch must
//     refuse such a manifest instead);
//   - a launch that succeeds although one operand is a byte too small.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/LaunchPlan.h"
#include "liquid/Runtime/Manifest.h"
#include "liquid/Runtime/Operands.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace liquid::runtime;

/// Stops the run on a finding that is not a crash.
[[noreturn]] static void finding(const std::string &what) {
  std::fprintf(stderr, "liquid-manifest-fuzzer: %s\n", what.c_str());
  std::abort();
}

/// Operands for token count `m` that the manifest itself calls large enough:
/// each buffer at its own 1 GiB-aligned fake address (nothing dereferences
/// them), holding `spec.bytes(m)` bytes.
static Operands exactOperands(const Manifest &manifest, int64_t m) {
  Operands ops;
  ops.n = manifest.problem.n;
  ops.k = manifest.problem.k;
  ops.groupSize = manifest.problem.groupSize;
  uint64_t address = uint64_t(1) << 30;
  for (const OperandSpec &spec : manifest.operands) {
    if (Buffer *buffer = ops.find(spec.name)) {
      *buffer = Buffer{address, spec.bytes(m)};
      address += uint64_t(1) << 30;
    }
  }
  return ops;
}

/// The tensor maps of `plan` stay inside the buffers of `ops`.
static void checkMapsInside(const Manifest &manifest, const LaunchPlan &plan,
                            const Operands &ops, int64_t m) {
  for (size_t i = 0; i < plan.tensorMaps.size(); ++i) {
    const ResolvedTensorMap &map = plan.tensorMaps[i];
    const Buffer *buffer = ops.find(manifest.tensorMaps[i].operand);
    if (!buffer)
      finding("tensor map '" + manifest.tensorMaps[i].name +
              "' of an accepted manifest has no operand buffer");
    // The last byte the map can address: sum over dims of (dim - 1) * stride
    // plus the innermost extent. Unsigned 128-bit arithmetic cannot wrap here.
    unsigned __int128 last =
        map.dims.empty() ? 0 : (unsigned __int128)map.dims[0];
    last *= tmaDtypeBytes(map.dtype);
    for (size_t d = 1; d < map.dims.size(); ++d)
      last += (unsigned __int128)(map.dims[d] ? map.dims[d] - 1 : 0) *
              map.strides[d - 1];
    if (last > buffer->bytes)
      finding("accepted manifest: tensor map '" + manifest.tensorMaps[i].name +
              "' at M = " + std::to_string(m) +
              " reaches past the operand buffer the manifest sizes");
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view text(reinterpret_cast<const char *>(data), size);
  Expected<Manifest> manifest = parseManifest(text);
  if (!manifest)
    return 0;
  (void)manifest->findOperand("out");
  for (const OperandSpec &spec : manifest->operands)
    (void)spec.describe();

  for (int64_t m : {int64_t(1), int64_t(3), int64_t(64), int64_t(1000),
                    int64_t(1) << 20}) {
    Operands ops = exactOperands(*manifest, m);
    Expected<LaunchPlan> plan = planLaunch(*manifest, ops, m);
    if (!plan)
      continue;
    checkMapsInside(*manifest, *plan, ops, m);
    // The same launch with any one operand a byte short must be refused.
    for (const OperandSpec &spec : manifest->operands) {
      Operands shortOps = ops;
      Buffer *buffer = shortOps.find(spec.name);
      if (!buffer || buffer->bytes == 0)
        continue;
      buffer->bytes -= 1;
      if (planLaunch(*manifest, shortOps, m))
        finding("operand '" + spec.name + "' one byte short of " +
                spec.describe() + " at M = " + std::to_string(m) +
                " was accepted");
    }
  }
  return 0;
}
