// The finalizer's working form of a function: native instructions over virtual registers, with labels
// as pseudo-instructions and the facts emission still needs (relocations, call-frame fixups). Register
// allocation rewrites operands in place; emission turns labels into instruction indices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "isa/isa.h"
#include "isa/module.h"

namespace canopy::compiler {

constexpr uint32_t kNone = 0xffffffffu;

struct SymbolReloc {
  uint8_t operand = 0;  // index into Instr::src holding the immediate
  uint32_t symbol = 0;  // Variable index, or Function index with is_function
  bool is_function = false;
  int64_t addend = 0;
};

// Before allocation, OperandKind::Reg indices are GPR virtual registers, OperandKind::Pred indices and
// `guard` are predicate virtual registers.
struct VInstr {
  isa::Instr in;
  bool is_label = false;   // pseudo-instruction marking `label`
  uint32_t label = kNone;  // is_label: the label defined here; Bra: the target label
  std::optional<SymbolReloc> reloc;
  bool outgoing = false;  // offset is relative to the end of this frame (call arguments/results)
  bool spill = false;     // inserted by the register allocator
};

struct VFunction {
  std::string name;
  bool is_kernel = false;
  std::vector<VInstr> code;
  uint32_t num_gpr = 0;           // virtual GPRs
  uint32_t num_pred = 0;          // virtual predicates
  std::vector<uint8_t> gpr_bits;  // declared width of each virtual GPR (8..64), for copy coalescing
  uint32_t num_labels = 0;
  uint32_t frame_bytes = 0;  // params + returns + locals (+ spills once allocated)
  uint32_t spill_stores = 0, spill_loads = 0;

  uint32_t new_gpr(unsigned bits = 64) {
    gpr_bits.push_back(static_cast<uint8_t>(bits));
    return num_gpr++;
  }
  uint32_t new_pred() { return num_pred++; }
  uint32_t new_label() { return num_labels++; }
};

// Every register operand of an instruction, for passes that rewrite or inspect them.
// Visits sources (incl. the address register and the guard) as uses and destinations as defs.
template <typename UseFn, typename DefFn>
void for_each_operand(isa::Instr& in, UseFn&& use, DefFn&& def) {
  for (unsigned i = 0; i < in.nsrc && i < in.src.size(); ++i)
    if (in.src[i].kind == isa::OperandKind::Reg || in.src[i].kind == isa::OperandKind::Pred) use(in.src[i]);
  if (in.addr.kind == isa::OperandKind::Reg) use(in.addr);
  for (unsigned i = 0; i < in.ndst && i < in.dst.size(); ++i)
    if (in.dst[i].kind == isa::OperandKind::Reg || in.dst[i].kind == isa::OperandKind::Pred) def(in.dst[i]);
}

// True for instructions after which control never falls through to the next one.
inline bool is_unconditional_terminator(const isa::Instr& in) {
  if (in.guard != isa::kNoGuard) return false;
  return in.op == isa::Opcode::Bra || in.op == isa::Opcode::Exit || in.op == isa::Opcode::Ret ||
         in.op == isa::Opcode::Trap;
}

}  // namespace canopy::compiler
