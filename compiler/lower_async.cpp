// Asynchronous copies, mbarrier and nanosleep: cp.async (.ca/.cg, src-size and ignore-src forms),
// cp.async.commit_group / wait_group / wait_all, cp.async.mbarrier.arrive, mbarrier.init / inval /
// arrive / arrive_drop / test_wait / try_wait / pending_count, nanosleep. The native forms and their
// operands are in isa/opcodes.def; the engine's meaning in gpu/exec/cta_async.cpp (docs/finalizer.md).
#include <algorithm>

#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

bool is_literal(const ptx::Operand& o) { return o.kind == ptx::Operand::Kind::IntImm; }

bool names_predicate(Lowerer& L, const ptx::Operand& o) {
  if (o.kind != ptx::Operand::Kind::Register) return false;
  auto b = L.lookup(o.name);
  return b && b->kind == Binding::Kind::Pred;
}

// A shared-space [address] as a value: the offset immediate, the register, or their sum.
isa::Operand shared_address_value(Lowerer& L, const MemRef& r) {
  if (r.addr.is_none()) return isa::Operand::immediate(static_cast<uint64_t>(r.offset));
  if (r.offset == 0) return r.addr;
  const uint32_t t = L.new_gpr(64);
  size_t i = L.emit(Opcode::Add, DataType::U64);
  isa::Instr& add = L.at(i);
  add.ndst = 1;
  add.dst[0] = isa::Operand::reg(t);
  add.nsrc = 2;
  add.src[0] = r.addr;
  add.src[1] = isa::Operand::immediate(static_cast<uint64_t>(r.offset));
  return isa::Operand::reg(t);
}

// cp.async.{ca,cg}.shared{::cta}.global{.L2::cache_hint}{.L2::64B|128B|256B}
//     [dst], [src], cp-size{, src-size | ignore-src}{, cache-policy}
void lower_cp_async_copy(Lowerer& L, const ptx::Instruction& inst) {
  const std::vector<std::string>& mods = inst.modifiers;  // mods[0] == "async"
  if (mods.size() < 4 || (mods[1] != "ca" && mods[1] != "cg"))
    return L.fail("'cp.async' needs .ca or .cg");
  const bool cg = mods[1] == "cg";
  if ((mods[2] != "shared" && mods[2] != "shared::cta") || mods[3] != "global")
    return L.fail("'cp.async' copies .shared{::cta}.global (got '." + mods[2] + "." + mods[3] + "')");
  bool cache_hint = false;
  for (size_t k = 4; k < mods.size(); ++k) {
    const std::string& w = mods[k];
    if (w == "L2::cache_hint" && !cache_hint)
      cache_hint = true;
    else if (w != "L2::64B" && w != "L2::128B" && w != "L2::256B")
      return L.fail("unsupported modifier '." + w + "' on 'cp.async'");
  }
  const size_t base = cache_hint ? 4 : 3;
  if (!L.expect_operands(base, base + 1)) return;
  const auto& ops = inst.operands;
  if (!is_literal(ops[2]) || (ops[2].int_value != 4 && ops[2].int_value != 8 && ops[2].int_value != 16))
    return L.fail(ops[2].loc, "cp.async copy size must be the literal 4, 8 or 16");
  const auto size = static_cast<unsigned>(ops[2].int_value);
  if (cg && size != 16) return L.fail(ops[2].loc, "cp.async.cg copies 16 bytes");
  isa::Operand src_size = isa::Operand::immediate(size);
  if (ops.size() > 3 && !(cache_hint && ops.size() == 4)) {
    const ptx::Operand& extra = ops[3];
    if (names_predicate(L, extra)) {  // ignore-src: copy zeros when the predicate is true
      isa::Operand p = L.pred_src(extra);
      if (L.failed()) return;
      const uint32_t t = L.new_gpr(32);
      size_t i = L.emit(Opcode::Selp, DataType::U32);
      isa::Instr& sel = L.at(i);
      sel.ndst = 1;
      sel.dst[0] = isa::Operand::reg(t);
      sel.nsrc = 3;
      sel.src[0] = isa::Operand::immediate(0);
      sel.src[1] = isa::Operand::immediate(size);
      sel.src[2] = p;
      src_size = isa::Operand::reg(t);
    } else {
      if (is_literal(extra) && (extra.int_value < 0 || extra.int_value > static_cast<int64_t>(size)))
        return L.fail(extra.loc, "cp.async source size must be at most the copy size " + std::to_string(size));
      src_size = L.src(extra, DataType::U32);
    }
  }
  if (cache_hint) L.src(ops.back(), DataType::B64);  // a hint: checked, then ignored
  MemRef dst = L.mem(ops[0], isa::Space::Shared);
  MemRef src = L.mem(ops[1], isa::Space::Global);
  if (L.failed()) return;
  if (dst.space != isa::Space::Shared) return L.fail(ops[0].loc, "cp.async destination must be a shared address");
  if (src.space != isa::Space::Global) return L.fail(ops[1].loc, "cp.async source must be a global address");
  isa::Operand d = shared_address_value(L, dst);
  size_t i = L.emit(Opcode::CpAsync, DataType::B32);
  L.apply_mem(i, src);
  isa::Instr& in = L.at(i);
  in.mods.vec = static_cast<uint8_t>(size / 4);
  in.mods.cache = cg ? isa::CacheOp::Cg : isa::CacheOp::Ca;
  in.nsrc = 2;
  in.src[0] = d;
  in.src[1] = src_size;
}

