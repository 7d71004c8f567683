/* Canopy's CUDA headers: what cuda_fp16.h and cuda_bf16.h share. A host-side rounding of float/double
   into a 16-bit binary format (the device uses PTX cvt), and generators for the device functions that
   both types offer: each arithmetic function is one PTX .f16/.bf16 (or .f16x2/.bf16x2) instruction, so
   the simulated GPU's ALU is the one definition of its result. */
#ifndef CANOPY_CRT_CANOPY_HALF_COMMON_H
#define CANOPY_CRT_CANOPY_HALF_COMMON_H

#include "crt/host_defines.h"
#if defined(__CUDA__)
#include "cuda_runtime.h" /* the float math, division and shuffle functions the device forms build on */
#endif

#ifdef __cplusplus

/* Rounding modes of __canopy_round_bits, in CUDA suffix order. */
#define __CANOPY_RN 0
#define __CANOPY_RZ 1
#define __CANOPY_RD 2
#define __CANOPY_RU 3

/* Rounds (-1)^neg * sig * 2^e2 (sig < 2^63) into the binary format with `ebits` exponent and `mbits`
   stored significand bits, in the given mode; returns the encoding (subnormals and overflow included). */
static __host__ __device__ inline unsigned short __canopy_round_bits(int neg, unsigned long long sig, int e2,
                                                                      int ebits, int mbits, int mode) {
  const unsigned sign = neg ? 1u << (ebits + mbits) : 0u;
  const unsigned long long inf = ((1ull << ebits) - 1) << mbits;
  if (sig == 0) return (unsigned short)sign;
  const int bias = (1 << (ebits - 1)) - 1, emin = 1 - bias;
  const int lead = e2 + 63 - __builtin_clzll(sig);
  const int to_inf = mode == __CANOPY_RN || (mode == __CANOPY_RU && !neg) || (mode == __CANOPY_RD && neg);
  const unsigned short overflow = (unsigned short)(sign | (to_inf ? inf : inf - 1));
  if (lead > bias) return overflow;
  const int shift = (lead < emin ? emin : lead) - mbits - e2; /* bits below the result's lsb */
  unsigned long long kept = 0;
  int inexact = 0, above = 0, tie = 0;
  if (shift <= 0) {
    kept = sig << -shift;
  } else if (shift < 64) {
    const unsigned long long rem = sig & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    kept = sig >> shift;
    inexact = rem != 0;
    above = rem > half;
    tie = rem == half;
  } else {
    inexact = 1;
  }
  if (mode == __CANOPY_RN) kept += (above || (tie && (kept & 1))) ? 1 : 0;
  if (mode == __CANOPY_RU) kept += (inexact && !neg) ? 1 : 0;
  if (mode == __CANOPY_RD) kept += (inexact && neg) ? 1 : 0;
  const unsigned long long mag = lead < emin ? kept : ((unsigned long long)(lead + bias - 1) << mbits) + kept;
  if (mag >= inf) return overflow;
  return (unsigned short)(sign | mag);
}

/* float / double into the format; NaN becomes the canonical NaN 0x7fff. */
static __host__ __device__ inline unsigned short __canopy_round_float(float f, int ebits, int mbits, int mode) {
  unsigned int b;
  __builtin_memcpy(&b, &f, sizeof b);
  const int neg = (int)(b >> 31), e = (int)((b >> 23) & 0xff);
  const unsigned int m = b & 0x7fffffu;
  if (e == 0xff) return m ? (unsigned short)0x7fff : (unsigned short)((neg ? 1u << (ebits + mbits) : 0u) | (((1u << ebits) - 1) << mbits));
  return e ? __canopy_round_bits(neg, m | 0x800000u, e - 150, ebits, mbits, mode)
           : __canopy_round_bits(neg, m, -149, ebits, mbits, mode);
}
static __host__ __device__ inline unsigned short __canopy_round_double(double f, int ebits, int mbits, int mode) {
  unsigned long long b;
  __builtin_memcpy(&b, &f, sizeof b);
  const int neg = (int)(b >> 63), e = (int)((b >> 52) & 0x7ff);
  const unsigned long long m = b & 0xfffffffffffffull;
  if (e == 0x7ff) return m ? (unsigned short)0x7fff : (unsigned short)((neg ? 1u << (ebits + mbits) : 0u) | (((1u << ebits) - 1) << mbits));
  return e ? __canopy_round_bits(neg, m | (1ull << 52), e - 1075, ebits, mbits, mode)
           : __canopy_round_bits(neg, m, -1074, ebits, mbits, mode);
}

