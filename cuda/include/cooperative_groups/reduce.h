/* Canopy's CUDA headers: cg::reduce and cg::inclusive_scan / exclusive_scan over thread_block_tile<N> and
   coalesced_group, with the operator functors plus, less (the smaller value), greater (the larger value),
   bit_and, bit_or and bit_xor. Every thread of the group gets the same reduction: it is combined in rank
   order by a tree of shfl_down and broadcast from rank 0. reduce also takes tiles wider than a warp (up to
   1024 threads): warp by warp, then through shared memory. Scans take groups of up to 32 threads. */
#ifndef CANOPY_COOPERATIVE_GROUPS_REDUCE_H
#define CANOPY_COOPERATIVE_GROUPS_REDUCE_H

#include "cooperative_groups.h"

#if defined(__CUDA__)

namespace cooperative_groups {

template <typename _Tp>
struct plus {
  __device__ _Tp operator()(const _Tp& a, const _Tp& b) const { return a + b; }
};
template <typename _Tp>
struct less {
  __device__ _Tp operator()(const _Tp& a, const _Tp& b) const { return b < a ? b : a; }
};
template <typename _Tp>
struct greater {
  __device__ _Tp operator()(const _Tp& a, const _Tp& b) const { return a < b ? b : a; }
};
template <typename _Tp>
struct bit_and {
  __device__ _Tp operator()(const _Tp& a, const _Tp& b) const { return a & b; }
};
template <typename _Tp>
struct bit_or {
  __device__ _Tp operator()(const _Tp& a, const _Tp& b) const { return a | b; }
};
template <typename _Tp>
struct bit_xor {
  __device__ _Tp operator()(const _Tp& a, const _Tp& b) const { return a ^ b; }
};

template <typename _Group, typename _Tp, typename _Op>
__device__ _Tp reduce(const _Group& g, _Tp value, _Op op);

namespace details {

/* N for a static tile wider than a warp, else 0. */
template <typename _Group>
struct wide_tile_size {
  enum { value = 0 };
};
template <unsigned int _Np, typename _Pp>
struct wide_tile_size<thread_block_tile<_Np, _Pp>> {
  enum { value = _Np > 32 ? _Np : 0 };
};

/* A tile of several warps: each warp reduces its part by shuffles, the warps' results meet in shared
   memory (one slot per CUDA warp of the block), and every thread combines its tile's slots in order. */
template <unsigned int _Np, typename _Tile, typename _Tp, typename _Op>
__device__ _Tp wide_tile_reduce(const _Tile& g, _Tp value, _Op op) {
  __shared__ _Tp partial[32];
  value = reduce(thread_block_tile<32>(), value, op);
  const unsigned int tile_base = block_rank() / _Np * _Np;
  const unsigned int members = block_size() - tile_base < _Np ? block_size() - tile_base : _Np;
  if (lane() == 0) partial[block_rank() / 32] = value;
  g.sync();
  _Tp r = partial[tile_base / 32];
  for (unsigned int w = 1; w < (members + 31) / 32; ++w) r = op(r, partial[tile_base / 32 + w]);
  g.sync();  // the slots may be reused by the next reduction
  return r;
}

}  // namespace details

/* Tiles wider than a warp are reduced through shared memory (details::wide_tile_reduce); T must then be
   trivially constructible. */
template <typename _Group, typename _Tp, typename _Op>
__device__ _Tp reduce(const _Group& g, _Tp value, _Op op) {
  if constexpr (details::wide_tile_size<_Group>::value != 0) {
    return details::wide_tile_reduce<details::wide_tile_size<_Group>::value>(g, value, op);
  } else {
    const unsigned int n = (unsigned int)g.size(), rank = (unsigned int)g.thread_rank();
    /* Rank r folds in rank r + d; after the steps rank 0 holds the whole group in rank order. */
    for (unsigned int d = 1; d < n; d *= 2) {
      _Tp other = g.shfl_down(value, d);
      if ((rank & (2 * d - 1)) == 0 && rank + d < n) value = op(value, other);
    }
    return g.shfl(value, 0);
  }
}

template <typename _Group, typename _Tp, typename _Op>
__device__ _Tp inclusive_scan(const _Group& g, _Tp value, _Op op) {
  const unsigned int n = (unsigned int)g.size(), rank = (unsigned int)g.thread_rank();
  for (unsigned int d = 1; d < n; d *= 2) {
    _Tp before = g.shfl_up(value, d);
    if (rank >= d) value = op(before, value);
  }
  return value;
}
template <typename _Group, typename _Tp>
__device__ _Tp inclusive_scan(const _Group& g, _Tp value) {
  return inclusive_scan(g, value, plus<_Tp>());
}

/* Rank 0 gets T() (zero for arithmetic types). */
template <typename _Group, typename _Tp, typename _Op>
__device__ _Tp exclusive_scan(const _Group& g, _Tp value, _Op op) {
  _Tp inclusive = inclusive_scan(g, value, op);
  _Tp before = g.shfl_up(inclusive, 1);
  return g.thread_rank() == 0 ? _Tp() : before;
}
template <typename _Group, typename _Tp>
__device__ _Tp exclusive_scan(const _Group& g, _Tp value) {
  return exclusive_scan(g, value, plus<_Tp>());
}

}  // namespace cooperative_groups

#endif /* __CUDA__ */

#endif /* CANOPY_COOPERATIVE_GROUPS_REDUCE_H */
