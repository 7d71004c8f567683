#include "compiler/regalloc.h"

#include <algorithm>

namespace canopy::compiler {

namespace {

bool is_copy(const VFunction& fn, const isa::Instr& in, RegClass rc) {
  if (in.op != isa::Opcode::Mov || in.guard != isa::kNoGuard || in.ndst != 1 || in.nsrc != 1) return false;
  if (rc == RegClass::Pred)
    return in.dst[0].kind == isa::OperandKind::Pred && in.src[0].kind == isa::OperandKind::Pred;
  if (in.dst[0].kind != isa::OperandKind::Reg || in.src[0].kind != isa::OperandKind::Reg) return false;
  // A narrower copy truncates, so source and destination hold different values.
  const unsigned width = isa::bit_width(in.type);
  return width == 64 || (in.src[0].index < fn.gpr_bits.size() && fn.gpr_bits[in.src[0].index] <= width);
}

}  // namespace

InterferenceGraph build_interference(const VFunction& fn, const Cfg& cfg, const Liveness& lv, RegClass rc) {
  const uint32_t n = rc == RegClass::Gpr ? fn.num_gpr : fn.num_pred;
  InterferenceGraph g;
  g.adj.assign(n, {});
  g.hint.assign(n, kNone);
  g.first_def.assign(n, kNone);
  std::vector<uint64_t> edges;
  auto add_edge = [&](uint32_t a, uint32_t b) {
    if (a == b) return;
    if (a > b) std::swap(a, b);
    edges.push_back((uint64_t{a} << 32) | b);
  };
  std::vector<uint32_t> uses, defs;
  for (uint32_t i = 0; i < fn.code.size(); ++i) {
    if (fn.code[i].is_label) continue;
    instr_defs(fn.code[i].in, rc, defs);
    instr_uses(fn.code[i].in, rc, uses);
    for (uint32_t r : defs) g.first_def[r] = std::min(g.first_def[r], i);
    for (uint32_t r : uses)
      if (g.first_def[r] == kNone) g.first_def[r] = i;  // used before any definition
  }
  for (size_t b = 0; b < cfg.blocks.size(); ++b) {
    Bitset live = lv.live_out[b];
    for (uint32_t i = cfg.blocks[b].end; i > cfg.blocks[b].begin; --i) {
      const VInstr& v = fn.code[i - 1];
      if (v.is_label) continue;
      instr_defs(v.in, rc, defs);
      instr_uses(v.in, rc, uses);
      uint32_t copy_src = kNone;
      if (is_copy(fn, v.in, rc)) {
        copy_src = v.in.src[0].index;
        uint32_t d = v.in.dst[0].index;
        if (g.hint[d] == kNone) g.hint[d] = copy_src;
        if (g.hint[copy_src] == kNone) g.hint[copy_src] = d;
      }
      for (uint32_t d : defs)
        live.for_each([&](uint32_t l) {
          if (l != copy_src) add_edge(d, l);
        });
      if (defs.size() > 1) {
        // Several results are written one after another: none may overwrite another or an input.
        for (size_t x = 0; x < defs.size(); ++x) {
          for (size_t y = x + 1; y < defs.size(); ++y) add_edge(defs[x], defs[y]);
          for (uint32_t u : uses) add_edge(defs[x], u);
        }
      }
      if (v.in.guard == isa::kNoGuard)
        for (uint32_t d : defs) live.reset(d);
      for (uint32_t u : uses) live.set(u);
    }
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (uint64_t e : edges) {
    auto a = static_cast<uint32_t>(e >> 32), b = static_cast<uint32_t>(e);
    g.adj[a].push_back(b);
    g.adj[b].push_back(a);
  }
  return g;
}

namespace {

// Lowest colour not taken by a coloured neighbour, preferring the copy partner's; kNone if >= k.
uint32_t pick_colour(const InterferenceGraph& g, uint32_t v, const std::vector<uint32_t>& colour, uint32_t k,
                     std::vector<uint32_t>& stamp, uint32_t& epoch) {
  ++epoch;
  for (uint32_t w : g.adj[v])
    if (colour[w] != kNone && colour[w] < stamp.size()) stamp[colour[w]] = epoch;
  uint32_t h = g.hint[v];
  if (h != kNone && colour[h] != kNone && colour[h] < k && stamp[colour[h]] != epoch) return colour[h];
  for (uint32_t c = 0; c < k; ++c)
    if (stamp[c] != epoch) return c;
  return kNone;
}

// Colours in order of first definition: optimal for the interval-like graphs of straight SSA code.
std::vector<uint32_t> colour_in_def_order(const InterferenceGraph& g, uint32_t k, bool& ok) {
  const auto n = static_cast<uint32_t>(g.adj.size());
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < n; ++v)
    if (g.first_def[v] != kNone) order.push_back(v);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return g.first_def[a] < g.first_def[b]; });
  std::vector<uint32_t> colour(n, kNone), stamp(k + 1, 0);
  uint32_t epoch = 0;
  ok = true;
  for (uint32_t v : order) {
    colour[v] = pick_colour(g, v, colour, k, stamp, epoch);
    if (colour[v] == kNone) {
      ok = false;
      return colour;
    }
  }
  return colour;
}

