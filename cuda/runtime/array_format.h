// CUDA channel descriptors as the device's texel formats (shared by arrays and texture objects).
#pragma once

#include <cstring>
#include <optional>

#include "canopy_texture_types.h"
#include "gpu/texture/texture_object.h"

namespace canopy::cudart {

// The texel format of a channel descriptor, or nothing if CUDA rejects it
// (cudaErrorInvalidChannelDescriptor): 1, 2 or 4 channels filled from x on, all of 8, 16 or 32 bits, signed,
// unsigned or float (16 bits = half).
inline std::optional<gpu::TexelFormat> texel_format(const cudaChannelFormatDesc& d) {
  const int bits = d.x;
  if (bits != 8 && bits != 16 && bits != 32) return std::nullopt;
  const int sizes[4] = {d.x, d.y, d.z, d.w};
  int channels = 0;
  while (channels < 4 && sizes[channels] != 0) ++channels;
  for (int c = channels; c < 4; ++c)
    if (sizes[c] != 0) return std::nullopt;  // a gap
  for (int c = 0; c < channels; ++c)
    if (sizes[c] != bits) return std::nullopt;
  if (channels == 3) return std::nullopt;
  gpu::TexelFormat f;
  f.channels = static_cast<uint8_t>(channels);
  f.bits = static_cast<uint8_t>(bits);
  int kind;  // the caller's bytes: C callers may pass any value
  std::memcpy(&kind, &d.f, sizeof kind);
  switch (kind) {
    case cudaChannelFormatKindSigned:
      f.kind = gpu::TexelKind::Signed;
      break;
    case cudaChannelFormatKindUnsigned:
      f.kind = gpu::TexelKind::Unsigned;
      break;
    case cudaChannelFormatKindFloat:
      if (bits == 8) return std::nullopt;
      f.kind = gpu::TexelKind::Float;
      break;
    default:
      return std::nullopt;
  }
  return f;
}

}  // namespace canopy::cudart
