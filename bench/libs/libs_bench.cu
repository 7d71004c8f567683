// The libraries on the simulated GPU (make bench): host time per call of cuBLAS's main routines and of
// cuRAND's generators, and the simulated work per host second that gives (flop/s or values/s of the
// simulated GPU's results per second of this machine). Each call is synchronized, so the time is the
// whole simulation of the kernels it launched.
#include <benchmark/benchmark.h>
#include <cublas_v2.h>
#include <cuda_fp16.h>
#include <cufft.h>
#include <curand.h>
#include <curand_kernel.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace {

struct Blas {
  cublasHandle_t handle = nullptr;
  Blas() { cublasCreate(&handle); }
  ~Blas() { cublasDestroy(handle); }
};

Blas& blas() {
  static Blas instance;
  return instance;
}

template <typename Elem>
Elem* device_random(size_t count) {
  std::vector<Elem> h(count);
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> d(-1, 1);
  for (Elem& e : h) e = Elem(d(rng));
  Elem* p = nullptr;
  cudaMalloc(&p, count * sizeof(Elem));
  cudaMemcpy(p, h.data(), count * sizeof(Elem), cudaMemcpyHostToDevice);
  return p;
}

template <typename Elem>
void gemm(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  Elem* a = device_random<Elem>(size_t(size) * size);
  Elem* b = device_random<Elem>(size_t(size) * size);
  Elem* c = device_random<Elem>(size_t(size) * size);
  Elem alpha = 1, beta = 0;
  for (auto _ : state) {
    cublasStatus_t s;
    if constexpr (std::is_same_v<Elem, float>)
      s = cublasSgemm(blas().handle, CUBLAS_OP_N, CUBLAS_OP_N, size, size, size, &alpha, a, size, b, size, &beta, c, size);
    else
      s = cublasDgemm(blas().handle, CUBLAS_OP_N, CUBLAS_OP_N, size, size, size, &alpha, a, size, b, size, &beta, c, size);
    cudaDeviceSynchronize();
    if (s != CUBLAS_STATUS_SUCCESS) state.SkipWithError("gemm failed");
  }
  state.counters["flop/s"] =
      benchmark::Counter(2.0 * size * size * size, benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(a);
  cudaFree(b);
  cudaFree(c);
}

void gemm_ex_half(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  __half* a = device_random<__half>(size_t(size) * size);
  __half* b = device_random<__half>(size_t(size) * size);
  float* c = device_random<float>(size_t(size) * size);
  float alpha = 1, beta = 0;
  for (auto _ : state) {
    cublasStatus_t s = cublasGemmEx(blas().handle, CUBLAS_OP_N, CUBLAS_OP_N, size, size, size, &alpha, a, CUDA_R_16F,
                                    size, b, CUDA_R_16F, size, &beta, c, CUDA_R_32F, size, CUBLAS_COMPUTE_32F,
                                    CUBLAS_GEMM_DEFAULT);
    cudaDeviceSynchronize();
    if (s != CUBLAS_STATUS_SUCCESS) state.SkipWithError("gemmEx failed");
  }
  state.counters["flop/s"] =
      benchmark::Counter(2.0 * size * size * size, benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(a);
  cudaFree(b);
  cudaFree(c);
}

void gemv(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  const cublasOperation_t op = state.range(1) ? CUBLAS_OP_T : CUBLAS_OP_N;
  float* a = device_random<float>(size_t(size) * size);
  float* x = device_random<float>(size);
  float* y = device_random<float>(size);
  float alpha = 1, beta = 0;
  for (auto _ : state) {
    cublasSgemv(blas().handle, op, size, size, &alpha, a, size, x, 1, &beta, y, 1);
    cudaDeviceSynchronize();
  }
  state.counters["flop/s"] = benchmark::Counter(2.0 * size * size, benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(a);
  cudaFree(x);
  cudaFree(y);
}

void dot(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  float* x = device_random<float>(size);
  float result = 0;
  for (auto _ : state) cublasSdot(blas().handle, size, x, 1, x, 1, &result);  // host result: synchronous
  state.counters["flop/s"] = benchmark::Counter(2.0 * size, benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(x);
}

void trsm(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  std::vector<double> h(size_t(size) * size);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> d(-1, 1);
  for (int j = 0; j < size; ++j)
    for (int i = 0; i < size; ++i) h[i + size_t(j) * size] = i == j ? 2.0 + d(rng) : d(rng) / size;
  double* a = nullptr;
  cudaMalloc(&a, h.size() * sizeof(double));
  cudaMemcpy(a, h.data(), h.size() * sizeof(double), cudaMemcpyHostToDevice);
  double* b = device_random<double>(size_t(size) * size);
  double alpha = 1;
  for (auto _ : state) {
    cublasDtrsm(blas().handle, CUBLAS_SIDE_LEFT, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, CUBLAS_DIAG_NON_UNIT, size, size,
                &alpha, a, size, b, size);
    cudaDeviceSynchronize();
  }
  state.counters["flop/s"] =
      benchmark::Counter(1.0 * size * size * size, benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(a);
  cudaFree(b);
}

// curand_init of XORWOW states on subsequences 0 .. n-1 (the jump-ahead's cost), then one word each.
__global__ void init_xorwow(curandState* states, unsigned* out, int n) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= n) return;
  curand_init(1234, t, 0, &states[t]);
  out[t] = curand(&states[t]);
}

void xorwow_init(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  curandState* states = nullptr;
  unsigned* out = nullptr;
  cudaMalloc(&states, n * sizeof(curandState));
  cudaMalloc(&out, n * sizeof(unsigned));
  for (auto _ : state) {
    init_xorwow<<<(n + 255) / 256, 256>>>(states, out, n);
    cudaDeviceSynchronize();
  }
  state.counters["inits/s"] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(states);
  cudaFree(out);
}

void generate(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const curandRngType_t type = state.range(1) ? CURAND_RNG_PSEUDO_PHILOX4_32_10 : CURAND_RNG_PSEUDO_XORWOW;
  curandGenerator_t g = nullptr;
  curandCreateGenerator(&g, type);
  float* out = nullptr;
  cudaMalloc(&out, n * sizeof(float));
  curandGenerateUniform(g, out, n);  // sets up the states outside the timing
  for (auto _ : state) {
    curandGenerateNormal(g, out, n, 0.0f, 1.0f);
    cudaDeviceSynchronize();
  }
  state.counters["values/s"] = benchmark::Counter(double(n), benchmark::Counter::kIsIterationInvariantRate);
  cudaFree(out);
  curandDestroyGenerator(g);
}

// Batched 1-D complex FFTs: a power of two (Stockham passes) and 1000 (Bluestein, through 2048-point passes).
void fft(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0)), batch = static_cast<int>(state.range(1));
  cufftComplex* data = nullptr;
  cudaMalloc(&data, sizeof(cufftComplex) * n * batch);
  cudaMemset(data, 0, sizeof(cufftComplex) * n * batch);
  cufftHandle plan;
  cufftPlan1d(&plan, n, CUFFT_C2C, batch);
  for (auto _ : state) {
    cufftExecC2C(plan, data, data, CUFFT_FORWARD);
    cudaDeviceSynchronize();
  }
  // The conventional FFT flop count, 5 n log2 n per transform.
  state.counters["flop/s"] =
      benchmark::Counter(5.0 * n * std::log2(double(n)) * batch, benchmark::Counter::kIsIterationInvariantRate);
  cufftDestroy(plan);
  cudaFree(data);
}

}  // namespace

BENCHMARK(fft)->Args({1 << 16, 16})->Args({1000, 64})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(xorwow_init)->Arg(4096)->Arg(65536)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(generate)->Args({1 << 20, 0})->Args({1 << 20, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(gemm, float)->Arg(128)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(gemm, double)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(gemm_ex_half)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(gemv)->Args({2048, 0})->Args({2048, 1})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(dot)->Arg(1 << 20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(trsm)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
