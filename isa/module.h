// A native module: what the finalizer produces, what `canopy ptxas -o` writes, and what the device
// loads. The binary format (isa/module_format.cpp) is versioned and documented in docs/module-format.md.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.h"

namespace canopy::isa {

// A kernel parameter as laid out in the kernel's parameter buffer (ld.param in a kernel reads it).
struct ParamInfo {
  std::string name;
  uint32_t offset = 0;
  uint32_t size = 0;
  uint32_t align = 1;
};

struct Function {
  std::string name;
  bool is_kernel = false;           // .entry
  std::vector<Instr> code;          // branch targets are indices into code
  uint32_t num_regs = 0;            // general registers used (R0..num_regs-1), after allocation
  uint32_t num_preds = 0;           // predicate registers used
  uint32_t local_bytes = 0;         // per-thread local frame: .local variables, spills, outgoing call params
  uint32_t param_bytes = 0;         // kernel: parameter buffer size; func: incoming parameter bytes
  uint32_t return_bytes = 0;        // func: return-value bytes
  std::vector<ParamInfo> params;
  std::vector<ParamInfo> returns;
  std::array<uint32_t, 3> reqntid{0, 0, 0};  // .reqntid, 0 = unspecified
  std::array<uint32_t, 3> maxntid{0, 0, 0};  // .maxntid, 0 = unspecified
  uint32_t min_ctas_per_sm = 0;
  uint32_t max_regs = 0;            // .maxnreg
  uint32_t source_line = 0;         // line of the .entry/.func in the PTX
  uint32_t spill_stores = 0;        // register-allocator spill stores / loads in `code` (for ptxas -v)
  uint32_t spill_loads = 0;
  uint32_t shared_bytes = 0;        // kernel: static shared bytes, the .shared variables it reaches through
                                    // calls; its dynamic shared array starts at this rounded up to 16
};

// Module-scope data: .global, .const and .shared variables.
struct Variable {
  std::string name;
  Space space = Space::Global;      // Global, Const or Shared
  uint64_t size = 0;
  uint32_t align = 1;
  uint64_t offset = 0;              // Const: offset in the module's constant bank; Shared: offset in the
                                    // shared memory of every kernel that uses it; Global: unused (allocated
                                    // at load)
  std::vector<uint8_t> init;        // initial bytes (empty = zero); size() <= size
  bool is_extern = false;           // `.extern .shared` dynamic shared array: offset = the static shared
                                    // bytes of the kernels that use it, rounded up to 16
  bool is_visible = false;
};

// An immediate operand that holds the address of a symbol, patched when the module is loaded.
// The symbol is a Variable index (its generic/global address) or, with `is_function`, a Function index.
struct CodeRelocation {
  uint32_t function = 0;
  uint32_t instr = 0;
  uint8_t operand = 0;              // index into Instr::src
  uint32_t symbol = 0;
  bool is_function = false;
  int64_t addend = 0;
};

// A pointer inside a variable's initializer (`.global .u64 table[2] = {a, generic(b)};`).
struct DataRelocation {
  uint32_t variable = 0;            // the variable whose bytes are patched
  uint64_t offset = 0;              // byte offset in that variable
  uint8_t size = 8;                 // 4 or 8 bytes
  uint32_t symbol = 0;              // Variable (or Function with is_function) whose address is written
  bool is_function = false;
  int64_t addend = 0;
};

struct Module {
  static constexpr uint32_t kFormatVersion = 2;

  std::string source_name;          // the PTX file it came from
  std::string ptx_target;           // e.g. "sm_80"
  uint32_t ptx_version = 0;         // major * 10 + minor
  std::vector<Function> functions;
  std::vector<Variable> variables;
  uint64_t const_bank_bytes = 0;    // size of the constant bank holding every Const variable
  uint64_t shared_static_bytes = 0; // extent of the static shared layout: every static .shared variable
                                    // and every kernel's shared_bytes fit in it (a kernel gets only its own
                                    // Function::shared_bytes)
  std::vector<CodeRelocation> code_relocations;
  std::vector<DataRelocation> data_relocations;
  std::vector<std::string> source_files;  // from .file, for line tables (index = file number)

  // Index of the function called `name`, or -1.
  int find_function(const std::string& name) const {
    for (size_t i = 0; i < functions.size(); ++i)
      if (functions[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace canopy::isa
