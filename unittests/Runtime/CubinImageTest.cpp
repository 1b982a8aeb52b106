//===- CubinImageTest.cpp - Tests of the cubin image check ----------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// What checkCubinImage lets through to cuModuleLoadData: 64-bit
// little-endian ELF images for the CUDA machine, and nothing the driver
// would read as NUL-terminated PTX.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/CubinImage.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <string>
#include <vector>

using namespace liquid::runtime;

namespace {

/// The first bytes of an ELF64 little-endian file for `machine`, padded to
/// `size` bytes.
std::vector<uint8_t> elfImage(uint16_t machine, size_t size = 256,
                              uint8_t elfClass = 2, uint8_t data = 1) {
  std::vector<uint8_t> image(size, 0);
  image[0] = 0x7f, image[1] = 'E', image[2] = 'L', image[3] = 'F';
  image[4] = elfClass;
  image[5] = data;
  image[6] = 1; // EI_VERSION
  image[18] = uint8_t(machine & 0xff);
  image[19] = uint8_t(machine >> 8);
  return image;
}

const std::string kKernel = "liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8";

std::string check(const std::vector<uint8_t> &image) {
  return checkCubinImage(image.data(), image.size(), kKernel).message();
}

TEST(CubinImageTest, AcceptsCudaElfImages) {
  EXPECT_TRUE(checkCubinImage(elfImage(190).data(), 256, kKernel).ok());
  EXPECT_TRUE(checkCubinImage(elfImage(190, 64).data(), 64, kKernel).ok());
}

TEST(CubinImageTest, RefusesEmptyImages) {
  EXPECT_EQ(checkCubinImage(nullptr, 0, kKernel).message(),
            "empty cubin for kernel '" + kKernel + "'");
  std::vector<uint8_t> image = elfImage(190);
  EXPECT_EQ(checkCubinImage(image.data(), 0, kKernel).message(),
            "empty cubin for kernel '" + kKernel + "'");
}

TEST(CubinImageTest, RefusesTextTheDriverWouldReadAsPtx) {
  // No NUL anywhere: the driver would read it as PTX past its end.
  std::string ptx = ".version 8.4\n.target sm_90a\n.address_size 64\n"
                    ".visible .entry k() { ret; }\n";
  std::vector<uint8_t> image(ptx.begin(), ptx.end());
  EXPECT_EQ(check(image), "the cubin of kernel '" + kKernel +
                              "' is not an ELF image (" +
                              std::to_string(image.size()) +
                              " bytes; a cubin starts with \\x7fELF)");
}

TEST(CubinImageTest, RefusesTruncatedHeaders) {
  std::vector<uint8_t> image = elfImage(190, 63);
  EXPECT_EQ(check(image), "the cubin of kernel '" + kKernel +
                              "' is not an ELF image (63 bytes; a cubin "
                              "starts with \\x7fELF)");
}

TEST(CubinImageTest, RefusesOtherElfFlavours) {
  EXPECT_EQ(check(elfImage(190, 256, /*elfClass=*/1)),
            "the cubin of kernel '" + kKernel +
                "' is not a 64-bit little-endian ELF image");
  EXPECT_EQ(check(elfImage(190, 256, 2, /*data=*/2)),
            "the cubin of kernel '" + kKernel +
                "' is not a 64-bit little-endian ELF image");
  // An x86-64 shared library.
  EXPECT_EQ(check(elfImage(62)), "the cubin of kernel '" + kKernel +
                                     "' is an ELF image for machine 62, not "
                                     "CUDA (190)");
}

} // namespace
