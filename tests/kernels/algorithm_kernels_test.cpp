// Kernels from tests/kernels/cu/algorithms.cu: the classic shapes of real CUDA programs.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "tests/kernels/harness.h"
#include "tests/kernels/reference_kernels.h"

namespace canopy::testing {
namespace {

class AlgorithmKernels : public KernelTest {};

TEST_P(AlgorithmKernels, TiledSgemmMatchesHostWithSameOperationOrder) {
  const int n = 40;  // not a multiple of the tile: exercises the bounds checks
  std::vector<float> a(n * n), b(n * n);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> dist(-1, 1);
  for (auto& v : a) v = dist(rng);
  for (auto& v : b) v = dist(rng);
  uint64_t da = upload(a), db = upload(b), dc = upload(std::vector<float>(n * n));
  auto stats = launch("algorithms", "sgemm_tiled", {(n + 15) / 16, (n + 15) / 16}, {16, 16}, 0, {n, da, db, dc});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto c = download<float>(dc, n * n);
  for (int r = 0; r < n; ++r)
    for (int col = 0; col < n; ++col) {
      float acc = 0;
      for (int t = 0; t < n; t += 16)
        for (int k = 0; k < 16; ++k) {
          float x = t + k < n ? a[r * n + t + k] : 0.0f, y = t + k < n ? b[(t + k) * n + col] : 0.0f;
          acc = std::fma(x, y, acc);
        }
      ASSERT_EQ(c[r * n + col], acc) << r << "," << col;
    }
}

TEST_P(AlgorithmKernels, ReductionWithSharedMemoryAndAtomics) {
  const int n = 10000;
  std::vector<float> in(n);
  for (int i = 0; i < n; ++i) in[i] = static_cast<float>(i % 17);  // exact sums in float
  uint64_t din = upload(in), dout = upload(std::vector<float>(1));
  auto stats = launch("algorithms", "reduce_sum", {8}, {256}, 256 * sizeof(float), {din, dout, n});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  float expected = 0;
  for (float v : in) expected += v;
  EXPECT_EQ(download<float>(dout, 1)[0], expected);
}

TEST_P(AlgorithmKernels, BlellochScan) {
  const int n = 500, threads = 256;
  std::vector<int> in(n);
  std::mt19937 rng(3);
  for (auto& v : in) v = static_cast<int>(rng() % 100) - 50;
  uint64_t din = upload(in), dout = upload(std::vector<int>(n));
  auto stats = launch("algorithms", "scan_block", {1}, {threads}, 2 * threads * sizeof(int), {din, dout, n});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<int>(dout, n);
  int running = 0;
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(out[i], running) << i;
    running += in[i];
  }
}

TEST_P(AlgorithmKernels, BitonicSortSortsEachBlock) {
  const int blocks = 3, threads = 512;
  std::vector<int> data(blocks * threads);
  std::mt19937 rng(5);
  for (auto& v : data) v = static_cast<int>(rng() % 100000) - 50000;
  uint64_t d = upload(data);
  auto stats = launch("algorithms", "bitonic_sort", {blocks}, {threads}, threads * sizeof(int), {d});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<int>(d, data.size());
  for (int b = 0; b < blocks; ++b) std::sort(data.begin() + b * threads, data.begin() + (b + 1) * threads);
  EXPECT_EQ(out, data);
}

TEST_P(AlgorithmKernels, FivePointStencil) {
  const int w = 37, h = 23;
  std::vector<float> in(w * h);
  for (int i = 0; i < w * h; ++i) in[i] = std::sin(i * 0.1f);
  uint64_t din = upload(in), dout = upload(std::vector<float>(w * h));
  auto stats = launch("algorithms", "stencil5", {(w + 15) / 16, (h + 7) / 8}, {16, 8}, 0, {w, h, din, dout});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto out = download<float>(dout, w * h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int i = y * w + x;
      float ref = in[i];
      if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
        float sum = ((in[i - 1] + in[i + 1]) + in[i - w]) + in[i + w];
        ref = std::fma(0.5f, in[i], 0.125f * sum);
      }
      ASSERT_EQ(out[i], ref) << x << "," << y;
    }
}

