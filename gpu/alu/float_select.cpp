// The floating-point side of the ALU selector (see alu_internal.h): routes each float instruction to
// the arithmetic, comparison or conversion selector.
#include "gpu/alu/alu_internal.h"
#include "gpu/alu/float_handlers.h"

namespace canopy::gpu::alu {

template <int W>
AluHandler<W> select_float_handler(const isa::Instr& in, std::string* why) {
  std::string local;
  std::string* reason = why ? why : &local;
  using isa::Opcode;
  if (in.op != Opcode::Cvt && is_half_type(in.op == Opcode::Set ? in.type2 : in.type))
    return select_half<W>(in, reason);
  switch (in.op) {
    case Opcode::Cvt:
      return select_cvt<W>(in, reason);
    case Opcode::Setp:
    case Opcode::Set:
    case Opcode::Min:
    case Opcode::Max:
    case Opcode::Abs:
    case Opcode::Neg:
    case Opcode::Copysign:
    case Opcode::Testp:
      return select_float_compare<W>(in, reason);
    case Opcode::Add:
    case Opcode::Sub:
    case Opcode::Mul:
    case Opcode::Mad:
    case Opcode::Fma:
    case Opcode::Div:
    case Opcode::Rcp:
    case Opcode::Sqrt:
    case Opcode::Rsqrt:
    case Opcode::Sin:
    case Opcode::Cos:
    case Opcode::Lg2:
    case Opcode::Ex2:
    case Opcode::Tanh:
      return select_float_arith<W>(in, reason);
    default:
      *reason = "not a floating-point instruction";
      return nullptr;
  }
}

template AluHandler<32> select_float_handler<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_float_handler<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
