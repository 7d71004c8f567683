#include "gpu/alu/alu_internal.h"

namespace canopy::gpu {

bool is_alu_opcode(isa::Opcode op) {
  using isa::Opcode;
  switch (op) {
    case Opcode::S2R: case Opcode::Bar: case Opcode::Cvta: case Opcode::Shfl: case Opcode::Vote:
    case Opcode::Activemask: case Opcode::WarpSync: case Opcode::Match: case Opcode::Redux:
    case Opcode::Mma: case Opcode::MbarPending:
      return false;
    default:
      return isa::info(op).form == isa::Form::Alu;
  }
}

template <int W>
AluHandler<W> select_alu_handler(const isa::Instr& instr, std::string* why) {
  if (!is_alu_opcode(instr.op)) {
    if (why) *why = "not an ALU instruction";
    return nullptr;
  }
  std::string reason;
  if (auto h = alu::select_integer_handler<W>(instr, &reason)) return h;
  if (reason.empty()) {
    if (auto h = alu::select_float_handler<W>(instr, &reason)) return h;
  }
  if (why) *why = reason.empty() ? "unsupported type or modifier combination" : reason;
  return nullptr;
}

template AluHandler<32> select_alu_handler<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_alu_handler<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu
