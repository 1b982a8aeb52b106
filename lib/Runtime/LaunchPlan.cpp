//===- LaunchPlan.cpp - Operand validation and M resolution ---------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/LaunchPlan.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

using namespace liquid::runtime;

static std::string hexAddress(uint64_t address) {
  char buffer[24];
  std::snprintf(buffer, sizeof(buffer), "0x%" PRIx64, address);
  return buffer;
}

/// The call must be for the problem the cubin was compiled for. Each size is
/// reported on the operand whose shape it sets first.
static Status checkProblem(const Manifest &manifest, const Operands &ops) {
  const ManifestProblem &p = manifest.problem;
  const std::string kernel = "kernel '" + manifest.kernel + "'";
  if (ops.n != p.n)
    return Status::error(
        "operand 'weights': the call is for N = " + std::to_string(ops.n) +
        " but " + kernel + " was compiled for N = " + std::to_string(p.n));
  if (ops.k != p.k)
    return Status::error(
        "operand 'activations': the call is for K = " + std::to_string(ops.k) +
        " but " + kernel + " was compiled for K = " + std::to_string(p.k));
  if (ops.groupSize != p.groupSize)
    return Status::error("operand 'group_scales': the call is for group size " +
                         std::to_string(ops.groupSize) + " but " + kernel +
                         " was compiled for group size " +
                         std::to_string(p.groupSize));
  return Status::success();
}

static Status checkBuffer(const OperandSpec &spec, const Buffer *buffer,
                          int64_t m) {
  const std::string name = "operand '" + spec.name + "'";
  if (!buffer)
    return Status::error(name + " is not a buffer this runtime can pass");
  if (buffer->address == 0)
    return Status::error(name + " is a null pointer");
  if (buffer->address % kOperandAlignment != 0)
    return Status::error(name + " at " + hexAddress(buffer->address) +
                         " is not " + std::to_string(kOperandAlignment) +
                         "-byte aligned");
  uint64_t needed = spec.bytes(m);
  if (buffer->bytes < needed)
    return Status::error(name + " has " + std::to_string(buffer->bytes) +
                         " bytes but " + spec.describe() +
                         " at M = " + std::to_string(m) + " needs " +
                         std::to_string(needed) + " bytes");
  return Status::success();
}

int64_t liquid::runtime::splitTailBlocks(int64_t tiles, int64_t slots,
                                         int64_t cluster,
                                         int64_t blocksPerTile) {
  // Whole rounds end on a cluster boundary, so that the tail's clusters hold
  // the blocks of one tile (the grid's extent along x is whole clusters).
  int64_t round = slots - slots % cluster;
  if (round < 1 || tiles <= round)
    return tiles;
  int64_t tail = tiles % round;
  if (tail == 0 || tail * blocksPerTile > round)
    return tiles;
  return tiles + (blocksPerTile - 1) * tail;
}

int64_t liquid::runtime::streamKClusters(int64_t tiles, int64_t round,
                                         int64_t kBlocks, int64_t minShare) {
  int64_t partial = tiles % round;
  if (partial == 0)
    return tiles;
  int64_t shares =
      std::clamp(partial * kBlocks / std::max<int64_t>(minShare, 1), partial,
                 round);
  return tiles - partial + shares;
}

static Status resolveGrid(const Manifest &manifest, int64_t m,
                          LaunchPlan &plan) {
  const int64_t limit[3] = {INT32_MAX, 65535, 65535};
  const char axis[3] = {'x', 'y', 'z'};
  for (int i = 0; i < 3; ++i) {
    const SizeExpr &g = manifest.launch.grid[i];
    int64_t value = g.resolve(m);
    if (value < 1 || value > limit[i])
      return Status::error("grid " + std::string(1, axis[i]) + " = " + g.str() +
                           " = " + std::to_string(value) +
                           " at M = " + std::to_string(m) + " is outside [1, " +
                           std::to_string(limit[i]) + "]");
    plan.grid[i] = static_cast<uint32_t>(value);
    plan.block[i] = static_cast<uint32_t>(manifest.launch.block[i]);
    plan.cluster[i] = static_cast<uint32_t>(manifest.launch.cluster[i]);
  }
  plan.dynamicSharedMemory =
      static_cast<uint32_t>(manifest.launch.dynamicSharedMemory);
  return Status::success();
}

/// Relaunches the tile grid of `plan` as a split tail's row of blocks
/// where launch.tail_split applies and the last token tile is full (M a
/// multiple of the tile: with a partial one, one-consumer blocks measured
/// slower than whole tiles, bench/results/2026-11-22-h100-session15). The
/// kernel numbers the tiles row by row whatever the launch's shape and
/// tells a split tail by the blocks launched beyond them.
static void splitTail(const ManifestLaunch &launch, int64_t m,
                      int64_t multiprocessors, LaunchPlan &plan) {
  if (!launch.splitsTail() || multiprocessors < 1)
    return;
  const SizeExpr &tokenTiles = launch.grid[1];
  if (tokenTiles.kind == SizeExpr::Kind::CeilDivTokenCount &&
      m % tokenTiles.value != 0)
    return;
  int64_t tiles = int64_t(plan.grid[0]) * plan.grid[1];
  int64_t blocks =
      splitTailBlocks(tiles, multiprocessors * launch.tailBlocksPerSM,
                      launch.cluster[0], launch.tailBlocksPerTile);
  if (blocks != tiles && blocks <= INT32_MAX)
    plan.grid = {static_cast<uint32_t>(blocks), 1, 1};
}

