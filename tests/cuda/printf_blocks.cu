// Device printf from several blocks and threads, checked against printf_blocks.expected.
//
// NOTE: CUDA does not define the order in which output from different blocks (or warps) appears.
// Canopy prints a launch's output in block order, then warp, then lane, and the .expected file of
// THIS test relies on that; portable CUDA code must not.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void hello() {
  printf("block %d thread %d of %d: hello\n", blockIdx.x, threadIdx.x, blockDim.x);
}

// Two warps per block; only the first and last lane of each warp print.
__global__ void edges(int tag) {
  int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  if (lane == 0 || lane == 31) printf("[%d] block %d warp %d lane %2d\n", tag, blockIdx.x, warp, lane);
}

// 2D blocks and grids: linear thread order is x fastest, then y.
__global__ void grid2d() {
  printf("block (%d,%d) thread (%d,%d)\n", blockIdx.x, blockIdx.y, threadIdx.x, threadIdx.y);
}

// A data-dependent subset of threads prints, with values computed per thread.
__global__ void values(const int* data) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int v = data[i];
  if (v % 3 == 0) printf("data[%d] = %d is a multiple of 3\n", i, v);
}

int main() {
  printf("host: before\n");
  hello<<<3, 4>>>();
  cudaDeviceSynchronize();
  printf("host: between\n");
  edges<<<2, 64>>>(7);
  cudaDeviceSynchronize();
  grid2d<<<dim3(2, 2), dim3(2, 2)>>>();
  cudaDeviceSynchronize();

  int h[16];
  for (int i = 0; i < 16; ++i) h[i] = (i * 5 + 1) % 17;
  int* d;
  cudaMalloc(&d, sizeof(h));
  cudaMemcpy(d, h, sizeof(h), cudaMemcpyHostToDevice);
  values<<<2, 8>>>(d);
  cudaError_t err = cudaDeviceSynchronize();
  cudaFree(d);
  printf("host: after (%s)\n", cudaGetErrorString(err));
  return err == cudaSuccess ? 0 : 1;
}
