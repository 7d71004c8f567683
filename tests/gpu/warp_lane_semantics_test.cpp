// The lane semantics of the warp instructions (gpu/exec/warp_ops.h) without the engine: member masks on
// 32 and 64 lanes, PTX shuffle arithmetic, votes, match and redux against independent references.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "gpu/exec/warp_ops.h"

namespace canopy::gpu::warp_ops {
namespace {

using isa::AtomOp;
using isa::ShflMode;

TEST(WarpLaneSemantics, MemberMasksNameLanesPerCudaWarp) {
  EXPECT_EQ(member_lanes<32>(0x8000'0001u), 0x8000'0001u);
  EXPECT_EQ(member_lanes<32>(0xffff'ffff'0000'000full), 0xfu);  // only 32 mask bits count
  EXPECT_EQ(member_lanes<64>(0x8000'0001u), 0x8000'0001'8000'0001ull);
  EXPECT_EQ(group_of<32>(7), 0xffff'ffffu);
  EXPECT_EQ(group_of<64>(7), 0xffff'ffffu);
  EXPECT_EQ(group_of<64>(40), 0xffff'ffff'0000'0000ull);
  EXPECT_EQ(view32<64>(0x0000'0005'0000'0003ull, 33), 5u);
  EXPECT_EQ(view32<64>(0x0000'0005'0000'0003ull, 2), 3u);
  // Executing members of the lane's CUDA warp; no mask (legacy form) = every executing lane.
  EXPECT_EQ((participants<32>(3, 0x0000'ffffu, true, 0x0f0f'0f0fu)), 0x0f0fu);
  EXPECT_EQ((participants<32>(3, 0x0000'ffffu, false, 0)), 0xffffu);
  EXPECT_EQ((participants<64>(35, ~0ull, true, 0x3u)), 0x3ull << 32);
}

// PTX: maxLane = (lane & segmask) | (c & ~segmask); up: j = lane - b, in range if j >= maxLane; down/bfly:
// in range if j <= maxLane; idx: j = minLane | (b & ~segmask).
TEST(WarpLaneSemantics, ShuffleArithmeticMatchesPtx) {
  auto seg = [](unsigned width) { return ((32u - width) << 8); };
  for (int lane = 0; lane < 32; ++lane) {
    for (unsigned width : {32u, 16u, 8u}) {
      const unsigned base = lane & ~(width - 1), last = base + width - 1;
      // down by 3 with clamp: beyond the segment keeps own value, p false
      ShflSource d = shfl_source<32>(ShflMode::Down, lane, 3, seg(width) | 31);
      const bool down_ok = unsigned(lane) + 3 <= last;
      EXPECT_EQ(d.in_range, down_ok) << lane << " w" << width;
      EXPECT_EQ(d.lane, down_ok ? lane + 3u : unsigned(lane));
      // up by 2: below the segment start keeps own value
      ShflSource u = shfl_source<32>(ShflMode::Up, lane, 2, seg(width));
      const bool up_ok = unsigned(lane) >= base + 2;
      EXPECT_EQ(u.in_range, up_ok) << lane << " w" << width;
      EXPECT_EQ(u.lane, up_ok ? lane - 2u : unsigned(lane));
      // bfly by 5 (beyond width 4 would leave the segment: PTX compares with maxLane only)
      ShflSource x = shfl_source<32>(ShflMode::Bfly, lane, 5, seg(width) | 31);
      const unsigned j = unsigned(lane) ^ 5u;
      EXPECT_EQ(x.in_range, j <= last) << lane << " w" << width;
      EXPECT_EQ(x.lane, j <= last ? j : unsigned(lane));
      // idx 11 wraps modulo the width
      ShflSource i = shfl_source<32>(ShflMode::Idx, lane, 11, seg(width) | 31);
      EXPECT_TRUE(i.in_range);
      EXPECT_EQ(i.lane, base + (11u & (width - 1)));
    }
    // A clamp below the segment end: idx beyond the clamp is out of range.
    ShflSource c = shfl_source<32>(ShflMode::Idx, lane, 20, 15);
    EXPECT_FALSE(c.in_range);
    EXPECT_EQ(c.lane, unsigned(lane));
    // bfly with the clamp field: lanes above maxLane = 15 are out of range.
    ShflSource b = shfl_source<32>(ShflMode::Bfly, lane, 16, 15);
    EXPECT_EQ(b.in_range, (unsigned(lane) ^ 16u) <= 15u);
  }
  // Up at the edge: lane 0 of the warp, delta 31.
  EXPECT_FALSE((shfl_source<32>(ShflMode::Up, 0, 31, 0).in_range));
  EXPECT_TRUE((shfl_source<32>(ShflMode::Up, 31, 31, 0).in_range));
  EXPECT_EQ((shfl_source<32>(ShflMode::Up, 31, 31, 0).lane), 0u);
  // 64 lanes: each half shuffles as a 32-lane warp; bits of c above the fields are ignored.
  const uint64_t c64 = ((~uint64_t{31} & 0xff) << 8) | 31;
  EXPECT_EQ((shfl_source<64>(ShflMode::Down, 31, 1, c64).in_range), false);
  EXPECT_EQ((shfl_source<64>(ShflMode::Down, 31, 1, 31).in_range), false);
  EXPECT_EQ((shfl_source<64>(ShflMode::Idx, 40, 3, c64).lane), 35u);
  EXPECT_EQ((shfl_source<64>(ShflMode::Up, 33, 2, 0).lane), 33u);
  EXPECT_EQ((shfl_source<64>(ShflMode::Bfly, 60, 16, 31).lane), 44u);
}

TEST(WarpLaneSemantics, VotesCountOnlyParticipants) {
  const uint64_t part = 0b1111'0000;
  EXPECT_TRUE(vote_all(0b1111'0001, part));
  EXPECT_FALSE(vote_all(0b0111'0000, part));
  EXPECT_TRUE(vote_any(0b0001'0000, part));
  EXPECT_FALSE(vote_any(0b0000'1111, part));
  EXPECT_TRUE(vote_uni(0b0000'1111, part));
  EXPECT_TRUE(vote_uni(0b1111'0000, part));
  EXPECT_FALSE(vote_uni(0b1000'0000, part));
  EXPECT_TRUE(vote_all(0, 0));  // no participants: vacuously true, as any is false
  EXPECT_EQ(ballot<32>(0b1010'1010, part, 4), 0b1010'0000u);
  EXPECT_EQ(ballot<64>(0xff00'0000'0000'00ffull, ~0ull, 63), 0xff00'0000u);
}

TEST(WarpLaneSemantics, MatchGroupsEqualValues) {
  std::array<uint64_t, 32> v{};
  for (int l = 0; l < 32; ++l) v[l] = l % 3;
  const uint64_t part = 0x00ff'ffffu;  // lanes 0..23
  for (int lane = 0; lane < 24; ++lane) {
    uint32_t expect = 0;
    for (int j = 0; j < 24; ++j)
      if (j % 3 == lane % 3) expect |= 1u << j;
    EXPECT_EQ(match_any<32>(v.data(), part, lane), expect) << lane;
  }
  EXPECT_FALSE(match_all(v.data(), part));
  EXPECT_TRUE(match_all(v.data(), 0b1001));  // lanes 0 and 3 both hold 0
}

TEST(WarpLaneSemantics, ReduxFollowsTheTypeSignedness) {
  std::array<uint64_t, 32> v{};
  for (int l = 0; l < 32; ++l) v[l] = static_cast<uint32_t>(l * 7 - 50);  // negative for small lanes
  const uint64_t part = 0xffff'0f0fu;
  int64_t sum = 0;
  int32_t smin = INT32_MAX, smax = INT32_MIN;
  uint32_t umin = UINT32_MAX, umax = 0, a = ~0u, o = 0, x = 0;
  for (int l = 0; l < 32; ++l) {
    if (!((part >> l) & 1)) continue;
    const auto u = static_cast<uint32_t>(v[l]);
    const auto s = static_cast<int32_t>(u);
    sum += u;
    smin = std::min(smin, s), smax = std::max(smax, s), umin = std::min(umin, u), umax = std::max(umax, u);
    a &= u, o |= u, x ^= u;
  }
  EXPECT_EQ(redux(AtomOp::Add, false, v.data(), part), static_cast<uint32_t>(sum));
  EXPECT_EQ(redux(AtomOp::Min, true, v.data(), part), static_cast<uint32_t>(smin));
  EXPECT_EQ(redux(AtomOp::Max, true, v.data(), part), static_cast<uint32_t>(smax));
  EXPECT_EQ(redux(AtomOp::Min, false, v.data(), part), umin);
  EXPECT_EQ(redux(AtomOp::Max, false, v.data(), part), umax);
  EXPECT_EQ(redux(AtomOp::And, false, v.data(), part), a);
  EXPECT_EQ(redux(AtomOp::Or, false, v.data(), part), o);
  EXPECT_EQ(redux(AtomOp::Xor, false, v.data(), part), x);
  EXPECT_EQ(redux(AtomOp::Add, false, v.data(), 1u << 9), static_cast<uint32_t>(v[9]));  // one lane
}

}  // namespace
}  // namespace canopy::gpu::warp_ops
