// The integer side's selector: which instructions are ours, and the group that picks each handler.
#include "gpu/alu/alu_internal.h"
#include "gpu/alu/int_handlers.h"

namespace canopy::gpu::alu {

namespace {

enum class Group { NotOurs, Arith, Carry, Bits, Move, Compare };

Group group_of(const isa::Instr& instr) {
  using isa::Opcode;
  // Opcodes shared with the float side are ours only for non-float types.
  bool float_type = isa::is_float(instr.type);
  switch (instr.op) {
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::Mul:
    case Opcode::Mad:
      if (float_type) return Group::NotOurs;
      return instr.mods.carry_in || instr.mods.carry_out ? Group::Carry : Group::Arith;
    case Opcode::Div:
    case Opcode::Abs:
    case Opcode::Neg:
    case Opcode::Min:
    case Opcode::Max:
      return float_type ? Group::NotOurs : Group::Arith;
    case Opcode::Mul24:
    case Opcode::Mad24:
    case Opcode::Sad:
    case Opcode::Rem:
      return Group::Arith;
    case Opcode::AddC:
    case Opcode::SubC:
    case Opcode::MadC:
      return Group::Carry;
    case Opcode::Popc:
    case Opcode::Clz:
    case Opcode::Bfind:
    case Opcode::Brev:
    case Opcode::Bfe:
    case Opcode::Bfi:
    case Opcode::Fns:
    case Opcode::And:
    case Opcode::Or:
    case Opcode::Xor:
    case Opcode::Not:
    case Opcode::Cnot:
    case Opcode::Lop3:
    case Opcode::Shl:
    case Opcode::Shr:
    case Opcode::Shf:
    case Opcode::Prmt:
    case Opcode::Dp4a:
    case Opcode::Dp2a:
      return Group::Bits;
    case Opcode::Mov:
    case Opcode::Pack:
    case Opcode::Unpack:
    case Opcode::Selp:
    case Opcode::Slct:
      return Group::Move;
    case Opcode::Setp:  // setp's compared type is `type`
      return float_type ? Group::NotOurs : Group::Compare;
    case Opcode::Set:  // set's compared type is `type2`; `type` is the result type
      return isa::is_float(instr.type2) ? Group::NotOurs : Group::Compare;
    default:
      return Group::NotOurs;
  }
}

}  // namespace

template <int W>
AluHandler<W> select_integer_handler(const isa::Instr& instr, std::string* why) {
  switch (group_of(instr)) {
    case Group::Arith:
      return select_int_arith<W>(instr, why);
    case Group::Carry:
      return select_int_carry<W>(instr, why);
    case Group::Bits:
      return select_int_bits<W>(instr, why);
    case Group::Move:
      return select_int_move<W>(instr, why);
    case Group::Compare:
      return select_int_compare<W>(instr, why);
    case Group::NotOurs:
      break;
  }
  return nullptr;
}

template AluHandler<32> select_integer_handler<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_integer_handler<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
