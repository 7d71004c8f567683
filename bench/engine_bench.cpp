// Engine throughput: simulated thread-instructions per host second on kernels that span the space
// (compute-bound SGEMM and Collatz, memory-bound SAXPY, reduction, atomics-heavy histogram, divergent BFS,
// tensor-core HGEMM).
// Run: build/bench/canopy_bench [--benchmark_filter=...]. The second argument of each benchmark is the
// number of host threads the device uses.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "compiler/finalize.h"
#include "gpu/device.h"

namespace {

using namespace canopy;

const isa::Module& module_for(const std::string& stem) {
  static std::map<std::string, isa::Module> cache;
  auto it = cache.find(stem);
  if (it != cache.end()) return it->second;
  // The math library's kernels are compiled against Canopy's CUDA headers (tests/math), the others
  // against the core's minimal prelude (tests/kernels).
  const std::string dir = stem == "math_kernels" ? CANOPY_MATH_PTX_DIR : CANOPY_KERNEL_PTX_DIR;
  std::ifstream in(dir + "/" + stem + ".ptx");
  std::stringstream text;
  text << in.rdbuf();
  auto module = compiler::compile_ptx(text.str(), stem + ".ptx");
  if (!module.ok()) {
    std::fprintf(stderr, "%s\n", module.error().message.c_str());
    std::abort();
  }
  return cache.emplace(stem, std::move(module).value()).first->second;
}

// A device with one module loaded, and helpers to build parameter buffers.
struct Bench {
  std::unique_ptr<gpu::Device> device;
  gpu::ModuleId module{};

