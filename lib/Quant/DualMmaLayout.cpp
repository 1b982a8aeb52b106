//===- DualMmaLayout.cpp - The dual-MMA packed weight layout --------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The packed weight permutation (docs/DualMmaLayout.md). Everything here is
// derived from two facts: wgmmaAFragmentCoord (which thread owns which A
// element, a property of the hardware) and blockLogicalCoord (how one 64 x 64
// block is laid out as 128 threads x 16 bytes). The inverse map and the
// packer's tables are computed by enumerating them, never written by hand.
//
//===----------------------------------------------------------------------===//

#include "liquid/Quant/DualMmaLayout.h"

#include <array>
#include <cassert>
#include <limits>

using namespace liquid::quant;

using L = DualMmaLayout;

/// The register-A fragment of `wgmma.m64nNk32` with 8-bit A, as checked on
/// Hopper: warp w = t / 32 covers rows 16w .. 16w + 15; within the warp, lane
/// l = t % 32 holds rows l / 4 (even registers) and l / 4 + 8 (odd ones), and
/// four consecutive k starting at 4 (l % 4) (registers 0, 1) or
/// 16 + 4 (l % 4) (registers 2, 3). One 32-bit register is therefore four
/// consecutive k of a single row, which always share one (s, a) pair because
/// the group size is a multiple of 4 (or all of K).
WeightCoord liquid::quant::wgmmaAFragmentCoord(int thread, int reg, int byte) {
  assert(thread >= 0 && thread < L::kThreads && reg >= 0 &&
         reg < L::kRegsPerMma && byte >= 0 && byte < 4);
  int warp = thread / 32, lane = thread % 32;
  return {16 * warp + lane / 4 + 8 * (reg % 2),
          4 * (lane % 4) + 16 * (reg / 2) + byte};
}

/// The permutation inside one 64 x 64 block: the (row, col) of the block
/// stored at byte `byteInBlock` (0..2047), nibble `nibble`. Thread t's 16
/// bytes are bytes 16t .. 16t + 15; byte 4r + b carries, in its low nibble,
/// the code that the first k32 MMA reads from register r, byte b, and in its
/// high nibble the code the second MMA (32 k further) reads from the same
/// register position.
static WeightCoord blockLogicalCoord(int64_t byteInBlock, int nibble) {
  int thread = static_cast<int>(byteInBlock / L::kBytesPerThread);
  int slot = static_cast<int>(byteInBlock % L::kBytesPerThread);
  WeightCoord coord = wgmmaAFragmentCoord(thread, slot / 4, slot % 4);
  coord.col += nibble * L::kMmaK;
  return coord;
}

namespace {
/// blockLogicalCoord tabulated both ways, for the packer and the inverse.
struct BlockTables {
  std::array<std::array<WeightCoord, 2>, L::kBlockBytes> logical;
  std::array<std::array<PackedPosition, L::kBlockK>, L::kBlockRows> packed;

  BlockTables() {
    for (int64_t byte = 0; byte < L::kBlockBytes; ++byte) {
      for (int nibble = 0; nibble < 2; ++nibble) {
        WeightCoord c = blockLogicalCoord(byte, nibble);
        logical[byte][nibble] = c;
        packed[c.row][c.col] = {byte, nibble};
      }
    }
  }
};
} // namespace

static const BlockTables &blockTables() {
  static const BlockTables tables;
  return tables;
}

std::optional<std::string> liquid::quant::checkDualMmaShape(int64_t n,
                                                            int64_t k) {
  if (n <= 0 || n % L::kBlockRows != 0)
    return "n (weight rows) must be a positive multiple of 64 for the "
           "dual-MMA layout, got " +
           std::to_string(n);
  if (k <= 0 || k % L::kBlockK != 0)
    return "k (reduction size) must be a positive multiple of 64 for the "
           "dual-MMA layout, got " +
           std::to_string(k);
  if (n > std::numeric_limits<int64_t>::max() / k)
    return "weight matrix [" + std::to_string(n) + ", " + std::to_string(k) +
           "] has more elements than int64 can count";
  return std::nullopt;
}

