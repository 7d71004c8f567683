// cuda::barrier<cuda::thread_scope_block> with cuda::memcpy_async: a block-wide copy through the
// cooperative-group overload (aligned_size_t and plain sizes, including a size that is not a multiple of
// 4, done synchronously), a one-thread copy, several phases with arrive/wait tokens, and arrive_and_drop
// (a thread that leaves lowers the count for later phases).
#include <cooperative_groups.h>
#include <cuda/barrier>

#include <cstdio>
#include <vector>

#include "check.h"

namespace cg = cooperative_groups;

constexpr int kThreads = 128;
constexpr int kWords = 1024;

__global__ void block_copy(const int* in, int* out, int rounds) {
  auto block = cg::this_thread_block();
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  __shared__ __align__(16) int tile[kWords];
  __shared__ __align__(16) char odd[67];
  if (block.thread_rank() == 0) init(&bar, block.size());
  block.sync();
  int sum = 0;
  for (int r = 0; r < rounds; ++r) {
    cuda::memcpy_async(block, tile, in + r * kWords, cuda::aligned_size_t<16>(sizeof(int) * kWords), bar);
    bar.arrive_and_wait();
    for (int i = threadIdx.x; i < kWords; i += kThreads) sum += tile[i] * (i % 5 + 1);
    bar.arrive_and_wait();  // everyone done reading before the next round overwrites
  }
  // A plain-size copy of 67 bytes (not 4-byte sized: done synchronously) and a one-thread copy.
  cuda::memcpy_async(block, odd, reinterpret_cast<const char*>(in) + 3, 67, bar);
  auto token = bar.arrive();
  bar.wait(static_cast<decltype(token)&&>(token));
  if (threadIdx.x == 0) {
    cuda::memcpy_async(tile, in + 5, sizeof(int) * 8, bar);
  }
  bar.arrive_and_wait();
  out[threadIdx.x] = sum;
  if (threadIdx.x < 67) out[kThreads + threadIdx.x] = odd[threadIdx.x];
  if (threadIdx.x < 8) out[kThreads + 67 + threadIdx.x] = tile[threadIdx.x];
}

// Threads with odd ranks drop out after the first phase; the even ones complete two more phases alone.
__global__ void drop_out(int* out) {
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  __shared__ int counter;
  if (threadIdx.x == 0) {
    init(&bar, kThreads);
    counter = 0;
  }
  __syncthreads();
  atomicAdd(&counter, 1);
  if (threadIdx.x % 2) {
    bar.arrive_and_drop();
    return;
  }
  bar.arrive_and_wait();
  const int first = counter;
  bar.arrive_and_wait();
  atomicAdd(&counter, 1);
  bar.arrive_and_wait();
  out[threadIdx.x] = first * 1000 + counter;
}

int main() {
  const int rounds = 3;
  std::vector<int> in(rounds * kWords);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<int>((i * 37) % 101) - 50;
  int *din, *dout;
  EXPECT_OK(cudaMalloc(&din, in.size() * sizeof(int)));
  EXPECT_OK(cudaMalloc(&dout, (kThreads + 67 + 8) * sizeof(int)));
  EXPECT_OK(cudaMemcpy(din, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice));
  block_copy<<<1, kThreads>>>(din, dout, rounds);
  EXPECT_OK(cudaGetLastError());
  std::vector<int> out(kThreads + 67 + 8);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    int sum = 0;
    for (int r = 0; r < rounds; ++r)
      for (int i = t; i < kWords; i += kThreads) sum += in[r * kWords + i] * (i % 5 + 1);
    EXPECT(out[t] == sum);
  }
  const char* bytes = reinterpret_cast<const char*>(in.data()) + 3;
  for (int i = 0; i < 67; ++i) EXPECT(out[kThreads + i] == bytes[i]);
  for (int i = 0; i < 8; ++i) EXPECT(out[kThreads + 67 + i] == in[5 + i]);

  drop_out<<<1, kThreads>>>(dout);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy(out.data(), dout, kThreads * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; t += 2) EXPECT(out[t] == kThreads * 1000 + kThreads + kThreads / 2);
  cudaFree(din);
  cudaFree(dout);
  if (failures == 0) printf("cuda_barrier: ok\n");
  return failures != 0;
}
