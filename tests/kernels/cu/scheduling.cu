// Kernels that need independent thread scheduling (docs/engine.md): without yields each one deadlocks.
#include "prelude.h"

// The textbook spin lock, taken `rounds` times by every thread; the critical section is a plain
// read-modify-write that only the lock makes correct.
extern "C" __global__ void spin_lock(int* lock, volatile int* counter, int* order, int rounds) {
  for (int r = 0; r < rounds; ++r) {
    while (atomicCAS(lock, 0, 1) != 0) {
    }
    __threadfence();
    int ticket = *counter;
    *counter = ticket + 1;
    order[ticket] = blockIdx.x * blockDim.x + threadIdx.x;
    __threadfence();
    atomicExch(lock, 0);
  }
}

// Thread 0 of each block waits for the block's last thread (of another warp, or of its own warp when
// the block is one warp), then the block meets at a barrier: the barrier must wait for thread 0.
extern "C" __global__ void wait_then_barrier(int* out) {
  __shared__ volatile int flag;
  __shared__ int seen;
  if (threadIdx.x == 0) flag = 0;
  __syncthreads();
  if (threadIdx.x == 0) {
    while (flag == 0) {
    }
    seen = flag;
  }
  if (threadIdx.x == blockDim.x - 1) flag = 7 + blockIdx.x;
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] = seen * 1000 + threadIdx.x;
}
