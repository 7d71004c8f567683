#include "compiler/shared_layout.h"

#include <algorithm>
#include <numeric>

namespace canopy::compiler {

namespace {

// Function::shared_bytes is 32 bits; no device comes near this anyway.
constexpr uint64_t kMaxSharedBytes = 0xffffffffu;
constexpr uint64_t kDynamicAlign = 16;  // the ABI's alignment of the dynamic shared array

uint64_t align_up(uint64_t v, uint64_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }

// What one function body references by name, before following calls.
struct DirectUse {
  std::vector<uint32_t> variables;  // shared variables (module or function scope)
  std::vector<uint32_t> callees;    // isa function indices of direct calls
  bool calls_indirectly = false;
};

// Finds shared variables, call targets and address-taken functions in a body. Names are matched
// against module symbols without regard to local shadowing: a local that hides a module name only makes
// the result larger, never wrong.
class UseCollector {
 public:
  UseCollector(const ModuleSymbols& syms, const isa::Module& out, std::vector<bool>& address_taken)
      : syms_(syms), out_(out), address_taken_(address_taken) {}

  void block(const ptx::Block& b, DirectUse& use, int depth) {
    if (depth > 1000) return;  // the parser bounds nesting; this only keeps recursion finite
    for (const ptx::Statement& s : b.statements) {
      if (const auto* d = std::get_if<ptx::VarDecl>(&s)) {
        // A function-scope .shared variable is visible in this body only.
        if (auto it = syms_.scoped_variables.find(d);
            it != syms_.scoped_variables.end() && is_shared(it->second))
          use.variables.push_back(it->second);
      } else if (const auto* in = std::get_if<ptx::Instruction>(&s)) {
        instruction(*in, use);
      } else if (const auto* inner = std::get_if<std::unique_ptr<ptx::Block>>(&s)) {
        if (*inner) block(**inner, use, depth + 1);
      }
    }
  }

 private:
  bool is_shared(uint32_t variable) const { return out_.variables[variable].space == isa::Space::Shared; }

  int32_t defined_function(const std::string& name) const {
    auto it = syms_.functions.find(name);
    return it == syms_.functions.end() ? -1 : syms_.sigs[it->second].index;
  }

  // `call (rets), f, (args)` or `call (rets), %reg, (args), proto`: the first non-list operand is the callee.
  void instruction(const ptx::Instruction& in, DirectUse& use) {
    size_t callee = in.operands.size();
    if (in.opcode == "call") {
      callee = !in.operands.empty() && in.operands[0].kind == ptx::Operand::Kind::ParamList ? 1 : 0;
      if (callee < in.operands.size() && in.operands[callee].kind == ptx::Operand::Kind::Register) {
        const int32_t target = defined_function(in.operands[callee].name);
        if (target >= 0)
          use.callees.push_back(static_cast<uint32_t>(target));
        else
          use.calls_indirectly = true;
      }
    }
    for (size_t i = 0; i < in.operands.size(); ++i)
      if (i != callee) operand(in.operands[i], use, 0);
  }

  void operand(const ptx::Operand& o, DirectUse& use, int depth) {
    if (depth > 64) return;
    switch (o.kind) {
      case ptx::Operand::Kind::Register:
      case ptx::Operand::Kind::SymbolOffset:
        name(o.name, use);
        break;
      case ptx::Operand::Kind::Address:
        name(o.address.base, use);
        break;
      default:
        break;
    }
    for (const ptx::Operand& e : o.elements) operand(e, use, depth + 1);
  }

  void name(const std::string& n, DirectUse& use) {
    if (n.empty()) return;
    if (auto it = syms_.variables.find(n); it != syms_.variables.end()) {
      if (is_shared(it->second)) use.variables.push_back(it->second);
      return;
    }
    const int32_t f = defined_function(n);
    if (f >= 0) address_taken_[static_cast<size_t>(f)] = true;
  }

