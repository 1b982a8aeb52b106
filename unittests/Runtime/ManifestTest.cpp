//===- ManifestTest.cpp - Tests of the manifest reader --------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The example of docs/Manifest.md, schema refusal, "M" resolution, and one
// case per refusal of the reader and the cross-field verifier.
//
//===----------------------------------------------------------------------===//

#include "ManifestExample.h"

#include "liquid/Runtime/Manifest.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <fstream>
#include <functional>

using namespace liquid::runtime;
using json::Value;
using liquid::runtime::testing::manifestExample;

namespace {

Value exampleDocument() {
  auto doc = json::parse(manifestExample());
  EXPECT_TRUE(doc.ok()) << doc.message();
  return *doc;
}

Value &at(Value &v, const char *key) { return *v.find(key); }
Value &at(Value &v, size_t i) { return v.asArray()[i]; }

TEST(ManifestTest, ParsesTheFormatDocumentExample) {
  auto m = parseManifest(manifestExample());
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_EQ(m->schema, 1);
  EXPECT_EQ(m->kernel, "liquid_w4a8_n4096_k4096_g64_xor_t64_c2_s8");
  EXPECT_EQ(m->problem.n, 4096);
  EXPECT_EQ(m->problem.k, 4096);
  EXPECT_EQ(m->problem.groupSize, 64);
  EXPECT_EQ(m->problem.mode, DequantMode::Xor);
  EXPECT_EQ(m->problem.mMax, 64);
  EXPECT_EQ(m->problem.outType, "f16");
  EXPECT_EQ(m->problem.weightLayout, "dual_mma");
  EXPECT_EQ(m->problem.groupParamLayout, "dual_mma_by_group");
  EXPECT_EQ(m->config.tokenTile, 64);
  EXPECT_EQ(m->config.consumers, 2);
  EXPECT_EQ(m->config.stages, 8);
  EXPECT_EQ(m->config.rowsPerCta, 128);
  EXPECT_EQ(m->config.kPerStage, 64);
  EXPECT_EQ(m->config.cluster, 1);
  EXPECT_EQ(m->launch.block, (std::array<int64_t, 3>{384, 1, 1}));
  EXPECT_EQ(m->launch.cluster, (std::array<int64_t, 3>{1, 1, 1}));
  EXPECT_EQ(m->launch.tailBlocksPerTile, 2);
  EXPECT_EQ(m->launch.tailBlocksPerSM, 1);
  EXPECT_FALSE(m->launch.isClustered());
  EXPECT_EQ(m->launch.grid[0].kind, SizeExpr::Kind::Constant);
  EXPECT_EQ(m->launch.grid[1].kind, SizeExpr::Kind::CeilDivTokenCount);
  EXPECT_EQ(m->launch.grid[1].value, 64);
  EXPECT_EQ(m->launch.dynamicSharedMemory, 116736);

  ASSERT_EQ(m->tensorMaps.size(), 4u);
  const TensorMapSpec &w = m->tensorMaps[0];
  EXPECT_EQ(w.name, "weights");
  EXPECT_EQ(w.operand, "weights");
  EXPECT_EQ(w.dtype, TmaDtype::U8);
  EXPECT_EQ(tmaDtypeBytes(w.dtype), 1);
  ASSERT_EQ(w.dims.size(), 4u);
  EXPECT_EQ(w.dims[3].value, 64);
  EXPECT_EQ(w.strides, (std::vector<int64_t>{256, 2048, 131072}));
  EXPECT_EQ(w.box, (std::vector<int64_t>{256, 8, 1, 2}));
  EXPECT_EQ(w.swizzle, TmaSwizzle::None);
  EXPECT_EQ(w.oobFill, TmaOobFill::Zero);
  const TensorMapSpec &x = m->tensorMaps[1];
  EXPECT_EQ(x.dtype, TmaDtype::U8);
  EXPECT_EQ(x.dims[1].kind, SizeExpr::Kind::TokenCount);
  const TensorMapSpec &s = m->tensorMaps[2];
  EXPECT_EQ(s.operand, "group_scales");
  EXPECT_EQ(s.strides, (std::vector<int64_t>{64, 4096}));
  EXPECT_EQ(s.box, (std::vector<int64_t>{64, 2, 1}));
  EXPECT_EQ(m->tensorMaps[3].operand, "group_offsets");

  ASSERT_EQ(m->params.size(), 10u);
  EXPECT_EQ(m->params[0].kind, ParamKind::TensorMap);
  EXPECT_EQ(m->params[0].tensorMapIndex, 0u);
  EXPECT_EQ(m->params[1].tensorMapIndex, 1u);
  EXPECT_EQ(m->params[2].kind, ParamKind::TensorMap);
  EXPECT_EQ(m->params[2].ref, "group_scales");
  EXPECT_EQ(m->params[2].tensorMapIndex, 2u);
  EXPECT_EQ(m->params[3].tensorMapIndex, 3u);
  EXPECT_EQ(m->params[4].kind, ParamKind::Pointer);
  EXPECT_EQ(m->params[4].ref, "channel_scales");
  // An xor kernel's manifest lists no xsum operand; its parameter stays.
  EXPECT_EQ(m->params[6].ref, "xsum");
  EXPECT_EQ(m->findOperand("xsum"), nullptr);
  EXPECT_EQ(m->params[8].kind, ParamKind::Workspace);
  EXPECT_FALSE(m->workspace.present);
  EXPECT_EQ(m->params[9].kind, ParamKind::I32);
  EXPECT_EQ(m->params[9].value.kind, SizeExpr::Kind::TokenCount);

  ASSERT_EQ(m->operands.size(), 7u);
  ASSERT_NE(m->findOperand("out"), nullptr);
  EXPECT_EQ(m->findOperand("out")->describe(), "f16 [M, 4096]");
  EXPECT_EQ(m->findOperand("missing"), nullptr);
  ASSERT_NE(m->document.find("resources"), nullptr);
}

TEST(ManifestTest, ResolvesTheTokenCount) {
  auto m = parseManifest(manifestExample());
  ASSERT_TRUE(m.ok()) << m.message();
  const SizeExpr &tiles = m->launch.grid[1];
  EXPECT_EQ(tiles.str(), "ceil(M/64)");
  EXPECT_EQ(tiles.resolve(1), 1);
  EXPECT_EQ(tiles.resolve(64), 1);
  EXPECT_EQ(tiles.resolve(65), 2);
  EXPECT_EQ(tiles.resolve(4096), 64);
  EXPECT_EQ(m->launch.grid[0].resolve(7), 32);
  EXPECT_EQ(m->tensorMaps[1].dims[1].str(), "M");
  EXPECT_EQ(m->tensorMaps[1].dims[1].resolve(7), 7);
  EXPECT_EQ(m->params[9].value.resolve(300), 300);
  EXPECT_EQ(m->findOperand("out")->bytes(16), 16u * 4096 * 2);
  EXPECT_EQ(m->findOperand("activations")->bytes(3), 3u * 4096);
  EXPECT_EQ(m->findOperand("weights")->bytes(3), 4096u * 2048);
  EXPECT_EQ(m->findOperand("token_scales")->bytes(5), 20u);
}

TEST(ManifestTest, RefusesOtherSchemas) {
  Value doc = exampleDocument();
  doc.set("schema", 2);
  EXPECT_EQ(parseManifestDocument(doc).message(),
            "manifest: unsupported schema 2; this runtime reads schema 1");
  doc.set("schema", "1");
  EXPECT_EQ(parseManifestDocument(doc).message(),
            "manifest: unsupported schema (a string); this runtime reads "
            "schema 1");
  doc.erase("schema");
  EXPECT_EQ(parseManifestDocument(doc).message(),
            "manifest: missing field 'schema'");
  EXPECT_EQ(parseManifest("[1]").message(),
            "manifest: the document must be a JSON object, got array");
  EXPECT_EQ(parseManifest("{").message(),
            "manifest: JSON error at line 1, column 2: expected a string key");
}

TEST(ManifestTest, IgnoresUnknownKeys) {
  Value doc = exampleDocument();
  doc.set("future", Value::makeObject({{"x", Value(1)}}));
  at(doc, "problem").set("epilogue", "silu");
  at(at(doc, "tensor_maps"), size_t(0)).set("l2_promotion", "256B");
  auto m = parseManifestDocument(doc);
  EXPECT_TRUE(m.ok()) << m.message();
}

TEST(ManifestTest, AcceptsXorManifestsWithoutXsum) {
  Value doc = exampleDocument();
  at(doc, "operands").erase("xsum");
  auto m = parseManifestDocument(doc);
  ASSERT_TRUE(m.ok()) << m.message();
  EXPECT_EQ(m->params[6].ref, "xsum");
  EXPECT_EQ(m->params[6].operandIndex, -1);
}

struct Refusal {
  const char *what;
  std::function<void(Value &)> edit;
  const char *message;
};

class ManifestRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(ManifestRefusalTest, NamesTheField) {
  Value doc = exampleDocument();
  GetParam().edit(doc);
  auto m = parseManifestDocument(doc);
  ASSERT_FALSE(m.ok()) << GetParam().what;
  EXPECT_EQ(m.message(), GetParam().message) << GetParam().what;
}

Value &tensorMap(Value &doc, size_t i) { return at(at(doc, "tensor_maps"), i); }
Value &param(Value &doc, size_t i) { return at(at(doc, "params"), i); }

const Refusal kRefusals[] = {
    // Fields: presence and type.
    {"no kernel", [](Value &d) { d.erase("kernel"); },
     "manifest: missing field 'kernel'"},
    {"no problem.n", [](Value &d) { at(d, "problem").erase("n"); },
     "manifest: missing field 'problem.n'"},
    {"string n", [](Value &d) { at(d, "problem").set("n", "4096"); },
     "manifest: field 'problem.n' must be an integer, got string"},
    {"fraction k", [](Value &d) { at(d, "problem").set("k", 4096.5); },
     "manifest: field 'problem.k' must be an integer, got a fraction"},
    {"zero group", [](Value &d) { at(d, "problem").set("group_size", 0); },
     "manifest: field 'problem.group_size' must be >= 1, got 0"},
    {"mode", [](Value &d) { at(d, "problem").set("mode", "signed"); },
     "manifest: field 'problem.mode' must be \"xor\" or \"offset\", got "
     "\"signed\""},
    {"block entries",
     [](Value &d) {
       at(d, "launch").set("block", Value::makeArray({Value(384), Value(1)}));
     },
     "manifest: field 'launch.block' must have 3 entries, got 2"},
    {"grid T = 0",
     [](Value &d) { at(at(d, "launch"), "grid").asArray()[1] = "ceil(M/0)"; },
     "manifest: field 'launch.grid[1]' must be a positive integer, \"M\" or "
     "\"ceil(M/T)\", got \"ceil(M/0)\""},
    {"grid expression",
     [](Value &d) { at(at(d, "launch"), "grid").asArray()[1] = "M/64"; },
     "manifest: field 'launch.grid[1]' must be a positive integer, \"M\" or "
     "\"ceil(M/T)\", got \"M/64\""},
    {"grid object",
     [](Value &d) {
       at(at(d, "launch"), "grid").asArray()[0] = Value::makeObject();
     },
     "manifest: field 'launch.grid[0]' must be a positive integer, \"M\" or "
     "\"ceil(M/T)\", got object"},
    {"cluster entries",
     [](Value &d) {
       at(d, "launch").set("cluster", Value::makeArray({Value(2), Value(1)}));
     },
     "manifest: field 'launch.cluster' must have 3 entries, got 2"},
    {"empty cluster",
     [](Value &d) { at(at(d, "launch"), "cluster").asArray()[0] = 0; },
     "manifest: field 'launch.cluster[0]' must be >= 1, got 0"},
    {"negative shared memory",
     [](Value &d) { at(d, "launch").set("dynamic_shared_memory", -1); },
     "manifest: field 'launch.dynamic_shared_memory' must be >= 0, got -1"},
    {"tensor maps not an array", [](Value &d) { d.set("tensor_maps", 1); },
     "manifest: field 'tensor_maps' must be an array, got number"},
    {"tma dtype", [](Value &d) { tensorMap(d, 0).set("dtype", "u4"); },
     "manifest: field 'tensor_maps[0].dtype' is not a TMA element type (u8, "
     "u16, u32, u64, i32, f16, f32): \"u4\""},
    {"swizzle", [](Value &d) { tensorMap(d, 0).set("swizzle", "256B"); },
     "manifest: field 'tensor_maps[0].swizzle' must be \"none\", \"32B\", "
     "\"64B\" or \"128B\", got \"256B\""},
    {"oob fill", [](Value &d) { tensorMap(d, 1).set("oob_fill", "one"); },
     "manifest: field 'tensor_maps[1].oob_fill' must be \"zero\" or \"nan\", "
     "got \"one\""},
    {"ceil in dims",
     [](Value &d) { at(tensorMap(d, 1), "dims").asArray()[1] = "ceil(M/64)"; },
     "manifest: field 'tensor_maps[1].dims[1]' must be a positive integer or "
     "\"M\", got \"ceil(M/64)\""},
    {"no box", [](Value &d) { tensorMap(d, 1).erase("box"); },
     "manifest: missing field 'tensor_maps[1].box'"},
    {"param kind", [](Value &d) { param(d, 0).set("kind", "buffer"); },
     "manifest: field 'params[0].kind' must be \"tensor_map\", \"pointer\" or "
     "\"i32\", got \"buffer\""},
    {"pointer without operand", [](Value &d) { param(d, 4).erase("operand"); },
     "manifest: missing field 'params[4].operand'"},
    {"operand dtype",
     [](Value &d) { at(at(d, "operands"), "out").set("dtype", "f8"); },
     "manifest: field 'operands.out.dtype' is not an element type: \"f8\""},
    {"operand shape",
     [](Value &d) { at(at(d, "operands"), "out").set("shape", "M"); },
     "manifest: field 'operands.out.shape' must be an array, got string"},

    // Cross-field: the problem.
    {"odd k", [](Value &d) { at(d, "problem").set("k", 4095); },
     "manifest: problem.k = 4095 must be even (two 4-bit weights per byte)"},
    {"row-major group parameters",
     [](Value &d) { at(d, "problem").erase("group_param_layout"); },
     "manifest: problem.group_param_layout is missing, but this runtime's "
     "callers pack group_scales and group_offsets in the \"dual_mma_by_group\" order: "
     "recompile the kernel with this liquid"},
    {"another group-parameter order",
     [](Value &d) { at(d, "problem").set("group_param_layout", "row_major"); },
     "manifest: problem.group_param_layout is \"row_major\", but this "
     "runtime's callers pack group_scales and group_offsets in the "
     "\"dual_mma_by_group\" order: recompile the kernel with this liquid"},
    {"group does not divide k",
     [](Value &d) { at(d, "problem").set("group_size", 48); },
     "manifest: problem.group_size = 48 does not divide problem.k = 4096"},

    // Cross-field: operands against the problem.
    {"another n", [](Value &d) { at(d, "problem").set("n", 8192); },
     "manifest: operand 'weights' is u8 [4096, 2048] but problem n = 8192, "
     "k = 4096, group_size = 64 needs u8 [8192, 2048]"},
    {"another group size",
     [](Value &d) { at(d, "problem").set("group_size", 128); },
     "manifest: operand 'group_scales' is u8 [4096, 64] but problem n = "
     "4096, k = 4096, group_size = 128 needs u8 [4096, 32]"},
    {"static M",
     [](Value &d) {
       at(at(d, "operands"), "token_scales")
           .set("shape", Value::makeArray({Value(64)}));
     },
     "manifest: operand 'token_scales' is f32 [64] but problem n = 4096, "
     "k = 4096, group_size = 64 needs f32 [M]"},
    {"offset mode needs xsum",
     [](Value &d) {
       at(d, "problem").set("mode", "offset");
       at(d, "operands").erase("xsum");
     },
     "manifest: operand 'xsum' (i32 [M]) is missing"},
    {"missing out", [](Value &d) { at(d, "operands").erase("out"); },
     "manifest: operand 'out' (f16 [M, 4096]) is missing"},
    {"unknown operand",
     [](Value &d) {
       at(d, "operands").set("bias", at(at(d, "operands"), "channel_scales"));
     },
     "manifest: operand 'bias' is not a W4A8 operand (activations, weights, "
     "group_scales, group_offsets, channel_scales, token_scales, xsum, out)"},

    // Cross-field: tensor maps against TMA.
    {"map over a missing operand",
     [](Value &d) { tensorMap(d, 0).set("operand", "packed"); },
     "manifest: tensor_maps[0] ('weights'): operand 'packed' is not in "
     "'operands'"},
    {"map over an optional operand",
     [](Value &d) {
       // An xor kernel may list xsum, but no tensor map can rest on it.
       at(d, "operands").set("xsum",
                             *json::parse(R"({"dtype": "i32", "shape": ["M"]})"));
       tensorMap(d, 0).set("operand", "xsum");
     },
     "manifest: tensor_maps[0] ('weights'): operand 'xsum' may be null in "
     "this mode and cannot back a TMA descriptor"},
    {"duplicate map name",
     [](Value &d) { tensorMap(d, 1).set("name", "weights"); },
     "manifest: tensor_maps[1]: duplicate name 'weights'"},
    {"stride count",
     [](Value &d) {
       tensorMap(d, 1).set("strides",
                           Value::makeArray({Value(4096), Value(16)}));
     },
     "manifest: tensor_maps[1] ('activations'): has 2 strides; 2 dims need 1"},
    {"rank 6",
     [](Value &d) {
       Value six = Value::makeArray();
       for (int i = 0; i < 6; ++i)
         six.push(16);
       tensorMap(d, 1).set("dims", six);
     },
     "manifest: tensor_maps[1] ('activations'): TMA needs 1 to 5 dims, got 6"},
    {"box too large",
     [](Value &d) { at(tensorMap(d, 1), "box").asArray()[1] = 512; },
     "manifest: tensor_maps[1] ('activations'): box[1] = 512 exceeds the TMA "
     "limit 256"},
    {"unaligned stride",
     [](Value &d) { at(tensorMap(d, 1), "strides").asArray()[0] = 4100; },
     "manifest: tensor_maps[1] ('activations'): strides[0] = 4100 must be a "
     "multiple of 16 below 2^40"},
    {"inner box not 16 bytes",
     [](Value &d) { at(tensorMap(d, 1), "box").asArray()[0] = 8; },
     "manifest: tensor_maps[1] ('activations'): the inner box row is 8 bytes; "
     "TMA moves multiples of 16"},
    {"box wider than swizzle",
     [](Value &d) {
       at(tensorMap(d, 1), "box").asArray()[0] = 64;
       tensorMap(d, 1).set("swizzle", "32B");
     },
     "manifest: tensor_maps[1] ('activations'): the inner box row is 64 bytes, "
     "wider than its 32-byte swizzle"},
    {"nan fill on integers",
     [](Value &d) { tensorMap(d, 1).set("oob_fill", "nan"); },
     "manifest: tensor_maps[1] ('activations'): oob_fill \"nan\" needs a "
     "floating-point dtype, got u8"},

    // Cross-field: parameters.
    {"unknown tensor map",
     [](Value &d) { param(d, 0).set("tensor_map", "nope"); },
     "manifest: params[0] ('weights_map') names tensor map 'nope', which "
     "'tensor_maps' does not list"},
    {"unknown operand param",
     [](Value &d) { param(d, 4).set("operand", "scales"); },
     "manifest: params[4] ('channel_scales') names operand 'scales', which "
     "'operands' does not list"},
    {"duplicate param",
     [](Value &d) { param(d, 5).set("name", "channel_scales"); },
     "manifest: params[5] ('channel_scales'): duplicate parameter name"},
    {"i32 too large",
     [](Value &d) { param(d, 9).set("value", int64_t(1) << 40); },
     "manifest: params[9] ('m'): value 1099511627776 does not fit an i32"},

    // Cross-field: launch limits.
    {"block too wide",
     [](Value &d) { at(at(d, "launch"), "block").asArray()[0] = 2048; },
     "manifest: launch.block[0] = 2048 exceeds 1024"},
    {"too many threads",
     [](Value &d) { at(at(d, "launch"), "block").asArray()[1] = 4; },
     "manifest: launch.block has more than 1024 threads"},
    {"grid y too large",
     [](Value &d) { at(at(d, "launch"), "grid").asArray()[1] = 70000; },
     "manifest: launch.grid[1] = 70000 exceeds 65535"},
    {"too much shared memory",
     [](Value &d) { at(d, "launch").set("dynamic_shared_memory", 300000); },
     "manifest: launch.dynamic_shared_memory = 300000 exceeds the sm_90 limit "
     "of 232448 bytes"},
    {"cluster not tiling the grid",
     [](Value &d) { at(at(d, "launch"), "cluster").asArray()[0] = 3; },
     "manifest: launch.cluster[0] = 3 does not divide launch.grid[0] = 32"},
    {"cluster along M",
     [](Value &d) { at(at(d, "launch"), "cluster").asArray()[1] = 2; },
     "manifest: launch.cluster[1] = 2 clusters grid axis 1 = ceil(M/64), "
     "which depends on M"},
    {"cluster too large",
     [](Value &d) { at(at(d, "launch"), "cluster").asArray()[0] = 16; },
     "manifest: launch.cluster has more than 8 blocks"},
    {"tail split not an object",
     [](Value &d) { at(d, "launch").set("tail_split", 2); },
     "manifest: field 'launch.tail_split' must be an object, got number"},
    {"tail split without blocks per SM",
     [](Value &d) {
       at(d, "launch").set("tail_split",
                           Value::makeObject({{"blocks_per_tile", Value(2)}}));
     },
     "manifest: missing field 'launch.tail_split.blocks_per_sm'"},
    {"tail split of no blocks",
     [](Value &d) {
       at(d, "launch").set("tail_split",
                           Value::makeObject({{"blocks_per_tile", Value(0)},
                                              {"blocks_per_sm", Value(1)}}));
     },
     "manifest: field 'launch.tail_split.blocks_per_tile' must be >= 1, got 0"},
    {"tail split into too many blocks",
     [](Value &d) {
       at(d, "launch").set("tail_split",
                           Value::makeObject({{"blocks_per_tile", Value(8)},
                                              {"blocks_per_sm", Value(1)}}));
     },
     "manifest: launch.tail_split.blocks_per_tile = 8 exceeds 4"},
    {"tail split other than the consumers",
     [](Value &d) {
       at(at(d, "launch"), "tail_split").set("blocks_per_tile", Value(4));
     },
     "manifest: launch.tail_split.blocks_per_tile = 4 is not "
     "config.consumers = 2"},
    {"tail split with split-K",
     [](Value &d) { at(at(d, "launch"), "grid").asArray()[2] = 4; },
     "manifest: launch.tail_split needs launch.grid[2] = 1 and no cluster "
     "along y, got grid[2] = 4, cluster[1] = 1"},
    {"grid entries",
     [](Value &d) {
       at(d, "launch").set("grid", Value::makeArray({Value(32), Value("M")}));
     },
     "manifest: field 'launch.grid' must have 3 entries, got 2"},
    {"empty kernel name", [](Value &d) { d.set("kernel", ""); },
     "manifest: field 'kernel' must not be empty"},

    // Cross-field: tensor maps against the operands and cuTensorMapEncodeTiled.
    {"map of an unlisted operand",
     [](Value &d) { tensorMap(d, 0).set("operand", "group_scales_2"); },
     "manifest: tensor_maps[0] ('weights'): operand 'group_scales_2' is not "
     "in 'operands'"},
    {"map of xsum in xor mode",
     [](Value &d) {
       at(d, "operands")
           .set("xsum", Value::makeObject(
                            {{"dtype", Value("i32")},
                             {"shape", Value::makeArray({Value("M")})}}));
       tensorMap(d, 1).set("operand", "xsum");
     },
     "manifest: tensor_maps[1] ('activations'): operand 'xsum' may be null in "
     "this mode and cannot back a TMA descriptor"},
    {"strides for another rank",
     [](Value &d) {
       tensorMap(d, 0).set("strides", Value::makeArray({Value(256)}));
     },
     "manifest: tensor_maps[0] ('weights'): has 1 strides; 4 dims need 3"},
    {"box for another rank",
     [](Value &d) {
       tensorMap(d, 0).set("box", Value::makeArray({Value(256), Value(8)}));
     },
     "manifest: tensor_maps[0] ('weights'): has 2 box sizes; 4 dims need 4"},
    {"dim beyond 2^32",
     [](Value &d) {
       at(tensorMap(d, 0), "dims").asArray()[3] = int64_t(1) << 33;
     },
     "manifest: tensor_maps[0] ('weights'): dims[3] = 8589934592 exceeds the "
     "TMA limit 2^32"},
    {"box beyond 256",
     [](Value &d) { at(tensorMap(d, 0), "box").asArray()[1] = 512; },
     "manifest: tensor_maps[0] ('weights'): box[1] = 512 exceeds the TMA "
     "limit 256"},
    {"stride not a multiple of 16",
     [](Value &d) { at(tensorMap(d, 0), "strides").asArray()[0] = 100; },
     "manifest: tensor_maps[0] ('weights'): strides[0] = 100 must be a "
     "multiple of 16 below 2^40"},
    {"inner box row of 8 bytes",
     [](Value &d) { at(tensorMap(d, 0), "box").asArray()[0] = 8; },
     "manifest: tensor_maps[0] ('weights'): the inner box row is 8 bytes; TMA "
     "moves multiples of 16"},
    {"inner box row wider than its swizzle",
     [](Value &d) { tensorMap(d, 0).set("swizzle", "32B"); },
     "manifest: tensor_maps[0] ('weights'): the inner box row is 256 bytes, "
     "wider than its 32-byte swizzle"},
    {"nan fill of bytes",
     [](Value &d) { tensorMap(d, 0).set("oob_fill", "nan"); },
     "manifest: tensor_maps[0] ('weights'): oob_fill \"nan\" needs a "
     "floating-point dtype, got u8"},

    // Cross-field: parameters name what the manifest lists.
    {"param of an unlisted tensor map",
     [](Value &d) { param(d, 0).set("tensor_map", "scales"); },
     "manifest: params[0] ('weights_map') names tensor map 'scales', which "
     "'tensor_maps' does not list"},
    {"param of an unlisted operand",
     [](Value &d) { param(d, 4).set("operand", "bias"); },
     "manifest: params[4] ('channel_scales') names operand 'bias', which "
     "'operands' does not list"},
    {"group-parameter map of an unlisted operand",
     [](Value &d) { tensorMap(d, 2).set("operand", "bias"); },
     "manifest: tensor_maps[2] ('group_scales'): operand 'bias' is not in "
     "'operands'"},
};

INSTANTIATE_TEST_SUITE_P(AllRefusals, ManifestRefusalTest,
                         ::testing::ValuesIn(kRefusals));

TEST(ManifestTest, ReadsFilesAndNamesMissingOnes) {
  auto m = readManifestFile("/nonexistent/kernel.json");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.message(), "cannot open manifest '/nonexistent/kernel.json'");
}

TEST(ManifestTest, NamesTheFileOfARefusedManifest) {
  const std::string path = ::testing::TempDir() + "liquid_refused_manifest.json";
  {
    std::ofstream out(path);
    out << "{\"schema\": 2}";
  }
  auto m = readManifestFile(path);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.message(),
            path + ": manifest: unsupported schema 2; this runtime reads "
                   "schema 1");
  std::remove(path.c_str());
}

} // namespace