void emit_wait(Lowerer& L, uint64_t n) {
  size_t i = L.emit(Opcode::CpAsyncWait, DataType::None);
  L.at(i).nsrc = 1;
  L.at(i).src[0] = isa::Operand::immediate(n);
}

// The optional .shared{::cta} of an mbarrier instruction, its .b64 and its ordering/scope words; what is
// left in `m` is the operation's own words. False (and failed) on anything malformed.
bool mbarrier_mods(Lowerer& L, const ptx::Instruction& inst, ParsedMods& m, isa::Space& space) {
  if (std::find(inst.modifiers.begin(), inst.modifiers.end(), "shared::cluster") != inst.modifiers.end()) {
    L.fail("mbarrier objects in another CTA's shared memory (.shared::cluster) are not supported");
    return false;
  }
  if (m.space && *m.space != isa::Space::Shared) {
    L.fail("mbarrier objects live in shared memory (use .shared or a generic address)");
    return false;
  }
  space = m.space.value_or(isa::Space::Generic);
  if (m.types.size() != 1 || m.types[0] != DataType::B64) {
    L.fail("'" + inst.opcode + "' needs .b64");
    return false;
  }
  if (m.scope && *m.scope != isa::Scope::Cta) {
    L.fail("only .cta scope is supported for mbarrier");
    return false;
  }
  return true;
}

size_t emit_mbarrier(Lowerer& L, Opcode op, const ptx::Operand& address, isa::Space space) {
  MemRef r = L.mem(address, space);
  if (L.failed()) return SIZE_MAX;
  if (r.space != isa::Space::Shared && r.space != isa::Space::Generic) {
    L.fail(address.loc, "mbarrier object must be in shared memory");
    return SIZE_MAX;
  }
  size_t i = L.emit(op, DataType::B64);
  L.apply_mem(i, r);
  return i;
}

// cp.async.mbarrier.arrive{.noinc}{.shared{::cta}}.b64 [mbar]
void lower_cp_async_arrive(Lowerer& L, const ptx::Instruction& inst) {
  std::vector<std::string> rest(inst.modifiers.begin() + 3, inst.modifiers.end());
  ParsedMods m = parse_modifiers(rest);
  const bool noinc = m.take("noinc");
  isa::Space space;
  if (!mbarrier_mods(L, inst, m, space) || !L.check_leftover(m) || !L.expect_operands(1)) return;
  size_t i = emit_mbarrier(L, Opcode::CpAsyncArrive, inst.operands[0], space);
  if (i != SIZE_MAX) L.at(i).mods.noinc = noinc;
}

void lower_cp_async(Lowerer& L, const ptx::Instruction& inst) {
  const auto& mods = inst.modifiers;
  if (mods.size() >= 2 && mods[1] == "commit_group") {
    if (mods.size() != 2 || !L.expect_operands(0)) return L.fail("'cp.async.commit_group' takes no operands or modifiers");
    L.emit(Opcode::CpAsyncCommit, DataType::None);
    return;
  }
  if (mods.size() >= 2 && (mods[1] == "wait_group" || mods[1] == "wait_all")) {
    const bool all = mods[1] == "wait_all";
    if (mods.size() != 2) return L.fail("unsupported modifier '." + mods[2] + "' on 'cp.async'");
    if (all) {  // PTX: wait_all is commit_group followed by wait_group 0
      if (!L.expect_operands(0)) return;
      L.emit(Opcode::CpAsyncCommit, DataType::None);
      return emit_wait(L, 0);
    }
    if (!L.expect_operands(1)) return;
    const ptx::Operand& n = inst.operands[0];
    if (!is_literal(n) || n.int_value < 0 || n.int_value > INT32_MAX)
      return L.fail(n.loc, "cp.async.wait_group needs a non-negative integer literal");
    return emit_wait(L, static_cast<uint64_t>(n.int_value));
  }
  if (mods.size() >= 3 && mods[1] == "mbarrier" && mods[2] == "arrive") return lower_cp_async_arrive(L, inst);
  lower_cp_async_copy(L, inst);
}

