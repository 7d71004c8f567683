// Portable float bit helpers shared by the floating-point ALU and cvt: bit casts, the canonical NaN,
// subnormal flushing (.ftz) and saturation (.sat). Pure functions on values, no host FP environment.
//
// NaN results: PTX documents that f32 arithmetic produces the canonical NaN 0x7fffffff rather than
// propagating input payloads. Canopy applies the same rule to every format so results never depend on
// which host propagated which payload: f32 0x7fffffff, f64 0x7fffffffffffffff, f16/bf16 0x7fff,
// tf32 0x7fffe000 (the f32 canonical NaN with the 13 bits tf32 does not keep cleared). Pure sign-bit
// operations (abs, neg, copysign) and selections (min/max of one NaN, mov) are bit operations and
// keep their operand's bits.
#pragma once

#include <cstdint>
#include <cstring>

namespace canopy::gpu::fp {

constexpr uint32_t kCanonicalNanF32 = 0x7fffffffu;
constexpr uint64_t kCanonicalNanF64 = 0x7fffffffffffffffull;
constexpr uint16_t kCanonicalNanF16 = 0x7fff;
constexpr uint16_t kCanonicalNanBF16 = 0x7fff;
constexpr uint32_t kCanonicalNanTF32 = 0x7fffe000u;

template <class T>
struct FloatTraits;

template <>
struct FloatTraits<float> {
  using Bits = uint32_t;
  static constexpr Bits kSign = 0x80000000u;
  static constexpr Bits kExp = 0x7f800000u;
  static constexpr Bits kMant = 0x007fffffu;
  static constexpr Bits kCanonicalNan = kCanonicalNanF32;
};

template <>
struct FloatTraits<double> {
  using Bits = uint64_t;
  static constexpr Bits kSign = 0x8000000000000000ull;
  static constexpr Bits kExp = 0x7ff0000000000000ull;
  static constexpr Bits kMant = 0x000fffffffffffffull;
  static constexpr Bits kCanonicalNan = kCanonicalNanF64;
};

template <class T>
inline typename FloatTraits<T>::Bits to_bits(T x) {
  typename FloatTraits<T>::Bits b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

template <class T>
inline T from_bits(typename FloatTraits<T>::Bits b) {
  T x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

inline float f32_from_bits(uint32_t b) { return from_bits<float>(b); }
inline double f64_from_bits(uint64_t b) { return from_bits<double>(b); }

// Register lanes: an f32 lives in the low 32 bits of the 64-bit slot, upper bits zero.
template <class T>
inline T lane_value(uint64_t slot) {
  return from_bits<T>(static_cast<typename FloatTraits<T>::Bits>(slot));
}
template <class T>
inline uint64_t lane_slot(T x) {
  return to_bits(x);
}

// Subnormal -> zero of the same sign (PTX .ftz). Written as a select so lane loops vectorize.
template <class T>
inline T flush_subnormal(T x) {
  using Tr = FloatTraits<T>;
  const auto b = to_bits(x);
  return (b & Tr::kExp) == 0 ? from_bits<T>(b & Tr::kSign) : x;
}

template <class T>
inline T canonicalize_nan(T x) {
  return x != x ? from_bits<T>(FloatTraits<T>::kCanonicalNan) : x;
}

// PTX .sat: clamp to [0.0, 1.0]; NaN and -0.0 become +0.0.
template <class T>
inline T saturate(T x) {
  return x > T(0) ? (x < T(1) ? x : T(1)) : T(0);
}

template <class T>
inline bool sign_bit(T x) {
  return (to_bits(x) & FloatTraits<T>::kSign) != 0;
}

template <class T>
inline bool is_nan(T x) {
  return x != x;
}

template <class T>
inline bool is_inf(T x) {
  using Tr = FloatTraits<T>;
  return (to_bits(x) & ~Tr::kSign) == Tr::kExp;
}

template <class T>
inline bool is_subnormal(T x) {
  using Tr = FloatTraits<T>;
  const auto b = to_bits(x);
  return (b & Tr::kExp) == 0 && (b & Tr::kMant) != 0;
}

// Applies the result modifiers in PTX order: flush, then saturate, then the canonical NaN.
template <class T, bool Ftz, bool Sat>
inline T finish_result(T r) {
  if constexpr (Ftz) r = flush_subnormal(r);
  if constexpr (Sat) r = saturate(r);
  return canonicalize_nan(r);
}

}  // namespace canopy::gpu::fp
