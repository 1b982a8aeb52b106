//===- ManifestWriter.cpp - Kernel manifests --------------------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Writes docs/Manifest.md's schema 1 from the kernel ABI (KernelABI.h), so
// the manifest and the generated code cannot disagree.
//
//===----------------------------------------------------------------------===//

#include "liquid/Driver/Driver.h"
#include "liquid/Quant/DualMmaLayout.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using namespace mlir;
using namespace mlir::liquid;

/// A size, or "M" for the dynamic token count.
static llvm::json::Value sizeValue(int64_t v) {
  if (ShapedType::isDynamic(v))
    return "M";
  return v;
}

static llvm::json::Array sizes(ArrayRef<int64_t> values) {
  llvm::json::Array array;
  for (int64_t v : values)
    array.push_back(sizeValue(v));
  return array;
}

static llvm::json::Object tensorMap(const TensorMapGeometry &map) {
  std::string swizzle =
      map.swizzleBytes ? llvm::formatv("{0}B", map.swizzleBytes).str() : "none";
  return llvm::json::Object{
      {"name", map.name},       {"operand", map.operand},
      {"dtype", "u8"},          {"dims", sizes(map.dims)},
      {"strides", sizes(map.strides)}, {"box", sizes(map.box)},
      {"swizzle", swizzle},      {"oob_fill", "zero"}};
}

static llvm::json::Object operand(StringRef dtype, ArrayRef<int64_t> shape) {
  return llvm::json::Object{{"dtype", dtype}, {"shape", sizes(shape)}};
}

std::string mlir::liquid::writeManifest(const CompiledKernel &kernel,
                                        const std::string &ptxasVersion) {
  const KernelProblem &p = kernel.problem;
  int64_t dyn = ShapedType::kDynamic;
  bool offset = p.mode == DequantMode::Offset;
  int64_t groups = p.k / p.groupSize;

  llvm::json::Array params;
  for (const KernelParam &param : kernelParams()) {
    switch (param.kind) {
    case KernelParamKind::TensorMap:
      params.push_back(llvm::json::Object{{"name", param.name},
                                          {"kind", "tensor_map"},
                                          {"tensor_map", param.target}});
      break;
    case KernelParamKind::Pointer:
      params.push_back(llvm::json::Object{{"name", param.name},
                                          {"kind", "pointer"},
                                          {"operand", param.target}});
      break;
    case KernelParamKind::Workspace:
      params.push_back(
          llvm::json::Object{{"name", param.name}, {"kind", "workspace"}});
      break;
    case KernelParamKind::TokenCount:
      params.push_back(llvm::json::Object{
          {"name", param.name}, {"kind", "i32"}, {"value", "M"}});
      break;
    }
  }

  llvm::json::Object operands{
      {"activations", operand("i8", {dyn, p.k})},
      {"weights", operand("u8", {p.n, p.k / 2})},
      {"group_scales", operand("u8", {p.n, groups})},
      {"group_offsets", operand("u8", {p.n, groups})},
      {"channel_scales", operand("f32", {p.n})},
      {"token_scales", operand("f32", {dyn})},
      {"out", operand(p.bf16Out ? "bf16" : "f16", {dyn, p.n})}};
  if (offset)
    operands["xsum"] = operand("i32", {dyn});

  llvm::json::Object manifest{
      {"schema", 1},
      {"kernel", kernel.name},
      {"compiler", llvm::json::Object{{"name", "liquid"},
                                      {"version", kLiquidVersion},
                                      {"ptxas", ptxasVersion}}},
      {"problem",
       llvm::json::Object{{"n", p.n},
                          {"k", p.k},
                          {"group_size", p.groupSize},
                          {"mode", stringifyDequantMode(p.mode)},
                          {"m_max", kernel.mMax},
                          {"out_type", p.bf16Out ? "bf16" : "f16"},
                          {"weight_layout", "dual_mma"},
                          {"group_param_layout",
                           ::liquid::quant::kGroupParamLayoutTag}}},
      {"config", llvm::json::Object{{"token_tile", p.tokenTile},
                                    {"consumers", p.consumers},
                                    {"stages", p.stages},
                                    {"split_k", p.splitK},
                                    {"blocks_per_sm", p.blocksPerSM},
                                    {"cluster", p.cluster},
                                    {"stream_k", p.streamK},
                                    {"rows_per_cta", p.rowsPerBlock()},
                                    {"k_per_stage", ::liquid::quant::DualMmaLayout::kBlockK}}},
      {"launch",
       llvm::json::Object{
           {"block", llvm::json::Array{p.threadsPerBlock(), 1, 1}},
           {"grid",
            llvm::json::Array{p.blocksAlongN(),
                              llvm::formatv("ceil(M/{0})", p.tokenTile).str(),
                              p.splitK}},
           {"cluster", llvm::json::Array{p.cluster, 1, 1}},
           {"dynamic_shared_memory", p.sharedMemoryBytes()}}},
      {"resources",
       llvm::json::Object{
           {"registers", kernel.resources.registers},
           {"spill_bytes", kernel.resources.spillStoreBytes +
                               kernel.resources.spillLoadBytes},
           {"stack_bytes", kernel.resources.stackBytes},
           {"static_shared_memory", kernel.resources.staticSharedBytes}}},
      {"tensor_maps", llvm::json::Array{tensorMap(weightTensorMap(p)),
                                        tensorMap(activationTensorMap(p)),
                                        tensorMap(groupScaleTensorMap(p)),
                                        tensorMap(groupOffsetTensorMap(p))}},
      {"params", std::move(params)},
      {"operands", std::move(operands)}};

  if (p.splitsTail())
    manifest.getObject("launch")->insert(
        {"tail_split", llvm::json::Object{{"blocks_per_tile", p.consumers},
                                          {"blocks_per_sm", p.blocksPerSM}}});
  if (p.streamsK())
    manifest.getObject("launch")->insert(
        {"stream_k",
         llvm::json::Object{
             {"blocks_per_round", p.streamK},
             {"k_blocks", p.k / ::liquid::quant::DualMmaLayout::kBlockK},
             {"min_share_k_blocks", kMinStreamKShare}}});
  if (p.splitK > 1 || p.streamsK()) {
    // Counters for the launch's blocks along N and M, then int32 partials;
    // stream-K's are a round's records whatever M is.
    llvm::json::Object workspace{
        {"counter_bytes_per_tile", kWorkspaceCounterBytes},
        {"alignment", kWorkspaceAlignment},
        {"partial_bytes_per_tile", p.splitKPartialBytesPerTile()}};
    if (p.streamsK())
      workspace["records"] = p.streamK;
    manifest["workspace"] = std::move(workspace);
  }

  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(manifest))) << "\n";
  return text;
}
