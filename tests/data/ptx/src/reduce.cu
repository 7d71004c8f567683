#include "common.cuh"
__global__ void __launch_bounds__(256, 2) reduce_sum(const int* in, int* out, int n) {
  __shared__ int sdata[256];
  unsigned tid = threadIdx.x;
  unsigned i = blockIdx.x * blockDim.x * 2 + threadIdx.x;
  int v = 0;
  if (i < n) v = in[i];
  if (i + blockDim.x < n) v += in[i + blockDim.x];
  sdata[tid] = v;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 32; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid < 32) {
    v = sdata[tid] + sdata[tid + 32];
    for (int d = 16; d > 0; d >>= 1) v += SHFL_DOWN(v, d);
    if (tid == 0) ATOMIC_ADD_I(out, v);
  }
}

extern __shared__ float dyn_smem[];
__global__ void scale_dynamic(float* data, float f) {
  dyn_smem[threadIdx.x] = data[blockIdx.x * blockDim.x + threadIdx.x];
  __syncthreads();
  data[blockIdx.x * blockDim.x + threadIdx.x] = dyn_smem[blockDim.x - 1 - threadIdx.x] * f;
}
