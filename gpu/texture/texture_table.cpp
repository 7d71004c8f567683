#include <algorithm>

#include "gpu/texture/texture_object.h"

namespace canopy::gpu {

uint64_t TextureTable::create(const TextureObject& object) {
  const uint64_t handle = next_++;
  live_.emplace_back(handle, object);
  return handle;
}

namespace {
template <typename V>
auto lower_bound_handle(V& live, uint64_t handle) {
  return std::lower_bound(live.begin(), live.end(), handle,
                          [](const auto& entry, uint64_t h) { return entry.first < h; });
}
}  // namespace

bool TextureTable::destroy(uint64_t handle) {
  auto it = lower_bound_handle(live_, handle);
  if (it == live_.end() || it->first != handle) return false;
  live_.erase(it);
  return true;
}

const TextureObject* TextureTable::find(uint64_t handle) const {
  auto it = lower_bound_handle(live_, handle);
  return it == live_.end() || it->first != handle ? nullptr : &it->second;
}

}  // namespace canopy::gpu