/// Blocks are stored row-block major: block (nb, kb) is the
/// (nb * (k / 64) + kb)-th run of 2048 bytes.
static int64_t blockIndex(int64_t rowBlock, int64_t colBlock, int64_t k) {
  return rowBlock * (k / L::kBlockK) + colBlock;
}

PackedPosition liquid::quant::dualMmaPackedPosition(int64_t row, int64_t col,
                                                    int64_t n, int64_t k) {
  assert(!checkDualMmaShape(n, k) && row >= 0 && row < n && col >= 0 &&
         col < k);
  (void)n; // Only the assertion needs n: blocks are laid out along k.
  PackedPosition inBlock =
      blockTables().packed[row % L::kBlockRows][col % L::kBlockK];
  int64_t block = blockIndex(row / L::kBlockRows, col / L::kBlockK, k);
  return {block * L::kBlockBytes + inBlock.byteOffset, inBlock.nibble};
}

WeightCoord liquid::quant::dualMmaLogicalCoord(int64_t byteOffset, int nibble,
                                               int64_t n, int64_t k) {
  assert(!checkDualMmaShape(n, k) && byteOffset >= 0 &&
         byteOffset < n * k / 2 && (nibble == 0 || nibble == 1));
  (void)n;
  int64_t block = byteOffset / L::kBlockBytes;
  int64_t blocksPerRow = k / L::kBlockK;
  WeightCoord inBlock = blockLogicalCoord(byteOffset % L::kBlockBytes, nibble);
  return {(block / blocksPerRow) * L::kBlockRows + inBlock.row,
          (block % blocksPerRow) * L::kBlockK + inBlock.col};
}

std::vector<uint8_t> liquid::quant::packDualMma(const uint8_t *codes, int64_t n,
                                                int64_t k) {
  assert(!checkDualMmaShape(n, k));
  const auto &logical = blockTables().logical;
  std::vector<uint8_t> packed(n * k / 2);
  for (int64_t rowBlock = 0; rowBlock < n / L::kBlockRows; ++rowBlock) {
    for (int64_t colBlock = 0; colBlock < k / L::kBlockK; ++colBlock) {
      const uint8_t *blockCodes =
          codes + rowBlock * L::kBlockRows * k + colBlock * L::kBlockK;
      uint8_t *out =
          packed.data() + blockIndex(rowBlock, colBlock, k) * L::kBlockBytes;
      for (int64_t byte = 0; byte < L::kBlockBytes; ++byte) {
        WeightCoord lo = logical[byte][0], hi = logical[byte][1];
        uint8_t loCode = blockCodes[lo.row * k + lo.col];
        uint8_t hiCode = blockCodes[hi.row * k + hi.col];
        assert(loCode <= 15 && hiCode <= 15 && "codes must be 4-bit");
        out[byte] = static_cast<uint8_t>(loCode | (hiCode << 4));
      }
    }
  }
  return packed;
}

std::vector<uint8_t> liquid::quant::unpackDualMma(const uint8_t *packed,
                                                  int64_t n, int64_t k) {
  assert(!checkDualMmaShape(n, k));
  const auto &logical = blockTables().logical;
  std::vector<uint8_t> codes(n * k);
  for (int64_t rowBlock = 0; rowBlock < n / L::kBlockRows; ++rowBlock) {
    for (int64_t colBlock = 0; colBlock < k / L::kBlockK; ++colBlock) {
      uint8_t *blockCodes =
          codes.data() + rowBlock * L::kBlockRows * k + colBlock * L::kBlockK;
      const uint8_t *in =
          packed + blockIndex(rowBlock, colBlock, k) * L::kBlockBytes;
      for (int64_t byte = 0; byte < L::kBlockBytes; ++byte) {
        WeightCoord lo = logical[byte][0], hi = logical[byte][1];
        blockCodes[lo.row * k + lo.col] = in[byte] & 0x0Fu;
        blockCodes[hi.row * k + hi.col] = in[byte] >> 4;
      }
    }
  }
  return codes;
}

//===----------------------------------------------------------------------===//
// Group parameters
//===----------------------------------------------------------------------===//

