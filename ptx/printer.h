// ptx::Module -> PTX text. parse(print(m)) gives a module equal to m apart from source positions.
#pragma once

#include <string>

#include "ptx/ast.h"

namespace canopy::ptx {

// Re-emits PTX text for a module: module directives and `.file`s, then globals and functions (declarations
// included) interleaved in source order, then `.alias`es. Debug locations come back as `.loc` directives.
std::string print(const Module& module);

}  // namespace canopy::ptx
