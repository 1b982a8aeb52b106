//===- ManifestExample.h - The example of docs/Manifest.md ------*- C++ -*-===//
//
// Part of the liquid project.
//
//===----------------------------------------------------------------------===//
//
// The manifest example of docs/Manifest.md, read from the document itself:
// the runtime must read what the format document shows.
//
//===----------------------------------------------------------------------===//

#ifndef LIQUID_UNITTESTS_RUNTIME_MANIFESTEXAMPLE_H
#define LIQUID_UNITTESTS_RUNTIME_MANIFESTEXAMPLE_H

#include <fstream>
#include <sstream>
#include <string>

namespace liquid::runtime::testing {

/// The first ```json block of docs/Manifest.md (empty if the document or the
/// block is missing, which the tests then report as a parse failure).
inline std::string manifestExample() {
  std::ifstream doc(LIQUID_SOURCE_DIR "/docs/Manifest.md");
  std::stringstream text;
  text << doc.rdbuf();
  std::string all = text.str();
  const std::string open = "```json\n";
  size_t begin = all.find(open);
  if (begin == std::string::npos)
    return "";
  begin += open.size();
  size_t end = all.find("```", begin);
  return end == std::string::npos ? "" : all.substr(begin, end - begin);
}

} // namespace liquid::runtime::testing

#endif // LIQUID_UNITTESTS_RUNTIME_MANIFESTEXAMPLE_H
