// Warp-level instructions: shfl(.sync), vote(.sync), match.sync, redux.sync, activemask, bar.warp.sync.
// Every .sync form carries its member mask as the native instruction's last source (shfl src3; vote, match
// and redux src1; warpsync src0); the legacy forms without .sync have no mask source, meaning "the active
// lanes" (docs/finalizer.md).
#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

// shfl.sync.mode.b32 d{|p}, a, b, c, membermask   (and the pre-6.0 form without .sync and mask)
void lower_shfl(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const bool sync = m.take("sync");
  int mode = m.take_any({"up", "down", "bfly", "idx"});
  if (mode < 0) return L.fail("'shfl' needs .up, .down, .bfly or .idx");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m)) return;
  const size_t base = sync ? 5 : 4;
  if (!L.expect_operands(base, base + 1)) return;
  const bool has_pred = inst.operands.size() == base + 1;
  const size_t a = has_pred ? 2 : 1;
  isa::Operand sa = L.src(inst.operands[a], type);
  isa::Operand sb = L.src(inst.operands[a + 1], DataType::U32);
  isa::Operand sc = L.src(inst.operands[a + 2], DataType::U32);
  isa::Operand mask;
  if (sync) mask = L.src(inst.operands[a + 3], DataType::B32);
  isa::Operand d = L.dst(inst.operands[0], type), p;
  if (has_pred) p = L.pred_dst(inst.operands[1]);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Shfl, type);
  isa::Instr& in = L.at(i);
  in.mods.shfl = static_cast<isa::ShflMode>(mode);
  in.ndst = has_pred ? 2 : 1;
  in.dst[0] = d;
  in.dst[1] = p;
  in.nsrc = sync ? 4 : 3;
  in.src[0] = sa;
  in.src[1] = sb;
  in.src[2] = sc;
  in.src[3] = mask;
}

// vote.sync.{all,any,uni}.pred d, {!}a, membermask;  vote.sync.ballot.b32 d, {!}a, membermask
void lower_vote(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const bool sync = m.take("sync");
  int mode = m.take_any({"all", "any", "uni", "ballot"});
  if (mode < 0) return L.fail("'vote' needs .all, .any, .uni or .ballot");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(sync ? 3 : 2)) return;
  const bool ballot = mode == 3;
  if (ballot != (type != DataType::Pred)) return L.fail("'vote' type does not match its mode");
  isa::Operand a = L.pred_src(inst.operands[1]);
  isa::Operand mask;
  if (sync) mask = L.src(inst.operands[2], DataType::B32);
  isa::Operand d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Vote, type);
  isa::Instr& in = L.at(i);
  in.mods.vote = static_cast<isa::VoteMode>(mode);
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = sync ? 2 : 1;
  in.src[0] = a;
  in.src[1] = mask;
}

// match.any.sync.b32 d, a, membermask;  match.all.sync.b32 d{|p}, a, membermask  (also .b64)
void lower_match(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  int mode = m.take_any({"any", "all"});
  if (mode < 0) return L.fail("'match' needs .any or .all");
  if (!m.take("sync")) return L.fail("'match' needs .sync");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m)) return;
  if (type != DataType::B32 && type != DataType::B64) return L.fail("'match' takes .b32 or .b64");
  const bool all = mode == 1;
  if (!L.expect_operands(3, all ? 4 : 3)) return;
  const bool has_pred = inst.operands.size() == 4;
  const size_t a = has_pred ? 2 : 1;
  isa::Operand sa = L.src(inst.operands[a], type);
  isa::Operand mask = L.src(inst.operands[a + 1], DataType::B32);
  isa::Operand d = L.dst(inst.operands[0], DataType::B32), p;
  if (has_pred) p = L.pred_dst(inst.operands[1]);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Match, type);
  isa::Instr& in = L.at(i);
  in.mods.vote = all ? isa::VoteMode::All : isa::VoteMode::Any;
  in.ndst = has_pred ? 2 : 1;
  in.dst[0] = d;
  in.dst[1] = p;
  in.nsrc = 2;
  in.src[0] = sa;
  in.src[1] = mask;
}

// redux.sync.{add,min,max}.{u32,s32} d, a, membermask;  redux.sync.{and,or,xor}.b32 d, a, membermask
void lower_redux(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  if (!m.take("sync")) return L.fail("'redux' needs .sync");
  int op = m.take_any({"add", "min", "max", "and", "or", "xor"});
  if (op < 0) return L.fail("'redux' needs .add, .min, .max, .and, .or or .xor");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(3)) return;
  const bool arith = op < 3;
  if (arith ? (type != DataType::U32 && type != DataType::S32) : type != DataType::B32)
    return L.fail(arith ? "'redux' .add/.min/.max take .u32 or .s32" : "'redux' .and/.or/.xor take .b32");
  static constexpr isa::AtomOp kOps[] = {isa::AtomOp::Add, isa::AtomOp::Min, isa::AtomOp::Max,
                                         isa::AtomOp::And, isa::AtomOp::Or,  isa::AtomOp::Xor};
  isa::Operand a = L.src(inst.operands[1], type);
  isa::Operand mask = L.src(inst.operands[2], DataType::B32);
  isa::Operand d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Redux, type);
  isa::Instr& in = L.at(i);
  in.mods.atom = kOps[op];
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 2;
  in.src[0] = a;
  in.src[1] = mask;
}

void lower_activemask(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(1)) return;
  isa::Operand d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Activemask, type);
  L.at(i).ndst = 1;
  L.at(i).dst[0] = d;
}

void lower_warp_sync(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  m.take("warp");
  m.take("sync");
  if (!L.check_leftover(m) || !L.expect_operands(1)) return;
  isa::Operand mask = L.src(inst.operands[0], DataType::B32);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::WarpSync, DataType::B32);
  L.at(i).nsrc = 1;
  L.at(i).src[0] = mask;
}

}  // namespace

bool lower_warp(Lowerer& L, const ptx::Instruction& inst) {
  const std::string& op = inst.opcode;
  if (op == "shfl")
    lower_shfl(L, inst);
  else if (op == "vote")
    lower_vote(L, inst);
  else if (op == "match")
    lower_match(L, inst);
  else if (op == "redux")
    lower_redux(L, inst);
  else if (op == "activemask")
    lower_activemask(L, inst);
  else if (op == "bar" && inst.has_modifier("warp"))
    lower_warp_sync(L, inst);
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
