// The finalizer: PTX AST -> Canopy native module (what ptxas is to NVIDIA GPUs). It lays out symbols,
// lowers every PTX instruction to native instructions over virtual registers, computes reconvergence
// points, allocates registers (spilling to the local frame under pressure) and emits isa::Module.
// The ABI it implements is docs/architecture.md; its own decisions are in docs/finalizer.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "isa/module.h"
#include "ptx/ast.h"
#include "support/expected.h"

namespace canopy::compiler {

struct FinalizeOptions {
  uint32_t max_registers = 255;  // per-thread GPR budget (64-bit slots); a function's .maxnreg can lower it
  uint32_t max_predicates = 64;
};

// What a kernel uses, as `ptxas -v` reports it. Spill counts are instruction counts (8 bytes each).
struct KernelResources {
  std::string name;
  uint32_t registers = 0, predicates = 0;
  uint32_t shared_bytes = 0, local_bytes = 0, const_bytes = 0, param_bytes = 0;
  uint32_t spill_stores = 0, spill_loads = 0;
};

// Errors are "file:line:col: message" with the PTX position of the offending instruction or declaration.
Expected<isa::Module> finalize(const ptx::Module& ptx, const FinalizeOptions& options = {});

// ptx::parse + finalize.
Expected<isa::Module> compile_ptx(std::string_view text, std::string source_name,
                                  const FinalizeOptions& options = {});

// One entry per kernel (.entry), in module order.
std::vector<KernelResources> resource_usage(const isa::Module& module);

}  // namespace canopy::compiler
