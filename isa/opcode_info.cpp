#include <array>
#include <cassert>

#include "isa/isa.h"

namespace canopy::isa {

namespace {
constexpr std::array<OpcodeInfo, static_cast<size_t>(Opcode::Count)> kOpcodeTable = {{
#define CANOPY_OP(name, mnemonic, unit, max_dst, max_src, form, summary) \
  {mnemonic, Unit::unit, max_dst, max_src, Form::form, summary},
#include "isa/opcodes.def"
#undef CANOPY_OP
}};
}  // namespace

const OpcodeInfo& info(Opcode op) {
  assert(op < Opcode::Count);
  return kOpcodeTable[static_cast<size_t>(op)];
}

}  // namespace canopy::isa
