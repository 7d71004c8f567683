// __nanosleep in a spin loop: warp 1 (which runs first after the barrier) waits for a flag that warp 0
// sets after a computation. nanosleep makes the spinning warp yield at once, so warp 0 runs and the wait
// ends after a few polls (without it the warp would spin 1024 times before yielding). Also a
// lock handed between the threads of one warp with backoff.
#include <cstdio>

#include "check.h"

__global__ void wait_for_flag(unsigned long long* out) {
  __shared__ volatile int flag;
  __shared__ int value;
  if (threadIdx.x == 0) flag = 0;
  __syncthreads();
  if (threadIdx.x >= 32) {
    unsigned polls = 0;
    while (flag == 0) {
      __nanosleep(100);
      ++polls;
    }
    if (threadIdx.x == 32) {
      out[0] = value;
      out[1] = polls;
    }
  } else if (threadIdx.x == 0) {
    int v = 0;
    for (int i = 0; i < 5000; ++i) v = v * 3 + i + threadIdx.x;  // not foldable at compile time
    value = v;
    __threadfence_block();
    flag = 1;
  }
}

__global__ void backoff_lock(int* out) {
  __shared__ int lock, total;
  if (threadIdx.x == 0) lock = total = 0;
  __syncthreads();
  unsigned ns = 8;
  bool done = false;
  while (!done) {
    if (atomicCAS(&lock, 0, 1) == 0) {
      total += threadIdx.x + 1;
      __threadfence_block();
      atomicExch(&lock, 0);
      done = true;
    } else {
      __nanosleep(ns);
      if (ns < 256) ns *= 2;
    }
  }
  __syncthreads();
  if (threadIdx.x == 0) out[0] = total;
}

int main() {
  unsigned long long* dout;
  EXPECT_OK(cudaMalloc(&dout, 2 * sizeof(unsigned long long)));
  wait_for_flag<<<1, 64>>>(dout);
  EXPECT_OK(cudaGetLastError());
  unsigned long long out[2];
  EXPECT_OK(cudaMemcpy(out, dout, sizeof out, cudaMemcpyDeviceToHost));
  int v = 0;
  for (int i = 0; i < 5000; ++i) v = static_cast<int>(static_cast<unsigned>(v) * 3u + i);
  EXPECT(out[0] == static_cast<unsigned long long>(static_cast<long long>(v)));
  // Each poll yields to warp 0 (which itself yields every 1024 backward branches, docs/engine.md).
  if (out[1] < 1 || out[1] > 8) fprintf(stderr, "polls: %llu\n", out[1]);
  EXPECT(out[1] >= 1 && out[1] <= 8);
  int* dtotal;
  EXPECT_OK(cudaMalloc(&dtotal, sizeof(int)));
  backoff_lock<<<1, 96>>>(dtotal);
  EXPECT_OK(cudaGetLastError());
  int total = 0;
  EXPECT_OK(cudaMemcpy(&total, dtotal, sizeof total, cudaMemcpyDeviceToHost));
  EXPECT(total == 96 * 97 / 2);
  cudaFree(dout);
  cudaFree(dtotal);
  if (failures == 0) printf("nanosleep_spin: ok\n");
  return failures != 0;
}
