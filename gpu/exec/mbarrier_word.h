// Canopy's layout of the 64-bit mbarrier object in shared memory, and the PTX operations on it (pure
// functions; the engine applies them lane by lane in cta_async.cpp). PTX leaves the layout opaque.
//
//   bits  0-19  pending count: arrivals still missing in the current phase
//   bits 20-39  expected count: arrivals each phase needs (1..2^20-1 after init; 0 = not initialized)
//   bits 40-62  phase number (wraps at 2^23); its low bit is the phase parity
//   bit  63     zero
//
// A state token returned by an arrive has the same layout: the phase the arrival belongs to and the
// pending count right after the arrival (0 if it completed the phase).
#pragma once

#include <cstdint>
#include <string>

namespace canopy::gpu::mbarrier {

inline constexpr uint64_t kCountMask = (uint64_t{1} << 20) - 1;
inline constexpr uint64_t kPhaseMask = (uint64_t{1} << 23) - 1;
inline constexpr uint32_t kMaxCount = static_cast<uint32_t>(kCountMask);

inline uint32_t pending(uint64_t w) { return static_cast<uint32_t>(w & kCountMask); }
inline uint32_t expected(uint64_t w) { return static_cast<uint32_t>((w >> 20) & kCountMask); }
inline uint32_t phase(uint64_t w) { return static_cast<uint32_t>((w >> 40) & kPhaseMask); }
inline uint64_t make(uint32_t phase, uint32_t expected, uint32_t pending) {
  return (uint64_t{phase} & kPhaseMask) << 40 | (uint64_t{expected} & kCountMask) << 20 |
         (uint64_t{pending} & kCountMask);
}

inline uint64_t init(uint32_t count) { return make(0, count, count); }

// Arrives `count` times (arrive_drop: and lowers the expected count of this and later phases by
// `count`). Returns the state token, or an error text (word unchanged) for an uninitialized object or
// more arrivals than are pending, which PTX leaves undefined.
struct ArriveResult {
  uint64_t token = 0;
  std::string error;
};
inline ArriveResult arrive(uint64_t& w, uint32_t count, bool drop) {
  const uint32_t e = expected(w), p = pending(w), ph = phase(w);
  if (e == 0) return {0, "mbarrier object is not initialized"};
  if (count == 0 || count > p)
    return {0, "arrive count " + std::to_string(count) + " exceeds the pending count " + std::to_string(p)};
  const uint32_t e2 = drop ? e - count : e;
  const uint32_t p2 = p - count;
  const uint64_t token = make(ph, e2, p2);
  w = p2 == 0 ? make(ph + 1, e2, e2) : make(ph, e2, p2);
  return {token, {}};
}

// test_wait / try_wait: has the phase of `token` completed? (.parity: has the phase with parity
// `parity` completed, that is, is the current phase's parity the other one?)
inline bool phase_complete(uint64_t w, uint64_t token) { return phase(w) != phase(token); }
inline bool parity_complete(uint64_t w, uint64_t parity) { return (phase(w) & 1) != (parity & 1); }

}  // namespace canopy::gpu::mbarrier
