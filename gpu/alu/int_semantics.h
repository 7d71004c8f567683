// The per-lane meaning of Canopy's integer arithmetic (PTX semantics), as pure functions of the lane's
// values. The ALU handlers (int_*.cpp) call these for every lane; tests check them directly.
//
// How an integer instruction uses Instr::type and Instr::type2 (the finalizer builds exactly this):
//   add sub min max abs neg sad div rem  type = operand and result type (u/s/b 16, 32, 64; b = unsigned)
//   mul/mad .lo/.hi                      type = operand and result type; type2 unused
//   mul/mad .wide                        type = RESULT type (u32/s32 from 16-bit sources, u64/s64 from
//                                        32-bit sources), type2 = SOURCE type of a and b (u16/s16/u32/s32,
//                                        same signedness as type); mad.wide's c has the result type.
//                                        E.g. PTX `mul.wide.s32 d, a, b` is type = S64, type2 = S32.
//   mul24/mad24                          type = u32 or s32, mods.mul = Lo or Hi (bits 47..16 of the product)
//   addc subc madc (and add/sub/mad with mods.carry_out, i.e. `.cc`)
//                                        type = u32/s32/u64/s64; the CC flag is AluOperands::carry.
//                                        subc: CC.CF is a BORROW flag, d = a - (b + CF), as PTX defines it.
//   setp                                 type = the COMPARED type; src2 = optional predicate for mods.boolop;
//                                        d0 = t boolop src2, d1 (if ndst == 2) = !t boolop src2 (PTX `p|q`)
//   set                                  type = RESULT type (u32/s32: all ones; f32: 1.0f), type2 = compared
//                                        type
//   slct                                 type = type of d, a, b (any 16/32/64-bit type, just bits);
//                                        type2 = type of c (s32 or f32)
//   dp4a/dp2a                            type = signedness of a (u32/s32), type2 = signedness of b;
//                                        dp2a's mods.mul Lo/Hi picks the bytes of b
//   pack/unpack                          type = ELEMENT type; the element count is nsrc (pack) / ndst
//                                        (unpack), 2 or 4, element 0 in the lowest bits
//   selp mov                             type = any type (just bits); mov.pred copies a lane mask
//   popc clz bfind brev bfe bfi shl shr shf prmt lop3 and or xor not cnot: type = operand type; the
//                                        result of popc, clz and bfind is u32.
//
// Integer division by zero (PTX leaves it undefined) is defined as NVIDIA GPUs compute it: the quotient
// and the remainder are all ones for every type (x / 0 == x % 0 == ~0), the fixup the hardware division
// sequence applies. INT_MIN / -1 == INT_MIN and INT_MIN % -1 == 0 (wrapping, never a host trap).
#pragma once

#include <cstdint>
#include <type_traits>

#include "isa/isa.h"

