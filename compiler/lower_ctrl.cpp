// Control flow and synchronization: bra, call (frames per docs/architecture.md), ret, exit, trap,
// brkpt, nop, pmevent, bar/barrier, membar/fence.
#include "compiler/lower.h"
#include "isa/services.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

void lower_bra(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const bool uni = m.take("uni");
  if (!L.check_leftover(m) || !L.expect_operands(1)) return;
  const ptx::Operand& t = inst.operands[0];
  if (t.kind != ptx::Operand::Kind::Register || !t.component.empty())
    return L.fail(t.loc, "'bra' needs a label");
  if (auto b = L.lookup(t.name); b && (b->kind == Binding::Kind::Gpr || b->kind == Binding::Kind::Pred))
    return L.fail(t.loc, "'" + t.name + "' is not a label (indirect branches are not supported)");
  uint32_t label = L.label_id(t.name, t.loc);
  size_t i = L.emit(Opcode::Bra, DataType::None);
  L.at(i).mods.uniform = uni;
  L.vat(i).label = label;
}

// Where arguments and results of a call live: the callee's parameter layout.
struct CallSignature {
  std::vector<isa::ParamInfo> params, returns;
  int32_t target = -1;  // function index for a direct call
};

void store_arg(Lowerer& L, const ptx::Operand& arg, const isa::ParamInfo& slot) {
  // An argument is a call-sequence .param (bound to the slot) or, old style, a register or literal.
  if (arg.kind == ptx::Operand::Kind::Register) {
    auto b = L.lookup(arg.name);
    if (b && b->kind == Binding::Kind::OutParam) return L.bind_out_param(b->decl, slot.offset);
  }
  if (slot.size != 1 && slot.size != 2 && slot.size != 4 && slot.size != 8)
    return L.fail(arg.loc, "argument of " + std::to_string(slot.size) + " bytes must be passed in a .param");
  const DataType type = bits_of_width(slot.size * 8);
  isa::Operand v = L.src(arg, type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::St, type);
  L.at(i).mods.space = isa::Space::Local;
  L.at(i).mods.frame_relative = true;
  L.at(i).offset = slot.offset;
  L.at(i).nsrc = 1;
  L.at(i).src[0] = v;
  L.vat(i).outgoing = true;
}

void load_result(Lowerer& L, const ptx::Operand& res, const isa::ParamInfo& slot) {
  if (res.kind == ptx::Operand::Kind::Register) {
    auto b = L.lookup(res.name);
    if (b && b->kind == Binding::Kind::OutParam) return L.bind_out_param(b->decl, slot.offset);
  }
  if (slot.size != 1 && slot.size != 2 && slot.size != 4 && slot.size != 8)
    return L.fail(res.loc, "result of " + std::to_string(slot.size) + " bytes must be received in a .param");
  const DataType type = bits_of_width(slot.size * 8);
  isa::Operand d = L.dst(res, type);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Ld, type);
  L.at(i).mods.space = isa::Space::Local;
  L.at(i).mods.frame_relative = true;
  L.at(i).offset = slot.offset;
  L.at(i).ndst = 1;
  L.at(i).dst[0] = d;
  L.vat(i).outgoing = true;
}

// A call to an extern device-runtime function (vprintf, __assertfail) becomes `syscall`: arguments and
// result go through the same parameter block a callee would use, so only the call itself changes.
void lower_service_call(Lowerer& L, const FuncSig& f, const isa::ServiceInfo& service,
                        const ptx::Operand* rets, const ptx::Operand* args, SourceLoc loc) {
  bool same = f.params.size() == service.num_params && f.returns.size() == (service.return_size ? 1u : 0u);
  for (size_t p = 0; same && p < f.params.size(); ++p)
    same = f.params[p].offset == service.param_offset[p] && f.params[p].size == service.param_size[p];
  if (same && service.return_size)
    same = f.returns[0].offset == service.return_offset && f.returns[0].size == service.return_size;
  if (!same)
    return L.fail(loc, std::string(1, '\'').append(service.name) +
                           "' is declared with parameters that differ from the CUDA device runtime's");
  const size_t nargs = args ? args->elements.size() : 0, nrets = rets ? rets->elements.size() : 0;
  if (nargs != f.params.size() || nrets > f.returns.size())
    return L.fail(loc, std::string("call to '").append(service.name) + "' passes " + std::to_string(nargs) +
                           " arguments and " + std::to_string(nrets) + " results; it takes " +
                           std::to_string(f.params.size()) + " and returns " +
                           std::to_string(f.returns.size()));
  for (size_t i = 0; i < nargs && !L.failed(); ++i) store_arg(L, args->elements[i], f.params[i]);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Syscall, DataType::None);
  isa::Instr& in = L.at(i);
  in.mods.space = isa::Space::Local;
  in.mods.frame_relative = true;
  in.nsrc = 1;
  in.src[0] = isa::Operand::immediate(static_cast<uint64_t>(service.id));
  L.vat(i).outgoing = true;  // the block starts where a callee's frame would
  for (size_t r = 0; r < nrets && !L.failed(); ++r) load_result(L, rets->elements[r], f.returns[r]);
}