  Bench(const std::string& stem, unsigned host_threads) {
    gpu::DeviceOptions options;
    options.host_threads = host_threads;
    device = std::move(gpu::Device::create(*gpu::preset("default"), options)).value();
    module = *device->load_module(module_for(stem));
  }
  template <typename T>
  uint64_t upload(const std::vector<T>& v) {
    uint64_t p = *device->malloc(v.size() * sizeof(T));
    (void)device->copy_to_device(p, v.data(), v.size() * sizeof(T));
    return p;
  }
  // Launches `kernel` with arguments given as raw byte blobs in parameter order.
  gpu::KernelStats launch(const std::string& kernel, gpu::Dim3 grid, gpu::Dim3 block, uint32_t shared,
                          const std::vector<std::vector<uint8_t>>& args) {
    auto id = *device->find_kernel(module, kernel);
    const auto& info = device->kernel_info(id);
    std::vector<uint8_t> params(info.param_bytes);
    for (size_t i = 0; i < args.size(); ++i) std::memcpy(params.data() + info.params[i].offset, args[i].data(), args[i].size());
    auto stats = device->launch(id, {grid, block, shared}, params);
    if (!stats.ok()) {
      std::fprintf(stderr, "%s\n", stats.error().message.c_str());
      std::abort();
    }
    return *stats;
  }
};

template <typename T>
std::vector<uint8_t> arg(T v) {
  std::vector<uint8_t> b(sizeof(T));
  std::memcpy(b.data(), &v, sizeof(T));
  return b;
}

void report(benchmark::State& state, uint64_t thread_instructions, uint64_t warp_instructions) {
  state.counters["thread_inst/s"] =
      benchmark::Counter(static_cast<double>(thread_instructions), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["warp_inst/s"] =
      benchmark::Counter(static_cast<double>(warp_instructions), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Sgemm(benchmark::State& state) {
  Bench b("algorithms", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  std::vector<float> a(n * n, 1.0f), m(n * n, 0.5f);
  uint64_t da = b.upload(a), db = b.upload(m), dc = b.upload(std::vector<float>(n * n));
  gpu::KernelStats s;
  for (auto _ : state)
    s = b.launch("sgemm_tiled", {uint32_t(n / 16), uint32_t(n / 16)}, {16, 16}, 0,
                 {arg(n), arg(da), arg(db), arg(dc)});
  report(state, s.thread_instructions, s.warp_instructions);
}

// mma.sync.m16n8k16 GEMM, one warp per 16x8 tile; counters also give simulated tensor FLOP per host
// second (2 * n^3 per launch). A = 1.0, B = 0.5 (f16 pairs), so every C element must be n / 2.
void BM_HgemmMma(benchmark::State& state) {
  Bench b("tensor", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  uint64_t da = b.upload(std::vector<uint32_t>(n * n / 2, 0x3c003c00u));
  uint64_t db = b.upload(std::vector<uint32_t>(n * n / 2, 0x38003800u));
  uint64_t dc = b.upload(std::vector<float>(n * n));
  gpu::KernelStats s;
  for (auto _ : state)
    s = b.launch("hgemm_mma", {uint32_t(n / 8), uint32_t(n / 16)}, {32}, 0, {arg(n), arg(da), arg(db), arg(dc)});
  std::vector<float> c(n * n);
  (void)b.device->copy_to_host(c.data(), dc, c.size() * sizeof(float));
  for (float v : c)
    if (v != n / 2.0f) state.SkipWithError("wrong HGEMM result");
  report(state, s.thread_instructions, s.warp_instructions);
  state.counters["flop/s"] = benchmark::Counter(2.0 * n * n * n, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Collatz(benchmark::State& state) {
  Bench b("basic", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  std::vector<unsigned> in(n);
  for (int i = 0; i < n; ++i) in[i] = i + 1;
  uint64_t din = b.upload(in), dout = b.upload(std::vector<unsigned>(n));
  gpu::KernelStats s;
  for (auto _ : state) s = b.launch("collatz", {uint32_t(n / 256)}, {256}, 0, {arg(din), arg(dout), arg(n)});
  report(state, s.thread_instructions, s.warp_instructions);
}

// The float math library's cost: Black-Scholes prices (logf, sqrtf, three expf per option), checked
// against the same formula in double on the host.
void BM_BlackScholes(benchmark::State& state) {
  Bench b("math_kernels", static_cast<unsigned>(state.range(1)));
  const int n = static_cast<int>(state.range(0));
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> spot_d(5, 30), strike_d(1, 100), years_d(0.25f, 10);
  std::vector<float> spot(n), strike(n), years(n);
  for (int i = 0; i < n; ++i) spot[i] = spot_d(rng), strike[i] = strike_d(rng), years[i] = years_d(rng);
  uint64_t ds = b.upload(spot), dk = b.upload(strike), dy = b.upload(years);
  uint64_t dc = b.upload(std::vector<float>(n)), dp = b.upload(std::vector<float>(n));
  const float rate = 0.02f, vol = 0.30f;
  gpu::KernelStats s;
  for (auto _ : state)
    s = b.launch("black_scholes", {uint32_t(n / 256)}, {256}, 0,
                 {arg(ds), arg(dk), arg(dy), arg(dc), arg(dp), arg(rate), arg(vol), arg(n)});
  std::vector<float> call(n);
  (void)b.device->copy_to_host(call.data(), dc, n * sizeof(float));
  for (int i = 0; i < n; ++i) {
    const auto cdf = [](double d) { return 0.5 * std::erfc(-d / std::sqrt(2.0)); };
    const double root = std::sqrt((double)years[i]);
    const double d1 = (std::log((double)spot[i] / strike[i]) + (rate + 0.5 * vol * vol) * years[i]) / (vol * root);
    const double expect = spot[i] * cdf(d1) - strike[i] * std::exp(-rate * (double)years[i]) * cdf(d1 - vol * root);
    if (std::fabs(call[i] - expect) > 1e-3 * (1 + expect)) {  // the CDF polynomial is good to 7.5e-8
      state.SkipWithError("black_scholes: wrong price");
      return;
    }
  }
  report(state, s.thread_instructions, s.warp_instructions);
}

void BM_Saxpy(benchmark::State& state) {
  Bench b("basic", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  uint64_t dx = b.upload(std::vector<float>(n, 1.0f)), dy = b.upload(std::vector<float>(n, 2.0f));
  gpu::KernelStats s;
  for (auto _ : state) s = b.launch("saxpy", {uint32_t(n / 256)}, {256}, 0, {arg(n), arg(2.0f), arg(dx), arg(dy)});
  report(state, s.thread_instructions, s.warp_instructions);
}

void BM_Reduction(benchmark::State& state) {
  Bench b("algorithms", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  uint64_t din = b.upload(std::vector<float>(n, 1.0f)), dout = b.upload(std::vector<float>(1));
  gpu::KernelStats s;
  for (auto _ : state) s = b.launch("reduce_sum", {64}, {256}, 256 * 4, {arg(din), arg(dout), arg(n)});
  report(state, s.thread_instructions, s.warp_instructions);
}

void BM_Histogram(benchmark::State& state) {
  Bench b("algorithms", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  std::vector<uint8_t> in(n);
  std::mt19937 rng(1);
  for (auto& v : in) v = static_cast<uint8_t>(rng());
  uint64_t din = b.upload(in), dbins = b.upload(std::vector<unsigned>(256));
  gpu::KernelStats s;
  for (auto _ : state) s = b.launch("histogram", {64}, {256}, 0, {arg(din), arg(n), arg(dbins)});
  report(state, s.thread_instructions, s.warp_instructions);
}

void BM_Bfs(benchmark::State& state) {
  Bench b("algorithms", static_cast<unsigned>(state.range(1)));
  int n = static_cast<int>(state.range(0));
  std::mt19937 rng(2);
  std::vector<int> row{0}, col;
  for (int v = 0; v < n; ++v) {
    for (int k = 0; k < 4; ++k) col.push_back(static_cast<int>(rng() % n));
    row.push_back(static_cast<int>(col.size()));
  }
  uint64_t drow = b.upload(row), dcol = b.upload(col), dchanged = b.upload(std::vector<int>(1));
  std::vector<int> dist0(n, -1);
  dist0[0] = 0;
  uint64_t ddist = b.upload(dist0);
  uint64_t thread_total = 0, warp_total = 0;
  for (auto _ : state) {
    (void)b.device->copy_to_device(ddist, dist0.data(), n * sizeof(int));
    thread_total = warp_total = 0;
    for (int level = 0; level < 64; ++level) {
      int zero = 0, changed = 0;
      (void)b.device->copy_to_device(dchanged, &zero, sizeof(int));
      auto s = b.launch("bfs_level", {uint32_t((n + 255) / 256)}, {256}, 0,
                        {arg(n), arg(drow), arg(dcol), arg(ddist), arg(level), arg(dchanged)});
      thread_total += s.thread_instructions, warp_total += s.warp_instructions;
      (void)b.device->copy_to_host(&changed, dchanged, sizeof(int));
      if (!changed) break;
    }
  }
  report(state, thread_total, warp_total);
}

// The fixed cost of a launch: a tiny SAXPY (8 CTAs x 128 threads, about 17 K thread-instructions) on a
// warm device, so pool wake-up and per-launch / per-CTA setup dominate. The argument is the number of
// host threads.
void BM_TinyLaunch(benchmark::State& state) {
  Bench b("basic", static_cast<unsigned>(state.range(0)));
  const int n = 1024;
  uint64_t dx = b.upload(std::vector<float>(n, 1.0f)), dy = b.upload(std::vector<float>(n, 2.0f));
  gpu::KernelStats s;
  for (auto _ : state) s = b.launch("saxpy", {8}, {128}, 0, {arg(n), arg(2.0f), arg(dx), arg(dy)});
  report(state, s.thread_instructions, s.warp_instructions);
}
BENCHMARK(BM_TinyLaunch)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMicrosecond);

#define CANOPY_BENCH(fn, size) \
  BENCHMARK(fn)->Args({size, 1})->Args({size, 2})->UseRealTime()->Unit(benchmark::kMillisecond)

CANOPY_BENCH(BM_Sgemm, 256);
CANOPY_BENCH(BM_HgemmMma, 256);
CANOPY_BENCH(BM_Collatz, 1 << 16);
CANOPY_BENCH(BM_BlackScholes, 1 << 16);
CANOPY_BENCH(BM_Saxpy, 1 << 20);
CANOPY_BENCH(BM_Reduction, 1 << 20);
CANOPY_BENCH(BM_Histogram, 1 << 20);
CANOPY_BENCH(BM_Bfs, 1 << 16);

}  // namespace

BENCHMARK_MAIN();
