// The default device reports what a CUDA program checks before using sm_80 features: compute capability
// 8.0 (bf16, tensor cores, cp.async are implemented), sharedMemPerBlock 48 KiB, more by opt-in with
// cudaFuncSetAttribute as on every CUDA GPU since Volta.
#include "../cuda/check.h"

__global__ void use_shared(int* out) {
  extern __shared__ int dynamic[];
  dynamic[threadIdx.x * 200] = threadIdx.x;  // up to 63 * 200 * 4 = 50400 bytes in
  __syncthreads();
  out[threadIdx.x] = dynamic[threadIdx.x * 200];
}

int main() {
  cudaDeviceProp prop;
  EXPECT_OK(cudaGetDeviceProperties(&prop, 0));
  EXPECT(prop.major == 8 && prop.minor == 0);
  EXPECT(prop.sharedMemPerBlock == 48 * 1024 && prop.sharedMemPerBlockOptin > 48 * 1024);
  EXPECT(prop.warpSize == 32 && prop.clockRate > 0 && prop.memoryClockRate > 0);
  int major = 0;
  EXPECT_OK(cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, 0));
  EXPECT(major == 8);

  int* d;
  EXPECT_OK(cudaMalloc(&d, 64 * sizeof(int)));
  const size_t bytes = 56 * 1024;
  use_shared<<<1, 64, bytes>>>(d);  // above 48 KiB without opt-in: refused
  EXPECT(cudaGetLastError() == cudaErrorInvalidValue);
  EXPECT_OK(cudaFuncSetAttribute(use_shared, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)bytes));
  use_shared<<<1, 64, bytes>>>(d);
  EXPECT_OK(cudaGetLastError());
  int h[64];
  EXPECT_OK(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int i = 0; i < 64; ++i) EXPECT(h[i] == i);
  cudaFree(d);
  return check_result();
}
