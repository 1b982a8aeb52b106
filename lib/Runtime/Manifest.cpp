//===- Manifest.cpp - Reading schema-1 kernel manifests -------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Turns the JSON of docs/Manifest.md into a Manifest, naming the field of the
// first problem by its path ("tensor_maps[1].dims[1]"). Cross-field checks
// live in ManifestVerifier.cpp.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/Manifest.h"

#include "ManifestVerifier.h"

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace liquid::runtime;
using json::Value;

//===----------------------------------------------------------------------===//
// SizeExpr, dtypes, operands
//===----------------------------------------------------------------------===//

int64_t SizeExpr::resolve(int64_t m) const {
  switch (kind) {
  case Kind::Constant:
    return value;
  case Kind::TokenCount:
    return m;
  case Kind::CeilDivTokenCount:
    return (m + value - 1) / value;
  }
  return value;
}

std::string SizeExpr::str() const {
  switch (kind) {
  case Kind::Constant:
    return std::to_string(value);
  case Kind::TokenCount:
    return "M";
  case Kind::CeilDivTokenCount:
    return "ceil(M/" + std::to_string(value) + ")";
  }
  return "?";
}

int64_t liquid::runtime::tmaDtypeBytes(TmaDtype dtype) {
  switch (dtype) {
  case TmaDtype::U8:
    return 1;
  case TmaDtype::U16:
  case TmaDtype::F16:
    return 2;
  case TmaDtype::U32:
  case TmaDtype::I32:
  case TmaDtype::F32:
    return 4;
  case TmaDtype::U64:
    return 8;
  }
  return 1;
}

const char *liquid::runtime::tmaDtypeName(TmaDtype dtype) {
  switch (dtype) {
  case TmaDtype::U8:
    return "u8";
  case TmaDtype::U16:
    return "u16";
  case TmaDtype::U32:
    return "u32";
  case TmaDtype::U64:
    return "u64";
  case TmaDtype::I32:
    return "i32";
  case TmaDtype::F16:
    return "f16";
  case TmaDtype::F32:
    return "f32";
  }
  return "?";
}

uint64_t OperandSpec::bytes(int64_t m) const {
  uint64_t total = static_cast<uint64_t>(elementBytes);
  for (const SizeExpr &d : shape)
    total *= static_cast<uint64_t>(d.resolve(m));
  return total;
}

std::string OperandSpec::describe() const {
  std::string s = dtype + " [";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + shape[i].str();
  return s + "]";
}