  const ModuleSymbols& syms_;
  const isa::Module& out_;
  std::vector<bool>& address_taken_;
};

// For each variable, the ordinals (positions in `kernels`) of the kernels that reach it, ascending.
std::vector<std::vector<uint32_t>> kernels_of_variables(const isa::Module& out,
                                                        const std::vector<uint32_t>& kernels,
                                                        const std::vector<DirectUse>& uses,
                                                        const std::vector<bool>& address_taken) {
  std::vector<std::vector<uint32_t>> users(out.variables.size());
  std::vector<uint32_t> indirect_targets;
  for (uint32_t f = 0; f < address_taken.size(); ++f)
    if (address_taken[f]) indirect_targets.push_back(f);
  for (uint32_t k = 0; k < kernels.size(); ++k) {
    std::vector<bool> seen(uses.size(), false);
    std::vector<uint32_t> stack{kernels[k]};
    seen[kernels[k]] = true;
    auto visit = [&](uint32_t f) {
      if (seen[f]) return;
      seen[f] = true;
      stack.push_back(f);
    };
    while (!stack.empty()) {
      const DirectUse& use = uses[stack.back()];
      stack.pop_back();
      for (uint32_t v : use.variables)
        if (users[v].empty() || users[v].back() != k) users[v].push_back(k);
      for (uint32_t c : use.callees) visit(c);
      if (use.calls_indirectly)
        for (uint32_t t : indirect_targets) visit(t);
    }
  }
  // A shared address stored in an initializer can reach any kernel.
  std::vector<uint32_t> all(kernels.size());
  std::iota(all.begin(), all.end(), 0u);
  for (const isa::DataRelocation& r : out.data_relocations)
    if (!r.is_function && r.symbol < out.variables.size() &&
        out.variables[r.symbol].space == isa::Space::Shared)
      users[r.symbol] = all;
  return users;
}

struct Interval {
  uint64_t begin = 0, end = 0;
};

// The lowest `align`-aligned offset where `size` bytes overlap none of `busy`.
uint64_t lowest_free(std::vector<Interval> busy, uint64_t size, uint64_t align) {
  std::sort(busy.begin(), busy.end(), [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  uint64_t offset = 0;
  for (const Interval& b : busy) {
    if (b.end <= offset) continue;
    if (offset + size <= b.begin) break;
    offset = align_up(b.end, align);
  }
  return offset;
}

// Kernels that reach a common `.extern .shared` array must agree on where it starts: they are merged into
// groups (union-find), and every kernel of a group gets the group's largest static size.
void unify_dynamic_base(isa::Module& out, const std::vector<std::vector<uint32_t>>& users,
                        std::vector<uint64_t>& kernel_bytes) {
  std::vector<uint32_t> parent(kernel_bytes.size());
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t k) {
    while (parent[k] != k) k = parent[k] = parent[parent[k]];
    return k;
  };
  std::vector<bool> dynamic(kernel_bytes.size(), false);
  std::vector<uint64_t> group_align(kernel_bytes.size(), kDynamicAlign);
  for (size_t v = 0; v < out.variables.size(); ++v) {
    if (!out.variables[v].is_extern || users[v].empty()) continue;
    for (uint32_t k : users[v]) parent[find(k)] = find(users[v][0]);
  }
  for (size_t v = 0; v < out.variables.size(); ++v) {
    if (!out.variables[v].is_extern || users[v].empty()) continue;
    const uint32_t root = find(users[v][0]);
    dynamic[root] = true;
    group_align[root] = std::max<uint64_t>(group_align[root], out.variables[v].align);
  }
  std::vector<uint64_t> group_bytes(kernel_bytes.size(), 0);
  for (uint32_t k = 0; k < kernel_bytes.size(); ++k)
    group_bytes[find(k)] = std::max(group_bytes[find(k)], kernel_bytes[k]);
  for (uint32_t k = 0; k < kernel_bytes.size(); ++k) {
    const uint32_t root = find(k);
    // Alignment above 16 is folded into the static size, so "round the static size up to 16" stays the rule.
    if (dynamic[root])
      kernel_bytes[k] =
          align_up(group_bytes[root], group_align[root] > kDynamicAlign ? group_align[root] : 1);
  }
  for (size_t v = 0; v < out.variables.size(); ++v) {
    isa::Variable& var = out.variables[v];
    if (var.is_extern) var.offset = users[v].empty() ? 0 : align_up(kernel_bytes[users[v][0]], kDynamicAlign);
  }
}

std::vector<SourceLoc> variable_locations(const ptx::Module& ptx, const ModuleSymbols& syms, size_t count) {
  std::vector<SourceLoc> loc(count);
  for (const ptx::VarDecl& d : ptx.globals)
    if (auto it = syms.variables.find(d.name); it != syms.variables.end() && it->second < count)
      loc[it->second] = d.loc;
  for (const auto& [decl, index] : syms.scoped_variables)
    if (index < count) loc[index] = decl->loc;
  return loc;
}

}  // namespace

Status layout_shared(const ptx::Module& ptx, const ModuleSymbols& syms, isa::Module& out) {
  const size_t num_functions = out.functions.size();
  std::vector<DirectUse> uses(num_functions);
  std::vector<SourceLoc> function_loc(num_functions);
  std::vector<bool> address_taken(num_functions, false);
  UseCollector collector(syms, out, address_taken);
  size_t index = 0;  // build_symbols numbers defined functions in module order
  for (const ptx::Function& f : ptx.functions) {
    if (!f.has_body || index >= num_functions) continue;
    function_loc[index] = f.loc;
    collector.block(f.body, uses[index++], 0);
  }
  for (const isa::DataRelocation& r : out.data_relocations)
    if (r.is_function && r.symbol < num_functions) address_taken[r.symbol] = true;

  std::vector<uint32_t> kernels;
  for (uint32_t f = 0; f < num_functions; ++f)
    if (out.functions[f].is_kernel) kernels.push_back(f);
  const auto users = kernels_of_variables(out, kernels, uses, address_taken);
  const std::vector<SourceLoc> var_loc = variable_locations(ptx, syms, out.variables.size());

  // Interval colouring in module order: each variable takes the lowest offset free in all its kernels.
  std::vector<std::vector<Interval>> placed(kernels.size());
  std::vector<uint64_t> kernel_bytes(kernels.size(), 0);
  uint64_t extent = 0;
  for (size_t v = 0; v < out.variables.size(); ++v) {
    isa::Variable& var = out.variables[v];
    if (var.space != isa::Space::Shared || var.is_extern) continue;
    if (var.size > kMaxSharedBytes)
      return make_error(format_diagnostic(ptx.source_name, var_loc[v],
                                          ".shared variable '" + var.name + "' is larger than 4 GiB"));
    std::vector<Interval> busy;
    for (uint32_t k : users[v]) busy.insert(busy.end(), placed[k].begin(), placed[k].end());
    var.offset = lowest_free(std::move(busy), var.size, var.align);
    const Interval mine{var.offset, var.offset + var.size};
    for (uint32_t k : users[v]) {
      placed[k].push_back(mine);
      kernel_bytes[k] = std::max(kernel_bytes[k], mine.end);
    }
    extent = std::max(extent, mine.end);
  }
  unify_dynamic_base(out, users, kernel_bytes);
  for (uint32_t k = 0; k < kernels.size(); ++k) {
    if (kernel_bytes[k] > kMaxSharedBytes)
      return make_error(format_diagnostic(
          ptx.source_name, function_loc[kernels[k]],
          "static shared memory of kernel '" + out.functions[kernels[k]].name + "' is larger than 4 GiB"));
    out.functions[kernels[k]].shared_bytes = static_cast<uint32_t>(kernel_bytes[k]);
    extent = std::max(extent, kernel_bytes[k]);
  }
  out.shared_static_bytes = extent;
  return Status::success();
}

}  // namespace canopy::compiler
