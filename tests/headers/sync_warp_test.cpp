// Block barriers with reductions, warp shuffles and votes, fences and clocks.
#include <cstdint>
#include <cstring>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class SyncWarpTest : public KernelTest {
 protected:
  bool has_32_lane_warps() const { return GetParam().preset == "default"; }
};

TEST_P(SyncWarpTest, SyncthreadsCountAndOrReduceOverTheBlock) {
  const uint32_t threads = 96;
  std::vector<int32_t> pred(4 * threads, 0);
  for (uint32_t t = 0; t < threads; ++t) {
    pred[t] = 1;
    pred[2 * threads + t] = (t % 3 == 0) ? 7 : 0;
  }
  pred[4 * threads - 1] = -1;
  uint64_t d_pred = upload(pred), d_out = upload(std::vector<int32_t>(12, -5));
  auto run = launch("sync_warp", "_Z11block_votesPKiPi", {4, 1, 1}, {threads, 1, 1}, 0, {d_pred, d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(download<int32_t>(d_out, 12), (std::vector<int32_t>{96, 1, 1, 0, 0, 0, 32, 0, 1, 1, 0, 1}));
}

// CUDA's shuffle semantics within 32-lane warps (the headers make each 32-lane half of a wider
// Canopy warp behave the same way).
struct Shuffle {
  std::vector<int32_t> v;
  uint32_t base(uint32_t t, uint32_t width) const { return (t & ~31u) + ((t % 32) & ~(width - 1)); }
  uint32_t idx(uint32_t t, uint32_t src, uint32_t width) const {
    return base(t, width) + (src & (width - 1));
  }
  uint32_t up(uint32_t t, uint32_t delta, uint32_t width) const {
    return (t % 32) >= delta && (t - delta) >= base(t, width) ? t - delta : t;
  }
  uint32_t down(uint32_t t, uint32_t delta, uint32_t width) const {
    return t + delta <= base(t, width) + width - 1 ? t + delta : t;
  }
  uint32_t bfly(uint32_t t, uint32_t mask, uint32_t width) const {
    uint32_t j = (t & ~31u) + ((t % 32) ^ mask);
    return j <= base(t, width) + width - 1 ? j : t;
  }
};

int64_t f_bits(int32_t v) {
  float f = float(v) * 0.5f;
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return int32_t(b);
}
int64_t l_of(int32_t v) { return int64_t((uint64_t(uint32_t(v)) << 32) | uint32_t(uint32_t(v) * 3u)); }
int64_t d_bits(int32_t v) {
  double d = double(v) * 0.25;
  int64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}

TEST_P(SyncWarpTest, ShufflesMoveValuesWithinWidthSegments) {
  const uint32_t threads = 64;
  Shuffle s;
  for (uint32_t t = 0; t < threads; ++t) s.v.push_back(int32_t(t * 37 + 1000) * ((t % 5) ? 1 : -1));
  uint64_t d_in = upload(s.v), d_out = upload(std::vector<int64_t>(threads * 18));
  auto run = launch("sync_warp", "_Z8shufflesPKiPx", {1, 1, 1}, {threads, 1, 1}, 0, {d_in, d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<int64_t>(d_out, threads * 18);
  for (uint32_t t = 0; t < threads; ++t) {
    const uint32_t lane = t % 32;
    auto v = [&](uint32_t j) { return int64_t(s.v[j]); };
    const int64_t e[17] = {v(s.idx(t, lane + 3, 32)),
                           v(s.up(t, 1, 32)),
                           v(s.down(t, 2, 32)),
                           v(s.bfly(t, 5, 32)),
                           v(s.idx(t, 3, 8)),
                           v(s.up(t, 2, 8)),
                           v(s.down(t, 3, 16)),
                           v(s.bfly(t, 4, 4)),
                           f_bits(s.v[s.idx(t, 31 - lane, 32)]),
                           f_bits(s.v[s.down(t, 1, 32)]),
                           l_of(s.v[s.idx(t, lane ^ 7, 32)]),
                           l_of(s.v[s.up(t, 4, 32)]),
                           d_bits(s.v[s.bfly(t, 16, 32)]),
                           d_bits(s.v[s.down(t, 8, 16)]),
                           int64_t(uint32_t(s.v[s.idx(t, 0, 32)]) * 2u),
                           l_of(s.v[s.idx(t, 1, 32)]),
                           v(t)};
    for (int k = 0; k < 17; ++k) EXPECT_EQ(out[t * 18 + k], e[k]) << "shuffle " << k << " at thread " << t;
  }
}

TEST_P(SyncWarpTest, TextbookWarpReductionSumsEachWarp) {
  const uint32_t threads = 128;
  std::vector<int32_t> in(threads * 2);
  for (size_t i = 0; i < in.size(); ++i) in[i] = int32_t(i * i % 1000) - 300;
  uint64_t d_in = upload(in), d_out = upload(std::vector<int32_t>(in.size() / 32));
  auto run = launch("sync_warp", "_Z8warp_sumPKiPi", {2, 1, 1}, {threads, 1, 1}, 0, {d_in, d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<int32_t>(d_out, in.size() / 32);
  for (size_t w = 0; w < out.size(); ++w) {
    int32_t sum = 0;
    for (size_t i = 0; i < 32; ++i) sum += in[w * 32 + i];
    EXPECT_EQ(out[w], sum) << "warp " << w;
  }
}

TEST_P(SyncWarpTest, VotesAndLaneMasksOnFullWarps) {
  // __lanemask_* read the hardware lane masks, which are 64-bit on 64-lane warps; the votes themselves are
  // checked on 64 lanes by tests/cuda/warp_primitives.cu and tests/kernels/warp_ptx_test.cpp.
  if (!has_32_lane_warps()) GTEST_SKIP() << "32-bit lane masks need 32-lane warps";
  const uint32_t threads = 64;
  std::vector<int32_t> pred(threads);
  for (uint32_t t = 0; t < threads; ++t) pred[t] = t < 32 ? int32_t((t * 7) % 3 == 0) : 1;
  uint64_t d_pred = upload(pred), d_out = upload(std::vector<uint32_t>(threads * 9));
  auto run = launch("sync_warp", "_Z5votesPKiPj", {1, 1, 1}, {threads, 1, 1}, 0, {d_pred, d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<uint32_t>(d_out, threads * 9);
  for (uint32_t t = 0; t < threads; ++t) {
    const uint32_t lane = t % 32, w = t / 32;
    uint32_t ballot = 0;
    for (uint32_t i = 0; i < 32; ++i) ballot |= uint32_t(pred[w * 32 + i] != 0) << i;
    const uint32_t lt = (1u << lane) - 1, eq = 1u << lane;
    const uint32_t e[9] = {
        ballot, ballot != 0, ballot == 0xffffffffu,           0xffffffffu, lane < 10 ? 0x3ffu : 0xdeadu,
        lt,     lt | eq,     eq | (~(lt | eq) & 0xff000000u), ~lt};
    for (int k = 0; k < 9; ++k) EXPECT_EQ(out[t * 9 + k], e[k]) << "vote " << k << " at thread " << t;
  }
}

TEST_P(SyncWarpTest, FencesClocksAndBuiltinVariablesRun) {
  uint64_t d_out = upload(std::vector<int64_t>(40));
  auto run = launch("sync_warp", "_Z17fences_and_clocksPx", {1, 1, 1}, {40, 1, 1}, 0, {d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<int64_t>(d_out, 40);
  for (int64_t t = 0; t < 40; ++t) EXPECT_EQ(out[t], 1 + t * 10 + 40 * 1000 + 32 * 100000) << "thread " << t;
}

INSTANTIATE_TEST_SUITE_P(Setups, SyncWarpTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
