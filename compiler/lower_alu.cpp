// Arithmetic, logic, bit manipulation and floating-point instructions: one destination, N sources.
#include <string_view>

#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

struct AluOp {
  std::string_view name;
  Opcode op;
  uint8_t nsrc;
};

constexpr AluOp kAluOps[] = {
    {"add", Opcode::Add, 2},     {"sub", Opcode::Sub, 2},     {"mul", Opcode::Mul, 2},
    {"mad", Opcode::Mad, 3},     {"mul24", Opcode::Mul24, 2}, {"mad24", Opcode::Mad24, 3},
    {"sad", Opcode::Sad, 3},     {"div", Opcode::Div, 2},     {"rem", Opcode::Rem, 2},
    {"abs", Opcode::Abs, 1},     {"neg", Opcode::Neg, 1},     {"min", Opcode::Min, 2},
    {"max", Opcode::Max, 2},     {"addc", Opcode::AddC, 2},   {"subc", Opcode::SubC, 2},
    {"madc", Opcode::MadC, 3},   {"popc", Opcode::Popc, 1},   {"clz", Opcode::Clz, 1},
    {"bfind", Opcode::Bfind, 1}, {"brev", Opcode::Brev, 1},   {"bfe", Opcode::Bfe, 3},
    {"bfi", Opcode::Bfi, 4},     {"fns", Opcode::Fns, 3},     {"and", Opcode::And, 2},
    {"or", Opcode::Or, 2},       {"xor", Opcode::Xor, 2},     {"not", Opcode::Not, 1},
    {"cnot", Opcode::Cnot, 1},   {"lop3", Opcode::Lop3, 4},   {"shl", Opcode::Shl, 2},
    {"shr", Opcode::Shr, 2},     {"shf", Opcode::Shf, 3},     {"prmt", Opcode::Prmt, 3},
    {"dp4a", Opcode::Dp4a, 3},   {"dp2a", Opcode::Dp2a, 3},   {"fma", Opcode::Fma, 3},
    {"rcp", Opcode::Rcp, 1},     {"sqrt", Opcode::Sqrt, 1},   {"rsqrt", Opcode::Rsqrt, 1},
    {"sin", Opcode::Sin, 1},     {"cos", Opcode::Cos, 1},     {"lg2", Opcode::Lg2, 1},
    {"ex2", Opcode::Ex2, 1},     {"tanh", Opcode::Tanh, 1},   {"copysign", Opcode::Copysign, 2},
};

DataType widened(DataType t) {
  switch (t) {
    case DataType::U16:
      return DataType::U32;
    case DataType::S16:
      return DataType::S32;
    case DataType::U32:
      return DataType::U64;
    case DataType::S32:
      return DataType::S64;
    default:
      return DataType::None;
  }
}

// The type an immediate in source `i` is read as.
DataType source_type(const isa::Instr& in, unsigned i) {
  switch (in.op) {
    case Opcode::Shl:
    case Opcode::Shr:
      return i == 1 ? DataType::U32 : in.type;
    case Opcode::Shf:
      return i == 2 ? DataType::U32 : in.type;
    case Opcode::Bfe:
      return i >= 1 ? DataType::U32 : in.type;
    case Opcode::Bfi:
      return i >= 2 ? DataType::U32 : in.type;
    case Opcode::Lop3:
      return DataType::B32;
    case Opcode::Prmt:
      return DataType::B32;
    case Opcode::Fns:
      return i == 2 ? DataType::S32 : DataType::U32;
    case Opcode::Dp4a:
    case Opcode::Dp2a:
      if (i == 0) return in.type;
      if (i == 1) return in.type2;
      return (isa::is_signed(in.type) || isa::is_signed(in.type2)) ? DataType::S32 : DataType::U32;
    case Opcode::Mul:
    case Opcode::Mad:
      if (in.mods.mul == isa::MulMode::Wide) return i < 2 ? in.type2 : in.type;
      return in.type;
    default:
      return in.type;
  }
}

}  // namespace

