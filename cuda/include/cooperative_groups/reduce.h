/* Canopy's CUDA headers: cg::reduce and cg::inclusive_scan / exclusive_scan over thread_block_tile<N> and
   coalesced_group, with the operator functors plus, less (the smaller value), greater (the larger value),
   bit_and, bit_or and bit_xor. Every thread of the group gets the same reduction: it is combined in rank
   order by a tree of shfl_down and broadcast from rank 0. */
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
__device__ T reduce(const Group& g, T value, Op op) {
  const unsigned int n = (unsigned int)g.size(), rank = (unsigned int)g.thread_rank();
  /* Rank r folds in rank r + d; after the steps rank 0 holds the whole group in rank order. */
  for (unsigned int d = 1; d < n; d *= 2) {
    T other = g.shfl_down(value, d);
    if ((rank & (2 * d - 1)) == 0 && rank + d < n) value = op(value, other);
  }
  return g.shfl(value, 0);
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
