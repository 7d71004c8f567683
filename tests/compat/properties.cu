// The default device reports what a CUDA program checks before using sm_80 features: compute capability
// 8.0 (bf16, tensor cores, cp.async are implemented), sharedMemPerBlock 48 KiB, more by opt-in with
// cudaFuncSetAttribute as on every CUDA GPU since Volta.
#include "compat_check.h"

__global__ void use_shared(int* out) {
  extern __shared__ int dynamic[];
  dynamic[threadIdx.x * 200] = threadIdx.x;  // up to 63 * 200 * 4 = 50400 bytes in
  __syncthreads();
  out[threadIdx.x] = dynamic[threadIdx.x * 200];
}

int main() {
  cudaDeviceProp prop;
  COMPAT_OK(cudaGetDeviceProperties(&prop, 0));
  COMPAT_EXPECT(prop.major == 8 && prop.minor == 0);
  COMPAT_EXPECT(prop.sharedMemPerBlock == 48 * 1024 && prop.sharedMemPerBlockOptin > 48 * 1024);
  COMPAT_EXPECT(prop.warpSize == 32 && prop.clockRate > 0 && prop.memoryClockRate > 0);
  int major = 0;
  COMPAT_OK(cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, 0));
  COMPAT_EXPECT(major == 8);

  int* d;
  COMPAT_OK(cudaMalloc(&d, 64 * sizeof(int)));
  const size_t bytes = 56 * 1024;
  use_shared<<<1, 64, bytes>>>(d);  // above 48 KiB without opt-in: refused
  COMPAT_EXPECT(cudaGetLastError() == cudaErrorInvalidValue);
  COMPAT_OK(cudaFuncSetAttribute(use_shared, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)bytes));
  use_shared<<<1, 64, bytes>>>(d);
  COMPAT_OK(cudaGetLastError());
  int h[64];
  COMPAT_OK(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int i = 0; i < 64; ++i) COMPAT_EXPECT(h[i] == i);
  cudaFree(d);
  return COMPAT_RESULT();
}
