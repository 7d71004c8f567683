// An ALU instruction with only its opcode, type and operand counts set: the float and half handler tests
// fill in operands and modifiers themselves.
#pragma once

#include <cstdint>

#include "isa/isa.h"

namespace canopy::gpu::alu_test {

inline isa::Instr make(isa::Opcode op, isa::DataType type, int nsrc, int ndst = 1) {
  isa::Instr in;
  in.op = op;
  in.type = type;
  in.nsrc = static_cast<uint8_t>(nsrc);
  in.ndst = static_cast<uint8_t>(ndst);
  return in;
}

}  // namespace canopy::gpu::alu_test
