//===- LaunchPlanTest.cpp - Tests of operand validation and M resolution --===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// planLaunch is everything a launch does before it touches the GPU, so the
// whole of the operand validation is tested here with made-up addresses.
//
//===----------------------------------------------------------------------===//

#include "ManifestExample.h"

#include "liquid/Runtime/LaunchPlan.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <functional>

using namespace liquid::runtime;
using json::Value;
using liquid::runtime::testing::manifestExample;

namespace {

constexpr int64_t kM = 16;
const char *const kKernel =
    "kernel 'liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8'";

Manifest manifestFrom(const std::function<void(Value &)> &edit = {}) {
  auto doc = json::parse(manifestExample());
  EXPECT_TRUE(doc.ok()) << doc.message();
  if (edit)
    edit(*doc);
  auto m = parseManifestDocument(*doc);
  EXPECT_TRUE(m.ok()) << m.message();
  return *m;
}

/// The example as an offset-mode kernel, whose operands list xsum.
Manifest offsetModeManifest() {
  return manifestFrom([](Value &d) {
    d.find("problem")->set("mode", "offset");
    auto xsum = json::parse(R"({"dtype": "i32", "shape": ["M"]})");
    d.find("operands")->set("xsum", *xsum);
  });
}

/// Distinct, 256-byte aligned fake device addresses with exactly the bytes
/// each operand needs at token count m.
Operands exactOperands(const Manifest &manifest, int64_t m) {
  Operands ops;
  ops.n = 4096;
  ops.k = 4096;
  ops.groupSize = 64;
  uint64_t next = 0x7f0000000000;
  for (const OperandShape &shape : w4a8OperandShapes(manifest.problem)) {
    const OperandSpec *spec = manifest.findOperand(shape.name);
    uint64_t bytes = spec ? spec->bytes(m) : 4 * uint64_t(m);
    *ops.find(shape.name) = Buffer{next, bytes};
    next += (bytes + 255) / 256 * 256 + 256;
  }
  return ops;
}

TEST(LaunchPlanTest, ResolvesTheExample) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, kM);
  auto plan = planLaunch(manifest, ops, kM);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 1, 1}));
  EXPECT_EQ(plan->block, (std::array<uint32_t, 3>{384, 1, 1}));
  EXPECT_EQ(plan->cluster, (std::array<uint32_t, 3>{1, 1, 1}));
  EXPECT_EQ(plan->dynamicSharedMemory, 116736u);

  ASSERT_EQ(plan->tensorMaps.size(), 4u);
  const ResolvedTensorMap &w = plan->tensorMaps[0];
  EXPECT_EQ(w.dtype, TmaDtype::U8);
  EXPECT_EQ(w.address, ops.weights.address);
  EXPECT_EQ(w.dims, (std::vector<uint64_t>{256, 8, 64, 64}));
  EXPECT_EQ(w.strides, (std::vector<uint64_t>{256, 2048, 131072}));
  EXPECT_EQ(w.box, (std::vector<uint32_t>{256, 8, 1, 2}));
  const ResolvedTensorMap &x = plan->tensorMaps[1];
  EXPECT_EQ(x.address, ops.activations.address);
  EXPECT_EQ(x.dims, (std::vector<uint64_t>{4096, kM}));
  EXPECT_EQ(x.strides, (std::vector<uint64_t>{4096}));
  EXPECT_EQ(x.box, (std::vector<uint32_t>{64, 64}));
  EXPECT_EQ(x.swizzle, TmaSwizzle::B64);
  // The group parameters as (64 B, N/64, K/G): one box per stage.
  const ResolvedTensorMap &s = plan->tensorMaps[2];
  EXPECT_EQ(s.address, ops.groupScales.address);
  EXPECT_EQ(s.dims, (std::vector<uint64_t>{64, 64, 64}));
  EXPECT_EQ(s.strides, (std::vector<uint64_t>{64, 4096}));
  EXPECT_EQ(s.box, (std::vector<uint32_t>{64, 2, 1}));
  EXPECT_EQ(plan->tensorMaps[3].address, ops.groupOffsets.address);

  ASSERT_EQ(plan->params.size(), 10u);
  EXPECT_EQ(plan->params[0].kind, ParamKind::TensorMap);
  EXPECT_EQ(plan->params[0].tensorMapIndex, 0u);
  EXPECT_EQ(plan->params[1].tensorMapIndex, 1u);
  EXPECT_EQ(plan->params[2].tensorMapIndex, 2u);
  EXPECT_EQ(plan->params[3].tensorMapIndex, 3u);
  EXPECT_EQ(plan->params[4].pointer, ops.channelScales.address);
  EXPECT_EQ(plan->params[5].pointer, ops.tokenScales.address);
  // An xor-mode manifest lists no xsum: the kernel gets a null pointer.
  EXPECT_EQ(plan->params[6].pointer, 0u);
  EXPECT_EQ(plan->params[7].pointer, ops.out.address);
  // No split-K: no workspace to reserve.
  EXPECT_EQ(plan->params[8].kind, ParamKind::Workspace);
  EXPECT_EQ(plan->workspaceBytes, 0u);
  EXPECT_EQ(plan->params[9].kind, ParamKind::I32);
  EXPECT_EQ(plan->params[9].i32, kM);
}