static __host__ __device__ inline float __canopy_float_from_bits(unsigned int b) {
  float f;
  __builtin_memcpy(&f, &b, sizeof f);
  return f;
}

#if defined(__CUDA__)
/* Device generators. T is the scalar type, T2 the pair, S the PTX type ("f16" or "bf16"). The pair
   helpers __canopy_bits(T2) and __canopy_pair(unsigned, T2*) come from the type's header. */
#define __CANOPY_H_UNARY(T, name, op)                                 \
  __CANOPY_DEVICE__ T name(T a) {                                     \
    T r;                                                              \
    asm(op " %0, %1;" : "=h"(r.__x) : "h"(a.__x));                    \
    return r;                                                         \
  }
#define __CANOPY_H_BINARY(T, name, op)                                \
  __CANOPY_DEVICE__ T name(T a, T b) {                                \
    T r;                                                              \
    asm(op " %0, %1, %2;" : "=h"(r.__x) : "h"(a.__x), "h"(b.__x));    \
    return r;                                                         \
  }
#define __CANOPY_H_TERNARY(T, name, op)                                              \
  __CANOPY_DEVICE__ T name(T a, T b, T c) {                                          \
    T r;                                                                             \
    asm(op " %0, %1, %2, %3;" : "=h"(r.__x) : "h"(a.__x), "h"(b.__x), "h"(c.__x));   \
    return r;                                                                        \
  }
#define __CANOPY_H2_UNARY(T2, name, op)                                \
  __CANOPY_DEVICE__ T2 name(T2 a) {                                    \
    unsigned int r;                                                    \
    asm(op " %0, %1;" : "=r"(r) : "r"(__canopy_bits(a)));              \
    return __canopy_pair(r, (T2*)0);                                   \
  }
#define __CANOPY_H2_BINARY(T2, name, op)                                                   \
  __CANOPY_DEVICE__ T2 name(T2 a, T2 b) {                                                  \
    unsigned int r;                                                                        \
    asm(op " %0, %1, %2;" : "=r"(r) : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)));      \
    return __canopy_pair(r, (T2*)0);                                                       \
  }
#define __CANOPY_H2_TERNARY(T2, name, op)                                                   \
  __CANOPY_DEVICE__ T2 name(T2 a, T2 b, T2 c) {                                             \
    unsigned int r;                                                                         \
    asm(op " %0, %1, %2, %3;"                                                               \
        : "=r"(r)                                                                           \
        : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)), "r"(__canopy_bits(c)));            \
    return __canopy_pair(r, (T2*)0);                                                        \
  }
/* Scalar comparison -> bool (setp). */
#define __CANOPY_H_CMP(T, name, S, cmp)                                                                 \
  __CANOPY_DEVICE__ bool name(T a, T b) {                                                               \
    unsigned int r;                                                                                     \
    asm("{ .reg .pred %%hp; setp." cmp "." S " %%hp, %1, %2; selp.u32 %0, 1, 0, %%hp; }"                \
        : "=r"(r)                                                                                       \
        : "h"(a.__x), "h"(b.__x));                                                                      \
    return r != 0;                                                                                      \
  }
/* Pair comparisons: name2 gives 1.0/0.0 per half (set), name2_mask 0xffff/0 per half, hbname2 true when
   both halves compare true (setp p|q). */
#define __CANOPY_H2_CMP(T2, name2, bname2, S, cmp)                                                      \
  __CANOPY_DEVICE__ T2 name2(T2 a, T2 b) {                                                              \
    unsigned int r;                                                                                     \
    asm("set." cmp "." S "x2." S "x2 %0, %1, %2;" : "=r"(r) : "r"(__canopy_bits(a)), "r"(__canopy_bits(b))); \
    return __canopy_pair(r, (T2*)0);                                                                    \
  }                                                                                                     \
  __CANOPY_DEVICE__ unsigned int name2##_mask(T2 a, T2 b) {                                             \
    unsigned int r;                                                                                     \
    asm("set." cmp ".u32." S "x2 %0, %1, %2;" : "=r"(r) : "r"(__canopy_bits(a)), "r"(__canopy_bits(b))); \
    return r;                                                                                           \
  }                                                                                                     \
  __CANOPY_DEVICE__ bool bname2(T2 a, T2 b) {                                                           \
    unsigned int r;                                                                                     \
    asm("{ .reg .pred %%hp, %%hq; setp." cmp "." S "x2 %%hp|%%hq, %1, %2; and.pred %%hp, %%hp, %%hq; "  \
        "selp.u32 %0, 1, 0, %%hp; }"                                                                    \
        : "=r"(r)                                                                                       \
        : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)));                                                \
    return r != 0;                                                                                      \
  }

