//===- Operands.h - The buffers of one W4A8 kernel call ---------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The call ABI of a liquid kernel (docs/Manifest.md, "operands"):
//
//   activations     i8  [M, K]       int8 tokens X
//   weights         u8  [N, K/2]     4-bit codes in the dual-MMA layout
//   group_scales    u8  [N, K/G]     LiquidQuant level-2 multiplier s
//   group_offsets   u8  [N, K/G]     LiquidQuant level-2 byte a = 128 + min
//   channel_scales  f32 [N]          level-1 scale s1
//   token_scales    f32 [M]          per-token activation scale sx
//   xsum            i32 [M]          sum_k X[m, k] (offset mode only)
//   out             f16 [M, N]       Y = X * W^T
//
// Buffers are plain device addresses with their sizes, so this header needs
// no CUDA and the checks on them run (and are tested) on any machine.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_OPERANDS_H
#define LIQUID_RUNTIME_OPERANDS_H

#include "liquid/Runtime/Manifest.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liquid::runtime {

inline constexpr const char *kOperandActivations = "activations";
inline constexpr const char *kOperandWeights = "weights";
inline constexpr const char *kOperandGroupScales = "group_scales";
inline constexpr const char *kOperandGroupOffsets = "group_offsets";
inline constexpr const char *kOperandChannelScales = "channel_scales";
inline constexpr const char *kOperandTokenScales = "token_scales";
inline constexpr const char *kOperandXsum = "xsum";
inline constexpr const char *kOperandOut = "out";

/// Alignment every operand buffer must have: TMA global addresses and the
/// kernel's 128-bit vector accesses need 16 bytes.
inline constexpr uint64_t kOperandAlignment = 16;

/// The dtype and shape an operand has for a problem.
struct OperandShape {
  std::string name;
  std::string dtype;
  std::vector<SizeExpr> shape;
  /// A manifest may omit it, and a call may pass a null buffer for it.
  bool optional = false;
};

/// The one definition of the W4A8 operand table above, for `problem`. An
/// xor-mode kernel does not read xsum: there it is optional (the manifest may
/// list it or not; a null buffer is passed on as a null pointer).
std::vector<OperandShape> w4a8OperandShapes(const ManifestProblem &problem);

/// Whether `name` is optional for `problem` (xsum in xor mode).
bool isOptionalOperand(const ManifestProblem &problem, std::string_view name);

/// A device buffer: its address and how many bytes it holds.
struct Buffer {
  uint64_t address = 0;
  uint64_t bytes = 0;
};

/// The buffers of one call, and the problem the caller built them for; a
/// kernel compiled for another (N, K, G) refuses them.
struct Operands {
  int64_t n = 0;
  int64_t k = 0;
  int64_t groupSize = 0;
  Buffer activations;
  Buffer weights;
  Buffer groupScales;
  Buffer groupOffsets;
  Buffer channelScales;
  Buffer tokenScales;
  /// May be null for an xor-mode kernel.
  Buffer xsum;
  Buffer out;

  /// The buffer of the manifest operand `name`, or null if unknown.
  const Buffer *find(std::string_view name) const;
  Buffer *find(std::string_view name);
};

} // namespace liquid::runtime

#endif // LIQUID_RUNTIME_OPERANDS_H
