// Kernels from tests/kernels/cu/basic.cu: straight-line math, loops, calls, local and constant memory.
#include <cmath>
#include <random>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class BasicKernels : public KernelTest {};

TEST_P(BasicKernels, SaxpyMatchesFusedHostReference) {
  const int n = 1000;
  std::vector<float> x(n), y(n);
  for (int i = 0; i < n; ++i) x[i] = 0.5f * i - 3.0f, y[i] = 1.0f / (i + 1);
  uint64_t dx = upload(x), dy = upload(y);
  auto stats = launch("basic", "saxpy", {(n + 127) / 128}, {128}, 0, {n, 2.5f, dx, dy});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<float>(dy, n);
  for (int i = 0; i < n; ++i) ASSERT_EQ(out[i], std::fma(2.5f, x[i], y[i])) << i;  // clang contracts to fma.rn
  EXPECT_GT(stats->thread_instructions, 0u);
  EXPECT_GE(stats->warp_instructions * 32, stats->thread_instructions / 2);
}

TEST_P(BasicKernels, DaxpyGridStrideCoversEveryElement) {
  const int n = 5000;
  std::vector<double> x(n), y(n);
  for (int i = 0; i < n; ++i) x[i] = i * 0.25, y[i] = -i;
  uint64_t dx = upload(x), dy = upload(y);
  auto stats = launch("basic", "daxpy_grid_stride", {7}, {96}, 0, {n, 3.0, dx, dy});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<double>(dy, n);
  for (int i = 0; i < n; ++i) ASSERT_EQ(out[i], std::fma(3.0, x[i], y[i])) << i;
}

TEST_P(BasicKernels, CollatzDivergentLoops) {
  const int n = 777;
  std::vector<unsigned> in(n);
  for (int i = 0; i < n; ++i) in[i] = i + 1;
  uint64_t din = upload(in), dout = upload(std::vector<unsigned>(n));
  auto stats = launch("basic", "collatz", {(n + 63) / 64}, {64}, 0, {din, dout, n});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<unsigned>(dout, n);
  for (int i = 0; i < n; ++i) {
    unsigned long long v = in[i];
    unsigned s = 0;
    while (v != 1 && s < 1000) v = (v % 2) ? 3 * v + 1 : v / 2, ++s;
    ASSERT_EQ(out[i], s) << i;
  }
}

TEST_P(BasicKernels, RecursiveFibonacci) {
  const int n = 20;
  uint64_t dout = upload(std::vector<int>(n));
  auto stats = launch("basic", "fib_kernel", {1}, {n}, 0, {dout});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<int>(dout, n);
  int a = 0, b = 1;
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(out[i], a) << i;
    int c = a + b;
    a = b, b = c;
  }
}

TEST_P(BasicKernels, LocalArrayIsPerThread) {
  const int n = 256;
  std::vector<int> in(n);
  std::mt19937 rng(7);
  for (auto& v : in) v = static_cast<int>(rng() % 1000);
  uint64_t din = upload(in), dout = upload(std::vector<int>(n));
  auto stats = launch("basic", "local_array", {2}, {128}, 0, {din, dout});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<int>(dout, n);
  for (int i = 0; i < n; ++i) {
    int idx = in[i] & 15;
    ASSERT_EQ(out[i], in[i] * idx + in[i] * (15 - idx)) << i;
  }
}

TEST_P(BasicKernels, ConstantAndGlobalVariables) {
  const int n = 300;
  std::vector<float> x(n);
  for (int i = 0; i < n; ++i) x[i] = (i - 150) / 37.0f;
  uint64_t dx = upload(x), dy = upload(std::vector<float>(n));
  auto stats = launch("basic", "polynomial", {3}, {128}, 0, {dx, dy, n});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto y = download<float>(dy, n);
  for (int i = 0; i < n; ++i) {
    float v = x[i];
    float ref = std::fma(std::fma(std::fma(3.0f, v, 2.0f), v, -1.25f), v, 0.5f);
    ASSERT_EQ(y[i], ref) << i;
  }
  auto counter = device_->symbol_address(modules_.at("basic"), "g_counter");
  ASSERT_TRUE(counter.ok()) << counter.error().message;
  EXPECT_EQ(download<int>(*counter, 1)[0], n);
}

TEST_P(BasicKernels, OutOfBoundsStoreFaultsAndTouchesNothing) {
  std::vector<int> guard_before(64, 7), victim(64, 1), guard_after(64, 9);
  uint64_t a = upload(guard_before), p = upload(victim), b = upload(guard_after);
  // 8 MiB past the allocation: beyond the 2 MiB mapping it lies in.
  auto stats = launch("basic", "out_of_bounds", {1}, {32}, 0, {p, static_cast<long long>(1 << 21)});
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.error().message.find("out_of_bounds"), std::string::npos) << stats.error().message;
  auto fault = device_->last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->address, p + (uint64_t{8} << 20));
  EXPECT_EQ(fault->thread.x, 0u);
  EXPECT_EQ(download<int>(a, 64), guard_before);
  EXPECT_EQ(download<int>(p, 64), victim);
  EXPECT_EQ(download<int>(b, 64), guard_after);
}

INSTANTIATE_TEST_SUITE_P(Setups, BasicKernels, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
