// Per-element semantics of the PTX half-precision instructions (.f16, .bf16 and their packed .f16x2 /
// .bf16x2 forms, which apply the same operation to the low and high 16 bits of a 32-bit register).
// Pure functions of 16-bit encodings.
//
// Rules (PTX ISA, half precision floating-point instructions):
//  - add/sub/mul/fma compute the exact result and round once (fp_soft.h's soft_fma: exact product and
//    sum in 128-bit integer arithmetic, valid for both formats; a double would not hold every bf16
//    fma exactly). PTX defines .rn only; Canopy also accepts .rz/.rm/.rp.
//  - .ftz (f16 only) flushes subnormal inputs and results to zero of the same sign; .sat (f16 only)
//    clamps the result to [0, 1] with NaN and -0 giving +0.
//  - NaN results are the canonical NaN 0x7fff (fp_bits.h). neg/abs are sign-bit operations and keep
//    a NaN's bits; min/max return the non-NaN operand of one NaN (.NaN: any NaN gives the canonical
//    NaN) and order -0 below +0.
//  - ex2.approx / tanh.approx evaluate the deterministic double kernels of fp_approx.h and round once
//    to nearest (far inside PTX's documented error bounds).
//  - comparisons decode exactly to double and follow the f32 rules (.ftz flushes operands first).
#pragma once

#include <cstdint>

#include "gpu/alu/float_ops.h"
#include "gpu/alu/fp_approx.h"
#include "gpu/alu/fp_soft.h"
#include "isa/isa.h"

namespace canopy::gpu::half {

enum class Kind : uint8_t { Add, Sub, Mul, Fma, Neg, Abs, Min, Max, Ex2, Tanh };

// Modifiers read once per instruction (the handler is chosen per Kind and format; rounding and the
// flags are runtime values because every arithmetic form goes through the same soft path).
struct Mods {
  fp::RoundMode rnd = fp::RoundMode::Rn;
  bool ftz = false;
  bool sat = false;
  bool nan = false;
};

template <bool BF>
constexpr fp::Format kFormat = BF ? fp::kBF16 : fp::kF16;
constexpr uint16_t kSign = 0x8000;
template <bool BF>
constexpr uint16_t kExpMask = BF ? 0x7f80 : 0x7c00;
template <bool BF>
constexpr uint16_t kOne = BF ? 0x3f80 : 0x3c00;
constexpr uint16_t kCanonicalNan = fp::kCanonicalNanF16;
static_assert(fp::kCanonicalNanF16 == fp::kCanonicalNanBF16);

template <bool BF>
constexpr bool is_nan(uint16_t b) {
  return (b & 0x7fff) > kExpMask<BF>;
}
template <bool BF>
constexpr uint16_t flush(uint16_t b) {
  return (b & kExpMask<BF>) == 0 ? b & kSign : b;
}
template <bool BF>
inline double value(uint16_t b) {
  return fp::decode_to_double(kFormat<BF>, b);
}
// .sat: [0, 1]; NaN, negatives and -0 give +0.
template <bool BF>
constexpr uint16_t saturate(uint16_t b) {
  if (is_nan<BF>(b) || (b & kSign)) return 0;
  return b >= kOne<BF> ? kOne<BF> : b;
}

template <bool BF>
inline uint16_t round_to(double x, fp::RoundMode r) {
  return static_cast<uint16_t>(fp::round_double(kFormat<BF>, x, r));
}

template <bool BF>
inline uint16_t min_max(uint16_t a, uint16_t b, bool is_max, bool nan) {
  const bool na = is_nan<BF>(a), nb = is_nan<BF>(b);
  if (na || nb) {
    if (nan || (na && nb)) return kCanonicalNan;
    return na ? b : a;
  }
  const double x = value<BF>(a), y = value<BF>(b);
  if (x == y) return ((a & kSign) != 0) != is_max ? a : b;  // only differs for -0 vs +0
  return (x < y) != is_max ? a : b;
}

// One element of instruction K on the 16-bit operands a, b, c.
template <bool BF, Kind K>
inline uint16_t apply(const Mods& m, uint16_t a, uint16_t b, uint16_t c) {
  constexpr fp::Format f = kFormat<BF>;
  if (m.ftz) {
    a = flush<BF>(a);
    b = flush<BF>(b);
    c = flush<BF>(c);
  }
  uint16_t r = 0;
  if constexpr (K == Kind::Neg) return a ^ kSign;
  if constexpr (K == Kind::Abs) return a & static_cast<uint16_t>(~kSign);
  if constexpr (K == Kind::Min || K == Kind::Max) return min_max<BF>(a, b, K == Kind::Max, m.nan);
  if constexpr (K == Kind::Add)
    r = static_cast<uint16_t>(fp::soft_fma(f, value<BF>(a), 1.0, value<BF>(b), true, m.rnd));
  if constexpr (K == Kind::Sub)
    r = static_cast<uint16_t>(fp::soft_fma(f, value<BF>(a), 1.0, -value<BF>(b), true, m.rnd));
  if constexpr (K == Kind::Mul)
    r = static_cast<uint16_t>(fp::soft_fma(f, value<BF>(a), value<BF>(b), 0.0, false, m.rnd));
  if constexpr (K == Kind::Fma)
    r = static_cast<uint16_t>(fp::soft_fma(f, value<BF>(a), value<BF>(b), value<BF>(c), true, m.rnd));
  if constexpr (K == Kind::Ex2) r = round_to<BF>(fp::approx::ex2(value<BF>(a)), fp::RoundMode::Rn);
  if constexpr (K == Kind::Tanh) r = round_to<BF>(fp::approx::tanh(value<BF>(a)), fp::RoundMode::Rn);
  if (m.ftz) r = flush<BF>(r);
  if (m.sat) r = saturate<BF>(r);
  return r;
}

// A comparison of two elements (.ftz flushes both first).
template <bool BF>
inline bool compare(isa::CmpOp c, bool ftz, uint16_t a, uint16_t b) {
  if (ftz) {
    a = flush<BF>(a);
    b = flush<BF>(b);
  }
  const double x = value<BF>(a), y = value<BF>(b);
  using isa::CmpOp;
  switch (c) {
#define CANOPY_HALF_CMP(name) \
  case CmpOp::name:           \
    return fop::compare<double, CmpOp::name>(x, y);
    CANOPY_HALF_CMP(Eq)
    CANOPY_HALF_CMP(Ne)
    CANOPY_HALF_CMP(Lt)
    CANOPY_HALF_CMP(Le)
    CANOPY_HALF_CMP(Gt)
    CANOPY_HALF_CMP(Ge)
    CANOPY_HALF_CMP(Equ)
    CANOPY_HALF_CMP(Neu)
    CANOPY_HALF_CMP(Ltu)
    CANOPY_HALF_CMP(Leu)
    CANOPY_HALF_CMP(Gtu)
    CANOPY_HALF_CMP(Geu)
    CANOPY_HALF_CMP(Num)
    CANOPY_HALF_CMP(Nan)
#undef CANOPY_HALF_CMP
    default:
      return false;  // lo/ls/hi/hs are rejected at selection
  }
}

}  // namespace canopy::gpu::half
