/* Canopy device math: Euclidean norms of 2 to n values (CUDA's rhypot, norm3d, rnorm, ...), remquo and
   nan(tagp), in double precision. Norms scale by a power of two so that the largest value is near 1, sum
   exact squares (two_prod) in double-double and round the square root (or its reciprocal) once. */
#ifndef CANOPY_CRT_CANOPY_MATH_NORM_H
#define CANOPY_CRT_CANOPY_MATH_NORM_H

#include "canopy_math_misc.h"

namespace __canopy_math {

/* sqrt(sum v[i]^2), or its reciprocal, for n values; inf wins over nan as in hypot. */
__CANOPY_MATH_FN double norm_of(int n, const double* v, bool reciprocal) {
  double largest = 0;
  bool has_nan = false;
  for (int i = 0; i < n; ++i) {
    if (is_inf(v[i])) return reciprocal ? 0.0 : inf();
    if (is_nan(v[i])) has_nan = true;
    else if (fabs(v[i]) > largest) largest = fabs(v[i]);
  }
  if (has_nan) return qnan();
  if (largest == 0) return reciprocal ? inf() : 0.0;
  int s = -exponent_of(largest);
  dd sum = dd{0, 0};
  for (int i = 0; i < n; ++i) {
    double a = scale(fabs(v[i]), s);
    sum = dd_add(sum, two_prod(a, a));
  }
  dd root = dd_sqrt(sum);
  if (reciprocal) return scale(dd_round(dd_div(dd{1.0, 0}, root)), s);
  return scale(dd_round(root), -s);
}

/* The remainder of x / y rounded to nearest (remainder) and the quotient's low three bits with its sign. */
__CANOPY_MATH_FN double remquo(double x, double y, int* quo) {
  *quo = 0;
  double r = remainder(x, y);
  if (is_nan(r) || is_inf(y)) return r;
  double ax = fabs(x), ay = fabs(y);
  double m = ay <= 0x1p1020 ? fmod(ax, 8 * ay) : ax; /* the quotient mod 8 is unchanged */
  double below = fmod(m, ay);
  int k = (int)rint((m - below) / ay); /* 0..7, exact after rounding */
  double r_of_ax = x < 0 ? -r : r;     /* the remainder of |x| by |y| */
  if (r_of_ax < 0) ++k;                /* the quotient was rounded up */
  *quo = ((x < 0) != (y < 0)) ? -(k & 7) : (k & 7);
  return r;
}

/* nan(tagp): a quiet NaN whose payload is tagp read as an unsigned number (decimal, 0x hex or 0 octal), as
   strtoull would; characters that are not digits of the base end the number. */
__CANOPY_MATH_FN u64 nan_payload(const char* tagp) {
  u64 value = 0;
  if (!tagp) return 0;
  unsigned base = 10;
  if (tagp[0] == '0') {
    base = (tagp[1] == 'x' || tagp[1] == 'X') ? 16 : 8;
    tagp += base == 16 ? 2 : 1;
  }
  for (;; ++tagp) {
    char c = *tagp;
    unsigned d = (c >= '0' && c <= '9') ? (unsigned)(c - '0')
                 : (c >= 'a' && c <= 'f') ? (unsigned)(c - 'a' + 10)
                 : (c >= 'A' && c <= 'F') ? (unsigned)(c - 'A' + 10)
                                          : 99u;
    if (d >= base) break;
    value = value * base + d;
  }
  return value;
}

}  // namespace __canopy_math

#endif
