// Kernel attributes and occupancy: cudaFuncGetAttributes (static shared memory, registers, launch
// bounds), cudaFuncSetAttribute for dynamic shared memory, and the occupancy calculator.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#include "check.h"

__global__ void staticShared(float* out) {
  __shared__ float buf[1024];  // 4096 bytes
  buf[threadIdx.x] = threadIdx.x;
  __syncthreads();
  out[threadIdx.x] = buf[blockDim.x - 1 - threadIdx.x];
}

__global__ void __launch_bounds__(128) bounded(int* out) { out[threadIdx.x] = threadIdx.x; }

__global__ void dynamicShared(int* out, int n) {
  extern __shared__ int dyn[];
  for (int i = threadIdx.x; i < n; i += blockDim.x) dyn[i] = i * 2;
  __syncthreads();
  int sum = 0;
  for (int i = 0; i < n; ++i) sum += dyn[i];
  if (threadIdx.x == 0) out[0] = sum;
}

int main() {
  cudaDeviceProp prop;
  EXPECT_OK(cudaGetDeviceProperties(&prop, 0));

  cudaFuncAttributes attr;
  EXPECT_OK(cudaFuncGetAttributes(&attr, staticShared));
  EXPECT(attr.sharedSizeBytes == 4096);
  EXPECT(attr.maxThreadsPerBlock > 0 && attr.maxThreadsPerBlock <= prop.maxThreadsPerBlock);
  EXPECT(attr.numRegs > 0);
  EXPECT(attr.maxDynamicSharedSizeBytes >= 0);
  printf("staticShared: %zu bytes static shared, max %d threads\n", attr.sharedSizeBytes,
         attr.maxThreadsPerBlock);

  EXPECT_OK(cudaFuncGetAttributes(&attr, bounded));
  EXPECT(attr.maxThreadsPerBlock <= 128 && attr.maxThreadsPerBlock > 0);
  EXPECT(attr.sharedSizeBytes == 0);

  // Opting in to more dynamic shared memory, then using it.
  int want = 20000;
  EXPECT_OK(cudaFuncSetAttribute(dynamicShared, cudaFuncAttributeMaxDynamicSharedMemorySize, want));
  EXPECT_OK(cudaFuncGetAttributes(&attr, dynamicShared));
  EXPECT(attr.maxDynamicSharedSizeBytes == want);
  int n = 5000;
  int* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, sizeof(int)));
  dynamicShared<<<1, 256, n * sizeof(int)>>>(d, n);
  EXPECT_OK(cudaGetLastError());
  int sum = 0;
  EXPECT_OK(cudaMemcpy(&sum, d, sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT(sum == n * (n - 1));
  EXPECT_OK(cudaFuncSetAttribute(dynamicShared, cudaFuncAttributePreferredSharedMemoryCarveout, 50));

  // Occupancy.
  int blocks = 0;
  EXPECT_OK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, staticShared, 256, 0));
  EXPECT(blocks >= 1);
  EXPECT(blocks * 256 <= prop.maxThreadsPerMultiProcessor);
  EXPECT(blocks * 4096 <= (int)prop.sharedMemPerMultiprocessor);
  int blocksSmall = 0;
  EXPECT_OK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocksSmall, staticShared, 64, 0));
  EXPECT(blocksSmall >= blocks);
  int blocksHeavy = 0;
  EXPECT_OK(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocksHeavy, dynamicShared, 64, 16000));
  EXPECT(blocksHeavy >= 1 && blocksHeavy * 16000 <= (int)prop.sharedMemPerMultiprocessor);
  printf("occupancy: %d blocks of 256, %d of 64, %d of 64 with 16000 B dynamic shared\n", blocks, blocksSmall,
         blocksHeavy);

  int minGrid = 0, blockSize = 0;
  EXPECT_OK(cudaOccupancyMaxPotentialBlockSize(&minGrid, &blockSize, staticShared, 0, 0));
  EXPECT(blockSize > 0 && blockSize <= 1024 && blockSize % prop.warpSize == 0);
  EXPECT(minGrid >= prop.multiProcessorCount);
  int minGrid2 = 0, blockSize2 = 0;
  EXPECT_OK(cudaOccupancyMaxPotentialBlockSize(&minGrid2, &blockSize2, bounded, 0, 0));
  EXPECT(blockSize2 > 0 && blockSize2 <= 128);

  float* f = nullptr;
  EXPECT_OK(cudaMalloc(&f, 1024 * sizeof(float)));
  staticShared<<<minGrid, blockSize>>>(f);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());

  EXPECT_OK(cudaFree(d));
  EXPECT_OK(cudaFree(f));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
