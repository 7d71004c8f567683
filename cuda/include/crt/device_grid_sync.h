/* Canopy's CUDA headers: the grid-wide barrier behind cooperative_groups::this_grid().sync().
   It is only valid in a kernel launched with cudaLaunchCooperativeKernel: then every block is resident
   at once (Canopy's engine interleaves them and a spinning warp yields), so blocks may wait for each
   other. Each block's first thread adds to one counter word per translation unit (each .cu file is its own
   device module: Canopy has no -rdc): block 0 adds 2^31 - (blocks - 1), every other block 1, so the
   word's top bit flips exactly when the last block arrives, and the low 31 bits return to their value:
   the barrier needs no reset between uses or launches. */
#ifndef CANOPY_CRT_DEVICE_GRID_SYNC_H
#define CANOPY_CRT_DEVICE_GRID_SYNC_H

#include "crt/device_atomics.h"
#include "crt/device_common.h"
#include "crt/device_sync.h"

#if defined(__CUDA__)
static __device__ unsigned int __canopy_grid_barrier_word;

__CANOPY_DEVICE__ void __canopy_grid_sync(void) {
  __syncthreads();
  if (threadIdx.x == 0 && threadIdx.y == 0 && threadIdx.z == 0) {
    const unsigned int blocks = gridDim.x * gridDim.y * gridDim.z;
    const bool first = blockIdx.x == 0 && blockIdx.y == 0 && blockIdx.z == 0;
    const unsigned int add = first ? 0x80000000u - (blocks - 1u) : 1u;
    __threadfence();
    const unsigned int old = atomicAdd(&__canopy_grid_barrier_word, add);
    volatile unsigned int* word = &__canopy_grid_barrier_word;
    while (((old ^ *word) & 0x80000000u) == 0) {
    }
    __threadfence();
  }
  __syncthreads();
}
#endif

#endif
