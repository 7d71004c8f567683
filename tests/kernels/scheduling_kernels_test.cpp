// Independent thread scheduling (docs/engine.md): spin locks taken by every lane of a warp, and a thread
// waiting for a later thread before a block barrier, on 32- and 64-lane warps and 1 or 2 host threads.
// Both deadlock without yields; a block's statistics (yields included) are the same for every thread count.
#include <algorithm>

#include "harness.h"

namespace canopy::testing {
namespace {

class SchedulingKernels : public KernelTest {};

TEST_P(SchedulingKernels, SpinLockIsExclusiveAndEveryThreadGetsIt) {
  const int blocks = 3, threads = 96, rounds = 3, total = blocks * threads * rounds;
  uint64_t lock = upload(std::vector<int>{0}), counter = upload(std::vector<int>{0});
  uint64_t order = upload(std::vector<int>(total, -1));
  auto stats = launch("scheduling", "spin_lock", {blocks}, {threads}, 0, {lock, counter, order, rounds});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(download<int>(counter, 1)[0], total);
  EXPECT_EQ(download<int>(lock, 1)[0], 0);
  std::vector<int> taken(blocks * threads, 0);
  for (int id : download<int>(order, total)) {
    ASSERT_TRUE(id >= 0 && id < blocks * threads) << id;
    ++taken[id];
  }
  EXPECT_TRUE(std::all_of(taken.begin(), taken.end(), [](int n) { return n == rounds; }));
  EXPECT_GT(stats->lane_yields, 0u);
}

TEST_P(SchedulingKernels, BarrierWaitsForASpinningThread) {
  for (uint32_t threads : {32u, 64u, 160u}) {
    const uint32_t blocks = 2;
    uint64_t out = upload(std::vector<int>(blocks * threads, -1));
    auto stats = launch("scheduling", "wait_then_barrier", {blocks}, {threads}, 0, {out});
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    auto v = download<int>(out, blocks * threads);
    for (uint32_t b = 0; b < blocks; ++b)
      for (uint32_t t = 0; t < threads; ++t)
        ASSERT_EQ(v[b * threads + t], static_cast<int>((7 + b) * 1000 + t)) << threads << " " << b << " " << t;
  }
}

// One block's statistics, yields included, for 1, 2 and 4 host threads. (Blocks that spin on each other's
// locks on different host threads interleave by real time: like the order of their atomics, their spin
// counts are not deterministic; docs/engine.md.)
TEST(SchedulingDeterminism, SameCountsForEveryHostThreadCount) {
  std::vector<std::pair<uint64_t, uint64_t>> counts;
  for (unsigned host_threads : {1u, 2u, 4u}) {
    auto config = gpu::preset("default");
    ASSERT_TRUE(config.ok());
    gpu::DeviceOptions options;
    options.host_threads = host_threads;
    auto device = gpu::Device::create(*config, options);
    ASSERT_TRUE(device.ok());
    auto& dev = **device;
    auto id = dev.load_module(kernel_module("scheduling"));
    ASSERT_TRUE(id.ok());
    auto k = dev.find_kernel(*id, "spin_lock");
    ASSERT_TRUE(k.ok());
    const int blocks = 1, threads = 128, rounds = 2;
    auto alloc = [&](uint64_t bytes) {
      auto p = dev.malloc(bytes);
      EXPECT_TRUE(p.ok());
      return *p;
    };
    uint64_t lock = alloc(4), counter = alloc(4), order = alloc(blocks * threads * rounds * 4);
    const isa::Function& info = dev.kernel_info(*k);
    std::vector<uint8_t> params(info.param_bytes, 0);
    uint64_t ptrs[] = {lock, counter, order};
    for (int i = 0; i < 3; ++i) std::memcpy(params.data() + info.params[i].offset, &ptrs[i], 8);
    std::memcpy(params.data() + info.params[3].offset, &rounds, 4);
    auto stats = dev.launch(*k, {{blocks, 1, 1}, {threads, 1, 1}, 0}, params);
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    counts.emplace_back(stats->warp_instructions, stats->lane_yields);
  }
  EXPECT_EQ(counts[0], counts[1]);
  EXPECT_EQ(counts[0], counts[2]);
}

INSTANTIATE_TEST_SUITE_P(Setups, SchedulingKernels, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
