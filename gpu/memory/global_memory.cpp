#include "support/hex.h"
#include "gpu/memory/global_memory.h"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace canopy::gpu {

namespace {

uint64_t align_up(uint64_t value, uint64_t alignment) { return (value + alignment - 1) / alignment * alignment; }

// Ranges a mapping may not touch: the generic windows and the function addresses decode as other spaces,
// and the null page must stay a fault.
struct Reserved {
  uint64_t base, end;
  const char* what;
};
constexpr Reserved kReserved[] = {
    {0, 4096, "the null page"},
    {kSharedWindowBase, kConstWindowBase + kWindowSize, "the generic shared/local/const windows"},
    {kFunctionAddressBase, kFunctionAddressBase + kWindowSize, "the function-address range"},
};

}  // namespace

GlobalMemory::~GlobalMemory() {
  for (auto& a : allocations_)
    if (!a.borrowed) std::free(a.data);
}

std::vector<Allocation>::iterator GlobalMemory::first_ending_after(uint64_t address) {
  return std::partition_point(allocations_.begin(), allocations_.end(),
                              [address](const Allocation& a) { return a.base + a.size <= address; });
}

bool GlobalMemory::overlaps_allocation(uint64_t base, uint64_t end) {
  auto it = first_ending_after(base);
  return it != allocations_.end() && it->base < end;
}

void GlobalMemory::insert_sorted(const Allocation& a) {
  auto it = std::upper_bound(allocations_.begin(), allocations_.end(), a.base,
                             [](uint64_t b, const Allocation& x) { return b < x.base; });
  allocations_.insert(it, a);
}

Status GlobalMemory::map_borrowed(uint64_t base, uint64_t bytes, uint8_t* data) {
  if (bytes == 0 || !data) return make_error("cannot map an empty or null host range");
  if (bytes > ~uint64_t{0} - base) return make_error("host range " + hex(base) + " + " + std::to_string(bytes) + " wraps around");
  const uint64_t end = base + bytes;
  for (const Reserved& r : kReserved)
    if (base < r.end && r.base < end)
      return make_error("host range [" + hex(base) + ", " + hex(end) + ") overlaps " + r.what);
  if (overlaps_allocation(base, end))
    return make_error("host range [" + hex(base) + ", " + hex(end) + ") overlaps a live allocation");
  insert_sorted({base, bytes, data, true});
  return Status::success();
}

Status GlobalMemory::unmap_borrowed(uint64_t base) {
  auto it = std::lower_bound(allocations_.begin(), allocations_.end(), base,
                             [](const Allocation& a, uint64_t b) { return a.base < b; });
  if (it == allocations_.end() || it->base != base || !it->borrowed)
    return make_error("host address " + hex(base) + " is not the start of a mapped host range");
  allocations_.erase(it);
  return Status::success();
}

Expected<uint64_t> GlobalMemory::allocate(uint64_t bytes) {
  // A zero-byte request still gets a distinct address (with one byte of backing) so it can be freed.
  uint64_t size = bytes == 0 ? 1 : bytes;
  if (size > capacity_ - used_)
    return make_error("out of device memory: requested " + std::to_string(bytes) + " bytes, " +
                      std::to_string(capacity_ - used_) + " of " + std::to_string(capacity_) + " free");
  uint64_t base = next_address_;
  const uint64_t span = align_up(size, kAllocationAlignment);
  // Device allocations only grow upwards; mapped host ranges may lie in the way and are skipped.
  for (;;) {
    if (base > kGlobalLimit || span > kGlobalLimit - base) return make_error("out of device address space");
    auto it = first_ending_after(base);
    if (it == allocations_.end() || it->base >= base + span) break;
    const uint64_t end = it->base + it->size;
    if (end > kGlobalLimit) return make_error("out of device address space");
    base = align_up(end, kAllocationAlignment) + kAllocationGap;
  }
  // calloc: zero-filled (deterministic contents) and lazily committed by the host OS for big buffers.
  auto* data = static_cast<uint8_t*>(std::calloc(size, 1));
  if (!data) return make_error("out of host memory backing a device allocation of " + std::to_string(bytes) + " bytes");
  next_address_ = base + span + kAllocationGap;
  used_ += size;
  insert_sorted({base, size, data, false});
  return base;
}

Status GlobalMemory::release(uint64_t base) {
  auto it = std::lower_bound(allocations_.begin(), allocations_.end(), base,
                             [](const Allocation& a, uint64_t b) { return a.base < b; });
  if (it == allocations_.end() || it->base != base)
    return make_error("invalid device pointer " + hex(base) + ": not the start of a live allocation");
  if (it->borrowed) return make_error("invalid device pointer " + hex(base) + ": mapped host memory, not a device allocation");
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
