//===- LaunchPlan.h - Everything a launch needs, resolved for M -*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// planLaunch() is the whole of a launch that does not touch the GPU: it
// validates the caller's buffers against the manifest, resolves every "M" in
// grid, tensor maps and parameters, and lists the kernel parameters in
// manifest order. Kernel::launch only encodes and submits what it returns,
// so every refusal can be tested without a GPU.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_LAUNCHPLAN_H
#define LIQUID_RUNTIME_LAUNCHPLAN_H

#include "liquid/Runtime/Manifest.h"
#include "liquid/Runtime/Operands.h"

#include <array>
#include <cstdint>
#include <vector>

namespace liquid::runtime {

/// The arguments of one cuTensorMapEncodeTiled call (element strides 1, no
/// interleave, L2 promotion 128B are implied).
struct ResolvedTensorMap {
  TmaDtype dtype = TmaDtype::U8;
  uint64_t address = 0;
  std::vector<uint64_t> dims;
  std::vector<uint64_t> strides;
  std::vector<uint32_t> box;
  TmaSwizzle swizzle = TmaSwizzle::None;
  TmaOobFill oobFill = TmaOobFill::Zero;

  bool operator==(const ResolvedTensorMap &o) const {
    return dtype == o.dtype && address == o.address && dims == o.dims &&
           strides == o.strides && box == o.box && swizzle == o.swizzle &&
           oobFill == o.oobFill;
  }
  bool operator!=(const ResolvedTensorMap &o) const { return !(*this == o); }
};

/// One kernel argument.
struct ParamValue {
  ParamKind kind = ParamKind::Pointer;
  /// Pointer: the device address (0 for an operand the kernel does not use).
  /// Workspace: filled in by the launcher, which owns the buffer.
  uint64_t pointer = 0;
  /// I32: the value.
  int32_t i32 = 0;
  /// TensorMap: index into LaunchPlan::tensorMaps.
  size_t tensorMapIndex = 0;
};

struct LaunchPlan {
  std::array<uint32_t, 3> grid = {1, 1, 1};
  std::array<uint32_t, 3> block = {1, 1, 1};
  /// Thread-block cluster dimensions ({1, 1, 1}: none).
  std::array<uint32_t, 3> cluster = {1, 1, 1};
  uint32_t dynamicSharedMemory = 0;
  /// In manifest order.
  std::vector<ResolvedTensorMap> tensorMaps;
  /// In manifest (= kernel signature) order.
  std::vector<ParamValue> params;
  /// Zero-initialized device bytes the Workspace parameter needs (0: none).
  uint64_t workspaceBytes = 0;
};

/// Validates `ops` for token count `m` against `manifest` and resolves the
/// launch. Refuses M < 1, operands built for another N, K or G, and null,
/// misaligned or too small buffers, with a message naming the operand and
/// the expected value. With the device's `multiprocessors` (0: unknown) a
/// manifest with launch.tail_split gets the split tail's row of blocks
/// where it applies (splitTailBlocks, and M a multiple of the token tile),
/// the tile grid otherwise. A manifest with launch.stream_k gets its
/// stream-K row of blocks (streamKClusters).
Expected<LaunchPlan> planLaunch(const Manifest &manifest, const Operands &ops,
                                int64_t m, int64_t multiprocessors = 0);

/// The blocks of a split tail (docs/Manifest.md, launch.tail_split) for
/// `tiles` output tiles on `slots` concurrent block slots (SMs times blocks
/// per SM) with clusters of `cluster` blocks: the tiles of whole rounds one
/// block each, then the last round's `tail` tiles `blocksPerTile` blocks
/// each, where at least one whole round precedes that round and its blocks
/// fit one round; `tiles` (no split) otherwise.
int64_t splitTailBlocks(int64_t tiles, int64_t slots, int64_t cluster,
                        int64_t blocksPerTile);

/// The clusters of a stream-K launch (docs/Manifest.md, launch.stream_k)
/// for `tiles` output tiles, counted in clusters, of `kBlocks` k blocks each,
/// in rounds of `round` clusters: one per tile of the whole rounds, then for
/// the last round's `partial` tiles one per share of their k blocks, as
/// many as give each share at least `minShare` k blocks, no fewer than
/// `partial` (one tile each) and no more than `round`.
int64_t streamKClusters(int64_t tiles, int64_t round, int64_t kBlocks,
                        int64_t minShare);

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_LAUNCHPLAN_H
