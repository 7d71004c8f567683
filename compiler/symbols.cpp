#include "compiler/symbols.h"

#include "compiler/modifiers.h"
#include "compiler/shared_layout.h"

namespace canopy::compiler {

namespace {

uint64_t align_up(uint64_t v, uint64_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }
bool is_pow2(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

std::string at(const ptx::Module& m, SourceLoc loc, const std::string& msg) {
  return format_diagnostic(m.source_name, loc, msg);
}

isa::Space var_space(ptx::StateSpace s) {
  switch (s) {
    case ptx::StateSpace::Const:
      return isa::Space::Const;
    case ptx::StateSpace::Shared:
      return isa::Space::Shared;
    default:
      return isa::Space::Global;
  }
}

bool is_module_data_space(ptx::StateSpace s) {
  return s == ptx::StateSpace::Global || s == ptx::StateSpace::Const || s == ptx::StateSpace::Shared;
}

void collect_scoped(const ptx::Block& block, std::vector<const ptx::VarDecl*>& out, int depth) {
  if (depth > 1000) return;
  for (const ptx::Statement& s : block.statements) {
    if (const auto* d = std::get_if<ptx::VarDecl>(&s)) {
      if (is_module_data_space(d->space)) out.push_back(d);
    } else if (const auto* b = std::get_if<std::unique_ptr<ptx::Block>>(&s)) {
      if (*b) collect_scoped(**b, out, depth + 1);
    }
  }
}

Status add_variable(const ptx::Module& m, const ptx::VarDecl& d, std::string name, isa::Module& out) {
  if (d.type == ptx::Type::TexRef && (d.space != ptx::StateSpace::Global || !d.dims.empty() || !d.init.empty()))
    return make_error(at(m, d.loc, "texture reference '" + d.name + "' must be a plain .global .texref"));
  if ((ptx_type_bits(d.type) == 0 && d.type != ptx::Type::TexRef) || d.type == ptx::Type::Pred)
    return make_error(at(m, d.loc, "variable '" + d.name + "' has a type that cannot live in memory"));
  DataLayout l = layout_of(d);
  if (!is_pow2(l.align))
    return make_error(at(m, d.loc, "alignment of '" + d.name + "' is not a power of two"));
  isa::Variable v;
  v.name = std::move(name);
  v.space = var_space(d.space);
  v.size = l.size;
  v.align = l.align;
  v.is_extern = d.is_extern && d.space == ptx::StateSpace::Shared;
  v.is_visible = d.is_visible;
  if (v.space == isa::Space::Shared && !d.init.empty())
    return make_error(at(m, d.loc, ".shared variable '" + d.name + "' cannot have an initializer"));
  out.variables.push_back(std::move(v));
  return Status::success();
}

// Writes the initializer bytes and address relocations of variable `index`.
Status initialize(const ptx::Module& m, const ptx::VarDecl& d, uint32_t index, const ModuleSymbols& syms,
                  isa::Module& out) {
  if (d.init.empty()) return Status::success();
  const unsigned elem = ptx_type_bits(d.type) / 8;
  isa::Variable& v = out.variables[index];
  if (uint64_t{elem} * d.init.size() > v.size)
    return make_error(at(m, d.loc, "too many initializers for '" + d.name + "'"));
  v.init.assign(elem * d.init.size(), 0);
  for (size_t i = 0; i < d.init.size(); ++i) {
    const ptx::InitElement& e = d.init[i];
    const uint64_t off = i * elem;
    if (e.symbol.empty()) {
      for (unsigned b = 0; b < elem; ++b) v.init[off + b] = static_cast<uint8_t>(e.bits >> (8 * b));
      continue;
    }
    if (elem != 4 && elem != 8)
      return make_error(at(m, d.loc, "address initializer in '" + d.name + "' needs 32- or 64-bit elements"));
    isa::DataRelocation r;
    r.variable = index;
    r.offset = off;
    r.size = static_cast<uint8_t>(elem);
    r.addend = e.offset;
    if (auto it = syms.variables.find(e.symbol); it != syms.variables.end()) {
      r.symbol = it->second;
    } else if (auto f = syms.functions.find(e.symbol);
               f != syms.functions.end() && syms.sigs[f->second].index >= 0) {
      r.symbol = static_cast<uint32_t>(syms.sigs[f->second].index);
      r.is_function = true;
    } else {
      return make_error(
          at(m, d.loc, "undefined symbol '" + e.symbol + "' in initializer of '" + d.name + "'"));
    }
    out.data_relocations.push_back(r);
  }
  return Status::success();
}

Status build_functions(const ptx::Module& m, isa::Module& out, ModuleSymbols& syms) {
  for (const ptx::Function& f : m.functions) {
    auto it = syms.functions.find(f.name);
    if (it == syms.functions.end()) {
      it = syms.functions.emplace(f.name, static_cast<uint32_t>(syms.sigs.size())).first;
      syms.sigs.push_back({});
      syms.sigs.back().decl = &f;
    }
    FuncSig& sig = syms.sigs[it->second];
    if (!f.has_body) continue;
    if (sig.index >= 0) return make_error(at(m, f.loc, "redefinition of function '" + f.name + "'"));
    sig.decl = &f;
    sig.index = static_cast<int32_t>(out.functions.size());
    sig.params.clear();
    sig.returns.clear();
    auto pend = layout_params(f.params, 0, sig.params);
    if (!pend) return make_error(at(m, f.loc, pend.error().message));
    sig.param_bytes = *pend;
    auto rend = layout_params(f.returns, sig.param_bytes, sig.returns);
    if (!rend) return make_error(at(m, f.loc, rend.error().message));
    sig.return_bytes = *rend - sig.param_bytes;
    isa::Function fn;
    fn.name = f.name;
    fn.is_kernel = f.is_entry;
    fn.source_line = f.loc.line;
    out.functions.push_back(std::move(fn));
  }
  // Signatures of functions that are only declared (calls to them are rejected at the call).
  for (FuncSig& sig : syms.sigs) {
    if (sig.index >= 0) continue;
    auto pend = layout_params(sig.decl->params, 0, sig.params);
    if (!pend) return make_error(at(m, sig.decl->loc, pend.error().message));
    sig.param_bytes = *pend;
    auto rend = layout_params(sig.decl->returns, sig.param_bytes, sig.returns);
    if (!rend) return make_error(at(m, sig.decl->loc, rend.error().message));
    sig.return_bytes = *rend - sig.param_bytes;
  }
  for (const ptx::Alias& a : m.aliases) {
    auto target = syms.functions.find(a.aliasee);
    if (target == syms.functions.end())
      return make_error(at(m, a.loc, "alias of undefined function '" + a.aliasee + "'"));
    syms.functions[a.alias] = target->second;
  }
  return Status::success();
}

}  // namespace

DataLayout layout_of(const ptx::VarDecl& v) {
  // A texture reference is the 8-byte cell holding the texture object the runtime binds to it.
  const uint64_t elem = v.type == ptx::Type::TexRef ? 8 : ptx_type_bits(v.type) / 8;
  const uint64_t vec = v.vector_width ? v.vector_width : 1;
  uint64_t known = elem * vec;
  bool open = false;
  for (uint64_t d : v.dims) {
    if (d == 0)
      open = true;
    else
      known *= d;
  }
  DataLayout l;
  l.align = v.align ? v.align : static_cast<uint32_t>(elem * vec != 0 ? elem * vec : 1);
  if (!open) {
    l.size = known;
  } else {
    const uint64_t init_bytes = elem * v.init.size();
    l.size = known ? (init_bytes + known - 1) / known * known : 0;
  }
  return l;
}

DataLayout layout_of(const ptx::Param& p) {
  const uint64_t elem = ptx_type_bits(p.type) / 8;
  uint64_t size = elem;
  for (uint64_t d : p.dims) size *= d;
  DataLayout l;
  l.size = size;
  l.align = p.align ? p.align : static_cast<uint32_t>(elem ? elem : 1);
  return l;
}

Expected<uint32_t> layout_params(const std::vector<ptx::Param>& params, uint32_t start,
                                 std::vector<isa::ParamInfo>& out) {
  uint64_t off = start;
  for (const ptx::Param& p : params) {
    if (ptx_type_bits(p.type) == 0 || p.type == ptx::Type::Pred)
      return make_error("parameter '" + p.name + "' has an unsupported type");
    DataLayout l = layout_of(p);
    if (!is_pow2(l.align)) return make_error("alignment of parameter '" + p.name + "' is not a power of two");
    off = align_up(off, l.align);
    out.push_back({p.name, static_cast<uint32_t>(off), static_cast<uint32_t>(l.size), l.align});
    off += l.size;
    if (off > (1u << 24)) return make_error("parameters are too large");
  }
  return static_cast<uint32_t>(off);
}

Status build_symbols(const ptx::Module& m, isa::Module& out, ModuleSymbols& syms) {
  if (auto s = build_functions(m, out, syms); !s) return s;
  // Module-scope variables, then function-scope ones (clang's "demoted" shared variables).
  std::vector<std::pair<const ptx::VarDecl*, uint32_t>> decls;
  for (const ptx::VarDecl& d : m.globals) {
    if (!is_module_data_space(d.space))
      return make_error(at(m, d.loc, "module-scope variables in this state space are not supported"));
    if (syms.variables.count(d.name)) return make_error(at(m, d.loc, "redefinition of '" + d.name + "'"));
    auto index = static_cast<uint32_t>(out.variables.size());
    if (auto s = add_variable(m, d, d.name, out); !s) return s;
    syms.variables[d.name] = index;
    if (d.type == ptx::Type::TexRef) syms.texrefs.insert(index);
    decls.push_back({&d, index});
  }
  for (const ptx::Function& f : m.functions) {
    if (!f.has_body) continue;
    std::vector<const ptx::VarDecl*> scoped;
    collect_scoped(f.body, scoped, 0);
    for (const ptx::VarDecl* d : scoped) {
      auto index = static_cast<uint32_t>(out.variables.size());
      if (auto s = add_variable(m, *d, f.name + "::" + d->name, out); !s) return s;
      syms.scoped_variables[d] = index;
      decls.push_back({d, index});
    }
  }
  uint64_t const_end = 0;
  for (isa::Variable& v : out.variables) {
    if (v.space != isa::Space::Const) continue;
    v.offset = align_up(const_end, v.align);
    const_end = v.offset + v.size;
  }
  out.const_bank_bytes = const_end;
  for (const auto& [d, index] : decls)
    if (auto s = initialize(m, *d, index, syms, out); !s) return s;
  return layout_shared(m, syms, out);
}

}  // namespace canopy::compiler
