/* Canopy's CUDA headers: cooperative groups (thread_block, grid_group, thread_block_tile<N>, dynamic tiles
   and coalesced_group) over the warp primitives of crt/device_warp.h.

   Lanes: a warp-level group is described by its 32-bit member mask within one CUDA warp (32 threads of
   consecutive linear thread index; on Canopy's 64-lane presets each 32-lane half of a hardware warp is one
   CUDA warp, see docs/cuda.md). Tiles are aligned on the block's linear thread rank.

   grid_group::sync() is valid in kernels launched with cudaLaunchCooperativeKernel (all blocks resident;
   crt/device_grid_sync.h); in an ordinary launch it waits for blocks that cannot run yet and hangs, as on
   a GPU. Tiles wider than 32 threads (static or dynamic, of a thread block) synchronize on named barriers
   (details::large_tile_sync); they have no shuffles or votes. */
#ifndef CANOPY_COOPERATIVE_GROUPS_H
#define CANOPY_COOPERATIVE_GROUPS_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define _COOPERATIVE_GROUPS_H_

#if defined(__CUDA__)

#include "crt/device_common.h"
#include "crt/device_grid_sync.h"
#include "crt/device_print.h"
#include "crt/device_sync.h"
#include "crt/device_warp.h"
#include "vector_types.h"

namespace cooperative_groups {

namespace details {

__device__ __forceinline__ unsigned int block_rank() {
  return (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
}
__device__ __forceinline__ unsigned int block_size() { return blockDim.x * blockDim.y * blockDim.z; }
/* The calling thread's lane in its CUDA warp, and the mask of the lanes below it. */
__device__ __forceinline__ unsigned int lane() { return block_rank() & 31u; }
__device__ __forceinline__ unsigned int lanes_below() { return (1u << lane()) - 1u; }

__device__ __forceinline__ void unsupported(const char* what) {
  __assertfail(what, __FILE__, __LINE__, "cooperative_groups", sizeof(char));
}

/* Any trivially copyable value moved through 32-bit shuffles. */
template <typename _Tp, typename _Shuffle>
__device__ __forceinline__ _Tp shuffle_words(_Tp v, _Shuffle shfl) {
  constexpr unsigned int words = (sizeof(_Tp) + 3) / 4;
  unsigned int in[words] = {}, out[words];
  __builtin_memcpy(in, &v, sizeof(_Tp));
  for (unsigned int i = 0; i < words; ++i) out[i] = shfl(in[i]);
  _Tp r;
  __builtin_memcpy(&r, out, sizeof(_Tp));
  return r;
}

/* The lane of the `rank`-th set bit of `mask` (rank counted from 0), or 32 if there is none. */
__device__ __forceinline__ unsigned int lane_of_rank(unsigned int mask, unsigned int rank) {
  for (unsigned int i = 0; i < rank && mask; ++i) mask &= mask - 1;
  return mask ? (unsigned int)__builtin_ctz(mask) : 32u;
}

/* Gathers the bits of `bits` at the positions of `mask` into the low bits (bit i = i-th member). */
__device__ __forceinline__ unsigned int compact(unsigned int bits, unsigned int mask) {
  unsigned int r = 0, i = 0;
  for (; mask; mask &= mask - 1, ++i)
    if (bits & (mask & (0u - mask))) r |= 1u << i;
  return r;
}

enum group_kind : unsigned int { kind_block, kind_tile, kind_coalesced, kind_grid, kind_large_tile };

/* Tiles wider than a warp synchronize on named barriers. Tiles of different sizes may be inside sync()
   at the same time (a fast tile of 128 reaching its sync while a slower tile of 256 still waits in its
   own), so every (size, position) pair gets its own barrier id, numbered like a binary tree over the
   block rounded up to a power of two P: the tiles of P/2 threads use ids 1-2, of P/4 ids 3-6, of P/8
   ids 7-14, of P/16 id 15 (so P/16-thread tiles exist only as one tile of a 1024-thread block: the
   others stop with an assertion; blocks of up to 512 threads have ids for every size). A tile covering
   the whole block uses barrier 0, as __syncthreads. The count is the tile's threads (the last tile may
   be partial; counts are whole warps). */
__device__ __forceinline__ void large_tile_sync(unsigned int n) {
  const unsigned int threads = block_size();
  unsigned int p = 32;
  while (p < threads) p *= 2;
  if (n >= p) {
    asm volatile("bar.sync 0;" ::: "memory");
    return;
  }
  const unsigned int tile = block_rank() / n, id = p / n - 1 + tile;
  if (id > 15) {
    __assertfail(
        "thread_block_tile: Canopy has no named barrier left for this tile (tiles of 64 threads in a "
        "block of more than 512 threads)",
        __FILE__, __LINE__, "cooperative_groups", sizeof(char));
    return;
  }
  unsigned int count = threads - tile * n;
  count = count < n ? (count + 31u) & ~31u : n;
  asm volatile("bar.sync %0, %1;" ::"r"(id), "r"(count) : "memory");
}

template <bool _Cp, typename _Tp, typename _Fp>
struct conditional {
  typedef _Tp type;
};
template <typename _Tp, typename _Fp>
struct conditional<false, _Tp, _Fp> {
  typedef _Fp type;
};

}  // namespace details

/* ---- the generic group: what tiled_partition(parent, n) returns ---- */
class thread_group {
 public:
  __device__ void sync() const {
    if (kind_ == details::kind_block)
      __syncthreads();
    else if (kind_ == details::kind_grid)
      __canopy_grid_sync();
    else if (kind_ == details::kind_large_tile)
      details::large_tile_sync((unsigned int)size_);
    else
      __syncwarp(mask_);
  }
  __device__ unsigned long long thread_rank() const { return rank_; }
  __device__ unsigned long long size() const { return size_; }
  __device__ unsigned long long num_threads() const { return size_; }
  __device__ unsigned long long meta_group_rank() const { return meta_rank_; }
  __device__ unsigned long long meta_group_size() const { return meta_size_; }
  __device__ bool is_valid() const { return size_ != 0; }

