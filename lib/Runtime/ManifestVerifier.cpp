//===- ManifestVerifier.cpp - Cross-field manifest checks -----------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A manifest is a promise about a cubin; a wrong promise turns into a TMA
// fault or silently wrong numbers on the GPU. These checks refuse, at load
// time and with the field named, everything that can be known wrong without
// M: operands that do not match the W4A8 problem, tensor maps the TMA unit
// cannot encode, parameters that refer to nothing, launch shapes beyond
// what sm_90 allows.
//
//===----------------------------------------------------------------------===//

#include "ManifestVerifier.h"

#include "liquid/Quant/DualMmaLayout.h"
#include "liquid/Runtime/Operands.h"

#include <set>

using namespace liquid::runtime;

/// Largest dynamic shared memory a Hopper (sm_90) block may opt into.
static constexpr int64_t kMaxDynamicSharedMemory = 227 * 1024;
/// Blocks of a portable thread-block cluster (sm_90).
static constexpr int64_t kMaxClusterBlocks = 8;
/// Most blocks a split tail makes of one tile (one per consumer warp group)
/// and most blocks per SM a kernel is built for.
static constexpr int64_t kMaxTailBlocksPerTile = 4;
static constexpr int64_t kMaxBlocksPerSM = 4;
/// Blocks of a stream-K round (KernelConfigAttr::kMaxStreamK).
static constexpr int64_t kMaxStreamKRoundBlocks = 1024;

static std::string shapeString(const std::vector<SizeExpr> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + shape[i].str();
  return s + "]";
}

static bool sameShape(const std::vector<SizeExpr> &a,
                      const std::vector<SizeExpr> &b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].value != b[i].value)
      return false;
  return true;
}

static Status verifyProblem(const Manifest &m) {
  const ManifestProblem &p = m.problem;
  if (p.k % 2 != 0)
    return Status::error("manifest: problem.k = " + std::to_string(p.k) +
                         " must be even (two 4-bit weights per byte)");
  if (p.k % p.groupSize != 0)
    return Status::error(
        "manifest: problem.group_size = " + std::to_string(p.groupSize) +
        " does not divide problem.k = " + std::to_string(p.k));
  // Callers pack the group parameters in the dual-MMA order (Python
  // PackedWeights, liquidQuantPackGroupParams); a kernel that reads them in
  // another order would compute silently wrong outputs.
  const std::string expected = ::liquid::quant::kGroupParamLayoutTag;
  if (p.groupParamLayout != expected)
    return Status::error(
        "manifest: problem.group_param_layout is " +
        (p.groupParamLayout.empty() ? std::string("missing")
                                    : "\"" + p.groupParamLayout + "\"") +
        ", but this runtime's callers pack group_scales and group_offsets in "
        "the \"" + expected + "\" order: recompile the kernel with this liquid");
  return Status::success();
}

/// Every operand must be exactly the W4A8 buffer the problem implies, and
/// every buffer the problem needs must be listed.
static Status verifyOperands(const Manifest &m) {
  std::vector<OperandShape> expected = w4a8OperandShapes(m.problem);
  for (const OperandSpec &op : m.operands) {
    const OperandShape *want = nullptr;
    for (const OperandShape &e : expected)
      if (e.name == op.name)
        want = &e;
    if (!want)
      return Status::error("manifest: operand '" + op.name +
                           "' is not a W4A8 operand (activations, weights, "
                           "group_scales, group_offsets, channel_scales, "
                           "token_scales, xsum, out)");
    if (op.dtype != want->dtype || !sameShape(op.shape, want->shape))
      return Status::error(
          "manifest: operand '" + op.name + "' is " + op.describe() +
          " but problem n = " + std::to_string(m.problem.n) +
          ", k = " + std::to_string(m.problem.k) +
          ", group_size = " + std::to_string(m.problem.groupSize) + " needs " +
          want->dtype + " " + shapeString(want->shape));
  }
  for (const OperandShape &e : expected)
    if (!e.optional && !m.findOperand(e.name))
      return Status::error("manifest: operand '" + e.name + "' (" + e.dtype +
                           " " + shapeString(e.shape) + ") is missing");
  return Status::success();
}

