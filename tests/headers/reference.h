// CPU references for the device intrinsic tests: IEEE results under each rounding direction computed
// without touching the host floating-point environment. The round-to-nearest result comes from ordinary
// host arithmetic; the sign of (exact - nearest) comes from an exact sum of doubles (error-free
// transformations); a directed result is then the nearest one or its neighbour.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <vector>

namespace canopy::testing::headers {

enum class Round { Near, Zero, Up, Down };
inline constexpr Round kRounds[] = {Round::Near, Round::Zero, Round::Up, Round::Down};

template <typename To, typename From>
To bits_as(From v) {
  static_assert(sizeof(To) == sizeof(From));
  To out;
  std::memcpy(&out, &v, sizeof(To));
  return out;
}

// s + err == a + b exactly (no overflow assumed).
inline void two_sum(double a, double b, double& s, double& err) {
  s = a + b;
  double bb = s - a;
  err = (a - (s - bb)) + (b - bb);
}

// hi + lo == a * b exactly, when the product neither overflows nor underflows.
inline void two_prod(double a, double b, double& hi, double& lo) {
  hi = a * b;
  lo = std::fma(a, b, -hi);
}

// The exact sign of a sum of finite doubles (Shewchuk's grow-expansion: the components stay
// non-overlapping in increasing magnitude, so the sum has the sign of the largest non-zero one).
inline int sign_of_sum(std::initializer_list<double> terms) {
  std::vector<double> e;
  for (double t : terms) {
    std::vector<double> h;
    double q = t;
    for (double component : e) {
      double s, err;
      two_sum(q, component, s, err);
      if (err != 0) h.push_back(err);
      q = s;
    }
    h.push_back(q);
    e.swap(h);
  }
  for (auto it = e.rbegin(); it != e.rend(); ++it)
    if (*it != 0) return *it > 0 ? 1 : -1;
  return 0;
}

// The result under `mode`, given the round-to-nearest result and the sign of (exact - nearest).
template <typename F>
F directed(F nearest, int sign, Round mode) {
  const F inf = std::numeric_limits<F>::infinity();
  if (sign == 0 || mode == Round::Near) return nearest;
  if (mode == Round::Up) return sign > 0 ? std::nextafter(nearest, inf) : nearest;
  if (mode == Round::Down) return sign < 0 ? std::nextafter(nearest, -inf) : nearest;
  if ((nearest > 0 && sign < 0) || (nearest < 0 && sign > 0)) return std::nextafter(nearest, F(0));
  return nearest;
}

// Overflowed nearest results of finite operands: the exact value lies between the largest finite
// number and the infinity.
template <typename F>
int overflow_sign(F nearest) {
  return nearest > 0 ? -1 : 1;
}

// IEEE: an exact zero sum of operands of opposite signs is -0 when rounding down, +0 otherwise.
template <typename F>
F exact_zero_sum(F nearest, bool opposite_signs, Round mode) {
  if (nearest == 0 && opposite_signs) return mode == Round::Down ? F(-0.0) : F(0.0);
  return nearest;
}

template <typename F>
bool all_finite(std::initializer_list<F> v) {
  for (F x : v)
    if (!std::isfinite(x)) return false;
  return true;
}

// ---- float operations (doubles hold float sums' parts and float products exactly) ----
inline float ref_fadd(float a, float b, Round m) {
  float rn = a + b;
  if (!all_finite({a, b})) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  int sign = sign_of_sum({a, b, -double(rn)});
  if (sign == 0) return exact_zero_sum(rn, std::signbit(a) != std::signbit(b), m);
  return directed(rn, sign, m);
}
inline float ref_fmul(float a, float b, Round m) {
  float rn = a * b;
  if (!all_finite({a, b})) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  return directed(rn, sign_of_sum({double(a) * double(b), -double(rn)}), m);
}
inline float ref_ffma(float a, float b, float c, Round m) {
  float rn = std::fma(a, b, c);
  if (!all_finite({a, b, c})) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  double p = double(a) * double(b);
  int sign = sign_of_sum({p, c, -double(rn)});
  if (sign == 0) return exact_zero_sum(rn, std::signbit(p) != std::signbit(c), m);
  return directed(rn, sign, m);
}
inline float ref_fdiv(float a, float b, Round m) {
  float rn = a / b;
  if (!all_finite({a, b}) || b == 0) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  int sign = sign_of_sum({double(a), -double(rn) * double(b)}) * (b > 0 ? 1 : -1);
  return directed(rn, sign, m);
}
inline float ref_fsqrt(float a, Round m) {
  float rn = std::sqrt(a);
  if (!std::isfinite(a) || a <= 0) return rn;
  return directed(rn, sign_of_sum({double(a), -double(rn) * double(rn)}), m);
}

// ---- double operations (products split exactly by two_prod; inputs keep clear of underflow) ----
inline double ref_dadd(double a, double b, Round m) {
  double rn = a + b;
  if (!all_finite({a, b})) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  double s, err;
  two_sum(a, b, s, err);
  int sign = err == 0 ? 0 : (err > 0 ? 1 : -1);
  if (sign == 0) return exact_zero_sum(rn, std::signbit(a) != std::signbit(b), m);
  return directed(rn, sign, m);
}
inline double ref_dmul(double a, double b, Round m) {
  double rn = a * b;
  if (!all_finite({a, b})) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  double hi, lo;
  two_prod(a, b, hi, lo);
  return directed(rn, sign_of_sum({hi, lo, -rn}), m);
}
inline double ref_dfma(double a, double b, double c, Round m) {
  double rn = std::fma(a, b, c);
  if (!all_finite({a, b, c})) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  double hi, lo;
  two_prod(a, b, hi, lo);
  int sign;
  if (std::isinf(hi)) {  // the product alone overflows: halve everything (exactly, the values being huge)
    two_prod(a * 0.5, b, hi, lo);
    sign = sign_of_sum({hi, lo, c * 0.5, -rn * 0.5});
  } else {
    sign = sign_of_sum({hi, lo, c, -rn});
  }
  if (sign == 0) return exact_zero_sum(rn, (std::signbit(a) != std::signbit(b)) != std::signbit(c), m);
  return directed(rn, sign, m);
}
inline double ref_ddiv(double a, double b, Round m) {
  double rn = a / b;
  if (!all_finite({a, b}) || b == 0) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  double hi, lo;
  two_prod(rn, b, hi, lo);
  return directed(rn, sign_of_sum({a, -hi, -lo}) * (b > 0 ? 1 : -1), m);
}
inline double ref_dsqrt(double a, Round m) {
  double rn = std::sqrt(a);
  if (!std::isfinite(a) || a <= 0) return rn;
  double hi, lo;
  two_prod(rn, rn, hi, lo);
  return directed(rn, sign_of_sum({a, -hi, -lo}), m);
}

// ---- conversions ----
// x rounded to an integral value (exact in double: |x| >= 2^52 is integral already).
inline double round_integral(double x, Round m) {
  switch (m) {
    case Round::Zero:
      return std::trunc(x);
    case Round::Up:
      return std::ceil(x);
    case Round::Down:
      return std::floor(x);
    case Round::Near: {
      double f = std::floor(x), diff = x - f;
      if (diff > 0.5) return f + 1;
      if (diff < 0.5) return f;
      return std::fmod(f, 2.0) == 0 ? f : f + 1;
    }
  }
  return x;
}

// PTX cvt to an integer: NaN gives 0, out-of-range values saturate.
template <typename I>
I to_integer(double x, Round m) {
  if (std::isnan(x)) return 0;
  double r = round_integral(x, m);
  const double lo = double(std::numeric_limits<I>::min());
  const double hi_excl = std::ldexp(1.0, std::numeric_limits<I>::digits);  // 2^bits of magnitude
  if (r < lo) return std::numeric_limits<I>::min();
  if (r >= hi_excl) return std::numeric_limits<I>::max();
  return static_cast<I>(r);
}

// An integer to float or double under `mode`.
template <typename F, typename I>
F from_integer(I v, Round m) {
  F rn = static_cast<F>(v);
  const F limit = std::ldexp(F(1), std::numeric_limits<I>::digits);
  int sign;
  if (rn >= limit)
    sign = -1;
  else {
    I back = static_cast<I>(rn);
    sign = v > back ? 1 : (v < back ? -1 : 0);
  }
  return directed(rn, sign, m);
}

inline float double_to_float(double d, Round m) {
  float rn = static_cast<float>(d);
  if (!std::isfinite(d)) return rn;
  if (std::isinf(rn)) return directed(rn, overflow_sign(rn), m);
  double diff = d - double(rn);
  return directed(rn, diff > 0 ? 1 : (diff < 0 ? -1 : 0), m);
}

// Bits of a float or double for comparisons in which every NaN is the same.
inline uint64_t canonical_bits(float f) { return std::isnan(f) ? 0x7fffffffu : bits_as<uint32_t>(f); }
inline uint64_t canonical_bits(double d) {
  return std::isnan(d) ? 0x7fffffffffffffffull : bits_as<uint64_t>(d);
}

}  // namespace canopy::testing::headers
