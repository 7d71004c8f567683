// Module-level symbols: variables laid out into the constant bank and per-kernel shared memory
// (shared_layout.h), function signatures with their parameter layouts (kernel parameter buffer or call
// frame).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "isa/module.h"
#include "ptx/ast.h"
#include "support/expected.h"

namespace canopy::compiler {

struct FuncSig {
  const ptx::Function* decl = nullptr;  // the definition if there is one, else the first declaration
  int32_t index = -1;                   // isa::Module function index; -1 for a body-less declaration
  std::vector<isa::ParamInfo> params, returns;
  uint32_t param_bytes = 0, return_bytes = 0;
};

struct ModuleSymbols {
  std::unordered_map<std::string, uint32_t> variables;  // module-scope name -> Variable index
  std::unordered_map<const ptx::VarDecl*, uint32_t>
      scoped_variables;                                 // function-scope .shared/.global/.const
  std::unordered_set<uint32_t> texrefs;                 // variables declared .texref (8-byte handle cells)
  std::unordered_map<std::string, uint32_t> functions;  // name -> index into sigs
  std::vector<FuncSig> sigs;
};

// Size and alignment of a declared variable or parameter.
struct DataLayout {
  uint64_t size = 0;
  uint32_t align = 1;
};
DataLayout layout_of(const ptx::VarDecl& v);
DataLayout layout_of(const ptx::Param& p);

// Lays out parameters one after another from `start`, each at its alignment; returns the end offset.
// Fails (message without position) for a parameter of unsupported type.
Expected<uint32_t> layout_params(const std::vector<ptx::Param>& params, uint32_t start,
                                 std::vector<isa::ParamInfo>& out);

// Fills out.variables, the const bank, the shared layout (offsets, each kernel's shared_bytes), data
// relocations and the function table.
Status build_symbols(const ptx::Module& ptx, isa::Module& out, ModuleSymbols& syms);

}  // namespace canopy::compiler
