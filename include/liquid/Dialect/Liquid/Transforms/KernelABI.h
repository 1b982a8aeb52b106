//===- KernelABI.h - The generated kernel's interface -------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The one definition of what a liquid kernel expects from its launcher: the
// parameter order, the four TMA tensor maps (global geometry and box) and the
// launch shape. liquid-warp-specialize generates code against it and
// liquid-compile writes it into the manifest (docs/Manifest.md) that the
// runtime reads.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_DIALECT_LIQUID_TRANSFORMS_KERNELABI_H
#define LIQUID_DIALECT_LIQUID_TRANSFORMS_KERNELABI_H

#include "liquid/Dialect/Liquid/IR/Liquid.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::liquid {

/// Alignment the kernel gives its stage ring in shared memory, and the slack
/// the launch asks for on top of the ring. TMA needs 128-byte aligned
/// destinations; the activation tiles are 64-byte swizzled, whose pattern
/// repeats every 512 bytes, and a tile that starts on that period lets every
/// wgmma descriptor carry base offset 0. Every stage and every tile in it is
/// a multiple of 512 bytes (2048-byte weight blocks, token tiles of 8 << i
/// rows of 64 bytes), so aligning the ring aligns them all.
inline constexpr int64_t kStageRingAlignment = KernelConfigAttr::kRingAlignment;
/// Alignment of the records of the split-K workspace.
inline constexpr int64_t kWorkspaceAlignment = 128;
/// A consumer thread's partial sums move in chunks of this many bytes (one
/// 16-byte vector access); a slice's slab stores them chunk-major.
inline constexpr int64_t kPartialChunkBytes = 16;
/// Swizzle span of the activation tile: one token's 64 k bytes of a stage
/// fill one 64-byte swizzle row (TMA SWIZZLE_64B; wgmma layout type 2).
inline constexpr int64_t kActivationSwizzleBytes = 64;

/// The problem a kernel solves and the configuration it was built with.
struct KernelProblem {
  int64_t n = 0;
  int64_t k = 0;
  int64_t groupSize = 0;
  DequantMode mode = DequantMode::Xor;
  /// True for bf16 output, false for f16.
  bool bf16Out = false;
  int64_t tokenTile = 0;
  int64_t consumers = 0;
  int64_t stages = 0;
  int64_t splitK = 1;
  int64_t blocksPerSM = 1;
  /// Blocks along N per thread-block cluster, sharing the activation tile.
  int64_t cluster = 1;
  /// Blocks in a stream-K round (1: whole tiles only).
  int64_t streamK = 1;

  /// The problem of a verified memref- or tensor-form op with a config.
  static KernelProblem get(W4A8MatmulOp op);

  int64_t rowsPerBlock() const;
  int64_t weightStageBytes() const;
  int64_t activationStageBytes() const;
  int64_t stageBytes() const;
  /// Bytes of one stage's group parameters in one of s or a: the
  /// consumers' 64-byte blocks of the stage's group.
  int64_t groupParamBoxBytes() const;
  /// Bytes a stage's copies deliver, what its "full" barrier expects: the
  /// stage (weights, activations) and its group parameters.
  int64_t stageTransactionBytes() const;
  /// Dynamic shared memory to launch with: the stage ring (or the output
  /// staging over it) and its alignment slack, and at least enough to keep
  /// more than blocksPerSM blocks off the SM (see KernelABI.cpp).
  int64_t sharedMemoryBytes() const;
  int64_t threadsPerBlock() const;
  /// Registers per thread left to the producer warp group, which only issues
  /// TMA copies (setmaxnreg.dec).
  static constexpr int64_t kProducerRegisters = 40;
  /// Registers per thread each consumer warp group grows to (setmaxnreg.inc):
  /// the rest of the block's share of the register file, split among the
  /// consumers (WarpSpecializeOp::getMaxConsumerRegisters).
  int64_t consumerRegisters() const;
  /// Registers per thread at kernel entry (WarpSpecializeOp::
  /// getEntryRegisters).
  int64_t entryRegisters() const;
  /// Registers per thread ptxas needs at kernel entry to compile the
  /// consumers' wgmma m64nTk32: it allocates every instruction within the
  /// entry count, whatever setmaxnreg grows it to later. The T/2
  /// accumulators plus 30, what ptxas 13.0 asks for at T = 128 (94) and
  /// T = 256 (158).
  int64_t wgmmaEntryRegisters() const { return tokenTile / 2 + 30; }
  /// Blocks along N; the grid's y extent is ceil(M / tokenTile).
  int64_t blocksAlongN() const;
  /// Whether a launcher may split the tail: run the tiles that fill whole
  /// rounds of the SMs' slots as usual and each tile of the last, partial
  /// round as `consumers` blocks of one working consumer (its 64 rows), one
  /// row of blocks in all (docs/Manifest.md, launch.tail_split).
  /// Kernels of two or more consumers without split-K; the kernel tells the
  /// launch shapes apart by the number of blocks launched.
  bool splitsTail() const {
    return consumers > 1 && splitK == 1 && !streamsK();
  }
  /// Whether the last partial round's tiles share their k blocks among a
  /// round of blocks (stream-K). The kernel numbers its blocks as
  ///   g = (blockIdx.y * gridDim.x + blockIdx.x) / cluster   (its cluster),
  /// over tiles counted in clusters: of the G = (N / 64C / cluster) *
  /// ceil(M/T) cluster tiles, R = G % (streamK / cluster) form the last
  /// partial round and the first G - R run whole, one per cluster g < G - R.
  /// The launch's other P = launched clusters - (G - R) clusters, R <= P <=
  /// streamK / cluster, share the R tiles' k blocks: cluster p takes the
  /// contiguous units [p * U / P, (p + 1) * U / P) of the U = R * K/64 k
  /// blocks in tile order, at most one tile's worth, so its share touches
  /// at most two tiles. The tile grid itself (P = R) is a valid launch.
  bool streamsK() const { return streamK > 1; }
  /// Tokens of a stage's activation tile that each block of a cluster loads
  /// and multicasts (the whole tile without a cluster).
  int64_t multicastTokens() const { return tokenTile / cluster; }
  /// Split-K workspace bytes per output tile for the int32 partial sums of
  /// all split_k slices (rowsPerBlock x tokenTile words each); stream-K's
  /// records hold one such slab.
  int64_t splitKPartialBytesPerTile() const;
  /// Workspace bytes per record: the arrival counter padded to
  /// kWorkspaceAlignment, then the partial sums.
  int64_t splitKRecordBytes() const;
  std::string kernelName() const;
};

