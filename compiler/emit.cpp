#include "compiler/emit.h"

#include "compiler/cfg.h"
#include "compiler/postdom.h"

namespace canopy::compiler {

namespace {

// A copy whose source and destination got the same register, and that would not truncate the value.
bool is_self_copy(const VFunction& fn, const VInstr& v, const Assignment& a) {
  const isa::Instr& in = v.in;
  if (v.is_label || in.op != isa::Opcode::Mov || in.guard != isa::kNoGuard || in.ndst != 1 || in.nsrc != 1 ||
      v.reloc || in.dst[0].kind != in.src[0].kind)
    return false;
  const uint32_t d = in.dst[0].index, s = in.src[0].index;
  if (in.dst[0].kind == isa::OperandKind::Pred)
    return d < a.pred.size() && s < a.pred.size() && a.pred[d] == a.pred[s];
  if (in.dst[0].kind != isa::OperandKind::Reg || d >= a.gpr.size() || s >= a.gpr.size() ||
      a.gpr[d] != a.gpr[s])
    return false;
  const unsigned width = isa::bit_width(in.type);
  return width == 64 || (s < fn.gpr_bits.size() && fn.gpr_bits[s] <= width);
}

bool branches_to_next(const std::vector<VInstr>& code, size_t i) {
  if (code[i].is_label || code[i].in.op != isa::Opcode::Bra) return false;
  for (size_t j = i + 1; j < code.size() && code[j].is_label; ++j)
    if (code[j].label == code[i].label) return true;
  return false;
}

}  // namespace

void remove_trivial_instructions(VFunction& fn, const Assignment& a) {
  std::vector<VInstr> out;
  out.reserve(fn.code.size());
  for (size_t i = 0; i < fn.code.size(); ++i)
    if (!is_self_copy(fn, fn.code[i], a) && !branches_to_next(fn.code, i))
      out.push_back(std::move(fn.code[i]));
  fn.code = std::move(out);
}

void emit_function(VFunction& fn, const FuncSig& sig, uint32_t index, const Assignment& a, isa::Module& out) {
  isa::Function& f = out.functions[index];
  const ptx::Function& decl = *sig.decl;
  f.local_bytes = (fn.frame_bytes + 15u) & ~15u;

  // Final index of every instruction and label.
  std::vector<uint32_t> label_index(fn.num_labels, 0);
  std::vector<uint32_t> final_index(fn.code.size() + 1, 0);
  uint32_t n = 0;
  for (size_t i = 0; i < fn.code.size(); ++i) {
    final_index[i] = n;
    if (fn.code[i].is_label) {
      if (fn.code[i].label < fn.num_labels) label_index[fn.code[i].label] = n;
    } else {
      ++n;
    }
  }
  final_index[fn.code.size()] = n;

  Cfg cfg = build_cfg(fn);
  std::vector<std::vector<uint32_t>> succs(cfg.blocks.size());
  for (size_t b = 0; b < cfg.blocks.size(); ++b) succs[b] = cfg.blocks[b].succs;
  std::vector<uint32_t> ipdom = immediate_postdominators(succs);
  std::vector<uint32_t> block_of(fn.code.size(), 0);
  for (uint32_t b = 0; b < cfg.blocks.size(); ++b)
    for (uint32_t i = cfg.blocks[b].begin; i < cfg.blocks[b].end; ++i) block_of[i] = b;

  f.code.clear();
  f.code.reserve(n);
  for (size_t i = 0; i < fn.code.size(); ++i) {
    const VInstr& v = fn.code[i];
    if (v.is_label) continue;
    isa::Instr in = v.in;
    if (in.op == isa::Opcode::Bra) {
      in.target = v.label < fn.num_labels ? label_index[v.label] : isa::kNoTarget;
      if (in.guard != isa::kNoGuard) {
        uint32_t p = ipdom[block_of[i]];
        in.reconverge = p == kVirtualExit ? isa::kNoTarget : final_index[cfg.blocks[p].begin];
      }
    }
    if (v.outgoing) in.offset += f.local_bytes;
    if (v.reloc) {
      isa::CodeRelocation r;
      r.function = index;
      r.instr = static_cast<uint32_t>(f.code.size());
      r.operand = v.reloc->operand;
      r.symbol = v.reloc->symbol;
      r.is_function = v.reloc->is_function;
      r.addend = v.reloc->addend;
      out.code_relocations.push_back(r);
    }
    f.code.push_back(in);
  }
  f.num_regs = a.num_regs;
  f.num_preds = a.num_preds;
  f.param_bytes = sig.param_bytes;
  f.return_bytes = sig.return_bytes;
  f.params = sig.params;
  f.returns = sig.returns;
  for (size_t k = 0; k < 3; ++k) {
    f.reqntid[k] = k < decl.perf.reqntid.size() ? decl.perf.reqntid[k] : 0;
    f.maxntid[k] = k < decl.perf.maxntid.size() ? decl.perf.maxntid[k] : 0;
  }
  // A 1- or 2-component .reqntid/.maxntid leaves the others at 1.
  for (auto* dims : {&f.reqntid, &f.maxntid})
    if ((*dims)[0] != 0)
      for (auto& d : *dims)
        if (d == 0) d = 1;
  f.min_ctas_per_sm = decl.perf.minnctapersm;
  f.max_regs = decl.perf.maxnreg;
  f.spill_stores = fn.spill_stores;
  f.spill_loads = fn.spill_loads;
}

}  // namespace canopy::compiler
