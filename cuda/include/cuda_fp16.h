/* Canopy's CUDA headers: IEEE binary16 (half precision). __half holds the 16 bits; __half2 is a pair whose
   x is the low 16 bits of the 32-bit register the .f16x2 instructions work on. Conversions between float
   or double and __half are host and device functions (the host rounds in software, the device with PTX
   cvt); arithmetic, comparisons, math, integer conversions and operators are device functions, each
   arithmetic one PTX .f16/.f16x2 instruction (correctly rounded, canonical NaN 0x7fff). The math
   functions (hexp, hsin, ...) evaluate in float and round once: within 1 ulp of half. */
#ifndef CANOPY_CUDA_FP16_H
#define CANOPY_CUDA_FP16_H
/* NVIDIA's own guard and feature macros, which programs test (helper_cuda.h, ...). */
#define __CUDA_FP16_H__
#define __CUDA_FP16_HPP__
#define __CUDA_FP16_TYPES_EXIST__

#include <type_traits>
#include "crt/canopy_half_common.h"

#ifdef __cplusplus

typedef struct __half_raw {
  unsigned short x;
} __half_raw;
typedef struct __half2_raw {
  unsigned short x;
  unsigned short y;
} __half2_raw;

struct __half;
static __host__ __device__ inline __half __float2half(float f);
static __host__ __device__ inline __half __double2half(double f);
static __host__ __device__ inline float __half2float(__half h);

struct __align__(2) __half {
  unsigned short __x;
  __half() = default;
  __host__ __device__ constexpr __half(const __half_raw& r) : __x(r.x) {}
  __host__ __device__ __half& operator=(const __half_raw& r) {
    __x = r.x;
    return *this;
  }
  __host__ __device__ constexpr operator __half_raw() const { return __half_raw{__x}; }
  __host__ __device__ __half(float f) : __x(__float2half(f).__x) {}
  __host__ __device__ __half(double f) : __x(__double2half(f).__x) {}
  __host__ __device__ __half& operator=(float f) { return *this = __half(f); }
  __host__ __device__ __half& operator=(double f) { return *this = __half(f); }
  /* From integers, rounded to nearest as CUDA's __int2half_rn (through double: exact up to 2^53). */
  template <class _Int, typename std::enable_if<std::is_integral<_Int>::value, int>::type = 0>
  __host__ __device__ __half(_Int __v) : __x(__double2half((double)__v).__x) {}
  template <class _Int, typename std::enable_if<std::is_integral<_Int>::value, int>::type = 0>
  __host__ __device__ __half& operator=(_Int __v) { return *this = __half(__v); }
  __host__ __device__ operator float() const { return __half2float(*this); }
};

struct __align__(4) __half2 {
  __half x;
  __half y;
  __half2() = default;
  __host__ __device__ constexpr __half2(const __half& a, const __half& b) : x(a), y(b) {}
  __host__ __device__ constexpr __half2(const __half2_raw& r) : x(__half_raw{r.x}), y(__half_raw{r.y}) {}
  __host__ __device__ __half2& operator=(const __half2_raw& r) {
    x = __half_raw{r.x};
    y = __half_raw{r.y};
    return *this;
  }
  __host__ __device__ constexpr operator __half2_raw() const { return __half2_raw{x.__x, y.__x}; }
};

typedef __half half;
typedef __half2 half2;

/* ---- bit reinterpretation (host and device) ---- */
static __host__ __device__ inline short __half_as_short(__half h) { return (short)h.__x; }
static __host__ __device__ inline unsigned short __half_as_ushort(__half h) { return h.__x; }
static __host__ __device__ inline __half __short_as_half(short s) { return __half_raw{(unsigned short)s}; }
static __host__ __device__ inline __half __ushort_as_half(unsigned short s) { return __half_raw{s}; }