/// A TMA tensor map: dimensions innermost first. `dims` uses
/// ShapedType::kDynamic for the token count M; `strides` are the byte
/// strides of dimensions 1.. (dimension 0 is contiguous), kDynamic never
/// occurs there; `box` is the per-stage tile, in elements of one byte.
struct TensorMapGeometry {
  llvm::StringLiteral name;
  llvm::StringLiteral operand;
  llvm::SmallVector<int64_t, 5> dims;
  llvm::SmallVector<int64_t, 4> strides;
  llvm::SmallVector<int64_t, 5> box;
  /// Swizzle span in bytes (32, 64 or 128), or 0 for none.
  int64_t swizzleBytes = 0;
};

/// The packed weights viewed as (256 B, 8, K/64 blocks, N/64 blocks): one box
/// of (256, 8, 1, consumers) is the consumers' 2048-byte blocks of one stage.
TensorMapGeometry weightTensorMap(const KernelProblem &problem);
/// The activations as (K bytes, M tokens): one box of (64, tokenTile /
/// cluster) lands as that many rows of 64 bytes, 64-byte swizzled: the
/// K-major SWIZZLE_64B operand layout of wgmma. A cluster's blocks fill a
/// stage's tile with `cluster` boxes, one multicast by each. Whole 64-byte
/// rows keep every TMA request two full 32-byte sectors.
TensorMapGeometry activationTensorMap(const KernelProblem &problem);
/// A packed group-parameter array (s: "group_scales", a: "group_offsets";
/// DualMmaLayout.h) viewed as (64 B, N/64 blocks, K/G groups): one box of
/// (64, consumers, 1) is the consumers' parameters of one group, 64 bytes
/// each, contiguous.
TensorMapGeometry groupScaleTensorMap(const KernelProblem &problem);
TensorMapGeometry groupOffsetTensorMap(const KernelProblem &problem);

/// What a kernel parameter carries.
enum class KernelParamKind { TensorMap, Pointer, Workspace, TokenCount };
struct KernelParam {
  llvm::StringLiteral name;
  KernelParamKind kind;
  /// The tensor map or operand it refers to (empty for the token count).
  llvm::StringLiteral target;
};
/// Split-K workspace: one record per output tile (splitKRecordBytes()): an
/// i32 arrival counter of this many bytes padded to kWorkspaceAlignment,
/// then the int32 partial sums of the tile's K slices, one slab per slice:
/// chunk c (kPartialChunkBytes) of consumer thread i at (c * threads + i)
/// * kPartialChunkBytes, the chunks in the thread's fragment order. The
/// runtime zeroes it once; every launch leaves the counters zero again and
/// writes the partials before it reads them.
/// Stream-K's workspace is streamK such records whatever M is: record
/// g * cluster + rank holds the counter of the partial round's tile g and
/// the partial sums cluster g of the round wrote (each writes at most one
/// tile's).
inline constexpr int64_t kWorkspaceCounterBytes = 4;
/// The fewest k blocks a launcher gives a stream-K share where the partial
/// round has fewer tiles than blocks: fewer, longer shares rather than
/// many partial sums for one tile (docs/Manifest.md, launch.stream_k).
inline constexpr int64_t kMinStreamKShare = 8;

/// The kernel's parameters in order.
llvm::ArrayRef<KernelParam> kernelParams();

} // namespace mlir::liquid

#endif // LIQUID_DIALECT_LIQUID_TRANSFORMS_KERNELABI_H
