// The boundary between the engine and the ALU: the engine resolves operands to lane rows and the
// ALU handler computes every active lane. Handlers are chosen once per instruction at load time
// (predecoding), so the hot path is one indirect call per warp instruction and a loop over lanes.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "isa/isa.h"

namespace canopy::gpu {

// Register conventions every handler keeps:
//  - a general register is a 64-bit slot per lane; a value narrower than 64 bits lives in the low
//    bits and the bits above it are zero (handlers write zero-extended results);
//  - a predicate register is one 64-bit lane mask per warp (bit i = lane i);
//  - only lanes set in `exec` may be written; other lanes' destinations keep their old values, and
//    computing an inactive lane must not trap the host (guard integer division, shifts, ...).
template <int W>
struct AluOperands {
  std::array<uint64_t*, 4> dst{};        // Reg: row of W lanes; Pred: the predicate's lane mask
  std::array<const uint64_t*, 4> src{};  // Reg/Imm: row of W lanes (immediates broadcast); Pred: mask
  uint64_t* carry = nullptr;             // the CC flag, one bit per lane (addc/subc/madc/.cc)
  uint64_t exec = 0;                     // lanes to execute, guard predicate already applied
};

template <int W>
using AluHandler = void (*)(const isa::Instr&, const AluOperands<W>&);

// True for opcodes the ALU executes (everything of Form::Alu except the ones that need warp or CTA
// context: s2r, bar, cvta, shfl, vote, activemask, warpsync).
bool is_alu_opcode(isa::Opcode op);

// The handler for an ALU instruction with its type and modifiers, or nullptr (and `why` filled) if
// that combination is not supported. Instantiated for W = 32 and W = 64.
template <int W>
AluHandler<W> select_alu_handler(const isa::Instr& instr, std::string* why);

}  // namespace canopy::gpu
