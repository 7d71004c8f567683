// Runtime API that CUDA 12/13 removed from its headers but old programs and benchmark suites still call:
// the cudaThread* forms of the cudaDevice* functions.
#include "compat_check.h"

__global__ void add_one(int* p) { p[threadIdx.x] += 1; }

int main() {
  int* d;
  COMPAT_OK(cudaMalloc(&d, 32 * sizeof(int)));
  COMPAT_OK(cudaMemset(d, 0, 32 * sizeof(int)));
  add_one<<<1, 32>>>(d);
  COMPAT_OK(cudaThreadSynchronize());
  int h[32];
  COMPAT_OK(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int v : h) COMPAT_EXPECT(v == 1);
  size_t limit = 0;
  COMPAT_OK(cudaThreadSetLimit(cudaLimitPrintfFifoSize, 1 << 21));
  COMPAT_OK(cudaThreadGetLimit(&limit, cudaLimitPrintfFifoSize));
  COMPAT_EXPECT(limit == (1 << 21));
  cudaFuncCache cache;
  COMPAT_OK(cudaThreadSetCacheConfig(cudaFuncCachePreferShared));
  COMPAT_OK(cudaThreadGetCacheConfig(&cache));
  COMPAT_OK(cudaThreadExit());  // = cudaDeviceReset: the allocation is gone
  COMPAT_EXPECT(cudaFree(d) == cudaErrorInvalidValue);
  cudaGetLastError();
  return COMPAT_RESULT();
}