  /* For warp-level groups: the member lanes of the calling thread's CUDA warp. */
  __device__ unsigned int canopy_mask() const { return mask_; }
  __device__ unsigned int canopy_kind() const { return kind_; }

 protected:
  __device__ thread_group(unsigned int kind, unsigned long long size, unsigned long long rank, unsigned int mask,
                          unsigned int meta_rank, unsigned int meta_size)
      : kind_(kind), mask_(mask), size_(size), rank_(rank), meta_rank_(meta_rank), meta_size_(meta_size) {}

  unsigned int kind_;
  unsigned int mask_;
  unsigned long long size_;
  unsigned long long rank_;
  unsigned int meta_rank_;
  unsigned int meta_size_;

  friend __device__ thread_group tiled_partition(const thread_group& parent, unsigned int tile_size);
};

/* ---- the thread block ---- */
class thread_block : public thread_group {
 public:
  __device__ thread_block()
      : thread_group(details::kind_block, details::block_size(), details::block_rank(), 0xffffffffu, 0, 1) {}
  __device__ void sync() const { __syncthreads(); }
  __device__ unsigned int thread_rank() const { return details::block_rank(); }
  __device__ unsigned int size() const { return details::block_size(); }
  __device__ unsigned int num_threads() const { return details::block_size(); }
  __device__ dim3 group_index() const { return dim3(blockIdx.x, blockIdx.y, blockIdx.z); }
  __device__ dim3 thread_index() const { return dim3(threadIdx.x, threadIdx.y, threadIdx.z); }
  __device__ dim3 dim_threads() const { return dim3(blockDim.x, blockDim.y, blockDim.z); }
  __device__ dim3 group_dim() const { return dim_threads(); }
};

__device__ __forceinline__ thread_block this_thread_block() { return thread_block(); }

/* ---- the grid: sync() needs a cudaLaunchCooperativeKernel launch (crt/device_grid_sync.h) ---- */
class grid_group : public thread_group {
 public:
  __device__ grid_group()
      : thread_group(details::kind_grid, num_blocks_of() * details::block_size(),
                     block_rank_of() * details::block_size() + details::block_rank(), 0xffffffffu, 0, 1) {}
  __device__ void sync() const {
    __canopy_grid_sync();
  }
  __device__ unsigned long long thread_rank() const { return rank_; }
  __device__ unsigned long long size() const { return size_; }
  __device__ unsigned long long num_threads() const { return size_; }
  __device__ bool is_valid() const { return true; }
  __device__ unsigned long long block_rank() const { return block_rank_of(); }
  __device__ unsigned long long num_blocks() const { return num_blocks_of(); }
  __device__ dim3 block_index() const { return dim3(blockIdx.x, blockIdx.y, blockIdx.z); }
  __device__ dim3 dim_blocks() const { return dim3(gridDim.x, gridDim.y, gridDim.z); }
  __device__ dim3 group_dim() const { return dim_blocks(); }

