// Positions in PTX text, kept from lexer to native line tables so every error and profile can point at source.
#pragma once

#include <cstdint>
#include <string>

namespace canopy {

struct SourceLoc {
  uint32_t line = 0;    // 1-based; 0 = unknown
  uint32_t column = 0;  // 1-based; 0 = unknown
};

// "file:line:col: message", the format compilers use and editors understand.
inline std::string format_diagnostic(const std::string& file, SourceLoc loc, const std::string& message) {
  return file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column) + ": " + message;
}

}  // namespace canopy
