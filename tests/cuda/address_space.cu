// Address-space conversions (__cvta_generic_to_shared and friends): a shared address is the byte offset
// in the block's shared memory (two arrays' offsets differ by their distance), each conversion inverts
// the other (an access through the round-tripped pointer reaches the same object), and global addresses
// are their generic ones.
#include "check.h"

__constant__ int table[4] = {10, 20, 30, 40};

__global__ void conversions(int* g, long long* out) {
  __shared__ int a[8];
  __shared__ int b[8];
  int local[4];
  for (int i = 0; i < 4; ++i) local[i] = i * 7 + (int)threadIdx.x;
  a[threadIdx.x] = 100 + threadIdx.x;
  __syncthreads();
  const size_t sa = __cvta_generic_to_shared(&a[0]), sb = __cvta_generic_to_shared(&b[0]);
  const size_t s3 = __cvta_generic_to_shared(&a[3]);
  if (threadIdx.x != 5) return;                       // one writer
  out[0] = (long long)(s3 - sa);                      // 12 bytes
  out[1] = (long long)(sb > sa ? sb - sa : sa - sb);  // at least the 32 bytes of a[]
  out[2] = *(int*)__cvta_shared_to_generic(s3);       // a[3]
  out[3] = __cvta_generic_to_global(g) == (size_t)g;  // identity
  out[4] = *(int*)__cvta_global_to_generic(__cvta_generic_to_global(g + 1));
  volatile int* lp = (int*)__cvta_local_to_generic(__cvta_generic_to_local(&local[2]));
  out[5] = *lp;  // 14 + 5
  out[6] = *(const int*)__cvta_constant_to_generic(__cvta_generic_to_constant(&table[2]));
  out[7] = __cvta_generic_to_shared(&a[threadIdx.x]) - sa;  // 4 * 5
}

int main() {
  int* g = nullptr;
  long long* out = nullptr;
  const int host_g[2] = {5, 6};
  EXPECT_OK(cudaMalloc(&g, sizeof(host_g)));
  EXPECT_OK(cudaMemcpy(g, host_g, sizeof(host_g), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMalloc(&out, 8 * sizeof(long long)));
  conversions<<<1, 8>>>(g, out);
  EXPECT_OK(cudaGetLastError());
  long long r[8];
  EXPECT_OK(cudaMemcpy(r, out, sizeof(r), cudaMemcpyDeviceToHost));
  EXPECT(r[0] == 12);
  EXPECT(r[1] >= 32);
  EXPECT(r[2] == 103);
  EXPECT(r[3] == 1);
  EXPECT(r[4] == 6);
  EXPECT(r[5] == 19);
  EXPECT(r[6] == 30);
  EXPECT(r[7] == 20);
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
