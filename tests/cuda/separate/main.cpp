// Host-only translation unit (plain C++, no kernels): uses the runtime API directly and calls
// launchers that live in kernels.cu and stats.cu.
#include <cmath>
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>
#include "kernels.h"

#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      return 1;                                                                            \
    }                                                                                      \
  } while (0)

int main() {
  const int n = 3000;
  std::vector<float> x(n), y(n), out(n);
  for (int i = 0; i < n; ++i) {
    x[i] = (float)(i % 50) * 0.5f;
    y[i] = (float)(i % 7);
  }
  float *dx, *dy;
  CUDA_CHECK(cudaMalloc(&dx, n * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dy, n * sizeof(float)));
  CUDA_CHECK(cudaMemcpy(dx, x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dy, y.data(), n * sizeof(float), cudaMemcpyHostToDevice));

  cudaStream_t stream;
  CUDA_CHECK(cudaStreamCreate(&stream));
  CUDA_CHECK(launchSaxpy(2.0f, dx, dy, n, stream));
  CUDA_CHECK(cudaStreamSynchronize(stream));
  CUDA_CHECK(setOffset(0.25f));
  CUDA_CHECK(launchAddOffset(dy, n));
  CUDA_CHECK(cudaMemcpy(out.data(), dy, n * sizeof(float), cudaMemcpyDeviceToHost));

  int bad = 0;
  for (int i = 0; i < n; ++i) bad += out[i] != 2.0f * x[i] + y[i] + 0.25f;  // exact in float

  double sumsq = 0.0;
  CUDA_CHECK(launchSumSquares(dx, n, &sumsq));
  double ref = 0.0;
  for (int i = 0; i < n; ++i) ref += (double)x[i] * x[i];
  bool sumOk = fabs(sumsq - ref) <= 1e-9 * ref;

  printf("saxpy+offset mismatches: %d; sum of squares %.1f (expected %.1f); stats launches %d\n", bad, sumsq,
         ref, statsLaunchCount());
  CUDA_CHECK(cudaStreamDestroy(stream));
  CUDA_CHECK(cudaFree(dx));
  CUDA_CHECK(cudaFree(dy));
  bool ok = bad == 0 && sumOk && statsLaunchCount() == 1;
  printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
