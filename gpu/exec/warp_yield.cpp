// Independent thread scheduling on the reconvergence stack (docs/engine.md).
//
// The stack runs one group of lanes at a time: the top entry. Lanes of the warp that are not in it wait,
// either in a sibling entry (the other side of a divergent branch, not run yet) or in the entry below,
// the container, parked at the top entry's reconvergence point. When the top entry spins (a loop that
// waits for a lock or flag another lane of the warp must release), those lanes never run and the warp
// deadlocks. Volta and later guarantee them progress; so does this: every kYieldBranches backward
// branches the warp yields, and yield_lanes lets the waiting lanes of the current function run:
//  - a sibling waits below: the two swap;
//  - lanes are parked in the container at the reconvergence point r: the container splits into two
//    siblings that both reconverge where the container did. The parked lanes run on from r now; the
//    spinning lanes continue later from where they are, no longer stopping at r.
//  - the container holds no other lanes: it merges with the top entry (reconverging at r is then
//    trivially complete) and the search goes one level out.
// Only lanes in the current call frame can run: lanes outside the call wait for it to return.
#include "gpu/exec/cta_runner.h"
#include "gpu/exec/lane_loops.h"
#include "gpu/exec/warp_ops.h"

namespace canopy::gpu {

template <int W>
bool CtaRunner<W>::yield_lanes(Warp<W>& w) {
  const size_t base = w.calls.empty() ? 0 : w.calls.back().stack_base;
  std::vector<SimtEntry>& stack = w.stack;
  while (stack.size() - 1 > base) {
    const size_t n = stack.size() - 1;
    SimtEntry top = stack[n];
    SimtEntry below = stack[n - 1];
    if (n - 1 > base && (below.mask == 0 || below.pc == below.rpc)) {  // an entry that would pop on reaching the top
      stack.erase(stack.begin() + static_cast<std::ptrdiff_t>(n - 1));
      continue;
    }
    if (below.rpc == top.rpc && below.pc != top.rpc) {  // a sibling that has not run to the end
      std::swap(stack[n - 1], stack[n]);
      ++counters_.lane_yields;
      return true;
    }
    const uint64_t parked = below.mask & ~top.mask;
    if (parked) {
      stack[n - 1] = {top.pc, below.rpc, top.mask};
      stack[n] = {below.pc, below.rpc, parked};
      ++counters_.lane_yields;
      return true;
    }
    stack[n - 1] = {top.pc, below.rpc, top.mask};
    stack.pop_back();
  }
  return false;
}

// A group of lanes at a warp-synchronous instruction (bar, bar.warp.sync, shfl, vote) while other live lanes
// of the warp wait elsewhere: after yield_lanes split a container, the lanes that went ahead and the ones
// that were spinning are siblings that both come to the same barrier or collective. A sibling already
// there merges with this group (the instruction then runs once, for both); a sibling elsewhere runs
// first, this group stepping aside (deferred) until the sibling arrives or finishes. Two groups deferred
// for each other (different instructions), or lanes that are not siblings (plain divergent code before
// its reconvergence point), give false: the instruction runs for the lanes present, as before.
// True: the stack changed and the top entry is to run next.
template <int W>
bool CtaRunner<W>::converge_lanes(Warp<W>& w) {
  const size_t base = w.calls.empty() ? 0 : w.calls.back().stack_base;
  std::vector<SimtEntry>& stack = w.stack;
  const size_t n = stack.size() - 1;
  SimtEntry& top = stack[n];
  if (n > base) {
    SimtEntry& below = stack[n - 1];
    const bool sibling = below.rpc == top.rpc && below.pc != below.rpc && below.mask != 0;
    if (sibling && below.pc == top.pc) {
      below.mask |= top.mask;
      below.deferred = false;
      stack.pop_back();
      return true;
    }
    if (sibling && !below.deferred) {
      top.deferred = true;
      std::swap(stack[n - 1], stack[n]);
      ++counters_.lane_yields;
      return true;
    }
  }
  stack[n].deferred = false;
  return false;
}

// The live lanes a warp collective's member mask names (as each active lane reads its mask) that are not
// in the executing group. The legacy forms without a mask name only the executing lanes.
template <int W>
uint64_t CtaRunner<W>::missing_members(Warp<W>& w, const ExecInstr<W>& in, uint64_t active) const {
  unsigned index = 1;  // vote, match, redux
  if (in.kind == ExecKind::Shfl) index = 3;
  if (in.kind == ExecKind::WarpSync) index = 0;
  const uint64_t* mask = member_mask_row(w, in, index);
  if (!mask) return 0;
  uint64_t named = 0;
  for_each_lane<W>(active, [&](int lane) {
    named |= warp_ops::member_lanes<W>(mask[lane]) & warp_ops::group_of<W>(lane);
  });
  return named & w.valid & ~w.exited & ~active;
}

template bool CtaRunner<32>::yield_lanes(Warp<32>&);
template bool CtaRunner<64>::yield_lanes(Warp<64>&);
template bool CtaRunner<32>::converge_lanes(Warp<32>&);
template bool CtaRunner<64>::converge_lanes(Warp<64>&);
template uint64_t CtaRunner<32>::missing_members(Warp<32>&, const ExecInstr<32>&, uint64_t) const;
template uint64_t CtaRunner<64>::missing_members(Warp<64>&, const ExecInstr<64>&, uint64_t) const;

}  // namespace canopy::gpu