// call{.uni} {(rets),} f{, (args)}   or   call (rets), %reg, (args), prototype
void lower_call(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const bool uni = m.take("uni");
  if (!L.check_leftover(m)) return;
  const auto& ops = inst.operands;
  size_t k = 0;
  const ptx::Operand* rets = nullptr;
  const ptx::Operand* args = nullptr;
  if (k < ops.size() && ops[k].kind == ptx::Operand::Kind::ParamList) rets = &ops[k++];
  if (k >= ops.size() || ops[k].kind != ptx::Operand::Kind::Register)
    return L.fail("'call' needs a function name or address");
  const ptx::Operand& callee = ops[k++];
  if (k < ops.size() && ops[k].kind == ptx::Operand::Kind::ParamList) args = &ops[k++];
  const ptx::Operand* proto_name = k < ops.size() ? &ops[k++] : nullptr;
  if (k != ops.size()) return L.fail("unexpected operands after 'call'");

  CallSignature sig;
  isa::Operand address;
  auto b = L.lookup(callee.name);
  if (!b) return L.fail(callee.loc, "call to undefined function '" + callee.name + "'");
  if (b->kind == Binding::Kind::Function) {
    const FuncSig& f = L.syms().sigs[b->index];
    if (f.index < 0) {
      if (const isa::ServiceInfo* service = isa::find_service(callee.name))
        return lower_service_call(L, f, *service, rets, args, callee.loc);
      return L.fail(callee.loc,
                    "call to '" + callee.name + "', which is declared but not defined in this module");
    }
    if (f.decl->is_entry) return L.fail(callee.loc, "call to kernel '" + callee.name + "'");
    sig.params = f.params;
    sig.returns = f.returns;
    sig.target = f.index;
  } else if (b->kind == Binding::Kind::Gpr) {
    if (!proto_name || proto_name->kind != ptx::Operand::Kind::Register)
      return L.fail(callee.loc, "indirect call needs a .callprototype");
    auto pb = L.lookup(proto_name->name);
    if (!pb || pb->kind != Binding::Kind::Prototype)
      return L.fail(proto_name->loc, "'" + proto_name->name + "' is not a call prototype");
    auto pend = layout_params(pb->proto->params, 0, sig.params);
    if (!pend) return L.fail(proto_name->loc, pend.error().message);
    auto rend = layout_params(pb->proto->returns, *pend, sig.returns);
    if (!rend) return L.fail(proto_name->loc, rend.error().message);
    address = isa::Operand::reg(b->index);
  } else {
    return L.fail(callee.loc, "'" + callee.name + "' is not a function");
  }
  const size_t nargs = args ? args->elements.size() : 0, nrets = rets ? rets->elements.size() : 0;
  if (nargs != sig.params.size() || nrets != sig.returns.size())
    return L.fail("call to '" + callee.name + "' passes " + std::to_string(nargs) + " arguments and " +
                  std::to_string(nrets) + " results; the function takes " +
                  std::to_string(sig.params.size()) + " and returns " + std::to_string(sig.returns.size()));
  for (size_t i = 0; i < nargs && !L.failed(); ++i) store_arg(L, args->elements[i], sig.params[i]);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Call, DataType::None);
  L.at(i).mods.uniform = uni;
  if (sig.target >= 0) {
    L.at(i).target = static_cast<uint32_t>(sig.target);
  } else {
    L.at(i).nsrc = 1;
    L.at(i).src[0] = address;
  }
  for (size_t r = 0; r < nrets && !L.failed(); ++r) load_result(L, rets->elements[r], sig.returns[r]);
}

void lower_ret(Lowerer& L, const ptx::Instruction& inst, bool is_exit) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  m.take("uni");
  if (!L.check_leftover(m) || !L.expect_operands(0)) return;
  if (is_exit || L.is_kernel()) {
    L.emit(Opcode::Exit, DataType::None);
    return;
  }
  // A .func has a single ret at its end; early returns branch there.
  size_t i = L.emit(Opcode::Bra, DataType::None);
  L.vat(i).label = L.final_ret_label();
}

