// Texture and surface objects: what an opaque handle names (a resource in device global memory plus
// the sampling state), and the per-device table of live objects. The CUDA runtime translates its
// cudaResourceDesc / cudaTextureDesc into a TextureObject; the engine only ever sees this form.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace canopy::gpu {

enum class TexelKind : uint8_t { Unsigned, Signed, Float };  // Float with 16 bits = IEEE half
enum class TexAddress : uint8_t { Wrap, Clamp, Mirror, Border };
enum class TexFilter : uint8_t { Point, Linear };

// One texel: `channels` components of `bits` bits each, all of one kind (CUDA's channel descriptors
// with equal x/y/z/w sizes).
struct TexelFormat {
  uint8_t channels = 1;  // 1, 2 or 4
  uint8_t bits = 32;     // 8, 16 or 32
  TexelKind kind = TexelKind::Float;
  uint32_t bytes() const { return uint32_t{channels} * bits / 8; }
  friend bool operator==(const TexelFormat&, const TexelFormat&) = default;
};

struct TextureObject {
  bool surface = false;          // a surface object (suld/sust) rather than a texture object (tex)
  bool linear_resource = false;  // cudaResourceTypeLinear: 1D, integer-indexed, out of range reads 0
  bool layered = false;          // a1d / a2d: `depth` counts layers
  uint8_t dims = 1;              // 1, 2 or 3 (layered: of one layer)
  uint64_t base = 0;             // device address of texel (0, 0, 0)
  uint64_t row_pitch = 0;        // bytes between rows
  uint64_t slice_pitch = 0;      // bytes between slices / layers
  uint32_t width = 1, height = 1, depth = 1;  // in texels
  TexelFormat format;
  std::array<TexAddress, 3> address{TexAddress::Clamp, TexAddress::Clamp, TexAddress::Clamp};
  TexFilter filter = TexFilter::Point;
  bool normalized_read = false;    // cudaReadModeNormalizedFloat: 8/16-bit integers read as [0,1] / [-1,1]
  bool normalized_coords = false;  // coordinates in [0, 1) scaled by the size
  friend bool operator==(const TextureObject&, const TextureObject&) = default;

  // Bytes from `base` to one past the last texel.
  uint64_t extent_bytes() const {
    return slice_pitch * (depth - 1) + row_pitch * (height - 1) + uint64_t{width} * format.bytes();
  }
  // Whether tex returns floats (float or half texels, or integers read as normalized floats).
  bool yields_float() const { return format.kind == TexelKind::Float || normalized_read; }
};

// Live objects by handle. Handles are nonzero, never reused (a destroyed handle stays invalid), and
// increase, so the table stays sorted and a lookup is a binary search.
class TextureTable {
 public:
  uint64_t create(const TextureObject& object);
  bool destroy(uint64_t handle);
  const TextureObject* find(uint64_t handle) const;
  size_t size() const { return live_.size(); }

  // Opaque handles start here: far from small integers, pointers and the other handle kinds a kernel
  // might confuse them with.
  static constexpr uint64_t kHandleBase = 0x7e7e'0000'0000'0000ull;

 private:
  std::vector<std::pair<uint64_t, TextureObject>> live_;  // sorted by handle
  uint64_t next_ = kHandleBase + 1;
};

}  // namespace canopy::gpu
