#include "gpu/memory/device_heap.h"

#include <iterator>

namespace canopy::gpu {

namespace {
constexpr uint64_t kGranule = 16;  // malloc's alignment, as CUDA's
}

DeviceHeap::DeviceHeap(uint64_t base, uint64_t bytes) : base_(base), size_(bytes / kGranule * kGranule) {
  if (size_) free_.emplace(base_, size_);
}

uint64_t DeviceHeap::allocate(uint64_t bytes) {
  if (bytes > size_) return 0;
  const uint64_t need = bytes == 0 ? kGranule : (bytes + kGranule - 1) / kGranule * kGranule;
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = free_.begin(); it != free_.end(); ++it) {
    if (it->second < need) continue;
    const uint64_t address = it->first, left = it->second - need;
    free_.erase(it);
    if (left) free_.emplace(address + need, left);
    live_.emplace(address, need);
    return address;
  }
  return 0;
}

bool DeviceHeap::owns(uint64_t address) {
  std::lock_guard<std::mutex> lock(mutex_);
  return live_.count(address) != 0;
}

bool DeviceHeap::release(uint64_t address) {
  if (address == 0) return true;
  std::lock_guard<std::mutex> lock(mutex_);
  auto live = live_.find(address);
  if (live == live_.end()) return false;
  uint64_t start = address, bytes = live->second;
  live_.erase(live);
  auto next = free_.lower_bound(start);
  if (next != free_.end() && next->first == start + bytes) {
    bytes += next->second;
    next = free_.erase(next);
  }
  if (next != free_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == start) {
      start = prev->first;
      bytes += prev->second;
      free_.erase(prev);
    }
  }
  free_.emplace(start, bytes);
  return true;
}

}  // namespace canopy::gpu