 private:
  static __device__ unsigned long long block_rank_of() {
    return ((unsigned long long)blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
  }
  static __device__ unsigned long long num_blocks_of() {
    return (unsigned long long)gridDim.x * gridDim.y * gridDim.z;
  }
};

__device__ __forceinline__ grid_group this_grid() { return grid_group(); }

/* ---- static tiles of N threads (a power of two up to 1024) ----
   thread_block_tile<N, Parent> (what tiled_partition<N>(parent) returns) converts to thread_block_tile<N>.
   meta_group_rank()/meta_group_size() count the tiles of the parent (a block, or a wider tile).
   Tiles of up to 32 threads live in one CUDA warp and offer shuffles, votes and matches; wider tiles
   offer sync(), ranks and sizes (their sync is a named barrier, see details::large_tile_sync). */
template <unsigned int _Np, typename _Parent = void>
class thread_block_tile;

namespace details {

/* The size of a tile parent: N for a static tile, 0 for the block (known only at run time). */
template <typename _ParentT>
struct tile_parent_size {
  enum { value = 0 };
};
template <unsigned int _Mp, typename _Pp>
struct tile_parent_size<thread_block_tile<_Mp, _Pp>> {
  enum { value = _Mp };
};

/* What every static tile knows: its rank and size, and where it sits among its parent's tiles. */
template <unsigned int _Np>
class tile_common {
  static_assert(_Np > 0 && _Np <= 1024 && (_Np & (_Np - 1)) == 0,
                "thread_block_tile<N>: N must be a power of two <= 1024");

 public:
  static constexpr unsigned int num_threads_value = _Np;
  __device__ static unsigned int thread_rank() { return details::block_rank() & (_Np - 1); }
  __device__ static constexpr unsigned int size() { return _Np; }
  __device__ static constexpr unsigned int num_threads() { return _Np; }
  __device__ unsigned int meta_group_rank() const { return meta_rank_; }
  __device__ unsigned int meta_group_size() const { return meta_size_; }
  __device__ bool is_valid() const { return true; }

 protected:
  /* parent_size 0: the parent is the block. */
  __device__ explicit tile_common(unsigned int parent_size = 0)
      : meta_rank_(parent_size ? (details::block_rank() % parent_size) / _Np : details::block_rank() / _Np),
        meta_size_(parent_size ? parent_size / _Np : (details::block_size() + _Np - 1) / _Np) {}

  unsigned int meta_rank_;
  unsigned int meta_size_;
};

/* A tile inside one CUDA warp. */
template <unsigned int _Np>
class warp_tile : public tile_common<_Np> {
 public:
  __device__ static unsigned int base_lane() { return details::lane() & ~(_Np - 1); }
  __device__ static unsigned int member_mask() {
    return (0xffffffffu >> (32 - _Np)) << base_lane();
  }

  __device__ void sync() const { __syncwarp(member_mask()); }

