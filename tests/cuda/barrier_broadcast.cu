// The block-broadcast idiom: thread 0 writes a __shared__ variable whose address never escapes, the block
// meets at __syncthreads(), every thread reads it. clang 14 moved that read above its barrier builtin
// (docs/cuda.md, "Barriers and fences"); Canopy's __syncthreads is a compiler barrier for every variable.
// Also a fence-ordered flag handoff inside a block.
#include <cstdio>
#include <vector>

#include "check.h"

__global__ void broadcast(int* out, int v) {
  __shared__ int s;
  __shared__ int* p;
  if (threadIdx.x == 0) {
    s = v * 3 + blockIdx.x;
    p = out + blockIdx.x * blockDim.x;
  }
  __syncthreads();
  p[threadIdx.x] = s + __syncthreads_count(threadIdx.x % 3 == 0) * 1000;
}

int main() {
  const int blocks = 3, threads = 100;
  int* out;
  EXPECT_OK(cudaMalloc(&out, blocks * threads * sizeof(int)));
  broadcast<<<blocks, threads>>>(out, 7);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<int> h(blocks * threads);
  EXPECT_OK(cudaMemcpy(h.data(), out, h.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b)
    for (int t = 0; t < threads; ++t) EXPECT(h[b * threads + t] == 21 + b + 34 * 1000);
  cudaFree(out);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  else printf("barrier broadcast: all checks passed\n");
  return failures ? 1 : 0;
}
