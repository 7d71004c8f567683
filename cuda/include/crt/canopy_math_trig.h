/* Canopy device math: circular functions in double precision. Arguments are reduced to r = x - q pi/2
   (|r| <= pi/4 + tiny) as a double-double: Cody-Waite with a three-part pi/2 for |x| < 2^20, Payne-Hanek
   with 256 bits of 2/pi (computed with MPFR) above. sin and cos use their Taylor series on the reduced
   argument (to r^19/19! and r^20/20!, truncation < 1e-19). Inverse functions reduce atan's argument to
   |u| <= 1/16 around k/8 (atan(k/8) tabulated) and use atan's series to u^19. */
#ifndef CANOPY_CRT_CANOPY_MATH_TRIG_H
#define CANOPY_CRT_CANOPY_MATH_TRIG_H

#include "canopy_math_core.h"

namespace __canopy_math {

/* Bits of 2/pi: word j is floor(frac(2/pi * 2^(32 j)) * 2^32). */
static __device__ const unsigned kTwoOverPiBits[48] = {
    0xa2f9836eu, 0x4e441529u, 0xfc2757d1u, 0xf534ddc0u, 0xdb629599u, 0x3c439041u, 0xfe5163abu, 0xdebbc561u,
    0xb7246e3au, 0x424dd2e0u, 0x06492eeau, 0x09d1921cu, 0xfe1deb1cu, 0xb129a73eu, 0xe88235f5u, 0x2ebb4484u,
    0xe99c7026u, 0xb45f7e41u, 0x3991d639u, 0x835339f4u, 0x9c845f8bu, 0xbdf9283bu, 0x1ff897ffu, 0xde05980fu,
    0xef2f118bu, 0x5a0a6d1fu, 0x6d367ecfu, 0x27cb09b7u, 0x4f463f66u, 0x9e5fea2du, 0x7527bac7u, 0xebe5f17bu,
    0x3d0739f7u, 0x8a5292eau, 0x6bfb5fb1u, 0x1f8d5d08u, 0x56033046u, 0xfc7b6babu, 0xf0cfbc20u, 0x9af4361du,
    0xa9e39161u, 0x5ee61b08u, 0x6599855fu, 0x14a06840u, 0x8dffd880u, 0x4d732731u, 0x06061556u, 0xca73a8c9u};

static constexpr double kPio2Part[3] = {0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54, -0x1.f1976b7ed8fbcp-110};
static constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;

/* 64 bits of the little-endian 32-bit word array p starting at bit position pos. */
__CANOPY_MATH_FN u64 bits64_at(const unsigned* p, int pos) {
  int w = pos >> 5, s = pos & 31;
  u64 lo = (u64)p[w] | ((u64)p[w + 1] << 32);
  if (s == 0) return lo;
  return (lo >> s) | ((u64)p[w + 2] << (64 - s));
}

/* Payne-Hanek: for finite |x| >= 2^20, returns the quadrant (mod 4) and r = x - q pi/2 in *r. */
__CANOPY_MATH_FN int reduce_large(double x, dd* r) {
  u64 b = bits(x);
  int e = (int)((b >> 52) & 0x7ff) - 1075; /* x = M 2^e with the 53-bit integer M */
  u64 mant = (b & 0x000fffffffffffffull) | 0x0010000000000000ull;
  int j0 = (e - 2) >= 0 ? (e - 2) >> 5 : 0; /* bits of 2/pi above 2^(e-2) only add multiples of 4 */
  /* P = M * (8 words of 2/pi starting at j0), as 11 little-endian 32-bit words */
  unsigned p[12];
  for (int i = 0; i < 12; ++i) p[i] = 0;
  unsigned m0 = (unsigned)mant, m1 = (unsigned)(mant >> 32);
  for (int t = 0; t < 8; ++t) {
    u64 w = kTwoOverPiBits[j0 + 7 - t]; /* little-endian: lowest word first */
    u64 carry = 0;
    u64 v = w * m0 + p[t] + carry;
    p[t] = (unsigned)v;
    carry = v >> 32;
    v = w * m1 + p[t + 1] + carry;
    p[t + 1] = (unsigned)v;
    carry = v >> 32;
    for (int k = t + 2; k < 12 && carry; ++k) {
      v = (u64)p[k] + carry;
      p[k] = (unsigned)v;
      carry = v >> 32;
    }
  }
  int shift = 32 * j0 + 256 - e; /* x 2/pi = P 2^-shift (mod 4) */
  int q = (int)(bits64_at(p, shift) & 3);
  u64 f1 = bits64_at(p, shift - 64), f0 = bits64_at(p, shift - 128);
  bool negative = (f1 >> 63) != 0;
  if (negative) { /* fraction >= 1/2: use f - 1 */
    f0 = ~f0 + 1;
    f1 = ~f1 + (f0 == 0 ? 1 : 0);
    q += 1;
  }
  double a = (double)(f1 >> 11) * 0x1p-53;
  double c = (double)(((f1 & 0x7ff) << 21) | (f0 >> 43)) * 0x1p-85;
  double d = (double)(f0 & ((1ull << 43) - 1)) * 0x1p-128;
  dd f = dd_add_d(two_sum(a, c), d);
  if (negative) f = dd_neg(f);
  dd y = dd_mul(f, kPio2);
  if (x < 0) {
    y = dd_neg(y);
    q = -q;
  }
  *r = y;
  return q & 3;
}

/* x = q pi/2 + r for finite x; returns q mod 4. */
__CANOPY_MATH_FN int reduce_pio2(double x, dd* r) {
  if (fabs(x) <= 0.785398163397448) {
    *r = dd{x, 0};
    return 0;
  }
  if (fabs(x) >= 0x1p20) return reduce_large(x, r);
  double kd = rint(x * kTwoOverPi);
  dd p = two_prod(kd, kPio2Part[0]);
  dd s = two_sum(x, -p.hi);
  s = dd_add_d(s, -p.lo);
  s = dd_add(s, dd_neg(two_prod(kd, kPio2Part[1])));
  s = dd_add_d(s, -kd * kPio2Part[2]);
  *r = s;
  return (int)((i64)kd & 3);
}

/* sin and cos of a reduced double-double |r| <= pi/4 + tiny. */
__CANOPY_MATH_FN dd sin_reduced(dd r) {
  const double c[9] = {-1.0 / 6,
                       1.0 / 120,
                       -1.0 / 5040,
                       1.0 / 362880,
                       -1.0 / 39916800,
                       1.0 / 6227020800.0,
                       -1.0 / 1307674368000.0,
                       1.0 / 355687428096000.0,
                       -1.0 / 121645100408832000.0};
  double x = r.hi, x2 = x * x;
  double tail = x * x2 * horner(c, x2) + r.lo * (1 - 0.5 * x2);
  return fast_two_sum(x, tail);
}
__CANOPY_MATH_FN dd cos_reduced(dd r) {
  const double c[9] = {1.0 / 24,
                       -1.0 / 720,
                       1.0 / 40320,
                       -1.0 / 3628800,
                       1.0 / 479001600,
                       -1.0 / 87178291200.0,
                       1.0 / 20922789888000.0,
                       -1.0 / 6402373705728000.0,
                       1.0 / 2432902008176640000.0};
  double x = r.hi, x2 = x * x;
  dd h = two_prod(x, x);
  dd s = two_sum(1.0, -0.5 * h.hi);
  s.lo += -0.5 * h.lo + x2 * x2 * horner(c, x2) - r.lo * x;
  return fast_two_sum(s.hi, s.lo);
}

/* sin/cos of q pi/2 + r. */
__CANOPY_MATH_FN dd sin_quadrant(int q, dd r) {
  switch (q & 3) {
    case 0:
      return sin_reduced(r);
    case 1:
      return cos_reduced(r);
    case 2:
      return dd_neg(sin_reduced(r));
    default:
      return dd_neg(cos_reduced(r));
  }
}
__CANOPY_MATH_FN dd cos_quadrant(int q, dd r) { return sin_quadrant(q + 1, r); }

__CANOPY_MATH_FN double sin(double x) {
  if (is_nan(x) || is_inf(x)) return x - x;
  if (x == 0) return x;
  dd r;
  int q = reduce_pio2(x, &r);
  return dd_round(sin_quadrant(q, r));
}
__CANOPY_MATH_FN double cos(double x) {
  if (is_nan(x) || is_inf(x)) return x - x;
  dd r;
  int q = reduce_pio2(x, &r);
  return dd_round(cos_quadrant(q, r));
}
__CANOPY_MATH_FN void sincos(double x, double* s, double* c) {
  if (is_nan(x) || is_inf(x)) {
    *s = *c = x - x;
    return;
  }
  dd r;
  int q = reduce_pio2(x, &r);
  *s = x == 0 ? x : dd_round(sin_quadrant(q, r));
  *c = dd_round(cos_quadrant(q, r));
}
__CANOPY_MATH_FN double tan(double x) {
  if (is_nan(x) || is_inf(x)) return x - x;
  if (x == 0) return x;
  dd r;
  int q = reduce_pio2(x, &r);
  dd s = sin_reduced(r), c = cos_reduced(r);
  return (q & 1) ? -dd_round(dd_div(c, s)) : dd_round(dd_div(s, c));
}

/* sin(pi x) / cos(pi x): x = n/2 + r exactly with |r| <= 1/4. */
__CANOPY_MATH_FN int reduce_half(double x, dd* r) {
  if (fabs(x) >= 0x1p52) { /* an integer */
    *r = dd{0, 0};
    return fabs(x) >= 0x1p53 ? 0 : (int)(((i64)x & 1) * 2);
  }
  double n = rint(2 * x);
  double f = x - 0.5 * n; /* exact */
  dd t = two_prod(f, kPi.hi);
  t.lo = fma(f, kPi.lo, t.lo);
  *r = fast_two_sum(t.hi, t.lo);
  return (int)((i64)n & 3);
}
__CANOPY_MATH_FN dd sinpi_dd(double x) {
  dd r;
  int q = reduce_half(x, &r);
  return sin_quadrant(q, r);
}
__CANOPY_MATH_FN double sinpi(double x) {
  if (is_nan(x) || is_inf(x)) return x - x;
  double v = dd_round(sinpi_dd(x));
  return v == 0 ? copysign(0.0, x) : v;
}
__CANOPY_MATH_FN double cospi(double x) {
  if (is_nan(x) || is_inf(x)) return x - x;
  dd r;
  int q = reduce_half(x, &r);
  double v = dd_round(cos_quadrant(q, r));
  return v == 0 ? 0.0 : v;
}

/* atan(t) for a double-double 0 <= t <= 1. */
static constexpr dd kAtanK[9] = {
    {0x0p+0, 0x0p+0},
    {0x1.fd5ba9aac2f6ep-4, -0x1.cd37686760c17p-59},
    {0x1.f5b75f92c80ddp-3, 0x1.8ab6e3cf7afbdp-57},
    {0x1.6f61941e4def1p-2, -0x1.c63aae6f6e918p-56},
    {0x1.dac670561bb4fp-2, 0x1.a2b7f222f65e2p-56},
    {0x1.1e00babdefeb4p-1, -0x1.928df287a668fp-58},
    {0x1.4978fa3269ee1p-1, 0x1.2419a87f2a458p-56},
    {0x1.700a7c5784634p-1, -0x1.8c34d25aadef6p-56},
    {0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55},
};
__CANOPY_MATH_FN dd atan_unit(dd t) {
  const double c[9] = {-1.0 / 3, 1.0 / 5,   -1.0 / 7, 1.0 / 9,  -1.0 / 11,
                       1.0 / 13, -1.0 / 15, 1.0 / 17, -1.0 / 19};
  int k = (int)rint(8 * t.hi);
  double ck = 0.125 * k;
  /* u = (t - c) / (1 + t c), so atan t = atan c + atan u with |u| <= 1/16 */
  dd num = fast_two_sum(t.hi - ck, t.lo); /* t.hi - ck is exact (Sterbenz) */
  dd den = dd_add_d(dd_mul_d(t, ck), 1.0);
  dd u = dd_div(num, den);
  double x = u.hi, x2 = x * x;
  double tail = x * x2 * horner(c, x2);
  dd s = dd_add(kAtanK[k], u);
  return dd_add_d(s, tail);
}

/* atan2 for double-double y, x >= 0 (not both zero, both finite). */
__CANOPY_MATH_FN dd atan2_pos(dd y, dd x) {
  if (y.hi <= x.hi) return atan_unit(dd_div(y, x));
  return dd_sub(kPio2, atan_unit(dd_div(x, y)));
}

__CANOPY_MATH_FN double atan(double x) {
  if (is_nan(x)) return x + x;
  if (x == 0) return x;
  double ax = fabs(x);
  double a;
  if (ax <= 1.0)
    a = dd_round(atan_unit(dd{ax, 0}));
  else if (is_inf(ax))
    a = kPio2.hi;
  else
    a = dd_round(dd_sub(kPio2, atan_unit(dd_div(dd{1.0, 0}, dd{ax, 0}))));
  return copysign(a, x);
}

__CANOPY_MATH_FN double atan2(double y, double x) {
  if (is_nan(x) || is_nan(y)) return x + y;
  bool xneg = (bits(x) >> 63) != 0;
  if (y == 0) return copysign(xneg ? kPi.hi : 0.0, y);
  if (x == 0) return copysign(kPio2.hi, y);
  double ax = fabs(x), ay = fabs(y);
  if (is_inf(ay))
    return copysign(is_inf(ax) ? (xneg ? 0x1.2d97c7f3321d2p+1 : 0x1.921fb54442d18p-1) : kPio2.hi, y);
  if (is_inf(ax)) return copysign(xneg ? kPi.hi : 0.0, y);
  if (ax < 0x1p-900 && ay < 0x1p-900) {
    ax *= 0x1p600;
    ay *= 0x1p600;
  }
  double a;
  if (ay <= ax) {
    dd t = atan_unit(dd_div(dd{ay, 0}, dd{ax, 0}));
    a = xneg ? dd_round(dd_sub(kPi, t)) : dd_round(t);
  } else {
    dd t = atan_unit(dd_div(dd{ax, 0}, dd{ay, 0}));
    a = dd_round(xneg ? dd_add(kPio2, t) : dd_sub(kPio2, t));
  }
  return copysign(a, y);
}

/* sqrt(1 - x^2) for 0 <= x <= 1 as a double-double. */
__CANOPY_MATH_FN dd sqrt_one_minus_sq(double x) { return dd_sqrt(dd_mul(two_sum(1.0, -x), two_sum(1.0, x))); }

__CANOPY_MATH_FN double asin(double x) {
  if (is_nan(x)) return x + x;
  double ax = fabs(x);
  if (ax > 1.0) return qnan();
  if (x == 0) return x;
  if (ax == 1.0) return copysign(kPio2.hi, x);
  return copysign(dd_round(atan2_pos(dd{ax, 0}, sqrt_one_minus_sq(ax))), x);
}

__CANOPY_MATH_FN double acos(double x) {
  if (is_nan(x)) return x + x;
  double ax = fabs(x);
  if (ax > 1.0) return qnan();
  if (x == 1.0) return 0.0;
  if (x == -1.0) return kPi.hi;
  dd a = atan2_pos(sqrt_one_minus_sq(ax), dd{ax, 0});
  return dd_round(x < 0 ? dd_sub(kPi, a) : a);
}

}  // namespace __canopy_math

#endif
