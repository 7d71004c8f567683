// Per-lane semantics of cvt between every pair of PTX scalar types: `type` is the destination and
// `type2` the source (b types behave as u types). Pure functions of the source register slot,
// templated on the types and rounding so the lane loop has no switch; tested directly by
// tests/alu/cvt_*_test.cpp.
//
// Rules (PTX ISA "cvt"):
//  - int -> int: widening sign- or zero-extends by the source type, narrowing truncates; .sat clamps
//    to the destination range instead. Results are zero-extended to 64 bits in the register.
//  - float -> int: .rni/.rzi/.rmi/.rpi round to an integer, then the value always saturates to the
//    destination range; NaN gives 0.
//  - int -> float and narrowing float -> float: .rn/.rz/.rm/.rp (.rna for tf32), correctly rounded,
//    including u64/s64 -> f32 and subnormal f16/bf16 results. Widening float -> float is exact.
//  - same-format float -> float: no rounding (only .ftz/.sat apply) or .rni/.rzi/.rmi/.rpi, which
//    round to an integral value in that format.
//  - .ftz flushes f32 subnormals: an f32 source before converting, an f32 destination after.
//  - .sat on a float destination clamps to [0, 1] (NaN -> +0).
//  - NaN results are canonical (fp_bits.h). tf32 results use the f32 register layout with the low 13
//    significand bits zero.
#pragma once

#include <cmath>
#include <cstdint>

#include "gpu/alu/fp_bits.h"
#include "gpu/alu/fp_soft.h"
#include "gpu/alu/lanes.h"
#include "isa/isa.h"

