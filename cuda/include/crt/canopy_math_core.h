/* Canopy device math: shared building blocks (bit access, double-double arithmetic, exact scaling and the
   constants every family uses). Internal: everything lives in namespace __canopy_math. Constants were
   computed with MPFR at 400 bits and rounded to double (pairs: the value and the rounding error). */
#ifndef CANOPY_CRT_CANOPY_MATH_CORE_H
#define CANOPY_CRT_CANOPY_MATH_CORE_H

#include "host_defines.h"

/* The building blocks compile for the host too: CUDA declares its own functions that C lacks (rsqrt,
   sinpi, erfinv, normcdf, ...) __host__ __device__, so host code in .cu files may call them. */
#define __CANOPY_MATH_FN static __host__ __device__ __inline__
#define __CANOPY_MATH_API static __device__ __inline__ __attribute__((always_inline))
#define __CANOPY_MATH_HD_API static __host__ __device__ __inline__ __attribute__((always_inline))
/* The device builtin in the device pass, the host one on the host (both correctly rounded). */
#if defined(__CUDA_ARCH__)
#define __CANOPY_MATH_PICK(device, host) device
#else
#define __CANOPY_MATH_PICK(device, host) host
#endif

namespace __canopy_math {

typedef unsigned long long u64;
typedef long long i64;

/* A double-double: value = hi + lo with |lo| <= ulp(hi)/2. */
struct dd {
  double hi, lo;
};

__CANOPY_MATH_FN u64 bits(double x) { return __builtin_bit_cast(u64, x); }
__CANOPY_MATH_FN double from_bits(u64 b) { return __builtin_bit_cast(double, b); }
__CANOPY_MATH_FN unsigned fbits(float x) { return __builtin_bit_cast(unsigned, x); }
__CANOPY_MATH_FN float from_fbits(unsigned b) { return __builtin_bit_cast(float, b); }

__CANOPY_MATH_FN double fma(double a, double b, double c) { return __CANOPY_MATH_PICK(__nvvm_fma_rn_d, __builtin_fma)(a, b, c); }
__CANOPY_MATH_FN double fabs(double x) { return from_bits(bits(x) & 0x7fffffffffffffffull); }
__CANOPY_MATH_FN double rint(double x) { return __builtin_rint(x); }
__CANOPY_MATH_FN double trunc(double x) { return __CANOPY_MATH_PICK(__nvvm_trunc_d, __builtin_trunc)(x); }
__CANOPY_MATH_FN double floor(double x) { return __CANOPY_MATH_PICK(__nvvm_floor_d, __builtin_floor)(x); }
__CANOPY_MATH_FN double sqrt(double x) { return __CANOPY_MATH_PICK(__nvvm_sqrt_rn_d, __builtin_sqrt)(x); }
__CANOPY_MATH_FN bool is_nan(double x) { return x != x; }
__CANOPY_MATH_FN bool is_inf(double x) { return fabs(x) == __builtin_huge_val(); }
__CANOPY_MATH_FN double copysign(double x, double s) {
  return from_bits((bits(x) & 0x7fffffffffffffffull) | (bits(s) & 0x8000000000000000ull));
}
__CANOPY_MATH_FN double inf() { return __builtin_huge_val(); }
__CANOPY_MATH_FN double qnan() { return from_bits(0x7ff8000000000000ull); }

/* 2^n for -1074 <= n <= 1023, exactly. */
__CANOPY_MATH_FN double pow2(int n) {
  if (n >= -1022) return from_bits((u64)(n + 1023) << 52);
  return from_bits(1ull << (n + 1074));
}

/* x * 2^n rounded once (x finite, |x| in about [2^-60, 2^60] relative to the scale), saturating to inf/0. */
__CANOPY_MATH_FN double scale(double x, int n) {
  if (n > 2100) n = 2100;
  if (n < -2200) n = -2200;
  if (n > 1023) {
    x *= pow2(1023);
    n -= 1023;
    if (n > 1023) {
      x *= pow2(1023);
      n -= 1023;
      if (n > 1023) n = 1023;
    }
    return x * pow2(n);
  }
  if (n < -1022) {
    x *= pow2(-600); /* exact while the result stays normal; the last multiply rounds once */
    n += 600;
    if (n < -1022) {
      x *= pow2(-600);
      n += 600;
      if (n < -1022) n = -1022;
    }
    return x * pow2(n);
  }
  return x * pow2(n);
}

/* ---- double-double arithmetic (error-free transformations with FMA) ----
   clang compiles CUDA with -ffp-contract=fast and fuses a multiply into a later addition whenever it can,
   which breaks these transformations. Additions and products that must be rounded on their own are
   therefore PTX add.rn/mul.rn with an explicit rounding mode (never contracted); the __nvvm_add_rn_d
   builtin would not do: LLVM turns it back into a plain, fusible fadd. On the host the same operations
   carry no contraction flag. */
__CANOPY_MATH_FN double add_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
  double r;
  asm("add.rn.f64 %0, %1, %2;" : "=d"(r) : "d"(a), "d"(b));
  return r;
#else
#pragma clang fp contract(off)
  return a + b;
#endif
}
__CANOPY_MATH_FN double sub_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
  double r;
  asm("sub.rn.f64 %0, %1, %2;" : "=d"(r) : "d"(a), "d"(b));
  return r;
#else
#pragma clang fp contract(off)
  return a - b;
#endif
}
__CANOPY_MATH_FN double mul_rn(double a, double b) {
#if defined(__CUDA_ARCH__)
  double r;
  asm("mul.rn.f64 %0, %1, %2;" : "=d"(r) : "d"(a), "d"(b));
  return r;
#else
#pragma clang fp contract(off)
  return a * b;
#endif
}

