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
#define __CANOPY_H_UNARY(_Tp, name, op)                                 \
  __CANOPY_DEVICE__ _Tp name(_Tp a) {                                   \
    _Tp r;                                                              \
    asm(op " %0, %1;" : "=h"(r.__x) : "h"(a.__x));                      \
    return r;                                                           \
  }
#define __CANOPY_H_BINARY(_Tp, name, op)                                \
  __CANOPY_DEVICE__ _Tp name(_Tp a, _Tp b) {                            \
    _Tp r;                                                              \
    asm(op " %0, %1, %2;" : "=h"(r.__x) : "h"(a.__x), "h"(b.__x));      \
    return r;                                                           \
  }
#define __CANOPY_H_TERNARY(_Tp, name, op)                                              \
  __CANOPY_DEVICE__ _Tp name(_Tp a, _Tp b, _Tp c) {                                    \
    _Tp r;                                                                             \
    asm(op " %0, %1, %2, %3;" : "=h"(r.__x) : "h"(a.__x), "h"(b.__x), "h"(c.__x));     \
    return r;                                                                          \
  }
#define __CANOPY_H2_UNARY(_T2, name, op)                                \
  __CANOPY_DEVICE__ _T2 name(_T2 a) {                                   \
    unsigned int r;                                                     \
    asm(op " %0, %1;" : "=r"(r) : "r"(__canopy_bits(a)));               \
    return __canopy_pair(r, (_T2*)0);                                   \
  }
#define __CANOPY_H2_BINARY(_T2, name, op)                                                   \
  __CANOPY_DEVICE__ _T2 name(_T2 a, _T2 b) {                                                \
    unsigned int r;                                                                         \
    asm(op " %0, %1, %2;" : "=r"(r) : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)));        \
    return __canopy_pair(r, (_T2*)0);                                                       \
  }
#define __CANOPY_H2_TERNARY(_T2, name, op)                                                  \
  __CANOPY_DEVICE__ _T2 name(_T2 a, _T2 b, _T2 c) {                                         \
    unsigned int r;                                                                         \
    asm(op " %0, %1, %2, %3;"                                                               \
        : "=r"(r)                                                                           \
        : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)), "r"(__canopy_bits(c)));             \
    return __canopy_pair(r, (_T2*)0);                                                       \
  }
/* Scalar comparison -> bool (setp). */
#define __CANOPY_H_CMP(_Tp, name, _Sp, cmp)                                                             \
  __CANOPY_DEVICE__ bool name(_Tp a, _Tp b) {                                                           \
    unsigned int r;                                                                                     \
    asm("{ .reg .pred %%hp; setp." cmp "." _Sp " %%hp, %1, %2; selp.u32 %0, 1, 0, %%hp; }"              \
        : "=r"(r)                                                                                       \
        : "h"(a.__x), "h"(b.__x));                                                                      \
    return r != 0;                                                                                      \
  }
/* Pair comparisons: name2 gives 1.0/0.0 per half (set), name2_mask 0xffff/0 per half, hbname2 true when
   both halves compare true (setp p|q). */
#define __CANOPY_H2_CMP(_T2, name2, bname2, _Sp, cmp)                                                            \
  __CANOPY_DEVICE__ _T2 name2(_T2 a, _T2 b) {                                                                    \
    unsigned int r;                                                                                              \
    asm("set." cmp "." _Sp "x2." _Sp "x2 %0, %1, %2;" : "=r"(r) : "r"(__canopy_bits(a)), "r"(__canopy_bits(b))); \
    return __canopy_pair(r, (_T2*)0);                                                                            \
  }                                                                                                              \
  __CANOPY_DEVICE__ unsigned int name2##_mask(_T2 a, _T2 b) {                                                    \
    unsigned int r;                                                                                              \
    asm("set." cmp ".u32." _Sp "x2 %0, %1, %2;" : "=r"(r) : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)));       \
    return r;                                                                                                    \
  }                                                                                                              \
  __CANOPY_DEVICE__ bool bname2(_T2 a, _T2 b) {                                                                  \
    unsigned int r;                                                                                              \
    asm("{ .reg .pred %%hp, %%hq; setp." cmp "." _Sp "x2 %%hp|%%hq, %1, %2; and.pred %%hp, %%hp, %%hq; "         \
        "selp.u32 %0, 1, 0, %%hp; }"                                                                             \
        : "=r"(r)                                                                                                \
        : "r"(__canopy_bits(a)), "r"(__canopy_bits(b)));                                                         \
    return r != 0;                                                                                               \
  }

