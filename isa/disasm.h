// Human-readable text of native instructions, functions and modules, in a PTX-like syntax:
//   "@!P0 add.s32 R3, R1, 0x4"   "ld.global.v4.f32 {R4, R5, R6, R7}, [R2+0x10]"
//   "bra 0x12 (reconverge 0x20)"  "s2r.u32 R0, %tid.x"  "ld.local.u32 R1, [frame+0x8]"
// Modifiers come as mnemonic.<opcode modes>.<rounding>.<flags>.<other non-default modes>.<type>.<type2>.
// The syntax is described in docs/isa.md.
#pragma once

#include <string>

#include "isa/isa.h"
#include "isa/module.h"

namespace canopy::isa {

// One instruction; branch and call targets are printed as hex indices.
std::string disassemble(const Instr& in);

// A listing of one function of `m`: index column, labels at branch targets, branch targets by label,
// call targets by name, relocated immediates and PTX lines in trailing comments.
std::string disassemble(const Function& f, const Module& m);

// A module header (source, target, memory sizes, source files), its variables and every function.
std::string disassemble(const Module& m);

}  // namespace canopy::isa
