// Separate compilation: this file's kernel and its fat binary, linked with main.cpp and scale.cu.
#include "shared.h"

__global__ void add_one(int* data, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) data[i] += 1;
}

void launch_add_one(int* data, int n) { add_one<<<(n + 63) / 64, 64>>>(data, n); }
