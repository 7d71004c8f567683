// Per-lane semantics of PTX floating-point instructions on f32 and f64: pure functions of values,
// one struct per instruction form with everything the instruction's modifiers fix (rounding, .ftz,
// .sat, .NaN) as template parameters, so handler loops contain no switch. Tested directly by
// tests/alu/float_*_test.cpp.
//
// Choices where PTX leaves room (or where the ISA text is terse), all deterministic:
//  - add/sub/mul/fma/mad/div/rcp/sqrt with no rounding modifier are .rn. Float mad is always fused
//    (on sm_20+ mad.f32 is defined as the infinitely precise a*b+c rounded once, like fma).
//  - .ftz (f32 only) flushes subnormal inputs before the operation and subnormal results after
//    rounding, keeping the sign. .sat clamps to [0, 1] after that, with NaN and -0 giving +0.
//  - NaN results are canonical (see fp_bits.h); abs/neg/copysign are sign-bit operations.
//  - min/max: a NaN operand is ignored (both NaN: canonical NaN); .NaN returns the canonical NaN if
//    either is NaN; -0 is ordered below +0 (min(-0, +0) = -0, max(-0, +0) = +0).
//  - Approximate forms compute a tighter result than PTX's documented bounds (fp_approx.h):
//    rcp.approx/sqrt.approx/div.full are correctly rounded; div.approx is a * rcp(b) with the
//    reciprocal of |b| > 2^126 flushed to zero (PTX: then 0, or NaN for infinite a); rsqrt and the
//    f64 approximations are computed in double and rounded once.
#pragma once

#include <cmath>
#include <cstdint>

#include "gpu/alu/fp_approx.h"
#include "gpu/alu/fp_bits.h"
#include "gpu/alu/fp_soft.h"
#include "isa/isa.h"

