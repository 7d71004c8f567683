// The arithmetic of a texture fetch, as the CUDA Programming Guide's "Texture Fetching" appendix
// documents it: coordinate scaling, address modes, point sampling, linear filtering with weights in
// 9-bit fixed point (8 fractional bits), and texel decoding with the normalized-float read mode.
// Pure functions over plain values, so they can be tested alone; the engine (gpu/exec/cta_texture.cpp)
// gathers the texels through checked memory and combines them with these.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "gpu/texture/texture_object.h"

namespace canopy::gpu::texmath {

inline constexpr int64_t kBorder = -1;  // a texel index outside the texture under border addressing

// Wrap and mirror exist only for normalized coordinates; with unnormalized ones the hardware clamps.
inline TexAddress effective_mode(TexAddress mode, bool normalized_coords) {
  if (!normalized_coords && (mode == TexAddress::Wrap || mode == TexAddress::Mirror))
    return TexAddress::Clamp;
  return mode;
}

// The texel index an integer index i of a texture of n texels reads, or kBorder (reads zero).
inline int64_t address_texel(int64_t i, int64_t n, TexAddress mode) {
  switch (mode) {
    case TexAddress::Wrap: {
      const int64_t r = i % n;
      return r < 0 ? r + n : r;
    }
    case TexAddress::Mirror: {  // period 2n: 0..n-1, then n-1..0
      int64_t r = i % (2 * n);
      if (r < 0) r += 2 * n;
      return r < n ? r : 2 * n - 1 - r;
    }
    case TexAddress::Border:
      return i < 0 || i >= n ? kBorder : i;
    case TexAddress::Clamp:
    default:
      return i < 0 ? 0 : i >= n ? n - 1 : i;
  }
}

// Coordinates beyond this are far outside any texture (the largest is 2^16 texels wide) yet still
// exact integers after floor; NaN reads coordinate 0 (a documented decision: hardware leaves it open).
inline float sanitize(float x) {
  constexpr float kLimit = 1u << 30;
  if (std::isnan(x)) return 0.0f;
  return x < -kLimit ? -kLimit : x > kLimit ? kLimit : x;
}

// A coordinate in texel units: normalized coordinates are scaled by the size first.
inline float texel_coordinate(float x, uint32_t size, bool normalized_coords) {
  return sanitize(normalized_coords ? x * static_cast<float>(size) : x);
}

// Point sampling: tex(x) = T[floor(x)].
inline int64_t point_index(float x) { return static_cast<int64_t>(std::floor(x)); }

// Point sampling along one axis: the texel index, or kBorder. With normalized coordinates, wrap and mirror
// follow the guide literally: x becomes frac(x) (wrap) or, when floor(x) is odd, 1 - frac(x) (mirror), and
// is then scaled by the size (a result of exactly `size` reads the last texel). Otherwise the floored
// texel coordinate goes through the address mode.
inline int64_t point_texel(float x, uint32_t size, bool normalized_coords, TexAddress mode) {
  const TexAddress m = effective_mode(mode, normalized_coords);
  if (normalized_coords && (m == TexAddress::Wrap || m == TexAddress::Mirror)) {
    const float s = sanitize(x);
    const float fl = std::floor(s);
    float f = s - fl;
    if (m == TexAddress::Mirror && (static_cast<int64_t>(fl) & 1)) f = 1.0f - f;
    const int64_t i = point_index(f * static_cast<float>(size));
    return i < 0 ? 0 : i >= size ? size - 1 : i;
  }
  return address_texel(point_index(texel_coordinate(x, size, normalized_coords)), size, m);
}

// A linear-filter weight held in 9-bit fixed point with 8 fractional bits (round to nearest), so a
// weight is a multiple of 1/256 in [0, 1].
inline float quantize_weight(float fraction) { return std::nearbyint(fraction * 256.0f) / 256.0f; }

// Linear filtering along one axis: x_B = x - 0.5, taps floor(x_B) and floor(x_B) + 1, weight of the
// second tap alpha = frac(x_B) quantized.
struct LinearTaps {
  int64_t i0 = 0;
  float alpha = 0;
};
inline LinearTaps linear_taps(float x) {
  const float xb = x - 0.5f;
  const float fl = std::floor(xb);
  return {static_cast<int64_t>(fl), quantize_weight(xb - fl)};
}

inline float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h >> 15) << 31;
  const uint32_t exp = (h >> 10) & 0x1f, man = h & 0x3ff;
  float f;
  if (exp == 0) {
    f = std::ldexp(static_cast<float>(man), -24);
  } else if (exp == 31) {
    f = man ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
  } else {
    f = std::ldexp(static_cast<float>(man | 0x400), static_cast<int>(exp) - 25);
  }
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  bits |= sign;
  std::memcpy(&f, &bits, 4);
  return f;
}

// One texel's channels as a texture returns them. Integers read in element type come back as their
// (sign- or zero-extended) integer value; everything else as floats. Missing channels read as 0, except
// a missing w (alpha) which reads as 1 (1.0f or integer 1), like the hardware's default for formats
// without alpha.
struct TexelValue {
  std::array<float, 4> f{};
  std::array<int32_t, 4> i{};
  bool is_float = true;
};

inline float normalize_integer(int64_t v, unsigned bits, bool is_signed) {
  if (!is_signed) return static_cast<float>(v) / static_cast<float>((uint64_t{1} << bits) - 1);
  const float r = static_cast<float>(v) / static_cast<float>((int64_t{1} << (bits - 1)) - 1);
  return r < -1.0f ? -1.0f : r;  // the most negative value maps to -1, not below
}

inline TexelValue decode_texel(const uint8_t* p, const TexelFormat& f, bool normalized_read) {
  TexelValue out;
  out.is_float = f.kind == TexelKind::Float || normalized_read;
  const unsigned bytes = f.bits / 8u;
  for (unsigned c = 0; c < 4; ++c) {
    if (c >= f.channels) {
      const bool alpha = c == 3;
      out.f[c] = alpha ? 1.0f : 0.0f;
      out.i[c] = alpha ? 1 : 0;
      continue;
    }
    uint32_t raw = 0;
    std::memcpy(&raw, p + c * bytes, bytes);  // little-endian hosts (see docs/hosts.md)
    if (f.kind == TexelKind::Float) {
      if (f.bits == 16) {
        out.f[c] = half_to_float(static_cast<uint16_t>(raw));
      } else {
        std::memcpy(&out.f[c], &raw, 4);
      }
      continue;
    }
    int64_t v = raw;
    if (f.kind == TexelKind::Signed && f.bits < 32) {
      const int64_t sign = int64_t{1} << (f.bits - 1);
      v = (v ^ sign) - sign;
    } else if (f.kind == TexelKind::Signed) {
      v = static_cast<int32_t>(raw);
    }
    out.i[c] = static_cast<int32_t>(v);
    if (normalized_read) out.f[c] = normalize_integer(v, f.bits, f.kind == TexelKind::Signed);
  }
  return out;
}

// Weighted sum of filter taps: sum of w[k] * T[k] per channel (float texels only).
inline std::array<float, 4> blend(const TexelValue* taps, const float* weights, unsigned n) {
  std::array<float, 4> r{};
  for (unsigned k = 0; k < n; ++k)
    for (unsigned c = 0; c < 4; ++c) r[c] += weights[k] * taps[k].f[c];
  return r;
}

}  // namespace canopy::gpu::texmath
