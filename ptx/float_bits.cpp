#include "ptx/float_bits.h"

namespace canopy::ptx {
namespace {

// Rounds an f64 to a binary format with `exp_bits` exponent and `man_bits` mantissa bits.
uint64_t narrow(uint64_t f64, int exp_bits, int man_bits) {
  const uint64_t sign = (f64 >> 63) << (exp_bits + man_bits);
  const int e = static_cast<int>((f64 >> 52) & 0x7ff);
  const uint64_t man = f64 & ((uint64_t{1} << 52) - 1);
  const int max_exp = (1 << exp_bits) - 1;
  const uint64_t inf = static_cast<uint64_t>(max_exp) << man_bits;
  if (e == 0x7ff) {
    if (man == 0) return sign | inf;
    return sign | inf | (uint64_t{1} << (man_bits - 1)) | (man >> (52 - man_bits));  // quiet NaN
  }
  if (e == 0) return sign;  // f64 zeros and subnormals are far below every narrower format's range
  const int bias = (1 << (exp_bits - 1)) - 1;
  int target_exp = e - 1023 + bias;
  const uint64_t sig = man | (uint64_t{1} << 52);
  int shift = 52 - man_bits + (target_exp >= 1 ? 0 : 1 - target_exp);
  if (shift > 54) return sign;
  uint64_t rounded = sig >> shift;
  const uint64_t rem = sig & ((uint64_t{1} << shift) - 1);
  const uint64_t half = uint64_t{1} << (shift - 1);
  if (rem > half || (rem == half && (rounded & 1))) ++rounded;
  if (target_exp < 1) return sign | rounded;  // subnormal; a carry into bit man_bits makes it normal
  if (rounded >> (man_bits + 1)) {
    rounded >>= 1;
    ++target_exp;
  }
  if (target_exp >= max_exp) return sign | inf;
  return sign | (static_cast<uint64_t>(target_exp) << man_bits) | (rounded & ((uint64_t{1} << man_bits) - 1));
}

}  // namespace

uint32_t f64_bits_to_f32_bits(uint64_t f64) { return static_cast<uint32_t>(narrow(f64, 8, 23)); }
uint16_t f64_bits_to_f16_bits(uint64_t f64) { return static_cast<uint16_t>(narrow(f64, 5, 10)); }
uint16_t f64_bits_to_bf16_bits(uint64_t f64) { return static_cast<uint16_t>(narrow(f64, 8, 7)); }

uint64_t f32_bits_to_f64_bits(uint32_t f32) {
  const uint64_t sign = static_cast<uint64_t>(f32 >> 31) << 63;
  int e = static_cast<int>((f32 >> 23) & 0xff);
  uint64_t man = f32 & 0x7fffff;
  if (e == 0xff) return sign | (uint64_t{0x7ff} << 52) | (man << 29);
  if (e == 0) {
    if (man == 0) return sign;
    e = 1;
    while (!(man & 0x800000)) {  // normalize the subnormal
      man <<= 1;
      --e;
    }
    man &= 0x7fffff;
  }
  return sign | (static_cast<uint64_t>(e - 127 + 1023) << 52) | (man << 29);
}

uint32_t f16_bits_to_f32_bits(uint16_t f16) {
  const uint32_t sign = static_cast<uint32_t>(f16 >> 15) << 31;
  int e = (f16 >> 10) & 0x1f;
  uint32_t man = f16 & 0x3ff;
  if (e == 0x1f) return sign | 0x7f800000u | (man << 13);
  if (e == 0) {
    if (man == 0) return sign;
    e = 1;
    while (!(man & 0x400)) {
      man <<= 1;
      --e;
    }
    man &= 0x3ff;
  }
  return sign | (static_cast<uint32_t>(e - 15 + 127) << 23) | (man << 13);
}

uint64_t int64_to_f64_bits(int64_t value) {
  if (value == 0) return 0;
  const uint64_t sign = value < 0 ? uint64_t{1} << 63 : 0;
  uint64_t mag = value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  int top = 63;
  while (!(mag >> top)) --top;
  uint64_t man;
  int exp = top;
  if (top <= 52) {
    man = mag << (52 - top);
  } else {
    const int shift = top - 52;
    man = mag >> shift;
    const uint64_t rem = mag & ((uint64_t{1} << shift) - 1);
    const uint64_t half = uint64_t{1} << (shift - 1);
    if (rem > half || (rem == half && (man & 1))) ++man;
    if (man >> 53) {
      man >>= 1;
      ++exp;
    }
  }
  return sign | (static_cast<uint64_t>(exp + 1023) << 52) | (man & ((uint64_t{1} << 52) - 1));
}

}  // namespace canopy::ptx