TEST(LaunchPlanTest, GridAndMapsFollowM) {
  Manifest manifest = manifestFrom();
  for (int64_t m : {1, 63, 64, 65, 1000}) {
    auto plan = planLaunch(manifest, exactOperands(manifest, m), m);
    ASSERT_TRUE(plan.ok()) << plan.message();
    EXPECT_EQ(plan->grid[1], uint32_t((m + 63) / 64)) << m;
    EXPECT_EQ(plan->tensorMaps[1].dims[1], uint64_t(m));
    EXPECT_EQ(plan->params[9].i32, m);
  }
}

TEST(LaunchPlanTest, SameCallSameDescriptors) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, 64);
  auto a = planLaunch(manifest, ops, 64);
  auto b = planLaunch(manifest, ops, 64);
  auto c = planLaunch(manifest, ops, 32);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->tensorMaps, b->tensorMaps);
  EXPECT_NE(a->tensorMaps, c->tensorMaps);
  EXPECT_EQ(a->tensorMaps[0], c->tensorMaps[0]);
}

TEST(LaunchPlanTest, AcceptsLargerBuffers) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, 64);
  EXPECT_TRUE(planLaunch(manifest, ops, 17).ok());
}

TEST(LaunchPlanTest, XorModeTakesANullXsum) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, kM);
  ops.xsum = Buffer{};
  auto plan = planLaunch(manifest, ops, kM);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->params[6].pointer, 0u);

  // Omitted from the manifest: nullptr whatever the call passes.
  Manifest withoutXsum =
      manifestFrom([](Value &d) { d.find("operands")->erase("xsum"); });
  ops = exactOperands(withoutXsum, kM);
  ops.xsum = Buffer{0x1234, 3};
  plan = planLaunch(withoutXsum, ops, kM);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->params[6].pointer, 0u);
}

TEST(LaunchPlanTest, OffsetModeNeedsXsum) {
  Manifest manifest = offsetModeManifest();
  Operands ops = exactOperands(manifest, kM);
  ASSERT_TRUE(planLaunch(manifest, ops, kM).ok());
  ops.xsum = Buffer{};
  EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
            "operand 'xsum' is a null pointer");
}

TEST(LaunchPlanTest, SizesTheSplitKWorkspace) {
  // Split K in 4: the grid's z extent and a workspace of one record per
  // (N, M) tile: a counter padded to 128 bytes, then the tile's partials.
  Manifest manifest = manifestFrom([](Value &d) {
    d.find("launch")->find("grid")->asArray()[2] = Value(int64_t(4));
    // Split-K kernels split no tail.
    d.find("launch")->find("tail_split")->set("blocks_per_tile", Value(1));
    auto ws = json::parse(R"({"counter_bytes_per_tile": 4, "alignment": 128,
                              "partial_bytes_per_tile": 65536})");
    d.set("workspace", *ws);
  });
  Operands ops = exactOperands(manifest, 100);
  auto plan = planLaunch(manifest, ops, 100);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 2, 4}));
  // 32 x 2 tiles, each a counter padded to 128 B and 64 KiB of partials.
  EXPECT_EQ(plan->workspaceBytes, 64u * (128u + 65536u));
}