__CANOPY_MATH_FN dd two_sum(double a, double b) {
  double s = add_rn(a, b);
  double bb = sub_rn(s, a);
  double e = add_rn(sub_rn(a, sub_rn(s, bb)), sub_rn(b, bb));
  return dd{s, e};
}
__CANOPY_MATH_FN dd fast_two_sum(double a, double b) {
  double s = add_rn(a, b);
  return dd{s, sub_rn(b, sub_rn(s, a))};
}
__CANOPY_MATH_FN dd two_prod(double a, double b) {
  double p = mul_rn(a, b);
  return dd{p, fma(a, b, -p)};
}
__CANOPY_MATH_FN dd dd_neg(dd a) { return dd{-a.hi, -a.lo}; }
__CANOPY_MATH_FN dd dd_add(dd a, dd b) {
  dd s = two_sum(a.hi, b.hi);
  dd t = two_sum(a.lo, b.lo);
  s.lo = add_rn(s.lo, t.hi);
  s = fast_two_sum(s.hi, s.lo);
  s.lo = add_rn(s.lo, t.lo);
  return fast_two_sum(s.hi, s.lo);
}
__CANOPY_MATH_FN dd dd_sub(dd a, dd b) { return dd_add(a, dd_neg(b)); }
__CANOPY_MATH_FN dd dd_add_d(dd a, double b) {
  dd s = two_sum(a.hi, b);
  s.lo = add_rn(s.lo, a.lo);
  return fast_two_sum(s.hi, s.lo);
}
__CANOPY_MATH_FN dd dd_mul(dd a, dd b) {
  dd p = two_prod(a.hi, b.hi);
  p.lo = fma(a.hi, b.lo, fma(a.lo, b.hi, p.lo));
  return fast_two_sum(p.hi, p.lo);
}
__CANOPY_MATH_FN dd dd_mul_d(dd a, double b) {
  dd p = two_prod(a.hi, b);
  p.lo = fma(a.lo, b, p.lo);
  return fast_two_sum(p.hi, p.lo);
}
__CANOPY_MATH_FN dd dd_scale(dd a, double pow2_factor) { return dd{a.hi * pow2_factor, a.lo * pow2_factor}; }
__CANOPY_MATH_FN dd dd_div(dd a, dd b) {
  double q1 = a.hi / b.hi;
  dd r = dd_sub(a, dd_mul_d(b, q1));
  double q2 = r.hi / b.hi;
  r = dd_sub(r, dd_mul_d(b, q2));
  double q3 = r.hi / b.hi;
  dd q = fast_two_sum(q1, q2);
  return dd_add_d(q, q3);
}
__CANOPY_MATH_FN dd dd_div_d(dd a, double b) {
  double q1 = a.hi / b;
  dd p = two_prod(q1, b);
  double r = add_rn(sub_rn(sub_rn(a.hi, p.hi), p.lo), a.lo);
  return fast_two_sum(q1, r / b);
}
__CANOPY_MATH_FN dd dd_sqrt(dd a) {
  if (a.hi <= 0) return dd{sqrt(a.hi), 0};
  double s = sqrt(a.hi);
  double r = fma(-s, s, a.hi) + a.lo;
  return fast_two_sum(s, r / (2 * s));
}
/* Rounds a double-double to double (an infinite hi wins over a NaN lo). */
__CANOPY_MATH_FN double dd_round(dd a) { return is_inf(a.hi) ? a.hi : add_rn(a.hi, a.lo); }

/* Polynomial c[0] + c[1] x + ... + c[n-1] x^(n-1) by Horner's rule with FMA. */
template <int _Np>
__CANOPY_MATH_FN double horner(const double (&c)[_Np], double x) {
  double r = c[_Np - 1];
#pragma unroll
  for (int i = _Np - 2; i >= 0; --i) r = fma(r, x, c[i]);
  return r;
}

static constexpr dd kLn2 = {0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56};
static constexpr dd kLog2e = {0x1.71547652b82fep+0, 0x1.777d0ffda0d24p-56};
static constexpr dd kLn10 = {0x1.26bb1bbb55516p+1, -0x1.f48ad494ea3e9p-53};
static constexpr dd kLog10e = {0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57};
static constexpr dd kPi = {0x1.921fb54442d18p+1, 0x1.1a62633145c07p-53};
static constexpr dd kPio2 = {0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54};
static constexpr dd kTwoThirds = {0x1.5555555555555p-1, 0x1.5555555555555p-55};
static constexpr dd kTwoOverSqrtPi = {0x1.20dd750429b6dp+0, 0x1.1ae3a914fed8p-56};
static constexpr dd kOneOverSqrtPi = {0x1.20dd750429b6dp-1, 0x1.1ae3a914fed8p-57};
static constexpr dd kSqrtPiOver2 = {0x1.c5bf891b4ef6bp-1, -0x1.618f13eb7ca89p-55};
static constexpr dd kRsqrt2 = {0x1.6a09e667f3bcdp-1, -0x1.bdd3413b26456p-55};
static constexpr dd kSqrt2 = {0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54};
static constexpr dd kEuler = {0x1.2788cfc6fb619p-1, -0x1.6cb90701fbfabp-58};
static constexpr dd kOneMinusEuler = {0x1.b0ee6072093cep-2, 0x1.6cb90701fbfabp-58};
static constexpr dd kHalfLn2Pi = {0x1.d67f1c864beb5p-1, -0x1.65b5a1b7ff5dfp-55};
static constexpr dd kLnPi = {0x1.250d048e7a1bdp+0, 0x1.7abf2ad8d5088p-57};

}  // namespace __canopy_math

#endif
