/* Canopy device math: exponentials, logarithms and pow in double precision, evaluated in double-double so
   the final rounding dominates the error. exp: x = k ln2 + r (Cody-Waite with a two-part ln2, |r| <= 0.35),
   e^r from its Taylor series (terms to r^14/14!, truncation < 1e-19). log: x = 2^e m, m in [1/sqrt2, sqrt2),
   log m = 2 atanh(u), u = (m-1)/(m+1), |u| <= 0.172, series to u^27 (truncation < 1e-20). */
#ifndef CANOPY_CRT_CANOPY_MATH_EXP_H
#define CANOPY_CRT_CANOPY_MATH_EXP_H

#include "canopy_math_core.h"

namespace __canopy_math {

/* e^z = (1 + em1) * 2^k. */
struct scaled {
  dd em1; /* e^r - 1 */
  int k;
};

/* e^r - 1 for a reduced |r| <= 0.36, as a double-double accurate to ~1e-20 absolute: the terms to r^4/24
   are summed in double-double (erfc's 1 - erf needs that much), the rest in double. */
__CANOPY_MATH_FN dd expm1_reduced(dd r) {
  const double c[10] = {1.0 / 120,          1.0 / 720,          1.0 / 5040,     1.0 / 40320,
                        1.0 / 362880,       1.0 / 3628800,      1.0 / 39916800, 1.0 / 479001600,
                        1.0 / 6227020800.0, 1.0 / 87178291200.0};
  double x = r.hi;
  dd h2 = two_prod(x, x);
  h2 = dd{0.5 * h2.hi, 0.5 * h2.lo};      /* x^2/2 */
  dd h3 = dd_div_d(dd_mul_d(h2, x), 3.0); /* x^3/6 */
  dd h4 = dd_div_d(dd_mul_d(h3, x), 4.0); /* x^4/24 */
  double x2 = x * x;
  double tail = x2 * x2 * x * horner(c, x);
  dd s = dd_add(h3, h4);
  s = dd_add_d(s, tail);
  s = dd_add(h2, s);
  s = dd_add_d(s, x);
  return dd_add_d(s, r.lo * (1 + s.hi)); /* e^(x+lo) - 1 = (e^x - 1) + lo e^x, to first order in lo */
}

/* Reduces z (|z.hi| < 1100) by multiples of ln2. */
__CANOPY_MATH_FN scaled exp_scaled(dd z) {
  double kd = rint(z.hi * kLog2e.hi);
  dd t = two_prod(kd, kLn2.hi);
  dd r = dd_add(z, dd{-t.hi, -t.lo});
  r = dd_add(r, dd_neg(two_prod(kd, kLn2.lo)));
  return scaled{expm1_reduced(r), (int)kd};
}

/* The mantissa 1 + em1 as a double-double. */
__CANOPY_MATH_FN dd scaled_mantissa(scaled s) { return dd_add_d(s.em1, 1.0); }

/* e^z rounded to double, with overflow to inf and gradual underflow. */
__CANOPY_MATH_FN double exp_of_dd(dd z) {
  if (z.hi > 709.8) return inf();
  if (z.hi < -746.0) return 0.0;
  scaled s = exp_scaled(z);
  return scale(dd_round(scaled_mantissa(s)), s.k);
}

__CANOPY_MATH_FN double exp(double x) {
  if (is_nan(x)) return x + x;
  return exp_of_dd(dd{x, 0});
}

__CANOPY_MATH_FN double exp2(double x) {
  if (is_nan(x)) return x + x;
  if (x >= 1024.0) return inf();
  if (x < -1076.0) return 0.0;
  double kd = rint(x);
  double f = x - kd; /* exact */
  dd r = two_prod(f, kLn2.hi);
  r.lo = fma(f, kLn2.lo, r.lo);
  dd m = dd_add_d(expm1_reduced(fast_two_sum(r.hi, r.lo)), 1.0);
  return scale(dd_round(m), (int)kd);
}

__CANOPY_MATH_FN double exp10(double x) {
  if (is_nan(x)) return x + x;
  if (x > 309.0) return inf();
  if (x < -330.0) return 0.0;
  dd z = two_prod(x, kLn10.hi);
  z.lo = fma(x, kLn10.lo, z.lo);
  return exp_of_dd(fast_two_sum(z.hi, z.lo));
}

/* e^x - 1 for |x| <= 2 as a double-double. */
__CANOPY_MATH_FN dd expm1_dd(double x) {
  scaled s = exp_scaled(dd{x, 0});
  if (s.k == 0) return s.em1;
  double f = pow2(s.k);
  dd m = dd_scale(scaled_mantissa(s), f);
  return dd_add_d(m, -1.0);
}

__CANOPY_MATH_FN double expm1(double x) {
  if (is_nan(x)) return x + x;
  if (x > 709.8) return inf();
  if (x < -40.0) return -1.0;
  if (fabs(x) < 0x1p-54) return x;
  scaled s = exp_scaled(dd{x, 0});
  if (s.k == 0) return dd_round(s.em1);
  if (s.k > 1000) return scale(dd_round(scaled_mantissa(s)), s.k);
  dd m = dd_scale(scaled_mantissa(s), pow2(s.k));
  return dd_round(dd_add_d(m, -1.0));
}

/* 2 atanh(u) = log((1+u)/(1-u)) for |u| <= 0.18, as a double-double. */
__CANOPY_MATH_FN dd log_series(dd u) {
  const double c[12] = {2.0 / 5,  2.0 / 7,  2.0 / 9,  2.0 / 11, 2.0 / 13, 2.0 / 15,
                        2.0 / 17, 2.0 / 19, 2.0 / 21, 2.0 / 23, 2.0 / 25, 2.0 / 27};
  dd u2 = dd_mul(u, u);
  dd u3 = dd_mul(u2, u);
  double v = u2.hi;
  double tail = u3.hi * v * horner(c, v);
  dd s = dd_add(dd{2 * u.hi, 2 * u.lo}, dd_mul(u3, kTwoThirds));
  return dd_add_d(s, tail);
}

/* Natural log of a positive finite double-double x, as a double-double. */
__CANOPY_MATH_FN dd log_dd(dd x) {
  int e = 0;
  if (x.hi < 0x1p-1022) {
    x = dd{x.hi * 0x1p54, x.lo * 0x1p54};
    e = -54;
  }
  u64 b = bits(x.hi);
  int ex = (int)(b >> 52) - 1023;
  double m = from_bits((b & 0x000fffffffffffffull) | 0x3ff0000000000000ull);
  if (m > 1.4142135623730951) {
    m *= 0.5;
    ex += 1;
  }
  e += ex;
  /* x.lo * 2^-ex, in two exact steps (2^-ex alone may not be representable) */
  double ml = x.lo * pow2(-(ex / 2)) * pow2(-(ex - ex / 2));
  dd f = two_sum(m - 1.0, ml); /* m - 1 is exact */
  dd u = dd_div(f, dd_add_d(f, 2.0));
  dd l = log_series(u);
  if (e == 0) return l;
  return dd_add(dd_mul_d(kLn2, (double)e), l);
}

__CANOPY_MATH_FN double log_special(double x, bool* done) {
  *done = true;
  if (is_nan(x)) return x + x;
  if (x < 0) return qnan();
  if (x == 0) return -inf();
  if (is_inf(x)) return x;
  *done = false;
  return 0;
}

__CANOPY_MATH_FN double log(double x) {
  bool done;
  double s = log_special(x, &done);
  return done ? s : dd_round(log_dd(dd{x, 0}));
}
__CANOPY_MATH_FN double log2(double x) {
  bool done;
  double s = log_special(x, &done);
  return done ? s : dd_round(dd_mul(log_dd(dd{x, 0}), kLog2e));
}
__CANOPY_MATH_FN double log10(double x) {
  bool done;
  double s = log_special(x, &done);
  return done ? s : dd_round(dd_mul(log_dd(dd{x, 0}), kLog10e));
}
__CANOPY_MATH_FN double log1p(double x) {
  if (is_nan(x)) return x + x;
  if (x < -1.0) return qnan();
  if (x == -1.0) return -inf();
  if (is_inf(x)) return x;
  if (fabs(x) < 0x1p-54) return x;
  return dd_round(log_dd(two_sum(1.0, x)));
}

__CANOPY_MATH_FN bool is_integer(double y) { return floor(y) == y; }
__CANOPY_MATH_FN bool is_odd_integer(double y) {
  return fabs(y) < 0x1p53 && is_integer(y) && ((i64)y & 1) != 0;
}

/* pow's special cases (C99 F.9.4.4); *done says whether the result is final. */
__CANOPY_MATH_FN double pow_special(double x, double y, bool* done) {
  *done = true;
  if (y == 0 || x == 1.0) return 1.0;
  if (is_nan(x) || is_nan(y)) return x + y;
  bool odd = is_odd_integer(y);
  if (x == 0) {
    if (y < 0) return odd ? copysign(inf(), x) : inf();
    return odd ? x : 0.0;
  }
  if (is_inf(y)) {
    double ax = fabs(x);
    if (ax == 1.0) return 1.0;
    return ((ax < 1.0) == (y < 0)) ? inf() : 0.0;
  }
  if (is_inf(x)) {
    if (x < 0) {
      if (y < 0) return odd ? -0.0 : 0.0;
      return odd ? -inf() : inf();
    }
    return y < 0 ? 0.0 : inf();
  }
  if (x < 0 && !is_integer(y)) return qnan();
  *done = false;
  return 0;
}

__CANOPY_MATH_FN double pow(double x, double y) {
  bool done;
  double s = pow_special(x, y, &done);
  if (done) return s;
  double sign = (x < 0 && is_odd_integer(y)) ? -1.0 : 1.0;
  dd l = log_dd(dd{fabs(x), 0});
  double estimate = l.hi * y; /* decide far over/underflow before the double-double product can overflow */
  if (estimate > 800.0) return sign * inf();
  if (estimate < -800.0) return sign * 0.0;
  dd z = dd_mul_d(l, y);
  if (z.hi > 709.8) return sign * inf();
  if (z.hi < -746.0) return sign * 0.0;
  return sign * exp_of_dd(z);
}

}  // namespace __canopy_math

#endif
