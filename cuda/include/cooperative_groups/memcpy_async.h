/* Canopy's CUDA headers: cooperative_groups::memcpy_async, wait and wait_prior. Every thread of the group
   calls memcpy_async with the same arguments; the copy is spread over the group's threads as cp.asyncs,
   and each call is one batch (a cp.async group per thread). wait(group) completes every batch and
   synchronizes the group; wait_prior<N>(group) leaves the N most recent batches in flight. */
#ifndef CANOPY_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H
#define CANOPY_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H

#include "cooperative_groups.h"
#include "crt/cuda_async_common.h"

#if defined(__CUDA__)

namespace cooperative_groups {

template <typename _Group>
__device__ void memcpy_async(const _Group& group, void* dst, const void* src, size_t size) {
  __canopy_memcpy_async_part(dst, src, size, (unsigned int)group.thread_rank(), (unsigned int)group.size());
  __canopy_cp_async_commit();
}

template <typename _Group, size_t _Np>
__device__ void memcpy_async(const _Group& group, void* dst, const void* src, cuda::aligned_size_t<_Np> size) {
  memcpy_async(group, dst, src, size.value);
}

/* The overload that names both sizes: copies min(dst_size, src_size) bytes. */
template <typename _Group>
__device__ void memcpy_async(const _Group& group, void* dst, size_t dst_size, const void* src, size_t src_size) {
  memcpy_async(group, dst, src, dst_size < src_size ? dst_size : src_size);
}

template <typename _Group>
__device__ void wait(const _Group& group) {
  __canopy_cp_async_wait_prior(0);
  group.sync();
}

template <unsigned int _Np, typename _Group>
__device__ void wait_prior(const _Group& group) {
  __canopy_cp_async_wait_prior(_Np);
  group.sync();
}

}  // namespace cooperative_groups

#endif /* __CUDA__ */
#endif /* CANOPY_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H */
