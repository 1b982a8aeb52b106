//===- Manifest.h - The kernel manifest, schema 1 ---------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The JSON manifest that liquid-compile writes beside each cubin
// (docs/Manifest.md): everything a runtime needs to launch the kernel
// without MLIR. Parsing checks the manifest against itself (operands against
// the problem, tensor maps against the TMA limits, parameters against the
// operands and tensor maps), so that a launch can trust it.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_MANIFEST_H
#define LIQUID_RUNTIME_MANIFEST_H

#include "liquid/Runtime/Json.h"
#include "liquid/Runtime/Status.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liquid::runtime {

/// The only manifest schema this runtime reads.
inline constexpr int64_t kManifestSchema = 1;

/// A size that may depend on the token count M, known only at launch:
/// an integer, "M", or "ceil(M/T)".
struct SizeExpr {
  enum class Kind { Constant, TokenCount, CeilDivTokenCount };
  Kind kind = Kind::Constant;
  /// The constant, or T of ceil(M/T).
  int64_t value = 0;

  static SizeExpr constant(int64_t v) { return {Kind::Constant, v}; }
  static SizeExpr tokenCount() { return {Kind::TokenCount, 0}; }
  static SizeExpr ceilDivTokenCount(int64_t t) {
    return {Kind::CeilDivTokenCount, t};
  }

  bool dependsOnM() const { return kind != Kind::Constant; }
  /// The value for token count m (m >= 1).
  int64_t resolve(int64_t m) const;
  /// As the manifest writes it: 4096, "M", "ceil(M/64)".
  std::string str() const;
};

/// How the kernel turns dequantized bytes into tensor-core operands
/// (docs/LiquidQuant.md): `xor` feeds signed int8, `offset` unsigned bytes
/// corrected by xsum in the epilogue.
enum class DequantMode { Xor, Offset };

/// TMA element types of docs/Manifest.md.
enum class TmaDtype { U8, U16, U32, U64, I32, F16, F32 };
enum class TmaSwizzle { None, B32, B64, B128 };
/// Out-of-bounds fill: `zero` (the driver's FILL_NONE fills zeros) or `nan`.
enum class TmaOobFill { Zero, Nan };

/// Bytes of one TMA element.
int64_t tmaDtypeBytes(TmaDtype dtype);
const char *tmaDtypeName(TmaDtype dtype);

/// One TMA descriptor to encode over an operand buffer.
struct TensorMapSpec {
  std::string name;
  std::string operand;
  TmaDtype dtype = TmaDtype::U8;
  /// Element counts, innermost first.
  std::vector<SizeExpr> dims;
  /// Byte strides of dims 1.. (dim 0 is contiguous).
  std::vector<int64_t> strides;
  /// Box size per dim, in elements.
  std::vector<int64_t> box;
  TmaSwizzle swizzle = TmaSwizzle::None;
  TmaOobFill oobFill = TmaOobFill::Zero;
};

enum class ParamKind { TensorMap, Pointer, Workspace, I32 };

/// One kernel parameter, in launch order.
struct ParamSpec {
  std::string name;
  ParamKind kind = ParamKind::Pointer;
  /// The tensor map (TensorMap) or operand (Pointer) it refers to.
  std::string ref;
  /// TensorMap: index into Manifest::tensorMaps.
  size_t tensorMapIndex = 0;
  /// Pointer: index into Manifest::operands, or -1 for an operand the
  /// manifest omits (xsum in xor mode), which receives a null pointer.
  int64_t operandIndex = -1;
  /// I32: the value (an integer or "M").
  SizeExpr value;
};

/// One buffer of a call: element type and row-major shape.
struct OperandSpec {
  std::string name;
  std::string dtype;
  int64_t elementBytes = 0;
  std::vector<SizeExpr> shape;

  /// Bytes the dense buffer needs for token count m.
  uint64_t bytes(int64_t m) const;
  /// E.g. "f16 [M, 4096]".
  std::string describe() const;
};

struct ManifestProblem {
  int64_t n = 0;
  int64_t k = 0;
  int64_t groupSize = 0;
  DequantMode mode = DequantMode::Xor;
  /// The M band the configuration was tuned for (informational).
  int64_t mMax = 0;
  std::string outType;
  std::string weightLayout;
  /// The order of group_scales / group_offsets the kernel reads:
  /// "dual_mma_by_group" (liquid::quant::packGroupParams). Another value or
  /// none in manifests of compilers that read another order.
  std::string groupParamLayout;
};

/// Tiling chosen by liquid-select-config; 0 where the manifest omits a field.
struct ManifestConfig {
  int64_t tokenTile = 0;
  int64_t consumers = 0;
  int64_t stages = 0;
  int64_t rowsPerCta = 0;
  int64_t kPerStage = 0;
  int64_t cluster = 0;
};

struct ManifestLaunch {
  std::array<int64_t, 3> block = {1, 1, 1};
  std::array<SizeExpr, 3> grid;
  /// Blocks per thread-block cluster along each axis; {1, 1, 1} (no
  /// cluster) where the manifest omits it.
  std::array<int64_t, 3> cluster = {1, 1, 1};
  int64_t dynamicSharedMemory = 0;
  /// launch.tail_split (optional): a launcher that knows the SM count may
  /// run the tiles of the last, partial round as `tailBlocksPerTile` blocks
  /// each (docs/Manifest.md). 1 where the manifest omits it.
  int64_t tailBlocksPerTile = 1;
  /// The kernel's blocks per SM, which size a round of the split tail.
  int64_t tailBlocksPerSM = 1;
  /// launch.stream_k (optional): the blocks of a round (1 where the manifest
  /// omits it: whole tiles only), the k blocks of a tile and the fewest a
  /// stream-K share should get.
  int64_t streamKRoundBlocks = 1;
  int64_t streamKTileKBlocks = 0;
  int64_t streamKMinShare = 0;

  bool isClustered() const {
    return cluster[0] * cluster[1] * cluster[2] > 1;
  }
  bool splitsTail() const { return tailBlocksPerTile > 1; }
  bool streamsK() const { return streamKRoundBlocks > 1; }
};

/// The split-K workspace (docs/Manifest.md, "workspace"): one record per
/// output tile, an i32 arrival counter padded to `alignment` bytes followed
/// by the int32 partial sums of the tile's K slices (`partialBytesPerTile`).
/// Present only for split-K kernels.
struct WorkspaceSpec {
  bool present = false;
  int64_t counterBytesPerTile = 0;
  int64_t alignment = 1;
  int64_t partialBytesPerTile = 0;
  /// Records whatever the launch (stream-K), or 0: one per output tile.
  int64_t records = 0;

  /// Bytes for a launch of `tiles` output tiles (grid x times grid y).
  uint64_t bytes(uint64_t tiles) const;
};

struct Manifest {
  int64_t schema = 0;
  std::string kernel;
  ManifestProblem problem;
  ManifestConfig config;
  ManifestLaunch launch;
  std::vector<TensorMapSpec> tensorMaps;
  std::vector<ParamSpec> params;
  std::vector<OperandSpec> operands;
  WorkspaceSpec workspace;
  /// The whole document, unknown keys included (for reports).
  json::Value document;

  const OperandSpec *findOperand(std::string_view name) const;
};

/// Parses and checks a schema-1 manifest. Refuses any other schema, missing
/// or ill-typed fields, and manifests that contradict themselves; the
/// message names the field.
Expected<Manifest> parseManifest(std::string_view text);
Expected<Manifest> parseManifestDocument(const json::Value &document);
/// Reads and parses the manifest file at `path`.
Expected<Manifest> readManifestFile(const std::string &path);

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_MANIFEST_H
