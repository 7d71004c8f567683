// A second CUDA translation unit with its own fat binary.
#include "shared.h"

__global__ void scale(int* data, int n, int factor) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) data[i] *= factor;
}

void launch_scale(int* data, int n, int factor) { scale<<<(n + 63) / 64, 64>>>(data, n, factor); }
