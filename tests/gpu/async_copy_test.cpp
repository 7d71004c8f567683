// The pieces under cp.async and mbarrier, alone: the per-warp queue of pending copies (groups per lane,
// wait_group N, completion in issue order, the capacity bound) and the mbarrier word's operations
// (phases, tokens, parity, arrive_drop, misuse).
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "gpu/exec/async_copy.h"
#include "gpu/exec/mbarrier_word.h"

namespace canopy::gpu {
namespace {

std::array<uint8_t, 16> bytes_of(uint8_t v) {
  std::array<uint8_t, 16> b;
  b.fill(v);
  return b;
}

TEST(AsyncCopyQueue, WaitGroupCompletesOnlyOlderCommittedGroupsOfTheWaitingLanes) {
  std::vector<uint8_t> shared(64, 0);
  AsyncCopyQueue q;
  q.reset();
  q.issue(0, 0, bytes_of(1).data(), 4, shared);   // lane 0, group 0
  q.issue(1, 16, bytes_of(2).data(), 4, shared);  // lane 1, group 0
  q.commit(0b11);
  q.issue(0, 4, bytes_of(3).data(), 4, shared);  // lane 0, group 1
  q.commit(0b01);
  q.issue(0, 8, bytes_of(4).data(), 4, shared);  // lane 0, uncommitted
  q.wait(0b01, 1, shared);                       // lane 0: group 0 only
  EXPECT_EQ(shared[0], 1);
  EXPECT_EQ(shared[4], 0);
  EXPECT_EQ(shared[8], 0);
  EXPECT_EQ(shared[16], 0) << "lane 1 did not wait";
  q.wait(0b01, 0, shared);
  EXPECT_EQ(shared[4], 3);
  EXPECT_EQ(shared[8], 0) << "uncommitted copies stay pending";
  q.complete_all(0b11, shared);
  EXPECT_EQ(shared[8], 4);
  EXPECT_EQ(shared[16], 2);
  EXPECT_TRUE(q.empty());
}

TEST(AsyncCopyQueue, CopiesOfALaneLandInIssueOrder) {
  std::vector<uint8_t> shared(16, 0);
  AsyncCopyQueue q;
  q.reset();
  q.issue(3, 0, bytes_of(7).data(), 8, shared);
  q.issue(3, 4, bytes_of(9).data(), 4, shared);
  q.complete_all(uint64_t{1} << 3, shared);
  EXPECT_EQ(shared[0], 7);
  EXPECT_EQ(shared[4], 9) << "the later copy overwrites the earlier one";
  EXPECT_EQ(shared[7], 9);
}

TEST(AsyncCopyQueue, BeyondCapacityTheOldestCopyCompletesFirst) {
  std::vector<uint8_t> shared(AsyncCopyQueue::kCapacity + 4, 0);
  AsyncCopyQueue q;
  q.reset();
  for (uint32_t i = 0; i < AsyncCopyQueue::kCapacity; ++i) q.issue(0, i, bytes_of(5).data(), 1, shared);
  EXPECT_EQ(shared[0], 0);
  q.issue(0, AsyncCopyQueue::kCapacity, bytes_of(6).data(), 1, shared);
  EXPECT_EQ(shared[0], 5);
  EXPECT_EQ(shared[1], 0);
}

TEST(MbarrierWord, PhasesTokensParityAndDrop) {
  uint64_t w = mbarrier::init(2);
  EXPECT_EQ(mbarrier::expected(w), 2u);
  EXPECT_EQ(mbarrier::pending(w), 2u);
  EXPECT_EQ(mbarrier::phase(w), 0u);
  auto a = mbarrier::arrive(w, 1, false);
  ASSERT_TRUE(a.error.empty());
  EXPECT_EQ(mbarrier::pending(a.token), 1u);
  EXPECT_FALSE(mbarrier::phase_complete(w, a.token));
  EXPECT_FALSE(mbarrier::parity_complete(w, 0));
  EXPECT_TRUE(mbarrier::parity_complete(w, 1)) << "the phase before phase 0 counts as complete";
  auto b = mbarrier::arrive(w, 1, true);  // completes phase 0; expected 1 from now on
  EXPECT_EQ(mbarrier::pending(b.token), 0u);
  EXPECT_EQ(mbarrier::phase(w), 1u);
  EXPECT_EQ(mbarrier::pending(w), 1u);
  EXPECT_EQ(mbarrier::expected(w), 1u);
  EXPECT_TRUE(mbarrier::phase_complete(w, a.token));
  EXPECT_TRUE(mbarrier::parity_complete(w, 0));
  auto c = mbarrier::arrive(w, 2, false);
  EXPECT_NE(c.error.find("exceeds the pending count 1"), std::string::npos);
  EXPECT_EQ(mbarrier::phase(w), 1u) << "a failed arrive leaves the word unchanged";
  uint64_t none = 0;
  EXPECT_NE(mbarrier::arrive(none, 1, false).error.find("not initialized"), std::string::npos);
}

TEST(MbarrierWord, PhaseNumberWrapsInItsField) {
  uint64_t w = mbarrier::make(static_cast<uint32_t>(mbarrier::kPhaseMask), 1, 1);
  auto a = mbarrier::arrive(w, 1, false);
  EXPECT_EQ(mbarrier::phase(w), 0u);
  EXPECT_TRUE(mbarrier::phase_complete(w, a.token));
  EXPECT_EQ(w >> 63, 0u);
}

}  // namespace
}  // namespace canopy::gpu