  template <typename _Tp>
  __device__ _Tp shfl(_Tp v, int src_rank) const {
    const unsigned int m = member_mask();
    return details::shuffle_words(v, [=](unsigned int x) { return __shfl_sync(m, x, src_rank, _Np); });
  }
  template <typename _Tp>
  __device__ _Tp shfl_up(_Tp v, unsigned int delta) const {
    const unsigned int m = member_mask();
    return details::shuffle_words(v, [=](unsigned int x) { return __shfl_up_sync(m, x, delta, _Np); });
  }
  template <typename _Tp>
  __device__ _Tp shfl_down(_Tp v, unsigned int delta) const {
    const unsigned int m = member_mask();
    return details::shuffle_words(v, [=](unsigned int x) { return __shfl_down_sync(m, x, delta, _Np); });
  }
  template <typename _Tp>
  __device__ _Tp shfl_xor(_Tp v, unsigned int lane_mask) const {
    const unsigned int m = member_mask();
    return details::shuffle_words(v, [=](unsigned int x) { return __shfl_xor_sync(m, x, (int)lane_mask, _Np); });
  }
  __device__ int any(int predicate) const { return __any_sync(member_mask(), predicate); }
  __device__ int all(int predicate) const { return __all_sync(member_mask(), predicate); }
  /* Bit i is the predicate of the tile's thread of rank i. */
  __device__ unsigned int ballot(int predicate) const {
    return __ballot_sync(member_mask(), predicate) >> base_lane();
  }
  template <typename _Tp>
  __device__ unsigned int match_any(_Tp v) const {
    return __match_any_sync(member_mask(), v) >> base_lane();
  }
  template <typename _Tp>
  __device__ unsigned int match_all(_Tp v, int& pred) const {
    return __match_all_sync(member_mask(), v, &pred) >> base_lane();
  }

 protected:
  using tile_common<_Np>::tile_common;
};

/* A tile of several warps. */
template <unsigned int _Np>
class multi_warp_tile : public tile_common<_Np> {
 public:
  __device__ void sync() const { details::large_tile_sync(_Np); }

 protected:
  using tile_common<_Np>::tile_common;
};

template <unsigned int _Np>
using tile_impl = typename conditional<(_Np <= 32), warp_tile<_Np>, multi_warp_tile<_Np>>::type;

}  // namespace details

template <unsigned int _Np>
class thread_block_tile<_Np, void> : public details::tile_impl<_Np> {
 public:
  /* parent_size: the size of the static tile this one was partitioned from (0: the block). */
  __device__ explicit thread_block_tile(unsigned int parent_size = 0) : details::tile_impl<_Np>(parent_size) {}
  __device__ operator thread_group() const;
};

/* The dynamic view of a static tile (warp-level tiles: kind_tile with the member mask; wider ones:
   kind_large_tile, synchronized by block rank). */
class thread_block_tile_view : public thread_group {
 public:
  __device__ thread_block_tile_view(unsigned int n, unsigned int mask, unsigned int meta_rank,
                                    unsigned int meta_size)
      : thread_group(n <= 32 ? details::kind_tile : details::kind_large_tile, n,
                     details::block_rank() & (n - 1), mask, meta_rank, meta_size) {}
};

template <unsigned int _Np>
__device__ thread_block_tile<_Np, void>::operator thread_group() const {
  unsigned int mask = 0xffffffffu;
  if constexpr (_Np <= 32) mask = this->member_mask();
  return thread_block_tile_view(_Np, mask, this->meta_group_rank(), this->meta_group_size());
}

template <unsigned int _Np, typename _Parent>
class thread_block_tile : public thread_block_tile<_Np, void> {
  static_assert(details::tile_parent_size<_Parent>::value == 0 ||
                    details::tile_parent_size<_Parent>::value >= _Np,
                "tiled_partition<N>(tile): N must not exceed the parent tile's size");

