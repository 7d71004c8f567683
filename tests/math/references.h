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

}  // namespace canopy::math_test
