/* Canopy device math: error and gamma functions in double precision.
   erf: for t < 2.5, erf t = 2/sqrt(pi) e^(-t^2) sum_n 2^n t^(2n+1) / (2n+1)!! (all terms positive, summed in
   double-double); for t >= 2.5, erfc t = e^(-t^2) / sqrt(pi) / K(t) with Laplace's continued fraction
   K(t) = t + (1/2)/(t + 1/(t + (3/2)/(t + ...))) evaluated backwards (60 levels: converged to < 1e-19).
   erfinv: Halley's iteration on erf/erfc from an elementary closed-form estimate.
   lgamma: Taylor series of lgamma around 1 and 2 (coefficients zeta(k)/k from MPFR), Stirling's series
   with ten Bernoulli terms for x >= 10 after shifting up with a double-double product, reflection for x < 0.
 */
#ifndef CANOPY_CRT_CANOPY_MATH_SPECIAL_H
#define CANOPY_CRT_CANOPY_MATH_SPECIAL_H

#include "canopy_math_exp.h"
#include "canopy_math_trig.h"

namespace __canopy_math {

/* A double-double times 2^k. */
struct scaled_dd {
  dd m;
  int k;
};

__CANOPY_MATH_FN double scaled_round(scaled_dd s) { return scale(dd_round(s.m), s.k); }

/* e^(-t^2) for a double-double t, as mantissa and exponent. */
__CANOPY_MATH_FN scaled_dd exp_minus_sq(dd t) {
  dd t2 = dd_mul(t, t);
  scaled s = exp_scaled(dd_neg(t2));
  return scaled_dd{scaled_mantissa(s), s.k};
}

/* erf(t) for 0 <= t < 2.6 as a double-double. */
__CANOPY_MATH_FN dd erf_series(dd t) {
  dd x2 = dd_scale(dd_mul(t, t), 2.0);
  dd term = t, sum = t;
  for (int n = 1; n < 80; ++n) {
    term = dd_div_d(dd_mul(term, x2), (double)(2 * n + 1));
    sum = dd_add(sum, term);
    if (term.hi < 1e-23 * sum.hi) break;
  }
  scaled_dd e = exp_minus_sq(t);
  dd r = dd_mul(dd_mul(sum, e.m), kTwoOverSqrtPi);
  return dd_scale(r, pow2(e.k));
}

/* erfc(t) for t >= 2.5 as mantissa and exponent. */
/* Laplace's continued fraction K(t) for t >= 2.5: erfc t = e^(-t^2) / sqrt(pi) / K(t). */
__CANOPY_MATH_FN dd erfc_continued_fraction(dd t) {
  double x = t.hi;
  int levels = x < 4.0 ? 60 : 40;
  double f = x;
  for (int k = levels; k >= 2; --k) f = x + (0.5 * k) / f;
  return dd_add(t, dd_div_d(dd{0.5, 0}, f)); /* the outermost level in double-double */
}

__CANOPY_MATH_FN scaled_dd erfc_fraction(dd t) {
  dd last = erfc_continued_fraction(t);
  scaled_dd e = exp_minus_sq(t);
  dd r = dd_div(dd_mul(e.m, kOneOverSqrtPi), last);
  return scaled_dd{r, e.k};
}

/* erfc(t) for any finite double-double t, as mantissa and exponent. */
__CANOPY_MATH_FN scaled_dd erfc_scaled(dd t) {
  double a = fabs(t.hi);
  if (a >= 2.5) {
    if (t.hi > 0) return erfc_fraction(t);
    if (a > 6.0) return scaled_dd{dd{2.0, 0}, 0};
    scaled_dd c = erfc_fraction(dd_neg(t));
    return scaled_dd{dd_add_d(dd_neg(dd_scale(c.m, pow2(c.k))), 2.0), 0};
  }
  dd e = t.hi < 0 ? dd_neg(erf_series(dd_neg(t))) : erf_series(t);
  return scaled_dd{dd_add_d(dd_neg(e), 1.0), 0};
}

/* erf(t) for finite t >= 0 as a double-double. */
__CANOPY_MATH_FN dd erf_pos(dd t) {
  if (t.hi < 2.5) return erf_series(t);
  if (t.hi > 6.0) return dd{1.0, 0};
  scaled_dd c = erfc_fraction(t);
  return dd_add_d(dd_neg(dd_scale(c.m, pow2(c.k))), 1.0);
}

__CANOPY_MATH_FN double erf(double x) {
  if (is_nan(x) || x == 0) return x + x;
  if (is_inf(x)) return copysign(1.0, x);
  double ax = fabs(x);
  double r = ax < 0x1p-60 ? dd_round(dd_mul_d(kTwoOverSqrtPi, ax * 0x1p100)) * 0x1p-100
                          : dd_round(erf_pos(dd{ax, 0}));
  return copysign(r, x);
}

__CANOPY_MATH_FN double erfc(double x) {
  if (is_nan(x)) return x + x;
  if (is_inf(x)) return x > 0 ? 0.0 : 2.0;
  if (x > 27.5) return 0.0;
  return scaled_round(erfc_scaled(dd{x, 0}));
}

__CANOPY_MATH_FN double normcdf(double x) {
  if (is_nan(x)) return x + x;
  if (is_inf(x)) return x > 0 ? 1.0 : 0.0;
  if (x < -39.0) return 0.0;
  if (x > 9.0) return 1.0;
  dd t = two_prod(-x, kRsqrt2.hi);
  t.lo = fma(-x, kRsqrt2.lo, t.lo);
  scaled_dd c = erfc_scaled(fast_two_sum(t.hi, t.lo));
  return scale(dd_round(c.m), c.k - 1);
}

__CANOPY_MATH_FN double erfinv(double x) {
  if (is_nan(x)) return x + x;
  double ax = fabs(x);
  if (ax > 1.0) return qnan();
  if (ax == 1.0) return copysign(inf(), x);
  if (x == 0) return x;
  if (ax < 0x1p-60) return copysign(dd_round(dd_mul_d(kSqrtPiOver2, ax * 0x1p100)) * 0x1p-100, x);
  /* closed-form estimate (relative error < 1e-2), from the shape of erf's tail */
  double one_minus = 1.0 - ax; /* exact for ax >= 1/2 */
  double l = log(one_minus * (1.0 + ax));
  const double a = 0.147;
  double b = 2.0 / (kPi.hi * a) + 0.5 * l;
  double y = sqrt(sqrt(b * b - l / a) - b);
  for (int i = 0; i < 3; ++i) {
    dd f; /* erf(y) - ax, from erfc near 1 where erf's cancellation would lose digits */
    if (ax <= 0.5) {
      f = dd_add_d(erf_pos(dd{y, 0}), -ax);
    } else {
      scaled_dd c = erfc_scaled(dd{y, 0});
      f = dd_add_d(dd_neg(dd_scale(c.m, pow2(c.k))), one_minus);
    }
    double fp = kTwoOverSqrtPi.hi * exp(-y * y); /* erf'(y); its small error only slows convergence */
    double d = f.hi / fp;
    y = y - d / (1.0 + y * d);
  }
  return copysign(y, x);
}

static constexpr double kLgamma1[28] = {
    0x1.a51a6625307d3p-1, -0x1.9a4d55beab2d7p-2, 0x1.151322ac7d848p-2, -0x1.a8b9c17aa6149p-3,
    0x1.5b40cb100c306p-3, -0x1.2703a1dcea3aep-3, 0x1.010b36af86397p-3, -0x1.c806706d57db4p-4,
    0x1.9a01e385d5f8fp-4, -0x1.748c33114c6d6p-4, 0x1.556ad63243bc4p-4, -0x1.3b1d971fc5985p-4,
    0x1.2496df8320c5fp-4, -0x1.11133476e7fep-4,  0x1.00010064cdeb2p-4, -0x1.e1e2d311e8abdp-5,
    0x1.c71ce3a20b419p-5, -0x1.af28a1b5688ap-5,  0x1.9999b3352d5bap-5, -0x1.86186db77bfbfp-5,
    0x1.745d1d1778df9p-5, -0x1.642c88591b66dp-5, 0x1.555556aaafdcdp-5, -0x1.47ae151eb9fb7p-5,
    0x1.3b13b189d925ep-5, -0x1.2f684c00002bcp-5, 0x1.24924936db7bcp-5, -0x1.1a7b961a7b9aap-5};
static constexpr double kLgamma2[28] = {
    0x1.4a34cc4a60fa6p-2,  -0x1.13e001a557607p-4,  0x1.51322ac7d8483p-6,  -0x1.e404fc218f5f2p-8,
    0x1.7add6eadb6c3p-9,   -0x1.38ac5c2bf8e08p-10, 0x1.0b36af86396e9p-11, -0x1.d3fd4c76d2fc8p-13,
    0x1.a127b0f17d65ap-14, -0x1.78de5bd7c81efp-15, 0x1.580dcee66eb02p-16, -0x1.3cbc963ce2243p-17,
    0x1.2597a39f34aacp-18, -0x1.11b2eb7679541p-19, 0x1.0064cdeb22f0fp-20, -0x1.e2600d93cfd2fp-22,
    0x1.c76bbb3f07a4dp-23, -0x1.af5a6cbbf8a97p-24, 0x1.99b93c2070b0fp-25, -0x1.862c734df3eacp-26,
    0x1.7469daccfadcdp-27, -0x1.6434a8447aeadp-28, 0x1.555a877ffd2c3p-29, -0x1.47b1679258d0ep-30,
    0x1.3b15d2b2fc10cp-31, -0x1.2f69a9fabe3ep-32,  0x1.24932a337434cp-33, -0x1.1a7c26ec2523cp-34};

/* lgamma(a + z) = z (c1 + z P(z)) around a = 1 or 2. */
__CANOPY_MATH_FN dd lgamma_taylor(double z, dd c1, const double (&c)[28]) {
  double p = horner(c, z);
  dd inner = dd_add(c1, two_prod(z, p));
  return dd_mul_d(inner, z);
}

/* Stirling's series for a double-double X >= 10. */
__CANOPY_MATH_FN dd lgamma_stirling(dd _Xp) {
  const double c[10] = {1.0 / 12,        -1.0 / 360, 1.0 / 1260,       -1.0 / 1680,      1.0 / 1188,
                        -691.0 / 360360, 1.0 / 156,  -3617.0 / 122400, 43867.0 / 244188, -174611.0 / 125400};
  dd l = log_dd(_Xp);
  dd a = dd_mul(dd_add_d(_Xp, -0.5), l);
  dd b = dd_add(dd_sub(a, _Xp), kHalfLn2Pi);
  double r = 1.0 / _Xp.hi;
  return dd_add_d(b, r * horner(c, r * r));
}

/* lgamma(x) for finite x > 0 as a double-double. */
__CANOPY_MATH_FN dd lgamma_pos(double x) {
  if (x < 0x1p-60) return dd_sub(dd_neg(log_dd(dd{x, 0})), dd_mul_d(kEuler, x));
  if (x >= 0.8 && x <= 1.2) return lgamma_taylor(x - 1.0, dd_neg(kEuler), kLgamma1);
  if (x >= 1.6 && x <= 2.4) return lgamma_taylor(x - 2.0, kOneMinusEuler, kLgamma2);
  if (x >= 0x1p60) { /* x (log x - 1); the other terms are below 2^-60 of it */
    dd l = dd_add_d(log_dd(dd{x, 0}), -1.0);
    if (l.hi * x > 1.7976931348623157e308) return dd{inf(), 0};
    return dd_mul_d(l, x);
  }
  if (x >= 10.0) return lgamma_stirling(dd{x, 0});
  int n = (int)(10.0 - x) + 1; /* shift to x + n >= 10 */
  dd prod = dd{x, 0};
  for (int i = 1; i < n; ++i) prod = dd_mul(prod, two_sum(x, (double)i));
  return dd_sub(lgamma_stirling(two_sum(x, (double)n)), log_dd(prod));
}

/* log|Gamma(x)| for x < 0, not an integer, with x > -2^52: pi / |sin(pi x)| / Gamma(1 - x). */
__CANOPY_MATH_FN dd lgamma_neg(double x, double* sign) {
  dd s = sinpi_dd(x);
  *sign = s.hi < 0 ? -1.0 : 1.0;
  if (s.hi < 0) s = dd_neg(s);
  dd one_minus = two_sum(1.0, -x);
  dd lg = lgamma_pos(one_minus.hi);
  /* first-order correction for the rounding of 1 - x: lgamma' = psi ~ log X - 1/(2X) */
  double _Xp = one_minus.hi;
  lg = dd_add_d(lg, one_minus.lo * (dd_round(log_dd(dd{_Xp, 0})) - 0.5 / _Xp));
  return dd_sub(dd_sub(kLnPi, log_dd(s)), lg);
}

__CANOPY_MATH_FN double lgamma(double x) {
  if (is_nan(x)) return x + x;
  if (is_inf(x) || x == 0) return inf();
  if (x == 1.0 || x == 2.0) return 0.0;
  if (x > 0) return dd_round(lgamma_pos(x));
  if (x <= -0x1p52 || floor(x) == x) return inf();
  if (x > -0x1p-60) return -log(-x);
  double sign;
  return dd_round(lgamma_neg(x, &sign));
}

__CANOPY_MATH_FN double tgamma(double x) {
  if (is_nan(x)) return x + x;
  if (x == 0) return copysign(inf(), x);
  if (is_inf(x)) return x > 0 ? x : qnan();
  if (x > 171.7) return inf();
  if (x > 0) return exp_of_dd(lgamma_pos(x));
  if (floor(x) == x) return qnan();
  if (x < -190.0)
    return (floor(x) - 2.0 * floor(0.5 * x)) != 0 ? -0.0 : 0.0; /* Gamma < 0 where floor(x) is odd */
  double sign;
  dd l = lgamma_neg(x, &sign);
  return sign * exp_of_dd(l);
}

/* erfcx x = e^(x^2) erfc x: from the continued fraction alone for x >= 2.5 (no underflow), else erfc's
   mantissa and exponent times e^(x^2)'s. */
__CANOPY_MATH_FN double erfcx(double x) {
  if (is_nan(x)) return x + x;
  if (is_inf(x)) return x > 0 ? 0.0 : inf();
  if (x >= 2.5) {
    if (x > 0x1p500) return kOneOverSqrtPi.hi / x;
    return dd_round(dd_div(kOneOverSqrtPi, erfc_continued_fraction(dd{x, 0})));
  }
  if (x < -26.7) return inf();
  scaled_dd c = erfc_scaled(dd{x, 0});
  scaled s = exp_scaled(two_prod(x, x));
  return scale(dd_round(dd_mul(c.m, scaled_mantissa(s))), c.k + s.k);
}

/* log erfc x for finite x, from erfc's mantissa and exponent (no underflow). */
__CANOPY_MATH_FN double log_erfc(double x) {
  scaled_dd c = erfc_scaled(dd{x, 0});
  return log(c.m.hi) + c.k * kLn2.hi;
}

/* erfcinv y: erfinv(1 - y) where 1 - y is exact (y >= 1/2); below, Newton's iteration on log erfc x = log y,
   whose slope -2/sqrt(pi) e^(-x^2) / erfc x is formed without underflow, from erfinv's closed-form start. */
__CANOPY_MATH_FN double erfcinv(double y) {
  if (is_nan(y)) return y + y;
  if (y < 0 || y > 2) return qnan();
  if (y == 0) return inf();
  if (y == 2) return -inf();
  if (y >= 0.5) return erfinv(1.0 - y);
  double l = log(y * (2.0 - y));
  const double a = 0.147;
  double b = 2.0 / (kPi.hi * a) + 0.5 * l;
  double x = sqrt(sqrt(b * b - l / a) - b);
  double target = log(y);
  for (int i = 0; i < 6; ++i) {
    double le = log_erfc(x);
    double slope = -kTwoOverSqrtPi.hi * exp(-x * x - le);
    double step = (le - target) / slope;
    x -= step;
    if (fabs(step) <= 0x1p-54 * x) break;
  }
  return x;
}

/* The standard normal quantile: normcdfinv p = -sqrt(2) erfcinv(2p) (2p is exact). */
__CANOPY_MATH_FN double normcdfinv(double p) {
  if (is_nan(p)) return p + p;
  double e = erfcinv(2.0 * p);
  if (is_inf(e) || is_nan(e)) return -e;
  return -dd_round(dd_mul_d(kSqrt2, e));
}

}  // namespace __canopy_math

#endif
