// Independent thread scheduling (docs/engine.md): code that relies on Volta-style forward progress of
// diverged lanes and of other warps must finish and compute the right thing, where a stack-based SIMT
// machine without yields deadlocks.
//  - the textbook spin lock (`while (atomicCAS(lock, 0, 1) != 0); ...; atomicExch(lock, 0)`), taken by
//    every thread of a warp, of several warps and of several blocks;
//  - a lane waiting for a flag that a later lane of the same warp sets (both sides of a branch);
//  - a warp waiting for a flag in shared memory that a later warp of the block sets;
//  - __syncwarp() after divergent work, and a per-lane linked-list insert under per-bucket locks.
#include <cstdio>
#include <vector>

#include "check.h"

__device__ int lock_word;
__device__ volatile int counter;  // deliberately not atomic: the lock is what makes it correct

__global__ void spin_lock_increment(int* order, int rounds) {
  for (int r = 0; r < rounds; ++r) {
    while (atomicCAS(&lock_word, 0, 1) != 0) {
    }
    __threadfence();
    const int ticket = counter;
    counter = ticket + 1;
    order[ticket] = blockIdx.x * blockDim.x + threadIdx.x;
    __threadfence();
    atomicExch(&lock_word, 0);
  }
}

// Lane 0 waits for lane 31's flag; the lanes in between do unrelated work.
__global__ void lane_waits_for_lane(int* out) {
  __shared__ volatile int flag[8];
  const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  if (lane == 0) flag[warp] = 0;
  __syncthreads();
  int value = -1;
  if (lane == 0) {
    while (flag[warp] == 0) {
    }
    value = flag[warp];
  } else if (lane == 31) {
    flag[warp] = 100 + warp;
    value = 1;
  } else {
    value = lane * lane;
  }
  out[threadIdx.x] = value;
}

// Warp 0 waits for a flag that the last warp of the block writes (no __syncthreads in between).
__global__ void warp_waits_for_warp(int* out) {
  __shared__ volatile int flag;
  __shared__ volatile int data[32];
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32, last = blockDim.x / 32 - 1;
  if (threadIdx.x == 0) flag = 0;
  __syncthreads();
  if (warp == 0) {
    while (flag == 0) {
    }
    out[blockIdx.x * 32 + lane] = data[lane] + flag;
  } else if (warp == last) {
    data[lane] = lane * 3 + blockIdx.x;
    __threadfence_block();
    if (lane == 0) flag = 1000;
  }
}

// Each lane inserts into one of a few linked lists, each guarded by its own lock.
constexpr int kBuckets = 3;
__device__ int bucket_lock[kBuckets];
__global__ void locked_list_insert(int* head, int* next, int* sizes) {
  const int id = blockIdx.x * blockDim.x + threadIdx.x;
  const int b = (id * 7) % kBuckets;
  bool done = false;
  while (!done) {  // the form that also works without independent scheduling...
    if (atomicCAS(&bucket_lock[b], 0, 1) == 0) {
      next[id] = head[b];
      head[b] = id;
      sizes[b] += 1;
      __threadfence();
      atomicExch(&bucket_lock[b], 0);
      done = true;
    }
  }
  __syncwarp();
  // ... and the form that needs it.
  while (atomicCAS(&bucket_lock[b], 0, 1) != 0) {
  }
  sizes[b] += 100;
  __threadfence();
  atomicExch(&bucket_lock[b], 0);
}

// Divergent work, then __syncwarp, then a warp-wide exchange of what each side wrote.
__global__ void syncwarp_after_divergence(int* out) {
  __shared__ int s[64];
  const int t = threadIdx.x;
  if (t % 2) {
    for (int i = 0; i < t; ++i) s[t] = t * 10 + i % 3;
  } else {
    s[t] = -t;
  }
  __syncwarp();
  out[t] = s[t ^ 1];
}

