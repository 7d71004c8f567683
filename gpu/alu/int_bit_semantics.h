// The per-lane meaning of Canopy's bit-manipulation, shift, byte-permute and dot-product instructions
// (PTX semantics), as pure functions of the lane's values. Operand/type conventions: int_semantics.h.
#pragma once

#include <bit>
#include <cstdint>

#include "gpu/alu/int_semantics.h"
#include "isa/isa.h"

namespace canopy::gpu::alu::isem {

template <class U>
constexpr U bit_and(U a, U b) {
  return a & b;
}
template <class U>
constexpr U bit_or(U a, U b) {
  return a | b;
}
template <class U>
constexpr U bit_xor(U a, U b) {
  return a ^ b;
}
template <class U>
constexpr U bit_not(U a) {
  return static_cast<U>(~a);
}
// cnot: logical not, 1 for zero and 0 otherwise.
template <class U>
constexpr U cnot(U a) {
  return a == 0 ? U{1} : U{0};
}

template <class U>
constexpr uint32_t popc(U a) {
  return static_cast<uint32_t>(std::popcount(a));
}
template <class U>
constexpr uint32_t clz(U a) {
  return static_cast<uint32_t>(std::countl_zero(a));
}

// Position of the most significant non-sign bit (for negative signed values: the most significant 0),
// or 0xffffffff if there is none; with shiftamt, the left shift that moves that bit to the top.
template <class U, bool kSigned>
constexpr uint32_t bfind(U a, bool shiftamt) {
  if (kSigned && sign_bit(a)) a = static_cast<U>(~a);
  if (a == 0) return 0xffffffffu;
  uint32_t leading = clz(a);
  return shiftamt ? leading : static_cast<uint32_t>(kBits<U> - 1) - leading;
}

constexpr uint32_t brev32(uint32_t v) {
  v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
  v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
  v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
  v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
  return (v >> 16) | (v << 16);
}
template <class U>
constexpr U brev(U a) {
  if constexpr (sizeof(U) == 8) {
    return (uint64_t{brev32(static_cast<uint32_t>(a))} << 32) | brev32(static_cast<uint32_t>(a >> 32));
  } else {
    return static_cast<U>(brev32(a) >> (32 - kBits<U>));
  }
}

// The low n bits set (n may be 0 .. width).
template <class U>
constexpr U low_mask(unsigned n) {
  return n >= static_cast<unsigned>(kBits<U>) ? static_cast<U>(~U{0}) : static_cast<U>((U{1} << n) - 1);
}

// bfe: len bits of a from bit pos (pos and len are the low 8 bits of b and c). Bits past the top of a
// read as the sign bit for signed types (0 for unsigned); signed results are sign-extended from the
// field's top bit; len == 0 gives 0.
template <class U, bool kSigned>
constexpr U bfe(U a, uint32_t b, uint32_t c) {
  constexpr unsigned kWidth = kBits<U>;
  unsigned pos = b & 0xff, len = c & 0xff;
  unsigned available = pos >= kWidth ? 0 : kWidth - pos;
  unsigned taken = len < available ? len : available;
  U field = pos >= kWidth ? U{0} : static_cast<U>(a >> pos);
  U mask = low_mask<U>(taken);
  U d = static_cast<U>(field & mask);
  if (kSigned && len != 0) {
    unsigned top = pos + len - 1 < kWidth - 1 ? pos + len - 1 : kWidth - 1;
    if ((a >> top) & 1) d = static_cast<U>(d | ~mask);
  }
  return d;
}

// bfi: the low len bits of a replace bits pos.. of b (pos, len = low 8 bits of c and d); bits past the
// top are dropped.
template <class U>
constexpr U bfi(U a, U b, uint32_t c, uint32_t d) {
  constexpr unsigned kWidth = kBits<U>;
  unsigned pos = c & 0xff, len = d & 0xff;
  if (pos >= kWidth) return b;
  unsigned taken = len < kWidth - pos ? len : kWidth - pos;
  U mask = static_cast<U>(low_mask<U>(taken) << pos);
  return static_cast<U>((b & ~mask) | ((a << pos) & mask));
}

// fns: the position of the |offset|-th set bit of mask counting from bit base upwards (offset > 0) or
// downwards (offset < 0), base included; offset 0 asks whether bit base itself is set. 0xffffffff if
// not found. A base past bit 31 (undefined in PTX) finds nothing.
constexpr uint32_t fns(uint32_t mask, uint32_t base, uint32_t offset) {
  int32_t off = as_signed(offset);
  if (base > 31) return 0xffffffffu;
  if (off == 0) return ((mask >> base) & 1) ? base : 0xffffffffu;
  int step = off > 0 ? 1 : -1;
  int64_t remaining = off > 0 ? int64_t{off} : -int64_t{off};
  for (int pos = static_cast<int>(base); pos >= 0 && pos < 32; pos += step) {
    if (((mask >> pos) & 1) && --remaining == 0) return static_cast<uint32_t>(pos);
  }
  return 0xffffffffu;
}

// Shifts take an unsigned 32-bit amount; amounts >= the width give 0 (shl, logical shr) or the sign
// fill (arithmetic shr). The shift itself always uses an in-range amount, then the result is selected,
// so the lane loop stays branch-free.
template <class U>
constexpr U shl(U a, uint32_t amount) {
  U shifted = static_cast<U>(Promoted<U>(a) << (amount & (kBits<U> - 1)));
  return amount >= static_cast<uint32_t>(kBits<U>) ? U{0} : shifted;
}
template <class U, bool kSigned>
constexpr U shr(U a, uint32_t amount) {
  constexpr uint32_t kMax = kBits<U> - 1;
  if constexpr (kSigned) {
    return static_cast<U>(as_signed(a) >> (amount > kMax ? kMax : amount));
  } else {
    U shifted = static_cast<U>(a >> (amount & kMax));
    return amount > kMax ? U{0} : shifted;
  }
}

// shf: funnel shift of the 64-bit {b:a} by c (clamped to 32 or wrapped mod 32); .l keeps the high 32
// bits of the left shift, .r the low 32 bits of the right shift.
constexpr uint32_t shf(uint32_t a, uint32_t b, uint32_t c, bool left, bool clamp) {
  uint32_t n = clamp ? (c < 32 ? c : 32) : c & 31;
  uint64_t wide = (uint64_t{b} << 32) | a;
  return left ? static_cast<uint32_t>((wide << n) >> 32) : static_cast<uint32_t>(wide >> n);
}

// prmt: four bytes picked from the eight bytes of {b, a} (a = bytes 0..3). Default mode: one selector
// nibble per result byte, bit 3 replicating the picked byte's sign bit. Other modes use c & 3 to pick a
// fixed pattern (PTX ISA table, result bytes 3..0 as nibbles 3..0 here).
constexpr uint16_t prmt_mode_selectors(isa::PrmtMode mode, uint32_t c) {
  constexpr uint16_t kF4e[4] = {0x3210, 0x4321, 0x5432, 0x6543};
  constexpr uint16_t kB4e[4] = {0x5670, 0x6701, 0x7012, 0x0123};
  constexpr uint16_t kRc8[4] = {0x0000, 0x1111, 0x2222, 0x3333};
  constexpr uint16_t kEcl[4] = {0x3210, 0x3211, 0x3222, 0x3333};
  constexpr uint16_t kEcr[4] = {0x0000, 0x1110, 0x2210, 0x3210};
  constexpr uint16_t kRc16[4] = {0x1010, 0x3232, 0x1010, 0x3232};
  unsigned i = c & 3;
  switch (mode) {
    case isa::PrmtMode::F4e:
      return kF4e[i];
    case isa::PrmtMode::B4e:
      return kB4e[i];
    case isa::PrmtMode::Rc8:
      return kRc8[i];
    case isa::PrmtMode::Ecl:
      return kEcl[i];
    case isa::PrmtMode::Ecr:
      return kEcr[i];
    case isa::PrmtMode::Rc16:
      return kRc16[i];
    case isa::PrmtMode::Default:
      break;
  }
  return static_cast<uint16_t>(c & 0xffff);
}
constexpr uint32_t prmt(uint32_t a, uint32_t b, uint32_t c, isa::PrmtMode mode) {
  uint64_t bytes = (uint64_t{b} << 32) | a;
  uint32_t selectors = prmt_mode_selectors(mode, c);
  uint32_t d = 0;
  for (unsigned k = 0; k < 4; ++k) {
    uint32_t sel = (selectors >> (4 * k)) & 0xf;
    uint32_t byte = static_cast<uint32_t>(bytes >> (8 * (sel & 7))) & 0xff;
    if (sel & 8) byte = (byte & 0x80) ? 0xff : 0;
    d |= byte << (8 * k);
  }
  return d;
}

// lop3: bit i of the truth table lut gives the result for input bits (a, b, c) = (i>>2, i>>1, i) & 1,
// i.e. lut = F(0xf0, 0xcc, 0xaa).
constexpr uint64_t lop3(uint64_t a, uint64_t b, uint64_t c, uint32_t lut) {
  uint64_t r = 0;
  for (unsigned i = 0; i < 8; ++i) {
    uint64_t take = uint64_t{0} - ((lut >> i) & 1);
    r |= take & ((i & 4) ? a : ~a) & ((i & 2) ? b : ~b) & ((i & 1) ? c : ~c);
  }
  return r;
}

// Element k (of kBitsPerElement bits) of v, sign- or zero-extended, as a wrapping 32-bit value.
template <unsigned kBitsPerElement, bool kSigned>
constexpr uint32_t element(uint32_t v, unsigned k) {
  uint32_t e = (v >> (kBitsPerElement * k)) & ((1u << kBitsPerElement) - 1);
  if (kSigned && (e >> (kBitsPerElement - 1))) e |= ~((1u << kBitsPerElement) - 1);
  return e;
}

// dp4a: c + sum of the four byte products of a and b (bytes extended per their signedness), mod 2^32.
template <bool kASigned, bool kBSigned>
constexpr uint32_t dp4a(uint32_t a, uint32_t b, uint32_t c) {
  uint32_t d = c;
  for (unsigned k = 0; k < 4; ++k) d += element<8, kASigned>(a, k) * element<8, kBSigned>(b, k);
  return d;
}
// dp2a: c + the two products of a's 16-bit halves with bytes 0,1 (lo) or 2,3 (hi) of b.
template <bool kASigned, bool kBSigned, bool kHi>
constexpr uint32_t dp2a(uint32_t a, uint32_t b, uint32_t c) {
  constexpr unsigned kFirst = kHi ? 2 : 0;
  uint32_t d = c;
  for (unsigned k = 0; k < 2; ++k) d += element<16, kASigned>(a, k) * element<8, kBSigned>(b, kFirst + k);
  return d;
}

}  // namespace canopy::gpu::alu::isem
