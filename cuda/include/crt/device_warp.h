/* Canopy's CUDA headers: warp shuffles, votes, matches, reductions and lane masks (the .sync forms of
   PTX 6.0 and redux.sync of PTX 7.0). clang 14 offers builtins for them only with a PTX-6.0 target feature
   that its driver sets just when it links libdevice, so they are written as PTX. The member mask travels
   with every instruction; the engine combines exactly the executing lanes it names (docs/cuda.md).

   Width: a shuffle works within segments of `width` lanes (a power of two up to 32). PTX packs the
   segment mask into bits 8-12 of operand c, and the last lane of the segment into bits 0-4. On Canopy's
   64-lane presets each 32-lane half of a warp acts as one CUDA warp for every function here. */
#ifndef CANOPY_CRT_DEVICE_WARP_H
#define CANOPY_CRT_DEVICE_WARP_H

#include "crt/device_common.h"

__CANOPY_DEVICE__ unsigned int __canopy_shfl_segment(int width) {
  return (~((unsigned int)width - 1u) & 0xffu) << 8;
}

#define __CANOPY_SHFL32(mode, v, b, c, mask)                  \
  ({                                                          \
    unsigned int __r;                                         \
    asm volatile("shfl.sync." mode ".b32 %0, %1, %2, %3, %4;" \
                 : "=r"(__r)                                  \
                 : "r"(v), "r"(b), "r"(c), "r"(mask));        \
    __r;                                                      \
  })

__CANOPY_DEVICE__ unsigned int __canopy_shfl_idx(unsigned int mask, unsigned int v, int lane, int width) {
  return __CANOPY_SHFL32("idx", v, (unsigned int)lane, __canopy_shfl_segment(width) | 0x1fu, mask);
}
__CANOPY_DEVICE__ unsigned int __canopy_shfl_up(unsigned int mask, unsigned int v, unsigned int delta,
                                                int width) {
  return __CANOPY_SHFL32("up", v, delta, __canopy_shfl_segment(width), mask);
}
__CANOPY_DEVICE__ unsigned int __canopy_shfl_down(unsigned int mask, unsigned int v, unsigned int delta,
                                                  int width) {
  return __CANOPY_SHFL32("down", v, delta, __canopy_shfl_segment(width) | 0x1fu, mask);
}
__CANOPY_DEVICE__ unsigned int __canopy_shfl_xor(unsigned int mask, unsigned int v, int lane_mask,
                                                 int width) {
  return __CANOPY_SHFL32("bfly", v, (unsigned int)lane_mask, __canopy_shfl_segment(width) | 0x1fu, mask);
}
#undef __CANOPY_SHFL32

/* One CUDA shuffle for the 32-bit types (reinterpreted) and the 64-bit types (two 32-bit shuffles). */
#define __CANOPY_SHFL_FN(name, impl, _Arg)                                                               \
  __CANOPY_DEVICE__ int name(unsigned int mask, int v, _Arg a, int width = 32) {                         \
    return (int)impl(mask, (unsigned int)v, a, width);                                                   \
  }                                                                                                      \
  __CANOPY_DEVICE__ unsigned int name(unsigned int mask, unsigned int v, _Arg a, int width = 32) {       \
    return impl(mask, v, a, width);                                                                      \
  }                                                                                                      \
  __CANOPY_DEVICE__ float name(unsigned int mask, float v, _Arg a, int width = 32) {                     \
    return __builtin_bit_cast(float, impl(mask, __builtin_bit_cast(unsigned int, v), a, width));         \
  }                                                                                                      \
  __CANOPY_DEVICE__ unsigned long long name(unsigned int mask, unsigned long long v, _Arg a,             \
                                            int width = 32) {                                            \
    unsigned int lo = impl(mask, (unsigned int)v, a, width);                                             \
    unsigned int hi = impl(mask, (unsigned int)(v >> 32), a, width);                                     \
    return ((unsigned long long)hi << 32) | lo;                                                          \
  }                                                                                                      \
  __CANOPY_DEVICE__ long long name(unsigned int mask, long long v, _Arg a, int width = 32) {             \
    return (long long)name(mask, (unsigned long long)v, a, width);                                       \
  }                                                                                                      \
  __CANOPY_DEVICE__ long name(unsigned int mask, long v, _Arg a, int width = 32) {                       \
    return (long)name(mask, (unsigned long long)v, a, width);                                            \
  }                                                                                                      \
  __CANOPY_DEVICE__ unsigned long name(unsigned int mask, unsigned long v, _Arg a, int width = 32) {     \
    return (unsigned long)name(mask, (unsigned long long)v, a, width);                                   \
  }                                                                                                      \
  __CANOPY_DEVICE__ double name(unsigned int mask, double v, _Arg a, int width = 32) {                   \
    return __builtin_bit_cast(double, name(mask, __builtin_bit_cast(unsigned long long, v), a, width));  \
  }

