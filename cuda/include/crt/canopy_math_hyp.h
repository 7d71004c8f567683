/* Canopy device math: hyperbolic functions and their inverses in double precision, from the double-double
   exp/expm1/log kernels (canopy_math_exp.h). */
#ifndef CANOPY_CRT_CANOPY_MATH_HYP_H
#define CANOPY_CRT_CANOPY_MATH_HYP_H

#include "canopy_math_exp.h"

namespace __canopy_math {

/* (e^a +- e^-a) / 2 for 1 <= a < 711 (sign = +1 for cosh, -1 for sinh). */
__CANOPY_MATH_FN double exp_pair_half(double a, double sign) {
  scaled s = exp_scaled(dd{a, 0});
  dd m = scaled_mantissa(s);
  if (s.k > 60) return scale(dd_round(m), s.k - 1);
  dd big = dd_scale(m, pow2(s.k - 1));
  dd small = dd_scale(dd_div(dd{1.0, 0}, m), pow2(-s.k - 1));
  return dd_round(sign > 0 ? dd_add(big, small) : dd_sub(big, small));
}

__CANOPY_MATH_FN double sinh(double x) {
  if (is_nan(x) || is_inf(x) || x == 0) return x;
  double ax = fabs(x);
  if (ax > 711.0) return copysign(inf(), x);
  if (ax < 0x1p-27) return x;
  double r;
  if (ax < 1.0) { /* (e + e/(1+e)) / 2 with e = expm1(a): no cancellation */
    dd e = expm1_dd(ax);
    dd s = dd_add(e, dd_div(e, dd_add_d(e, 1.0)));
    r = dd_round(dd_scale(s, 0.5));
  } else {
    r = exp_pair_half(ax, -1.0);
  }
  return copysign(r, x);
}

__CANOPY_MATH_FN double cosh(double x) {
  if (is_nan(x)) return x + x;
  double ax = fabs(x);
  if (ax > 711.0) return inf();
  if (ax < 0x1p-27) return 1.0;
  if (ax < 1.0) { /* 1 + e^2 / (2 (1 + e)) */
    dd e = expm1_dd(ax);
    dd t = dd_div(dd_mul(e, e), dd_scale(dd_add_d(e, 1.0), 2.0));
    return dd_round(dd_add_d(t, 1.0));
  }
  return exp_pair_half(ax, 1.0);
}

__CANOPY_MATH_FN double tanh(double x) {
  if (is_nan(x) || x == 0) return x;
  double ax = fabs(x);
  if (ax > 22.0) return copysign(1.0, x);
  if (ax < 0x1p-27) return x;
  double r;
  if (ax < 0.55) { /* e / (e + 2), e = expm1(2a) */
    dd e = expm1_dd(2 * ax);
    r = dd_round(dd_div(e, dd_add_d(e, 2.0)));
  } else { /* 1 - 2 / (e^(2a) + 1) */
    scaled s = exp_scaled(dd{2 * ax, 0});
    dd big = dd_scale(scaled_mantissa(s), pow2(s.k));
    r = dd_round(dd_sub(dd{1.0, 0}, dd_div(dd{2.0, 0}, dd_add_d(big, 1.0))));
  }
  return copysign(r, x);
}

__CANOPY_MATH_FN double asinh(double x) {
  if (is_nan(x) || is_inf(x) || x == 0) return x;
  double ax = fabs(x);
  if (ax < 0x1p-28) return x;
  double r;
  if (ax > 0x1p28) {
    r = dd_round(dd_add(log_dd(dd{ax, 0}), kLn2));
  } else {
    dd w = dd_sqrt(dd_add_d(two_prod(ax, ax), 1.0));
    r = dd_round(log_dd(dd_add_d(w, ax)));
  }
  return copysign(r, x);
}

__CANOPY_MATH_FN double acosh(double x) {
  if (is_nan(x)) return x + x;
  if (x < 1.0) return qnan();
  if (x == 1.0) return 0.0;
  if (is_inf(x)) return x;
  if (x > 0x1p28) return dd_round(dd_add(log_dd(dd{x, 0}), kLn2));
  dd w = dd_sqrt(dd_mul(two_sum(x, -1.0), two_sum(x, 1.0)));
  return dd_round(log_dd(dd_add_d(w, x)));
}

__CANOPY_MATH_FN double atanh(double x) {
  if (is_nan(x)) return x + x;
  double ax = fabs(x);
  if (ax > 1.0) return qnan();
  if (ax == 1.0) return copysign(inf(), x);
  if (ax < 0x1p-28) return x;
  double r;
  if (ax < 0.17)
    r = dd_round(dd_scale(log_series(dd{ax, 0}), 0.5));
  else
    r = dd_round(dd_scale(log_dd(dd_div(two_sum(1.0, ax), two_sum(1.0, -ax))), 0.5));
  return copysign(r, x);
}

}  // namespace __canopy_math

#endif
