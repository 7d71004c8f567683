/* Canopy device math: roots, hypot, exact remainders and the bit-level functions in double precision.
   cbrt/rsqrt refine a double estimate once with a double-double residual; fmod works on the integer
   significands, 11 quotient bits per step, so it is exact. */
#ifndef CANOPY_CRT_CANOPY_MATH_MISC_H
#define CANOPY_CRT_CANOPY_MATH_MISC_H

#include "canopy_math_core.h"

namespace __canopy_math {

/* x = m 2^e with m in [1, 2) for finite nonzero x; subnormals normalized. */
__CANOPY_MATH_FN int exponent_of(double x) {
  u64 b = bits(x) & 0x7fffffffffffffffull;
  if (b < 0x0010000000000000ull) return -1074 + (63 - __builtin_clzll(b));
  return (int)(b >> 52) - 1023;
}

__CANOPY_MATH_FN double rsqrt(double x) {
  if (is_nan(x)) return x + x;
  if (x == 0) return copysign(inf(), x);
  if (x < 0) return qnan();
  if (is_inf(x)) return 0.0;
  int e = exponent_of(x) & ~1; /* even, so that x = m 4^(e/2), m in [1, 4) */
  double m = scale(x, -e);
  double y = 1.0 / sqrt(m);
  dd t = dd_mul_d(two_prod(y, y), m); /* y^2 m = 1 - eps */
  dd eps = dd_add_d(dd_neg(t), 1.0);
  dd r = fast_two_sum(y, 0.5 * y * eps.hi);
  return scale(dd_round(r), -e / 2);
}

/* cbrt(m) for m in [1, 8) as a double-double. */
__CANOPY_MATH_FN dd cbrt_unit(double m) {
  double y = from_bits(bits(m) / 3 + 0x2a9f800000000000ull); /* bit-level estimate, within ~10% */
  for (int i = 0; i < 5; ++i) y = y - (y * y * y - m) / (3 * y * y);
  dd y3 = dd_mul_d(two_prod(y, y), y);
  double r = (m - y3.hi) - y3.lo;
  return fast_two_sum(y, r / (3 * y * y));
}

__CANOPY_MATH_FN double cbrt_split(double x, dd* mant, int* q) {
  int e = exponent_of(x);
  int k = e >= 0 ? e / 3 : -((-e + 2) / 3); /* floor(e / 3) */
  *q = k;
  *mant = cbrt_unit(scale(fabs(x), -3 * k));
  return 0;
}

__CANOPY_MATH_FN double cbrt(double x) {
  if (is_nan(x) || is_inf(x) || x == 0) return x + x;
  dd m;
  int q;
  cbrt_split(x, &m, &q);
  return copysign(scale(dd_round(m), q), x);
}

__CANOPY_MATH_FN double rcbrt(double x) {
  if (is_nan(x)) return x + x;
  if (x == 0) return copysign(inf(), x);
  if (is_inf(x)) return copysign(0.0, x);
  dd m;
  int q;
  cbrt_split(x, &m, &q);
  dd r = dd_div(dd{1.0, 0}, m);
  return copysign(scale(dd_round(r), -q), x);
}

__CANOPY_MATH_FN double hypot(double x, double y) {
  if (is_inf(x) || is_inf(y)) return inf();
  if (is_nan(x) || is_nan(y)) return x + y;
  double a = fabs(x), b = fabs(y);
  if (a < b) {
    double t = a;
    a = b;
    b = t;
  }
  if (b == 0) return a;
  if (b < a * 0x1p-60) return a + b;
  int s = a > 0x1p500 ? -600 : (a < 0x1p-500 ? 600 : 0);
  a = scale(a, s);
  b = scale(b, s);
  dd sum = dd_add(two_prod(a, a), two_prod(b, b));
  return scale(dd_round(dd_sqrt(sum)), -s);
}

__CANOPY_MATH_FN double fmod(double x, double y) {
  if (is_nan(x) || is_nan(y) || is_inf(x) || y == 0) return qnan();
  if (is_inf(y) || x == 0) return x;
  double ax = fabs(x), ay = fabs(y);
  if (ax < ay) return x;
  int ex = exponent_of(ax), ey = exponent_of(ay);
  /* integer significands with their weights 2^(ex-52), 2^(ey-52) */
  u64 mx = (u64)scale(ax, 52 - ex), my = (u64)scale(ay, 52 - ey);
  u64 r = mx % my;
  for (int d = ex - ey; d > 0;) {
    int step = d < 11 ? d : 11;
    r = (r << step) % my;
    d -= step;
  }
  return copysign(scale((double)r, ey - 52), x);
}

__CANOPY_MATH_FN double remainder(double x, double y) {
  if (is_nan(x) || is_nan(y) || is_inf(x) || y == 0) return qnan();
  if (is_inf(y)) return x;
  double ay = fabs(y);
  double r = fabs(x);
  bool odd = false;
  if (ay <= 0x1p1022) r = fmod(r, 2 * ay); /* now 0 <= r < 2|y| */
  while (r >= ay) {                        /* once after the fmod; up to three times for |y| > 2^1022 */
    r -= ay;                               /* exact (Sterbenz) */
    odd = !odd;
  }
  /* r is the remainder of an even (or odd) quotient; round the quotient to nearest, ties to even */
  if (r > ay - r || (r == ay - r && odd)) r -= ay;
  if (r == 0) return copysign(0.0, x);
  return x < 0 ? -r : r;
}

__CANOPY_MATH_FN double round_half_away(double x) {
  double t = trunc(x);
  if (fabs(x - t) >= 0.5) t += copysign(1.0, x);
  return t;
}

__CANOPY_MATH_FN double ldexp(double x, int n) {
  if (is_nan(x) || is_inf(x) || x == 0) return x + x;
  int e = exponent_of(x);
  if (e < -1022) { /* subnormal: make it normal first (exact) */
    x *= 0x1p64;
    n = n < -2200 ? -2200 : n - 64;
  }
  return scale(x, n);
}

__CANOPY_MATH_FN double frexp(double x, int* e) {
  if (is_nan(x) || is_inf(x) || x == 0) {
    *e = 0;
    return x + x;
  }
  int k = exponent_of(x) + 1;
  *e = k;
  return scale(x, -k);
}

__CANOPY_MATH_FN int ilogb(double x) {
  if (is_nan(x) || x == 0) return (int)0x80000000u;
  if (is_inf(x)) return 0x7fffffff;
  return exponent_of(x);
}

__CANOPY_MATH_FN double logb(double x) {
  if (is_nan(x)) return x + x;
  if (x == 0) return -inf();
  if (is_inf(x)) return inf();
  return (double)exponent_of(x);
}

__CANOPY_MATH_FN double modf(double x, double* ip) {
  if (is_nan(x)) {
    *ip = x + x;
    return x + x;
  }
  double t = trunc(x);
  *ip = t;
  if (is_inf(x)) return copysign(0.0, x);
  return copysign(x - t, x);
}

__CANOPY_MATH_FN double nextafter(double x, double y) {
  if (is_nan(x) || is_nan(y)) return x + y;
  if (x == y) return y;
  if (x == 0) return copysign(from_bits(1), y);
  u64 b = bits(x);
  if ((x < y) == (x > 0))
    b += 1;
  else
    b -= 1;
  return from_bits(b);
}

__CANOPY_MATH_FN double fdim(double x, double y) {
  if (is_nan(x) || is_nan(y)) return x + y;
  return x > y ? x - y : 0.0;
}

}  // namespace __canopy_math

#endif
