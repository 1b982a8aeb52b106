//===- DualMmaLayoutTest.cpp - Tests of the dual-MMA packed layout --------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Quant/DualMmaLayout.h"
#include "QuantTestUtils.h"

#include "gtest/gtest.h"

#include <random>

using namespace liquid::quant;
using namespace liquid::quant::testing;

namespace {

using L = DualMmaLayout;

/// DESIGN.md §3, as measured with a one-warp-group m64n8k32 probe on Hopper.
WeightCoord designFragmentCoord(int t, int r, int b) {
  int w = t / 32, l = t % 32;
  return {16 * w + l / 4 + 8 * (r % 2), 4 * (l % 4) + 16 * (r / 2) + b};
}

TEST(WgmmaFragmentTest, MatchesTheMeasuredFormulaForEveryElement) {
  for (int t = 0; t < 128; ++t)
    for (int r = 0; r < 4; ++r)
      for (int b = 0; b < 4; ++b)
        ASSERT_EQ(wgmmaAFragmentCoord(t, r, b), designFragmentCoord(t, r, b))
            << "thread " << t << ", reg " << r << ", byte " << b;
}

TEST(WgmmaFragmentTest, CoversTheA64x32TileOnce) {
  std::vector<int> hits(64 * 32, 0);
  for (int t = 0; t < 128; ++t)
    for (int r = 0; r < 4; ++r)
      for (int b = 0; b < 4; ++b) {
        WeightCoord c = wgmmaAFragmentCoord(t, r, b);
        ASSERT_TRUE(c.row >= 0 && c.row < 64 && c.col >= 0 && c.col < 32);
        ++hits[c.row * 32 + c.col];
      }
  for (int h : hits)
    ASSERT_EQ(h, 1);
}

/// Each thread's 16 bytes are contiguous and in thread order: byte 4r + b of
/// thread t is at 16t + 4r + b of its block, low nibble for the first k32
/// step, high nibble for the second.
TEST(DualMmaLayoutTest, ThreadFragmentsAreContiguousAndThreadMajor) {
  const int64_t n = 128, k = 192;
  for (int64_t rowBlock = 0; rowBlock < n / 64; ++rowBlock)
    for (int64_t colBlock = 0; colBlock < k / 64; ++colBlock) {
      int64_t base = (rowBlock * (k / 64) + colBlock) * L::kBlockBytes;
      for (int t = 0; t < 128; ++t)
        for (int r = 0; r < 4; ++r)
          for (int b = 0; b < 4; ++b)
            for (int step = 0; step < 2; ++step) {
              WeightCoord c = designFragmentCoord(t, r, b);
              PackedPosition p = dualMmaPackedPosition(
                  64 * rowBlock + c.row, 64 * colBlock + 32 * step + c.col, n,
                  k);
              ASSERT_EQ(p.byteOffset, base + 16 * t + 4 * r + b);
              ASSERT_EQ(p.nibble, step);
            }
    }
}

/// The worked example of docs/DualMmaLayout.md.
TEST(DualMmaLayoutTest, DocumentedExample) {
  // Thread 5's bytes 80..95 of block 0 hold rows 1 and 9, k 4..7 and 20..23
  // (low nibbles) and k 36..39 and 52..55 (high nibbles).
  EXPECT_EQ(dualMmaLogicalCoord(80, 0, 64, 64), (WeightCoord{1, 4}));
  EXPECT_EQ(dualMmaLogicalCoord(84, 0, 64, 64), (WeightCoord{9, 4}));
  EXPECT_EQ(dualMmaLogicalCoord(88, 1, 64, 64), (WeightCoord{1, 52}));
  EXPECT_EQ(dualMmaLogicalCoord(95, 1, 64, 64), (WeightCoord{9, 55}));
  EXPECT_EQ(dualMmaPackedPosition(9, 37, 64, 64), (PackedPosition{85, 1}));
  // In a [128, 256] matrix, (row 73, k 200) is in block (1, 3), the 8th.
  EXPECT_EQ(dualMmaPackedPosition(73, 200, 128, 256),
            (PackedPosition{7 * 2048 + 100, 0}));
}

TEST(DualMmaLayoutTest, CheckShapeRejectsWithTheValue) {
  EXPECT_EQ(checkDualMmaShape(64, 64), std::nullopt);
  EXPECT_EQ(checkDualMmaShape(4096, 11008), std::nullopt);
  EXPECT_EQ(checkDualMmaShape(100, 64),
            "n (weight rows) must be a positive multiple of 64 for the "
            "dual-MMA layout, got 100");
  EXPECT_EQ(checkDualMmaShape(0, 64),
            "n (weight rows) must be a positive multiple of 64 for the "
            "dual-MMA layout, got 0");
  EXPECT_EQ(checkDualMmaShape(-64, 64),
            "n (weight rows) must be a positive multiple of 64 for the "
            "dual-MMA layout, got -64");
  EXPECT_EQ(checkDualMmaShape(64, 96),
            "k (reduction size) must be a positive multiple of 64 for the "
            "dual-MMA layout, got 96");
  EXPECT_EQ(checkDualMmaShape(64, 32),
            "k (reduction size) must be a positive multiple of 64 for the "
            "dual-MMA layout, got 32");
}

//===----------------------------------------------------------------------===//
// Bijection and round trips over a set of shapes
//===----------------------------------------------------------------------===//

struct LayoutShape {
  int64_t n, k;
};

class DualMmaShapeTest : public ::testing::TestWithParam<LayoutShape> {};

TEST_P(DualMmaShapeTest, PackedPositionIsABijection) {
  const auto [n, k] = GetParam();
  std::vector<uint8_t> hit(n * k, 0); // Indexed by 2 * byteOffset + nibble.
  for (int64_t row = 0; row < n; ++row)
    for (int64_t col = 0; col < k; ++col) {
      PackedPosition p = dualMmaPackedPosition(row, col, n, k);
      ASSERT_TRUE(p.byteOffset >= 0 && p.byteOffset < n * k / 2);
      ASSERT_TRUE(p.nibble == 0 || p.nibble == 1);
      ASSERT_EQ(hit[2 * p.byteOffset + p.nibble]++, 0)
          << "(" << row << ", " << col << ") collides";
      ASSERT_EQ(dualMmaLogicalCoord(p.byteOffset, p.nibble, n, k),
                (WeightCoord{row, col}));
    }
  for (uint8_t h : hit)
    ASSERT_EQ(h, 1);
}

TEST_P(DualMmaShapeTest, PackAgreesWithPackedPosition) {
  const auto [n, k] = GetParam();
  std::mt19937 rng(static_cast<uint32_t>(n * 1000 + k));
  std::vector<uint8_t> codes(n * k);
  for (auto &c : codes)
    c = static_cast<uint8_t>(rng() % 16);
  std::vector<uint8_t> packed = packDualMma(codes.data(), n, k);
  ASSERT_EQ(static_cast<int64_t>(packed.size()), n * k / 2);
  for (int64_t row = 0; row < n; ++row)
    for (int64_t col = 0; col < k; ++col) {
      PackedPosition p = dualMmaPackedPosition(row, col, n, k);
      ASSERT_EQ((packed[p.byteOffset] >> (4 * p.nibble)) & 0xF,
                codes[row * k + col]);
    }
}

TEST_P(DualMmaShapeTest, PackAndUnpackAreInverses) {
  const auto [n, k] = GetParam();
  // Codes of a real quantization, for each supported group size.
  for (int64_t g : {int64_t(64), int64_t(128), k}) {
    if (k % g != 0)
      continue;
    std::vector<float> w = randomWeights(n, k, Distribution::Normal,
                                         static_cast<uint32_t>(n + k + g));
    QuantizedWeights q = quantizeWeights(w.data(), n, k, g);
    std::vector<uint8_t> packed = packDualMma(q.codes.data(), n, k);
    EXPECT_EQ(unpackDualMma(packed.data(), n, k), q.codes) << "G = " << g;
  }
  // Arbitrary bytes: every packed byte is a valid pair of codes.
  std::mt19937 rng(static_cast<uint32_t>(n * 7 + k));
  std::vector<uint8_t> bytes(n * k / 2);
  for (auto &b : bytes)
    b = static_cast<uint8_t>(rng());
  std::vector<uint8_t> codes = unpackDualMma(bytes.data(), n, k);
  for (uint8_t c : codes)
    ASSERT_LE(c, 15);
  EXPECT_EQ(packDualMma(codes.data(), n, k), bytes);
}

// The group-parameter order against DESIGN.md's fragment formula: thread
// t = 32w + l of row block nb loads, for group g, the two bytes at
// ((g * n / 64 + nb) * 32 + t / 4) * 2 and finds there the parameters of
// rows 16w + l/4 and 16w + l/4 + 8, the rows of its registers 0/2 and 1/3.
// The 32 quads' pairs of one (g, nb) are thus 64 contiguous bytes.
TEST(GroupParamLayoutTest, EachThreadFindsItsTwoRowsAdjacent) {
  const int64_t n = 192, groups = 3;
  for (int64_t rowBlock = 0; rowBlock < n / 64; ++rowBlock)
    for (int64_t g = 0; g < groups; ++g)
      for (int t = 0; t < 128; ++t) {
        int64_t pair = ((g * (n / 64) + rowBlock) * 32 + t / 4) * 2;
        for (int half = 0; half < 2; ++half) {
          int64_t row = 64 * rowBlock + designFragmentCoord(t, half, 0).row;
          EXPECT_EQ(groupParamPackedOffset(row, g, n, groups), pair + half)
              << "row " << row << " group " << g << " thread " << t;
        }
      }
}

TEST(GroupParamLayoutTest, PackIsAPermutationAndUnpackItsInverse) {
  for (int64_t n : {64, 128, 320})
    for (int64_t groups : {1, 2, 64}) {
      std::vector<uint8_t> params(n * groups);
      for (size_t i = 0; i < params.size(); ++i)
        params[i] = static_cast<uint8_t>(i * 37 + 11);
      std::vector<uint8_t> packed = packGroupParams(params.data(), n, groups);
      for (int64_t row = 0; row < n; ++row)
        for (int64_t g = 0; g < groups; ++g)
          ASSERT_EQ(packed[groupParamPackedOffset(row, g, n, groups)],
                    params[row * groups + g]);
      EXPECT_EQ(unpackGroupParams(packed.data(), n, groups), params);
    }
}

TEST(GroupParamLayoutTest, CheckShapeRejectsWithTheValue) {
  EXPECT_EQ(checkGroupParamShape(128, 64), std::nullopt);
  auto rows = checkGroupParamShape(96, 4);
  ASSERT_TRUE(rows.has_value());
  EXPECT_NE(rows->find("multiple of 64 for the dual-MMA group-parameter order, got 96"),
            std::string::npos)
      << *rows;
  auto groups = checkGroupParamShape(64, 0);
  ASSERT_TRUE(groups.has_value());
  EXPECT_NE(groups->find("must be positive, got 0"), std::string::npos)
      << *groups;
}

std::vector<LayoutShape> layoutShapes() {
  std::vector<LayoutShape> shapes;
  for (int64_t n : {64, 128, 192, 320})
    for (int64_t k : {64, 128, 256, 384})
      shapes.push_back({n, k});
  return shapes;
}

INSTANTIATE_TEST_SUITE_P(Shapes, DualMmaShapeTest,
                         ::testing::ValuesIn(layoutShapes()),
                         [](const ::testing::TestParamInfo<LayoutShape> &info) {
                           return "N" + std::to_string(info.param.n) + "_K" +
                                  std::to_string(info.param.k);
                         });

} // namespace
