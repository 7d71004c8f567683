// ptx::Module -> PTX text. parse(print(m)) gives a module equal to m apart from source positions.
#pragma once

#include <string>

#include "ptx/ast.h"

namespace canopy::ptx {

// Re-emits PTX text for a module: module directives, then globals, then functions (declarations
// included), in their module order. Debug locations come back as `.loc` directives.
std::string print(const Module& module);

}  // namespace canopy::ptx