/// The limits cuTensorMapEncodeTiled imposes (CUDA driver API reference).
static Status verifyTensorMap(const Manifest &m, const TensorMapSpec &t,
                              const std::string &path) {
  auto bad = [&](const std::string &what) {
    return Status::error("manifest: " + path + " ('" + t.name + "'): " + what);
  };
  if (!m.findOperand(t.operand))
    return bad("operand '" + t.operand + "' is not in 'operands'");
  if (isOptionalOperand(m.problem, t.operand))
    return bad("operand '" + t.operand +
               "' may be null in this mode and "
               "cannot back a TMA descriptor");
  size_t rank = t.dims.size();
  if (rank < 1 || rank > 5)
    return bad("TMA needs 1 to 5 dims, got " + std::to_string(rank));
  if (t.strides.size() != rank - 1)
    return bad("has " + std::to_string(t.strides.size()) + " strides; " +
               std::to_string(rank) + " dims need " + std::to_string(rank - 1));
  if (t.box.size() != rank)
    return bad("has " + std::to_string(t.box.size()) + " box sizes; " +
               std::to_string(rank) + " dims need " + std::to_string(rank));
  for (size_t i = 0; i < rank; ++i) {
    if (!t.dims[i].dependsOnM() && t.dims[i].value > (int64_t(1) << 32))
      return bad("dims[" + std::to_string(i) + "] = " + t.dims[i].str() +
                 " exceeds the TMA limit 2^32");
    if (t.box[i] > 256)
      return bad("box[" + std::to_string(i) + "] = " +
                 std::to_string(t.box[i]) + " exceeds the TMA limit 256");
  }
  for (size_t i = 0; i + 1 < rank; ++i)
    if (t.strides[i] % 16 != 0 || t.strides[i] >= (int64_t(1) << 40))
      return bad("strides[" + std::to_string(i) +
                 "] = " + std::to_string(t.strides[i]) +
                 " must be a multiple of 16 below 2^40");
  int64_t innerBytes = t.box[0] * tmaDtypeBytes(t.dtype);
  if (innerBytes % 16 != 0)
    return bad("the inner box row is " + std::to_string(innerBytes) +
               " bytes; TMA moves multiples of 16");
  int64_t swizzleSpan = t.swizzle == TmaSwizzle::B32    ? 32
                        : t.swizzle == TmaSwizzle::B64  ? 64
                        : t.swizzle == TmaSwizzle::B128 ? 128
                                                        : 0;
  if (swizzleSpan && innerBytes > swizzleSpan)
    return bad("the inner box row is " + std::to_string(innerBytes) +
               " bytes, wider than its " + std::to_string(swizzleSpan) +
               "-byte swizzle");
  if (t.oobFill == TmaOobFill::Nan && t.dtype != TmaDtype::F16 &&
      t.dtype != TmaDtype::F32)
    return bad("oob_fill \"nan\" needs a floating-point dtype, got " +
               std::string(tmaDtypeName(t.dtype)));
  return Status::success();
}

static Status verifyParams(Manifest &m) {
  std::set<std::string> names;
  for (size_t i = 0; i < m.params.size(); ++i) {
    ParamSpec &p = m.params[i];
    std::string path =
        "manifest: params[" + std::to_string(i) + "] ('" + p.name + "')";
    if (!names.insert(p.name).second)
      return Status::error(path + ": duplicate parameter name");
    switch (p.kind) {
    case ParamKind::TensorMap: {
      bool found = false;
      for (size_t t = 0; t < m.tensorMaps.size(); ++t)
        if (m.tensorMaps[t].name == p.ref) {
          p.tensorMapIndex = t;
          found = true;
        }
      if (!found)
        return Status::error(path + " names tensor map '" + p.ref +
                             "', which 'tensor_maps' does not list");
      break;
    }
    case ParamKind::Pointer:
      p.operandIndex = -1;
      for (size_t o = 0; o < m.operands.size(); ++o)
        if (m.operands[o].name == p.ref)
          p.operandIndex = static_cast<int64_t>(o);
      // Only an optional operand (xsum of an xor kernel) may be absent: its
      // parameter gets nullptr.
      if (p.operandIndex < 0 && !isOptionalOperand(m.problem, p.ref))
        return Status::error(path + " names operand '" + p.ref +
                             "', which 'operands' does not list");
      break;
    case ParamKind::Workspace:
      // A kernel without split-K gets a null workspace.
      break;
    case ParamKind::I32:
      if (!p.value.dependsOnM() &&
          (p.value.value < INT32_MIN || p.value.value > INT32_MAX))
        return Status::error(path + ": value " + p.value.str() +
                             " does not fit an i32");
      break;
    }
  }
  return Status::success();
}

/// A launch that `field` relaunches as one row of blocks (split tail,
/// stream-K): its tile grid spans x and y only, clustered along x if at all.
static Status verifyRowRelaunch(const ManifestLaunch &l,
                                const std::string &field) {
  if (l.grid[2].dependsOnM() || l.grid[2].value != 1 || l.cluster[1] != 1)
    return Status::error("manifest: " + field +
                         " needs launch.grid[2] = 1 and no cluster along y, "
                         "got grid[2] = " +
                         l.grid[2].str() + ", cluster[1] = " +
                         std::to_string(l.cluster[1]));
  return Status::success();
}