/// Relaunches the tile grid of `plan` as stream-K's row of blocks. The
/// kernel numbers the tiles row by row whatever the launch's shape and
/// tells its shares by the blocks launched beyond the whole rounds' tiles.
static void streamK(const ManifestLaunch &launch, LaunchPlan &plan) {
  if (!launch.streamsK())
    return;
  int64_t cluster = launch.cluster[0];
  int64_t tiles = int64_t(plan.grid[0]) / cluster * plan.grid[1];
  int64_t clusters =
      streamKClusters(tiles, launch.streamKRoundBlocks / cluster,
                      launch.streamKTileKBlocks, launch.streamKMinShare);
  if (clusters * cluster <= INT32_MAX)
    plan.grid = {static_cast<uint32_t>(clusters * cluster), 1, 1};
}

/// Resolves one tensor map over its operand's buffer. The box the TMA unit
/// may touch must stay inside the operand's shape, or a manifest bug would
/// become an out-of-bounds read of someone else's memory.
static Status resolveTensorMap(const Manifest &manifest,
                               const TensorMapSpec &spec, const Operands &ops,
                               int64_t m, ResolvedTensorMap &out) {
  const OperandSpec *operand = manifest.findOperand(spec.operand);
  out.dtype = spec.dtype;
  out.address = ops.find(spec.operand)->address;
  out.swizzle = spec.swizzle;
  out.oobFill = spec.oobFill;
  out.dims.clear();
  out.strides.assign(spec.strides.begin(), spec.strides.end());
  out.box.assign(spec.box.begin(), spec.box.end());
  uint64_t extent = static_cast<uint64_t>(tmaDtypeBytes(spec.dtype));
  for (size_t i = 0; i < spec.dims.size(); ++i) {
    int64_t d = spec.dims[i].resolve(m);
    if (d > (int64_t(1) << 32))
      return Status::error("tensor map '" + spec.name + "': dims[" +
                           std::to_string(i) + "] = " + std::to_string(d) +
                           " at M = " + std::to_string(m) +
                           " exceeds the TMA limit 2^32");
    out.dims.push_back(static_cast<uint64_t>(d));
    if (i == 0)
      extent *= static_cast<uint64_t>(d);
    else
      extent += static_cast<uint64_t>(d - 1) * out.strides[i - 1];
  }
  if (extent > operand->bytes(m))
    return Status::error(
        "manifest of kernel '" + manifest.kernel + "': tensor map '" +
        spec.name + "' spans " + std::to_string(extent) + " bytes at M = " +
        std::to_string(m) + " but operand '" + operand->name + "' (" +
        operand->describe() + ") has " + std::to_string(operand->bytes(m)));
  return Status::success();
}

Expected<LaunchPlan> liquid::runtime::planLaunch(const Manifest &manifest,
                                                 const Operands &ops,
                                                 int64_t m,
                                                 int64_t multiprocessors) {
  if (m < 1)
    return Status::error("M must be >= 1, got " + std::to_string(m));
  if (m > INT32_MAX)
    return Status::error("M = " + std::to_string(m) +
                         " exceeds the kernel's i32 token count");
  if (Status s = checkProblem(manifest, ops); !s.ok())
    return s;
  for (const OperandSpec &spec : manifest.operands) {
    const Buffer *buffer = ops.find(spec.name);
    // A kernel that does not read an optional operand accepts a null one.
    if (buffer && buffer->address == 0 &&
        isOptionalOperand(manifest.problem, spec.name))
      continue;
    if (Status s = checkBuffer(spec, buffer, m); !s.ok())
      return s;
  }

  LaunchPlan plan;
  if (Status s = resolveGrid(manifest, m, plan); !s.ok())
    return s;
  plan.tensorMaps.resize(manifest.tensorMaps.size());
  for (size_t i = 0; i < manifest.tensorMaps.size(); ++i)
    if (Status s = resolveTensorMap(manifest, manifest.tensorMaps[i], ops, m,
                                    plan.tensorMaps[i]);
        !s.ok())
      return s;

  for (const ParamSpec &spec : manifest.params) {
    ParamValue value;
    value.kind = spec.kind;
    switch (spec.kind) {
    case ParamKind::TensorMap:
      value.tensorMapIndex = spec.tensorMapIndex;
      break;
    case ParamKind::Pointer:
      // An optional operand the manifest omits gets nullptr (and one passed
      // as a null buffer has address 0 anyway).
      if (spec.operandIndex >= 0)
        value.pointer = ops.find(spec.ref)->address;
      break;
    case ParamKind::Workspace:
      break;
    case ParamKind::I32:
      value.i32 = static_cast<int32_t>(spec.value.resolve(m));
      break;
    }
    plan.params.push_back(value);
  }
  plan.workspaceBytes =
      manifest.workspace.bytes(uint64_t(plan.grid[0]) * plan.grid[1]);
  splitTail(manifest.launch, m, multiprocessors, plan);
  streamK(manifest.launch, plan);
  return plan;
}