__CANOPY_SHFL_FN(__shfl_sync, __canopy_shfl_idx, int)
__CANOPY_SHFL_FN(__shfl_up_sync, __canopy_shfl_up, unsigned int)
__CANOPY_SHFL_FN(__shfl_down_sync, __canopy_shfl_down, unsigned int)
__CANOPY_SHFL_FN(__shfl_xor_sync, __canopy_shfl_xor, int)
#undef __CANOPY_SHFL_FN

/* ---- votes ---- */
__CANOPY_DEVICE__ unsigned int __ballot_sync(unsigned int mask, int predicate) {
  unsigned int r;
  asm volatile(
      "{ .reg .pred %%vote_in; setp.ne.s32 %%vote_in, %1, 0; vote.sync.ballot.b32 %0, %%vote_in, %2; }"
      : "=r"(r)
      : "r"(predicate), "r"(mask));
  return r;
}
#define __CANOPY_VOTE_PRED(name, mode)                                                               \
  __CANOPY_DEVICE__ int name(unsigned int mask, int predicate) {                                     \
    int r;                                                                                           \
    asm volatile("{ .reg .pred %%vote_in, %%vote_out; setp.ne.s32 %%vote_in, %1, 0; vote.sync." mode \
                 ".pred %%vote_out, %%vote_in, %2; selp.s32 %0, 1, 0, %%vote_out; }"                 \
                 : "=r"(r)                                                                           \
                 : "r"(predicate), "r"(mask));                                                       \
    return r;                                                                                        \
  }
__CANOPY_VOTE_PRED(__all_sync, "all")
__CANOPY_VOTE_PRED(__any_sync, "any")
__CANOPY_VOTE_PRED(__uni_sync, "uni")
#undef __CANOPY_VOTE_PRED

/* ---- match: lanes holding the same value (32- and 64-bit types compared bit for bit) ---- */
__CANOPY_DEVICE__ unsigned int __canopy_match_any32(unsigned int mask, unsigned int v) {
  unsigned int r;
  asm volatile("match.any.sync.b32 %0, %1, %2;" : "=r"(r) : "r"(v), "r"(mask));
  return r;
}
__CANOPY_DEVICE__ unsigned int __canopy_match_any64(unsigned int mask, unsigned long long v) {
  unsigned int r;
  asm volatile("match.any.sync.b64 %0, %1, %2;" : "=r"(r) : "l"(v), "r"(mask));
  return r;
}
__CANOPY_DEVICE__ unsigned int __canopy_match_all32(unsigned int mask, unsigned int v, int* pred) {
  unsigned int r;
  int p;
  asm volatile("{ .reg .pred %%match_p; match.all.sync.b32 %0|%%match_p, %2, %3; selp.s32 %1, 1, 0, %%match_p; }"
               : "=r"(r), "=r"(p)
               : "r"(v), "r"(mask));
  *pred = p;
  return r;
}
__CANOPY_DEVICE__ unsigned int __canopy_match_all64(unsigned int mask, unsigned long long v, int* pred) {
  unsigned int r;
  int p;
  asm volatile("{ .reg .pred %%match_p; match.all.sync.b64 %0|%%match_p, %2, %3; selp.s32 %1, 1, 0, %%match_p; }"
               : "=r"(r), "=r"(p)
               : "l"(v), "r"(mask));
  *pred = p;
  return r;
}
#define __CANOPY_MATCH_FN(_Tp, bits, conv)                                                         \
  __CANOPY_DEVICE__ unsigned int __match_any_sync(unsigned int mask, _Tp value) {                  \
    return __canopy_match_any##bits(mask, conv(value));                                            \
  }                                                                                                \
  __CANOPY_DEVICE__ unsigned int __match_all_sync(unsigned int mask, _Tp value, int* pred) {       \
    return __canopy_match_all##bits(mask, conv(value), pred);                                      \
  }
