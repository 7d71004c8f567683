// Immediate post-dominators of a control-flow graph (Cooper, Harvey and Kennedy's iterative algorithm
// run on the reverse graph, rooted at a virtual exit that every exit node flows into).
#pragma once

#include <cstdint>
#include <vector>

namespace canopy::compiler {

constexpr uint32_t kVirtualExit = 0xfffffffeu;

// succs[n] lists node n's successors. Nodes without successors are exits. Returns, per node, its
// immediate post-dominator, or kVirtualExit when only the virtual exit post-dominates it (including
// nodes that cannot reach any exit, e.g. inside an infinite loop).
std::vector<uint32_t> immediate_postdominators(const std::vector<std::vector<uint32_t>>& succs);

}  // namespace canopy::compiler
