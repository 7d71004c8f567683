// The engine's loops over the active lanes of a warp instruction (ALU handlers have their own in
// gpu/alu/lanes.h).
#pragma once

#include <bit>
#include <cstdint>

#include "gpu/alu/lanes.h"

namespace canopy::gpu {

// Calls body(lane) for every lane set in exec, in ascending order. A full warp takes a branch-free loop
// the compiler can vectorize; a partial mask visits only its set bits, because testing every lane's
// bit mispredicts on the irregular masks of divergent code, and memory accesses (gathers from lane
// addresses) cannot be turned into branch-free selects.
template <int W, typename Body>
inline void for_active_lanes(uint64_t exec, Body&& body) {
  if (exec == full_lane_mask<W>()) {
    for (int lane = 0; lane < W; ++lane) body(lane);
    return;
  }
  for (uint64_t rest = exec; rest != 0; rest &= rest - 1) body(std::countr_zero(rest));
}

// The number of lanes in a mask. std::popcount is a library call on baseline x86-64 (POPCNT is not part
// of it); this is a dozen plain ALU instructions on every host.
constexpr uint64_t lane_count(uint64_t mask) {
  mask -= (mask >> 1) & 0x5555555555555555ull;
  mask = (mask & 0x3333333333333333ull) + ((mask >> 2) & 0x3333333333333333ull);
  mask = (mask + (mask >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (mask * 0x0101010101010101ull) >> 56;
}
static_assert(lane_count(0) == 0 && lane_count(~uint64_t{0}) == 64 && lane_count(0x8000000000000001ull) == 2);

}  // namespace canopy::gpu