TEST_P(AlgorithmKernels, BreadthFirstSearchLevels) {
  // A random graph in CSR form.
  const int n = 600;
  std::mt19937 rng(11);
  std::vector<std::vector<int>> adj(n);
  for (int v = 0; v < n; ++v)
    for (int k = 0; k < 3; ++k) adj[v].push_back(static_cast<int>(rng() % n));
  std::vector<int> row{0}, col;
  for (auto& edges : adj) {
    col.insert(col.end(), edges.begin(), edges.end());
    row.push_back(static_cast<int>(col.size()));
  }
  std::vector<int> dist(n, -1);
  dist[0] = 0;
  uint64_t drow = upload(row), dcol = upload(col), ddist = upload(dist), dchanged = upload(std::vector<int>(1));
  for (int level = 0;; ++level) {
    ASSERT_TRUE(device_->memset(dchanged, 0, sizeof(int)).ok());
    auto stats = launch("algorithms", "bfs_level", {(n + 127) / 128}, {128}, 0, {n, drow, dcol, ddist, level, dchanged});
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    if (download<int>(dchanged, 1)[0] == 0) break;
    ASSERT_LT(level, n);
  }
  std::vector<int> ref(n, -1);
  std::vector<int> frontier{0};
  ref[0] = 0;
  for (size_t i = 0; i < frontier.size(); ++i)
    for (int u : adj[frontier[i]])
      if (ref[u] < 0) ref[u] = ref[frontier[i]] + 1, frontier.push_back(u);
  EXPECT_EQ(download<int>(ddist, n), ref);
}

TEST_P(AlgorithmKernels, HistogramWithSharedAndGlobalAtomics) {
  const int n = 20000;
  std::vector<uint8_t> in(n);
  std::mt19937 rng(13);
  for (auto& v : in) v = static_cast<uint8_t>(rng() % 251);
  uint64_t din = upload(in), dbins = upload(std::vector<unsigned>(256));
  auto stats = launch("algorithms", "histogram", {6}, {192}, 0, {din, n, dbins});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  std::vector<unsigned> ref(256);
  for (auto v : in) ++ref[v];
  EXPECT_EQ(download<unsigned>(dbins, 256), ref);
}

TEST_P(AlgorithmKernels, NBodyAccelerations) {
  const int n = 100;
  std::vector<float> pos(4 * n);
  std::mt19937 rng(17);
  std::uniform_real_distribution<float> dist(-2, 2);
  for (int i = 0; i < n; ++i) pos[4 * i] = dist(rng), pos[4 * i + 1] = dist(rng), pos[4 * i + 2] = dist(rng), pos[4 * i + 3] = 1.0f + (i % 3);
  uint64_t dpos = upload(pos), dacc = upload(std::vector<float>(3 * n));
  auto stats = launch("algorithms", "nbody_step", {(n + 63) / 64}, {64}, 0, {n, dpos, dacc});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  // Bit for bit: the reference rounds each operation as the kernel's PTX does.
  EXPECT_EQ(download<float>(dacc, 3 * n), nbody_reference(n, pos));
}

INSTANTIATE_TEST_SUITE_P(Setups, AlgorithmKernels, CANOPY_KERNEL_SETUPS, setup_name);

// Statistics are part of determinism: the same launch gives the same counts with 1 or 2 host threads.
TEST(KernelDeterminism, StatisticsIndependentOfHostThreads) {
  // Covered by running each parameterized test in both thread counts; here compare counts directly.
  std::vector<uint64_t> counts;
  for (unsigned threads : {1u, 2u}) {
    auto config = gpu::preset("default");
    ASSERT_TRUE(config.ok());
    gpu::DeviceOptions options;
    options.host_threads = threads;
    auto device = gpu::Device::create(*config, options);
    ASSERT_TRUE(device.ok());
    auto module = (*device)->load_module(kernel_module("algorithms"));
    ASSERT_TRUE(module.ok()) << module.error().message;
    auto kernel = (*device)->find_kernel(*module, "histogram");
    ASSERT_TRUE(kernel.ok());
    std::vector<uint8_t> in(5000);
    for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i * 7);
    auto din = (*device)->malloc(in.size());
    auto dbins = (*device)->malloc(256 * 4);
    ASSERT_TRUE((*device)->copy_to_device(*din, in.data(), in.size()).ok());
    ASSERT_TRUE((*device)->memset(*dbins, 0, 256 * 4).ok());
    const auto& info = (*device)->kernel_info(*kernel);
    std::vector<uint8_t> params(info.param_bytes);
    int n = static_cast<int>(in.size());
    std::memcpy(params.data() + info.params[0].offset, &*din, 8);
    std::memcpy(params.data() + info.params[1].offset, &n, 4);
    std::memcpy(params.data() + info.params[2].offset, &*dbins, 8);
    gpu::Device::LaunchConfig launch;
    launch.grid = {5};
    launch.block = {128};
    auto stats = (*device)->launch(*kernel, launch, params);
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    counts.push_back(stats->warp_instructions);
    counts.push_back(stats->thread_instructions);
  }
  EXPECT_EQ(counts[0], counts[2]);
  EXPECT_EQ(counts[1], counts[3]);
}

}  // namespace
}  // namespace canopy::testing
