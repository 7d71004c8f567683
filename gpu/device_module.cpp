// Module loading: global variables and the constant bank, data and code relocations, predecoding.
#include <cstring>

#include "gpu/device_impl.h"
#include "gpu/memory/address_map.h"
#include "isa/services.h"

namespace canopy::gpu {

namespace {

// Frees a half-loaded module's allocations unless the load succeeds.
struct AllocationGuard {
  GlobalMemory& memory;
  std::vector<uint64_t>& owned;
  bool keep = false;
  ~AllocationGuard() {
    if (keep) return;
    for (uint64_t a : owned) (void)memory.release(a);
  }
};

Status check_layout(const isa::Module& m, const GpuConfig& config) {
  if (m.const_bank_bytes > config.const_bytes)
    return make_error("constant bank of " + std::to_string(m.const_bank_bytes) + " bytes exceeds the device's " +
                      std::to_string(config.const_bytes));
  for (const auto& f : m.functions)
    if (f.is_kernel && f.shared_bytes > config.shared_per_block_optin)
      return make_error("kernel '" + f.name + "': static shared memory of " + std::to_string(f.shared_bytes) +
                        " bytes exceeds the per-block limit " + std::to_string(config.shared_per_block_optin));
  for (const auto& v : m.variables) {
    if (v.init.size() > v.size) return make_error("variable '" + v.name + "': initializer larger than the variable");
    if (v.space == isa::Space::Const && (v.offset > m.const_bank_bytes || v.size > m.const_bank_bytes - v.offset))
      return make_error("const variable '" + v.name + "' lies outside the constant bank");
    if (v.space == isa::Space::Global && v.align > kAllocationAlignment)
      return make_error("global variable '" + v.name + "': alignment above 256 bytes");
    if (v.space != isa::Space::Global && v.space != isa::Space::Const && v.space != isa::Space::Shared)
      return make_error("variable '" + v.name + "': module variables must be global, const or shared");
  }
  return Status::success();
}

}  // namespace

Expected<ModuleId> Device::Impl::load(const isa::Module& source) {
  if (Status s = check_layout(source, config); !s) return make_error(source.source_name + ": " + s.error().message);
  auto lm = std::make_unique<LoadedModule>();
  lm->module = std::make_unique<isa::Module>(source);
  isa::Module& m = *lm->module;
  const uint32_t id = static_cast<uint32_t>(modules.size()) + 1;
  AllocationGuard guard{memory, lm->allocations};
  lm->variable_address.assign(m.variables.size(), 0);

  for (const isa::Function& f : m.functions)
    for (const isa::Instr& in : f.code)
      if (in.op == isa::Opcode::Syscall && in.nsrc == 1 && in.src[0].kind == isa::OperandKind::Imm &&
          (in.src[0].imm == static_cast<uint64_t>(isa::Service::Malloc) ||
           in.src[0].imm == static_cast<uint64_t>(isa::Service::Free)))
        lm->uses_heap = true;

  if (m.const_bank_bytes > 0) {
    auto bank = memory.allocate(m.const_bank_bytes);
    if (!bank.ok()) return bank.error();
    lm->allocations.push_back(*bank);
    lm->const_bank = *bank;
  }
  for (size_t i = 0; i < m.variables.size(); ++i) {
    const isa::Variable& v = m.variables[i];
    uint64_t address = 0;
    if (v.space == isa::Space::Global) {
      auto a = memory.allocate(v.size);
      if (!a.ok()) return make_error("global variable '" + v.name + "': " + a.error().message);
      lm->allocations.push_back(*a);
      address = *a;
    } else if (v.space == isa::Space::Const) {
      address = lm->const_bank + v.offset;
    } else {
      continue;
    }
    lm->variable_address[i] = address;
    if (!v.init.empty()) std::memcpy(memory.translate(address, v.init.size()), v.init.data(), v.init.size());
  }

  // A symbol's value in code and data: global variables by device address, const and shared variables by
  // their generic-window address, functions by their opaque function address.
  auto symbol_value = [&](uint32_t symbol, bool is_function, int64_t addend) -> Expected<uint64_t> {
    uint64_t base;
    if (is_function) {
      if (symbol >= m.functions.size()) return make_error("relocation names function #" + std::to_string(symbol));
      base = function_address(id, symbol);
    } else {
      if (symbol >= m.variables.size()) return make_error("relocation names variable #" + std::to_string(symbol));
      const isa::Variable& v = m.variables[symbol];
      base = v.space == isa::Space::Global  ? lm->variable_address[symbol]
             : v.space == isa::Space::Const ? kConstWindowBase + v.offset
                                            : kSharedWindowBase + v.offset;
    }
    return base + static_cast<uint64_t>(addend);
  };

  for (const auto& r : m.data_relocations) {
    if (r.variable >= m.variables.size() || (r.size != 4 && r.size != 8))
      return make_error(m.source_name + ": malformed data relocation");
    const isa::Variable& v = m.variables[r.variable];
    if (v.space == isa::Space::Shared || r.offset > v.size || r.size > v.size - r.offset)
      return make_error(m.source_name + ": data relocation outside variable '" + v.name + "'");
    auto value = symbol_value(r.symbol, r.is_function, r.addend);
    if (!value.ok()) return make_error(m.source_name + ": " + value.error().message);
    uint8_t* p = memory.translate(lm->variable_address[r.variable] + r.offset, r.size);
    if (r.size == 4) {
      auto v32 = static_cast<uint32_t>(*value);
      std::memcpy(p, &v32, 4);
    } else {
      uint64_t v64 = *value;
      std::memcpy(p, &v64, 8);
    }
  }
  for (const auto& r : m.code_relocations) {
    if (r.function >= m.functions.size() || r.instr >= m.functions[r.function].code.size() || r.operand >= 4)
      return make_error(m.source_name + ": malformed code relocation");
    isa::Operand& op = m.functions[r.function].code[r.instr].src[r.operand];
    if (op.kind != isa::OperandKind::Imm) return make_error(m.source_name + ": code relocation on a non-immediate operand");
    auto value = symbol_value(r.symbol, r.is_function, r.addend);
    if (!value.ok()) return make_error(m.source_name + ": " + value.error().message);
    op.imm = *value;
  }

  auto exec = engine->predecode(m, id);
  if (!exec.ok()) return make_error((m.source_name.empty() ? "module" : m.source_name) + ": " + exec.error().message);
  lm->exec = std::move(exec).value();
  guard.keep = true;
  modules.push_back(std::move(lm));
  return ModuleId{id};
}

Expected<ModuleId> Device::load_module(const isa::Module& module) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->load(module);
}

