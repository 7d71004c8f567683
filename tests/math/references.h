// MPFR references for the functions MPFR lacks or defines differently from CUDA (all computed at the
// working precision of the caller's operands, so the final rounding to float/double dominates).
#pragma once

#include <mpfr.h>

#include <cmath>

namespace canopy::math_test {

inline int ref_rcbrt(mpfr_ptr r, mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_zero_p(x)) return mpfr_set_inf(r, mpfr_signbit(x) ? -1 : 1), 0;
  mpfr_cbrt(r, x, rnd);
  return mpfr_ui_div(r, 1, r, rnd);
}

inline int ref_rsqrt(mpfr_ptr r, mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_zero_p(x)) return mpfr_set_inf(r, mpfr_signbit(x) ? -1 : 1), 0;  // CUDA: rsqrt(+-0) = +-inf
  return mpfr_rec_sqrt(r, x, rnd);
}

inline int ref_lgamma(mpfr_ptr r, mpfr_srcptr x, mpfr_rnd_t rnd) {
  int sign;
  return mpfr_lgamma(r, &sign, x, rnd);
}

// 0.5 erfc(-x / sqrt 2).
inline int ref_normcdf(mpfr_ptr r, mpfr_srcptr x, mpfr_rnd_t rnd) {
  mpfr_t t;
  mpfr_init2(t, mpfr_get_prec(r) + 20);
  mpfr_set_ui(t, 2, rnd);
  mpfr_sqrt(t, t, rnd);
  mpfr_div(t, x, t, rnd);
  mpfr_neg(t, t, rnd);
  mpfr_erfc(r, t, rnd);
  mpfr_div_2ui(r, r, 1, rnd);
  mpfr_clear(t);
  return 0;
}

// erfinv by Newton's iteration on erf (erfc near 1) from a double estimate.
inline int ref_erfinv(mpfr_ptr r, mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(x) || mpfr_cmpabs_ui(x, 1) > 0) return mpfr_set_nan(r), 0;
  if (mpfr_zero_p(x)) return mpfr_set(r, x, rnd);
  if (mpfr_cmpabs_ui(x, 1) == 0) return mpfr_set_inf(r, mpfr_sgn(x)), 0;
  mpfr_prec_t p = mpfr_get_prec(r) + 30;
  mpfr_t a, y, f, d, one_minus;
  mpfr_inits2(p, a, y, f, d, one_minus, (mpfr_ptr)0);
  mpfr_abs(a, x, rnd);
  mpfr_ui_sub(one_minus, 1, a, rnd);
  double ad = mpfr_get_d(a, MPFR_RNDN);
  double l = std::log(mpfr_get_d(one_minus, MPFR_RNDN) * (1 + ad));
  double b = 2 / (M_PI * 0.147) + 0.5 * l;
  mpfr_set_d(y, std::sqrt(std::sqrt(b * b - l / 0.147) - b), rnd);
  for (int i = 0; i < 40; ++i) {
    if (ad <= 0.5) {
      mpfr_erf(f, y, rnd);
      mpfr_sub(f, f, a, rnd);
    } else {
      mpfr_erfc(f, y, rnd);
      mpfr_sub(f, one_minus, f, rnd);
    }
    // f' = 2/sqrt(pi) exp(-y^2)
    mpfr_sqr(d, y, rnd);
    mpfr_neg(d, d, rnd);
    mpfr_exp(d, d, rnd);
    mpfr_mul_ui(d, d, 2, rnd);
    mpfr_t pi;
    mpfr_init2(pi, p);
    mpfr_const_pi(pi, rnd);
    mpfr_sqrt(pi, pi, rnd);
    mpfr_div(d, d, pi, rnd);
    mpfr_clear(pi);
    mpfr_div(f, f, d, rnd);
    mpfr_sub(y, y, f, rnd);
    if (mpfr_zero_p(f) || mpfr_get_exp(f) < mpfr_get_exp(y) - (mpfr_exp_t)p + 4) break;
  }
  if (mpfr_sgn(x) < 0) mpfr_neg(y, y, rnd);
  int t = mpfr_set(r, y, rnd);
  mpfr_clears(a, y, f, d, one_minus, (mpfr_ptr)0);
  return t;
}

// erfcinv at working precision p: Newton's iteration on log erfc x = log t (t = min(y, 2 - y)), whose slope
// -2/sqrt(pi) e^(-x^2) / erfc x MPFR forms without underflow; erfcinv(2 - t) = -erfcinv(t).
inline void erfcinv_at(mpfr_ptr x, mpfr_srcptr y, mpfr_prec_t p) {
  mpfr_t t, target, e, d, step;
  mpfr_inits2(p, t, target, e, d, step, (mpfr_ptr)0);
  bool upper = mpfr_cmp_ui(y, 1) > 0;
  if (upper) mpfr_ui_sub(t, 2, y, MPFR_RNDN);
  else mpfr_set(t, y, MPFR_RNDN);
  mpfr_log(target, t, MPFR_RNDN);
  double td = mpfr_get_d(t, MPFR_RNDN);
  double l = std::log(td * (2 - td));
  double b = 2 / (M_PI * 0.147) + 0.5 * l;
  mpfr_set_d(x, std::sqrt(std::sqrt(b * b - l / 0.147) - b), MPFR_RNDN);
  for (int i = 0; i < 200; ++i) {
    mpfr_erfc(e, x, MPFR_RNDN);
    mpfr_log(step, e, MPFR_RNDN);
    mpfr_sub(step, step, target, MPFR_RNDN);  // g(x) = log erfc x - log t
    mpfr_sqr(d, x, MPFR_RNDN);
    mpfr_neg(d, d, MPFR_RNDN);
    mpfr_exp(d, d, MPFR_RNDN);
    mpfr_div(d, d, e, MPFR_RNDN);
    mpfr_mul_d(d, d, -2 / std::sqrt(M_PI), MPFR_RNDN);  // g'(x); its rounding only slows convergence
    mpfr_div(step, step, d, MPFR_RNDN);
    mpfr_sub(x, x, step, MPFR_RNDN);
    if (mpfr_zero_p(step) || mpfr_get_exp(step) < mpfr_get_exp(x) - (mpfr_exp_t)p + 4) break;
  }
  if (upper) mpfr_neg(x, x, MPFR_RNDN);
  mpfr_clears(t, target, e, d, step, (mpfr_ptr)0);
}

