/* Canopy's CUDA headers: the warp matrix (WMMA) API, nvcuda::wmma, for tensor cores.
   Shapes and types:  m16n16k16, m32n8k16 and m8n32k16 with half (-> float or half), __nv_bfloat16
   (-> float), signed char and unsigned char (-> int, optionally saturating); m16n16k8 with
   precision::tf32 (-> float).
   Fragments are opaque as in CUDA: x[] holds num_elements values in the finalizer's layout (half A and
   B fragments hold 16 values, their 8 (m16n16k16) twice or their 4 (the narrow operand of m32n8k16 and
   m8n32k16) four times, as on Volta-class hardware, so elementwise operations over
   x[] stay consistent). Arithmetic: docs/cuda.md ("Tensor cores"). Every call is warp-collective: all
   32 lanes of the warp must make it together. */
#ifndef CANOPY_MMA_H
#define CANOPY_MMA_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __CUDA_MMA_H__

#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include "crt/mma_ptx.h"

#if defined(__cplusplus)
namespace nvcuda {
namespace wmma {

struct matrix_a {};
struct matrix_b {};
struct accumulator {};
struct row_major {};
struct col_major {};
enum layout_t { mem_row_major, mem_col_major };

namespace precision {
struct tf32 {};
}  // namespace precision

template <typename _Tp> struct __canopy_storage { typedef _Tp type; };
template <> struct __canopy_storage<precision::tf32> { typedef float type; };

/* Values per lane in Canopy's layouts. */
template <typename _Use, int _Mp, int _Np, int _Kp, typename _Tp> struct __canopy_count;
template <> struct __canopy_count<matrix_a, 16, 16, 16, __half> { enum { value = 16 }; };
template <> struct __canopy_count<matrix_b, 16, 16, 16, __half> { enum { value = 16 }; };
template <> struct __canopy_count<matrix_a, 16, 16, 16, __nv_bfloat16> { enum { value = 8 }; };
template <> struct __canopy_count<matrix_b, 16, 16, 16, __nv_bfloat16> { enum { value = 8 }; };
template <> struct __canopy_count<matrix_a, 16, 16, 16, signed char> { enum { value = 8 }; };
template <> struct __canopy_count<matrix_b, 16, 16, 16, signed char> { enum { value = 8 }; };
template <> struct __canopy_count<matrix_a, 16, 16, 16, unsigned char> { enum { value = 8 }; };
template <> struct __canopy_count<matrix_b, 16, 16, 16, unsigned char> { enum { value = 8 }; };
template <> struct __canopy_count<matrix_a, 16, 16, 8, precision::tf32> { enum { value = 4 }; };
template <> struct __canopy_count<matrix_b, 16, 16, 8, precision::tf32> { enum { value = 4 }; };
template <> struct __canopy_count<accumulator, 16, 16, 16, float> { enum { value = 8 }; };
template <> struct __canopy_count<accumulator, 16, 16, 16, __half> { enum { value = 8 }; };
template <> struct __canopy_count<accumulator, 16, 16, 16, int> { enum { value = 8 }; };
template <> struct __canopy_count<accumulator, 16, 16, 8, float> { enum { value = 8 }; };
/* m32n8k16 and m8n32k16: half A and B hold 16 values (the narrow operand's 4 four times over); the
   other types hold their 16 (wide operand) or 4 (narrow operand) values once. */
#define __CANOPY_WMMA_COUNTS(_Mp, _Np, _Ap, _Bp)                                                                 \
  template <> struct __canopy_count<matrix_a, _Mp, _Np, 16, __half> { enum { value = 16 }; };                    \
  template <> struct __canopy_count<matrix_b, _Mp, _Np, 16, __half> { enum { value = 16 }; };                    \
  template <> struct __canopy_count<matrix_a, _Mp, _Np, 16, __nv_bfloat16> { enum { value = _Ap }; };            \
  template <> struct __canopy_count<matrix_b, _Mp, _Np, 16, __nv_bfloat16> { enum { value = _Bp }; };            \
  template <> struct __canopy_count<matrix_a, _Mp, _Np, 16, signed char> { enum { value = _Ap }; };              \
  template <> struct __canopy_count<matrix_b, _Mp, _Np, 16, signed char> { enum { value = _Bp }; };              \
  template <> struct __canopy_count<matrix_a, _Mp, _Np, 16, unsigned char> { enum { value = _Ap }; };            \
  template <> struct __canopy_count<matrix_b, _Mp, _Np, 16, unsigned char> { enum { value = _Bp }; };            \
  template <> struct __canopy_count<accumulator, _Mp, _Np, 16, float> { enum { value = 8 }; };                   \
  template <> struct __canopy_count<accumulator, _Mp, _Np, 16, __half> { enum { value = 8 }; };                  \
  template <> struct __canopy_count<accumulator, _Mp, _Np, 16, int> { enum { value = 8 }; };
__CANOPY_WMMA_COUNTS(32, 8, 16, 4)
__CANOPY_WMMA_COUNTS(8, 32, 4, 16)
#undef __CANOPY_WMMA_COUNTS

template <typename _Tp, int _Size> struct __canopy_fragment_base {
  typedef _Tp element_type;
  typedef _Tp storage_element_type;
  enum { num_elements = _Size };
  _Tp x[_Size];
};

template <typename _Use, int _Mp, int _Np, int _Kp, typename _Tp, typename _Layout = void>
class fragment
    : public __canopy_fragment_base<typename __canopy_storage<_Tp>::type, __canopy_count<_Use, _Mp, _Np, _Kp, _Tp>::value> {};

template <typename _Tp> struct __canopy_identity { typedef _Tp type; };

template <typename _Use, int _Mp, int _Np, int _Kp, typename _Tp, typename _Layout>
__CANOPY_DEVICE__ void fill_fragment(
    fragment<_Use, _Mp, _Np, _Kp, _Tp, _Layout>& f,
    const typename __canopy_identity<typename __canopy_storage<_Tp>::type>::type& v) {
  for (int i = 0; i < f.num_elements; ++i) f.x[i] = v;
}

#define __CANOPY_REGS(f) (sizeof((f).x) / 4)

/* A and B: the memory layout is part of the fragment's type. */
#define __CANOPY_WMMA_LOAD_AB(use, _Mp, _Np, _Kp, _Tp, _PT, layout, fn)                                               \
  __CANOPY_DEVICE__ void load_matrix_sync(fragment<use, _Mp, _Np, _Kp, _Tp, layout>& f, const _PT* p, unsigned ldm) { \
    unsigned int r[__CANOPY_REGS(f)];                                                                                 \
    fn(r, p, ldm);                                                                                                    \
    __builtin_memcpy(f.x, r, sizeof(f.x));                                                                            \
  }
#define __CANOPY_WMMA_LOAD_AB2(use, _Mp, _Np, _Kp, _Tp, _PT, kind, name)                                 \
  __CANOPY_WMMA_LOAD_AB(use, _Mp, _Np, _Kp, _Tp, _PT, row_major, __canopy_wmma_ld_##kind##_##name##_row) \
  __CANOPY_WMMA_LOAD_AB(use, _Mp, _Np, _Kp, _Tp, _PT, col_major, __canopy_wmma_ld_##kind##_##name##_col)

__CANOPY_WMMA_LOAD_AB2(matrix_a, 16, 16, 16, __half, __half, a, m16n16k16_f16)
__CANOPY_WMMA_LOAD_AB2(matrix_b, 16, 16, 16, __half, __half, b, m16n16k16_f16)
__CANOPY_WMMA_LOAD_AB2(matrix_a, 16, 16, 16, __nv_bfloat16, __nv_bfloat16, a, m16n16k16_bf16)
__CANOPY_WMMA_LOAD_AB2(matrix_b, 16, 16, 16, __nv_bfloat16, __nv_bfloat16, b, m16n16k16_bf16)
__CANOPY_WMMA_LOAD_AB2(matrix_a, 16, 16, 16, signed char, signed char, a, m16n16k16_s8)
__CANOPY_WMMA_LOAD_AB2(matrix_b, 16, 16, 16, signed char, signed char, b, m16n16k16_s8)
__CANOPY_WMMA_LOAD_AB2(matrix_a, 16, 16, 16, unsigned char, unsigned char, a, m16n16k16_u8)
__CANOPY_WMMA_LOAD_AB2(matrix_b, 16, 16, 16, unsigned char, unsigned char, b, m16n16k16_u8)
__CANOPY_WMMA_LOAD_AB2(matrix_a, 16, 16, 8, precision::tf32, float, a, m16n16k8_tf32)
__CANOPY_WMMA_LOAD_AB2(matrix_b, 16, 16, 8, precision::tf32, float, b, m16n16k8_tf32)
#define __CANOPY_WMMA_LOADS(_Mp, _Np, shape)                                                          \
  __CANOPY_WMMA_LOAD_AB2(matrix_a, _Mp, _Np, 16, __half, __half, a, shape##_f16)                      \
  __CANOPY_WMMA_LOAD_AB2(matrix_b, _Mp, _Np, 16, __half, __half, b, shape##_f16)                      \
  __CANOPY_WMMA_LOAD_AB2(matrix_a, _Mp, _Np, 16, __nv_bfloat16, __nv_bfloat16, a, shape##_bf16)       \
  __CANOPY_WMMA_LOAD_AB2(matrix_b, _Mp, _Np, 16, __nv_bfloat16, __nv_bfloat16, b, shape##_bf16)       \
  __CANOPY_WMMA_LOAD_AB2(matrix_a, _Mp, _Np, 16, signed char, signed char, a, shape##_s8)             \
  __CANOPY_WMMA_LOAD_AB2(matrix_b, _Mp, _Np, 16, signed char, signed char, b, shape##_s8)             \
  __CANOPY_WMMA_LOAD_AB2(matrix_a, _Mp, _Np, 16, unsigned char, unsigned char, a, shape##_u8)         \
  __CANOPY_WMMA_LOAD_AB2(matrix_b, _Mp, _Np, 16, unsigned char, unsigned char, b, shape##_u8)
__CANOPY_WMMA_LOADS(32, 8, m32n8k16)
__CANOPY_WMMA_LOADS(8, 32, m8n32k16)
#undef __CANOPY_WMMA_LOADS

/* Accumulators: the memory layout is an argument. */
#define __CANOPY_WMMA_ACC(_Mp, _Np, _Kp, _Tp, name)                                                                  \
  __CANOPY_DEVICE__ void load_matrix_sync(fragment<accumulator, _Mp, _Np, _Kp, _Tp>& f, const _Tp* p, unsigned ldm,  \
                                          layout_t layout) {                                                         \
    unsigned int r[__CANOPY_REGS(f)];                                                                                \
    if (layout == mem_row_major)                                                                                     \
      __canopy_wmma_ld_c_##name##_row(r, p, ldm);                                                                    \
    else                                                                                                             \
      __canopy_wmma_ld_c_##name##_col(r, p, ldm);                                                                    \
    __builtin_memcpy(f.x, r, sizeof(f.x));                                                                           \
  }                                                                                                                  \
  __CANOPY_DEVICE__ void store_matrix_sync(_Tp* p, const fragment<accumulator, _Mp, _Np, _Kp, _Tp>& f, unsigned ldm, \
                                           layout_t layout) {                                                        \
    unsigned int r[__CANOPY_REGS(f)];                                                                                \
    __builtin_memcpy(r, f.x, sizeof(f.x));                                                                           \
    if (layout == mem_row_major)                                                                                     \
      __canopy_wmma_st_##name##_row(p, r, ldm);                                                                      \
    else                                                                                                             \
      __canopy_wmma_st_##name##_col(p, r, ldm);                                                                      \
  }

__CANOPY_WMMA_ACC(16, 16, 16, float, m16n16k16_f32)
__CANOPY_WMMA_ACC(16, 16, 16, __half, m16n16k16_f16)
__CANOPY_WMMA_ACC(16, 16, 16, int, m16n16k16_s32)
__CANOPY_WMMA_ACC(16, 16, 8, float, m16n16k8_f32)
__CANOPY_WMMA_ACC(32, 8, 16, float, m32n8k16_f32)
__CANOPY_WMMA_ACC(32, 8, 16, __half, m32n8k16_f16)
__CANOPY_WMMA_ACC(32, 8, 16, int, m32n8k16_s32)
__CANOPY_WMMA_ACC(8, 32, 16, float, m8n32k16_f32)
__CANOPY_WMMA_ACC(8, 32, 16, __half, m8n32k16_f16)
__CANOPY_WMMA_ACC(8, 32, 16, int, m8n32k16_s32)

#define __CANOPY_WMMA_MMA(_Mp, _Np, _Kp, _TA, _TD, fn)                                                       \
  template <typename _LA, typename _LB>                                                                      \
  __CANOPY_DEVICE__ void mma_sync(fragment<accumulator, _Mp, _Np, _Kp, _TD>& d,                              \
                                  const fragment<matrix_a, _Mp, _Np, _Kp, _TA, _LA>& a,                      \
                                  const fragment<matrix_b, _Mp, _Np, _Kp, _TA, _LB>& b,                      \
                                  const fragment<accumulator, _Mp, _Np, _Kp, _TD>& c) {                      \
    unsigned int rd[__CANOPY_REGS(d)], ra[__CANOPY_REGS(a)], rb[__CANOPY_REGS(b)], rc[__CANOPY_REGS(c)];     \
    __builtin_memcpy(ra, a.x, sizeof(a.x));                                                                  \
    __builtin_memcpy(rb, b.x, sizeof(b.x));                                                                  \
    __builtin_memcpy(rc, c.x, sizeof(c.x));                                                                  \
    fn(rd, ra, rb, rc);                                                                                      \
    __builtin_memcpy(d.x, rd, sizeof(d.x));                                                                  \
  }

__CANOPY_WMMA_MMA(16, 16, 16, __half, float, __canopy_wmma_mma_f16_f32)
__CANOPY_WMMA_MMA(16, 16, 16, __half, __half, __canopy_wmma_mma_f16_f16)
__CANOPY_WMMA_MMA(16, 16, 16, __nv_bfloat16, float, __canopy_wmma_mma_bf16_f32)
__CANOPY_WMMA_MMA(16, 16, 8, precision::tf32, float, __canopy_wmma_mma_tf32_f32)
__CANOPY_WMMA_MMA(32, 8, 16, __half, float, __canopy_wmma_mma_m32n8k16_f16_f32)
__CANOPY_WMMA_MMA(32, 8, 16, __half, __half, __canopy_wmma_mma_m32n8k16_f16_f16)
__CANOPY_WMMA_MMA(32, 8, 16, __nv_bfloat16, float, __canopy_wmma_mma_m32n8k16_bf16_f32)
__CANOPY_WMMA_MMA(8, 32, 16, __half, float, __canopy_wmma_mma_m8n32k16_f16_f32)
__CANOPY_WMMA_MMA(8, 32, 16, __half, __half, __canopy_wmma_mma_m8n32k16_f16_f16)
__CANOPY_WMMA_MMA(8, 32, 16, __nv_bfloat16, float, __canopy_wmma_mma_m8n32k16_bf16_f32)

#define __CANOPY_WMMA_IMMA(_Mp, _Np, _TA, name)                                                              \
  template <typename _LA, typename _LB>                                                                      \
  __CANOPY_DEVICE__ void mma_sync(fragment<accumulator, _Mp, _Np, 16, int>& d,                               \
                                  const fragment<matrix_a, _Mp, _Np, 16, _TA, _LA>& a,                       \
                                  const fragment<matrix_b, _Mp, _Np, 16, _TA, _LB>& b,                       \
                                  const fragment<accumulator, _Mp, _Np, 16, int>& c, bool satf = false) {    \
    unsigned int rd[8], ra[__CANOPY_REGS(a)], rb[__CANOPY_REGS(b)], rc[8];                                   \
    __builtin_memcpy(ra, a.x, sizeof(a.x));                                                                  \
    __builtin_memcpy(rb, b.x, sizeof(b.x));                                                                  \
    __builtin_memcpy(rc, c.x, sizeof(c.x));                                                                  \
    if (satf)                                                                                                \
      __canopy_wmma_mma_##name##_s32_satf(rd, ra, rb, rc);                                                   \
    else                                                                                                     \
      __canopy_wmma_mma_##name##_s32(rd, ra, rb, rc);                                                        \
    __builtin_memcpy(d.x, rd, sizeof(d.x));                                                                  \
  }

__CANOPY_WMMA_IMMA(16, 16, signed char, s8)
__CANOPY_WMMA_IMMA(16, 16, unsigned char, u8)
__CANOPY_WMMA_IMMA(32, 8, signed char, m32n8k16_s8)
__CANOPY_WMMA_IMMA(32, 8, unsigned char, m32n8k16_u8)
__CANOPY_WMMA_IMMA(8, 32, signed char, m8n32k16_s8)
__CANOPY_WMMA_IMMA(8, 32, unsigned char, m8n32k16_u8)

#undef __CANOPY_WMMA_LOAD_AB
#undef __CANOPY_WMMA_LOAD_AB2
#undef __CANOPY_WMMA_ACC
#undef __CANOPY_WMMA_MMA
#undef __CANOPY_WMMA_IMMA
#undef __CANOPY_REGS

/* Rounds an f32 to tf32 (nearest, ties away from zero), kept in an f32 register. */
__CANOPY_DEVICE__ float __float_to_tf32(float x) {
  unsigned int r;
  asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(r) : "f"(x));
  return __builtin_bit_cast(float, r);
}

}  // namespace wmma
}  // namespace nvcuda
#endif /* __cplusplus */

#endif /* CANOPY_MMA_H */
