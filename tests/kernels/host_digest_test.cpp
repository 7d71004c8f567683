// Cross-host determinism: a fixed set of kernels from tests/kernels/cu/ runs on fixed inputs, and a
// digest (FNV-1a 64) of each output buffer's bytes and of the launch statistics is compared with a
// constant committed here. The constants are golden values from Canopy's own run: they pin
// determinism (the same bytes on every host, run after run), not correctness. Correctness is checked
// separately on the same inputs, against host references that share no code with Canopy
// (reference_kernels.h, or plain loops below). The same constants must hold on x86-64, AArch64 and MIPS64el hosts
// (`make test-hosts` runs this file under qemu-user), so any host dependence in the finalizer, the
// engine or the ALU (libm, char signedness, evaluation order, endianness) shows up as a mismatch.
//
// Inputs come from an integer hash, never from host libm. Results and statistics have separate digests:
// statistics change with the finalizer's code, results must not. When a digest changes on purpose, the
// failure message prints the new table entry to paste (docs/hosts.md).
#include <cstdint>
#include <cstring>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <algorithm>

#include "tests/kernels/harness.h"
#include "tests/kernels/reference_kernels.h"

namespace canopy::testing {
namespace {

class Fnv1a {
 public:
  void bytes(const std::vector<uint8_t>& data) {
    for (uint8_t b : data) byte(b);
  }
  void u64(uint64_t v) {  // little-endian, whatever the host
    for (int i = 0; i < 8; ++i) byte(static_cast<uint8_t>(v >> (8 * i)));
  }
  uint64_t value() const { return hash_; }