/* Every function both types share; FLT(x) / FROMF(f) convert a scalar to float and back (round to
   nearest even). */
#define __CANOPY_HALF_DEVICE_OPS(T, T2, S, FLT, FROMF)                                              \
  __CANOPY_H_BINARY(T, __hadd, "add.rn." S)                                                         \
  __CANOPY_H_BINARY(T, __hsub, "sub.rn." S)                                                         \
  __CANOPY_H_BINARY(T, __hmul, "mul.rn." S)                                                         \
  __CANOPY_H_BINARY(T, __hadd_rn, "add.rn." S)                                                      \
  __CANOPY_H_BINARY(T, __hsub_rn, "sub.rn." S)                                                      \
  __CANOPY_H_BINARY(T, __hmul_rn, "mul.rn." S)                                                      \
  __CANOPY_H_TERNARY(T, __hfma, "fma.rn." S)                                                        \
  __CANOPY_H_TERNARY(T, __hfma_relu, "fma.rn.relu." S)                                              \
  __CANOPY_H_UNARY(T, __hneg, "neg." S)                                                             \
  __CANOPY_H_UNARY(T, __habs, "abs." S)                                                             \
  __CANOPY_H_BINARY(T, __hmin, "min." S)                                                            \
  __CANOPY_H_BINARY(T, __hmax, "max." S)                                                            \
  __CANOPY_H_BINARY(T, __hmin_nan, "min.NaN." S)                                                    \
  __CANOPY_H_BINARY(T, __hmax_nan, "max.NaN." S)                                                    \
  __CANOPY_H2_BINARY(T2, __hadd2, "add.rn." S "x2")                                                 \
  __CANOPY_H2_BINARY(T2, __hsub2, "sub.rn." S "x2")                                                 \
  __CANOPY_H2_BINARY(T2, __hmul2, "mul.rn." S "x2")                                                 \
  __CANOPY_H2_BINARY(T2, __hadd2_rn, "add.rn." S "x2")                                              \
  __CANOPY_H2_BINARY(T2, __hsub2_rn, "sub.rn." S "x2")                                              \
  __CANOPY_H2_BINARY(T2, __hmul2_rn, "mul.rn." S "x2")                                              \
  __CANOPY_H2_TERNARY(T2, __hfma2, "fma.rn." S "x2")                                                \
  __CANOPY_H2_TERNARY(T2, __hfma2_relu, "fma.rn.relu." S "x2")                                      \
  __CANOPY_H2_UNARY(T2, __hneg2, "neg." S "x2")                                                     \
  __CANOPY_H2_UNARY(T2, __habs2, "abs." S "x2")                                                     \
  __CANOPY_H2_BINARY(T2, __hmin2, "min." S "x2")                                                    \
  __CANOPY_H2_BINARY(T2, __hmax2, "max." S "x2")                                                    \
  __CANOPY_H2_BINARY(T2, __hmin2_nan, "min.NaN." S "x2")                                            \
  __CANOPY_H2_BINARY(T2, __hmax2_nan, "max.NaN." S "x2")                                            \
  __CANOPY_H_CMP(T, __heq, S, "eq")                                                                 \
  __CANOPY_H_CMP(T, __hne, S, "ne")                                                                 \
  __CANOPY_H_CMP(T, __hlt, S, "lt")                                                                 \
  __CANOPY_H_CMP(T, __hle, S, "le")                                                                 \
  __CANOPY_H_CMP(T, __hgt, S, "gt")                                                                 \
  __CANOPY_H_CMP(T, __hge, S, "ge")                                                                 \
  __CANOPY_H_CMP(T, __hequ, S, "equ")                                                               \
  __CANOPY_H_CMP(T, __hneu, S, "neu")                                                               \
  __CANOPY_H_CMP(T, __hltu, S, "ltu")                                                               \
  __CANOPY_H_CMP(T, __hleu, S, "leu")                                                               \
  __CANOPY_H_CMP(T, __hgtu, S, "gtu")                                                               \
  __CANOPY_H_CMP(T, __hgeu, S, "geu")                                                               \
  __CANOPY_H2_CMP(T2, __heq2, __hbeq2, S, "eq")                                                     \
  __CANOPY_H2_CMP(T2, __hne2, __hbne2, S, "ne")                                                     \
  __CANOPY_H2_CMP(T2, __hlt2, __hblt2, S, "lt")                                                     \
  __CANOPY_H2_CMP(T2, __hle2, __hble2, S, "le")                                                     \
  __CANOPY_H2_CMP(T2, __hgt2, __hbgt2, S, "gt")                                                     \
  __CANOPY_H2_CMP(T2, __hge2, __hbge2, S, "ge")                                                     \
  __CANOPY_H2_CMP(T2, __hequ2, __hbequ2, S, "equ")                                                  \
  __CANOPY_H2_CMP(T2, __hneu2, __hbneu2, S, "neu")                                                  \
  __CANOPY_H2_CMP(T2, __hltu2, __hbltu2, S, "ltu")                                                  \
  __CANOPY_H2_CMP(T2, __hleu2, __hbleu2, S, "leu")                                                  \
  __CANOPY_H2_CMP(T2, __hgtu2, __hbgtu2, S, "gtu")                                                  \
  __CANOPY_H2_CMP(T2, __hgeu2, __hbgeu2, S, "geu")                                                  \
  __CANOPY_DEVICE__ bool __hisnan(T a) {                                                            \
    unsigned int r;                                                                                 \
    asm("{ .reg .pred %%hp; setp.nan." S " %%hp, %1, %1; selp.u32 %0, 1, 0, %%hp; }"                \
        : "=r"(r)                                                                                   \
        : "h"(a.__x));                                                                              \
    return r != 0;                                                                                  \
  }                                                                                                 \
  __CANOPY_DEVICE__ T2 __hisnan2(T2 a) { return __hneu2(a, a); }                                   \
  /* Division rounds the float quotient once: correctly rounded, as 24 >= 2 * 11 + 2 bits. */        \
  __CANOPY_DEVICE__ T __hdiv(T a, T b) { return FROMF(__fdiv_rn(FLT(a), FLT(b))); }                 \
  __CANOPY_DEVICE__ T2 __h2div(T2 a, T2 b) { return T2(__hdiv(a.x, b.x), __hdiv(a.y, b.y)); }       \
  /* Math: evaluated in float (Canopy's float functions are within 1 ulp) and rounded once. */      \
  __CANOPY_DEVICE__ T hsqrt(T a) { return FROMF(__fsqrt_rn(FLT(a))); }                              \
  __CANOPY_DEVICE__ T hrcp(T a) { return FROMF(__frcp_rn(FLT(a))); }                                \
  __CANOPY_DEVICE__ T hrsqrt(T a) { return FROMF(rsqrtf(FLT(a))); }                                 \
  __CANOPY_DEVICE__ T hexp(T a) { return FROMF(expf(FLT(a))); }                                     \
  __CANOPY_DEVICE__ T hexp10(T a) { return FROMF(exp10f(FLT(a))); }                                 \
  __CANOPY_DEVICE__ T hlog(T a) { return FROMF(logf(FLT(a))); }                                     \
  __CANOPY_DEVICE__ T hlog2(T a) { return FROMF(log2f(FLT(a))); }                                   \
  __CANOPY_DEVICE__ T hlog10(T a) { return FROMF(log10f(FLT(a))); }                                 \
  __CANOPY_DEVICE__ T hsin(T a) { return FROMF(sinf(FLT(a))); }                                     \
  __CANOPY_DEVICE__ T hcos(T a) { return FROMF(cosf(FLT(a))); }                                     \
  __CANOPY_DEVICE__ T htrunc(T a) { return FROMF(truncf(FLT(a))); }                                 \
  __CANOPY_DEVICE__ T hceil(T a) { return FROMF(ceilf(FLT(a))); }                                   \
  __CANOPY_DEVICE__ T hfloor(T a) { return FROMF(floorf(FLT(a))); }                                 \
  __CANOPY_DEVICE__ T hrint(T a) { return FROMF(rintf(FLT(a))); }                                   \
  __CANOPY_DEVICE__ T2 h2sqrt(T2 a) { return T2(hsqrt(a.x), hsqrt(a.y)); }                          \
  __CANOPY_DEVICE__ T2 h2rcp(T2 a) { return T2(hrcp(a.x), hrcp(a.y)); }                             \
  __CANOPY_DEVICE__ T2 h2rsqrt(T2 a) { return T2(hrsqrt(a.x), hrsqrt(a.y)); }                       \
  __CANOPY_DEVICE__ T2 h2exp(T2 a) { return T2(hexp(a.x), hexp(a.y)); }                             \
  __CANOPY_DEVICE__ T2 h2exp10(T2 a) { return T2(hexp10(a.x), hexp10(a.y)); }                       \
  __CANOPY_DEVICE__ T2 h2log(T2 a) { return T2(hlog(a.x), hlog(a.y)); }                             \
  __CANOPY_DEVICE__ T2 h2log2(T2 a) { return T2(hlog2(a.x), hlog2(a.y)); }                          \
  __CANOPY_DEVICE__ T2 h2log10(T2 a) { return T2(hlog10(a.x), hlog10(a.y)); }                       \
  __CANOPY_DEVICE__ T2 h2sin(T2 a) { return T2(hsin(a.x), hsin(a.y)); }                             \
  __CANOPY_DEVICE__ T2 h2cos(T2 a) { return T2(hcos(a.x), hcos(a.y)); }                             \
  __CANOPY_DEVICE__ T2 h2trunc(T2 a) { return T2(htrunc(a.x), htrunc(a.y)); }                       \
  __CANOPY_DEVICE__ T2 h2ceil(T2 a) { return T2(hceil(a.x), hceil(a.y)); }                          \
  __CANOPY_DEVICE__ T2 h2floor(T2 a) { return T2(hfloor(a.x), hfloor(a.y)); }                       \
  __CANOPY_DEVICE__ T2 h2rint(T2 a) { return T2(hrint(a.x), hrint(a.y)); }                          \
  /* Operators (device code). */                                                                    \
  __CANOPY_DEVICE__ T operator+(const T& a, const T& b) { return __hadd(a, b); }                   \
  __CANOPY_DEVICE__ T operator-(const T& a, const T& b) { return __hsub(a, b); }                   \
  __CANOPY_DEVICE__ T operator*(const T& a, const T& b) { return __hmul(a, b); }                   \
  __CANOPY_DEVICE__ T operator/(const T& a, const T& b) { return __hdiv(a, b); }                   \
  __CANOPY_DEVICE__ T operator-(const T& a) { return __hneg(a); }                                   \
  __CANOPY_DEVICE__ T operator+(const T& a) { return a; }                                           \
  __CANOPY_DEVICE__ T& operator+=(T& a, const T& b) { return a = __hadd(a, b); }                   \
  __CANOPY_DEVICE__ T& operator-=(T& a, const T& b) { return a = __hsub(a, b); }                   \
  __CANOPY_DEVICE__ T& operator*=(T& a, const T& b) { return a = __hmul(a, b); }                   \
  __CANOPY_DEVICE__ T& operator/=(T& a, const T& b) { return a = __hdiv(a, b); }                   \
  __CANOPY_DEVICE__ bool operator==(const T& a, const T& b) { return __heq(a, b); }                \
  __CANOPY_DEVICE__ bool operator!=(const T& a, const T& b) { return __hneu(a, b); }               \
  __CANOPY_DEVICE__ bool operator<(const T& a, const T& b) { return __hlt(a, b); }                 \
  __CANOPY_DEVICE__ bool operator<=(const T& a, const T& b) { return __hle(a, b); }                \
  __CANOPY_DEVICE__ bool operator>(const T& a, const T& b) { return __hgt(a, b); }                 \
  __CANOPY_DEVICE__ bool operator>=(const T& a, const T& b) { return __hge(a, b); }                \
  __CANOPY_DEVICE__ T2 operator+(const T2& a, const T2& b) { return __hadd2(a, b); }               \
  __CANOPY_DEVICE__ T2 operator-(const T2& a, const T2& b) { return __hsub2(a, b); }               \
  __CANOPY_DEVICE__ T2 operator*(const T2& a, const T2& b) { return __hmul2(a, b); }               \
  __CANOPY_DEVICE__ T2 operator/(const T2& a, const T2& b) { return __h2div(a, b); }               \
  __CANOPY_DEVICE__ T2 operator-(const T2& a) { return __hneg2(a); }                                \
  __CANOPY_DEVICE__ T2 operator+(const T2& a) { return a; }                                         \
  __CANOPY_DEVICE__ T2& operator+=(T2& a, const T2& b) { return a = __hadd2(a, b); }               \
  __CANOPY_DEVICE__ T2& operator-=(T2& a, const T2& b) { return a = __hsub2(a, b); }               \
  __CANOPY_DEVICE__ T2& operator*=(T2& a, const T2& b) { return a = __hmul2(a, b); }               \
  __CANOPY_DEVICE__ T2& operator/=(T2& a, const T2& b) { return a = __h2div(a, b); }               \
  __CANOPY_DEVICE__ bool operator==(const T2& a, const T2& b) { return __hbeq2(a, b); }            \
  __CANOPY_DEVICE__ bool operator!=(const T2& a, const T2& b) { return __hbneu2(a, b); }           \
  __CANOPY_DEVICE__ bool operator<(const T2& a, const T2& b) { return __hblt2(a, b); }             \
  __CANOPY_DEVICE__ bool operator<=(const T2& a, const T2& b) { return __hble2(a, b); }            \
  __CANOPY_DEVICE__ bool operator>(const T2& a, const T2& b) { return __hbgt2(a, b); }             \
  __CANOPY_DEVICE__ bool operator>=(const T2& a, const T2& b) { return __hbge2(a, b); }            \
  /* Shuffles move the raw bits. */                                                                 \
  __CANOPY_DEVICE__ T __shfl_sync(unsigned int m, T v, int l, int w = 32) {                         \
    T r; r.__x = (unsigned short)__shfl_sync(m, (unsigned int)v.__x, l, w); return r;               \
  }                                                                                                 \
  __CANOPY_DEVICE__ T __shfl_up_sync(unsigned int m, T v, unsigned int d, int w = 32) {             \
    T r; r.__x = (unsigned short)__shfl_up_sync(m, (unsigned int)v.__x, d, w); return r;            \
  }                                                                                                 \
  __CANOPY_DEVICE__ T __shfl_down_sync(unsigned int m, T v, unsigned int d, int w = 32) {           \
    T r; r.__x = (unsigned short)__shfl_down_sync(m, (unsigned int)v.__x, d, w); return r;          \
  }                                                                                                 \
  __CANOPY_DEVICE__ T __shfl_xor_sync(unsigned int m, T v, int l, int w = 32) {                     \
    T r; r.__x = (unsigned short)__shfl_xor_sync(m, (unsigned int)v.__x, l, w); return r;           \
  }                                                                                                 \
  __CANOPY_DEVICE__ T2 __shfl_sync(unsigned int m, T2 v, int l, int w = 32) {                       \
    return __canopy_pair(__shfl_sync(m, __canopy_bits(v), l, w), (T2*)0);                           \
  }                                                                                                 \
  __CANOPY_DEVICE__ T2 __shfl_up_sync(unsigned int m, T2 v, unsigned int d, int w = 32) {           \
    return __canopy_pair(__shfl_up_sync(m, __canopy_bits(v), d, w), (T2*)0);                        \
  }                                                                                                 \
  __CANOPY_DEVICE__ T2 __shfl_down_sync(unsigned int m, T2 v, unsigned int d, int w = 32) {         \
    return __canopy_pair(__shfl_down_sync(m, __canopy_bits(v), d, w), (T2*)0);                      \
  }                                                                                                 \
  __CANOPY_DEVICE__ T2 __shfl_xor_sync(unsigned int m, T2 v, int l, int w = 32) {                   \
    return __canopy_pair(__shfl_xor_sync(m, __canopy_bits(v), l, w), (T2*)0);                       \
  }

