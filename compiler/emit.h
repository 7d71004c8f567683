// Final emission of an allocated function: labels become instruction indices, conditional branches
// get their reconvergence point (immediate post-dominator), call-frame offsets and relocations are
// resolved.
#pragma once

#include <cstdint>

#include "compiler/regalloc.h"
#include "compiler/symbols.h"
#include "compiler/vcode.h"
#include "isa/module.h"

namespace canopy::compiler {

// Before apply_assignment: removes copies that the allocation turned into copies of a register onto
// itself, and branches to the very next instruction.
void remove_trivial_instructions(VFunction& fn, const Assignment& a);

// Fills out.functions[index] (already named by build_symbols) and appends code relocations.
void emit_function(VFunction& fn, const FuncSig& sig, uint32_t index, const Assignment& a, isa::Module& out);

}  // namespace canopy::compiler