static Status verifyLaunch(const Manifest &m) {
  const ManifestLaunch &l = m.launch;
  const int64_t blockLimit[3] = {1024, 1024, 64};
  for (int i = 0; i < 3; ++i)
    if (l.block[i] > blockLimit[i])
      return Status::error("manifest: launch.block[" + std::to_string(i) +
                           "] = " + std::to_string(l.block[i]) + " exceeds " +
                           std::to_string(blockLimit[i]));
  if (l.block[0] * l.block[1] * l.block[2] > 1024)
    return Status::error("manifest: launch.block has more than 1024 threads");
  const int64_t gridLimit[3] = {INT32_MAX, 65535, 65535};
  for (int i = 0; i < 3; ++i)
    if (!l.grid[i].dependsOnM() && l.grid[i].value > gridLimit[i])
      return Status::error("manifest: launch.grid[" + std::to_string(i) +
                           "] = " + l.grid[i].str() + " exceeds " +
                           std::to_string(gridLimit[i]));
  // A cluster tiles the grid: each clustered axis has a fixed extent that
  // the cluster divides. The sm_90 portable cluster holds up to 8 blocks.
  if (l.cluster[0] * l.cluster[1] * l.cluster[2] > kMaxClusterBlocks)
    return Status::error("manifest: launch.cluster has more than " +
                         std::to_string(kMaxClusterBlocks) + " blocks");
  for (int i = 0; i < 3; ++i) {
    if (l.cluster[i] == 1)
      continue;
    std::string axis = "launch.cluster[" + std::to_string(i) + "] = " +
                       std::to_string(l.cluster[i]);
    if (l.grid[i].dependsOnM())
      return Status::error("manifest: " + axis + " clusters grid axis " +
                           std::to_string(i) + " = " + l.grid[i].str() +
                           ", which depends on M");
    if (l.grid[i].value % l.cluster[i] != 0)
      return Status::error("manifest: " + axis + " does not divide launch.grid[" +
                           std::to_string(i) + "] = " + l.grid[i].str());
  }
  // A split tail relaunches the tile grid as one row of blocks: a grid of
  // tiles along x and y only, clustered along x (if at all).
  if (l.tailBlocksPerTile > kMaxTailBlocksPerTile)
    return Status::error(
        "manifest: launch.tail_split.blocks_per_tile = " +
        std::to_string(l.tailBlocksPerTile) + " exceeds " +
        std::to_string(kMaxTailBlocksPerTile));
  if (l.tailBlocksPerSM > kMaxBlocksPerSM)
    return Status::error("manifest: launch.tail_split.blocks_per_sm = " +
                         std::to_string(l.tailBlocksPerSM) + " exceeds " +
                         std::to_string(kMaxBlocksPerSM));
  // The kernel splits a tile into one block per consumer: a manifest that
  // says otherwise would launch blocks past the kernel's tiles.
  if (l.splitsTail() && m.config.consumers != 0 &&
      l.tailBlocksPerTile != m.config.consumers)
    return Status::error("manifest: launch.tail_split.blocks_per_tile = " +
                         std::to_string(l.tailBlocksPerTile) +
                         " is not config.consumers = " +
                         std::to_string(m.config.consumers));
  if (l.splitsTail())
    if (Status s = verifyRowRelaunch(l, "launch.tail_split"); !s.ok())
      return s;
  // Stream-K relaunches the tile grid as one row of whole clusters, and each
  // cluster of a round has its workspace records.
  if (l.streamsK()) {
    if (l.splitsTail())
      return Status::error(
          "manifest: launch.stream_k and launch.tail_split both relaunch the "
          "tile grid; a kernel does one of them");
    if (Status s = verifyRowRelaunch(l, "launch.stream_k"); !s.ok())
      return s;
    if (l.streamKRoundBlocks > kMaxStreamKRoundBlocks ||
        l.streamKRoundBlocks % l.cluster[0] != 0)
      return Status::error(
          "manifest: launch.stream_k.blocks_per_round = " +
          std::to_string(l.streamKRoundBlocks) +
          " must be a multiple of launch.cluster[0] = " +
          std::to_string(l.cluster[0]) + " and at most " +
          std::to_string(kMaxStreamKRoundBlocks));
    if (!m.workspace.present || m.workspace.records < l.streamKRoundBlocks)
      return Status::error(
          "manifest: launch.stream_k needs workspace.records >= "
          "launch.stream_k.blocks_per_round = " +
          std::to_string(l.streamKRoundBlocks));
  }
  if (l.dynamicSharedMemory > kMaxDynamicSharedMemory)
    return Status::error("manifest: launch.dynamic_shared_memory = " +
                         std::to_string(l.dynamicSharedMemory) +
                         " exceeds the sm_90 limit of " +
                         std::to_string(kMaxDynamicSharedMemory) + " bytes");
  return Status::success();
}

Status liquid::runtime::verifyManifest(Manifest &m) {
  if (Status s = verifyProblem(m); !s.ok())
    return s;
  if (Status s = verifyOperands(m); !s.ok())
    return s;
  std::set<std::string> mapNames;
  for (size_t i = 0; i < m.tensorMaps.size(); ++i) {
    std::string path = "tensor_maps[" + std::to_string(i) + "]";
    if (!mapNames.insert(m.tensorMaps[i].name).second)
      return Status::error("manifest: " + path + ": duplicate name '" +
                           m.tensorMaps[i].name + "'");
    if (Status s = verifyTensorMap(m, m.tensorMaps[i], path); !s.ok())
      return s;
  }
  if (Status s = verifyParams(m); !s.ok())
    return s;
  return verifyLaunch(m);
}
