#include "compiler/postdom.h"

#include <algorithm>

namespace canopy::compiler {

namespace {

// Post-order of the reverse graph from the virtual exit (index n), iteratively (graphs can be deep).
std::vector<uint32_t> reverse_postorder_numbers(const std::vector<std::vector<uint32_t>>& preds,
                                                const std::vector<uint32_t>& exits, uint32_t n,
                                                std::vector<uint32_t>& order) {
  std::vector<uint32_t> number(n + 1, kVirtualExit);
  std::vector<bool> seen(n + 1, false);
  struct Frame {
    uint32_t node;
    size_t next;
  };
  std::vector<Frame> stack{{n, 0}};
  seen[n] = true;
  uint32_t counter = 0;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const std::vector<uint32_t>& out = f.node == n ? exits : preds[f.node];
    if (f.next < out.size()) {
      uint32_t m = out[f.next++];
      if (!seen[m]) {
        seen[m] = true;
        stack.push_back({m, 0});
      }
      continue;
    }
    number[f.node] = counter++;
    order.push_back(f.node);
    stack.pop_back();
  }
  return number;
}

}  // namespace

std::vector<uint32_t> immediate_postdominators(const std::vector<std::vector<uint32_t>>& succs) {
  const auto n = static_cast<uint32_t>(succs.size());
  std::vector<std::vector<uint32_t>> preds(n);
  std::vector<uint32_t> exits;
  for (uint32_t b = 0; b < n; ++b) {
    if (succs[b].empty()) exits.push_back(b);
    for (uint32_t s : succs[b])
      if (s < n) preds[s].push_back(b);
  }
  std::vector<uint32_t> postorder;
  std::vector<uint32_t> number = reverse_postorder_numbers(preds, exits, n, postorder);

  // idom over the reverse graph; index n is the virtual exit (the root).
  std::vector<uint32_t> idom(n + 1, kVirtualExit);
  idom[n] = n;
  auto intersect = [&](uint32_t a, uint32_t b) {
    while (a != b) {
      while (number[a] < number[b]) a = idom[a];
      while (number[b] < number[a]) b = idom[b];
    }
    return a;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (auto it = postorder.rbegin(); it != postorder.rend(); ++it) {
      uint32_t b = *it;
      if (b == n) continue;
      // In the reverse graph b's predecessors are its CFG successors (and the root for exits).
      uint32_t new_idom = kVirtualExit;
      auto consider = [&](uint32_t p) {
        if (idom[p] == kVirtualExit) return;  // not processed yet
        new_idom = new_idom == kVirtualExit ? p : intersect(p, new_idom);
      };
      if (succs[b].empty()) consider(n);
      for (uint32_t s : succs[b])
        if (s < n) consider(s);
      if (new_idom != kVirtualExit && idom[b] != new_idom) {
        idom[b] = new_idom;
        changed = true;
      }
    }
  }
  std::vector<uint32_t> result(n, kVirtualExit);
  for (uint32_t b = 0; b < n; ++b) result[b] = (idom[b] == n) ? kVirtualExit : idom[b];
  return result;
}

}  // namespace canopy::compiler
