// PTX text -> ptx::Module. Accepts what clang's NVPTX back end and nvcc emit (PTX 6.x to 9.x): see
// ptx/README.md for the accepted language and how unusual operand forms are represented.
#pragma once

#include <string>
#include <string_view>

#include "ptx/ast.h"
#include "support/expected.h"

namespace canopy::ptx {

// Parses PTX text. On error returns an Error whose message is "source_name:line:col: message", pointing at
// the offending token. Never crashes or hangs on bad input; nesting deeper than kMaxNestingDepth is an error.
Expected<Module> parse(std::string_view text, std::string source_name);

inline constexpr int kMaxNestingDepth = 256;

}  // namespace canopy::ptx
