#include "compiler/finalize.h"

#include <algorithm>

#include "compiler/emit.h"
#include "compiler/lower.h"
#include "compiler/regalloc.h"
#include "compiler/symbols.h"
#include "ptx/parser.h"

namespace canopy::compiler {

Expected<isa::Module> finalize(const ptx::Module& ptx, const FinalizeOptions& options) {
  isa::Module out;
  out.source_name = ptx.source_name;
  for (const std::string& t : ptx.targets)
    if (t.rfind("sm_", 0) == 0 || t.rfind("compute_", 0) == 0) {
      out.ptx_target = t;
      break;
    }
  out.ptx_version = ptx.version_major * 10 + ptx.version_minor;
  for (const auto& [number, name] : ptx.files) {
    if (number > 65536) continue;
    if (out.source_files.size() <= number) out.source_files.resize(number + 1);
    out.source_files[number] = name;
  }
  ModuleSymbols syms;
  if (auto s = build_symbols(ptx, out, syms); !s) return s.error();

  std::vector<const FuncSig*> defined(out.functions.size(), nullptr);
  for (const FuncSig& sig : syms.sigs)
    if (sig.index >= 0) defined[static_cast<size_t>(sig.index)] = &sig;
  for (uint32_t index = 0; index < defined.size(); ++index) {
    const FuncSig& sig = *defined[index];
    Lowerer lowerer(ptx, out, syms, sig);
    Expected<VFunction> fn = lowerer.run();
    if (!fn) return fn.error();
    uint32_t budget = options.max_registers;
    if (sig.decl->perf.maxnreg != 0) budget = std::min(budget, sig.decl->perf.maxnreg);
    Expected<Assignment> a = assign_registers(*fn, budget, options.max_predicates);
    if (!a) return Error{format_diagnostic(ptx.source_name, sig.decl->loc, a.error().message)};
    remove_trivial_instructions(*fn, *a);
    apply_assignment(*fn, *a);
    emit_function(*fn, sig, index, *a, out);
  }
  return out;
}

Expected<isa::Module> compile_ptx(std::string_view text, std::string source_name,
                                  const FinalizeOptions& options) {
  Expected<ptx::Module> parsed = ptx::parse(text, std::move(source_name));
  if (!parsed) return parsed.error();
  return finalize(*parsed, options);
}

std::vector<KernelResources> resource_usage(const isa::Module& module) {
  std::vector<KernelResources> out;
  for (const isa::Function& f : module.functions) {
    if (!f.is_kernel) continue;
    KernelResources r;
    r.name = f.name;
    r.registers = f.num_regs;
    r.predicates = f.num_preds;
    r.shared_bytes = f.shared_bytes;
    r.local_bytes = f.local_bytes;
    r.const_bytes = static_cast<uint32_t>(module.const_bank_bytes);
    r.param_bytes = f.param_bytes;
    r.spill_stores = f.spill_stores;
    r.spill_loads = f.spill_loads;
    out.push_back(r);
  }
  return out;
}

}  // namespace canopy::compiler