const OperandSpec *Manifest::findOperand(std::string_view name) const {
  for (const OperandSpec &op : operands)
    if (op.name == name)
      return &op;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Field readers
//===----------------------------------------------------------------------===//

namespace {

/// Reads typed fields and remembers the first error, named by its path.
class FieldReader {
public:
  bool failed() const { return !error.empty(); }
  Status status() const { return Status::error("manifest: " + error); }

  bool fail(const std::string &message) {
    if (error.empty())
      error = message;
    return false;
  }

  /// Member `key` of object `obj` (at `path`); null and an error when a
  /// required member is missing.
  const Value *member(const Value &obj, const std::string &path,
                      const char *key, bool required = true) {
    const Value *v = obj.find(key);
    if (!v && required)
      fail("missing field '" + join(path, key) + "'");
    return v;
  }

  bool expectKind(const Value &v, const std::string &path, Value::Kind kind) {
    if (v.kind() == kind)
      return true;
    return fail("field '" + path + "' must be " + article(kind) +
                Value::kindName(kind) + ", got " + Value::kindName(v.kind()));
  }

  bool integer(const Value &v, const std::string &path, int64_t &out) {
    if (!v.isInteger())
      return fail("field '" + path + "' must be an integer, got " +
                  (v.isNumber() ? std::string("a fraction")
                                : std::string(Value::kindName(v.kind()))));
    out = v.asInteger();
    return true;
  }

  bool positive(const Value &v, const std::string &path, int64_t &out) {
    if (!integer(v, path, out))
      return false;
    if (out < 1)
      return fail("field '" + path + "' must be >= 1, got " +
                  std::to_string(out));
    return true;
  }

  bool string(const Value &v, const std::string &path, std::string &out) {
    if (!expectKind(v, path, Value::Kind::String))
      return false;
    out = v.asString();
    return true;
  }

  /// A positive integer, "M", or (with allowCeil) "ceil(M/T)".
  bool size(const Value &v, const std::string &path, SizeExpr &out,
            bool allowCeil) {
    if (v.isInteger()) {
      out = SizeExpr::constant(v.asInteger());
      if (out.value < 1)
        return fail("field '" + path + "' must be >= 1, got " +
                    std::to_string(out.value));
      return true;
    }
    const std::string expected =
        allowCeil ? "a positive integer, \"M\" or \"ceil(M/T)\""
                  : "a positive integer or \"M\"";
    if (!v.isString())
      return fail("field '" + path + "' must be " + expected + ", got " +
                  Value::kindName(v.kind()));
    const std::string &s = v.asString();
    if (s == "M") {
      out = SizeExpr::tokenCount();
      return true;
    }
    const std::string prefix = "ceil(M/";
    if (allowCeil && s.size() > prefix.size() + 1 &&
        s.compare(0, prefix.size(), prefix) == 0 && s.back() == ')') {
      std::string digits =
          s.substr(prefix.size(), s.size() - prefix.size() - 1);
      bool allDigits =
          !digits.empty() && digits.size() <= 9 &&
          digits.find_first_not_of("0123456789") == std::string::npos;
      if (allDigits && std::stoll(digits) > 0) {
        out = SizeExpr::ceilDivTokenCount(std::stoll(digits));
        return true;
      }
    }
    return fail("field '" + path + "' must be " + expected + ", got \"" + s +
                "\"");
  }

  bool sizeArray(const Value &v, const std::string &path,
                 std::vector<SizeExpr> &out) {
    if (!expectKind(v, path, Value::Kind::Array))
      return false;
    out.resize(v.asArray().size());
    for (size_t i = 0; i < out.size(); ++i)
      if (!size(v.asArray()[i], index(path, i), out[i], /*allowCeil=*/false))
        return false;
    return true;
  }

  bool integerArray(const Value &v, const std::string &path,
                    std::vector<int64_t> &out) {
    if (!expectKind(v, path, Value::Kind::Array))
      return false;
    out.resize(v.asArray().size());
    for (size_t i = 0; i < out.size(); ++i)
      if (!positive(v.asArray()[i], index(path, i), out[i]))
        return false;
    return true;
  }

  /// Three positive integers, as the launch's block and cluster shapes.
  bool dims3(const Value &v, const std::string &path,
             std::array<int64_t, 3> &out) {
    std::vector<int64_t> dims;
    if (!integerArray(v, path, dims))
      return false;
    if (dims.size() != 3)
      return fail("field '" + path + "' must have 3 entries, got " +
                  std::to_string(dims.size()));
    std::copy(dims.begin(), dims.end(), out.begin());
    return true;
  }

  static std::string join(const std::string &path, const char *key) {
    return path.empty() ? std::string(key) : path + "." + key;
  }
  static std::string index(const std::string &path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

private:
  static const char *article(Value::Kind kind) {
    return kind == Value::Kind::Array || kind == Value::Kind::Object ? "an "
                                                                     : "a ";
  }

  std::string error;
};

} // namespace

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

static bool readProblem(FieldReader &r, const Value &doc, ManifestProblem &p) {
  const Value *problem = r.member(doc, "", "problem");
  if (!problem || !r.expectKind(*problem, "problem", Value::Kind::Object))
    return false;
  const Value *n = r.member(*problem, "problem", "n");
  const Value *k = r.member(*problem, "problem", "k");
  const Value *g = r.member(*problem, "problem", "group_size");
  const Value *mode = r.member(*problem, "problem", "mode");
  if (!n || !k || !g || !mode || !r.positive(*n, "problem.n", p.n) ||
      !r.positive(*k, "problem.k", p.k) ||
      !r.positive(*g, "problem.group_size", p.groupSize))
    return false;
  std::string modeName;
  if (!r.string(*mode, "problem.mode", modeName))
    return false;
  if (modeName == "xor")
    p.mode = DequantMode::Xor;
  else if (modeName == "offset")
    p.mode = DequantMode::Offset;
  else
    return r.fail("field 'problem.mode' must be \"xor\" or \"offset\", got \"" +
                  modeName + "\"");
  if (const Value *v = r.member(*problem, "problem", "m_max", false))
    if (!r.positive(*v, "problem.m_max", p.mMax))
      return false;
  if (const Value *v = r.member(*problem, "problem", "out_type", false))
    if (!r.string(*v, "problem.out_type", p.outType))
      return false;
  if (const Value *v = r.member(*problem, "problem", "weight_layout", false))
    if (!r.string(*v, "problem.weight_layout", p.weightLayout))
      return false;
  if (const Value *v =
          r.member(*problem, "problem", "group_param_layout", false))
    if (!r.string(*v, "problem.group_param_layout", p.groupParamLayout))
      return false;
  return true;
}

static bool readConfig(FieldReader &r, const Value &doc, ManifestConfig &c) {
  const Value *config = r.member(doc, "", "config", false);
  if (!config)
    return true;
  if (!r.expectKind(*config, "config", Value::Kind::Object))
    return false;
  std::pair<const char *, int64_t *> fields[] = {
      {"token_tile", &c.tokenTile},
      {"consumers", &c.consumers},
      {"stages", &c.stages},
      {"rows_per_cta", &c.rowsPerCta},
      {"k_per_stage", &c.kPerStage},
      {"cluster", &c.cluster}};
  for (auto &[key, out] : fields)
    if (const Value *v = r.member(*config, "config", key, false))
      if (!r.positive(*v, FieldReader::join("config", key), *out))
        return false;
  return true;
}

static bool readLaunch(FieldReader &r, const Value &doc, ManifestLaunch &l) {
  const Value *launch = r.member(doc, "", "launch");
  if (!launch || !r.expectKind(*launch, "launch", Value::Kind::Object))
    return false;
  const Value *block = r.member(*launch, "launch", "block");
  const Value *grid = r.member(*launch, "launch", "grid");
  const Value *smem = r.member(*launch, "launch", "dynamic_shared_memory");
  if (!block || !grid || !smem)
    return false;
  if (!r.dims3(*block, "launch.block", l.block))
    return false;
  if (!r.expectKind(*grid, "launch.grid", Value::Kind::Array))
    return false;
  if (grid->asArray().size() != 3)
    return r.fail("field 'launch.grid' must have 3 entries, got " +
                  std::to_string(grid->asArray().size()));
  for (size_t i = 0; i < 3; ++i)
    if (!r.size(grid->asArray()[i], FieldReader::index("launch.grid", i),
                l.grid[i], /*allowCeil=*/true))
      return false;
  if (const Value *cluster = r.member(*launch, "launch", "cluster", false))
    if (!r.dims3(*cluster, "launch.cluster", l.cluster))
      return false;
  if (const Value *tail = r.member(*launch, "launch", "tail_split", false)) {
    if (!r.expectKind(*tail, "launch.tail_split", Value::Kind::Object))
      return false;
    const Value *perTile =
        r.member(*tail, "launch.tail_split", "blocks_per_tile");
    const Value *perSM = r.member(*tail, "launch.tail_split", "blocks_per_sm");
    if (!perTile || !perSM ||
        !r.positive(*perTile, "launch.tail_split.blocks_per_tile",
                    l.tailBlocksPerTile) ||
        !r.positive(*perSM, "launch.tail_split.blocks_per_sm",
                    l.tailBlocksPerSM))
      return false;
  }
  if (const Value *streamK = r.member(*launch, "launch", "stream_k", false)) {
    if (!r.expectKind(*streamK, "launch.stream_k", Value::Kind::Object))
      return false;
    const Value *round =
        r.member(*streamK, "launch.stream_k", "blocks_per_round");
    const Value *kBlocks = r.member(*streamK, "launch.stream_k", "k_blocks");
    const Value *share =
        r.member(*streamK, "launch.stream_k", "min_share_k_blocks");
    if (!round || !kBlocks || !share ||
        !r.positive(*round, "launch.stream_k.blocks_per_round",
                    l.streamKRoundBlocks) ||
        !r.positive(*kBlocks, "launch.stream_k.k_blocks",
                    l.streamKTileKBlocks) ||
        !r.positive(*share, "launch.stream_k.min_share_k_blocks",
                    l.streamKMinShare))
      return false;
  }
  if (!r.integer(*smem, "launch.dynamic_shared_memory", l.dynamicSharedMemory))
    return false;
  if (l.dynamicSharedMemory < 0)
    return r.fail("field 'launch.dynamic_shared_memory' must be >= 0, got " +
                  std::to_string(l.dynamicSharedMemory));
  return true;
}

static bool readTensorMap(FieldReader &r, const Value &v,
                          const std::string &path, TensorMapSpec &t) {
  if (!r.expectKind(v, path, Value::Kind::Object))
    return false;
  const char *required[] = {"name", "operand", "dtype",
                            "dims", "strides", "box"};
  for (const char *key : required)
    if (!r.member(v, path, key))
      return false;
  std::string dtype, swizzle = "none", oobFill = "zero";
  if (!r.string(*v.find("name"), path + ".name", t.name) ||
      !r.string(*v.find("operand"), path + ".operand", t.operand) ||
      !r.string(*v.find("dtype"), path + ".dtype", dtype) ||
      !r.sizeArray(*v.find("dims"), path + ".dims", t.dims) ||
      !r.integerArray(*v.find("strides"), path + ".strides", t.strides) ||
      !r.integerArray(*v.find("box"), path + ".box", t.box))
    return false;
  bool knownDtype = false;
  for (TmaDtype d : {TmaDtype::U8, TmaDtype::U16, TmaDtype::U32, TmaDtype::U64,
                     TmaDtype::I32, TmaDtype::F16, TmaDtype::F32})
    if (dtype == tmaDtypeName(d)) {
      t.dtype = d;
      knownDtype = true;
    }
  if (!knownDtype)
    return r.fail("field '" + path +
                  ".dtype' is not a TMA element type (u8, "
                  "u16, u32, u64, i32, f16, f32): \"" +
                  dtype + "\"");
  if (const Value *s = r.member(v, path, "swizzle", false))
    if (!r.string(*s, path + ".swizzle", swizzle))
      return false;
  if (swizzle == "none")
    t.swizzle = TmaSwizzle::None;
  else if (swizzle == "32B")
    t.swizzle = TmaSwizzle::B32;
  else if (swizzle == "64B")
    t.swizzle = TmaSwizzle::B64;
  else if (swizzle == "128B")
    t.swizzle = TmaSwizzle::B128;
  else
    return r.fail("field '" + path +
                  ".swizzle' must be \"none\", \"32B\", "
                  "\"64B\" or \"128B\", got \"" +
                  swizzle + "\"");
  if (const Value *s = r.member(v, path, "oob_fill", false))
    if (!r.string(*s, path + ".oob_fill", oobFill))
      return false;
  if (oobFill == "zero")
    t.oobFill = TmaOobFill::Zero;
  else if (oobFill == "nan")
    t.oobFill = TmaOobFill::Nan;
  else
    return r.fail("field '" + path +
                  ".oob_fill' must be \"zero\" or \"nan\", "
                  "got \"" +
                  oobFill + "\"");
  return true;
}

static bool readParam(FieldReader &r, const Value &v, const std::string &path,
                      ParamSpec &p) {
  if (!r.expectKind(v, path, Value::Kind::Object))
    return false;
  const Value *name = r.member(v, path, "name");
  const Value *kind = r.member(v, path, "kind");
  std::string kindName;
  if (!name || !kind || !r.string(*name, path + ".name", p.name) ||
      !r.string(*kind, path + ".kind", kindName))
    return false;
  if (kindName == "tensor_map") {
    p.kind = ParamKind::TensorMap;
    const Value *ref = r.member(v, path, "tensor_map");
    return ref && r.string(*ref, path + ".tensor_map", p.ref);
  }
  if (kindName == "pointer") {
    p.kind = ParamKind::Pointer;
    const Value *ref = r.member(v, path, "operand");
    return ref && r.string(*ref, path + ".operand", p.ref);
  }
  if (kindName == "workspace") {
    p.kind = ParamKind::Workspace;
    return true;
  }
  if (kindName == "i32") {
    p.kind = ParamKind::I32;
    const Value *value = r.member(v, path, "value");
    if (!value)
      return false;
    if (value->isInteger()) {
      p.value = SizeExpr::constant(value->asInteger());
      return true;
    }
    return r.size(*value, path + ".value", p.value, /*allowCeil=*/false);
  }
  return r.fail("field '" + path +
                ".kind' must be \"tensor_map\", "
                "\"pointer\" or \"i32\", got \"" +
                kindName + "\"");
}

static bool readOperand(FieldReader &r, const std::string &name, const Value &v,
                        OperandSpec &op) {
  const std::string path = "operands." + name;
  op.name = name;
  if (!r.expectKind(v, path, Value::Kind::Object))
    return false;
  const Value *dtype = r.member(v, path, "dtype");
  const Value *shape = r.member(v, path, "shape");
  if (!dtype || !shape || !r.string(*dtype, path + ".dtype", op.dtype) ||
      !r.sizeArray(*shape, path + ".shape", op.shape))
    return false;
  static const std::pair<const char *, int64_t> sizes[] = {
      {"i8", 1},  {"u8", 1},  {"i16", 2}, {"u16", 2}, {"f16", 2}, {"bf16", 2},
      {"i32", 4}, {"u32", 4}, {"f32", 4}, {"i64", 8}, {"u64", 8}, {"f64", 8}};
  for (const auto &[dtypeName, bytes] : sizes)
    if (op.dtype == dtypeName)
      op.elementBytes = bytes;
  if (op.elementBytes == 0)
    return r.fail("field '" + path + ".dtype' is not an element type: \"" +
                  op.dtype + "\"");
  return true;
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

Expected<Manifest> liquid::runtime::parseManifestDocument(const Value &doc) {
  FieldReader r;
  Manifest m;
  if (!doc.isObject())
    return Status::error("manifest: the document must be a JSON object, got " +
                         std::string(Value::kindName(doc.kind())));
  const Value *schema = doc.find("schema");
  if (!schema)
    return Status::error("manifest: missing field 'schema'");
  if (!schema->isInteger() || schema->asInteger() != kManifestSchema)
    return Status::error(
        "manifest: unsupported schema " +
        (schema->isInteger()
             ? std::to_string(schema->asInteger())
             : std::string("(a ") + Value::kindName(schema->kind()) + ")") +
        "; this runtime reads schema " + std::to_string(kManifestSchema));
  m.schema = schema->asInteger();

  const Value *kernel = r.member(doc, "", "kernel");
  if (kernel && r.string(*kernel, "kernel", m.kernel) && m.kernel.empty())
    r.fail("field 'kernel' must not be empty");
  if (r.failed() || !readProblem(r, doc, m.problem) ||
      !readConfig(r, doc, m.config) || !readLaunch(r, doc, m.launch))
    return r.status();

  const Value *maps = r.member(doc, "", "tensor_maps");
  if (!maps || !r.expectKind(*maps, "tensor_maps", Value::Kind::Array))
    return r.status();
  m.tensorMaps.resize(maps->asArray().size());
  for (size_t i = 0; i < m.tensorMaps.size(); ++i)
    if (!readTensorMap(r, maps->asArray()[i],
                       FieldReader::index("tensor_maps", i), m.tensorMaps[i]))
      return r.status();

  const Value *params = r.member(doc, "", "params");
  if (!params || !r.expectKind(*params, "params", Value::Kind::Array))
    return r.status();
  m.params.resize(params->asArray().size());
  for (size_t i = 0; i < m.params.size(); ++i)
    if (!readParam(r, params->asArray()[i], FieldReader::index("params", i),
                   m.params[i]))
      return r.status();

  const Value *operands = r.member(doc, "", "operands");
  if (!operands || !r.expectKind(*operands, "operands", Value::Kind::Object))
    return r.status();
  for (const auto &[name, spec] : operands->asObject()) {
    m.operands.emplace_back();
    if (!readOperand(r, name, spec, m.operands.back()))
      return r.status();
  }

  if (const Value *ws = r.member(doc, "", "workspace", /*required=*/false)) {
    WorkspaceSpec &w = m.workspace;
    w.present = true;
    const Value *counter = r.member(*ws, "workspace", "counter_bytes_per_tile");
    const Value *alignment = r.member(*ws, "workspace", "alignment");
    const Value *partials =
        r.member(*ws, "workspace", "partial_bytes_per_tile");
    if (!counter || !alignment || !partials ||
        !r.positive(*counter, "workspace.counter_bytes_per_tile",
                    w.counterBytesPerTile) ||
        !r.positive(*alignment, "workspace.alignment", w.alignment) ||
        !r.positive(*partials, "workspace.partial_bytes_per_tile",
                    w.partialBytesPerTile))
      return r.status();
    if (const Value *records =
            r.member(*ws, "workspace", "records", /*required=*/false))
      if (!r.positive(*records, "workspace.records", w.records))
        return r.status();
  }

  m.document = doc;
  if (Status s = verifyManifest(m); !s.ok())
    return s;
  return m;
}

uint64_t WorkspaceSpec::bytes(uint64_t tiles) const {
  if (!present)
    return 0;
  // One record per tile: the counter padded to `alignment`, then the
  // partial sums.
  uint64_t a = static_cast<uint64_t>(alignment);
  uint64_t counter = (static_cast<uint64_t>(counterBytesPerTile) + a - 1) / a * a;
  uint64_t count = records > 0 ? static_cast<uint64_t>(records) : tiles;
  return count * (counter + static_cast<uint64_t>(partialBytesPerTile));
}

Expected<Manifest> liquid::runtime::parseManifest(std::string_view text) {
  Expected<Value> doc = json::parse(text);
  if (!doc)
    return Status::error("manifest: " + doc.message());
  return parseManifestDocument(*doc);
}

Expected<Manifest> liquid::runtime::readManifestFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::error("cannot open manifest '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  Expected<Manifest> m = parseManifest(text.str());
  if (!m)
    return Status::error(path + ": " + m.message());
  return m;
}
