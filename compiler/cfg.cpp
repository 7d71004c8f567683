#include "compiler/cfg.h"

#include <algorithm>

namespace canopy::compiler {

namespace {

bool ends_block(const isa::Instr& in) {
  return in.op == isa::Opcode::Bra || in.op == isa::Opcode::Exit || in.op == isa::Opcode::Ret ||
         in.op == isa::Opcode::Trap;
}

}  // namespace

Cfg build_cfg(const VFunction& fn) {
  Cfg cfg;
  cfg.label_block.assign(fn.num_labels, kNone);
  const auto n = static_cast<uint32_t>(fn.code.size());
  std::vector<bool> leader(n + 1, false);
  leader[0] = true;
  for (uint32_t i = 0; i < n; ++i) {
    const VInstr& v = fn.code[i];
    if (v.is_label)
      leader[i] = true;
    else if (ends_block(v.in))
      leader[i + 1] = true;
  }
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i + 1;
    while (j < n && !leader[j]) ++j;
    cfg.blocks.push_back({i, j, {}, {}});
    i = j;
  }
  if (cfg.blocks.empty()) cfg.blocks.push_back({0, 0, {}, {}});
  const auto nb = static_cast<uint32_t>(cfg.blocks.size());
  for (uint32_t b = 0; b < nb; ++b)
    for (uint32_t i = cfg.blocks[b].begin; i < cfg.blocks[b].end && fn.code[i].is_label; ++i)
      if (fn.code[i].label < fn.num_labels) cfg.label_block[fn.code[i].label] = b;
  for (uint32_t b = 0; b < nb; ++b) {
    BasicBlock& bb = cfg.blocks[b];
    const VInstr* last = nullptr;
    for (uint32_t i = bb.end; i > bb.begin; --i)
      if (!fn.code[i - 1].is_label) {
        last = &fn.code[i - 1];
        break;
      }
    bool falls_through = true;
    if (last && ends_block(last->in)) {
      falls_through = last->in.guard != isa::kNoGuard;
      if (last->in.op == isa::Opcode::Bra && last->label < fn.num_labels &&
          cfg.label_block[last->label] != kNone)
        bb.succs.push_back(cfg.label_block[last->label]);
    }
    if (falls_through && b + 1 < nb) bb.succs.push_back(b + 1);
    std::sort(bb.succs.begin(), bb.succs.end());
    bb.succs.erase(std::unique(bb.succs.begin(), bb.succs.end()), bb.succs.end());
  }
  for (uint32_t b = 0; b < nb; ++b)
    for (uint32_t s : cfg.blocks[b].succs) cfg.blocks[s].preds.push_back(b);
  return cfg;
}

std::vector<uint32_t> loop_depths(const VFunction& fn) {
  const auto n = static_cast<uint32_t>(fn.code.size());
  std::vector<uint32_t> label_pos(fn.num_labels, kNone);
  for (uint32_t i = 0; i < n; ++i)
    if (fn.code[i].is_label && fn.code[i].label < fn.num_labels) label_pos[fn.code[i].label] = i;
  // Difference array: +1 at a loop head, -1 after its back edge.
  std::vector<int32_t> delta(n + 1, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const VInstr& v = fn.code[i];
    if (v.is_label || v.in.op != isa::Opcode::Bra || v.label >= fn.num_labels) continue;
    uint32_t head = label_pos[v.label];
    if (head != kNone && head <= i) {
      ++delta[head];
      --delta[i + 1];
    }
  }
  std::vector<uint32_t> depth(n, 0);
  int32_t running = 0;
  for (uint32_t i = 0; i < n; ++i) {
    running += delta[i];
    depth[i] = static_cast<uint32_t>(std::max(running, 0));
  }
  return depth;
}

}  // namespace canopy::compiler