namespace canopy::gpu::alu::isem {

// Arithmetic on 16-bit values is done in unsigned int so no promotion to signed int can overflow.
template <class U>
using Promoted = std::conditional_t<(sizeof(U) < sizeof(unsigned)), unsigned, U>;
template <class U>
using Signed = std::make_signed_t<U>;

template <class U>
constexpr int kBits = static_cast<int>(sizeof(U) * 8);

template <class U>
constexpr Signed<U> as_signed(U v) {
  return static_cast<Signed<U>>(v);
}
template <class U>
constexpr bool sign_bit(U v) {
  return (v >> (kBits<U> - 1)) & 1;
}
// The value sign- or zero-extended to 64 bits (as the type's signedness says).
template <class U, bool kSigned>
constexpr uint64_t extend(U v) {
  if constexpr (kSigned) return static_cast<uint64_t>(static_cast<int64_t>(as_signed(v)));
  return v;
}

template <class U>
constexpr U add(U a, U b) {
  return static_cast<U>(Promoted<U>(a) + Promoted<U>(b));
}
template <class U>
constexpr U sub(U a, U b) {
  return static_cast<U>(Promoted<U>(a) - Promoted<U>(b));
}
template <class U>
constexpr U neg(U a) {
  return static_cast<U>(Promoted<U>(0) - Promoted<U>(a));
}
// abs of the most negative value is itself (two's complement wrap).
template <class U>
constexpr U abs(U a) {
  return sign_bit(a) ? neg(a) : a;
}

constexpr uint32_t saturate_s32(int64_t v) {
  if (v > INT32_MAX) v = INT32_MAX;
  if (v < INT32_MIN) v = INT32_MIN;
  return static_cast<uint32_t>(v);
}
constexpr uint32_t add_sat_s32(uint32_t a, uint32_t b) {
  return saturate_s32(int64_t{as_signed(a)} + int64_t{as_signed(b)});
}
constexpr uint32_t sub_sat_s32(uint32_t a, uint32_t b) {
  return saturate_s32(int64_t{as_signed(a)} - int64_t{as_signed(b)});
}

template <class U>
constexpr U mul_lo(U a, U b) {
  return static_cast<U>(Promoted<U>(a) * Promoted<U>(b));
}

// High 64 bits of the 128-bit product, from 32-bit halves (no host 128-bit type needed).
constexpr uint64_t mul_hi_u64(uint64_t a, uint64_t b) {
  uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
  uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
  return hi_hi + (hi_lo >> 32) + (cross >> 32);
}
// Signed high half: the unsigned one corrected for each negative operand.
constexpr uint64_t mul_hi_s64(uint64_t a, uint64_t b) {
  uint64_t hi = mul_hi_u64(a, b);
  if (sign_bit(a)) hi -= b;
  if (sign_bit(b)) hi -= a;
  return hi;
}

// The full 2N-bit product of N-bit sources (N = 16 or 32), as the low 2N bits of a uint64_t.
template <class U, bool kSigned>
constexpr uint64_t mul_wide(U a, U b) {
  static_assert(sizeof(U) <= 4, "mul.wide takes 16- or 32-bit sources");
  uint64_t product = extend<U, kSigned>(a) * extend<U, kSigned>(b);
  return sizeof(U) == 4 ? product : product & 0xffffffffu;
}

template <class U, bool kSigned>
constexpr U mul_hi(U a, U b) {
  if constexpr (sizeof(U) == 8) {
    return kSigned ? mul_hi_s64(a, b) : mul_hi_u64(a, b);
  } else {
    return static_cast<U>(mul_wide<U, kSigned>(a, b) >> kBits<U>);
  }
}

// mad.hi.sat.s32: the high half of the product plus c, clamped to the s32 range.
constexpr uint32_t mad_hi_sat_s32(uint32_t a, uint32_t b, uint32_t c) {
  return add_sat_s32(mul_hi<uint32_t, true>(a, b), c);
}

// mul24: the 48-bit product of the low 24 bits of a and b (sign-extended from bit 23 when signed);
// .lo is bits 31..0, .hi bits 47..16.
template <bool kSigned>
constexpr uint64_t mul24_product(uint32_t a, uint32_t b) {
  auto widen = [](uint32_t v) -> uint64_t {
    uint64_t low24 = v & 0xffffffu;
    if (kSigned && (low24 & 0x800000u)) low24 |= ~uint64_t{0xffffff};
    return low24;
  };
  return widen(a) * widen(b);
}
template <bool kSigned, bool kHi>
constexpr uint32_t mul24(uint32_t a, uint32_t b) {
  uint64_t p = mul24_product<kSigned>(a, b);
  return static_cast<uint32_t>(kHi ? p >> 16 : p);
}

// sad: c + |a - b|, the difference taken in the type's signedness.
template <class U, bool kSigned>
constexpr U sad(U a, U b, U c) {
  bool a_less = kSigned ? as_signed(a) < as_signed(b) : a < b;
  return add(c, a_less ? sub(b, a) : sub(a, b));
}

template <class U, bool kSigned>
constexpr U min(U a, U b) {
  bool a_less = kSigned ? as_signed(a) < as_signed(b) : a < b;
  return a_less ? a : b;
}
template <class U, bool kSigned>
constexpr U max(U a, U b) {
  bool a_less = kSigned ? as_signed(a) < as_signed(b) : a < b;
  return a_less ? b : a;
}

template <class U>
constexpr U mad_lo(U a, U b, U c) {
  return add(mul_lo(a, b), c);
}
template <class U, bool kSigned>
constexpr U mad_hi(U a, U b, U c) {
  return add(mul_hi<U, kSigned>(a, b), c);
}
// mad.wide: the 2N-bit product plus the 2N-bit c, wrapping in 2N bits.
template <class U, bool kSigned>
constexpr uint64_t mad_wide(U a, U b, uint64_t c) {
  uint64_t sum = mul_wide<U, kSigned>(a, b) + c;
  return sizeof(U) == 4 ? sum : sum & 0xffffffffu;
}
template <bool kSigned, bool kHi>
constexpr uint32_t mad24(uint32_t a, uint32_t b, uint32_t c) {
  return mul24<kSigned, kHi>(a, b) + c;
}
constexpr uint32_t mad24_hi_sat_s32(uint32_t a, uint32_t b, uint32_t c) {
  return add_sat_s32(mul24<true, true>(a, b), c);
}

// Integer comparison. eq ne lt le gt ge follow the type's signedness (b types are unsigned);
// lo ls hi hs always compare unsigned. Float-only operators (equ ... nan) are false.
template <class U, bool kSigned>
constexpr bool compare(isa::CmpOp op, U a, U b) {
  bool less = kSigned ? as_signed(a) < as_signed(b) : a < b;
  switch (op) {
    case isa::CmpOp::Eq:
      return a == b;
    case isa::CmpOp::Ne:
      return a != b;
    case isa::CmpOp::Lt:
      return less;
    case isa::CmpOp::Le:
      return less || a == b;
    case isa::CmpOp::Gt:
      return !less && a != b;
    case isa::CmpOp::Ge:
      return !less;
    case isa::CmpOp::Lo:
      return a < b;
    case isa::CmpOp::Ls:
      return a <= b;
    case isa::CmpOp::Hi:
      return a > b;
    case isa::CmpOp::Hs:
      return a >= b;
    default:
      return false;
  }
}
constexpr bool is_integer_cmp(isa::CmpOp op) { return op <= isa::CmpOp::Hs; }

// slct with an f32 c: true (select a) when c >= 0. -0.0 counts as >= 0; NaN selects b; with ftz a
// subnormal c is flushed to a zero of its sign first (so a negative subnormal selects a).
constexpr bool slct_f32_selects_a(uint32_t c, bool ftz) {
  uint32_t exponent = (c >> 23) & 0xff, mantissa = c & 0x7fffff;
  bool negative = c >> 31;
  bool is_nan = exponent == 0xff && mantissa != 0;
  bool is_zero = (c & 0x7fffffffu) == 0;
  bool is_subnormal = exponent == 0 && mantissa != 0;
  return !is_nan && (!negative || is_zero || (ftz && is_subnormal));
}
constexpr bool slct_s32_selects_a(uint32_t c) { return as_signed(c) >= 0; }

// Division and remainder, defined for every input (see the top of this file). The divisor is made
// safe before the host divides, so no lane can trap.
template <class U, bool kSigned>
constexpr U div(U a, U b) {
  constexpr U kAllOnes = static_cast<U>(~U{0});
  if (b == 0) return kAllOnes;
  if constexpr (kSigned) {
    if (b == kAllOnes) return neg(a);  // x / -1, including INT_MIN / -1 == INT_MIN
    return static_cast<U>(as_signed(a) / as_signed(b));
  } else {
    return static_cast<U>(a / b);
  }
}
template <class U, bool kSigned>
constexpr U rem(U a, U b) {
  constexpr U kAllOnes = static_cast<U>(~U{0});
  if (b == 0) return kAllOnes;
  if constexpr (kSigned) {
    if (b == kAllOnes) return 0;
    return static_cast<U>(as_signed(a) % as_signed(b));
  } else {
    return static_cast<U>(a % b);
  }
}

// Add with carry: returns a + b + carry_in and sets carry_out to the unsigned carry out of the top bit.
template <class U>
constexpr U add_carry(U a, U b, bool carry_in, bool& carry_out) {
  U sum = add(a, b);
  U total = add(sum, static_cast<U>(carry_in));
  carry_out = (sum < a) || (total < sum);
  return total;
}
// Subtract with borrow: returns a - (b + borrow_in) and sets borrow_out when that went below zero.
template <class U>
constexpr U sub_borrow(U a, U b, bool borrow_in, bool& borrow_out) {
  U diff = sub(a, b);
  U total = sub(diff, static_cast<U>(borrow_in));
  borrow_out = (a < b) || (diff < static_cast<U>(borrow_in));
  return total;
}

}  // namespace canopy::gpu::alu::isem
