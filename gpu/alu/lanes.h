// Lane loops shared by every ALU handler. The full-mask path has no per-lane branch so the compiler
// can vectorize it; the partial path tests each lane's bit.
#pragma once

#include <cstdint>

namespace canopy::gpu {

template <int W>
constexpr uint64_t full_lane_mask() {
  return W >= 64 ? ~uint64_t{0} : (uint64_t{1} << W) - 1;
}

// Calls body(lane) for every lane set in exec.
template <int W, typename Body>
inline void for_each_lane(uint64_t exec, Body&& body) {
  if (exec == full_lane_mask<W>()) {
    for (int lane = 0; lane < W; ++lane) body(lane);
    return;
  }
  for (int lane = 0; lane < W; ++lane)
    if ((exec >> lane) & 1) body(lane);
}

// Truncates a value to `bits` (zero-extending), the register convention for narrow results.
constexpr uint64_t zero_extend(uint64_t v, unsigned bits) {
  return bits >= 64 ? v : v & ((uint64_t{1} << bits) - 1);
}

}  // namespace canopy::gpu