 public:
  __device__ thread_block_tile() : thread_block_tile<_Np, void>(details::tile_parent_size<_Parent>::value) {}
};

template <unsigned int _Np, typename _ParentT>
__device__ thread_block_tile<_Np, _ParentT> tiled_partition(const _ParentT&) {
  return thread_block_tile<_Np, _ParentT>();
}

/* Dynamic tiles (powers of two) of a block or of a warp-level tile: up to 32 threads of any of them,
   up to 1024 of a block. */
__device__ __forceinline__ thread_group tiled_partition(const thread_group& parent, unsigned int tile_size) {
  if (tile_size == 0 || tile_size > 1024 || (tile_size & (tile_size - 1)) != 0 ||
      (tile_size > 32 && parent.canopy_kind() != details::kind_block))
    details::unsupported(
        "tiled_partition: Canopy supports tile sizes that are powers of two, up to 32 threads "
        "(up to 1024 of a thread block)");
  if (tile_size > 32)
    return thread_block_tile_view(tile_size, 0xffffffffu, details::block_rank() / tile_size,
                                  (details::block_size() + tile_size - 1) / tile_size);
  if (parent.canopy_kind() == details::kind_coalesced) {
    /* Tiles of consecutive ranks among the coalesced lanes. */
    const unsigned int rank = (unsigned int)parent.thread_rank(), first = rank & ~(tile_size - 1);
    unsigned int mask = 0;
    for (unsigned int r = first; r < first + tile_size; ++r) {
      const unsigned int l = details::lane_of_rank(parent.canopy_mask(), r);
      if (l < 32) mask |= 1u << l;
    }
    return thread_group(details::kind_tile, __builtin_popcount(mask), rank - first, mask, rank / tile_size,
                        ((unsigned int)parent.size() + tile_size - 1) / tile_size);
  }
  const unsigned int base = details::lane() & ~(tile_size - 1);
  const unsigned int mask = tile_size == 32 ? 0xffffffffu : ((1u << tile_size) - 1u) << base;
  /* Of a block: ranks among the block's tiles; of a tile: among the parent tile's. */
  const unsigned int rank = (unsigned int)parent.thread_rank(), parent_size = (unsigned int)parent.size();
  return thread_block_tile_view(tile_size, mask, rank / tile_size, (parent_size + tile_size - 1) / tile_size);
}

/* ---- the active lanes of the calling thread's warp ---- */
class coalesced_group : public thread_group {
 public:
  __device__ explicit coalesced_group(unsigned int mask)
      : thread_group(details::kind_coalesced, __builtin_popcount(mask),
                     __builtin_popcount(mask & details::lanes_below()), mask, 0, 1) {}
  __device__ void sync() const { __syncwarp(mask_); }
  __device__ unsigned int thread_rank() const { return (unsigned int)rank_; }
  __device__ unsigned int size() const { return (unsigned int)size_; }
  __device__ unsigned int num_threads() const { return (unsigned int)size_; }
  __device__ unsigned int meta_group_rank() const { return 0; }
  __device__ unsigned int meta_group_size() const { return 1; }

  template <typename _Tp>
  __device__ _Tp shfl(_Tp v, unsigned int src_rank) const {
    return from_lane(v, details::lane_of_rank(mask_, src_rank % (unsigned int)size_));
  }
  /* Past either end of the group a thread keeps its own value, as on tiles. */
  template <typename _Tp>
  __device__ _Tp shfl_up(_Tp v, unsigned int delta) const {
    const unsigned int r = (unsigned int)rank_;
    return from_lane(v, r >= delta ? details::lane_of_rank(mask_, r - delta) : details::lane());
  }
  template <typename _Tp>
  __device__ _Tp shfl_down(_Tp v, unsigned int delta) const {
    const unsigned int r = (unsigned int)rank_;
    return from_lane(v, r + delta < size_ ? details::lane_of_rank(mask_, r + delta) : details::lane());
  }
  __device__ int any(int predicate) const { return __any_sync(mask_, predicate); }
  __device__ int all(int predicate) const { return __all_sync(mask_, predicate); }
  /* Bit i is the predicate of the group's thread of rank i. */
  __device__ unsigned int ballot(int predicate) const {
    return details::compact(__ballot_sync(mask_, predicate), mask_);
  }
  template <typename _Tp>
  __device__ unsigned int match_any(_Tp v) const {
    return details::compact(__match_any_sync(mask_, v), mask_);
  }
  template <typename _Tp>
  __device__ unsigned int match_all(_Tp v, int& pred) const {
    return details::compact(__match_all_sync(mask_, v, &pred), mask_);
  }