#define __CANOPY_AS_U32(v) __builtin_bit_cast(unsigned int, v)
#define __CANOPY_AS_U64(v) __builtin_bit_cast(unsigned long long, v)
__CANOPY_MATCH_FN(unsigned int, 32, __CANOPY_AS_U32)
__CANOPY_MATCH_FN(int, 32, __CANOPY_AS_U32)
__CANOPY_MATCH_FN(float, 32, __CANOPY_AS_U32)
__CANOPY_MATCH_FN(unsigned long long, 64, __CANOPY_AS_U64)
__CANOPY_MATCH_FN(long long, 64, __CANOPY_AS_U64)
__CANOPY_MATCH_FN(unsigned long, 64, __CANOPY_AS_U64)
__CANOPY_MATCH_FN(long, 64, __CANOPY_AS_U64)
__CANOPY_MATCH_FN(double, 64, __CANOPY_AS_U64)
#undef __CANOPY_AS_U32
#undef __CANOPY_AS_U64
#undef __CANOPY_MATCH_FN

/* ---- redux.sync: add/min/max over unsigned and int, and/or/xor over unsigned ---- */
#define __CANOPY_REDUX_FN(name, op, _Tp, ptype)                                                          \
  __CANOPY_DEVICE__ _Tp name(unsigned int mask, _Tp value) {                                             \
    _Tp r;                                                                                               \
    asm volatile("redux.sync." op "." ptype " %0, %1, %2;" : "=r"(r) : "r"(value), "r"(mask));           \
    return r;                                                                                            \
  }
__CANOPY_REDUX_FN(__reduce_add_sync, "add", unsigned int, "u32")
__CANOPY_REDUX_FN(__reduce_add_sync, "add", int, "s32")
__CANOPY_REDUX_FN(__reduce_min_sync, "min", unsigned int, "u32")
__CANOPY_REDUX_FN(__reduce_min_sync, "min", int, "s32")
__CANOPY_REDUX_FN(__reduce_max_sync, "max", unsigned int, "u32")
__CANOPY_REDUX_FN(__reduce_max_sync, "max", int, "s32")
__CANOPY_REDUX_FN(__reduce_and_sync, "and", unsigned int, "b32")
__CANOPY_REDUX_FN(__reduce_or_sync, "or", unsigned int, "b32")
__CANOPY_REDUX_FN(__reduce_xor_sync, "xor", unsigned int, "b32")
#undef __CANOPY_REDUX_FN

__CANOPY_DEVICE__ unsigned int __activemask(void) {
  unsigned int r;
  asm volatile("activemask.b32 %0;" : "=r"(r));
  return r;
}

/* Masks of the lanes below, at or below, equal to, at or above, above the calling lane. */
__CANOPY_DEVICE__ unsigned int __lanemask_lt(void) { return __nvvm_read_ptx_sreg_lanemask_lt(); }
__CANOPY_DEVICE__ unsigned int __lanemask_le(void) { return __nvvm_read_ptx_sreg_lanemask_le(); }
__CANOPY_DEVICE__ unsigned int __lanemask_eq(void) { return __nvvm_read_ptx_sreg_lanemask_eq(); }
__CANOPY_DEVICE__ unsigned int __lanemask_ge(void) { return __nvvm_read_ptx_sreg_lanemask_ge(); }
__CANOPY_DEVICE__ unsigned int __lanemask_gt(void) { return __nvvm_read_ptx_sreg_lanemask_gt(); }

#endif /* CANOPY_CRT_DEVICE_WARP_H */
