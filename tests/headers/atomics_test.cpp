// Atomics under contention: known final values, and the old values handed to each thread.
#include <algorithm>
#include <cstdint>
#include <numeric>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class AtomicsTest : public KernelTest {};

struct Counters {  // the layout of the kernel's struct (tests/headers/cu/atomics.cu)
  int32_t add_i, sub_i, min_i, max_i, cas_i, exch_i;
  uint32_t add_u, sub_u, min_u, max_u, inc_u, dec_u, and_u, or_u, xor_u, cas_u, exch_u;
  uint64_t add_ull, min_ull, max_ull, and_ull, or_ull, xor_ull, cas_ull, exch_ull;
  int64_t min_ll, max_ll;
  float add_f, exch_f;
  double add_d;
  int32_t block_add, system_add;
};

TEST_P(AtomicsTest, ContendedAtomicsReachKnownValues) {
  const uint32_t blocks = 6, threads = 128, n = blocks * threads;
  Counters init{};
  init.min_i = 1 << 30;
  init.max_i = -(1 << 30);
  init.min_u = 0xffffffffu;
  init.and_u = 0xffffffffu;
  init.min_ull = ~0ull;
  init.and_ull = ~0ull;
  init.min_ll = INT64_MAX;
  init.max_ll = INT64_MIN;
  init.sub_u = 5;
  uint64_t d_c = upload(std::vector<Counters>{init});
  uint64_t d_old = upload(std::vector<int32_t>(n)), d_exch = upload(std::vector<float>(n));
  auto run =
      launch("atomics", "_Z7contendP8CountersPiPf", {blocks, 1, 1}, {threads, 1, 1}, 0, {d_c, d_old, d_exch});
  ASSERT_TRUE(run.ok()) << run.error().message;
  Counters c = download<Counters>(d_c, 1)[0];
  auto old = download<int32_t>(d_old, n);
  auto exch = download<float>(d_exch, n);

  EXPECT_EQ(c.add_i, int32_t(n));
  std::sort(old.begin(), old.end());
  for (uint32_t i = 0; i < n; ++i) ASSERT_EQ(old[i], int32_t(i)) << "atomicAdd's old values are 0..n-1";
  EXPECT_EQ(c.sub_i, -2 * int32_t(n));
  EXPECT_EQ(c.min_i, 1000 - int32_t(n - 1) * 7);
  EXPECT_EQ(c.max_i, int32_t(n - 1) * 3 - 500);
  EXPECT_EQ(c.add_u, 3 * n);
  EXPECT_EQ(c.sub_u, 5u - n);  // wraps
  EXPECT_EQ(c.min_u, 0xffff0000u - (n - 1));
  EXPECT_EQ(c.max_u, (n - 1) * 11u);
  EXPECT_EQ(c.inc_u, n % 10);              // 0, 1, ..., 9, 0, ...
  EXPECT_EQ(c.dec_u, (10 - n % 10) % 10);  // 0 -> 9 -> 8 ...
  EXPECT_EQ(c.and_u, 0u);
  EXPECT_EQ(c.or_u, 0xffffffffu);
  uint32_t x32 = 0;
  uint64_t x64 = 0;
  for (uint32_t t = 0; t < n; ++t) {
    x32 ^= t * 2654435761u;
    x64 ^= uint64_t(t) * 0x9e3779b97f4a7c15ull;
  }
  EXPECT_EQ(c.xor_u, x32);
  EXPECT_EQ(c.add_ull, uint64_t(n) * 0x100000001ull);
  EXPECT_EQ(c.min_ull, 0xfffffffffffull - (n - 1));
  EXPECT_EQ(c.max_ull, uint64_t(n - 1) << 40);
  EXPECT_EQ(c.and_ull, 0u);
  EXPECT_EQ(c.or_ull, ~0ull);
  EXPECT_EQ(c.xor_ull, x64);
  EXPECT_EQ(c.min_ll, -int64_t(n - 1) * 1000000007ll);
  EXPECT_EQ(c.max_ll, int64_t(n - 1) * 1000000007ll - 5);
  EXPECT_EQ(c.add_f, 0.5f * float(n));
  EXPECT_EQ(c.add_d, 0.25 * double(n));
  // The exchanges form one chain: the old values and the final value are 0, 1, ..., n, each once.
  std::vector<float> chain(exch);
  chain.push_back(c.exch_f);
  std::sort(chain.begin(), chain.end());
  for (uint32_t i = 0; i <= n; ++i) ASSERT_EQ(chain[i], float(i));
  EXPECT_LT(uint32_t(c.exch_i), n);
  EXPECT_LT(c.exch_u, n);
  EXPECT_EQ(c.exch_ull & ((1ull << 33) - 1), 0u);
  EXPECT_EQ(c.cas_i, int32_t(n));
  EXPECT_EQ(c.cas_u, 2 * n);
  EXPECT_EQ(c.cas_ull, 3ull * n);
  EXPECT_EQ(c.block_add, int32_t(n));
  EXPECT_EQ(c.system_add, 2 * int32_t(n));
}

TEST_P(AtomicsTest, SharedMemoryAtomicsBuildAHistogram) {
  const int n = 5000;
  std::vector<uint32_t> values(n);
  std::vector<uint32_t> expect(16, 0);
  for (int i = 0; i < n; ++i) {
    values[i] = uint32_t(i) * 2654435761u >> 7;
    ++expect[values[i] % 16];
  }
  uint64_t d_v = upload(values), d_bins = upload(std::vector<uint32_t>(16, 0));
  auto run = launch("atomics", "_Z16shared_histogramPKjPji", {4, 1, 1}, {96, 1, 1}, 0, {d_v, d_bins, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(download<uint32_t>(d_bins, 16), expect);
}

TEST_P(AtomicsTest, ScopedUnsignedMinMaxCompareUnsigned) {
  const uint32_t n = 3 * 64;
  uint64_t d_u = upload(std::vector<uint32_t>{0, 0xffffffffu, 0, 0xffffffffu});
  uint64_t d_ull = upload(std::vector<uint64_t>{0, ~0ull});
  auto run = launch("atomics", "_Z13scoped_minmaxPjPy", {3, 1, 1}, {64, 1, 1}, 0, {d_u, d_ull});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(download<uint32_t>(d_u, 4), (std::vector<uint32_t>{n - 1, 0x80000000u, 0xfffffff0u, 5u}));
  EXPECT_EQ(download<uint64_t>(d_ull, 2),
            (std::vector<uint64_t>{uint64_t(n - 1) << 35, 0x8000000000000000ull}));
}

INSTANTIATE_TEST_SUITE_P(Setups, AtomicsTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
