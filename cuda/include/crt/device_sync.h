/* Canopy's CUDA headers: barriers, memory fences, clocks and kernel control.

   Barriers and fences are written as PTX with a "memory" clobber rather than clang's builtins
   (__syncthreads, __nvvm_bar0_popc, __nvvm_membar_*): clang 14 lets its globals alias analysis move a load
   of a __shared__ variable whose address never escapes across the builtin (llvm.nvvm.barrier0 is not
   known to touch it), so `if (threadIdx.x == 0) s = v; __syncthreads(); use(s);` read `s` before the
   barrier in the other threads. An asm statement that clobbers memory is a compiler barrier for every
   variable. */
#ifndef CANOPY_CRT_DEVICE_SYNC_H
#define CANOPY_CRT_DEVICE_SYNC_H

#include <time.h> /* clock_t */

#include "crt/device_common.h"

__CANOPY_DEVICE__ void __canopy_syncthreads(void) { asm volatile("bar.sync 0;" ::: "memory"); }
#define __syncthreads() __canopy_syncthreads()

/* bar.red: every thread of the block waits, then all receive the reduction of their predicates. */
__CANOPY_DEVICE__ int __syncthreads_count(int predicate) {
  unsigned int r;
  asm volatile("{\n\t.reg .pred %%canopy_p;\n\tsetp.ne.s32 %%canopy_p, %1, 0;\n\t"
               "bar.red.popc.u32 %0, 0, %%canopy_p;\n\t}"
               : "=r"(r)
               : "r"(predicate)
               : "memory");
  return (int)r;
}
#define __CANOPY_BAR_RED_PRED(op)                                                   \
  ({                                                                                \
    unsigned int __r;                                                               \
    asm volatile("{\n\t.reg .pred %%canopy_p, %%canopy_q;\n\t"                        \
                 "setp.ne.s32 %%canopy_p, %1, 0;\n\t"                                \
                 "bar.red." op ".pred %%canopy_q, 0, %%canopy_p;\n\t"                  \
                 "selp.u32 %0, 1, 0, %%canopy_q;\n\t}"                                \
                 : "=r"(__r)                                                        \
                 : "r"(predicate)                                                   \
                 : "memory");                                                       \
    (int)__r;                                                                       \
  })
__CANOPY_DEVICE__ int __syncthreads_and(int predicate) { return __CANOPY_BAR_RED_PRED("and"); }
__CANOPY_DEVICE__ int __syncthreads_or(int predicate) { return __CANOPY_BAR_RED_PRED("or"); }
#undef __CANOPY_BAR_RED_PRED

/* bar.warp.sync: clang 14 only offers the builtin with a PTX-6.0 target feature, which the driver does not
   set without libdevice, so the instruction is written out. */
__CANOPY_DEVICE__ void __syncwarp(unsigned mask = 0xffffffffu) {
  asm volatile("bar.warp.sync %0;" ::"r"(mask) : "memory");
}

__CANOPY_DEVICE__ void __threadfence_block(void) { asm volatile("membar.cta;" ::: "memory"); }
__CANOPY_DEVICE__ void __threadfence(void) { asm volatile("membar.gl;" ::: "memory"); }
__CANOPY_DEVICE__ void __threadfence_system(void) { asm volatile("membar.sys;" ::: "memory"); }

/* Device overload of the C library's clock(): the SM's 32-bit cycle counter. */
__CANOPY_DEVICE__ clock_t clock(void) { return (clock_t)__nvvm_read_ptx_sreg_clock(); }
__CANOPY_DEVICE__ long long int clock64(void) { return __nvvm_read_ptx_sreg_clock64(); }
__CANOPY_DEVICE__ unsigned long long __globaltimer(void) {
  unsigned long long t;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
  return t;
}

/* PTX allows nanosleep to suspend the thread for any time in [0, 2*ns]. Canopy's engine has no clock
   beyond instruction counts: the warp yields to the CTA's other warps (a spin loop with __nanosleep hands
   over at once) and no simulated time passes. */
__CANOPY_DEVICE__ void __nanosleep(unsigned int ns) { asm volatile("nanosleep.u32 %0;" ::"r"(ns) : "memory"); }

__CANOPY_DEVICE__ void __trap(void) { asm volatile("trap;" ::: "memory"); }
__CANOPY_DEVICE__ void __brkpt(void) { asm volatile("brkpt;" ::: "memory"); }

#endif /* CANOPY_CRT_DEVICE_SYNC_H */
