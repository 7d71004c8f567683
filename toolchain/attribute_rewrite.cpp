#include "toolchain/attribute_rewrite.h"

#include <regex>

namespace canopy::toolchain {

std::optional<std::string> move_alignas_first(const std::string& source) {
  if (source.find("alignas") == std::string::npos) return std::nullopt;
  // Storage keywords (with static/extern/volatile/const among them), then alignas( expression with at
  // most one level of parentheses ).
  static const std::regex pattern(
      R"(((?:\b(?:static|extern|volatile|const)\s+)*\b(?:__shared__|__device__|__constant__|__managed__)\b(?:\s+(?:__shared__|__device__|__constant__|__managed__|static|volatile|const)\b)*)(\s+)(alignas\s*\((?:[^()]|\([^()]*\))*\)))");
  std::string out;
  out.reserve(source.size());
  auto last = source.cbegin();
  bool changed = false;
  for (std::sregex_iterator it(source.cbegin(), source.cend(), pattern), end; it != end; ++it) {
    const std::smatch& m = *it;
    out.append(last, m[0].first);
    out += m[3].str() + " " + m[1].str();
    // Keep the line count: the whitespace between them may hold line breaks.
    for (char c : m[2].str())
      if (c == '\n') out += '\n';
    if (m[2].str().find('\n') == std::string::npos) out += ' ';
    last = m[0].second;
    changed = true;
  }
  if (!changed) return std::nullopt;
  out.append(last, source.cend());
  return out;
}

}  // namespace canopy::toolchain