/* ---- float/double <-> half (host and device) ---- */
#if defined(__CUDA_ARCH__)
#define __CANOPY_F2H(mode, name)                                               \
  static __host__ __device__ inline __half name(float f) {                     \
    __half r;                                                                  \
    asm("cvt." #mode ".f16.f32 %0, %1;" : "=h"(r.__x) : "f"(f));               \
    return r;                                                                  \
  }
#else
#define __CANOPY_F2H(mode, name)                                               \
  static __host__ __device__ inline __half name(float f) {                     \
    return __half_raw{__canopy_round_float(f, 5, 10, __CANOPY_##mode##_MODE)}; \
  }
#endif
#define __CANOPY_rn_MODE __CANOPY_RN
#define __CANOPY_rz_MODE __CANOPY_RZ
#define __CANOPY_rm_MODE __CANOPY_RD
#define __CANOPY_rp_MODE __CANOPY_RU
__CANOPY_F2H(rn, __float2half)
__CANOPY_F2H(rn, __float2half_rn)
__CANOPY_F2H(rz, __float2half_rz)
__CANOPY_F2H(rm, __float2half_rd)
__CANOPY_F2H(rp, __float2half_ru)
#undef __CANOPY_F2H

static __host__ __device__ inline __half __double2half(double f) {
#if defined(__CUDA_ARCH__)
  __half r;
  asm("cvt.rn.f16.f64 %0, %1;" : "=h"(r.__x) : "d"(f));
  return r;
#else
  return __half_raw{__canopy_round_double(f, 5, 10, __CANOPY_RN)};
#endif
}

static __host__ __device__ inline float __half2float(__half h) {
#if defined(__CUDA_ARCH__)
  float f;
  asm("cvt.f32.f16 %0, %1;" : "=f"(f) : "h"(h.__x));
  return f;
#else
  const unsigned int s = (unsigned int)(h.__x & 0x8000u) << 16, e = (h.__x >> 10) & 0x1fu, m = h.__x & 0x3ffu;
  if (e == 0x1f) return __canopy_float_from_bits(s | 0x7f800000u | (m << 13));
  if (e != 0) return __canopy_float_from_bits(s | ((e + 112) << 23) | (m << 13));
  const float v = (float)m * 5.9604644775390625e-8f; /* m * 2^-24, exact */
  return s ? -v : v;
#endif
}

static __host__ __device__ inline __half2 __float2half2_rn(float f) {
  const __half h = __float2half_rn(f);
  return __half2(h, h);
}
static __host__ __device__ inline __half2 __floats2half2_rn(float a, float b) {
  return __half2(__float2half_rn(a), __float2half_rn(b));
}
static __host__ __device__ inline __half2 __halves2half2(__half a, __half b) { return __half2(a, b); }
static __host__ __device__ inline __half2 make_half2(__half a, __half b) { return __half2(a, b); }
static __host__ __device__ inline __half2 __half2half2(__half a) { return __half2(a, a); }
static __host__ __device__ inline __half __low2half(__half2 a) { return a.x; }
static __host__ __device__ inline __half __high2half(__half2 a) { return a.y; }
static __host__ __device__ inline float __low2float(__half2 a) { return __half2float(a.x); }
static __host__ __device__ inline float __high2float(__half2 a) { return __half2float(a.y); }
static __host__ __device__ inline __half2 __lows2half2(__half2 a, __half2 b) { return __half2(a.x, b.x); }
static __host__ __device__ inline __half2 __highs2half2(__half2 a, __half2 b) { return __half2(a.y, b.y); }
static __host__ __device__ inline __half2 __low2half2(__half2 a) { return __half2(a.x, a.x); }
static __host__ __device__ inline __half2 __high2half2(__half2 a) { return __half2(a.y, a.y); }
static __host__ __device__ inline __half2 __lowhigh2highlow(__half2 a) { return __half2(a.y, a.x); }

#if defined(__CUDA__)
#include "vector_types.h"
static __host__ __device__ inline __half2 __float22half2_rn(float2 f) { return __floats2half2_rn(f.x, f.y); }
static __host__ __device__ inline float2 __half22float2(__half2 a) {
  float2 r;
  r.x = __half2float(a.x);
  r.y = __half2float(a.y);
  return r;
}

/* The pair as the 32-bit register of the .f16x2 instructions (x low) and back. */
__CANOPY_DEVICE__ unsigned int __canopy_bits(const __half2& a) {
  return (unsigned int)a.x.__x | ((unsigned int)a.y.__x << 16);
}
__CANOPY_DEVICE__ __half2 __canopy_pair(unsigned int r, __half2*) {
  return __half2(__half_raw{(unsigned short)r}, __half_raw{(unsigned short)(r >> 16)});
}

__CANOPY_HALF_DEVICE_OPS(__half, __half2, "f16", __half2float, __float2half_rn)

/* f16-only forms: saturation to [0, 1] (NaN -> +0) and ex2.approx.f16. */
__CANOPY_H_BINARY(__half, __hadd_sat, "add.rn.sat.f16")
__CANOPY_H_BINARY(__half, __hsub_sat, "sub.rn.sat.f16")
__CANOPY_H_BINARY(__half, __hmul_sat, "mul.rn.sat.f16")
__CANOPY_H_TERNARY(__half, __hfma_sat, "fma.rn.sat.f16")
__CANOPY_H2_BINARY(__half2, __hadd2_sat, "add.rn.sat.f16x2")
__CANOPY_H2_BINARY(__half2, __hsub2_sat, "sub.rn.sat.f16x2")
__CANOPY_H2_BINARY(__half2, __hmul2_sat, "mul.rn.sat.f16x2")
__CANOPY_H2_TERNARY(__half2, __hfma2_sat, "fma.rn.sat.f16x2")
__CANOPY_H_UNARY(__half, hexp2, "ex2.approx.f16")
__CANOPY_H2_UNARY(__half2, h2exp2, "ex2.approx.f16x2")
__CANOPY_H_UNARY(__half, htanh_approx, "tanh.approx.f16")
__CANOPY_H2_UNARY(__half2, h2tanh_approx, "tanh.approx.f16x2")

/* -1 for -inf, 1 for +inf, 0 otherwise. */
__CANOPY_DEVICE__ int __hisinf(__half a) {
  if (a.__x == 0x7c00) return 1;
  return a.__x == 0xfc00 ? -1 : 0;
}

__CANOPY_H_FROM_INT(__half, __int2half, int, "f16", "s32", "r")
__CANOPY_H_FROM_INT(__half, __uint2half, unsigned int, "f16", "u32", "r")
__CANOPY_H_FROM_INT(__half, __short2half, short, "f16", "s16", "h")
__CANOPY_H_FROM_INT(__half, __ushort2half, unsigned short, "f16", "u16", "h")
__CANOPY_H_FROM_INT(__half, __ll2half, long long, "f16", "s64", "l")
__CANOPY_H_FROM_INT(__half, __ull2half, unsigned long long, "f16", "u64", "l")
__CANOPY_H_TO_INT(__half, __half2int, int, "f16", "s32", "r")
__CANOPY_H_TO_INT(__half, __half2uint, unsigned int, "f16", "u32", "r")
__CANOPY_H_TO_INT(__half, __half2short, short, "f16", "s16", "h")
__CANOPY_H_TO_INT(__half, __half2ushort, unsigned short, "f16", "u16", "h")
__CANOPY_H_TO_INT(__half, __half2ll, long long, "f16", "s64", "l")
__CANOPY_H_TO_INT(__half, __half2ull, unsigned long long, "f16", "u64", "l")
#endif /* __CUDA__ */

#endif /* __cplusplus */
#endif /* CANOPY_CUDA_FP16_H */