/* Every function both types share; FLT(x) / FROMF(f) convert a scalar to float and back (round to
   nearest even). */
#define __CANOPY_HALF_DEVICE_OPS(_Tp, _T2, _Sp, _FLT, FROMF)                                           \
  __CANOPY_H_BINARY(_Tp, __hadd, "add.rn." _Sp)                                                        \
  __CANOPY_H_BINARY(_Tp, __hsub, "sub.rn." _Sp)                                                        \
  __CANOPY_H_BINARY(_Tp, __hmul, "mul.rn." _Sp)                                                        \
  __CANOPY_H_BINARY(_Tp, __hadd_rn, "add.rn." _Sp)                                                     \
  __CANOPY_H_BINARY(_Tp, __hsub_rn, "sub.rn." _Sp)                                                     \
  __CANOPY_H_BINARY(_Tp, __hmul_rn, "mul.rn." _Sp)                                                     \
  __CANOPY_H_TERNARY(_Tp, __hfma, "fma.rn." _Sp)                                                       \
  __CANOPY_H_TERNARY(_Tp, __hfma_relu, "fma.rn.relu." _Sp)                                             \
  __CANOPY_H_UNARY(_Tp, __hneg, "neg." _Sp)                                                            \
  __CANOPY_H_UNARY(_Tp, __habs, "abs." _Sp)                                                            \
  __CANOPY_H_BINARY(_Tp, __hmin, "min." _Sp)                                                           \
  __CANOPY_H_BINARY(_Tp, __hmax, "max." _Sp)                                                           \
  __CANOPY_H_BINARY(_Tp, __hmin_nan, "min.NaN." _Sp)                                                   \
  __CANOPY_H_BINARY(_Tp, __hmax_nan, "max.NaN." _Sp)                                                   \
  __CANOPY_H2_BINARY(_T2, __hadd2, "add.rn." _Sp "x2")                                                 \
  __CANOPY_H2_BINARY(_T2, __hsub2, "sub.rn." _Sp "x2")                                                 \
  __CANOPY_H2_BINARY(_T2, __hmul2, "mul.rn." _Sp "x2")                                                 \
  __CANOPY_H2_BINARY(_T2, __hadd2_rn, "add.rn." _Sp "x2")                                              \
  __CANOPY_H2_BINARY(_T2, __hsub2_rn, "sub.rn." _Sp "x2")                                              \
  __CANOPY_H2_BINARY(_T2, __hmul2_rn, "mul.rn." _Sp "x2")                                              \
  __CANOPY_H2_TERNARY(_T2, __hfma2, "fma.rn." _Sp "x2")                                                \
  __CANOPY_H2_TERNARY(_T2, __hfma2_relu, "fma.rn.relu." _Sp "x2")                                      \
  __CANOPY_H2_UNARY(_T2, __hneg2, "neg." _Sp "x2")                                                     \
  __CANOPY_H2_UNARY(_T2, __habs2, "abs." _Sp "x2")                                                     \
  __CANOPY_H2_BINARY(_T2, __hmin2, "min." _Sp "x2")                                                    \
  __CANOPY_H2_BINARY(_T2, __hmax2, "max." _Sp "x2")                                                    \
  __CANOPY_H2_BINARY(_T2, __hmin2_nan, "min.NaN." _Sp "x2")                                            \
  __CANOPY_H2_BINARY(_T2, __hmax2_nan, "max.NaN." _Sp "x2")                                            \
  __CANOPY_H_CMP(_Tp, __heq, _Sp, "eq")                                                                \
  __CANOPY_H_CMP(_Tp, __hne, _Sp, "ne")                                                                \
  __CANOPY_H_CMP(_Tp, __hlt, _Sp, "lt")                                                                \
  __CANOPY_H_CMP(_Tp, __hle, _Sp, "le")                                                                \
  __CANOPY_H_CMP(_Tp, __hgt, _Sp, "gt")                                                                \
  __CANOPY_H_CMP(_Tp, __hge, _Sp, "ge")                                                                \
  __CANOPY_H_CMP(_Tp, __hequ, _Sp, "equ")                                                              \
  __CANOPY_H_CMP(_Tp, __hneu, _Sp, "neu")                                                              \
  __CANOPY_H_CMP(_Tp, __hltu, _Sp, "ltu")                                                              \
  __CANOPY_H_CMP(_Tp, __hleu, _Sp, "leu")                                                              \
  __CANOPY_H_CMP(_Tp, __hgtu, _Sp, "gtu")                                                              \
  __CANOPY_H_CMP(_Tp, __hgeu, _Sp, "geu")                                                              \
  __CANOPY_H2_CMP(_T2, __heq2, __hbeq2, _Sp, "eq")                                                     \
  __CANOPY_H2_CMP(_T2, __hne2, __hbne2, _Sp, "ne")                                                     \
  __CANOPY_H2_CMP(_T2, __hlt2, __hblt2, _Sp, "lt")                                                     \
  __CANOPY_H2_CMP(_T2, __hle2, __hble2, _Sp, "le")                                                     \
  __CANOPY_H2_CMP(_T2, __hgt2, __hbgt2, _Sp, "gt")                                                     \
  __CANOPY_H2_CMP(_T2, __hge2, __hbge2, _Sp, "ge")                                                     \
  __CANOPY_H2_CMP(_T2, __hequ2, __hbequ2, _Sp, "equ")                                                  \
  __CANOPY_H2_CMP(_T2, __hneu2, __hbneu2, _Sp, "neu")                                                  \
  __CANOPY_H2_CMP(_T2, __hltu2, __hbltu2, _Sp, "ltu")                                                  \
  __CANOPY_H2_CMP(_T2, __hleu2, __hbleu2, _Sp, "leu")                                                  \
  __CANOPY_H2_CMP(_T2, __hgtu2, __hbgtu2, _Sp, "gtu")                                                  \
  __CANOPY_H2_CMP(_T2, __hgeu2, __hbgeu2, _Sp, "geu")                                                  \
  __CANOPY_DEVICE__ bool __hisnan(_Tp a) {                                                             \
    unsigned int r;                                                                                    \
    asm("{ .reg .pred %%hp; setp.nan." _Sp " %%hp, %1, %1; selp.u32 %0, 1, 0, %%hp; }"                 \
        : "=r"(r)                                                                                      \
        : "h"(a.__x));                                                                                 \
    return r != 0;                                                                                     \
  }                                                                                                    \
  __CANOPY_DEVICE__ _T2 __hisnan2(_T2 a) { return __hneu2(a, a); }                                     \
  /* Division rounds the float quotient once: correctly rounded, as 24 >= 2 * 11 + 2 bits. */          \
  __CANOPY_DEVICE__ _Tp __hdiv(_Tp a, _Tp b) { return FROMF(__fdiv_rn(_FLT(a), _FLT(b))); }            \
  __CANOPY_DEVICE__ _T2 __h2div(_T2 a, _T2 b) { return _T2(__hdiv(a.x, b.x), __hdiv(a.y, b.y)); }      \
  /* Math: evaluated in float (Canopy's float functions are within 1 ulp) and rounded once. */         \
  __CANOPY_DEVICE__ _Tp hsqrt(_Tp a) { return FROMF(__fsqrt_rn(_FLT(a))); }                            \
  __CANOPY_DEVICE__ _Tp hrcp(_Tp a) { return FROMF(__frcp_rn(_FLT(a))); }                              \
  __CANOPY_DEVICE__ _Tp hrsqrt(_Tp a) { return FROMF(rsqrtf(_FLT(a))); }                               \
  __CANOPY_DEVICE__ _Tp hexp(_Tp a) { return FROMF(expf(_FLT(a))); }                                   \
  __CANOPY_DEVICE__ _Tp hexp10(_Tp a) { return FROMF(exp10f(_FLT(a))); }                               \
  __CANOPY_DEVICE__ _Tp hlog(_Tp a) { return FROMF(logf(_FLT(a))); }                                   \
  __CANOPY_DEVICE__ _Tp hlog2(_Tp a) { return FROMF(log2f(_FLT(a))); }                                 \
  __CANOPY_DEVICE__ _Tp hlog10(_Tp a) { return FROMF(log10f(_FLT(a))); }                               \
  __CANOPY_DEVICE__ _Tp hsin(_Tp a) { return FROMF(sinf(_FLT(a))); }                                   \
  __CANOPY_DEVICE__ _Tp hcos(_Tp a) { return FROMF(cosf(_FLT(a))); }                                   \
  __CANOPY_DEVICE__ _Tp htrunc(_Tp a) { return FROMF(truncf(_FLT(a))); }                               \
  __CANOPY_DEVICE__ _Tp hceil(_Tp a) { return FROMF(ceilf(_FLT(a))); }                                 \
  __CANOPY_DEVICE__ _Tp hfloor(_Tp a) { return FROMF(floorf(_FLT(a))); }                               \
  __CANOPY_DEVICE__ _Tp hrint(_Tp a) { return FROMF(rintf(_FLT(a))); }                                 \
  __CANOPY_DEVICE__ _T2 h2sqrt(_T2 a) { return _T2(hsqrt(a.x), hsqrt(a.y)); }                          \
  __CANOPY_DEVICE__ _T2 h2rcp(_T2 a) { return _T2(hrcp(a.x), hrcp(a.y)); }                             \
  __CANOPY_DEVICE__ _T2 h2rsqrt(_T2 a) { return _T2(hrsqrt(a.x), hrsqrt(a.y)); }                       \
  __CANOPY_DEVICE__ _T2 h2exp(_T2 a) { return _T2(hexp(a.x), hexp(a.y)); }                             \
  __CANOPY_DEVICE__ _T2 h2exp10(_T2 a) { return _T2(hexp10(a.x), hexp10(a.y)); }                       \
  __CANOPY_DEVICE__ _T2 h2log(_T2 a) { return _T2(hlog(a.x), hlog(a.y)); }                             \
  __CANOPY_DEVICE__ _T2 h2log2(_T2 a) { return _T2(hlog2(a.x), hlog2(a.y)); }                          \
  __CANOPY_DEVICE__ _T2 h2log10(_T2 a) { return _T2(hlog10(a.x), hlog10(a.y)); }                       \
  __CANOPY_DEVICE__ _T2 h2sin(_T2 a) { return _T2(hsin(a.x), hsin(a.y)); }                             \
  __CANOPY_DEVICE__ _T2 h2cos(_T2 a) { return _T2(hcos(a.x), hcos(a.y)); }                             \
  __CANOPY_DEVICE__ _T2 h2trunc(_T2 a) { return _T2(htrunc(a.x), htrunc(a.y)); }                       \
  __CANOPY_DEVICE__ _T2 h2ceil(_T2 a) { return _T2(hceil(a.x), hceil(a.y)); }                          \
  __CANOPY_DEVICE__ _T2 h2floor(_T2 a) { return _T2(hfloor(a.x), hfloor(a.y)); }                       \
  __CANOPY_DEVICE__ _T2 h2rint(_T2 a) { return _T2(hrint(a.x), hrint(a.y)); }                          \
  /* Operators (device code). */                                                                       \
  __CANOPY_DEVICE__ _Tp operator+(const _Tp& a, const _Tp& b) { return __hadd(a, b); }                 \
  __CANOPY_DEVICE__ _Tp operator-(const _Tp& a, const _Tp& b) { return __hsub(a, b); }                 \
  __CANOPY_DEVICE__ _Tp operator*(const _Tp& a, const _Tp& b) { return __hmul(a, b); }                 \
  __CANOPY_DEVICE__ _Tp operator/(const _Tp& a, const _Tp& b) { return __hdiv(a, b); }                 \
  __CANOPY_DEVICE__ _Tp operator-(const _Tp& a) { return __hneg(a); }                                  \
  __CANOPY_DEVICE__ _Tp operator+(const _Tp& a) { return a; }                                          \
  __CANOPY_DEVICE__ _Tp& operator+=(_Tp& a, const _Tp& b) { return a = __hadd(a, b); }                 \
  __CANOPY_DEVICE__ _Tp& operator-=(_Tp& a, const _Tp& b) { return a = __hsub(a, b); }                 \
  __CANOPY_DEVICE__ _Tp& operator*=(_Tp& a, const _Tp& b) { return a = __hmul(a, b); }                 \
  __CANOPY_DEVICE__ _Tp& operator/=(_Tp& a, const _Tp& b) { return a = __hdiv(a, b); }                 \
  __CANOPY_DEVICE__ bool operator==(const _Tp& a, const _Tp& b) { return __heq(a, b); }                \
  __CANOPY_DEVICE__ bool operator!=(const _Tp& a, const _Tp& b) { return __hneu(a, b); }               \
  __CANOPY_DEVICE__ bool operator<(const _Tp& a, const _Tp& b) { return __hlt(a, b); }                 \
  __CANOPY_DEVICE__ bool operator<=(const _Tp& a, const _Tp& b) { return __hle(a, b); }                \
  __CANOPY_DEVICE__ bool operator>(const _Tp& a, const _Tp& b) { return __hgt(a, b); }                 \
  __CANOPY_DEVICE__ bool operator>=(const _Tp& a, const _Tp& b) { return __hge(a, b); }                \
  __CANOPY_DEVICE__ _T2 operator+(const _T2& a, const _T2& b) { return __hadd2(a, b); }                \
  __CANOPY_DEVICE__ _T2 operator-(const _T2& a, const _T2& b) { return __hsub2(a, b); }                \
  __CANOPY_DEVICE__ _T2 operator*(const _T2& a, const _T2& b) { return __hmul2(a, b); }                \
  __CANOPY_DEVICE__ _T2 operator/(const _T2& a, const _T2& b) { return __h2div(a, b); }                \
  __CANOPY_DEVICE__ _T2 operator-(const _T2& a) { return __hneg2(a); }                                 \
  __CANOPY_DEVICE__ _T2 operator+(const _T2& a) { return a; }                                          \
  __CANOPY_DEVICE__ _T2& operator+=(_T2& a, const _T2& b) { return a = __hadd2(a, b); }                \
  __CANOPY_DEVICE__ _T2& operator-=(_T2& a, const _T2& b) { return a = __hsub2(a, b); }                \
  __CANOPY_DEVICE__ _T2& operator*=(_T2& a, const _T2& b) { return a = __hmul2(a, b); }                \
  __CANOPY_DEVICE__ _T2& operator/=(_T2& a, const _T2& b) { return a = __h2div(a, b); }                \
  __CANOPY_DEVICE__ bool operator==(const _T2& a, const _T2& b) { return __hbeq2(a, b); }              \
  __CANOPY_DEVICE__ bool operator!=(const _T2& a, const _T2& b) { return __hbneu2(a, b); }             \
  __CANOPY_DEVICE__ bool operator<(const _T2& a, const _T2& b) { return __hblt2(a, b); }               \
  __CANOPY_DEVICE__ bool operator<=(const _T2& a, const _T2& b) { return __hble2(a, b); }              \
  __CANOPY_DEVICE__ bool operator>(const _T2& a, const _T2& b) { return __hbgt2(a, b); }               \
  __CANOPY_DEVICE__ bool operator>=(const _T2& a, const _T2& b) { return __hbge2(a, b); }              \
  /* Shuffles move the raw bits. */                                                                    \
  __CANOPY_DEVICE__ _Tp __shfl_sync(unsigned int m, _Tp v, int l, int w = 32) {                        \
    _Tp r; r.__x = (unsigned short)__shfl_sync(m, (unsigned int)v.__x, l, w); return r;                \
  }                                                                                                    \
  __CANOPY_DEVICE__ _Tp __shfl_up_sync(unsigned int m, _Tp v, unsigned int d, int w = 32) {            \
    _Tp r; r.__x = (unsigned short)__shfl_up_sync(m, (unsigned int)v.__x, d, w); return r;             \
  }                                                                                                    \
  __CANOPY_DEVICE__ _Tp __shfl_down_sync(unsigned int m, _Tp v, unsigned int d, int w = 32) {          \
    _Tp r; r.__x = (unsigned short)__shfl_down_sync(m, (unsigned int)v.__x, d, w); return r;           \
  }                                                                                                    \
  __CANOPY_DEVICE__ _Tp __shfl_xor_sync(unsigned int m, _Tp v, int l, int w = 32) {                    \
    _Tp r; r.__x = (unsigned short)__shfl_xor_sync(m, (unsigned int)v.__x, l, w); return r;            \
  }                                                                                                    \
  __CANOPY_DEVICE__ _T2 __shfl_sync(unsigned int m, _T2 v, int l, int w = 32) {                        \
    return __canopy_pair(__shfl_sync(m, __canopy_bits(v), l, w), (_T2*)0);                             \
  }                                                                                                    \
  __CANOPY_DEVICE__ _T2 __shfl_up_sync(unsigned int m, _T2 v, unsigned int d, int w = 32) {            \
    return __canopy_pair(__shfl_up_sync(m, __canopy_bits(v), d, w), (_T2*)0);                          \
  }                                                                                                    \
  __CANOPY_DEVICE__ _T2 __shfl_down_sync(unsigned int m, _T2 v, unsigned int d, int w = 32) {          \
    return __canopy_pair(__shfl_down_sync(m, __canopy_bits(v), d, w), (_T2*)0);                        \
  }                                                                                                    \
  __CANOPY_DEVICE__ _T2 __shfl_xor_sync(unsigned int m, _T2 v, int l, int w = 32) {                    \
    return __canopy_pair(__shfl_xor_sync(m, __canopy_bits(v), l, w), (_T2*)0);                         \
  }