// Chaitin-Briggs simplify/select with optimistic colouring; registers left uncoloured go to `spilled`.
std::vector<uint32_t> colour_briggs(const InterferenceGraph& g, uint32_t k, const std::vector<double>& cost,
                                    std::vector<bool>& spilled) {
  const auto n = static_cast<uint32_t>(g.adj.size());
  std::vector<uint32_t> degree(n), stack, low;
  std::vector<bool> removed(n, true);
  uint32_t remaining = 0;
  for (uint32_t v = 0; v < n; ++v) {
    if (g.first_def[v] == kNone) continue;
    removed[v] = false;
    ++remaining;
    degree[v] = static_cast<uint32_t>(g.adj[v].size());
    if (degree[v] < k) low.push_back(v);
  }
  auto remove = [&](uint32_t v) {
    removed[v] = true;
    --remaining;
    stack.push_back(v);
    for (uint32_t w : g.adj[v])
      if (!removed[w] && degree[w]-- == k) low.push_back(w);
  };
  while (remaining > 0) {
    if (!low.empty()) {
      uint32_t v = low.back();
      low.pop_back();
      if (!removed[v]) remove(v);
      continue;
    }
    uint32_t best = kNone;
    double best_ratio = 0;
    for (uint32_t v = 0; v < n; ++v) {
      if (removed[v]) continue;
      double ratio = cost[v] / (degree[v] + 1.0);
      if (best == kNone || ratio < best_ratio) {
        best = v;
        best_ratio = ratio;
      }
    }
    remove(best);
  }
  std::vector<uint32_t> colour(n, kNone), stamp(k + 1, 0);
  uint32_t epoch = 0;
  spilled.assign(n, false);
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    colour[*it] = pick_colour(g, *it, colour, k, stamp, epoch);
    if (colour[*it] == kNone) spilled[*it] = true;
  }
  return colour;
}

std::vector<double> spill_costs(const VFunction& fn, const std::vector<bool>& no_spill) {
  std::vector<double> cost(fn.num_gpr, 0.0);
  std::vector<uint32_t> depth = loop_depths(fn), regs;
  for (uint32_t i = 0; i < fn.code.size(); ++i) {
    if (fn.code[i].is_label) continue;
    double weight = 1;
    for (uint32_t d = 0; d < depth[i] && d < 6; ++d) weight *= 10;
    instr_uses(fn.code[i].in, RegClass::Gpr, regs);
    for (uint32_t r : regs) cost[r] += weight;
    instr_defs(fn.code[i].in, RegClass::Gpr, regs);
    for (uint32_t r : regs) cost[r] += weight;
  }
  for (uint32_t r = 0; r < fn.num_gpr; ++r)
    if (r < no_spill.size() && no_spill[r]) cost[r] = 1e300;
  return cost;
}

uint32_t colours_used(const std::vector<uint32_t>& colour) {
  uint32_t n = 0;
  for (uint32_t c : colour)
    if (c != kNone) n = std::max(n, c + 1);
  return n;
}

}  // namespace

Expected<Assignment> assign_registers(VFunction& fn, uint32_t max_regs, uint32_t max_preds) {
  Assignment a;
  if (max_regs == 0) max_regs = 1;
  std::vector<bool> no_spill(fn.num_gpr, false);
  constexpr int kMaxRounds = 24;
  for (int round = 0;; ++round) {
    Cfg cfg = build_cfg(fn);
    Liveness lv = compute_liveness(fn, cfg, RegClass::Gpr);
    InterferenceGraph g = build_interference(fn, cfg, lv, RegClass::Gpr);
    bool ok = false;
    a.gpr = colour_in_def_order(g, max_regs, ok);
    if (ok) break;
    std::vector<bool> spilled;
    a.gpr = colour_briggs(g, max_regs, spill_costs(fn, no_spill), spilled);
    bool any = false, only_temps = true;
    for (uint32_t v = 0; v < spilled.size(); ++v) {
      if (!spilled[v]) continue;
      any = true;
      if (v < no_spill.size() && no_spill[v])
        spilled[v] = false;
      else
        only_temps = false;
    }
    if (!any) break;
    if (only_temps || round == kMaxRounds)
      return make_error("register budget of " + std::to_string(max_regs) + " is too small for '" + fn.name +
                        "' even with spilling");
    insert_spill_code(fn, spilled, no_spill);
  }
  a.num_regs = colours_used(a.gpr);

  Cfg cfg = build_cfg(fn);
  Liveness lv = compute_liveness(fn, cfg, RegClass::Pred);
  InterferenceGraph g = build_interference(fn, cfg, lv, RegClass::Pred);
  bool ok = false;
  a.pred = colour_in_def_order(g, max_preds, ok);
  if (!ok) {
    std::vector<bool> spilled;
    std::vector<double> cost(fn.num_pred, 1.0);
    a.pred = colour_briggs(g, max_preds, cost, spilled);
    if (std::find(spilled.begin(), spilled.end(), true) != spilled.end())
      return make_error("more than " + std::to_string(max_preds) + " predicates are live at once in '" +
                        fn.name + "' (predicates are not spilled)");
  }
  a.num_preds = colours_used(a.pred);
  return a;
}

void apply_assignment(VFunction& fn, const Assignment& a) {
  auto map = [](const std::vector<uint32_t>& colour, uint32_t v) {
    return v < colour.size() && colour[v] != kNone ? colour[v] : 0u;
  };
  for (VInstr& v : fn.code) {
    if (v.is_label) continue;
    auto rewrite = [&](isa::Operand& o) {
      o.index = o.kind == isa::OperandKind::Reg ? map(a.gpr, o.index) : map(a.pred, o.index);
    };
    for_each_operand(v.in, rewrite, rewrite);
    if (v.in.guard != isa::kNoGuard) v.in.guard = map(a.pred, v.in.guard);
  }
}

}  // namespace canopy::compiler
