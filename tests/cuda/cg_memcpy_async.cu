// cooperative_groups::memcpy_async with cg::wait and cg::wait_prior: a block copies two batches, waits
// for the first only (the second is still in flight: Canopy completes a thread's copies only when it
// waits, so its part of the buffer still holds the old contents), then for both; a 32-thread tile copies its own slice.
#include <cooperative_groups.h>
#include <cooperative_groups/memcpy_async.h>

#include <cstdio>
#include <vector>

#include "check.h"

namespace cg = cooperative_groups;

constexpr int kThreads = 96;
constexpr int kWords = 256;

__global__ void batches(const int* in, int* out) {
  auto block = cg::this_thread_block();
  __shared__ __align__(16) int a[kWords];
  __shared__ __align__(16) int b[kWords];
  __shared__ __align__(16) int c[3][32];
  for (int i = threadIdx.x; i < kWords; i += kThreads) b[i] = -1;
  block.sync();
  cg::memcpy_async(block, a, in, sizeof(int) * kWords);
  cg::memcpy_async(block, b, in + kWords, cuda::aligned_size_t<16>(sizeof(int) * kWords));
  cg::wait_prior<1>(block);
  const int t = threadIdx.x;
  out[t] = a[(t * 3) % kWords];
  // This thread's own part of batch 2 (threads 0-63 copy 16 bytes each) is still in flight. (Other
  // threads' parts are in flight until they wait: reading them here would be a race.)
  out[kThreads + t] = t < kWords / 4 ? b[4 * t] : -1;
  cg::wait(block);
  out[2 * kThreads + t] = b[(t * 5) % kWords];
  auto tile = cg::tiled_partition<32>(block);
  const int w = t / 32;
  cg::memcpy_async(tile, c[w], sizeof(c[w]), in + 2 * kWords + w * 32, sizeof(int) * 32);
  cg::wait(tile);
  out[3 * kThreads + t] = c[w][31 - tile.thread_rank()];
}

int main() {
  std::vector<int> in(3 * kWords);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<int>(i * 13 + 5);
  int *din, *dout;
  EXPECT_OK(cudaMalloc(&din, in.size() * sizeof(int)));
  EXPECT_OK(cudaMalloc(&dout, 4 * kThreads * sizeof(int)));
  EXPECT_OK(cudaMemcpy(din, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice));
  batches<<<1, kThreads>>>(din, dout);
  EXPECT_OK(cudaGetLastError());
  std::vector<int> out(4 * kThreads);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    EXPECT(out[t] == in[(t * 3) % kWords]);
    EXPECT(out[kThreads + t] == -1);
    EXPECT(out[2 * kThreads + t] == in[kWords + (t * 5) % kWords]);
    EXPECT(out[3 * kThreads + t] == in[2 * kWords + (t / 32) * 32 + 31 - t % 32]);
  }
  cudaFree(din);
  cudaFree(dout);
  if (failures == 0) printf("cg_memcpy_async: ok\n");
  return failures != 0;
}