int main() {
  // Spin lock: 3 blocks x 64 threads x 4 rounds, each acquisition must be exclusive.
  {
    const int blocks = 3, threads = 64, rounds = 4, total = blocks * threads * rounds;
    int* order;
    EXPECT_OK(cudaMalloc(&order, total * sizeof(int)));
    spin_lock_increment<<<blocks, threads>>>(order, rounds);
    EXPECT_OK(cudaDeviceSynchronize());
    int final_count = 0;
    EXPECT_OK(cudaMemcpyFromSymbol(&final_count, counter, sizeof(int)));
    EXPECT(final_count == total);
    std::vector<int> h(total);
    EXPECT_OK(cudaMemcpy(h.data(), order, total * sizeof(int), cudaMemcpyDeviceToHost));
    std::vector<int> seen(blocks * threads, 0);
    for (int v : h)
      if (v >= 0 && v < blocks * threads) ++seen[v];
    for (int i = 0; i < blocks * threads; ++i) EXPECT(seen[i] == rounds);
    cudaFree(order);
  }
  // Lane waits for a later lane.
  {
    const int threads = 96;
    int* out;
    EXPECT_OK(cudaMalloc(&out, threads * sizeof(int)));
    lane_waits_for_lane<<<1, threads>>>(out);
    EXPECT_OK(cudaDeviceSynchronize());
    std::vector<int> h(threads);
    EXPECT_OK(cudaMemcpy(h.data(), out, threads * sizeof(int), cudaMemcpyDeviceToHost));
    for (int t = 0; t < threads; ++t) {
      const int lane = t % 32, warp = t / 32;
      const int want = lane == 0 ? 100 + warp : lane == 31 ? 1 : lane * lane;
      EXPECT(h[t] == want);
    }
    cudaFree(out);
  }
  // Warp waits for a later warp.
  {
    const int blocks = 2;
    int* out;
    EXPECT_OK(cudaMalloc(&out, blocks * 32 * sizeof(int)));
    warp_waits_for_warp<<<blocks, 128>>>(out);
    EXPECT_OK(cudaDeviceSynchronize());
    std::vector<int> h(blocks * 32);
    EXPECT_OK(cudaMemcpy(h.data(), out, h.size() * sizeof(int), cudaMemcpyDeviceToHost));
    for (int b = 0; b < blocks; ++b)
      for (int l = 0; l < 32; ++l) EXPECT(h[b * 32 + l] == l * 3 + b + 1000);
    cudaFree(out);
  }
  // Linked lists under per-bucket locks: every id appears exactly once, in its bucket.
  {
    const int blocks = 2, threads = 64, n = blocks * threads;
    int *head, *next, *sizes;
    EXPECT_OK(cudaMalloc(&head, kBuckets * sizeof(int)));
    EXPECT_OK(cudaMalloc(&next, n * sizeof(int)));
    EXPECT_OK(cudaMalloc(&sizes, kBuckets * sizeof(int)));
    EXPECT_OK(cudaMemset(head, 0xff, kBuckets * sizeof(int)));  // -1: empty
    EXPECT_OK(cudaMemset(sizes, 0, kBuckets * sizeof(int)));
    locked_list_insert<<<blocks, threads>>>(head, next, sizes);
    EXPECT_OK(cudaDeviceSynchronize());
    std::vector<int> hh(kBuckets), hn(n), hs(kBuckets);
    EXPECT_OK(cudaMemcpy(hh.data(), head, kBuckets * sizeof(int), cudaMemcpyDeviceToHost));
    EXPECT_OK(cudaMemcpy(hn.data(), next, n * sizeof(int), cudaMemcpyDeviceToHost));
    EXPECT_OK(cudaMemcpy(hs.data(), sizes, kBuckets * sizeof(int), cudaMemcpyDeviceToHost));
    std::vector<int> seen(n, 0);
    for (int b = 0; b < kBuckets; ++b) {
      int expected = 0;
      for (int id = 0; id < n; ++id) expected += (id * 7) % kBuckets == b;
      int length = 0;
      for (int id = hh[b]; id >= 0 && id < n && length <= n; id = hn[id], ++length) {
        ++seen[id];
        EXPECT((id * 7) % kBuckets == b);
      }
      EXPECT(length == expected);
      EXPECT(hs[b] == expected * 101);
    }
    for (int id = 0; id < n; ++id) EXPECT(seen[id] == 1);
    cudaFree(head);
    cudaFree(next);
    cudaFree(sizes);
  }
  // __syncwarp after divergence.
  {
    int* out;
    EXPECT_OK(cudaMalloc(&out, 64 * sizeof(int)));
    syncwarp_after_divergence<<<1, 64>>>(out);
    EXPECT_OK(cudaDeviceSynchronize());
    std::vector<int> h(64);
    EXPECT_OK(cudaMemcpy(h.data(), out, 64 * sizeof(int), cudaMemcpyDeviceToHost));
    for (int t = 0; t < 64; ++t) {
      const int o = t ^ 1;
      const int want = o % 2 ? o * 10 + (o - 1) % 3 : -o;
      EXPECT(h[t] == want);
    }
    cudaFree(out);
  }
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  else printf("independent scheduling: all checks passed\n");
  return failures ? 1 : 0;
}
