#include "prelude.h"

extern "C" __global__ void saxpy(int n, float a, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

extern "C" __global__ void daxpy_grid_stride(int n, double a, const double* x, double* y) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    y[i] = a * x[i] + y[i];
}

// Per-thread integer mix with divergent trip counts (exercises loops, shifts, mul.hi, rem).
extern "C" __global__ void collatz(const unsigned* in, unsigned* steps, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned long long v = in[i];
  unsigned s = 0;
  while (v != 1 && s < 1000) {
    v = (v % 2) ? 3 * v + 1 : v / 2;
    ++s;
  }
  steps[i] = s;
}

__device__ __noinline__ int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
extern "C" __global__ void fib_kernel(int* out) { out[threadIdx.x] = fib(threadIdx.x); }

// A dynamically indexed per-thread array lives in local memory.
extern "C" __global__ void local_array(const int* in, int* out) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  volatile int buf[16];
  for (int k = 0; k < 16; ++k) buf[k] = in[t] * k;
  int idx = in[t] & 15;
  out[t] = buf[idx] + buf[15 - idx];
}

__constant__ float kCoefficients[4] = {0.5f, -1.25f, 2.0f, 3.0f};
__device__ int g_counter;
extern "C" __global__ void polynomial(const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  y[i] = ((kCoefficients[3] * v + kCoefficients[2]) * v + kCoefficients[1]) * v + kCoefficients[0];
  atomicAdd(&g_counter, 1);
}

extern "C" __global__ void out_of_bounds(int* p, long long offset) { p[offset + threadIdx.x] = 42; }
