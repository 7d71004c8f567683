/* Canopy's CUDA headers: the inline PTX under the asynchronous-copy APIs (cuda_pipeline_primitives.h,
   cuda/barrier, cuda/pipeline, cooperative_groups/memcpy_async.h). clang 14 has no cp.async builtins in
   our setup, so each form is one asm statement. Canopy completes a cp.async only when the thread waits
   for it (docs/engine.md), so code that forgets the wait reads stale shared memory every time. */
#ifndef CANOPY_CRT_ASYNC_COPY_H
#define CANOPY_CRT_ASYNC_COPY_H

#include <stddef.h>

#include "crt/device_address_space.h"
#include "crt/device_common.h"

#if defined(__CUDA__)

/* One cp.async of `size` bytes (4, 8 or 16) of which the first `src_size` come from `src`, the rest are
   zero. `dst` must point to shared memory and `src` to global memory, both aligned to `size`. */
__CANOPY_DEVICE__ void __canopy_cp_async(void* dst, const void* src, unsigned int size, unsigned int src_size) {
  const unsigned int d = (unsigned int)__cvta_generic_to_shared(dst);
  const unsigned long long s = (unsigned long long)__cvta_generic_to_global(src);
  if (size == 16)
    asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;" ::"r"(d), "l"(s), "r"(src_size) : "memory");
  else if (size == 8)
    asm volatile("cp.async.ca.shared.global [%0], [%1], 8, %2;" ::"r"(d), "l"(s), "r"(src_size) : "memory");
  else
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4, %2;" ::"r"(d), "l"(s), "r"(src_size) : "memory");
}

__CANOPY_DEVICE__ void __canopy_cp_async_commit(void) { asm volatile("cp.async.commit_group;" ::: "memory"); }

/* cp.async.wait_group takes a literal: waiting for fewer pending groups than asked is always correct,
   so counts above 7 wait as for 7. */
__CANOPY_DEVICE__ void __canopy_cp_async_wait_prior(size_t n) {
  switch (n) {
    case 0: asm volatile("cp.async.wait_group 0;" ::: "memory"); break;
    case 1: asm volatile("cp.async.wait_group 1;" ::: "memory"); break;
    case 2: asm volatile("cp.async.wait_group 2;" ::: "memory"); break;
    case 3: asm volatile("cp.async.wait_group 3;" ::: "memory"); break;
    case 4: asm volatile("cp.async.wait_group 4;" ::: "memory"); break;
    case 5: asm volatile("cp.async.wait_group 5;" ::: "memory"); break;
    case 6: asm volatile("cp.async.wait_group 6;" ::: "memory"); break;
    default: asm volatile("cp.async.wait_group 7;" ::: "memory"); break;
  }
}

__CANOPY_DEVICE__ void __canopy_cp_async_wait_all(void) { asm volatile("cp.async.wait_all;" ::: "memory"); }

/* The thread's prior cp.asyncs arrive on the mbarrier at `bar` once complete (the thread still arrives
   itself: the pending count is raised for them). */
__CANOPY_DEVICE__ void __canopy_cp_async_arrive(unsigned long long* bar) {
  asm volatile("cp.async.mbarrier.arrive.b64 [%0];" ::"l"(bar) : "memory");
}

/* The same, the copies' arrival counting as one of the phase's expected arrivals. */
__CANOPY_DEVICE__ void __canopy_cp_async_arrive_noinc(unsigned long long* bar) {
  asm volatile("cp.async.mbarrier.arrive.noinc.b64 [%0];" ::"l"(bar) : "memory");
}

/* The part of a `size`-byte copy that thread `rank` of `count` threads issues: chunks of the largest
   size (16, 8, 4) that both pointers and the size allow, dealt round-robin. Copies whose pointers or
   size are not 4-byte aligned are done synchronously (a legal completion time too). */
__CANOPY_DEVICE__ void __canopy_memcpy_async_part(void* dst, const void* src, size_t size, unsigned int rank,
                                                  unsigned int count) {
  const size_t bits = (size_t)dst | (size_t)src | size;
  const unsigned int chunk = bits % 16 == 0 ? 16 : bits % 8 == 0 ? 8 : bits % 4 == 0 ? 4 : 1;
  char* d = (char*)dst;
  const char* s = (const char*)src;
  if (chunk == 1) {
    for (size_t i = rank; i < size; i += count) d[i] = s[i];
    return;
  }
  for (size_t i = (size_t)rank * chunk; i < size; i += (size_t)count * chunk) __canopy_cp_async(d + i, s + i, chunk, chunk);
}

#endif /* __CUDA__ */
#endif /* CANOPY_CRT_ASYNC_COPY_H */
