//===- DualMmaLayout.h - The dual-MMA packed weight layout -------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The one definition of where each 4-bit weight code lives in memory for the
// liquid kernel (docs/DualMmaLayout.md has a worked example).
//
// The kernel issues `wgmma.mma_async.m64nNk32` with A (the weights, swap-AB)
// sourced from registers. The A fragment of one warp group is 64 rows x 32 k
// of int8; thread t = 32w + l owns, in register r (0..3), byte b (0..3):
//
//     row = 16w + l/4 + 8(r%2),   k = 4(l%4) + 16(r/2) + b.
//
// Two consecutive k32 steps need 2 x 16 int8 weights per thread, i.e. 16 bytes
// of 4-bit codes. The packer stores exactly those 16 bytes contiguously, so one
// `ld.shared.v4.b32` per thread fetches the weights of two MMAs:
//
//   packed byte 4r + b of thread t  =  code(step 0, r, b) | code(step 1, r, b) << 4
//
// The kernel unpacks word r with `lo = P & 0x0F0F0F0F` (step 0, register r)
// and `hi = (P >> 4) & 0x0F0F0F0F` (step 1, register r). A block of 64 rows x
// 64 k is 128 threads x 16 bytes = 2048 contiguous bytes, thread-major; blocks
// are ordered row-block major: block (nb, kb) starts at byte
// (nb * (K/64) + kb) * 2048.
//
// The group parameters follow the same fragment map. Registers 0 and 2 of
// thread t hold row0 = 16w + l/4, registers 1 and 3 row1 = row0 + 8, so the
// four threads of a lane quad (t/4) share the parameters of two rows. Each
// of the arrays s and a ([N, K/G] bytes logically) is stored group-major,
// per group and 64-row block as the (row0, row1) byte pairs of the 32 lane
// quads:
//
//   packed byte ((g * N/64 + nb) * 32 + quad) * 2 + half
//     = parameter of row 64 nb + (row0 or row1 of the quad), group g
//
// so the parameters one consumer warp group needs for one k block are 64
// contiguous bytes, a block's C consumers' are 64 C, and those of all
// blocks at one k block one contiguous run of N bytes: the kernel's
// producer copies its blocks into the stage with the weights (one TMA box
// per array), and each thread reads its pair with one 16-bit shared-memory
// load.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_QUANT_DUALMMALAYOUT_H
#define LIQUID_QUANT_DUALMMALAYOUT_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace liquid::quant {

/// Shape constants of the dual-MMA layout.
struct DualMmaLayout {
  /// Rows of W covered by one warp group's m64 wgmma (the M of the swapped MMA).
  static constexpr int64_t kBlockRows = 64;
  /// K extent of one wgmma with int8 operands.
  static constexpr int64_t kMmaK = 32;
  /// Consecutive k32 steps whose weights one 128-bit load fetches.
  static constexpr int64_t kStepsPerLoad = 2;
  /// K covered by one packed block.
  static constexpr int64_t kBlockK = kMmaK * kStepsPerLoad;
  /// Threads of a warp group.
  static constexpr int64_t kThreads = 128;
  /// A registers per thread per wgmma.
  static constexpr int64_t kRegsPerMma = 4;
  /// Packed bytes each thread loads per two k32 steps.
  static constexpr int64_t kBytesPerThread = 16;
  /// Bytes of one packed 64 x 64 block.
  static constexpr int64_t kBlockBytes = kThreads * kBytesPerThread;
  /// Rows whose group parameters one thread needs (row0 and row1).
  static constexpr int64_t kRowsPerThread = 2;
  /// Lane quads of a warp group: the threads that share two rows.
  static constexpr int64_t kQuads = kBlockRows / kRowsPerThread;
  /// Bytes of one 64-row block's parameters of one group, in one of s or a.
  static constexpr int64_t kGroupParamBlockBytes = kQuads * kRowsPerThread;
};

/// How manifests name the group-parameter order above
/// (problem.group_param_layout); the runtime refuses kernels that read
/// another.
inline constexpr char kGroupParamLayoutTag[] = "dual_mma_by_group";

/// A position in the logical weight matrix.
struct WeightCoord {
  int64_t row;
  int64_t col;
  bool operator==(const WeightCoord &o) const {
    return row == o.row && col == o.col;
  }
};

/// wgmma register-A fragment ownership: the (row, k) inside one 64 x 32 A tile
/// held by `thread` (0..127) in register `reg` (0..3), byte `byte` (0..3).
WeightCoord wgmmaAFragmentCoord(int thread, int reg, int byte);

/// Where a code sits in the packed buffer.
struct PackedPosition {
  int64_t byteOffset;
  /// 0: low nibble (first k32 step of the pair), 1: high nibble (second).
  int nibble;
  bool operator==(const PackedPosition &o) const {
    return byteOffset == o.byteOffset && nibble == o.nibble;
  }
};

/// Returns a message naming the problem when an [n, k] matrix cannot be
/// packed (n or k not a positive multiple of 64); std::nullopt otherwise.
std::optional<std::string> checkDualMmaShape(int64_t n, int64_t k);

/// The packed position of logical code (row, col) of an [n, k] matrix.
PackedPosition dualMmaPackedPosition(int64_t row, int64_t col, int64_t n,
                                     int64_t k);
/// The inverse: the logical code stored at (byteOffset, nibble).
WeightCoord dualMmaLogicalCoord(int64_t byteOffset, int nibble, int64_t n,
                                int64_t k);

/// Packs row-major codes [n, k] (one code in [0, 15] per byte) into the
/// n * k / 2 bytes of the dual-MMA layout.
std::vector<uint8_t> packDualMma(const uint8_t *codes, int64_t n, int64_t k);
/// Unpacks n * k / 2 packed bytes into row-major codes [n, k].
std::vector<uint8_t> unpackDualMma(const uint8_t *packed, int64_t n,
                                   int64_t k);

/// Returns a message naming the problem when [n, groups] group parameters
/// cannot be packed (n not a positive multiple of 64, groups < 1).
std::optional<std::string> checkGroupParamShape(int64_t n, int64_t groups);

/// The byte offset of the parameter of (row, group) in a packed [n, groups]
/// parameter array (s or a).
int64_t groupParamPackedOffset(int64_t row, int64_t group, int64_t n,
                               int64_t groups);

/// Reorders row-major parameters [n, groups] into the packed order.
std::vector<uint8_t> packGroupParams(const uint8_t *params, int64_t n,
                                     int64_t groups);
/// The inverse: packed parameters back to row-major [n, groups].
std::vector<uint8_t> unpackGroupParams(const uint8_t *packed, int64_t n,
                                       int64_t groups);

} // namespace liquid::quant

#endif // LIQUID_QUANT_DUALMMALAYOUT_H
