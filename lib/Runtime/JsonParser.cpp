//===- JsonParser.cpp - A minimal JSON reader -----------------------------===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// A recursive-descent reader for RFC 8259 JSON. It keeps the position of the
// first error so that a broken manifest is reported by line and column.
//
//===----------------------------------------------------------------------===//

#include "liquid/Runtime/Json.h"

#include <cerrno>
#include <cstdlib>
#include <limits>

using namespace liquid::runtime;
using namespace liquid::runtime::json;

namespace {

/// Nesting deeper than this is refused rather than risking the stack.
constexpr int kMaxDepth = 256;

class Parser {
public:
  explicit Parser(std::string_view text) : text(text) {}

  Expected<Value> parseDocument() {
    Value value;
    skipSpace();
    if (!parseValue(value, 0))
      return failure();
    skipSpace();
    if (pos != text.size()) {
      fail("unexpected text after the JSON value");
      return failure();
    }
    return value;
  }

private:
  bool fail(std::string what) {
    if (errorMessage.empty()) {
      errorMessage = std::move(what);
      errorPos = pos;
    }
    return false;
  }

  Status failure() const {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < errorPos && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return Status::error("JSON error at line " + std::to_string(line) +
                         ", column " + std::to_string(column) + ": " +
                         errorMessage);
  }

  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }

  void skipSpace() {
    while (!atEnd() && (text[pos] == ' ' || text[pos] == '\t' ||
                        text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }

  bool consumeWord(std::string_view word) {
    if (text.substr(pos, word.size()) != word)
      return fail("invalid literal");
    pos += word.size();
    return true;
  }

  bool parseValue(Value &out, int depth) {
    if (depth > kMaxDepth)
      return fail("nesting deeper than " + std::to_string(kMaxDepth));
    switch (peek()) {
    case '{':
      return parseObject(out, depth);
    case '[':
      return parseArray(out, depth);
    case '"': {
      std::string s;
      if (!parseString(s))
        return false;
      out = Value(std::move(s));
      return true;
    }
    case 't':
      out = Value(true);
      return consumeWord("true");
    case 'f':
      out = Value(false);
      return consumeWord("false");
    case 'n':
      out = Value();
      return consumeWord("null");
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
        return parseNumber(out);
      return fail(atEnd() ? "unexpected end of input" : "expected a value");
    }
  }

  bool parseObject(Value &out, int depth) {
    out = Value::makeObject();
    ++pos; // '{'
    skipSpace();
    if (peek() == '}') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      if (peek() != '"')
        return fail("expected a string key");
      std::string key;
      if (!parseString(key))
        return false;
      skipSpace();
      if (peek() != ':')
        return fail("expected ':' after an object key");
      ++pos;
      skipSpace();
      Value member;
      if (!parseValue(member, depth + 1))
        return false;
      if (out.find(key))
        return fail("duplicate key '" + key + "'");
      out.set(std::move(key), std::move(member));
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == '}') {
        ++pos;
        return true;
      }
      return fail("expected ',' or '}' in an object");
    }
  }

  bool parseArray(Value &out, int depth) {
    out = Value::makeArray();
    ++pos; // '['
    skipSpace();
    if (peek() == ']') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      Value element;
      if (!parseValue(element, depth + 1))
        return false;
      out.push(std::move(element));
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == ']') {
        ++pos;
        return true;
      }
      return fail("expected ',' or ']' in an array");
    }
  }

  bool parseHex4(uint32_t &code) {
    if (pos + 4 > text.size())
      return fail("truncated \\u escape");
    code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[pos++];
      code <<= 4;
      if (c >= '0' && c <= '9')
        code |= c - '0';
      else if (c >= 'a' && c <= 'f')
        code |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        code |= c - 'A' + 10;
      else
        return fail("invalid hex digit in \\u escape");
    }
    return true;
  }

  static void appendUtf8(std::string &out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool parseString(std::string &out) {
    ++pos; // opening quote
    while (true) {
      if (atEnd())
        return fail("unterminated string");
      char c = text[pos++];
      if (c == '"')
        return true;
      if (static_cast<unsigned char>(c) < 0x20)
        return fail("control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (atEnd())
        return fail("unterminated string");
      char e = text[pos++];
      switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t cp;
        if (!parseHex4(cp))
          return false;
        if (cp >= 0xD800 && cp < 0xDC00) {
          uint32_t low;
          if (text.substr(pos, 2) != "\\u")
            return fail("unpaired UTF-16 surrogate");
          pos += 2;
          if (!parseHex4(low))
            return false;
          if (low < 0xDC00 || low >= 0xE000)
            return fail("unpaired UTF-16 surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp < 0xE000) {
          return fail("unpaired UTF-16 surrogate");
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        --pos;
        return fail("invalid escape in a string");
      }
    }
  }

  bool parseNumber(Value &out) {
    size_t start = pos;
    auto digits = [&] {
      size_t first = pos;
      while (!atEnd() && text[pos] >= '0' && text[pos] <= '9')
        ++pos;
      return pos - first;
    };
    if (peek() == '-')
      ++pos;
    if (peek() == '0') {
      ++pos;
    } else if (digits() == 0) {
      return fail("expected digits in a number");
    }
    bool integral = true;
    if (peek() == '.') {
      integral = false;
      ++pos;
      if (digits() == 0)
        return fail("expected digits after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos;
      if (peek() == '+' || peek() == '-')
        ++pos;
      if (digits() == 0)
        return fail("expected digits in an exponent");
    }
    std::string literal(text.substr(start, pos - start));
    if (integral) {
      errno = 0;
      long long i = std::strtoll(literal.c_str(), nullptr, 10);
      if (errno == 0) {
        out = Value(static_cast<int64_t>(i));
        return true;
      }
    }
    out = Value(std::strtod(literal.c_str(), nullptr));
    return true;
  }

  std::string_view text;
  size_t pos = 0;
  std::string errorMessage;
  size_t errorPos = 0;
};

} // namespace

Expected<Value> liquid::runtime::json::parse(std::string_view text) {
  return Parser(text).parseDocument();
}
