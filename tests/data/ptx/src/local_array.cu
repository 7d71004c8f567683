#include "common.cuh"
__global__ void histogram_local(const unsigned char* in, int* out, int n, int k) {
  int bins[16];
  for (int i = 0; i < 16; ++i) bins[i] = 0;
  for (int i = threadIdx.x; i < n; i += blockDim.x) bins[in[i] & 15]++;
  out[threadIdx.x] = bins[k & 15];
}
