// Device assert kernels for tests/services (compiled by clang 14 to PTX at build time).
#include "services_prelude.h"

// Every thread prints, then threads at or above (bad_block, bad_thread) fail the assertion.
extern "C" __global__ void check_range(int bad_block, int bad_thread) {
  printf("pre %d.%d\n", blockIdx.x, threadIdx.x);
  assert(blockIdx.x < bad_block || threadIdx.x < bad_thread);
}

// No thread fails.
extern "C" __global__ void passes(int* out) {
  assert(threadIdx.x < blockDim.x);
  out[threadIdx.x] = 1;
}

// In CTAs with blockIdx.y > 0, threads from linear index `first_bad` on fail.
extern "C" __global__ void check_linear(int first_bad) {
  const int linear = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  assert(blockIdx.y == 0 || linear < first_bad);
}
