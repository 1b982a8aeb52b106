//===- UpstreamParserGuard.cpp - Inputs MLIR 22.1's parser crashes on -----===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//

#include "liquid/Driver/UpstreamParserGuard.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using llvm::StringRef;

/// Skips spaces, tabs and line breaks.
static StringRef skipSpace(StringRef s) { return s.ltrim(" \t\r\n"); }

/// True if `s` starts with `[`, integers separated by commas, `]`.
static bool startsWithIntegerList(StringRef s) {
  if (!s.consume_front("["))
    return false;
  s = skipSpace(s);
  if (s.consume_front("]"))
    return true;
  while (true) {
    s.consume_front("-");
    size_t digits = s.find_if_not(llvm::isDigit);
    if (digits == 0)
      return false;
    s = skipSpace(s.drop_front(digits == StringRef::npos ? s.size() : digits));
    if (s.consume_front("]"))
      return true;
    if (!s.consume_front(","))
      return false;
    s = skipSpace(s);
  }
}

static bool isIdentifierChar(char c) {
  return llvm::isAlnum(c) || c == '_' || c == '.' || c == '$';
}

std::optional<std::string>
mlir::liquid::findUpstreamParserHazard(StringRef text) {
  // Blank the comments, keeping every offset.
  std::string code = text.str();
  for (size_t i = 0; i + 1 < code.size(); ++i) {
    if (code[i] != '/' || code[i + 1] != '/')
      continue;
    for (; i < code.size() && code[i] != '\n'; ++i)
      code[i] = ' ';
  }
  StringRef s(code);
  size_t first = StringRef::npos;
  StringRef firstKeyword;
  for (StringRef keyword : {"permutation", "dimensions"}) {
    for (size_t at = s.find(keyword); at != StringRef::npos && at < first;
         at = s.find(keyword, at + 1)) {
      size_t end = at + keyword.size();
      if ((at > 0 && isIdentifierChar(s[at - 1])) ||
          (end < s.size() && isIdentifierChar(s[end])))
        continue;
      StringRef rest = skipSpace(s.drop_front(end));
      if (!rest.consume_front("="))
        continue;
      rest = skipSpace(rest);
      if (rest.starts_with("array<") || startsWithIntegerList(rest))
        continue;
      first = at;
      firstKeyword = keyword;
    }
  }
  if (first != StringRef::npos) {
    StringRef before = s.take_front(first);
    size_t line = before.count('\n') + 1;
    size_t column = first - (before.rfind('\n') + 1) + 1;
    return std::to_string(line) + ":" + std::to_string(column) + ": '" +
           firstKeyword.str() +
           " =' must be followed by a list of integers such as [1, 0] "
           "(MLIR 22.1's linalg parsers crash on anything else)";
  }
  return std::nullopt;
}