TEST(LaunchPlanTest, CarriesTheClusterShape) {
  // Clusters of two blocks along N: grid x (32 blocks) is 16 clusters.
  Manifest manifest = manifestFrom([](Value &d) {
    d.find("launch")->find("cluster")->asArray()[0] = Value(int64_t(2));
  });
  Operands ops = exactOperands(manifest, kM);
  auto plan = planLaunch(manifest, ops, kM);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 1, 1}));
  EXPECT_EQ(plan->cluster, (std::array<uint32_t, 3>{2, 1, 1}));
}

TEST(LaunchPlanTest, StreamsTheKBlocksOfThePartialRound) {
  // 10240 x 8192 at M = 128 in clusters of two: 40 cluster tiles of 128 k
  // blocks, no whole round of 66; shares of at least 8 k blocks: a round.
  EXPECT_EQ(streamKClusters(40, 66, 128, 8), 66);
  // Two whole rounds, then 28 tiles shared by a round.
  EXPECT_EQ(streamKClusters(160, 66, 128, 8), 132 + 66);
  // Whole rounds only: the tile grid.
  EXPECT_EQ(streamKClusters(132, 66, 128, 8), 132);
  // Few k blocks: as many shares as keep 8 each, never fewer than the tiles.
  EXPECT_EQ(streamKClusters(10, 132, 16, 8), 20);
  EXPECT_EQ(streamKClusters(10, 132, 4, 8), 10);
}

TEST(LaunchPlanTest, SplitsTheTailOfWholeRounds) {
  // gate_up at M = 256 on 132 SMs: 172 tiles are one round and 40 more,
  // which become 80 blocks; split-K's 3-D grids never get here.
  EXPECT_EQ(splitTailBlocks(172, 132, 2, 2), 212);
  // Four consumers: 8 tail tiles, 32 blocks.
  EXPECT_EQ(splitTailBlocks(140, 132, 1, 4), 164);
  // Two blocks per SM double the round.
  EXPECT_EQ(splitTailBlocks(300, 264, 2, 2), 336);
  // An odd SM count: rounds end on a cluster boundary (130 slots).
  EXPECT_EQ(splitTailBlocks(172, 131, 2, 2), 214);
  EXPECT_EQ(splitTailBlocks(173, 131, 1, 2), 215);
  // No whole round before the tail: nothing to split.
  EXPECT_EQ(splitTailBlocks(100, 132, 2, 2), 100);
  EXPECT_EQ(splitTailBlocks(132, 132, 2, 2), 132);
  // Whole rounds only.
  EXPECT_EQ(splitTailBlocks(264, 132, 2, 2), 264);
  // The split tail would not fit one round (80 tiles, 160 blocks).
  EXPECT_EQ(splitTailBlocks(344, 132, 2, 2), 344);
  // No slots known.
  EXPECT_EQ(splitTailBlocks(172, 0, 2, 2), 172);
}

TEST(LaunchPlanTest, LaunchesASplitTailAsOneRow) {
  // The example (two consumers, launch.tail_split blocks_per_tile 2): 32 x
  // ceil(320 / 64) = 160 tiles on 132 SMs, 28 tail tiles, 56 blocks.
  Manifest manifest = manifestFrom();
  constexpr int64_t m = 320;
  Operands ops = exactOperands(manifest, m);
  auto plan = planLaunch(manifest, ops, m, /*multiprocessors=*/132);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{188, 1, 1}));
  // A partial last token tile (M = 319) keeps the tile grid.
  plan = planLaunch(manifest, ops, m - 1, 132);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 5, 1}));
  // Without the SM count, and where the tiles fit one round: the tile grid.
  plan = planLaunch(manifest, ops, m);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 5, 1}));
  plan = planLaunch(manifest, ops, kM, 132);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 1, 1}));
  // A manifest that splits no tail keeps its grid.
  plan = planLaunch(manifestFrom([](Value &d) {
                      d.find("launch")->find("tail_split")->set(
                          "blocks_per_tile", Value(1));
                    }),
                    ops, m, 132);
  ASSERT_TRUE(plan.ok()) << plan.message();
  EXPECT_EQ(plan->grid, (std::array<uint32_t, 3>{32, 5, 1}));
}