inline int ref_erfcinv(mpfr_ptr r, mpfr_srcptr y, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(y) || mpfr_sgn(y) < 0 || mpfr_cmp_ui(y, 2) > 0) return mpfr_set_nan(r), 0;
  if (mpfr_zero_p(y)) return mpfr_set_inf(r, 1), 0;
  if (mpfr_cmp_ui(y, 2) == 0) return mpfr_set_inf(r, -1), 0;
  if (mpfr_cmp_ui(y, 1) == 0) return mpfr_set_zero(r, 1), 0;
  mpfr_t x;
  mpfr_init2(x, mpfr_get_prec(r) + 40);
  erfcinv_at(x, y, mpfr_get_prec(r) + 40);
  int t = mpfr_set(r, x, rnd);
  mpfr_clear(x);
  return t;
}

// normcdfinv p = -sqrt(2) erfcinv(2p).
inline int ref_normcdfinv(mpfr_ptr r, mpfr_srcptr p, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(p) || mpfr_sgn(p) < 0 || mpfr_cmp_ui(p, 1) > 0) return mpfr_set_nan(r), 0;
  if (mpfr_zero_p(p)) return mpfr_set_inf(r, -1), 0;
  if (mpfr_cmp_ui(p, 1) == 0) return mpfr_set_inf(r, 1), 0;
  mpfr_prec_t prec = mpfr_get_prec(r) + 40;
  mpfr_t twice, x, root2;
  mpfr_inits2(prec, twice, x, root2, (mpfr_ptr)0);
  mpfr_mul_2ui(twice, p, 1, MPFR_RNDN);
  if (mpfr_cmp_ui(twice, 1) == 0) {
    mpfr_set_zero(x, 1);
  } else {
    erfcinv_at(x, twice, prec);
  }
  mpfr_sqrt_ui(root2, 2, MPFR_RNDN);
  mpfr_mul(x, x, root2, MPFR_RNDN);
  mpfr_neg(x, x, MPFR_RNDN);
  int t = mpfr_set(r, x, rnd);
  mpfr_clears(twice, x, root2, (mpfr_ptr)0);
  return t;
}

// erfcx x = e^(x^2) erfc x; beyond 10^4 (where e^(x^2) leaves MPFR's exponent range) its asymptotic series
// 1/(x sqrt(pi)) (1 - 1/(2x^2) + 3/(2x^2)^2 - 15/(2x^2)^3), whose next term is below 2^-150.
inline int ref_erfcx(mpfr_ptr r, mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(x)) return mpfr_set_nan(r), 0;
  if (mpfr_inf_p(x)) return mpfr_sgn(x) > 0 ? (mpfr_set_zero(r, 1), 0) : (mpfr_set_inf(r, 1), 0);
  if (mpfr_cmp_si(x, -10000) < 0) return mpfr_set_inf(r, 1), 0;
  mpfr_prec_t prec = mpfr_get_prec(r) + 40;
  mpfr_t a, b;
  mpfr_inits2(prec, a, b, (mpfr_ptr)0);
  if (mpfr_cmp_ui(x, 10000) > 0) {
    mpfr_sqr(b, x, MPFR_RNDN);
    mpfr_mul_2ui(b, b, 1, MPFR_RNDN);
    mpfr_ui_div(b, 1, b, MPFR_RNDN);  // u = 1/(2x^2)
    mpfr_set_si(a, -15, MPFR_RNDN);   // Horner: 1 - u (1 - 3u (1 - 5u))
    mpfr_mul(a, a, b, MPFR_RNDN);
    mpfr_add_ui(a, a, 3, MPFR_RNDN);
    mpfr_mul(a, a, b, MPFR_RNDN);
    mpfr_sub_ui(a, a, 1, MPFR_RNDN);
    mpfr_mul(a, a, b, MPFR_RNDN);
    mpfr_add_ui(a, a, 1, MPFR_RNDN);
    mpfr_const_pi(b, MPFR_RNDN);
    mpfr_sqrt(b, b, MPFR_RNDN);
    mpfr_mul(b, b, x, MPFR_RNDN);
    mpfr_div(a, a, b, MPFR_RNDN);
  } else {
    mpfr_erfc(a, x, MPFR_RNDN);
    mpfr_sqr(b, x, MPFR_RNDN);
    mpfr_exp(b, b, MPFR_RNDN);
    mpfr_mul(a, a, b, MPFR_RNDN);
  }
  int t = mpfr_set(r, a, rnd);
  mpfr_clears(a, b, (mpfr_ptr)0);
  return t;
}

// rhypot = 1 / hypot(x, y).
inline int ref_rhypot(mpfr_ptr r, mpfr_srcptr x, mpfr_srcptr y, mpfr_rnd_t rnd) {
  mpfr_t h;
  mpfr_init2(h, mpfr_get_prec(r) + 20);
  mpfr_hypot(h, x, y, MPFR_RNDN);
  int t = mpfr_ui_div(r, 1, h, rnd);
  mpfr_clear(h);
  return t;
}

}  // namespace canopy::math_test
