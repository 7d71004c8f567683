#include "support/hex.h"
#include "gpu/memory/global_memory.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace canopy::gpu {

GlobalMemory::~GlobalMemory() {
  for (auto& a : allocations_) std::free(a.data);
}

Expected<uint64_t> GlobalMemory::allocate(uint64_t bytes) {
  // A zero-byte request still gets a distinct address (with one byte of backing) so it can be freed.
  uint64_t size = bytes == 0 ? 1 : bytes;
  if (size > capacity_ - used_)
    return make_error("out of device memory: requested " + std::to_string(bytes) + " bytes, " +
                      std::to_string(capacity_ - used_) + " of " + std::to_string(capacity_) + " free");
  uint64_t base = next_address_;
  uint64_t span = (size + kAllocationAlignment - 1) / kAllocationAlignment * kAllocationAlignment;
  if (base > kGlobalLimit || span > kGlobalLimit - base) return make_error("out of device address space");
  // calloc: zero-filled (deterministic contents) and lazily committed by the host OS for big buffers.
  auto* data = static_cast<uint8_t*>(std::calloc(size, 1));
  if (!data) return make_error("out of host memory backing a device allocation of " + std::to_string(bytes) + " bytes");
  next_address_ = base + span + kAllocationGap;
  used_ += size;
  allocations_.push_back({base, size, data});  // addresses only grow, so the vector stays sorted
  return base;
}

Status GlobalMemory::release(uint64_t base) {
  auto it = std::lower_bound(allocations_.begin(), allocations_.end(), base,
                             [](const Allocation& a, uint64_t b) { return a.base < b; });
  if (it == allocations_.end() || it->base != base)
    return make_error("invalid device pointer " + hex(base) + ": not the start of a live allocation");
  used_ -= it->size;
  std::free(it->data);
  allocations_.erase(it);
  return Status::success();
}

const Allocation* GlobalMemory::find(uint64_t address, uint64_t bytes) const {
  auto it = std::upper_bound(allocations_.begin(), allocations_.end(), address,
                             [](uint64_t a, const Allocation& al) { return a < al.base; });
  if (it == allocations_.begin()) return nullptr;
  --it;
  uint64_t off = address - it->base;
  if (off >= it->size || bytes > it->size - off) return nullptr;
  return &*it;
}

}  // namespace canopy::gpu
