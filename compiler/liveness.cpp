#include "compiler/liveness.h"

namespace canopy::compiler {

bool Bitset::merge(const Bitset& other) {
  bool changed = false;
  for (size_t w = 0; w < words_.size() && w < other.words_.size(); ++w) {
    uint64_t merged = words_[w] | other.words_[w];
    changed |= merged != words_[w];
    words_[w] = merged;
  }
  return changed;
}

namespace {

isa::OperandKind kind_of(RegClass rc) {
  return rc == RegClass::Gpr ? isa::OperandKind::Reg : isa::OperandKind::Pred;
}

}  // namespace

void instr_uses(const isa::Instr& in, RegClass rc, std::vector<uint32_t>& out) {
  out.clear();
  const isa::OperandKind k = kind_of(rc);
  for (unsigned i = 0; i < in.nsrc && i < in.src.size(); ++i)
    if (in.src[i].kind == k) out.push_back(in.src[i].index);
  if (in.addr.kind == k) out.push_back(in.addr.index);
  if (rc == RegClass::Pred && in.guard != isa::kNoGuard) out.push_back(in.guard);
}

void instr_defs(const isa::Instr& in, RegClass rc, std::vector<uint32_t>& out) {
  out.clear();
  const isa::OperandKind k = kind_of(rc);
  for (unsigned i = 0; i < in.ndst && i < in.dst.size(); ++i)
    if (in.dst[i].kind == k) out.push_back(in.dst[i].index);
}

Liveness compute_liveness(const VFunction& fn, const Cfg& cfg, RegClass rc) {
  const uint32_t nregs = rc == RegClass::Gpr ? fn.num_gpr : fn.num_pred;
  const size_t nb = cfg.blocks.size();
  // Per block: upward-exposed uses and killed registers.
  std::vector<Bitset> gen(nb, Bitset(nregs)), kill(nb, Bitset(nregs));
  std::vector<uint32_t> uses, defs;
  for (size_t b = 0; b < nb; ++b) {
    for (uint32_t i = cfg.blocks[b].end; i > cfg.blocks[b].begin; --i) {
      const VInstr& v = fn.code[i - 1];
      if (v.is_label) continue;
      instr_defs(v.in, rc, defs);
      if (v.in.guard == isa::kNoGuard)
        for (uint32_t d : defs) {
          gen[b].reset(d);
          kill[b].set(d);
        }
      instr_uses(v.in, rc, uses);
      for (uint32_t u : uses) gen[b].set(u);
    }
  }
  Liveness lv;
  lv.live_in.assign(nb, Bitset(nregs));
  lv.live_out.assign(nb, Bitset(nregs));
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t b = nb; b-- > 0;) {
      for (uint32_t s : cfg.blocks[b].succs) lv.live_out[b].merge(lv.live_in[s]);
      // live_in = gen | (live_out - kill)
      Bitset in = lv.live_out[b];
      kill[b].for_each([&](uint32_t r) { in.reset(r); });
      in.merge(gen[b]);
      if (!(in == lv.live_in[b])) {
        lv.live_in[b] = std::move(in);
        changed = true;
      }
    }
  }
  return lv;
}

}  // namespace canopy::compiler
