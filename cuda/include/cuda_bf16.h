/* Canopy's CUDA headers: bfloat16 (8 exponent bits, 7 stored significand bits: the top half of a float).
   __nv_bfloat16 holds the 16 bits; __nv_bfloat162 is a pair whose x is the low 16 bits of the 32-bit
   register the .bf16x2 instructions work on. Conversions between float or double and bfloat16 are host
   and device functions; arithmetic, comparisons, math, integer conversions and operators are device
   functions, each arithmetic one PTX .bf16/.bf16x2 instruction (correctly rounded, canonical NaN
   0x7fff). The math functions evaluate in float and round once. */
#ifndef CANOPY_CUDA_BF16_H
#define CANOPY_CUDA_BF16_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __CUDA_BF16_H__
#define __CUDA_BF16_HPP__
#define __CUDA_BF16_TYPES_EXIST__

#include <type_traits>
#include "crt/canopy_half_common.h"
#include "cuda_fp16.h"

#ifdef __cplusplus

typedef struct __nv_bfloat16_raw {
  unsigned short x;
} __nv_bfloat16_raw;
typedef struct __nv_bfloat162_raw {
  unsigned short x;
  unsigned short y;
} __nv_bfloat162_raw;

struct __nv_bfloat16;
static __host__ __device__ inline __nv_bfloat16 __float2bfloat16(float f);
static __host__ __device__ inline __nv_bfloat16 __double2bfloat16(double f);
static __host__ __device__ inline float __bfloat162float(__nv_bfloat16 h);

struct __align__(2) __nv_bfloat16 {
  unsigned short __x;
  __nv_bfloat16() = default;
  __host__ __device__ constexpr __nv_bfloat16(const __nv_bfloat16_raw& r) : __x(r.x) {}
  __host__ __device__ __nv_bfloat16& operator=(const __nv_bfloat16_raw& r) {
    __x = r.x;
    return *this;
  }
  __host__ __device__ constexpr operator __nv_bfloat16_raw() const { return __nv_bfloat16_raw{__x}; }
  __host__ __device__ __nv_bfloat16(float f) : __x(__float2bfloat16(f).__x) {}
  __host__ __device__ __nv_bfloat16(double f) : __x(__double2bfloat16(f).__x) {}
  __host__ __device__ __nv_bfloat16& operator=(float f) { return *this = __nv_bfloat16(f); }
  __host__ __device__ __nv_bfloat16& operator=(double f) { return *this = __nv_bfloat16(f); }
  /* From integers, rounded to nearest as CUDA's __int2bfloat16_rn (through double: exact up to 2^53). */
  template <class _Int, typename std::enable_if<std::is_integral<_Int>::value, int>::type = 0>
  __host__ __device__ __nv_bfloat16(_Int __v) : __x(__double2bfloat16((double)__v).__x) {}
  template <class _Int, typename std::enable_if<std::is_integral<_Int>::value, int>::type = 0>
  __host__ __device__ __nv_bfloat16& operator=(_Int __v) { return *this = __nv_bfloat16(__v); }
  __host__ __device__ operator float() const { return __bfloat162float(*this); }
};

struct __align__(4) __nv_bfloat162 {
  __nv_bfloat16 x;
  __nv_bfloat16 y;
  __nv_bfloat162() = default;
  __host__ __device__ constexpr __nv_bfloat162(const __nv_bfloat16& a, const __nv_bfloat16& b) : x(a), y(b) {}
  __host__ __device__ constexpr __nv_bfloat162(const __nv_bfloat162_raw& r)
      : x(__nv_bfloat16_raw{r.x}), y(__nv_bfloat16_raw{r.y}) {}
  __host__ __device__ __nv_bfloat162& operator=(const __nv_bfloat162_raw& r) {
    x = __nv_bfloat16_raw{r.x};
    y = __nv_bfloat16_raw{r.y};
    return *this;
  }
  __host__ __device__ constexpr operator __nv_bfloat162_raw() const { return __nv_bfloat162_raw{x.__x, y.__x}; }
};

typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

/* ---- bit reinterpretation (host and device) ---- */
static __host__ __device__ inline short __bfloat16_as_short(__nv_bfloat16 h) { return (short)h.__x; }
static __host__ __device__ inline unsigned short __bfloat16_as_ushort(__nv_bfloat16 h) { return h.__x; }
static __host__ __device__ inline __nv_bfloat16 __short_as_bfloat16(short s) {
  return __nv_bfloat16_raw{(unsigned short)s};
}
static __host__ __device__ inline __nv_bfloat16 __ushort_as_bfloat16(unsigned short s) {
  return __nv_bfloat16_raw{s};
}

/* ---- float/double <-> bfloat16 (host and device) ---- */
#if defined(__CUDA_ARCH__)
#define __CANOPY_F2BF(mode, name)                                       \
  static __host__ __device__ inline __nv_bfloat16 name(float f) {       \
    __nv_bfloat16 r;                                                    \
    asm("cvt." #mode ".bf16.f32 %0, %1;" : "=h"(r.__x) : "f"(f));       \
    return r;                                                           \
  }
#else
#define __CANOPY_F2BF(mode, name)                                                     \
  static __host__ __device__ inline __nv_bfloat16 name(float f) {                     \
    return __nv_bfloat16_raw{__canopy_round_float(f, 8, 7, __CANOPY_##mode##_MODE)};  \
  }
#endif
__CANOPY_F2BF(rn, __float2bfloat16)
__CANOPY_F2BF(rn, __float2bfloat16_rn)
__CANOPY_F2BF(rz, __float2bfloat16_rz)
__CANOPY_F2BF(rm, __float2bfloat16_rd)
__CANOPY_F2BF(rp, __float2bfloat16_ru)
#undef __CANOPY_F2BF

static __host__ __device__ inline __nv_bfloat16 __double2bfloat16(double f) {
#if defined(__CUDA_ARCH__)
  __nv_bfloat16 r;
  asm("cvt.rn.bf16.f64 %0, %1;" : "=h"(r.__x) : "d"(f));
  return r;
#else
  return __nv_bfloat16_raw{__canopy_round_double(f, 8, 7, __CANOPY_RN)};
#endif
}

/* Exact: a bfloat16 is the top half of a float. */
static __host__ __device__ inline float __bfloat162float(__nv_bfloat16 h) {
  return __canopy_float_from_bits((unsigned int)h.__x << 16);
}

static __host__ __device__ inline __nv_bfloat162 __float2bfloat162_rn(float f) {
  const __nv_bfloat16 h = __float2bfloat16_rn(f);
  return __nv_bfloat162(h, h);
}
static __host__ __device__ inline __nv_bfloat162 __floats2bfloat162_rn(float a, float b) {
  return __nv_bfloat162(__float2bfloat16_rn(a), __float2bfloat16_rn(b));
}
static __host__ __device__ inline __nv_bfloat162 __halves2bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __nv_bfloat162(a, b);
}
static __host__ __device__ inline __nv_bfloat162 make_bfloat162(__nv_bfloat16 a, __nv_bfloat16 b) {
  return __nv_bfloat162(a, b);
}
static __host__ __device__ inline __nv_bfloat162 __bfloat162bfloat162(__nv_bfloat16 a) {
  return __nv_bfloat162(a, a);
}
static __host__ __device__ inline __nv_bfloat16 __low2bfloat16(__nv_bfloat162 a) { return a.x; }
static __host__ __device__ inline __nv_bfloat16 __high2bfloat16(__nv_bfloat162 a) { return a.y; }
static __host__ __device__ inline float __low2float(__nv_bfloat162 a) { return __bfloat162float(a.x); }
static __host__ __device__ inline float __high2float(__nv_bfloat162 a) { return __bfloat162float(a.y); }
static __host__ __device__ inline __nv_bfloat162 __lows2bfloat162(__nv_bfloat162 a, __nv_bfloat162 b) {
  return __nv_bfloat162(a.x, b.x);
}
static __host__ __device__ inline __nv_bfloat162 __highs2bfloat162(__nv_bfloat162 a, __nv_bfloat162 b) {
  return __nv_bfloat162(a.y, b.y);
}
static __host__ __device__ inline __nv_bfloat162 __lowhigh2highlow(__nv_bfloat162 a) {
  return __nv_bfloat162(a.y, a.x);
}

#if defined(__CUDA__)
static __host__ __device__ inline __nv_bfloat162 __float22bfloat162_rn(float2 f) {
  return __floats2bfloat162_rn(f.x, f.y);
}
static __host__ __device__ inline float2 __bfloat1622float2(__nv_bfloat162 a) {
  float2 r;
  r.x = __bfloat162float(a.x);
  r.y = __bfloat162float(a.y);
  return r;
}

__CANOPY_DEVICE__ unsigned int __canopy_bits(const __nv_bfloat162& a) {
  return (unsigned int)a.x.__x | ((unsigned int)a.y.__x << 16);
}
__CANOPY_DEVICE__ __nv_bfloat162 __canopy_pair(unsigned int r, __nv_bfloat162*) {
  return __nv_bfloat162(__nv_bfloat16_raw{(unsigned short)r}, __nv_bfloat16_raw{(unsigned short)(r >> 16)});
}

__CANOPY_HALF_DEVICE_OPS(__nv_bfloat16, __nv_bfloat162, "bf16", __bfloat162float, __float2bfloat16_rn)

__CANOPY_DEVICE__ __nv_bfloat16 hexp2(__nv_bfloat16 a) { return __float2bfloat16_rn(exp2f(__bfloat162float(a))); }
__CANOPY_DEVICE__ __nv_bfloat162 h2exp2(__nv_bfloat162 a) { return __nv_bfloat162(hexp2(a.x), hexp2(a.y)); }

__CANOPY_DEVICE__ int __hisinf(__nv_bfloat16 a) {
  if (a.__x == 0x7f80) return 1;
  return a.__x == 0xff80 ? -1 : 0;
}

__CANOPY_H_FROM_INT(__nv_bfloat16, __int2bfloat16, int, "bf16", "s32", "r")
__CANOPY_H_FROM_INT(__nv_bfloat16, __uint2bfloat16, unsigned int, "bf16", "u32", "r")
__CANOPY_H_FROM_INT(__nv_bfloat16, __short2bfloat16, short, "bf16", "s16", "h")
__CANOPY_H_FROM_INT(__nv_bfloat16, __ushort2bfloat16, unsigned short, "bf16", "u16", "h")
__CANOPY_H_FROM_INT(__nv_bfloat16, __ll2bfloat16, long long, "bf16", "s64", "l")
__CANOPY_H_FROM_INT(__nv_bfloat16, __ull2bfloat16, unsigned long long, "bf16", "u64", "l")
__CANOPY_H_TO_INT(__nv_bfloat16, __bfloat162int, int, "bf16", "s32", "r")
__CANOPY_H_TO_INT(__nv_bfloat16, __bfloat162uint, unsigned int, "bf16", "u32", "r")
__CANOPY_H_TO_INT(__nv_bfloat16, __bfloat162short, short, "bf16", "s16", "h")
__CANOPY_H_TO_INT(__nv_bfloat16, __bfloat162ushort, unsigned short, "bf16", "u16", "h")
__CANOPY_H_TO_INT(__nv_bfloat16, __bfloat162ll, long long, "bf16", "s64", "l")
__CANOPY_H_TO_INT(__nv_bfloat16, __bfloat162ull, unsigned long long, "bf16", "u64", "l")
#endif /* __CUDA__ */

#endif /* __cplusplus */
#endif /* CANOPY_CUDA_BF16_H */