TEST(LaunchPlanTest, RefusesBadTokenCounts) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, kM);
  EXPECT_EQ(planLaunch(manifest, ops, 0).message(), "M must be >= 1, got 0");
  EXPECT_EQ(planLaunch(manifest, ops, -5).message(), "M must be >= 1, got -5");
  EXPECT_EQ(planLaunch(manifest, ops, int64_t(1) << 31).message(),
            "M = 2147483648 exceeds the kernel's i32 token count");
}

TEST(LaunchPlanTest, RefusesOperandsForAnotherProblem) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, kM);
  ops.n = 8192;
  EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
            std::string("operand 'weights': the call is for N = 8192 but ") +
                kKernel + " was compiled for N = 4096");
  ops = exactOperands(manifest, kM);
  ops.k = 11008;
  EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
            std::string("operand 'activations': the call is for K = 11008 "
                        "but ") +
                kKernel + " was compiled for K = 4096");
  ops = exactOperands(manifest, kM);
  ops.groupSize = 128;
  EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
            std::string("operand 'group_scales': the call is for group size "
                        "128 but ") +
                kKernel + " was compiled for group size 64");
  // An Operands left at its defaults declares no problem at all.
  EXPECT_EQ(planLaunch(manifest, Operands(), kM).message(),
            std::string("operand 'weights': the call is for N = 0 but ") +
                kKernel + " was compiled for N = 4096");
}

/// Every operand of the manifest: null, misaligned, one byte short.
TEST(LaunchPlanTest, NamesEveryBadBuffer) {
  Manifest manifest = offsetModeManifest();
  for (const OperandSpec &spec : manifest.operands) {
    SCOPED_TRACE(spec.name);
    Operands ops = exactOperands(manifest, kM);
    Buffer &b = *ops.find(spec.name);
    const Buffer good = b;

    b = Buffer{0, good.bytes};
    EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
              "operand '" + spec.name + "' is a null pointer");

    for (uint64_t offset : {1, 4, 8}) {
      b = Buffer{good.address + offset, good.bytes};
      char address[32];
      std::snprintf(address, sizeof(address), "0x%llx",
                    (unsigned long long)(good.address + offset));
      EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
                "operand '" + spec.name + "' at " + address +
                    " is not 16-byte aligned");
    }

    uint64_t needed = spec.bytes(kM);
    b = Buffer{good.address, needed - 1};
    EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
              "operand '" + spec.name + "' has " + std::to_string(needed - 1) +
                  " bytes but " + spec.describe() + " at M = 16 needs " +
                  std::to_string(needed) + " bytes");
  }
}

TEST(LaunchPlanTest, ExactMessagesForOut) {
  Manifest manifest = manifestFrom();
  Operands ops = exactOperands(manifest, kM);
  ops.out.bytes = 131071;
  EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
            "operand 'out' has 131071 bytes but f16 [M, 4096] at M = 16 "
            "needs 131072 bytes");
}

TEST(LaunchPlanTest, RefusesAMapBeyondItsOperand) {
  // A compiler bug: the activation map claims 4112 bytes per token row,
  // 16 more than K.
  Manifest manifest = manifestFrom([](Value &d) {
    Value &map = d.find("tensor_maps")->asArray()[1];
    map.find("dims")->asArray()[0] = 4112;
  });
  Operands ops = exactOperands(manifest, kM);
  EXPECT_EQ(planLaunch(manifest, ops, kM).message(),
            "manifest of kernel 'liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8': "
            "tensor "
            "map 'activations' spans 65552 bytes at M = 16 but operand "
            "'activations' (i8 [M, 4096]) has 65536");
}

TEST(LaunchPlanTest, RefusesGridsBeyondTheHardware) {
  Manifest manifest = manifestFrom(
      [](Value &d) { d.find("launch")->find("grid")->asArray()[1] = "M"; });
  const int64_t m = 70000;
  EXPECT_EQ(planLaunch(manifest, exactOperands(manifest, m), m).message(),
            "grid y = M = 70000 at M = 70000 is outside [1, 65535]");
}

} // namespace
