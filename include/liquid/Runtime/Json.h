//===- Json.h - A minimal JSON value, reader and writer ---------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// Just enough JSON for kernel manifests (docs/Manifest.md) and benchmark
// reports: objects (key order preserved), arrays, strings, numbers, booleans
// and null. GPU machines that run the MLIR-free build have no JSON library,
// so the runtime carries its own.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_RUNTIME_JSON_H
#define LIQUID_RUNTIME_JSON_H

#include "liquid/Runtime/Status.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace liquid::runtime::json {

/// One JSON value. Numbers written without fraction or exponent that fit an
/// int64 keep their exact integer value; all numbers are also held as double.
class Value {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };
  using Array = std::vector<Value>;
  using Object = std::vector<std::pair<std::string, Value>>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : kind_(Kind::Bool), boolean(b) {}
  Value(double d) : kind_(Kind::Number), number(d) {}
  template <typename I,
            std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>,
                             int> = 0>
  Value(I i) : kind_(Kind::Number), number(static_cast<double>(i)) {
    if (std::is_signed_v<I> || static_cast<uint64_t>(i) <= INT64_MAX) {
      integral = true;
      integer = static_cast<int64_t>(i);
    }
  }
  Value(std::string s) : kind_(Kind::String), string(std::move(s)) {}
  Value(const char *s) : kind_(Kind::String), string(s) {}

  static Value makeArray(Array elements = {});
  static Value makeObject(Object members = {});

  Kind kind() const { return kind_; }
  bool isNull() const { return kind_ == Kind::Null; }
  bool isBool() const { return kind_ == Kind::Bool; }
  bool isNumber() const { return kind_ == Kind::Number; }
  /// A number with an exact int64 value.
  bool isInteger() const { return kind_ == Kind::Number && integral; }
  bool isString() const { return kind_ == Kind::String; }
  bool isArray() const { return kind_ == Kind::Array; }
  bool isObject() const { return kind_ == Kind::Object; }

  bool asBool() const { return boolean; }
  double asNumber() const { return number; }
  int64_t asInteger() const { return integer; }
  const std::string &asString() const { return string; }
  const Array &asArray() const { return array; }
  Array &asArray() { return array; }
  const Object &asObject() const { return object; }
  Object &asObject() { return object; }

  /// The member `key` of an object, or null when absent (or not an object).
  const Value *find(std::string_view key) const;
  Value *find(std::string_view key);
  /// Replaces member `key` of an object, or appends it.
  void set(std::string key, Value value);
  /// Removes member `key` of an object; false if there was none.
  bool erase(std::string_view key);
  /// Appends to an array.
  void push(Value value);

  /// Serializes with `indent` spaces per level; arrays of scalars stay on one
  /// line. Non-finite numbers are written as null.
  std::string dump(int indent = 2) const;

  /// A short name of the kind ("object", "string", ...) for messages.
  static const char *kindName(Kind kind);

private:
  void dumpTo(std::string &out, int indent, int depth) const;

  Kind kind_ = Kind::Null;
  bool boolean = false;
  bool integral = false;
  double number = 0;
  int64_t integer = 0;
  std::string string;
  Array array;
  Object object;
};

/// Parses one JSON document (RFC 8259; surrounding whitespace allowed).
/// Errors give the line and column.
Expected<Value> parse(std::string_view text);

} // namespace liquid::runtime::json

#endif // LIQUID_RUNTIME_JSON_H
