// cuda::pipeline beyond the basics, as the CUDA samples use it: pipeline_consumer_wait_prior<N> on a
// thread-scope pipeline, pipeline_producer_commit with a barrier, and a block pipeline partitioned into
// producer and consumer threads by pipeline_role. Every copied value is checked against the input.
#include <cooperative_groups.h>
#include <cuda/barrier>
#include <cuda/pipeline>

#include <vector>

#include "../cuda/check.h"

namespace cg = cooperative_groups;
constexpr int kStages = 2;
constexpr int kChunk = 128;  // ints per stage

// Thread-scope: each thread copies its 4 chunks of 4 ints, then waits for all but the newest stage, then
// for everything.
__global__ void wait_prior(const int* in, int* out) {
  alignas(16) __shared__ int buf[4][128 * 4];
  auto pipe = cuda::make_pipeline();
  const int t = threadIdx.x;
  for (int stage = 0; stage < 4; ++stage) {
    pipe.producer_acquire();
    cuda::memcpy_async(&buf[stage][4 * t], &in[stage * 512 + 4 * t], cuda::aligned_size_t<16>(16), pipe);
    pipe.producer_commit();
  }
  cuda::pipeline_consumer_wait_prior<1>(pipe);  // stages 0..2 have landed
  for (int stage = 0; stage < 3; ++stage)
    for (int k = 0; k < 4; ++k) out[stage * 512 + 4 * t + k] = buf[stage][4 * t + k] + 1;
  cuda::pipeline_consumer_wait_prior<0>(pipe);
  for (int k = 0; k < 4; ++k) out[3 * 512 + 4 * t + k] = buf[3][4 * t + k] + 1;
}

// pipeline_producer_commit: the barrier's phase completes when the stage's copies have landed.
__global__ void commit_to_barrier(const int* in, int* out) {
  alignas(16) __shared__ int buf[128];
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  if (threadIdx.x == 0) init(&bar, blockDim.x);
  __syncthreads();
  auto pipe = cuda::make_pipeline();
  cuda::memcpy_async(&buf[threadIdx.x], &in[threadIdx.x], sizeof(int), pipe);
  cuda::pipeline_producer_commit(pipe, bar);
  bar.arrive_and_wait();
  out[threadIdx.x] = buf[(threadIdx.x + 1) % 128] * 2;
}

// Partitioned: warps 0-1 produce chunks, warps 2-3 consume them, through kStages shared buffers.
__global__ void producers_and_consumers(const int* in, int* out, int chunks) {
  alignas(16) __shared__ int buf[kStages][kChunk];
  __shared__ cuda::pipeline_shared_state<cuda::thread_scope_block, kStages> state;
  cg::thread_block block = cg::this_thread_block();
  const bool producer = block.thread_index().x < 64;
  auto pipe = cuda::make_pipeline(block, &state, producer ? cuda::pipeline_role::producer : cuda::pipeline_role::consumer);
  const int lane = threadIdx.x % 64;
  for (int c = 0; c < chunks; ++c) {
    const int stage = c % kStages;
    if (producer) {
      pipe.producer_acquire();
      cuda::memcpy_async(&buf[stage][2 * lane], &in[c * kChunk + 2 * lane], cuda::aligned_size_t<8>(8), pipe);
      pipe.producer_commit();
    } else {
      pipe.consumer_wait();
      out[c * kChunk + 2 * lane] = buf[stage][2 * lane] * 3;
      out[c * kChunk + 2 * lane + 1] = buf[stage][2 * lane + 1] * 3;
      pipe.consumer_release();
    }
  }
}

int main() {
  const int chunks = 9;
  std::vector<int> in(4 * 512);
  for (size_t i = 0; i < in.size(); ++i) in[i] = (int)(i * 13 + 5);
  int *d_in, *d_out;
  EXPECT_OK(cudaMalloc(&d_in, in.size() * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_out, in.size() * sizeof(int)));
  EXPECT_OK(cudaMemcpy(d_in, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice));
  std::vector<int> out(in.size());

  wait_prior<<<1, 128>>>(d_in, d_out);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, out.size() * sizeof(int), cudaMemcpyDeviceToHost));
  for (size_t i = 0; i < in.size(); ++i) EXPECT(out[i] == in[i] + 1);

  commit_to_barrier<<<1, 128>>>(d_in, d_out);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, 128 * sizeof(int), cudaMemcpyDeviceToHost));
  for (int i = 0; i < 128; ++i) EXPECT(out[i] == in[(i + 1) % 128] * 2);

  producers_and_consumers<<<1, 128>>>(d_in, d_out, chunks);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy(out.data(), d_out, chunks * kChunk * sizeof(int), cudaMemcpyDeviceToHost));
  for (int i = 0; i < chunks * kChunk; ++i) EXPECT(out[i] == in[i] * 3);
  cudaFree(d_in);
  cudaFree(d_out);
  return check_result();
}
