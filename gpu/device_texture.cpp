// gpu::Device's texture and surface objects: validation of the resource, the handle table.
#include <string>

#include "gpu/device_impl.h"

namespace canopy::gpu {

namespace {

std::string check_object(const TextureObject& o) {
  const TexelFormat& f = o.format;
  if (f.channels != 1 && f.channels != 2 && f.channels != 4) return "texel channels must be 1, 2 or 4";
  if (f.bits != 8 && f.bits != 16 && f.bits != 32) return "channel size must be 8, 16 or 32 bits";
  if (f.kind == TexelKind::Float && f.bits == 8) return "no 8-bit float channels";
  if (o.dims < 1 || o.dims > 3 || (o.layered && o.dims == 3)) return "bad dimensionality";
  if (o.width == 0 || o.height == 0 || o.depth == 0) return "empty resource";
  if (o.dims < 2 && o.height != 1) return "a 1D resource has height 1";
  if (o.dims < 3 && !o.layered && o.depth != 1) return "a 1D or 2D resource has depth 1";
  if (o.row_pitch < uint64_t{o.width} * f.bytes() && o.height > 1) return "row pitch below the row size";
  if (o.slice_pitch < o.row_pitch * o.height && o.depth > 1) return "slice pitch below the slice size";
  return {};
}

}  // namespace

Expected<uint64_t> Device::create_texture_object(const TextureObject& object) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (std::string why = check_object(object); !why.empty()) return make_error("texture object: " + why);
  if (!impl_->memory.find(object.base, object.extent_bytes()))
    return make_error("texture object: the resource does not lie inside one live allocation");
  return impl_->textures.create(object);
}

Status Device::destroy_texture_object(uint64_t handle) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->textures.destroy(handle))
    return make_error("no live texture or surface object " + std::to_string(handle));
  return Status::success();
}

std::optional<TextureObject> Device::texture_object(uint64_t handle) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const TextureObject* o = impl_->textures.find(handle);
  if (!o) return std::nullopt;
  return *o;
}

}  // namespace canopy::gpu