void lower_mbarrier(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const int op = m.take_any({"init", "inval", "arrive", "arrive_drop", "test_wait", "try_wait", "pending_count"});
  if (op < 0) return L.fail("'mbarrier' needs .init, .inval, .arrive, .arrive_drop, .test_wait, .try_wait or .pending_count");
  const bool parity = (op == 4 || op == 5) && m.take("parity");
  if (op == 2 || op == 3) m.take("noComplete");  // PTX: undefined if the arrival completes the phase
  isa::Space space;
  if (!mbarrier_mods(L, inst, m, space) || !L.check_leftover(m)) return;
  const auto& ops = inst.operands;
  switch (op) {
    case 0: {  // init [a], count
      if (!L.expect_operands(2)) return;
      if (is_literal(ops[1]) && (ops[1].int_value < 1 || ops[1].int_value > (1 << 20) - 1))
        return L.fail(ops[1].loc, "mbarrier.init count must be in 1..2^20-1");
      isa::Operand count = L.src(ops[1], DataType::U32);
      size_t i = emit_mbarrier(L, Opcode::MbarInit, ops[0], space);
      if (i == SIZE_MAX) return;
      L.at(i).nsrc = 1;
      L.at(i).src[0] = count;
      return;
    }
    case 1:  // inval [a]
      if (!L.expect_operands(1)) return;
      emit_mbarrier(L, Opcode::MbarInval, ops[0], space);
      return;
    case 2:
    case 3: {  // arrive{_drop} state, [a]{, count}
      if (!L.expect_operands(2, 3)) return;
      isa::Operand count = isa::Operand::immediate(1);
      if (ops.size() == 3) {
        if (is_literal(ops[2]) && (ops[2].int_value < 1 || ops[2].int_value > (1 << 20) - 1))
          return L.fail(ops[2].loc, "mbarrier arrive count must be in 1..2^20-1");
        count = L.src(ops[2], DataType::U32);
      }
      isa::Operand state = L.dst(ops[0], DataType::B64);
      size_t i = emit_mbarrier(L, Opcode::MbarArrive, ops[1], space);
      if (i == SIZE_MAX) return;
      isa::Instr& in = L.at(i);
      in.mods.drop = op == 3;
      in.ndst = 1;
      in.dst[0] = state;
      in.nsrc = 1;
      in.src[0] = count;
      return;
    }
    case 4:
    case 5: {  // test_wait{.parity} p, [a], state|parity  (try_wait: {, suspendTimeHint})
      if (!L.expect_operands(3, op == 5 ? 4 : 3)) return;
      isa::Operand state = L.src(ops[2], parity ? DataType::U32 : DataType::B64);
      if (ops.size() == 4) L.src(ops[3], DataType::U32);  // the suspend-time hint is checked, then ignored
      isa::Operand p = L.pred_dst(ops[0]);
      size_t i = emit_mbarrier(L, op == 4 ? Opcode::MbarTestWait : Opcode::MbarTryWait, ops[1], space);
      if (i == SIZE_MAX) return;
      isa::Instr& in = L.at(i);
      in.mods.parity = parity;
      in.ndst = 1;
      in.dst[0] = p;
      in.nsrc = 1;
      in.src[0] = state;
      return;
    }
    default: {  // pending_count count, state
      if (!L.expect_operands(2)) return;
      isa::Operand state = L.src(ops[1], DataType::B64);
      isa::Operand d = L.dst(ops[0], DataType::U32);
      if (L.failed()) return;
      size_t i = L.emit(Opcode::MbarPending, DataType::B64);
      L.at(i).ndst = 1;
      L.at(i).dst[0] = d;
      L.at(i).nsrc = 1;
      L.at(i).src[0] = state;
      return;
    }
  }
}

// nanosleep.u32 t
void lower_nanosleep(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(1)) return;
  if (type != DataType::U32) return L.fail("'nanosleep' takes .u32");
  isa::Operand t = L.src(inst.operands[0], DataType::U32);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Nanosleep, DataType::U32);
  L.at(i).nsrc = 1;
  L.at(i).src[0] = t;
}

}  // namespace

bool lower_async(Lowerer& L, const ptx::Instruction& inst) {
  const std::string& op = inst.opcode;
  if (op == "cp" && !inst.modifiers.empty() && inst.modifiers[0] == "async")
    lower_cp_async(L, inst);
  else if (op == "mbarrier")
    lower_mbarrier(L, inst);
  else if (op == "nanosleep")
    lower_nanosleep(L, inst);
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