/* Integer conversions: cvt with each rounding mode (NaN gives 0, out-of-range values saturate). */
#define __CANOPY_H_FROM_INT(_Tp, name, _Ip, _Sp, _IS, c)                                                                  \
  __CANOPY_DEVICE__ _Tp name##_rn(_Ip i) { _Tp r; asm("cvt.rn." _Sp "." _IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; } \
  __CANOPY_DEVICE__ _Tp name##_rz(_Ip i) { _Tp r; asm("cvt.rz." _Sp "." _IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; } \
  __CANOPY_DEVICE__ _Tp name##_rd(_Ip i) { _Tp r; asm("cvt.rm." _Sp "." _IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; } \
  __CANOPY_DEVICE__ _Tp name##_ru(_Ip i) { _Tp r; asm("cvt.rp." _Sp "." _IS " %0, %1;" : "=h"(r.__x) : c(i)); return r; }
#define __CANOPY_H_TO_INT(_Tp, name, _Ip, _Sp, _IS, c)                                                                        \
  __CANOPY_DEVICE__ _Ip name##_rn(_Tp h) { _Ip r; asm("cvt.rni." _IS "." _Sp " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; } \
  __CANOPY_DEVICE__ _Ip name##_rz(_Tp h) { _Ip r; asm("cvt.rzi." _IS "." _Sp " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; } \
  __CANOPY_DEVICE__ _Ip name##_rd(_Tp h) { _Ip r; asm("cvt.rmi." _IS "." _Sp " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; } \
  __CANOPY_DEVICE__ _Ip name##_ru(_Tp h) { _Ip r; asm("cvt.rpi." _IS "." _Sp " %0, %1;" : "=" c(r) : "h"(h.__x)); return r; }
#endif /* __CUDA__ */

#endif /* __cplusplus */
#endif /* CANOPY_CRT_CANOPY_HALF_COMMON_H */
