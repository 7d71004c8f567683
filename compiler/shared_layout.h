// Per-kernel static shared memory: which `.shared` variables each kernel reaches through its call graph,
// their offsets (one offset per variable, valid in every kernel that uses it), each kernel's
// `isa::Function::shared_bytes` and the offset of the dynamic (`.extern .shared`) array.
// The scheme is described in docs/finalizer.md ("Shared memory layout").
#pragma once

#include "compiler/symbols.h"
#include "isa/module.h"
#include "ptx/ast.h"
#include "support/expected.h"

namespace canopy::compiler {

// Sets Variable::offset of every `.shared` variable, Function::shared_bytes of every kernel and
// Module::shared_static_bytes. Needs the function table, the variables and the data relocations
// (an initializer that holds a shared variable's address makes it used by every kernel).
Status layout_shared(const ptx::Module& ptx, const ModuleSymbols& syms, isa::Module& out);

}  // namespace canopy::compiler