bool lower_alu(Lowerer& L, const ptx::Instruction& inst) {
  const AluOp* spec = nullptr;
  for (const AluOp& a : kAluOps)
    if (inst.opcode == a.name) spec = &a;
  if (!spec) return false;
  ParsedMods m = parse_modifiers(inst.modifiers);
  Opcode op = spec->op;
  isa::Mods mods;
  DataType type = DataType::None, type2 = DataType::None;
  if (op == Opcode::Dp4a || op == Opcode::Dp2a) {
    if (m.types.size() != 2) {
      L.fail("'" + inst.opcode + "' needs two types (a and b)");
      return true;
    }
    type = m.types[0];
    type2 = m.types[1];
  } else {
    type = L.single_type(m);
  }
  if (L.failed()) return true;

  mods.ftz = m.take("ftz");
  mods.sat = m.take("sat");
  mods.approx = m.take("approx");
  mods.full = m.take("full");
  mods.nan = m.take("NaN");
  const bool relu = op == Opcode::Fma && m.take("relu");
  if (m.rnd) mods.rnd = *m.rnd;
  const bool cc = m.take("cc");
  if (op == Opcode::AddC || op == Opcode::SubC || op == Opcode::MadC) mods.carry_in = true;
  if (cc) {
    mods.carry_out = true;
    if (op == Opcode::Add)
      op = Opcode::AddC;
    else if (op == Opcode::Sub)
      op = Opcode::SubC;
    else if (op == Opcode::Mad)
      op = Opcode::MadC;
    else if (op != Opcode::AddC && op != Opcode::SubC && op != Opcode::MadC) {
      L.fail("'.cc' is not allowed on '" + inst.opcode + "'");
      return true;
    }
  }
  if (op == Opcode::Mul || op == Opcode::Mad || op == Opcode::MadC || op == Opcode::Mul24 ||
      op == Opcode::Mad24 || op == Opcode::Dp2a) {
    int mode = m.take_any({"lo", "hi", "wide"});
    if (mode == 2 && op != Opcode::Mul && op != Opcode::Mad) {
      L.fail("'.wide' is not allowed on '" + inst.opcode + "'");
      return true;
    }
    if (mode >= 0) mods.mul = static_cast<isa::MulMode>(mode);
    if (mode == 2) {
      type2 = type;
      type = widened(type);
      if (type == DataType::None) {
        L.fail("'.wide' needs a 16- or 32-bit integer type");
        return true;
      }
    }
  }
  if (op == Opcode::Bfind) mods.shiftamt = m.take("shiftamt");
  if (op == Opcode::Shf) {
    int dir = m.take_any({"l", "r"});
    int mode = m.take_any({"clamp", "wrap"});
    if (dir < 0 || mode < 0) {
      L.fail("'shf' needs .l/.r and .clamp/.wrap");
      return true;
    }
    mods.shf_left = dir == 0;
    mods.shf_clamp = mode == 0;
  }
  if (op == Opcode::Prmt) {
    int mode = m.take_any({"f4e", "b4e", "rc8", "ecl", "ecr", "rc16"});
    if (mode >= 0) mods.prmt = static_cast<isa::PrmtMode>(mode + 1);
  }
  if (!L.check_leftover(m)) return true;
  if (!L.expect_operands(1 + spec->nsrc)) return true;

  // Sources first (they may emit s2r / address code), then the instruction itself.
  isa::Instr proto;
  proto.op = op;
  proto.type = type;
  proto.type2 = type2;
  proto.mods = mods;
  std::array<isa::Operand, 4> srcs{};
  for (unsigned i = 0; i < spec->nsrc; ++i) srcs[i] = L.src(inst.operands[1 + i], source_type(proto, i));
  const bool counts = op == Opcode::Popc || op == Opcode::Clz || op == Opcode::Bfind;
  isa::Operand d = L.dst(inst.operands[0], counts ? DataType::U32 : type);
  if (L.failed()) return true;
  size_t i = L.emit(op, type);
  isa::Instr& in = L.at(i);
  in.type2 = type2;
  in.mods = mods;
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = spec->nsrc;
  in.src = srcs;
  emit_half_clamps(L, type, d, relu, false);
  return true;
}

}  // namespace canopy::compiler
