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

template <typename T>
struct plus {
  __device__ T operator()(const T& a, const T& b) const { return a + b; }
};
template <typename T>
struct less {
  __device__ T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};
template <typename T>
struct greater {
  __device__ T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};
template <typename T>
struct bit_and {
  __device__ T operator()(const T& a, const T& b) const { return a & b; }
};
template <typename T>
struct bit_or {
  __device__ T operator()(const T& a, const T& b) const { return a | b; }
};
template <typename T>
struct bit_xor {
  __device__ T operator()(const T& a, const T& b) const { return a ^ b; }
};

template <typename Group, typename T, typename Op>
__device__ T reduce(const Group& g, T value, Op op);

namespace details {

/* N for a static tile wider than a warp, else 0. */
template <typename Group>
struct wide_tile_size {
  enum { value = 0 };
};
template <unsigned int N, typename P>
struct wide_tile_size<thread_block_tile<N, P>> {
  enum { value = N > 32 ? N : 0 };
};

/* A tile of several warps: each warp reduces its part by shuffles, the warps' results meet in shared
   memory (one slot per CUDA warp of the block), and every thread combines its tile's slots in order. */
template <unsigned int N, typename Tile, typename T, typename Op>
__device__ T wide_tile_reduce(const Tile& g, T value, Op op) {
  __shared__ T partial[32];
  value = reduce(thread_block_tile<32>(), value, op);
  const unsigned int tile_base = block_rank() / N * N;
  const unsigned int members = block_size() - tile_base < N ? block_size() - tile_base : N;
  if (lane() == 0) partial[block_rank() / 32] = value;
  g.sync();
  T r = partial[tile_base / 32];
  for (unsigned int w = 1; w < (members + 31) / 32; ++w) r = op(r, partial[tile_base / 32 + w]);
  g.sync();  // the slots may be reused by the next reduction
  return r;
}

}  // namespace details

/* Tiles wider than a warp are reduced through shared memory (details::wide_tile_reduce); T must then be
   trivially constructible. */
template <typename Group, typename T, typename Op>
__device__ T reduce(const Group& g, T value, Op op) {
  if constexpr (details::wide_tile_size<Group>::value != 0) {
    return details::wide_tile_reduce<details::wide_tile_size<Group>::value>(g, value, op);
  } else {
    const unsigned int n = (unsigned int)g.size(), rank = (unsigned int)g.thread_rank();
    /* Rank r folds in rank r + d; after the steps rank 0 holds the whole group in rank order. */
    for (unsigned int d = 1; d < n; d *= 2) {
      T other = g.shfl_down(value, d);
      if ((rank & (2 * d - 1)) == 0 && rank + d < n) value = op(value, other);
    }
    return g.shfl(value, 0);
  }
}

template <typename Group, typename T, typename Op>
__device__ T inclusive_scan(const Group& g, T value, Op op) {
  const unsigned int n = (unsigned int)g.size(), rank = (unsigned int)g.thread_rank();
  for (unsigned int d = 1; d < n; d *= 2) {
    T before = g.shfl_up(value, d);
    if (rank >= d) value = op(before, value);
  }
  return value;
}
template <typename Group, typename T>
__device__ T inclusive_scan(const Group& g, T value) {
  return inclusive_scan(g, value, plus<T>());
}

/* Rank 0 gets T() (zero for arithmetic types). */
template <typename Group, typename T, typename Op>
__device__ T exclusive_scan(const Group& g, T value, Op op) {
  T inclusive = inclusive_scan(g, value, op);
  T before = g.shfl_up(inclusive, 1);
  return g.thread_rank() == 0 ? T() : before;
}
template <typename Group, typename T>
__device__ T exclusive_scan(const Group& g, T value) {
  return exclusive_scan(g, value, plus<T>());
}

}  // namespace cooperative_groups

#endif /* __CUDA__ */

#endif /* CANOPY_COOPERATIVE_GROUPS_REDUCE_H */
