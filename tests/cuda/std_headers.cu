// Standard C++ headers included FIRST (before anything that declares malloc/free), as many CUDA
// programs do, and constexpr standard-library functions used in device code (nvcc needs
// --expt-relaxed-constexpr for that: std_headers.flags).
#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <new>
#include <numeric>
#include <type_traits>
#include <utility>
#include <vector>

#include <cuda_runtime.h>

template <typename T>
__global__ void clampKernel(const T* in, T* out, int n, T lo, T hi) {
  static_assert(std::is_arithmetic<T>::value, "arithmetic types only");
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = std::min(std::max(in[i], lo), hi);
}

__global__ void limitsKernel(float* f, int* i) {
  f[0] = std::numeric_limits<float>::max();
  f[1] = std::numeric_limits<float>::lowest();
  f[2] = std::numeric_limits<float>::epsilon();
  i[0] = std::numeric_limits<int>::min();
  i[1] = INT_MAX;
}

int main() {
  const int n = 1000;
  std::vector<int> in(n), out(n);
  std::iota(in.begin(), in.end(), -500);
  int *dIn, *dOut;
  cudaMalloc(&dIn, n * sizeof(int));
  cudaMalloc(&dOut, n * sizeof(int));
  cudaMemcpy(dIn, in.data(), n * sizeof(int), cudaMemcpyHostToDevice);
  clampKernel<<<(n + 127) / 128, 128>>>(dIn, dOut, n, -100, 250);
  cudaMemcpy(out.data(), dOut, n * sizeof(int), cudaMemcpyDeviceToHost);
  int failures = 0;
  for (int k = 0; k < n; ++k) failures += out[k] != std::min(std::max(in[k], -100), 250);

  float* df;
  int* di;
  cudaMalloc(&df, 3 * sizeof(float));
  cudaMalloc(&di, 2 * sizeof(int));
  limitsKernel<<<1, 1>>>(df, di);
  std::array<float, 3> hf{};
  std::array<int, 2> hi{};
  cudaMemcpy(hf.data(), df, sizeof(float) * 3, cudaMemcpyDeviceToHost);
  cudaMemcpy(hi.data(), di, sizeof(int) * 2, cudaMemcpyDeviceToHost);
  failures += hf[0] != std::numeric_limits<float>::max();
  failures += hf[1] != -std::numeric_limits<float>::max();
  failures += hf[2] != std::numeric_limits<float>::epsilon();
  failures += hi[0] != INT_MIN || hi[1] != INT_MAX;
  if (cudaDeviceSynchronize() != cudaSuccess) ++failures;
  cudaFree(dIn);
  cudaFree(dOut);
  cudaFree(df);
  cudaFree(di);
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
