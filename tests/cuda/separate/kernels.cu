// Separately compiled translation unit with two kernels and a __constant__ of its own.
#include "kernels.h"

__constant__ float c_offset = 0.0f;

__global__ void saxpy(float a, const float* x, float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}

__global__ void addOffset(float* y, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) y[i] += c_offset;
}

cudaError_t launchSaxpy(float a, const float* x, float* y, int n, cudaStream_t stream) {
  saxpy<<<(n + 255) / 256, 256, 0, stream>>>(a, x, y, n);
  return cudaGetLastError();
}

cudaError_t setOffset(float offset) { return cudaMemcpyToSymbol(c_offset, &offset, sizeof(float)); }

cudaError_t launchAddOffset(float* y, int n) {
  addOffset<<<4, 128>>>(y, n);
  return cudaGetLastError();
}
