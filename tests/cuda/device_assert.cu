// Device-side assert: a kernel whose assertions hold runs normally; one where exactly one thread
// (block 1, thread 3) fails makes the next synchronization return cudaErrorAssert, which is
// sticky, and CUDA's "Assertion ... failed." line appears on stderr (device_assert.stderr).
// The program expects all of this and exits 0.
#include <cassert>
#include <cstdio>
#include <cuda_runtime.h>

__global__ void checkNonNegative(const int* data, int n, int* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    int v = data[i];
    assert(v >= 0);
    out[i] = v * 2;
  }
}

int main() {
  const int n = 16;
  int h[n];
  for (int i = 0; i < n; ++i) h[i] = i;
  int *d, *out;
  cudaMalloc(&d, sizeof(h));
  cudaMalloc(&out, sizeof(h));
  cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);

  int failures = 0;
  checkNonNegative<<<2, 8>>>(d, n, out);
  cudaError_t err = cudaDeviceSynchronize();
  if (err != cudaSuccess) {
    fprintf(stderr, "passing assertions failed: %s\n", cudaGetErrorName(err));
    ++failures;
  }
  int back[n];
  cudaMemcpy(back, out, sizeof(back), cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; ++i) failures += back[i] != 2 * i;

  h[11] = -1;  // block 1, thread 3
  cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
  checkNonNegative<<<2, 8>>>(d, n, out);
  err = cudaDeviceSynchronize();
  if (err != cudaErrorAssert) {
    fprintf(stderr, "expected cudaErrorAssert, got %s\n", cudaGetErrorName(err));
    ++failures;
  }
  err = cudaMemcpy(back, out, sizeof(back), cudaMemcpyDeviceToHost);
  if (err != cudaErrorAssert) {
    fprintf(stderr, "expected the assert to be sticky, got %s\n", cudaGetErrorName(err));
    ++failures;
  }
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
