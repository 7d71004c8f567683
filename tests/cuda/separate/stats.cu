// A second translation unit: its own kernel, a __device__ variable, and host-side state.
#include "kernels.h"

__device__ double d_accumulator;
static int launches = 0;

__global__ void sumSquares(const float* x, int n) {
  __shared__ double partial[256];
  double s = 0.0;
  for (int i = threadIdx.x; i < n; i += blockDim.x) s += (double)x[i] * x[i];
  partial[threadIdx.x] = s;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) d_accumulator = partial[0];
}

cudaError_t launchSumSquares(const float* x, int n, double* result) {
  ++launches;
  sumSquares<<<1, 256>>>(x, n);
  cudaError_t err = cudaGetLastError();
  if (err != cudaSuccess) return err;
  return cudaMemcpyFromSymbol(result, d_accumulator, sizeof(double));
}

int statsLaunchCount() { return launches; }
