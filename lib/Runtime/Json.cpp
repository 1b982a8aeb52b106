//===- Json.cpp - JSON values and the writer ------------------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/Json.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace liquid::runtime::json;

Value Value::makeArray(Array elements) {
  Value v;
  v.kind_ = Kind::Array;
  v.array = std::move(elements);
  return v;
}

Value Value::makeObject(Object members) {
  Value v;
  v.kind_ = Kind::Object;
  v.object = std::move(members);
  return v;
}

const Value *Value::find(std::string_view key) const {
  if (kind_ != Kind::Object)
    return nullptr;
  for (const auto &member : object)
    if (member.first == key)
      return &member.second;
  return nullptr;
}

Value *Value::find(std::string_view key) {
  return const_cast<Value *>(static_cast<const Value *>(this)->find(key));
}

void Value::set(std::string key, Value value) {
  assert(kind_ == Kind::Object && "set() on a non-object");
  if (Value *existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  object.emplace_back(std::move(key), std::move(value));
}

bool Value::erase(std::string_view key) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (it->first == key) {
      object.erase(it);
      return true;
    }
  return false;
}

void Value::push(Value value) {
  assert(kind_ == Kind::Array && "push() on a non-array");
  array.push_back(std::move(value));
}

const char *Value::kindName(Kind kind) {
  switch (kind) {
  case Kind::Null:
    return "null";
  case Kind::Bool:
    return "boolean";
  case Kind::Number:
    return "number";
  case Kind::String:
    return "string";
  case Kind::Array:
    return "array";
  case Kind::Object:
    return "object";
  }
  return "value";
}

/// The shortest "%.*g" rendering that reads back as the same double.
static std::string formatDouble(double d) {
  char buffer[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, d);
    if (std::strtod(buffer, nullptr) == d)
      break;
  }
  return buffer;
}

static void appendQuoted(std::string &out, const std::string &s) {
  out += '"';
  for (char c : s) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char escape[8];
        std::snprintf(escape, sizeof(escape), "\\u%04x", c);
        out += escape;
      } else {
        out += c;
      }
    }
  }
  out += '"';
}

void Value::dumpTo(std::string &out, int indent, int depth) const {
  auto newline = [&](int level) {
    if (indent <= 0)
      return;
    out += '\n';
    out.append(static_cast<size_t>(indent * level), ' ');
  };
  switch (kind_) {
  case Kind::Null:
    out += "null";
    return;
  case Kind::Bool:
    out += boolean ? "true" : "false";
    return;
  case Kind::Number:
    if (integral)
      out += std::to_string(integer);
    else if (!std::isfinite(number))
      out += "null";
    else
      out += formatDouble(number);
    return;
  case Kind::String:
    appendQuoted(out, string);
    return;
  case Kind::Array: {
    bool flat = true;
    for (const Value &e : array)
      flat &= !e.isArray() && !e.isObject();
    out += '[';
    for (size_t i = 0; i < array.size(); ++i) {
      if (i)
        out += flat || indent <= 0 ? ", " : ",";
      if (!flat)
        newline(depth + 1);
      array[i].dumpTo(out, indent, depth + 1);
    }
    if (!flat && !array.empty())
      newline(depth);
    out += ']';
    return;
  }
  case Kind::Object:
    out += '{';
    for (size_t i = 0; i < object.size(); ++i) {
      if (i)
        out += indent <= 0 ? ", " : ",";
      newline(depth + 1);
      appendQuoted(out, object[i].first);
      out += ": ";
      object[i].second.dumpTo(out, indent, depth + 1);
    }
    if (!object.empty())
      newline(depth);
    out += '}';
    return;
  }
}

std::string Value::dump(int indent) const {
  std::string out;
  dumpTo(out, indent, 0);
  return out;
}
