// The lane semantics of the warp-level instructions (shfl, vote, match, redux, activemask), written once as
// pure functions of lane masks and values so they can be tested without the engine; cta_special.cpp
// applies them to a warp's registers.
//
// Member masks are 32-bit (PTX's .b32 membermask, CUDA's unsigned). On a 32-lane warp bit i names lane i.
// On a 64-lane warp each 32-lane half acts as one CUDA warp: lane L is named by bit L % 32 of its mask,
// votes, matches and reductions combine only lanes of L's half, and 32-bit results (ballot, match masks,
// activemask) are L's half seen as a 32-bit mask. So CUDA code, which assumes 32-lane warps (warpSize is
// the constant 32 in clang's headers), runs unchanged: each half behaves like a CUDA warp.
//
// The engine calls these with `exec` = the lanes executing the instruction. The caller (warp_loop)
// guarantees that every live lane named in a member mask is in `exec`; lanes of the mask that have exited
// simply do not take part (as CUDA specifies for __ballot_sync and friends).
#pragma once

#include <bit>
#include <cstdint>

#include "isa/isa.h"

namespace canopy::gpu::warp_ops {

// The lanes of the CUDA warp that lane `lane` belongs to: the whole warp, or its 32-lane half.
template <int W>
constexpr uint64_t group_of(int lane) {
  if constexpr (W <= 32) {
    return (uint64_t{1} << W) - 1;
  } else {
    return uint64_t{0xffffffffu} << (lane & ~31);
  }
}

// The warp lanes a 32-bit member mask names (replicated to every 32-lane half).
template <int W>
constexpr uint64_t member_lanes(uint64_t mask32) {
  const uint64_t m = mask32 & 0xffffffffu;
  if constexpr (W <= 32) {
    return m & group_of<W>(0);
  } else {
    return m | (m << 32);
  }
}

// The lanes that take part with lane `lane`: executing members of its CUDA warp. `has_mask` false is the
// legacy (non-.sync) form, where the executing lanes are the members.
template <int W>
constexpr uint64_t participants(int lane, uint64_t exec, bool has_mask, uint64_t mask32) {
  const uint64_t members = has_mask ? member_lanes<W>(mask32) : ~uint64_t{0};
  return exec & members & group_of<W>(lane);
}

// A warp-wide lane set as lane `lane` sees it in a 32-bit result: its CUDA warp's bits, lane 0 of that
// warp in bit 0.
template <int W>
constexpr uint32_t view32(uint64_t lanes, int lane) {
  return static_cast<uint32_t>((lanes & group_of<W>(lane)) >> (W > 32 ? (lane & ~31) : 0));
}

// ---- shfl ----------------------------------------------------------------------------------------
struct ShflSource {
  uint32_t lane;   // the lane whose value is read (the lane itself when out of range)
  bool in_range;   // the PTX predicate output
};

// PTX's lane arithmetic within the lane's CUDA warp: b = lane or delta, c = clamp value (bits 0-4) and
// segment mask (bits 8-12); other bits are ignored. On 64 lanes each half shuffles on its own.
template <int W>
constexpr ShflSource shfl_source(isa::ShflMode mode, int lane, uint64_t b, uint64_t c) {
  const auto base = static_cast<uint32_t>(W > 32 ? lane & ~31 : 0);
  const auto l = static_cast<int32_t>(lane & 31);
  const auto bval = static_cast<int32_t>(b & 31), cval = static_cast<int32_t>(c & 31);
  const auto seg = static_cast<int32_t>((c >> 8) & 31);
  const int32_t max_lane = (l & seg) | (cval & ~seg), min_lane = l & seg;
  int32_t j = l;
  bool ok = false;
  switch (mode) {
    case isa::ShflMode::Up: j = l - bval; ok = j >= max_lane; break;
    case isa::ShflMode::Down: j = l + bval; ok = j <= max_lane; break;
    case isa::ShflMode::Bfly: j = l ^ bval; ok = j <= max_lane; break;
    case isa::ShflMode::Idx: j = min_lane | (bval & ~seg); ok = j <= max_lane; break;
  }
  return {base + static_cast<uint32_t>(ok ? j : l), ok};
}

// ---- vote ----------------------------------------------------------------------------------------
// `truth` = lanes whose predicate is true; `part` = the participants (see participants()).
constexpr bool vote_all(uint64_t truth, uint64_t part) { return (truth & part) == part; }
constexpr bool vote_any(uint64_t truth, uint64_t part) { return (truth & part) != 0; }
constexpr bool vote_uni(uint64_t truth, uint64_t part) { return vote_all(truth, part) || !vote_any(truth, part); }
template <int W>
constexpr uint32_t ballot(uint64_t truth, uint64_t part, int lane) { return view32<W>(truth & part, lane); }

// ---- match ---------------------------------------------------------------------------------------
// match.any: the participants whose value equals lane `lane`'s (values already cut to the type's width).
template <int W>
constexpr uint32_t match_any(const uint64_t* values, uint64_t part, int lane) {
  uint64_t same = 0;
  for (uint64_t m = part; m; m &= m - 1) {
    const int j = std::countr_zero(m);
    if (values[j] == values[lane]) same |= uint64_t{1} << j;
  }
  return view32<W>(same, lane);
}

// match.all: whether every participant holds the same value.
constexpr bool match_all(const uint64_t* values, uint64_t part) {
  if (part == 0) return true;
  const uint64_t first = values[std::countr_zero(part)];
  for (uint64_t m = part; m; m &= m - 1)
    if (values[std::countr_zero(m)] != first) return false;
  return true;
}

// ---- redux ---------------------------------------------------------------------------------------
// The reduction of the participants' 32-bit values by `op` (add wraps; min/max signed when `is_signed`).
constexpr uint32_t redux(isa::AtomOp op, bool is_signed, const uint64_t* values, uint64_t part) {
  uint32_t acc = 0;
  bool first = true;
  for (uint64_t m = part; m; m &= m - 1) {
    const auto v = static_cast<uint32_t>(values[std::countr_zero(m)]);
    if (first) {
      acc = v, first = false;
      continue;
    }
    switch (op) {
      case isa::AtomOp::Add: acc += v; break;
      case isa::AtomOp::And: acc &= v; break;
      case isa::AtomOp::Or: acc |= v; break;
      case isa::AtomOp::Xor: acc ^= v; break;
      case isa::AtomOp::Min:
        acc = is_signed ? (static_cast<int32_t>(v) < static_cast<int32_t>(acc) ? v : acc) : (v < acc ? v : acc);
        break;
      case isa::AtomOp::Max:
        acc = is_signed ? (static_cast<int32_t>(v) > static_cast<int32_t>(acc) ? v : acc) : (v > acc ? v : acc);
        break;
      default: break;  // rejected at predecode
    }
  }
  return acc;
}

}  // namespace canopy::gpu::warp_ops
