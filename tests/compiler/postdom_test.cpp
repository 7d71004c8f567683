#include "compiler/postdom.h"

#include <gtest/gtest.h>

namespace canopy::compiler {
namespace {

constexpr uint32_t X = kVirtualExit;

TEST(PostDominators, StraightLineEachNodeIsPostDominatedByTheNext) {
  auto ipdom = immediate_postdominators({{1}, {2}, {}});
  EXPECT_EQ(ipdom, (std::vector<uint32_t>{1, 2, X}));
}

TEST(PostDominators, DiamondJoinsAtTheMergeNode) {
  // 0 -> {1, 2} -> 3
  auto ipdom = immediate_postdominators({{1, 2}, {3}, {3}, {}});
  EXPECT_EQ(ipdom, (std::vector<uint32_t>{3, 3, 3, X}));
}

TEST(PostDominators, IfWithoutElse) {
  // 0 -> {1, 2}; 1 -> 2; 2 -> exit
  auto ipdom = immediate_postdominators({{1, 2}, {2}, {}});
  EXPECT_EQ(ipdom[0], 2u);
  EXPECT_EQ(ipdom[1], 2u);
}

TEST(PostDominators, LoopExitPostDominatesTheLoop) {
  // 0 -> 1 (header) -> {2 (body), 3 (exit)}; 2 -> 1
  auto ipdom = immediate_postdominators({{1}, {2, 3}, {1}, {}});
  EXPECT_EQ(ipdom, (std::vector<uint32_t>{1, 3, 1, X}));
}

TEST(PostDominators, NestedLoopsWithBreak) {
  // 0: outer header -> {1, 6}; 1: inner header -> {2, 4}; 2: body -> {3, 4 (break)}; 3 -> 1 (latch);
  // 4: outer latch -> 0... via 5; 5 -> 0; 6: exit
  auto ipdom = immediate_postdominators({{1, 6}, {2, 4}, {3, 4}, {1}, {5}, {0}, {}});
  EXPECT_EQ(ipdom[0], 6u);
  EXPECT_EQ(ipdom[1], 4u);
  EXPECT_EQ(ipdom[2], 4u);
  EXPECT_EQ(ipdom[3], 1u);
  EXPECT_EQ(ipdom[4], 5u);
  EXPECT_EQ(ipdom[5], 0u);
}

TEST(PostDominators, EarlyExitMeansOnlyTheVirtualExitPostDominates) {
  // 0 -> {1 (exit), 2}; 2 -> 3 (exit)
  auto ipdom = immediate_postdominators({{1, 2}, {}, {3}, {}});
  EXPECT_EQ(ipdom[0], X);
  EXPECT_EQ(ipdom[2], 3u);
}

TEST(PostDominators, UnreachableCodeStillGetsAnAnswer) {
  // 2 is unreachable from 0 but flows into 1.
  auto ipdom = immediate_postdominators({{1}, {}, {1}});
  EXPECT_EQ(ipdom[0], 1u);
  EXPECT_EQ(ipdom[2], 1u);
}

TEST(PostDominators, InfiniteLoopHasNoPostDominator) {
  // 0 -> {1, 3}; 1 -> 2 -> 1 (never exits); 3 exit. Post-dominance counts the paths that reach the
  // exit, so 3 post-dominates 0; the loop's nodes have none.
  auto ipdom = immediate_postdominators({{1, 3}, {2}, {1}, {}});
  EXPECT_EQ(ipdom[0], 3u);
  EXPECT_EQ(ipdom[1], X);
  EXPECT_EQ(ipdom[2], X);
}

TEST(PostDominators, SelfLoop) {
  auto ipdom = immediate_postdominators({{0, 1}, {}});
  EXPECT_EQ(ipdom[0], 1u);
}

TEST(PostDominators, EmptyGraph) { EXPECT_TRUE(immediate_postdominators({}).empty()); }

}  // namespace
}  // namespace canopy::compiler