Status Device::unload_module(ModuleId id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  LoadedModule* lm = impl_->module(id);
  if (!lm) return make_error("invalid module handle " + std::to_string(id.value));
  for (uint64_t a : lm->allocations) (void)impl_->memory.release(a);
  impl_->modules[id.value - 1].reset();
  return Status::success();
}

Expected<KernelId> Device::find_kernel(ModuleId id, std::string_view name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  LoadedModule* lm = impl_->module(id);
  if (!lm) return make_error("invalid module handle " + std::to_string(id.value));
  const auto& fns = lm->module->functions;
  for (uint32_t i = 0; i < fns.size(); ++i)
    if (fns[i].name == name) {
      if (!fns[i].is_kernel) return make_error(std::string("'").append(name) + "' is a device function, not a kernel");
      return KernelId{id.value, i};
    }
  return make_error("no kernel named '" + std::string(name) + "' in module");
}

Expected<uint64_t> Device::symbol_address(ModuleId id, std::string_view name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  LoadedModule* lm = impl_->module(id);
  if (!lm) return make_error("invalid module handle " + std::to_string(id.value));
  const auto& vars = lm->module->variables;
  for (size_t i = 0; i < vars.size(); ++i)
    if (vars[i].name == name) {
      if (vars[i].space == isa::Space::Shared) return make_error(std::string("'").append(name) + "' is a shared variable");
      return lm->variable_address[i];
    }
  return make_error("no global or const variable named '" + std::string(name) + "' in module");
}

Expected<uint64_t> Device::symbol_size(ModuleId id, std::string_view name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  LoadedModule* lm = impl_->module(id);
  if (!lm) return make_error("invalid module handle " + std::to_string(id.value));
  for (const auto& v : lm->module->variables)
    if (v.name == name && v.space != isa::Space::Shared) return v.size;
  return make_error("no global or const variable named '" + std::string(name) + "' in module");
}

const isa::Function& Device::kernel_info(KernelId kernel) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  static const isa::Function kNone{};
  LoadedModule* lm = impl_->module(ModuleId{kernel.module});
  if (!lm || kernel.function >= lm->module->functions.size()) return kNone;
  return lm->module->functions[kernel.function];
}

}  // namespace canopy::gpu
