//===- CubinImage.cpp - What the runtime accepts as a cubin ---------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/CubinImage.h"

#include <cstdint>
#include <cstring>

using namespace liquid::runtime;

/// ELF header fields (System V gABI): e_ident[EI_CLASS] at 4, e_ident[EI_DATA]
/// at 5, e_machine (16 bits) at 18; an ELF64 header is 64 bytes.
static constexpr size_t kElf64HeaderBytes = 64;
static constexpr uint8_t kElfClass64 = 2;
static constexpr uint8_t kElfDataLittleEndian = 1;
static constexpr uint16_t kElfMachineCuda = 190;

Status liquid::runtime::checkCubinImage(const void *image, size_t bytes,
                                        const std::string &kernel) {
  const std::string name = "kernel '" + kernel + "'";
  if (!image || bytes == 0)
    return Status::error("empty cubin for " + name);
  const auto *b = static_cast<const uint8_t *>(image);
  if (bytes < kElf64HeaderBytes || std::memcmp(b, "\x7f" "ELF", 4) != 0)
    return Status::error("the cubin of " + name +
                         " is not an ELF image (" + std::to_string(bytes) +
                         " bytes; a cubin starts with \\x7fELF)");
  if (b[4] != kElfClass64 || b[5] != kElfDataLittleEndian)
    return Status::error("the cubin of " + name +
                         " is not a 64-bit little-endian ELF image");
  uint16_t machine = uint16_t(b[18] | (b[19] << 8));
  if (machine != kElfMachineCuda)
    return Status::error("the cubin of " + name + " is an ELF image for machine " +
                         std::to_string(machine) + ", not CUDA (190)");
  return Status::success();
}
