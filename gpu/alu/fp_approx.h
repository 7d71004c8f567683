// Portable implementations of PTX's approximate special functions (sin, cos, lg2, ex2, tanh).
//
// Host libm differs between x86-64, AArch64 and MIPS, so these use only IEEE +, -, *, / on double
// (exactly rounded everywhere; the build disables FMA contraction) and exact operations (floor,
// bit manipulation). Each function works in double with argument reduction and a polynomial, then
// the caller rounds once to f32: the results are far more accurate than the bounds the PTX ISA
// documents (measured in tests/alu/float_approx_test.cpp) and bit-identical on every host.
#pragma once

#include <cmath>
#include <cstdint>

#include "gpu/alu/fp_bits.h"

namespace canopy::gpu::fp::approx {

// Taylor coefficients c[k] = scale^k / k!, evaluated at compile time (IEEE double, deterministic).
template <int N>
struct Taylor {
  double c[N + 1];
  constexpr Taylor(double scale) : c{} {
    double term = 1.0;
    for (int k = 0; k <= N; ++k) {
      c[k] = term;
      term = term * scale / (k + 1);
    }
  }
};

// sum c[k] * x^k by Horner's rule.
template <int N>
inline double horner(const Taylor<N>& t, double x) {
  double r = t.c[N];
  for (int k = N - 1; k >= 0; --k) r = r * x + t.c[k];
  return r;
}

// 2^n for an integer n in the normal double range, built from bits (exact).
inline double pow2i(int n) { return from_bits<double>(static_cast<uint64_t>(n + 1023) << 52); }

// 2^x for |x| <= 1100 (callers clamp), relative error ~1e-16 before over/underflow of the scale.
inline double exp2_double(double x) {
  constexpr double kLn2 = 0.6931471805599453094;
  static constexpr Taylor<13> kExp2(kLn2);  // 2^f = sum (f ln2)^k / k!, |f| <= 0.5
  const double n = std::floor(x + 0.5);
  const double f = x - n;  // exact
  const double p = horner(kExp2, f);
  // Split the scale so subnormal double results keep working (n down to -1100).
  const int ni = static_cast<int>(n);
  const int n1 = ni / 2, n2 = ni - ni / 2;
  return p * pow2i(n1) * pow2i(n2);
}

// ex2.approx.f32 computed in double. Special values exact: ex2(-inf) = +0, ex2(+inf) = +inf.
inline double ex2(double x) {
  if (x != x) return x;
  if (x >= 130.0) return from_bits<double>(FloatTraits<double>::kExp);
  if (x <= -160.0) return 0.0;
  return exp2_double(x);
}

// lg2.approx.f32 computed in double: lg2(+-0) = -inf, lg2(x<0) = NaN, lg2(+inf) = +inf.
inline double lg2(double x) {
  const double inf = from_bits<double>(FloatTraits<double>::kExp);
  if (x != x) return x;
  if (x == 0) return -inf;
  if (x < 0) return from_bits<double>(kCanonicalNanF64);
  if (x == inf) return inf;
  // x = m * 2^e with m in [sqrt(1/2), sqrt(2)); log(m) = 2 atanh(t), t = (m-1)/(m+1), |t| < 0.172.
  uint64_t b = to_bits(x);
  int e = 0;
  if ((b >> 52) == 0) {  // subnormal double (not reachable from f32 inputs, kept for completeness)
    x *= pow2i(60);
    b = to_bits(x);
    e = -60;
  }
  e += static_cast<int>(b >> 52) - 1023;
  double m = from_bits<double>((b & FloatTraits<double>::kMant) | (uint64_t{1023} << 52));
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  const double t = (m - 1.0) / (m + 1.0);
  const double t2 = t * t;
  double s = 1.0 / 21;
  for (int k = 19; k >= 1; k -= 2) s = s * t2 + 1.0 / k;
  constexpr double kLog2e = 1.4426950408889634074;
  return e + 2.0 * t * s * kLog2e;
}

// Reduces x to r in about [-pi/4, pi/4] with x = r + q*pi/2 (q mod 4 returned). The three-part pi/2
// keeps r accurate to ~1e-16 for |x| up to 2^60; beyond that the result stays deterministic and
// bounded (PTX only documents accuracy over a small range).
inline double reduce_half_pi(double x, int* quadrant) {
  constexpr double kTwoOverPi = 0.63661977236758134308;
  constexpr double kPio2Hi = 1.5707963267948966192;      // 0x3FF921FB54442D18
  constexpr double kPio2Mid = 6.123233995736766036e-17;  // 0x3C91A62633145C07
  constexpr double kPio2Lo = -1.4973849048591698e-33;    // 0xB91F1976B7ED8FBC
  int q = 0;
  for (int iter = 0; iter < 4 && !(std::fabs(x) <= 0.7853981633974483); ++iter) {
    const double k = std::floor(x * kTwoOverPi + 0.5);
    const double k4 = k - 4.0 * std::floor(k * 0.25);  // k mod 4, exact
    q += static_cast<int>(k4);
    x = std::fma(-k, kPio2Hi, x);
    x = std::fma(-k, kPio2Mid, x);
    x = std::fma(-k, kPio2Lo, x);
  }
  *quadrant = q & 3;
  return x;
}

inline double sin_poly(double r) {
  static constexpr Taylor<17> kT(1.0);
  const double r2 = r * r;
  double s = 0;
  for (int k = 17; k >= 3; k -= 2) s = (s + ((k / 2) % 2 ? -kT.c[k] : kT.c[k])) * r2;
  return r + r * s;
}

inline double cos_poly(double r) {
  static constexpr Taylor<18> kT(1.0);
  const double r2 = r * r;
  double s = 0;
  for (int k = 18; k >= 2; k -= 2) s = (s + ((k / 2) % 2 ? -kT.c[k] : kT.c[k])) * r2;
  return 1.0 + s;
}

// sin/cos.approx.f32 computed in double: sin(+-0) = +-0, sin(+-inf) = NaN, cos(+-inf) = NaN.
inline double sin(double x) {
  if (x != x || is_inf(x)) return from_bits<double>(kCanonicalNanF64);
  if (x == 0) return x;
  int q;
  const double r = reduce_half_pi(x, &q);
  switch (q) {
    case 0:
      return sin_poly(r);
    case 1:
      return cos_poly(r);
    case 2:
      return -sin_poly(r);
    default:
      return -cos_poly(r);
  }
}

inline double cos(double x) {
  if (x != x || is_inf(x)) return from_bits<double>(kCanonicalNanF64);
  int q;
  const double r = reduce_half_pi(x, &q);
  switch (q) {
    case 0:
      return cos_poly(r);
    case 1:
      return -sin_poly(r);
    case 2:
      return -cos_poly(r);
    default:
      return sin_poly(r);
  }
}

// e^y - 1 for |y| <= 1 without cancellation.
inline double expm1_small(double y) {
  static constexpr Taylor<18> kT(1.0);
  double s = kT.c[18];
  for (int k = 17; k >= 1; --k) s = s * y + kT.c[k];
  return s * y;
}

// tanh.approx.f32 computed in double: tanh(+-0) = +-0, tanh(+-inf) = +-1.
inline double tanh(double x) {
  if (x != x || x == 0) return x;
  const double ax = std::fabs(x);
  double t;
  if (ax >= 20.0) {
    t = 1.0;
  } else if (ax <= 0.5) {
    const double em1 = expm1_small(2.0 * ax);
    t = em1 / (em1 + 2.0);
  } else {
    constexpr double kLog2e = 1.4426950408889634074;
    const double e = exp2_double(2.0 * ax * kLog2e);
    t = 1.0 - 2.0 / (e + 1.0);
  }
  return x < 0 ? -t : t;
}

}  // namespace canopy::gpu::fp::approx