 private:
  void byte(uint8_t b) { hash_ = (hash_ ^ b) * 0x100000001b3ull; }
  uint64_t hash_ = 0xcbf29ce484222325ull;
};

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// A float with a random sign and mantissa and a magnitude in [2^lo, 2^hi): full-width mantissas make
// every rounding decision of the kernels matter.
float hashed_float(uint64_t i, int lo, int hi) {
  const uint64_t h = splitmix64(i);
  const uint32_t exponent =
      static_cast<uint32_t>(127 + lo + static_cast<int>(h % static_cast<uint64_t>(hi - lo)));
  const uint32_t bits =
      (static_cast<uint32_t>(h >> 63) << 31) | (exponent << 23) | static_cast<uint32_t>((h >> 8) & 0x7fffff);
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

double hashed_double(uint64_t i, int lo, int hi) {
  const uint64_t h = splitmix64(i ^ 0x5bd1e995ull);
  const uint64_t exponent =
      static_cast<uint64_t>(1023 + lo + static_cast<int>(h % static_cast<uint64_t>(hi - lo)));
  const uint64_t bits = (h & 0x8000000000000000ull) | (exponent << 52) | (splitmix64(h) & 0xfffffffffffffull);
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

template <typename T, typename F>
std::vector<T> generate(size_t n, F f) {
  std::vector<T> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = f(static_cast<uint64_t>(i));
  return v;
}

// What a kernel run is reduced to: the bytes of its output buffers, and its launch statistics (which
// change whenever the finalizer's code does, so they are kept apart from the results).
struct Digests {
  uint64_t output = 0;
  uint64_t stats = 0;
  friend bool operator==(const Digests&, const Digests&) = default;
};

std::ostream& operator<<(std::ostream& os, const Digests& d) {
  return os << std::hex << "{0x" << d.output << "ull, 0x" << d.stats << "ull}" << std::dec;
}

// The committed digests (FNV-1a 64), default preset, two host threads. Golden values from Canopy's own
// run: a determinism check only.
const std::map<std::string, Digests>& expected_digests() {
  static const std::map<std::string, Digests> digests = {
      {"saxpy", {0x6876a9266399caecull, 0xc245260eafe4d47bull}},
      {"daxpy_grid_stride", {0xe382975b4e842d41ull, 0xd9011f0b9e77a654ull}},
      {"collatz", {0xc0d3bd7abd3bbebcull, 0xcd8032e293a557b1ull}},
      {"fib_kernel", {0x3b68c19074f0f57ull, 0xaf778c4d083d3c7aull}},
      {"local_array", {0x297c8b1509bb9d98ull, 0x915e5c73fb1bf669ull}},
      {"polynomial", {0xc113890723580b00ull, 0x3fe12805e14d52beull}},
      {"sgemm_tiled", {0x403396ed088198a3ull, 0x8232aa1239768b46ull}},
      {"reduce_sum", {0xcec45c7bf06e4778ull, 0x3269fda236b37865ull}},
      {"scan_block", {0xa8b7da9519f6110eull, 0x8e6fb89b806c115full}},
      {"bitonic_sort", {0x97455a6c8434321aull, 0x8832a3ce78a90293ull}},
      {"stencil5", {0x82957f205a2f0117ull, 0x6ae0ac38f52c51acull}},
      {"histogram", {0x926a641e2254df03ull, 0x6ff3dd19c0f4e913ull}},
      {"nbody_step", {0x8c8b3e9bd1ea3443ull, 0x78f27b0c25e03f91ull}},
  };
  return digests;
}

class HostDigest : public KernelTest {
 protected:
  // Runs one kernel and digests the given output buffers (in order) and its statistics.
  Digests run(const std::string& stem, const std::string& kernel, gpu::Dim3 grid, gpu::Dim3 block,
              uint32_t dynamic_shared, const std::vector<Arg>& args,
              const std::vector<std::pair<uint64_t, size_t>>& outputs) {
    auto stats = launch(stem, kernel, grid, block, dynamic_shared, args);
    EXPECT_TRUE(stats.ok()) << (stats.ok() ? "" : stats.error().message);
    if (!stats.ok()) return {};
    Fnv1a out;
    for (const auto& [ptr, bytes] : outputs) out.bytes(download<uint8_t>(ptr, bytes));
    Fnv1a counts;
    counts.u64(stats->warp_instructions);
    counts.u64(stats->thread_instructions);
    counts.u64(stats->fence_instructions);
    counts.u64(stats->barrier_instructions);
    counts.u64(stats->ctas);
    counts.u64(stats->faulted ? 1 : 0);
    return {out.value(), counts.value()};
  }

  // The independent check: the output equals the host reference bit for bit.
  template <typename T>
  void expect_results(const std::string& kernel, uint64_t ptr, const std::vector<T>& want) {
    const std::vector<T> got = download<T>(ptr, want.size());
    for (size_t i = 0; i < want.size(); ++i)
      if (std::memcmp(&got[i], &want[i], sizeof(T)) != 0) {
        ADD_FAILURE() << kernel << ": element " << i << " is " << got[i] << ", the reference " << want[i];
        return;
      }
  }

  void expect_digest(const std::string& kernel, const Digests& got) {
    const auto& table = expected_digests();
    auto it = table.find(kernel);
    ASSERT_NE(it, table.end()) << kernel;
    EXPECT_EQ(got.output, it->second.output) << kernel << ": the results differ";
    EXPECT_EQ(got.stats, it->second.stats) << kernel << ": the instruction statistics differ";
    if (!(got == it->second)) ADD_FAILURE() << "the entry is now {\"" << kernel << "\", " << got << "}";
  }
};

TEST_P(HostDigest, Saxpy) {
  const int n = 4096;
  auto x = generate<float>(n, [](uint64_t i) { return hashed_float(i, -8, 8); });
  auto y = generate<float>(n, [](uint64_t i) { return hashed_float(i + n, -8, 8); });
  uint64_t dx = upload(x), dy = upload(y);
  expect_digest("saxpy", run("basic", "saxpy", {n / 128}, {128}, 0, {n, 1.7f, dx, dy}, {{dy, n * 4}}));
  std::vector<float> want(n);
  for (int i = 0; i < n; ++i) want[i] = std::fma(1.7f, x[i], y[i]);
  expect_results("saxpy", dy, want);
}

TEST_P(HostDigest, DaxpyGridStride) {
  const int n = 3000;
  auto x = generate<double>(n, [](uint64_t i) { return hashed_double(i, -20, 20); });
  auto y = generate<double>(n, [](uint64_t i) { return hashed_double(i + n, -20, 20); });
  uint64_t dx = upload(x), dy = upload(y);
  expect_digest("daxpy_grid_stride",
                run("basic", "daxpy_grid_stride", {5}, {96}, 0, {n, 0.1, dx, dy}, {{dy, n * 8}}));
  std::vector<double> want(n);
  for (int i = 0; i < n; ++i) want[i] = std::fma(0.1, x[i], y[i]);
  expect_results("daxpy_grid_stride", dy, want);
}

TEST_P(HostDigest, Collatz) {
  const int n = 512;
  auto in =
      generate<unsigned>(n, [](uint64_t i) { return static_cast<unsigned>(splitmix64(i) % 100000) + 1; });
  uint64_t din = upload(in), dout = upload(std::vector<unsigned>(n));
  expect_digest("collatz", run("basic", "collatz", {n / 64}, {64}, 0, {din, dout, n}, {{dout, n * 4}}));
  std::vector<unsigned> want(n);
  for (int i = 0; i < n; ++i)
    for (uint64_t v = in[i]; v != 1 && want[i] < 1000; ++want[i]) v = v % 2 ? 3 * v + 1 : v / 2;
  expect_results("collatz", dout, want);
}

TEST_P(HostDigest, RecursiveFibonacci) {
  const int n = 18;
  uint64_t dout = upload(std::vector<int>(n));
  expect_digest("fib_kernel", run("basic", "fib_kernel", {1}, {n}, 0, {dout}, {{dout, n * 4}}));
  std::vector<int> want(n);
  for (int i = 0; i < n; ++i) want[i] = i < 2 ? i : want[i - 1] + want[i - 2];
  expect_results("fib_kernel", dout, want);
}

TEST_P(HostDigest, LocalArray) {
  const int n = 256;
  auto in = generate<int>(n, [](uint64_t i) { return static_cast<int>(splitmix64(i) % 2001) - 1000; });
  uint64_t din = upload(in), dout = upload(std::vector<int>(n));
  expect_digest("local_array", run("basic", "local_array", {2}, {128}, 0, {din, dout}, {{dout, n * 4}}));
  std::vector<int> want(n);
  for (int i = 0; i < n; ++i) want[i] = in[i] * (in[i] & 15) + in[i] * (15 - (in[i] & 15));
  expect_results("local_array", dout, want);
}

TEST_P(HostDigest, Polynomial) {
  const int n = 300;
  auto x = generate<float>(n, [](uint64_t i) { return hashed_float(i, -4, 4); });
  uint64_t dx = upload(x), dy = upload(std::vector<float>(n));
  expect_digest("polynomial", run("basic", "polynomial", {3}, {128}, 0, {dx, dy, n}, {{dy, n * 4}}));
  std::vector<float> want(n);
  for (int i = 0; i < n; ++i) want[i] = std::fma(std::fma(std::fma(3.0f, x[i], 2.0f), x[i], -1.25f), x[i], 0.5f);
  expect_results("polynomial", dy, want);
}

TEST_P(HostDigest, TiledSgemm) {
  const int n = 24;
  auto a = generate<float>(n * n, [](uint64_t i) { return hashed_float(i, -3, 1); });
  auto b = generate<float>(n * n, [](uint64_t i) { return hashed_float(i + 7777, -3, 1); });
  uint64_t da = upload(a), db = upload(b), dc = upload(std::vector<float>(n * n));
  expect_digest("sgemm_tiled",
                run("algorithms", "sgemm_tiled", {2, 2}, {16, 16}, 0, {n, da, db, dc}, {{dc, n * n * 4}}));
  expect_results("sgemm_tiled", dc, sgemm_reference(n, a, b));
}

TEST_P(HostDigest, Reduction) {
  // Small integers: the sum is exact in any order, so the order of the cross-CTA atomics cannot matter.
  const int n = 5000;
  auto in = generate<float>(n, [](uint64_t i) { return static_cast<float>(splitmix64(i) % 33) - 16.0f; });
  uint64_t din = upload(in), dout = upload(std::vector<float>(1));
  expect_digest("reduce_sum",
                run("algorithms", "reduce_sum", {4}, {256}, 256 * 4, {din, dout, n}, {{dout, 4}}));
  float sum = 0;
  for (float v : in) sum += v;
  expect_results("reduce_sum", dout, std::vector<float>{sum});
}

TEST_P(HostDigest, BlellochScan) {
  const int n = 250, threads = 128;
  auto in = generate<int>(n, [](uint64_t i) { return static_cast<int>(splitmix64(i) % 201) - 100; });
  uint64_t din = upload(in), dout = upload(std::vector<int>(n));
  expect_digest("scan_block", run("algorithms", "scan_block", {1}, {threads}, 2 * threads * 4, {din, dout, n},
                                  {{dout, n * 4}}));
  std::vector<int> want(n);
  for (int i = 1; i < n; ++i) want[i] = want[i - 1] + in[i - 1];  // exclusive
  expect_results("scan_block", dout, want);
}

TEST_P(HostDigest, BitonicSort) {
  const int blocks = 2, threads = 256;
  auto data = generate<int>(blocks * threads, [](uint64_t i) { return static_cast<int>(splitmix64(i)); });
  uint64_t d = upload(data);
  expect_digest("bitonic_sort", run("algorithms", "bitonic_sort", {blocks}, {threads}, threads * 4, {d},
                                    {{d, blocks * threads * 4}}));
  for (int b = 0; b < blocks; ++b) std::sort(data.begin() + b * threads, data.begin() + (b + 1) * threads);
  expect_results("bitonic_sort", d, data);
}

TEST_P(HostDigest, FivePointStencil) {
  const int w = 29, h = 17;
  auto in = generate<float>(w * h, [](uint64_t i) { return hashed_float(i, -2, 2); });
  uint64_t din = upload(in), dout = upload(std::vector<float>(w * h));
  expect_digest("stencil5",
                run("algorithms", "stencil5", {2, 3}, {16, 8}, 0, {w, h, din, dout}, {{dout, w * h * 4}}));
  expect_results("stencil5", dout, stencil5_reference(w, h, in));
}

TEST_P(HostDigest, Histogram) {
  const int n = 6000;
  auto in = generate<uint8_t>(n, [](uint64_t i) { return static_cast<uint8_t>(splitmix64(i) >> 56); });
  uint64_t din = upload(in), dbins = upload(std::vector<unsigned>(256));
  expect_digest("histogram",
                run("algorithms", "histogram", {4}, {128}, 0, {din, n, dbins}, {{dbins, 256 * 4}}));
  std::vector<unsigned> want(256);
  for (uint8_t v : in) ++want[v];
  expect_results("histogram", dbins, want);
}

TEST_P(HostDigest, NBody) {
  const int n = 64;
  auto pos = generate<float>(4 * n, [](uint64_t i) {
    return i % 4 == 3 ? 1.0f + static_cast<float>(i % 3) : hashed_float(i, -2, 1);
  });
  uint64_t dpos = upload(pos), dacc = upload(std::vector<float>(3 * n));
  expect_digest("nbody_step",
                run("algorithms", "nbody_step", {1}, {64}, 0, {n, dpos, dacc}, {{dacc, 3 * n * 4}}));
  expect_results("nbody_step", dacc, nbody_reference(n, pos));
}

// One setup keeps the run short under emulation; two host threads also exercise the engine's
// threading on every host (the digests cover the statistics, which must not depend on it).
INSTANTIATE_TEST_SUITE_P(Default, HostDigest, ::testing::Values(DeviceSetup{"default", 2}), setup_name);

}  // namespace
}  // namespace canopy::testing
