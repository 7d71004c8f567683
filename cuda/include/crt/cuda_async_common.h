/* Canopy's CUDA headers: what cuda/barrier and cuda/pipeline share: thread scopes, cuda::aligned_size_t,
   and the mbarrier operations on a shared-memory object (Canopy's mbarrier word, docs/isa.md). */
#ifndef CANOPY_CRT_CUDA_ASYNC_COMMON_H
#define CANOPY_CRT_CUDA_ASYNC_COMMON_H

#include <stddef.h>

#include "crt/async_copy.h"

#if defined(__CUDA__)

/* The scopes are libcu++'s when it is installed (Debian libcu++-dev: cuda/std headers, cuda/atomic, ...), so
   that cuda::atomic_ref<T, cuda::thread_scope_block> and cuda::barrier<cuda::thread_scope_block> name the
   same cuda::thread_scope; the values are the same either way. */
#if __has_include(<cuda/std/atomic>)
/* libcu++ 1.8.1 itself names a template parameter T (atomic, line 1200): keep a user's -DT=... away. */
#pragma push_macro("T")
#undef T
#include <cuda/std/atomic>
#pragma pop_macro("T")
namespace cuda {
#else
namespace cuda {

enum thread_scope {
  thread_scope_system = 0,
  thread_scope_device = 1,
  thread_scope_block = 2,
  thread_scope_thread = 3,
};
#endif

/* A size the caller promises is a multiple of N, with both pointers aligned to N. */
template <size_t _Np>
struct aligned_size_t {
  static constexpr size_t align = _Np;
  size_t value;
  __host__ __device__ explicit constexpr aligned_size_t(size_t size) : value(size) {}
  __host__ __device__ constexpr operator size_t() const { return value; }
};

namespace detail {

__device__ __forceinline__ void mbarrier_init(unsigned long long* bar, unsigned int count) {
  asm volatile("mbarrier.init.b64 [%0], %1;" ::"l"(bar), "r"(count) : "memory");
}
__device__ __forceinline__ unsigned long long mbarrier_arrive(unsigned long long* bar, unsigned int count) {
  unsigned long long state;
  asm volatile("mbarrier.arrive.b64 %0, [%1], %2;" : "=l"(state) : "l"(bar), "r"(count) : "memory");
  return state;
}
__device__ __forceinline__ unsigned long long mbarrier_arrive_drop(unsigned long long* bar) {
  unsigned long long state;
  asm volatile("mbarrier.arrive_drop.b64 %0, [%1];" : "=l"(state) : "l"(bar) : "memory");
  return state;
}
/* try_wait lets the other warps run while the phase is incomplete. */
__device__ __forceinline__ void mbarrier_wait(unsigned long long* bar, unsigned long long state) {
  unsigned int done = 0;
  while (!done)
    asm volatile("{\n .reg .pred p;\n mbarrier.try_wait.b64 p, [%1], %2;\n selp.u32 %0, 1, 0, p;\n}"
                 : "=r"(done)
                 : "l"(bar), "l"(state)
                 : "memory");
}
__device__ __forceinline__ void mbarrier_wait_parity(unsigned long long* bar, unsigned int parity) {
  unsigned int done = 0;
  while (!done)
    asm volatile("{\n .reg .pred p;\n mbarrier.try_wait.parity.b64 p, [%1], %2;\n selp.u32 %0, 1, 0, p;\n}"
                 : "=r"(done)
                 : "l"(bar), "r"(parity)
                 : "memory");
}

}  // namespace detail
}  // namespace cuda

#endif /* __CUDA__ */
#endif /* CANOPY_CRT_CUDA_ASYNC_COMMON_H */
