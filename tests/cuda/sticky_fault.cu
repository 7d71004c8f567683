// A kernel that stores out of bounds. As on a real GPU the launch itself succeeds (the fault is
// asynchronous); the next synchronizing call reports cudaErrorIllegalAddress, and the error is
// sticky: every later runtime call that can fail reports it too. This program EXPECTS the fault
// and exits 0 when all of that holds.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

static int failures = 0;
#define EXPECT_ERR(call, expected)                                                            \
  do {                                                                                        \
    cudaError_t e_ = (call);                                                                  \
    if (e_ != (expected)) {                                                                   \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #call,      \
              cudaGetErrorName(e_), cudaGetErrorName(expected));                              \
      ++failures;                                                                             \
    }                                                                                         \
  } while (0)
#define EXPECT_OK(call) EXPECT_ERR(call, cudaSuccess)

__global__ void storeAt(int* p, long long index, int v) {
  if (threadIdx.x == 0 && blockIdx.x == 1) p[index] = v;
}

int main() {
  int* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 1024 * sizeof(int)));
  storeAt<<<2, 32>>>(d, 1023, 5);  // in bounds: fine
  EXPECT_OK(cudaDeviceSynchronize());
  int h = 0;
  EXPECT_OK(cudaMemcpy(&h, d + 1023, sizeof(int), cudaMemcpyDeviceToHost));
  if (h != 5) {
    fprintf(stderr, "in-bounds store did not land: %d\n", h);
    ++failures;
  }

  // 64 MiB past the end of a 4 KiB allocation.
  storeAt<<<2, 32>>>(d, 16 << 20, 1);
  EXPECT_ERR(cudaDeviceSynchronize(), cudaErrorIllegalAddress);

  // Sticky: everything after it fails with the same error.
  EXPECT_ERR(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  EXPECT_ERR(cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost), cudaErrorIllegalAddress);
  int* e = nullptr;
  EXPECT_ERR(cudaMalloc(&e, 16), cudaErrorIllegalAddress);
  storeAt<<<1, 1>>>(d, 0, 1);
  EXPECT_ERR(cudaGetLastError(), cudaErrorIllegalAddress);
  EXPECT_ERR(cudaGetLastError(), cudaErrorIllegalAddress);  // not cleared by reading it
  EXPECT_ERR(cudaPeekAtLastError(), cudaErrorIllegalAddress);
  EXPECT_ERR(cudaStreamSynchronize(0), cudaErrorIllegalAddress);
  cudaEvent_t ev;
  EXPECT_ERR(cudaEventCreate(&ev), cudaErrorIllegalAddress);

  if (failures == 0) printf("sticky cudaErrorIllegalAddress observed as expected\n");
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
