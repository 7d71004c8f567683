/* Canopy's CUDA headers: barriers, memory fences, clocks and kernel control.
   __syncthreads() itself is a clang builtin (bar.sync 0). */
#ifndef CANOPY_CRT_DEVICE_SYNC_H
#define CANOPY_CRT_DEVICE_SYNC_H

#include <time.h> /* clock_t */

#include "crt/device_common.h"

/* bar.red: every thread of the block waits, then all receive the reduction of their predicates. */
__CANOPY_DEVICE__ int __syncthreads_count(int predicate) { return __nvvm_bar0_popc(predicate); }
__CANOPY_DEVICE__ int __syncthreads_and(int predicate) { return __nvvm_bar0_and(predicate); }
__CANOPY_DEVICE__ int __syncthreads_or(int predicate) { return __nvvm_bar0_or(predicate); }

/* bar.warp.sync: clang 14 only offers the builtin with a PTX-6.0 target feature, which the driver does not
   set without libdevice, so the instruction is written out. */
__CANOPY_DEVICE__ void __syncwarp(unsigned mask = 0xffffffffu) {
  asm volatile("bar.warp.sync %0;" ::"r"(mask) : "memory");
}

__CANOPY_DEVICE__ void __threadfence_block(void) { __nvvm_membar_cta(); }
__CANOPY_DEVICE__ void __threadfence(void) { __nvvm_membar_gl(); }
__CANOPY_DEVICE__ void __threadfence_system(void) { __nvvm_membar_sys(); }

/* Device overload of the C library's clock(): the SM's 32-bit cycle counter. */
__CANOPY_DEVICE__ clock_t clock(void) { return (clock_t)__nvvm_read_ptx_sreg_clock(); }
__CANOPY_DEVICE__ long long int clock64(void) { return __nvvm_read_ptx_sreg_clock64(); }
__CANOPY_DEVICE__ unsigned long long __globaltimer(void) {
  unsigned long long t;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
  return t;
}

/* PTX allows nanosleep to suspend the thread for any time in [0, 2*ns]; Canopy's finalizer has no
   nanosleep yet, so this sleeps for zero time (still a compiler barrier, as a real sleep would be). */
__CANOPY_DEVICE__ void __nanosleep(unsigned int ns) {
  (void)ns;
  asm volatile("" ::: "memory");
}

__CANOPY_DEVICE__ void __trap(void) { asm volatile("trap;" ::: "memory"); }
__CANOPY_DEVICE__ void __brkpt(void) { asm volatile("brkpt;" ::: "memory"); }

#endif /* CANOPY_CRT_DEVICE_SYNC_H */