/* Integer conversions: cvt with each rounding mode (NaN gives 0, out-of-range values saturate). */
#define __CANOPY_H_FROM_INT(T, name, I, S, IS, c)                                   \
  __CANOPY_DEVICE__ T name##_rn(I i) { T r; asm("cvt.rn." S "." IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; } \
  __CANOPY_DEVICE__ T name##_rz(I i) { T r; asm("cvt.rz." S "." IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; } \
  __CANOPY_DEVICE__ T name##_rd(I i) { T r; asm("cvt.rm." S "." IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; } \
  __CANOPY_DEVICE__ T name##_ru(I i) { T r; asm("cvt.rp." S "." IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; }
#define __CANOPY_H_TO_INT(T, name, I, S, IS, c)                                     \
  __CANOPY_DEVICE__ I name##_rn(T h) { I r; asm("cvt.rni." IS "." S " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; } \
  __CANOPY_DEVICE__ I name##_rz(T h) { I r; asm("cvt.rzi." IS "." S " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; } \
  __CANOPY_DEVICE__ I name##_rd(T h) { I r; asm("cvt.rmi." IS "." S " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; } \
  __CANOPY_DEVICE__ I name##_ru(T h) { I r; asm("cvt.rpi." IS "." S " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; }
#endif /* __CUDA__ */

#endif /* __cplusplus */
#endif /* CANOPY_CRT_CANOPY_HALF_COMMON_H */