 private:
  template <typename _Tp>
  __device__ _Tp from_lane(_Tp v, unsigned int src_lane) const {
    const unsigned int m = mask_;
    return details::shuffle_words(v, [=](unsigned int x) { return __shfl_sync(m, x, (int)src_lane, 32); });
  }
};

__device__ __forceinline__ coalesced_group coalesced_threads() { return coalesced_group(__activemask()); }

/* ---- partitions of a warp-level group into coalesced groups ----
   labeled_partition: the threads of `g` with the caller's label; binary_partition: those with the caller's
   predicate. Every thread of `g` must call together. The results are coalesced groups like any other
   (ranks in lane order, bits of ballot/match are ranks); meta_group_rank() is 0 and meta_group_size() 1,
   as for coalesced_threads(). */
__device__ __forceinline__ coalesced_group labeled_partition(const coalesced_group& g, int label) {
  return coalesced_group(__match_any_sync(g.canopy_mask(), label));
}
__device__ __forceinline__ coalesced_group labeled_partition(const coalesced_group& g, unsigned int label) {
  return coalesced_group(__match_any_sync(g.canopy_mask(), label));
}
template <unsigned int _Np, typename _Pp>
__device__ coalesced_group labeled_partition(const thread_block_tile<_Np, _Pp>& g, int label) {
  static_assert(_Np <= 32, "labeled_partition: the tile must fit in a warp");
  return coalesced_group(__match_any_sync(g.member_mask(), label));
}
template <unsigned int _Np, typename _Pp>
__device__ coalesced_group labeled_partition(const thread_block_tile<_Np, _Pp>& g, unsigned int label) {
  static_assert(_Np <= 32, "labeled_partition: the tile must fit in a warp");
  return coalesced_group(__match_any_sync(g.member_mask(), label));
}
__device__ __forceinline__ coalesced_group binary_partition(const coalesced_group& g, bool pred) {
  const unsigned int members = g.canopy_mask(), set = __ballot_sync(members, pred);
  return coalesced_group(pred ? set : members & ~set);
}
template <unsigned int _Np, typename _Pp>
__device__ coalesced_group binary_partition(const thread_block_tile<_Np, _Pp>& g, bool pred) {
  static_assert(_Np <= 32, "binary_partition: the tile must fit in a warp");
  const unsigned int members = g.member_mask(), set = __ballot_sync(members, pred);
  return coalesced_group(pred ? set : members & ~set);
}

/* Free-function forms. */
template <typename _Group>
__device__ __forceinline__ void sync(const _Group& g) {
  g.sync();
}
template <typename _Group>
__device__ __forceinline__ unsigned long long thread_rank(const _Group& g) {
  return g.thread_rank();
}
template <typename _Group>
__device__ __forceinline__ unsigned long long group_size(const _Group& g) {
  return g.size();
}

/* The scratch memory CUDA's tiles wider than a warp use to communicate. Canopy's wide tiles synchronize
   with named barriers and need no scratch, so the memory is only a placeholder of CUDA's shape
   (CUDA 12: block_tile_memory<MaxBlockSize>; CUDA 11's experimental form has the communication size first). */
template <unsigned int _MaxBlockSize = 1024>
struct block_tile_memory {
  unsigned char __canopy_unused[8];
};
template <unsigned int _MaxBlockSize>
__device__ thread_block this_thread_block(block_tile_memory<_MaxBlockSize>&) {
  return thread_block();
}

namespace experimental {
template <unsigned int _TileCommunicationSize = 8, unsigned int _MaxBlockSize = 1024>
struct block_tile_memory {
  unsigned char __canopy_unused[8];
};
template <unsigned int _TileCommunicationSize, unsigned int _MaxBlockSize>
__device__ thread_block this_thread_block(block_tile_memory<_TileCommunicationSize, _MaxBlockSize>&) {
  return thread_block();
}
using cooperative_groups::tiled_partition;
}  // namespace experimental

}  // namespace cooperative_groups

#endif /* __CUDA__ */

#endif /* CANOPY_COOPERATIVE_GROUPS_H */
