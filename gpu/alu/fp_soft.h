// Portable correctly-rounded arithmetic in every IEEE rounding mode without touching the host
// floating-point environment. The core is round_pack, which rounds an exact value given as an
// integer significand (plus a sticky bit) into any binary format (f16, bf16, tf32, f32, f64) in
// any mode. The operations compute their exact result (or an exact stand-in) with integer
// arithmetic or error-free transformations and hand it to round_pack.
//
// These are the slow paths for directed rounding (.rz/.rm/.rp), conversions and tf32/f16/bf16; the
// round-to-nearest f32/f64 arithmetic uses the host's IEEE operations, which are correctly rounded
// in the default mode every supported host runs in.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

#include "gpu/alu/fp_bits.h"

namespace canopy::gpu::fp {

enum class RoundMode : uint8_t { Rn, Rz, Rm, Rp, Rna };

// A binary interchange format: exponent field width and stored significand bits.
struct Format {
  int exp_bits;
  int mant_bits;
};
constexpr Format kF16{5, 10};
constexpr Format kBF16{8, 7};
constexpr Format kTF32{8, 10};  // tf32's value set; its register layout is f32's (see cvt_ops.h)
constexpr Format kF32{8, 23};
constexpr Format kF64{11, 52};

constexpr uint64_t format_sign(Format f) { return uint64_t{1} << (f.exp_bits + f.mant_bits); }
constexpr uint64_t format_inf(Format f) { return ((uint64_t{1} << f.exp_bits) - 1) << f.mant_bits; }
constexpr uint64_t format_max(Format f) { return format_inf(f) - 1; }
constexpr uint64_t format_zero(Format f, bool neg) { return neg ? format_sign(f) : 0; }
// The canonical NaN of the format (all ones, sign clear).
constexpr uint64_t format_nan(Format f) { return format_sign(f) - 1; }

// The result of an overflow in each mode: the infinity or the largest finite value.
constexpr uint64_t overflow_result(Format f, bool neg, RoundMode mode) {
  bool to_inf = true;
  if (mode == RoundMode::Rz) to_inf = false;
  if (mode == RoundMode::Rp) to_inf = !neg;
  if (mode == RoundMode::Rm) to_inf = neg;
  return format_zero(f, neg) | (to_inf ? format_inf(f) : format_max(f));
}

// Rounds (-1)^neg * (mant + s) * 2^exp into format f, where s = 0 if !sticky and 0 < s < 1
// otherwise. Handles subnormal results, overflow and every mode; returns the encoded bits.
constexpr uint64_t round_pack(Format f, bool neg, int exp, uint64_t mant, bool sticky, RoundMode mode) {
  if (mant == 0) return format_zero(f, neg);
  const int bias = (1 << (f.exp_bits - 1)) - 1;
  const int emin = 1 - bias;
  const int lead = exp + std::bit_width(mant) - 1;  // unbiased exponent of the leading bit
  if (lead > bias) return overflow_result(f, neg, mode);
  const int quantum = (lead < emin ? emin : lead) - f.mant_bits;  // exponent of the result's lsb
  const int shift = quantum - exp;
  uint64_t kept = 0;
  bool inexact = sticky, above = false, tie = false;
  if (shift <= 0) {
    kept = mant << -shift;
  } else if (shift <= 64) {
    kept = shift == 64 ? 0 : mant >> shift;
    const uint64_t rem = shift == 64 ? mant : mant & ((uint64_t{1} << shift) - 1);
    const uint64_t half = uint64_t{1} << (shift - 1);
    inexact = rem != 0 || sticky;
    above = rem > half || (rem == half && sticky);
    tie = rem == half && !sticky;
  } else {
    inexact = true;  // the whole value is below half a quantum
  }
  bool inc = false;
  switch (mode) {
    case RoundMode::Rn:
      inc = above || (tie && (kept & 1));
      break;
    case RoundMode::Rna:
      inc = above || tie;
      break;
    case RoundMode::Rz:
      break;
    case RoundMode::Rp:
      inc = inexact && !neg;
      break;
    case RoundMode::Rm:
      inc = inexact && neg;
      break;
  }
  kept += inc ? 1 : 0;
  // Normal results carry the hidden bit in `kept`, so adding it to (biased exponent - 1) carries into
  // the exponent field exactly when rounding overflows the significand.
  const uint64_t mag = lead < emin ? kept : (static_cast<uint64_t>(lead + bias - 1) << f.mant_bits) + kept;
  if (mag >= format_inf(f)) return overflow_result(f, neg, mode);
  return format_zero(f, neg) | mag;
}

// A finite nonzero double as (-1)^neg * mant * 2^exp with mant's top bit at bit 52.
struct Unpacked {
  bool neg;
  int exp;
  uint64_t mant;
};

inline Unpacked unpack_normalized(double x) {
  const uint64_t b = to_bits(x);
  const bool neg = (b >> 63) != 0;
  const int e = static_cast<int>((b >> 52) & 0x7ff);
  uint64_t m = b & FloatTraits<double>::kMant;
  if (e != 0) return {neg, e - 1075, m | (uint64_t{1} << 52)};
  const int lift = 53 - std::bit_width(m);
  return {neg, -1074 - lift, m << lift};
}

// Rounds a double (any value) into format f.
inline uint64_t round_double(Format f, double x, RoundMode mode) {
  if (x != x) return format_nan(f);
  if (is_inf(x)) return format_zero(f, sign_bit(x)) | format_inf(f);
  if (x == 0) return format_zero(f, sign_bit(x));
  const Unpacked u = unpack_normalized(x);
  return round_pack(f, u.neg, u.exp, u.mant, false, mode);
}

// Decodes bits of format f into a double (exact for every format narrower than f64).
inline double decode_to_double(Format f, uint64_t bits) {
  const bool neg = (bits & format_sign(f)) != 0;
  const uint64_t mag = bits & (format_sign(f) - 1);
  const int bias = (1 << (f.exp_bits - 1)) - 1;
  const uint64_t e = mag >> f.mant_bits;
  const uint64_t m = mag & ((uint64_t{1} << f.mant_bits) - 1);
  double v;
  if (mag >= format_inf(f)) {
    v = m != 0 ? from_bits<double>(kCanonicalNanF64) : from_bits<double>(FloatTraits<double>::kExp);
  } else {
    const int exp = e == 0 ? 1 - bias - f.mant_bits : static_cast<int>(e) - bias - f.mant_bits;
    const uint64_t sig = e == 0 ? m : m | (uint64_t{1} << f.mant_bits);
    v = std::ldexp(static_cast<double>(sig), exp);  // exact: sig fits and exp is in range
  }
  return neg ? -v : v;
}

// The f32 value with bits `b` as a double, built from integers (exact; no host float arithmetic, so a
// denormals-are-zero host mode cannot flush f32 subnormals). NaNs become the canonical f64 NaN.
inline double f32_bits_to_double(uint32_t b) {
  const uint64_t sign = uint64_t{b >> 31} << 63;
  const uint32_t e = (b >> 23) & 0xff, m = b & 0x7fffff;
  if (e == 0xff)
    return m != 0 ? from_bits<double>(kCanonicalNanF64) : from_bits<double>(sign | 0x7ff0000000000000u);
  if (e == 0 && m == 0) return from_bits<double>(sign);
  if (e != 0) return from_bits<double>(sign | uint64_t{e - 127 + 1023} << 52 | uint64_t{m} << 29);
  const int top = static_cast<int>(std::bit_width(m)) - 1;  // subnormal: m * 2^-149, leading bit at 2^(top - 149)
  const uint64_t mant = (uint64_t{m} << (52 - top)) & ((uint64_t{1} << 52) - 1);
  return from_bits<double>(sign | uint64_t(top - 149 + 1023) << 52 | mant);
}

// Unsigned 128-bit helper for the exact product in fma.
struct U128 {
  uint64_t hi = 0, lo = 0;
};

inline U128 mul_64x64(uint64_t a, uint64_t b) {
  const uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  const uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  return {p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (mid << 32) | (p00 & 0xffffffffu)};
}

inline int bit_width128(U128 v) { return v.hi ? 64 + std::bit_width(v.hi) : std::bit_width(v.lo); }

inline U128 shl128(U128 v, int n) {
  if (n == 0) return v;
  if (n >= 64) return {v.lo << (n - 64), 0};
  return {(v.hi << n) | (v.lo >> (64 - n)), v.lo << n};
}

// Shift right, OR-ing every bit shifted out into the lowest bit ("jamming").
inline U128 shr128_jam(U128 v, int n) {
  if (n == 0) return v;
  if (n >= 128) return {0, (v.hi | v.lo) != 0 ? 1u : 0u};
  U128 r;
  bool lost;
  if (n >= 64) {
    const int k = n - 64;
    lost = v.lo != 0 || (k > 0 && (v.hi << (64 - k)) != 0);
    r = {0, k == 0 ? v.hi : v.hi >> k};
  } else {
    lost = (v.lo << (64 - n)) != 0;
    r = {v.hi >> n, (v.lo >> n) | (v.hi << (64 - n))};
  }
  r.lo |= lost ? 1 : 0;
  return r;
}

inline U128 add128(U128 a, U128 b) {
  const uint64_t lo = a.lo + b.lo;
  return {a.hi + b.hi + (lo < a.lo ? 1 : 0), lo};
}
inline U128 sub128(U128 a, U128 b) { return {a.hi - b.hi - (a.lo < b.lo ? 1 : 0), a.lo - b.lo}; }
inline bool less128(U128 a, U128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }

// Rounds the 128-bit significand r (value r * 2^exp) into format f. Bits below the top 62 are
// jammed into the lowest kept bit, which lies far below every format's rounding point, so it acts as
// an exact sticky bit.
inline uint64_t round_pack128(Format f, bool neg, int exp, U128 r, RoundMode mode) {
  const int w = bit_width128(r);
  if (w <= 62) return round_pack(f, neg, exp, r.lo, false, mode);
  return round_pack(f, neg, exp + (w - 62), shr128_jam(r, w - 62).lo, false, mode);
}

// The sign of an exact zero sum x + y of opposite-signed (or differently signed zero) terms.
constexpr bool exact_zero_sign(bool sx, bool sy, RoundMode mode) {
  return sx == sy ? sx : mode == RoundMode::Rm;
}

// a*b + c rounded once into f (inputs are doubles holding values of f or any narrower format).
// Without c (has_c false) this is the correctly rounded product.
uint64_t soft_fma(Format f, double a, double b, double c, bool has_c, RoundMode mode);
// a / b rounded once into f.
uint64_t soft_div(Format f, double a, double b, RoundMode mode);
// sqrt(a) rounded once into f. a must hold a value of f (or narrower).
uint64_t soft_sqrt(Format f, double a, RoundMode mode);

}  // namespace canopy::gpu::fp
