// Comparisons and selections: setp (with `p|q` and a combining predicate), set, selp, slct, testp.
#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

bool take_cmp(Lowerer& L, ParsedMods& m, isa::Mods& mods) {
  int c = m.take_any({"eq", "ne", "lt", "le", "gt", "ge", "lo", "ls", "hi", "hs", "equ", "neu", "ltu", "leu",
                      "gtu", "geu", "num", "nan"});
  if (c < 0) {
    L.fail("'" + L.cur().opcode + "' needs a comparison operator");
    return false;
  }
  mods.cmp = static_cast<isa::CmpOp>(c);
  int b = m.take_any({"and", "or", "xor"});
  if (b >= 0) mods.boolop = static_cast<isa::BoolOp>(b + 1);
  mods.ftz = m.take("ftz");
  return true;
}

void lower_setp(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  isa::Mods mods;
  if (!take_cmp(L, m, mods)) return;
  DataType type = L.single_type(m);
  if (!L.check_leftover(m)) return;
  const bool combine = mods.boolop != isa::BoolOp::None;
  // `setp p|q, a, b` arrives as two destination operands.
  const size_t base = combine ? 4 : 3;
  if (!L.expect_operands(base, base + 1)) return;
  const bool two = inst.operands.size() == base + 1;
  const size_t a = two ? 2 : 1;
  isa::Operand sa = L.src(inst.operands[a], type), sb = L.src(inst.operands[a + 1], type), sc;
  if (combine) sc = L.pred_src(inst.operands[a + 2]);
  isa::Operand p = L.pred_dst(inst.operands[0]), q;
  if (two) q = L.pred_dst(inst.operands[1]);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Setp, type);
  isa::Instr& in = L.at(i);
  in.mods = mods;
  in.ndst = two ? 2 : 1;
  in.dst[0] = p;
  in.dst[1] = q;
  in.nsrc = combine ? 3 : 2;
  in.src[0] = sa;
  in.src[1] = sb;
  in.src[2] = sc;
}

void lower_set(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  isa::Mods mods;
  if (!take_cmp(L, m, mods)) return;
  if (m.types.size() != 2) return L.fail("'set' needs a destination and a compared type");
  if (!L.check_leftover(m)) return;
  const bool combine = mods.boolop != isa::BoolOp::None;
  if (!L.expect_operands(combine ? 4 : 3)) return;
  const DataType dtype = m.types[0], ctype = m.types[1];
  isa::Operand sa = L.src(inst.operands[1], ctype), sb = L.src(inst.operands[2], ctype), sc;
  if (combine) sc = L.pred_src(inst.operands[3]);
  isa::Operand d = L.dst(inst.operands[0], dtype);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Set, dtype);
  isa::Instr& in = L.at(i);
  in.type2 = ctype;
  in.mods = mods;
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = combine ? 3 : 2;
  in.src[0] = sa;
  in.src[1] = sb;
  in.src[2] = sc;
}

// selp.T d, a, b, p  and  slct.T.C d, a, b, c
void lower_select(Lowerer& L, const ptx::Instruction& inst, bool is_slct) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  isa::Mods mods;
  DataType type, ctype = DataType::None;
  if (is_slct) {
    mods.ftz = m.take("ftz");
    if (m.types.size() != 2) return L.fail("'slct' needs a value type and a selector type");
    type = m.types[0];
    ctype = m.types[1];
  } else {
    type = L.single_type(m);
  }
  if (!L.check_leftover(m) || !L.expect_operands(4)) return;
  isa::Operand a = L.src(inst.operands[1], type), b = L.src(inst.operands[2], type);
  isa::Operand c = is_slct ? L.src(inst.operands[3], ctype) : L.pred_src(inst.operands[3]);
  isa::Operand d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  size_t i = L.emit(is_slct ? Opcode::Slct : Opcode::Selp, type);
  isa::Instr& in = L.at(i);
  in.type2 = ctype;
  in.mods = mods;
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 3;
  in.src[0] = a;
  in.src[1] = b;
  in.src[2] = c;
}

void lower_testp(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  isa::Mods mods;
  int cls = m.take_any({"finite", "infinite", "number", "notanumber", "normal", "subnormal"});
  if (cls < 0)
    return L.fail("'testp' needs a class (.finite, .infinite, .number, .notanumber, .normal, .subnormal)");
  mods.testp = static_cast<isa::TestClass>(cls);
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  isa::Operand a = L.src(inst.operands[1], type);
  isa::Operand p = L.pred_dst(inst.operands[0]);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Testp, type);
  isa::Instr& in = L.at(i);
  in.mods = mods;
  in.ndst = 1;
  in.dst[0] = p;
  in.nsrc = 1;
  in.src[0] = a;
}

}  // namespace

bool lower_compare(Lowerer& L, const ptx::Instruction& inst) {
  if (inst.opcode == "setp")
    lower_setp(L, inst);
  else if (inst.opcode == "set")
    lower_set(L, inst);
  else if (inst.opcode == "selp")
    lower_select(L, inst, false);
  else if (inst.opcode == "slct")
    lower_select(L, inst, true);
  else if (inst.opcode == "testp")
    lower_testp(L, inst);
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
