#include "compiler/lower.h"

#include <cstring>

#include "compiler/special_regs.h"

namespace canopy::compiler {

namespace {

uint32_t align_up32(uint32_t v, uint32_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return s.size() == 1 || s[0] != '0';
}

}  // namespace

Lowerer::Lowerer(const ptx::Module& module, const isa::Module& out, const ModuleSymbols& syms,
                 const FuncSig& sig)
    : module_(module), out_(out), syms_(syms), sig_(sig), f_(*sig.decl) {
  fn_.name = f_.name;
  fn_.is_kernel = f_.is_entry;
  prologue_inst_.opcode = "<prologue>";
  prologue_inst_.loc = f_.loc;
  cur_ = &prologue_inst_;
}

void Lowerer::fail(SourceLoc loc, const std::string& message) {
  if (!error_) error_ = Error{format_diagnostic(module_.source_name, loc, message)};
}

size_t Lowerer::emit(isa::Opcode op, isa::DataType type) {
  VInstr v;
  v.in.op = op;
  v.in.type = type;
  v.in.line = cur_->loc.line;
  v.in.guard = guard_;
  v.in.guard_negated = guard_ != isa::kNoGuard && guard_negated_;
  fn_.code.push_back(std::move(v));
  return fn_.code.size() - 1;
}

Binding Lowerer::bind_register(ptx::Type type) {
  Binding b;
  b.type = type;
  if (type == ptx::Type::Pred) {
    b.kind = Binding::Kind::Pred;
    b.index = fn_.new_pred();
  } else {
    b.kind = Binding::Kind::Gpr;
    unsigned bits = ptx_type_bits(type);
    b.index = fn_.new_gpr(bits == 0 || bits > 64 ? 64 : bits);
  }
  return b;
}

std::optional<Binding> Lowerer::lookup(const std::string& name) {
  for (auto s = scopes_.rbegin(); s != scopes_.rend(); ++s) {
    if (auto it = s->names.find(name); it != s->names.end()) return it->second;
    for (const RangeDecl& r : s->ranges) {
      if (name.size() <= r.prefix.size() || name.compare(0, r.prefix.size(), r.prefix) != 0) continue;
      std::string_view digits = std::string_view(name).substr(r.prefix.size());
      if (!all_digits(digits) || std::stoul(std::string(digits)) >= r.count) continue;
      Binding b = bind_register(r.type);
      s->names.emplace(name, b);
      return b;
    }
  }
  if (auto it = syms_.variables.find(name); it != syms_.variables.end()) {
    Binding b;
    b.kind = Binding::Kind::Variable;
    b.index = it->second;
    return b;
  }
  if (auto it = syms_.functions.find(name); it != syms_.functions.end()) {
    Binding b;
    b.kind = Binding::Kind::Function;
    b.index = it->second;
    return b;
  }
  return std::nullopt;
}

void Lowerer::declare(const ptx::VarDecl& d) {
  Scope& scope = scopes_.back();
  auto bind = [&](const std::string& name, Binding b) {
    if (!scope.names.emplace(name, b).second) fail(d.loc, "redeclaration of '" + name + "'");
  };
  switch (d.space) {
    case ptx::StateSpace::Reg: {
      if (ptx_type_bits(d.type) == 0 || ptx_type_bits(d.type) > 64 || d.vector_width > 1 || !d.dims.empty()) {
        fail(d.loc, "unsupported register declaration '" + d.name + "'");
        return;
      }
      if (d.range_count > 0)
        scope.ranges.push_back({d.name, d.range_count, d.type});
      else
        bind(d.name, bind_register(d.type));
      return;
    }
    case ptx::StateSpace::Shared:
    case ptx::StateSpace::Global:
    case ptx::StateSpace::Const: {
      auto it = syms_.scoped_variables.find(&d);
      if (it == syms_.scoped_variables.end()) {
        fail(d.loc, "internal: function-scope variable '" + d.name + "' was not laid out");
        return;
      }
      Binding b;
      b.kind = Binding::Kind::Variable;
      b.index = it->second;
      bind(d.name, b);
      return;
    }
    case ptx::StateSpace::Local: {
      DataLayout l = layout_of(d);
      if ((l.align & (l.align - 1)) != 0 || l.size > (1u << 24)) {
        fail(d.loc, "bad .local variable '" + d.name + "'");
        return;
      }
      Binding b;
      b.kind = Binding::Kind::Local;
      b.type = d.type;
      fn_.frame_bytes = align_up32(fn_.frame_bytes, l.align);
      b.offset = fn_.frame_bytes;
      fn_.frame_bytes += static_cast<uint32_t>(l.size);
      bind(d.name, b);
      return;
    }
    case ptx::StateSpace::Param: {
      Binding b;
      b.kind = Binding::Kind::OutParam;
      b.type = d.type;
      b.decl = &d;
      bind(d.name, b);
      return;
    }
    default:
      fail(d.loc, "unsupported declaration of '" + d.name + "' in this state space");
  }
}

uint32_t Lowerer::label_id(const std::string& name, SourceLoc loc) {
  auto it = labels_.find(name);
  if (it == labels_.end()) it = labels_.emplace(name, LabelInfo{fn_.new_label(), false, loc}).first;
  return it->second.id;
}

void Lowerer::lower_block(const ptx::Block& block, int depth) {
  if (depth > 512) {
    fail(block.loc, "blocks nested too deeply");
    return;
  }
  scopes_.emplace_back();
  for (const ptx::Statement& s : block.statements) {
    if (failed()) break;
    if (const auto* inst = std::get_if<ptx::Instruction>(&s)) {
      lower_instruction(*inst);
    } else if (const auto* label = std::get_if<ptx::Label>(&s)) {
      uint32_t id = label_id(label->name, label->loc);
      LabelInfo& info = labels_[label->name];
      if (info.defined) {
        fail(label->loc, "duplicate label '" + label->name + "'");
        break;
      }
      info.defined = true;
      VInstr v;
      v.is_label = true;
      v.label = id;
      fn_.code.push_back(v);
    } else if (const auto* decl = std::get_if<ptx::VarDecl>(&s)) {
      declare(*decl);
    } else if (const auto* proto = std::get_if<ptx::CallPrototype>(&s)) {
      Binding b;
      b.kind = Binding::Kind::Prototype;
      b.proto = proto;
      if (!scopes_.back().names.emplace(proto->name, b).second)
        fail(proto->loc, "redeclaration of '" + proto->name + "'");
    } else if (const auto* inner = std::get_if<std::unique_ptr<ptx::Block>>(&s)) {
      if (*inner) lower_block(**inner, depth + 1);
    }
  }
  scopes_.pop_back();
}

void Lowerer::lower_instruction(const ptx::Instruction& inst) {
  cur_ = &inst;
  guard_ = isa::kNoGuard;
  guard_negated_ = false;
  if (inst.guard) {
    auto b = lookup(inst.guard->predicate);
    if (!b) return fail("undefined predicate '" + inst.guard->predicate + "'");
    if (b->kind != Binding::Kind::Pred)
      return fail("guard '" + inst.guard->predicate + "' is not a predicate");
    guard_ = b->index;
    guard_negated_ = inst.guard->negated;
  }
  bool handled = lower_warp(*this, inst) || lower_alu(*this, inst) || lower_compare(*this, inst) ||
                 lower_cvt_mov(*this, inst) || lower_memory(*this, inst) || lower_control(*this, inst) ||
                 lower_matrix(*this, inst) || lower_async(*this, inst) ||
                 lower_texture(*this, inst) || lower_video(*this, inst);
  if (!handled && !failed()) fail("unsupported instruction '" + inst.opcode + "'");
  guard_ = isa::kNoGuard;
}

void Lowerer::emit_prologue() {
  cur_ = &prologue_inst_;
  for (auto [vreg, offset] : reg_params_) {
    size_t i = emit(isa::Opcode::Ld, bits_of_width(fn_.gpr_bits[vreg]));
    at(i).ndst = 1;
    at(i).dst[0] = isa::Operand::reg(vreg);
    at(i).mods.space = isa::Space::Local;
    at(i).mods.frame_relative = true;
    at(i).offset = offset;
  }
}

void Lowerer::emit_epilogue() {
  cur_ = &prologue_inst_;
  guard_ = isa::kNoGuard;
  if (fn_.is_kernel) {
    bool ends =
        !fn_.code.empty() && !fn_.code.back().is_label && is_unconditional_terminator(fn_.code.back().in);
    if (!ends) emit(isa::Opcode::Exit, isa::DataType::None);
    return;
  }
  VInstr label;
  label.is_label = true;
  label.label = final_ret_label_;
  fn_.code.push_back(label);
  for (auto [vreg, offset] : reg_returns_) {
    size_t i = emit(isa::Opcode::St, bits_of_width(fn_.gpr_bits[vreg]));
    at(i).nsrc = 1;
    at(i).src[0] = isa::Operand::reg(vreg);
    at(i).mods.space = isa::Space::Local;
    at(i).mods.frame_relative = true;
    at(i).offset = offset;
  }
  emit(isa::Opcode::Ret, isa::DataType::None);
}

void Lowerer::apply_fixups() {
  for (const Fixup& f : fixups_) {
    auto it = out_param_offset_.find(f.decl);
    if (it == out_param_offset_.end()) {
      fail(f.loc, "parameter '" + f.decl->name + "' is not passed to any call");
      return;
    }
    fn_.code[f.instr].in.offset += it->second;
  }
}

Expected<VFunction> Lowerer::run() {
  scopes_.emplace_back();
  Scope& top = scopes_.back();
  auto bind_param = [&](const ptx::Param& p, const isa::ParamInfo& info, bool is_return) {
    Binding b;
    b.type = p.type;
    if (fn_.is_kernel) {
      b.kind = Binding::Kind::KernelParam;
      b.offset = info.offset;
    } else if (p.space == ptx::StateSpace::Reg) {
      b = bind_register(p.type);
      if (b.kind == Binding::Kind::Pred) {
        fail(p.loc, "predicate parameters are not supported");
        return;
      }
      (is_return ? reg_returns_ : reg_params_).push_back({b.index, info.offset});
    } else {
      b.kind = Binding::Kind::FrameParam;
      b.offset = info.offset;
    }
    if (!p.name.empty() && !top.names.emplace(p.name, b).second)
      fail(p.loc, "duplicate parameter '" + p.name + "'");
  };
  for (size_t i = 0; i < f_.params.size() && i < sig_.params.size(); ++i)
    bind_param(f_.params[i], sig_.params[i], false);
  for (size_t i = 0; i < f_.returns.size() && i < sig_.returns.size(); ++i)
    bind_param(f_.returns[i], sig_.returns[i], true);
  fn_.frame_bytes = fn_.is_kernel ? 0 : sig_.param_bytes + sig_.return_bytes;
  if (!fn_.is_kernel) final_ret_label_ = fn_.new_label();
  emit_prologue();
  if (!failed()) lower_block(f_.body, 0);
  if (!failed()) {
    // Report the first undefined label in the text, whatever the map's order.
    const std::pair<const std::string, LabelInfo>* first = nullptr;
    for (const auto& entry : labels_) {
      const SourceLoc& at = entry.second.first_use;
      if (!entry.second.defined &&
          (!first || at.line < first->second.first_use.line ||
           (at.line == first->second.first_use.line && at.column < first->second.first_use.column)))
        first = &entry;
    }
    if (first) fail(first->second.first_use, "undefined label '" + first->first + "'");
  }
  if (!failed()) apply_fixups();
  if (!failed()) emit_epilogue();
  if (error_) return *error_;
  return std::move(fn_);
}

}  // namespace canopy::compiler
