// Spill code: every spilled GPR lives in an 8-byte slot of the local frame; each instruction that
// reads it gets a fresh temporary loaded just before, each that writes it a temporary stored just after.
#include <algorithm>

#include "compiler/regalloc.h"

namespace canopy::compiler {

namespace {

VInstr spill_access(isa::Opcode op, uint32_t reg, uint32_t slot, uint32_t line) {
  VInstr v;
  v.spill = true;
  isa::Instr& in = v.in;
  in.op = op;
  in.type = isa::DataType::B64;
  in.mods.space = isa::Space::Local;
  in.mods.frame_relative = true;
  in.offset = slot;
  in.line = line;
  if (op == isa::Opcode::Ld) {
    in.ndst = 1;
    in.dst[0] = isa::Operand::reg(reg);
  } else {
    in.nsrc = 1;
    in.src[0] = isa::Operand::reg(reg);
  }
  return v;
}

}  // namespace

void insert_spill_code(VFunction& fn, const std::vector<bool>& spilled, std::vector<bool>& no_spill) {
  std::vector<uint32_t> slot(fn.num_gpr, kNone);
  fn.frame_bytes = (fn.frame_bytes + 7u) & ~7u;
  for (uint32_t v = 0; v < fn.num_gpr && v < spilled.size(); ++v)
    if (spilled[v]) {
      slot[v] = fn.frame_bytes;
      fn.frame_bytes += 8;
    }
  auto is_spilled = [&](uint32_t r) { return r < slot.size() && slot[r] != kNone; };
  std::vector<VInstr> out;
  out.reserve(fn.code.size() * 2);
  for (VInstr& v : fn.code) {
    if (v.is_label) {
      out.push_back(std::move(v));
      continue;
    }
    // Spilled register -> its temporary for this instruction.
    std::vector<std::pair<uint32_t, uint32_t>> temps;
    auto temp_for = [&](uint32_t r) {
      for (auto& [orig, t] : temps)
        if (orig == r) return t;
      uint32_t t = fn.new_gpr(fn.gpr_bits[r]);
      no_spill.resize(fn.num_gpr, false);
      no_spill[t] = true;
      temps.push_back({r, t});
      return t;
    };
    std::vector<VInstr> before, after;
    std::vector<uint32_t> loaded;
    auto load = [&](uint32_t r, uint32_t t) {
      if (std::find(loaded.begin(), loaded.end(), r) != loaded.end()) return;
      loaded.push_back(r);
      before.push_back(spill_access(isa::Opcode::Ld, t, slot[r], v.in.line));
      ++fn.spill_loads;
    };
    auto on_use = [&](isa::Operand& o) {
      if (o.kind != isa::OperandKind::Reg || !is_spilled(o.index)) return;
      uint32_t r = o.index, t = temp_for(r);
      o.index = t;
      load(r, t);
    };
    std::vector<uint32_t> stored;
    auto on_def = [&](isa::Operand& o) {
      if (o.kind != isa::OperandKind::Reg || !is_spilled(o.index)) return;
      uint32_t r = o.index, t = temp_for(r);
      o.index = t;
      // A guarded write may not happen: the temporary must then carry the old value to the store.
      if (v.in.guard != isa::kNoGuard) load(r, t);
      if (std::find(stored.begin(), stored.end(), r) != stored.end()) return;
      stored.push_back(r);
      after.push_back(spill_access(isa::Opcode::St, t, slot[r], v.in.line));
      ++fn.spill_stores;
    };
    for_each_operand(v.in, on_use, on_def);
    for (VInstr& b : before) out.push_back(std::move(b));
    out.push_back(std::move(v));
    for (VInstr& a : after) out.push_back(std::move(a));
  }
  fn.code = std::move(out);
}

}  // namespace canopy::compiler
