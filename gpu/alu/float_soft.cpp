// Exact fma, division and square root feeding round_pack (see fp_soft.h).
#include <cmath>

#include "gpu/alu/fp_soft.h"

namespace canopy::gpu::fp {
namespace {

uint64_t signed_inf(Format f, bool neg) { return format_zero(f, neg) | format_inf(f); }

}  // namespace

uint64_t soft_fma(Format f, double a, double b, double c, bool has_c, RoundMode mode) {
  if (a != a || b != b || (has_c && c != c)) return format_nan(f);
  const bool sp = sign_bit(a) != sign_bit(b);
  if (is_inf(a) || is_inf(b)) {
    if (a == 0 || b == 0) return format_nan(f);
    if (has_c && is_inf(c) && sign_bit(c) != sp) return format_nan(f);
    return signed_inf(f, sp);
  }
  if (has_c && is_inf(c)) return signed_inf(f, sign_bit(c));
  if (a == 0 || b == 0) {
    if (!has_c) return format_zero(f, sp);
    if (c == 0) return format_zero(f, exact_zero_sign(sp, sign_bit(c), mode));
    return round_double(f, c, mode);
  }
  const Unpacked ua = unpack_normalized(a), ub = unpack_normalized(b);
  U128 p = mul_64x64(ua.mant, ub.mant);
  int ep = ua.exp + ub.exp;
  if (!has_c || c == 0) return round_pack128(f, sp, ep, p, mode);
  // Both terms get their top bit at bit 125: two bits of headroom for the sum, and at least 20
  // trailing zeros, so a jammed sticky bit never lands on a rounding boundary.
  const Unpacked uc = unpack_normalized(c);
  const int lift = 126 - bit_width128(p);
  p = shl128(p, lift);
  ep -= lift;
  U128 q = shl128(U128{0, uc.mant}, 73);
  const int eq = uc.exp - 73;
  int e = ep;
  if (ep >= eq) {
    q = shr128_jam(q, ep - eq);
  } else {
    p = shr128_jam(p, eq - ep);
    e = eq;
  }
  if (sp == uc.neg) return round_pack128(f, sp, e, add128(p, q), mode);
  if (p.hi == q.hi && p.lo == q.lo) return format_zero(f, mode == RoundMode::Rm);
  if (less128(p, q)) return round_pack128(f, uc.neg, e, sub128(q, p), mode);
  return round_pack128(f, sp, e, sub128(p, q), mode);
}

uint64_t soft_div(Format f, double a, double b, RoundMode mode) {
  const bool neg = sign_bit(a) != sign_bit(b);
  if (a != a || b != b) return format_nan(f);
  if (is_inf(a)) return is_inf(b) ? format_nan(f) : signed_inf(f, neg);
  if (is_inf(b)) return format_zero(f, neg);
  if (b == 0) return a == 0 ? format_nan(f) : signed_inf(f, neg);
  if (a == 0) return format_zero(f, neg);
  const Unpacked ua = unpack_normalized(a), ub = unpack_normalized(b);
  uint64_t rem = ua.mant;
  const uint64_t divisor = ub.mant;
  int e = ua.exp - ub.exp;
  if (rem < divisor) {
    rem <<= 1;
    --e;
  }
  // Restoring division: 64 quotient bits, the first always 1 since divisor <= rem < 2 * divisor.
  uint64_t q = 0;
  for (int i = 0; i < 64; ++i) {
    q <<= 1;
    if (rem >= divisor) {
      rem -= divisor;
      q |= 1;
    }
    rem <<= 1;
  }
  return round_pack(f, neg, e - 63, q, rem != 0, mode);
}

uint64_t soft_sqrt(Format f, double a, RoundMode mode) {
  if (a != a) return format_nan(f);
  if (a == 0) return format_zero(f, sign_bit(a));
  if (a < 0) return format_nan(f);
  if (is_inf(a)) return format_inf(f);
  // a = y * 2^(2k) with y in [1, 4): y's square root is in [1, 2) and never under/overflows.
  const Unpacked u = unpack_normalized(a);
  const int lead = u.exp + 52;
  const bool odd = (lead & 1) != 0;
  const int k = (lead - (odd ? 1 : 0)) / 2;
  const uint64_t y_int = odd ? u.mant << 1 : u.mant;  // y = y_int * 2^-52
  const double y =
      from_bits<double>((uint64_t{odd ? 1024u : 1023u} << 52) | (u.mant & FloatTraits<double>::kMant));
  const double s = std::sqrt(y);                     // correctly rounded on every IEEE host
  const uint64_t s_int = unpack_normalized(s).mant;  // s = s_int * 2^-52
  // Sign of y - s^2, exactly, in units of 2^-104.
  const U128 y_scaled = shl128(U128{0, y_int}, 52);
  const U128 s_sq = mul_64x64(s_int, s_int);
  const int err = less128(s_sq, y_scaled) ? 1 : (less128(y_scaled, s_sq) ? -1 : 0);
  // The exact root lies strictly within half an ulp of s on the side `err` says, and is never a
  // rounding midpoint, so s*4 + err stands in for it at every precision up to 53 bits.
  const uint64_t stand_in = (s_int << 2) + static_cast<uint64_t>(static_cast<int64_t>(err));
  return round_pack(f, false, k - 54, stand_in, false, mode);
}

}  // namespace canopy::gpu::fp