namespace canopy::gpu::cvt {

using isa::DataType;
using isa::Rounding;

constexpr bool is_int_type(DataType t) {
  return t == DataType::U8 || t == DataType::U16 || t == DataType::U32 || t == DataType::U64 ||
         t == DataType::S8 || t == DataType::S16 || t == DataType::S32 || t == DataType::S64;
}
constexpr bool is_scalar_float(DataType t) {
  return t == DataType::F16 || t == DataType::BF16 || t == DataType::F32 || t == DataType::F64 ||
         t == DataType::TF32;
}

// b8..b64 convert as u8..u64.
constexpr DataType canonical_type(DataType t) {
  switch (t) {
    case DataType::B8:
      return DataType::U8;
    case DataType::B16:
      return DataType::U16;
    case DataType::B32:
      return DataType::U32;
    case DataType::B64:
      return DataType::U64;
    default:
      return t;
  }
}

constexpr fp::Format format_of(DataType t) {
  switch (t) {
    case DataType::F16:
      return fp::kF16;
    case DataType::BF16:
      return fp::kBF16;
    case DataType::TF32:
      return fp::kTF32;
    case DataType::F64:
      return fp::kF64;
    default:
      return fp::kF32;
  }
}

constexpr fp::RoundMode round_mode(Rounding r) {
  switch (r) {
    case Rounding::Rz:
      return fp::RoundMode::Rz;
    case Rounding::Rm:
      return fp::RoundMode::Rm;
    case Rounding::Rp:
      return fp::RoundMode::Rp;
    case Rounding::Rna:
      return fp::RoundMode::Rna;
    default:
      return fp::RoundMode::Rn;
  }
}

// An integer as sign and magnitude (never a negative zero).
struct IntValue {
  bool neg;
  uint64_t mag;
};

template <DataType S>
inline IntValue read_int(uint64_t slot) {
  constexpr unsigned w = isa::bit_width(S);
  const uint64_t v = zero_extend(slot, w);
  if constexpr (isa::is_signed(S)) {
    if ((v >> (w - 1)) & 1) return {true, zero_extend(~v + 1, w)};
  }
  return {false, v};
}

// Two's complement truncation into D.
template <DataType D>
inline uint64_t wrap_int(IntValue v) {
  return zero_extend(v.neg ? 0 - v.mag : v.mag, isa::bit_width(D));
}

// Clamp into D's range, then encode.
template <DataType D>
inline uint64_t saturate_int(IntValue v) {
  constexpr unsigned w = isa::bit_width(D);
  if constexpr (isa::is_signed(D)) {
    const uint64_t max_pos = (uint64_t{1} << (w - 1)) - 1;
    const uint64_t max_neg = uint64_t{1} << (w - 1);
    if (v.neg) return wrap_int<D>({true, v.mag > max_neg ? max_neg : v.mag});
    return wrap_int<D>({false, v.mag > max_pos ? max_pos : v.mag});
  } else {
    if (v.neg) return 0;
    const uint64_t max = w >= 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1;
    return v.mag > max ? max : v.mag;
  }
}

// Reads a float source exactly as a double (every source format fits).
template <DataType S>
inline double read_float(uint64_t slot, bool ftz) {
  if constexpr (S == DataType::F64) {
    return fp::f64_from_bits(slot);
  } else if constexpr (S == DataType::F32 || S == DataType::TF32) {
    const float f = fp::lane_value<float>(slot);
    return ftz ? fp::flush_subnormal(f) : f;
  } else {
    return fp::decode_to_double(format_of(S), slot & 0xffff);
  }
}

// Rounds to an integral value with .rni/.rzi/.rmi/.rpi; exact operations only.
template <Rounding R>
inline double round_integral(double x) {
  if constexpr (R == Rounding::Rzi) return std::trunc(x);
  if constexpr (R == Rounding::Rmi) return std::floor(x);
  if constexpr (R == Rounding::Rpi) return std::ceil(x);
  const double t = std::trunc(x);
  const double frac = std::fabs(x - t);  // exact
  const bool odd = std::trunc(t * 0.5) != t * 0.5;
  if (frac > 0.5 || (frac == 0.5 && odd)) return x < 0 ? t - 1.0 : t + 1.0;
  return t;
}

// A float value (already integral) into integer type D, saturating; NaN -> 0.
template <DataType D>
inline uint64_t float_to_int(double x) {
  constexpr unsigned w = isa::bit_width(D);
  if (x != x) return 0;
  if constexpr (isa::is_signed(D)) {
    const double limit = std::ldexp(1.0, static_cast<int>(w) - 1);  // 2^(w-1), exact
    if (x >= limit) return saturate_int<D>({false, ~uint64_t{0}});
    if (x < -limit) return saturate_int<D>({true, ~uint64_t{0}});
    const double mag = std::fabs(x);
    return wrap_int<D>({x < 0, static_cast<uint64_t>(mag)});
  } else {
    const double limit = std::ldexp(1.0, static_cast<int>(w));  // 2^w, exact
    if (!(x > 0)) return 0;
    if (x >= limit) return saturate_int<D>({false, ~uint64_t{0}});
    return static_cast<uint64_t>(x);
  }
}

// tf32 is computed in its own 19-bit encoding; registers hold it in the f32 layout.
constexpr uint64_t tf32_to_f32_layout(uint64_t b) {
  return ((b >> 18) << 31) | (((b >> 10) & 0xff) << 23) | ((b & 0x3ff) << 13);
}

// The bits of x rounded into float type D.
template <DataType D>
inline uint64_t encode_float(double x, fp::RoundMode m, bool ftz) {
  if constexpr (D == DataType::F64) {
    return fp::to_bits(fp::canonicalize_nan(x));
  } else if constexpr (D == DataType::TF32) {
    return tf32_to_f32_layout(fp::round_double(fp::kTF32, x, m));
  } else if constexpr (D == DataType::F32) {
    const uint64_t b = fp::round_double(fp::kF32, x, m);
    return ftz ? fp::to_bits(fp::flush_subnormal(fp::f32_from_bits(static_cast<uint32_t>(b)))) : b;
  } else {
    return fp::round_double(format_of(D), x, m);
  }
}

template <DataType D>
inline uint64_t encode_int_as_float(IntValue v, fp::RoundMode m) {
  if constexpr (D == DataType::TF32) {
    return tf32_to_f32_layout(fp::round_pack(fp::kTF32, v.neg, 0, v.mag, false, m));
  } else {
    return fp::round_pack(format_of(D), v.neg, 0, v.mag, false, m);
  }
}

// One lane of cvt.R(.ftz)(.sat).D.S (with R = Rounding::None where the form takes no rounding).
template <DataType D, DataType S, Rounding R>
inline uint64_t convert(uint64_t slot, bool ftz, bool sat) {
  if constexpr (is_int_type(S) && is_int_type(D)) {
    const IntValue v = read_int<S>(slot);
    return sat ? saturate_int<D>(v) : wrap_int<D>(v);
  } else if constexpr (is_int_type(S)) {
    IntValue v = read_int<S>(slot);
    if (sat) v = v.neg ? IntValue{false, 0} : IntValue{false, v.mag > 1 ? 1 : v.mag};
    return encode_int_as_float<D>(v, round_mode(R));
  } else if constexpr (is_int_type(D)) {
    return float_to_int<D>(round_integral<R>(read_float<S>(slot, ftz)));
  } else {
    double x = read_float<S>(slot, ftz);
    if constexpr (R == Rounding::Rni || R == Rounding::Rzi || R == Rounding::Rmi || R == Rounding::Rpi)
      x = round_integral<R>(x);
    if (sat) x = fp::saturate(x);
    return encode_float<D>(x, round_mode(R), ftz);
  }
}

}  // namespace canopy::gpu::cvt
