// `__shared__ alignas(16)`: nvcc accepts an alignment after the CUDA storage keywords, clang 14 does not;
// canopy cc moves it in front in the user's .cu file. The buffers must be aligned as asked (a 16-byte
// vector store to them would fault otherwise).
#include "../cuda/check.h"

__device__ alignas(16) int global_table[4] = {1, 2, 3, 4};

__global__ void aligned(unsigned long long* addresses, int* out) {
  __shared__ alignas(16) char pad;  // pushes the next buffer off 16-byte alignment were alignas ignored
  __shared__ alignas(16) float4 tile[32];
  static __shared__
      alignas(32) int counts[8];
  pad = 1;
  tile[threadIdx.x] = make_float4(threadIdx.x, 1, 2, 3);
  if (threadIdx.x < 8) counts[threadIdx.x] = threadIdx.x;
  __syncthreads();
  addresses[0] = (unsigned long long)(size_t)tile;
  addresses[1] = (unsigned long long)(size_t)counts;
  addresses[2] = (unsigned long long)(size_t)global_table;
  out[threadIdx.x] = (int)tile[(threadIdx.x + 1) % 32].x + counts[threadIdx.x % 8] + pad + global_table[threadIdx.x % 4];
}

int main() {
  unsigned long long* d_addresses;
  int* d_out;
  EXPECT_OK(cudaMalloc(&d_addresses, 3 * sizeof(unsigned long long)));
  EXPECT_OK(cudaMalloc(&d_out, 32 * sizeof(int)));
  aligned<<<1, 32>>>(d_addresses, d_out);
  unsigned long long addresses[3];
  int out[32];
  EXPECT_OK(cudaMemcpy(addresses, d_addresses, sizeof addresses, cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(out, d_out, sizeof out, cudaMemcpyDeviceToHost));
  EXPECT(addresses[0] % 16 == 0 && addresses[1] % 32 == 0 && addresses[2] % 16 == 0);
  for (int i = 0; i < 32; ++i) EXPECT(out[i] == (i + 1) % 32 + i % 8 + 1 + i % 4 + 1);
  EXPECT(__LINE__ == 35);  // the rewrite keeps line numbers
  return check_result();
}
