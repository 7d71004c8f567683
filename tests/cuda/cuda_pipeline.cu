// cuda::pipeline: a thread-scope pipeline (cuda::make_pipeline()) streaming a thread's own data through
// a 3-stage ring of shared buffers, and a block-scope pipeline (pipeline_shared_state) where every
// thread consumes data that other threads copied. Checked against CPU sums.
#include <cooperative_groups.h>
#include <cuda/pipeline>

#include <cstdio>
#include <vector>

#include "check.h"

namespace cg = cooperative_groups;

constexpr int kThreads = 64;
constexpr int kChunks = 7;   // per thread, 4 ints each
constexpr int kStages = 3;

__global__ void thread_scope(const int* in, int* out) {
  __shared__ __align__(16) int ring[kStages][kThreads][4];
  cuda::pipeline<cuda::thread_scope_thread> pipe = cuda::make_pipeline();
  const int t = threadIdx.x;
  const int* src = in + t * kChunks * 4;
  int fetched = 0, sum = 0;
  for (; fetched < kStages - 1; ++fetched) {  // prologue: fill all stages but one
    pipe.producer_acquire();
    cuda::memcpy_async(ring[fetched % kStages][t], src + fetched * 4, cuda::aligned_size_t<16>(16), pipe);
    pipe.producer_commit();
  }
  for (int c = 0; c < kChunks; ++c) {
    if (fetched < kChunks) {
      pipe.producer_acquire();
      cuda::memcpy_async(ring[fetched % kStages][t], src + fetched * 4, 16, pipe);
      pipe.producer_commit();
      ++fetched;
    }
    pipe.consumer_wait();
    for (int i = 0; i < 4; ++i) sum = sum * 31 + ring[c % kStages][t][i];
    pipe.consumer_release();
  }
  out[t] = sum;
}

// Stage s of round r holds in[(r*2 + s) * kThreads ...]; each thread reads its mirror's element.
__global__ void block_scope(const int* in, int* out, int rounds) {
  auto block = cg::this_thread_block();
  __shared__ __align__(16) int buf[2][kThreads];
  __shared__ cuda::pipeline_shared_state<cuda::thread_scope_block, 2> state;
  auto pipe = cuda::make_pipeline(block, &state);
  int sum = 0;
  int next = 0;
  for (; next < 2 && next < rounds; ++next) {
    pipe.producer_acquire();
    cuda::memcpy_async(block, buf[next % 2], in + next * kThreads, sizeof(int) * kThreads, pipe);
    pipe.producer_commit();
  }
  for (int r = 0; r < rounds; ++r) {
    pipe.consumer_wait();
    sum = sum * 7 + buf[r % 2][kThreads - 1 - threadIdx.x];
    pipe.consumer_release();
    if (next < rounds) {
      pipe.producer_acquire();
      cuda::memcpy_async(block, buf[next % 2], in + next * kThreads, sizeof(int) * kThreads, pipe);
      pipe.producer_commit();
      ++next;
    }
  }
  out[threadIdx.x] = sum;
}

int main() {
  std::vector<int> in(kThreads * kChunks * 4);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<int>((i * 2654435761u) >> 20) - 2048;
  int *din, *dout;
  EXPECT_OK(cudaMalloc(&din, in.size() * sizeof(int)));
  EXPECT_OK(cudaMalloc(&dout, kThreads * sizeof(int)));
  EXPECT_OK(cudaMemcpy(din, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice));
  thread_scope<<<1, kThreads>>>(din, dout);
  EXPECT_OK(cudaGetLastError());
  std::vector<int> out(kThreads);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    int sum = 0;
    for (int i = 0; i < kChunks * 4; ++i) sum = sum * 31 + in[t * kChunks * 4 + i];
    EXPECT(out[t] == sum);
  }
  const int rounds = 9;
  block_scope<<<1, kThreads>>>(din, dout, rounds);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    int sum = 0;
    for (int r = 0; r < rounds; ++r) sum = sum * 7 + in[r * kThreads + kThreads - 1 - t];
    EXPECT(out[t] == sum);
  }
  cudaFree(din);
  cudaFree(dout);
  if (failures == 0) printf("cuda_pipeline: ok\n");
  return failures != 0;
}
