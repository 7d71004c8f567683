/* Canopy's CUDA headers: the pipeline primitives over cp.async. __pipeline_memcpy_async copies 4, 8 or 16
   bytes (dst in shared memory, src in global memory, both aligned to the size); the last `zfill` bytes
   are zeros instead of source bytes. Copies issued since the last __pipeline_commit form one batch;
   __pipeline_wait_prior(N) waits until at most N of the thread's batches are still in flight. */
#ifndef CANOPY_CUDA_PIPELINE_PRIMITIVES_H
#define CANOPY_CUDA_PIPELINE_PRIMITIVES_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define _CUDA_PIPELINE_PRIMITIVES_H_

#include "crt/async_copy.h"

#if defined(__CUDA__)

__CANOPY_DEVICE__ void __pipeline_memcpy_async(void* __restrict__ dst_shared, const void* __restrict__ src_global,
                                               size_t size_and_align, size_t zfill = 0) {
  const unsigned int size = (unsigned int)size_and_align;
  __canopy_cp_async(dst_shared, src_global, size, zfill >= size ? 0u : size - (unsigned int)zfill);
}

__CANOPY_DEVICE__ void __pipeline_commit(void) { __canopy_cp_async_commit(); }

__CANOPY_DEVICE__ void __pipeline_wait_prior(size_t prior) { __canopy_cp_async_wait_prior(prior); }

/* The thread's prior copies arrive on the shared-memory mbarrier `barrier` once complete. */
__CANOPY_DEVICE__ void __pipeline_arrive_on(unsigned long long* barrier) { __canopy_cp_async_arrive(barrier); }

#endif /* __CUDA__ */
#endif /* CANOPY_CUDA_PIPELINE_PRIMITIVES_H */