namespace {
/// Slot 2 q + h of a 64-row block is lane quad q's row0 (h = 0) or row1
/// (h = 1): the rows of registers 0 and 1 of the quad's first thread.
struct GroupParamTables {
  std::array<int64_t, L::kBlockRows> rowOfSlot;
  std::array<int64_t, L::kBlockRows> slotOfRow;

  GroupParamTables() {
    constexpr int kThreadsPerQuad = L::kThreads / L::kQuads;
    for (int quad = 0; quad < L::kQuads; ++quad) {
      for (int half = 0; half < L::kRowsPerThread; ++half) {
        int64_t row = wgmmaAFragmentCoord(quad * kThreadsPerQuad, half, 0).row;
        int64_t slot = quad * L::kRowsPerThread + half;
        rowOfSlot[slot] = row;
        slotOfRow[row] = slot;
      }
    }
  }
};
} // namespace

/// The packed offset of slot `slot` of row block `rowBlock`, group `group`
/// of an array of `rowBlocks` blocks: group-major, each block's 64 slots of
/// one group contiguous.
static int64_t groupParamOffset(int64_t rowBlock, int64_t slot, int64_t group,
                                int64_t rowBlocks) {
  return (group * rowBlocks + rowBlock) * L::kGroupParamBlockBytes + slot;
}

static const GroupParamTables &groupParamTables() {
  static const GroupParamTables tables;
  return tables;
}

std::optional<std::string> liquid::quant::checkGroupParamShape(int64_t n,
                                                               int64_t groups) {
  if (n <= 0 || n % L::kBlockRows != 0)
    return "n (weight rows) must be a positive multiple of 64 for the "
           "dual-MMA group-parameter order, got " +
           std::to_string(n);
  if (groups <= 0)
    return "the number of groups must be positive, got " +
           std::to_string(groups);
  if (n > std::numeric_limits<int64_t>::max() / groups)
    return "group parameters [" + std::to_string(n) + ", " +
           std::to_string(groups) + "] have more elements than int64 can count";
  return std::nullopt;
}

int64_t liquid::quant::groupParamPackedOffset(int64_t row, int64_t group,
                                              int64_t n, int64_t groups) {
  assert(!checkGroupParamShape(n, groups) && row >= 0 && row < n &&
         group >= 0 && group < groups);
  (void)groups;
  return groupParamOffset(row / L::kBlockRows,
                          groupParamTables().slotOfRow[row % L::kBlockRows],
                          group, n / L::kBlockRows);
}

/// Calls `visit(logical, packed)` with the row-major index and the packed
/// offset of every parameter of an [n, groups] array: the one traversal that
/// packing and unpacking share.
template <typename Visit>
static void forEachGroupParam(int64_t n, int64_t groups, Visit visit) {
  assert(!checkGroupParamShape(n, groups));
  const auto &rowOfSlot = groupParamTables().rowOfSlot;
  for (int64_t rowBlock = 0; rowBlock < n / L::kBlockRows; ++rowBlock)
    for (int64_t slot = 0; slot < L::kBlockRows; ++slot) {
      int64_t row = rowBlock * L::kBlockRows + rowOfSlot[slot];
      for (int64_t group = 0; group < groups; ++group)
        visit(row * groups + group,
              groupParamOffset(rowBlock, slot, group, n / L::kBlockRows));
    }
}

std::vector<uint8_t> liquid::quant::packGroupParams(const uint8_t *params,
                                                    int64_t n, int64_t groups) {
  std::vector<uint8_t> packed(n * groups);
  forEachGroupParam(n, groups, [&](int64_t logical, int64_t offset) {
    packed[offset] = params[logical];
  });
  return packed;
}

std::vector<uint8_t> liquid::quant::unpackGroupParams(const uint8_t *packed,
                                                      int64_t n,
                                                      int64_t groups) {
  std::vector<uint8_t> params(n * groups);
  forEachGroupParam(n, groups, [&](int64_t logical, int64_t offset) {
    params[logical] = packed[offset];
  });
  return params;
}
