/* Canopy device math: the kernels of the single-precision functions. A float result needs the function
   to about 2^-40 relative, not the double-double accuracy of the double kernels: these evaluate in plain
   double (range reduction with a split constant, a Taylor or atanh polynomial by Horner's rule with
   fma) and round once to float, so the float result is within 0.5 + 2^-16 ulp of the exact value (at
   most 1 ulp; tests/math measures it) at a tenth of the instructions. Arguments and results of every
   function here are doubles holding float values; outside their fast range they defer to the double
   kernels. */
#ifndef CANOPY_CRT_CANOPY_MATH_FLOAT_H
#define CANOPY_CRT_CANOPY_MATH_FLOAT_H

#include "canopy_math_exp.h"
#include "canopy_math_trig.h"

namespace __canopy_math {

/* 2^k * e^r for |r| <= 0.35 and -1100 < k < 1100: Taylor series to r^11 (relative error < 2^-46). */
__CANOPY_MATH_FN double f_exp_reduced(double r, int k) {
  double p = 1.0 / 39916800;  /* 1/11! */
  p = fma(p, r, 1.0 / 3628800);
  p = fma(p, r, 1.0 / 362880);
  p = fma(p, r, 1.0 / 40320);
  p = fma(p, r, 1.0 / 5040);
  p = fma(p, r, 1.0 / 720);
  p = fma(p, r, 1.0 / 120);
  p = fma(p, r, 1.0 / 24);
  p = fma(p, r, 1.0 / 6);
  p = fma(p, r, 0.5);
  p = fma(p, r, 1.0);
  p = fma(p, r, 1.0);
  /* 2^k in two factors, so that float underflow (k down to -150) and overflow stay exact in double */
  const int k1 = k / 2;
  return p * pow2(k1) * pow2(k - k1);
}

/* e^x for float x. */
__CANOPY_MATH_FN double f_exp(double x) {
  if (is_nan(x)) return x + x;
  if (x > 89.0) return inf();
  if (x < -104.0) return 0.0;
  const double k = rint(x * kLog2e.hi);
  double r = fma(-k, kLn2.hi, x);
  r = fma(-k, kLn2.lo, r);
  return f_exp_reduced(r, (int)k);
}

/* 2^x for float x (x - k is exact). */
__CANOPY_MATH_FN double f_exp2(double x) {
  if (is_nan(x)) return x + x;
  if (x > 129.0) return inf();
  if (x < -151.0) return 0.0;
  const double k = rint(x);
  return f_exp_reduced((x - k) * kLn2.hi, (int)k);
}

/* 10^x for float x: 2^(x log2 10); the product's rounding is below 2^-46 of the result. */
__CANOPY_MATH_FN double f_exp10(double x) {
  if (is_nan(x)) return x + x;
  if (x > 39.0) return inf();
  if (x < -46.0) return 0.0;
  const double t = x * 0x1.a934f0979a371p+1; /* log2 10 */
  const double k = rint(t);
  return f_exp_reduced(fma(x, 0x1.a934f0979a371p+1, -k) * kLn2.hi, (int)k);
}

/* log m for m in [sqrt(1/2), sqrt(2)): 2 atanh(s), s = (m - 1)/(m + 1), series to s^19 (|s| < 0.172). */
__CANOPY_MATH_FN double f_log_reduced(double m) {
  const double f = m - 1.0; /* exact (Sterbenz) */
  const double s = f / (2.0 + f), s2 = s * s;
  double p = 2.0 / 19;
  p = fma(p, s2, 2.0 / 17);
  p = fma(p, s2, 2.0 / 15);
  p = fma(p, s2, 2.0 / 13);
  p = fma(p, s2, 2.0 / 11);
  p = fma(p, s2, 2.0 / 9);
  p = fma(p, s2, 2.0 / 7);
  p = fma(p, s2, 2.0 / 5);
  p = fma(p, s2, 2.0 / 3);
  return fma(p * s2, s, 2.0 * s);
}

/* Splits a positive finite double (a float value: never subnormal in double) into 2^e m, m in
   [sqrt(1/2), sqrt(2)). */
__CANOPY_MATH_FN double f_log_split(double x, int* e) {
  const u64 b = bits(x);
  int exponent = (int)(b >> 52) - 1023;
  double m = from_bits((b & 0x000fffffffffffffull) | 0x3ff0000000000000ull);
  if (m > 0x1.6a09e667f3bcdp+0) {
    m *= 0.5;
    ++exponent;
  }
  *e = exponent;
  return m;
}

/* Special values of the logarithms; *done when the result is decided. */
__CANOPY_MATH_FN double f_log_special(double x, bool* done) {
  *done = true;
  if (is_nan(x)) return x + x;
  if (x < 0) return qnan();
  if (x == 0) return -inf();
  if (is_inf(x)) return x;
  *done = false;
  return 0;
}

__CANOPY_MATH_FN double f_log(double x) {
  bool done;
  const double s = f_log_special(x, &done);
  if (done) return s;
  int e;
  const double m = f_log_split(x, &e);
  return fma((double)e, kLn2.hi, fma((double)e, kLn2.lo, f_log_reduced(m)));
}

__CANOPY_MATH_FN double f_log2(double x) {
  bool done;
  const double s = f_log_special(x, &done);
  if (done) return s;
  int e;
  const double m = f_log_split(x, &e);
  return fma(f_log_reduced(m), kLog2e.hi, (double)e); /* exact for powers of two */
}

__CANOPY_MATH_FN double f_log10(double x) {
  bool done;
  const double s = f_log_special(x, &done);
  if (done) return s;
  int e;
  const double m = f_log_split(x, &e);
  return fma((double)e, 0x1.34413509f79ffp-2 /* log10 2 */, f_log_reduced(m) * kLog10e.hi);
}

/* x^y for float x, y: pow's special cases, then 2^(y log2 |x|); y log2 |x| is within 2^-52 relative and
   below 152 in magnitude where the result is finite, so the result is within 2^-45 relative. */
__CANOPY_MATH_FN double f_pow(double x, double y) {
  bool done;
  const double s = pow_special(x, y, &done);
  if (done) return s;
  const double sign = (x < 0 && is_odd_integer(y)) ? -1.0 : 1.0;
  const double t = y * f_log2(fabs(x));
  if (t > 129.0) return sign * inf();
  if (t < -151.0) return sign * 0.0;
  const double k = rint(t);
  return sign * f_exp_reduced((t - k) * kLn2.hi, (int)k);
}

/* sin and cos of r, |r| <= pi/4 + 2^-20: Taylor series to r^15 and r^16. */
__CANOPY_MATH_FN double f_sin_reduced(double r) {
  const double r2 = r * r;
  double p = -1.0 / 1307674368000;
  p = fma(p, r2, 1.0 / 6227020800);
  p = fma(p, r2, -1.0 / 39916800);
  p = fma(p, r2, 1.0 / 362880);
  p = fma(p, r2, -1.0 / 5040);
  p = fma(p, r2, 1.0 / 120);
  p = fma(p, r2, -1.0 / 6);
  return fma(p * r2, r, r);
}
__CANOPY_MATH_FN double f_cos_reduced(double r) {
  const double r2 = r * r;
  double p = 1.0 / 20922789888000;
  p = fma(p, r2, -1.0 / 87178291200);
  p = fma(p, r2, 1.0 / 479001600);
  p = fma(p, r2, -1.0 / 3628800);
  p = fma(p, r2, 1.0 / 40320);
  p = fma(p, r2, -1.0 / 720);
  p = fma(p, r2, 1.0 / 24);
  p = fma(p, r2, -0.5);
  return fma(p, r2, 1.0);
}

/* x - q pi/2 for |x| < 2^19 (q < 2^19): pi/2 in three parts, the first two with trailing zeros so
   that q times them is exact; the remainder is within 2^-100 of exact. */
__CANOPY_MATH_FN double f_reduce_pio2(double x, int* q) {
  const double k = rint(x * 0x1.45f306dc9c883p-1); /* 2/pi */
  double r = fma(-k, 0x1.921fb54400000p+0, x);
  r = fma(-k, 0x1.0b4611a600000p-34, r);
  r = fma(-k, 0x1.3198a2e037073p-69, r);
  *q = (int)k;
  return r;
}

__CANOPY_MATH_FN void f_sincos(double x, double* s, double* c) {
  if (!(fabs(x) < 0x1p19)) { /* NaN, infinities and huge arguments: the double kernels (Payne-Hanek) */
    sincos(x, s, c);
    return;
  }
  int q;
  const double r = f_reduce_pio2(x, &q);
  const double sr = f_sin_reduced(r), cr = f_cos_reduced(r);
  switch (q & 3) {
    case 0: *s = sr, *c = cr; break;
    case 1: *s = cr, *c = -sr; break;
    case 2: *s = -sr, *c = -cr; break;
    default: *s = -cr, *c = sr; break;
  }
  if (x == 0) *s = x; /* sin(-0) = -0 */
}
__CANOPY_MATH_FN double f_sin(double x) {
  double s, c;
  f_sincos(x, &s, &c);
  return s;
}
__CANOPY_MATH_FN double f_cos(double x) {
  double s, c;
  f_sincos(x, &s, &c);
  return c;
}
__CANOPY_MATH_FN double f_tan(double x) {
  double s, c;
  f_sincos(x, &s, &c);
  return s / c;
}

/* 1/sqrt(x): both operations correctly rounded in double, so the float result is within 1 ulp. */
__CANOPY_MATH_FN double f_rsqrt(double x) {
  if (x == 0) return copysign(inf(), x);
  return 1.0 / sqrt(x);
}

}  // namespace __canopy_math

#endif