namespace canopy::gpu::fop {

using fp::RoundMode;

template <class T>
constexpr fp::Format kFormatOf = sizeof(T) == 4 ? fp::kF32 : fp::kF64;

template <class T>
inline T from_soft(uint64_t bits) {
  return fp::from_bits<T>(static_cast<typename fp::FloatTraits<T>::Bits>(bits));
}

template <bool Ftz, class T>
inline T flush_in(T x) {
  if constexpr (Ftz) return fp::flush_subnormal(x);
  return x;
}

// ---- correctly rounded arithmetic in mode R (no modifiers) -----------------------------------------
template <class T, RoundMode R>
inline T add(T a, T b) {
  if constexpr (R == RoundMode::Rn) return a + b;
  return from_soft<T>(fp::soft_fma(kFormatOf<T>, a, 1.0, b, true, R));
}
template <class T, RoundMode R>
inline T mul(T a, T b) {
  if constexpr (R == RoundMode::Rn) return a * b;
  return from_soft<T>(fp::soft_fma(kFormatOf<T>, a, b, 0.0, false, R));
}
template <class T, RoundMode R>
inline T fma(T a, T b, T c) {
  if constexpr (R == RoundMode::Rn) return std::fma(a, b, c);
  return from_soft<T>(fp::soft_fma(kFormatOf<T>, a, b, c, true, R));
}
template <class T, RoundMode R>
inline T div(T a, T b) {
  if constexpr (R == RoundMode::Rn) return a / b;
  return from_soft<T>(fp::soft_div(kFormatOf<T>, a, b, R));
}
template <class T, RoundMode R>
inline T sqrt(T a) {
  if constexpr (R == RoundMode::Rn) return std::sqrt(a);
  return from_soft<T>(fp::soft_sqrt(kFormatOf<T>, a, R));
}

// ---- instruction forms ----------------------------------------------------------------------------
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Add {
  static T apply(T a, T b) {
    return fp::finish_result<T, Ftz, Sat>(add<T, R>(flush_in<Ftz>(a), flush_in<Ftz>(b)));
  }
};
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Sub {
  static T apply(T a, T b) {
    return fp::finish_result<T, Ftz, Sat>(add<T, R>(flush_in<Ftz>(a), -flush_in<Ftz>(b)));
  }
};
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Mul {
  static T apply(T a, T b) {
    return fp::finish_result<T, Ftz, Sat>(mul<T, R>(flush_in<Ftz>(a), flush_in<Ftz>(b)));
  }
};
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Fma {
  static T apply(T a, T b, T c) {
    return fp::finish_result<T, Ftz, Sat>(fma<T, R>(flush_in<Ftz>(a), flush_in<Ftz>(b), flush_in<Ftz>(c)));
  }
};
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Div {
  static T apply(T a, T b) {
    return fp::finish_result<T, Ftz, Sat>(div<T, R>(flush_in<Ftz>(a), flush_in<Ftz>(b)));
  }
};
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Rcp {
  static T apply(T a) { return fp::finish_result<T, Ftz, Sat>(div<T, R>(T(1), flush_in<Ftz>(a))); }
};
template <class T, RoundMode R, bool Ftz, bool Sat>
struct Sqrt {
  static T apply(T a) { return fp::finish_result<T, Ftz, Sat>(sqrt<T, R>(flush_in<Ftz>(a))); }
};

// div.approx.f32: a * (1/b), the reciprocal flushed when it is subnormal (|b| > 2^126).
template <bool Ftz>
struct DivApprox {
  static float apply(float a, float b) {
    const float r = fp::flush_subnormal(1.0f / flush_in<Ftz>(b));
    return fp::finish_result<float, Ftz, false>(flush_in<Ftz>(a) * r);
  }
};
template <bool Ftz>
struct DivFull {
  static float apply(float a, float b) {
    return fp::finish_result<float, Ftz, false>(flush_in<Ftz>(a) / flush_in<Ftz>(b));
  }
};
template <class T, bool Ftz>
struct RcpApprox {
  static T apply(T a) { return fp::finish_result<T, Ftz, false>(T(1) / flush_in<Ftz>(a)); }
};
template <bool Ftz>
struct SqrtApprox {
  static float apply(float a) { return fp::finish_result<float, Ftz, false>(std::sqrt(flush_in<Ftz>(a))); }
};
template <class T, bool Ftz>
struct RsqrtApprox {
  static T apply(T a) {
    const double r = 1.0 / std::sqrt(static_cast<double>(flush_in<Ftz>(a)));
    return fp::finish_result<T, Ftz, false>(static_cast<T>(r));
  }
};

// The f32 special functions: evaluated in double (fp_approx.h), rounded once to f32.
enum class Special { Sin, Cos, Lg2, Ex2, Tanh };
template <Special F, bool Ftz>
struct SpecialFn {
  static float apply(float a) {
    const double x = flush_in<Ftz>(a);
    double r = 0;
    if constexpr (F == Special::Sin) r = fp::approx::sin(x);
    if constexpr (F == Special::Cos) r = fp::approx::cos(x);
    if constexpr (F == Special::Lg2) r = fp::approx::lg2(x);
    if constexpr (F == Special::Ex2) r = fp::approx::ex2(x);
    if constexpr (F == Special::Tanh) r = fp::approx::tanh(x);
    return fp::finish_result<float, Ftz, false>(static_cast<float>(r));
  }
};

template <class T, bool Ftz>
struct Abs {
  static T apply(T a) { return fp::from_bits<T>(fp::to_bits(flush_in<Ftz>(a)) & ~fp::FloatTraits<T>::kSign); }
};
template <class T, bool Ftz>
struct Neg {
  static T apply(T a) { return fp::from_bits<T>(fp::to_bits(flush_in<Ftz>(a)) ^ fp::FloatTraits<T>::kSign); }
};
// copysign d, a, b: |b| with a's sign.
template <class T>
struct Copysign {
  static T apply(T a, T b) {
    using Tr = fp::FloatTraits<T>;
    return fp::from_bits<T>((fp::to_bits(b) & ~Tr::kSign) | (fp::to_bits(a) & Tr::kSign));
  }
};

template <class T, bool IsMax, bool Ftz, bool Nan>
struct MinMax {
  static T apply(T a, T b) {
    a = flush_in<Ftz>(a);
    b = flush_in<Ftz>(b);
    const bool na = a != a, nb = b != b;
    if (na || nb) {
      if (Nan || (na && nb)) return fp::from_bits<T>(fp::FloatTraits<T>::kCanonicalNan);
      return na ? b : a;
    }
    if (a == b) return fp::sign_bit(a) != IsMax ? a : b;  // only differs for -0 vs +0
    return (a < b) != IsMax ? a : b;
  }
};

// ---- comparisons and classification ---------------------------------------------------------------
template <class T, isa::CmpOp C>
inline bool compare(T a, T b) {
  using isa::CmpOp;
  const bool unordered = a != a || b != b;
  if constexpr (C == CmpOp::Eq) return a == b;
  if constexpr (C == CmpOp::Ne) return a < b || a > b;
  if constexpr (C == CmpOp::Lt) return a < b;
  if constexpr (C == CmpOp::Le) return a <= b;
  if constexpr (C == CmpOp::Gt) return a > b;
  if constexpr (C == CmpOp::Ge) return a >= b;
  if constexpr (C == CmpOp::Equ) return unordered || a == b;
  if constexpr (C == CmpOp::Neu) return a != b;
  if constexpr (C == CmpOp::Ltu) return !(a >= b);
  if constexpr (C == CmpOp::Leu) return !(a > b);
  if constexpr (C == CmpOp::Gtu) return !(a <= b);
  if constexpr (C == CmpOp::Geu) return !(a < b);
  if constexpr (C == CmpOp::Num) return !unordered;
  if constexpr (C == CmpOp::Nan) return unordered;
  return false;  // Lo/Ls/Hi/Hs are integer-only and never selected for floats
}

template <class T, isa::TestClass C>
inline bool test_class(T x) {
  using isa::TestClass;
  using Tr = fp::FloatTraits<T>;
  const auto b = fp::to_bits(x);
  const auto e = b & Tr::kExp, m = b & Tr::kMant;
  if constexpr (C == TestClass::Finite) return e != Tr::kExp;
  if constexpr (C == TestClass::Infinite) return e == Tr::kExp && m == 0;
  if constexpr (C == TestClass::Number) return !(e == Tr::kExp && m != 0);
  if constexpr (C == TestClass::NotANumber) return e == Tr::kExp && m != 0;
  if constexpr (C == TestClass::Normal) return e != 0 && e != Tr::kExp;
  if constexpr (C == TestClass::Subnormal) return e == 0 && m != 0;
  return false;
}

}  // namespace canopy::gpu::fop