// bar{.cta}.sync / barrier{.cta}.sync{.aligned} a{, b};  bar.arrive a, b;
// bar.red.popc.u32 d, a{, b}, {!}c;  bar.red.{and,or}.pred p, a{, b}, {!}c
void lower_bar(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  m.take("aligned");
  int kind = m.take_any({"sync", "arrive", "red"});
  if (kind < 0) kind = 0;  // `bar a` is bar.sync
  isa::Mods mods;
  DataType type = DataType::None;
  if (kind == 2) {
    int r = m.take_any({"popc", "and", "or"});
    if (r < 0) return L.fail("'bar.red' needs .popc, .and or .or");
    mods.bar = static_cast<isa::BarOp>(static_cast<int>(isa::BarOp::RedPopc) + r);
    type = L.single_type(m);
    if (L.failed()) return;
    if ((r == 0) != (type != DataType::Pred)) return L.fail("'bar.red' type does not match its operation");
  } else {
    mods.bar = kind == 0 ? isa::BarOp::Sync : isa::BarOp::Arrive;
  }
  if (!L.check_leftover(m)) return;
  const auto& ops = inst.operands;
  if (kind == 2) {
    if (!L.expect_operands(3, 4)) return;
    isa::Operand id = L.src(ops[1], DataType::U32);
    isa::Operand count = ops.size() == 4 ? L.src(ops[2], DataType::U32) : isa::Operand::immediate(0);
    isa::Operand c = L.pred_src(ops.back());
    isa::Operand d = L.dst(ops[0], type);
    if (L.failed()) return;
    size_t i = L.emit(Opcode::Bar, type);
    isa::Instr& in = L.at(i);
    in.mods = mods;
    in.ndst = 1;
    in.dst[0] = d;
    in.nsrc = 3;
    in.src[0] = id;
    in.src[1] = count;
    in.src[2] = c;
    return;
  }
  if (!L.expect_operands(kind == 1 ? 2 : 1, 2)) return;
  isa::Operand id = L.src(ops[0], DataType::U32);
  isa::Operand count = ops.size() == 2 ? L.src(ops[1], DataType::U32) : isa::Operand{};
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Bar, DataType::None);
  isa::Instr& in = L.at(i);
  in.mods = mods;
  in.nsrc = ops.size() == 2 ? 2 : 1;
  in.src[0] = id;
  in.src[1] = count;
}

void lower_fence(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  isa::Mods mods;
  mods.order = isa::MemOrder::SeqCst;
  if (inst.opcode == "membar") {
    if (m.take("gl"))
      mods.scope = isa::Scope::Gpu;
    else if (m.scope)
      mods.scope = *m.scope;
    else
      return L.fail("'membar' needs .cta, .gl or .sys");
  } else {
    // fence.proxy.* orders proxies of one thread's accesses, which the engine keeps coherent anyway.
    if (m.take("proxy")) return;
    if (m.order) mods.order = *m.order;
    if (m.scope) mods.scope = *m.scope;
  }
  if (!L.check_leftover(m) || !L.expect_operands(0)) return;
  size_t i = L.emit(Opcode::Fence, DataType::None);
  L.at(i).mods = mods;
}

void lower_simple(Lowerer& L, const ptx::Instruction& inst, Opcode op) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  if (!L.check_leftover(m) || !L.expect_operands(0)) return;
  L.emit(op, DataType::None);
}

}  // namespace

bool lower_control(Lowerer& L, const ptx::Instruction& inst) {
  const std::string& op = inst.opcode;
  if (op == "bra")
    lower_bra(L, inst);
  else if (op == "call")
    lower_call(L, inst);
  else if (op == "ret")
    lower_ret(L, inst, false);
  else if (op == "exit")
    lower_ret(L, inst, true);
  else if (op == "trap")
    lower_simple(L, inst, Opcode::Trap);
  else if (op == "brkpt")
    lower_simple(L, inst, Opcode::Brkpt);
  else if (op == "nop")
    lower_simple(L, inst, Opcode::Nop);
  else if (op == "pmevent")
    return true;  // performance-monitor events: nothing to count here
  else if (op == "bar" || op == "barrier")
    lower_bar(L, inst);
  else if (op == "membar" || op == "fence")
    lower_fence(L, inst);
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
