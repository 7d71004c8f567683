// Memory instructions: ld/ldu/st (scalar and .v2/.v4), atom, red, cvta, prefetch.
#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

void copy_memory_mods(const ParsedMods& m, isa::Mods& mods) {
  mods.cache = m.cache;
  if (m.order) mods.order = *m.order;
  if (m.scope) mods.scope = *m.scope;
  mods.vec = m.vec;
}

// The elements a ld/st names: one operand, or the elements of a {a, b, ...} vector.
std::vector<const ptx::Operand*> elements(Lowerer& L, const ptx::Operand& o, unsigned vec) {
  std::vector<const ptx::Operand*> out;
  if (vec == 1) {
    if (o.kind == ptx::Operand::Kind::Vector)
      L.fail(o.loc, "vector operand needs .v2 or .v4");
    else
      out.push_back(&o);
    return out;
  }
  if (o.kind != ptx::Operand::Kind::Vector || o.elements.size() != vec) {
    L.fail(o.loc, "expected a vector operand of " + std::to_string(vec) + " elements");
    return out;
  }
  for (const ptx::Operand& e : o.elements) out.push_back(&e);
  return out;
}

void lower_ld(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  if (type == DataType::Pred) return L.fail("'ld' of a predicate");
  auto dsts = elements(L, inst.operands[0], m.vec);
  MemRef ref = L.mem(inst.operands[1], m.space);
  if (L.failed()) return;
  // A signed narrow load sign-extends into a wider register: load the bits, then cvt in place.
  const unsigned width = isa::bit_width(type);
  std::vector<unsigned> reg_width(dsts.size(), width);
  bool extend = false;
  if (isa::is_signed(type) && width < 64)
    for (size_t k = 0; k < dsts.size(); ++k) {
      reg_width[k] = std::max(width, L.reg_bits(*dsts[k]));
      extend |= reg_width[k] > width;
    }
  std::array<isa::Operand, 4> d{};
  for (size_t k = 0; k < dsts.size(); ++k) d[k] = L.dst(*dsts[k], type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Ld, extend ? unsigned_of_width(width) : type);
  copy_memory_mods(m, L.at(i).mods);
  L.apply_mem(i, ref);
  L.at(i).ndst = static_cast<uint8_t>(dsts.size());
  L.at(i).dst = d;
  for (size_t k = 0; k < dsts.size() && extend; ++k) {
    if (reg_width[k] <= width) continue;
    size_t c = L.emit(Opcode::Cvt, signed_of_width(reg_width[k]));
    isa::Instr& cvt = L.at(c);
    cvt.type2 = type;
    cvt.ndst = 1;
    cvt.dst[0] = d[k];
    cvt.nsrc = 1;
    cvt.src[0] = d[k];
  }
}

void lower_st(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  if (type == DataType::Pred) return L.fail("'st' of a predicate");
  auto srcs = elements(L, inst.operands[1], m.vec);
  MemRef ref = L.mem(inst.operands[0], m.space);
  if (L.failed()) return;
  std::array<isa::Operand, 4> s{};
  for (size_t k = 0; k < srcs.size(); ++k) s[k] = L.src(*srcs[k], type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::St, type);
  copy_memory_mods(m, L.at(i).mods);
  L.apply_mem(i, ref);
  L.at(i).nsrc = static_cast<uint8_t>(srcs.size());
  L.at(i).src = s;
}

// atom.op.T d, [a], b{, c}  /  red.op.T [a], b
void lower_atomic(Lowerer& L, const ptx::Instruction& inst, bool has_result) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  int op = m.take_any({"add", "sub", "exch", "cas", "and", "or", "xor", "min", "max", "inc", "dec"});
  if (op < 0) return L.fail("'" + inst.opcode + "' needs an operation (.add, .cas, ...)");
  m.take("noftz");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m)) return;
  if (m.vec != 1) return L.fail("vector atomics are not supported");
  const auto aop = static_cast<isa::AtomOp>(op);
  const size_t nvals = aop == isa::AtomOp::Cas ? 2 : 1;
  if (!has_result && aop == isa::AtomOp::Cas) return L.fail("'red' has no .cas");
  const size_t first = has_result ? 1 : 0;
  if (!L.expect_operands(first + 1 + nvals)) return;
  MemRef ref = L.mem(inst.operands[first], m.space);
  std::array<isa::Operand, 4> s{};
  for (size_t k = 0; k < nvals; ++k) s[k] = L.src(inst.operands[first + 1 + k], type);
  isa::Operand d;
  if (has_result) d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  size_t i = L.emit(has_result ? Opcode::Atom : Opcode::Red, type);
  isa::Instr& in = L.at(i);
  copy_memory_mods(m, in.mods);
  in.mods.atom = aop;
  L.apply_mem(i, ref);
  L.at(i).ndst = has_result ? 1 : 0;
  L.at(i).dst[0] = d;
  L.at(i).nsrc = static_cast<uint8_t>(nvals);
  L.at(i).src = s;
}

// cvta.space.size d, a  /  cvta.to.space.size d, a
void lower_cvta(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const bool to = m.take("to");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  if (!m.space || *m.space == isa::Space::Param)
    return L.fail("'cvta' needs .global, .shared, .local or .const");
  isa::Operand a = L.src(inst.operands[1], type);
  isa::Operand d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  // Generic and global addresses of global data are the same.
  const bool identity = *m.space == isa::Space::Global;
  size_t i = L.emit(identity ? Opcode::Mov : Opcode::Cvta, type);
  isa::Instr& in = L.at(i);
  if (!identity) {
    in.mods.space = *m.space;
    in.mods.cvta_to_space = to;
  }
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 1;
  in.src[0] = a;
}

}  // namespace

bool lower_memory(Lowerer& L, const ptx::Instruction& inst) {
  const std::string& op = inst.opcode;
  if (op == "ld" || op == "ldu")
    lower_ld(L, inst);
  else if (op == "st")
    lower_st(L, inst);
  else if (op == "atom")
    lower_atomic(L, inst, true);
  else if (op == "red")
    lower_atomic(L, inst, false);
  else if (op == "cvta")
    lower_cvta(L, inst);
  else if (op == "prefetch" || op == "prefetchu")
    return true;  // a hint: nothing to do
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
