// Runtime API that CUDA 12/13 removed from its headers but old programs and benchmark suites still call:
// the cudaThread* forms of the cudaDevice* functions.
#include "../cuda/check.h"

__global__ void add_one(int* p) { p[threadIdx.x] += 1; }

int main() {
  int* d;
  EXPECT_OK(cudaMalloc(&d, 32 * sizeof(int)));
  EXPECT_OK(cudaMemset(d, 0, 32 * sizeof(int)));
  add_one<<<1, 32>>>(d);
  EXPECT_OK(cudaThreadSynchronize());
  int h[32];
  EXPECT_OK(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int v : h) EXPECT(v == 1);
  size_t limit = 0;
  EXPECT_OK(cudaThreadSetLimit(cudaLimitPrintfFifoSize, 1 << 21));
  EXPECT_OK(cudaThreadGetLimit(&limit, cudaLimitPrintfFifoSize));
  EXPECT(limit == (1 << 21));
  cudaFuncCache cache;
  EXPECT_OK(cudaThreadSetCacheConfig(cudaFuncCachePreferShared));
  EXPECT_OK(cudaThreadGetCacheConfig(&cache));
  EXPECT_OK(cudaThreadExit());  // = cudaDeviceReset: the allocation is gone
  EXPECT(cudaFree(d) == cudaErrorInvalidValue);
  cudaGetLastError();
  return check_result();
}
