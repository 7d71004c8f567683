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

std::vector<Allocation>::iterator at_base(std::vector<Allocation>& v, uint64_t base) {
  auto it = std::lower_bound(v.begin(), v.end(), base, [](const Allocation& a, uint64_t b) { return a.base < b; });
  return it != v.end() && it->base == base ? it : v.end();
}

size_t insert_sorted(std::vector<Allocation>& v, const Allocation& a) {
  auto it = std::upper_bound(v.begin(), v.end(), a.base, [](uint64_t b, const Allocation& x) { return b < x.base; });
  it = v.insert(it, a);
  return static_cast<size_t>(it - v.begin());
}

}  // namespace

GlobalMemory::~GlobalMemory() {
  for (auto& m : mappings_)
    if (!m.borrowed) std::free(m.data);
}

const Allocation* GlobalMemory::find_in(const std::vector<Allocation>& ranges, uint64_t address, uint64_t bytes) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), address,
                             [](uint64_t a, const Allocation& al) { return a < al.base; });
  if (it == ranges.begin()) return nullptr;
  --it;
  uint64_t off = address - it->base;
  if (off >= it->size || bytes > it->size - off) return nullptr;
  return &*it;
}

std::vector<Allocation>::iterator GlobalMemory::first_mapping_ending_after(uint64_t address) {
  return std::partition_point(mappings_.begin(), mappings_.end(),
                              [address](const Allocation& a) { return a.base + a.size <= address; });
}

bool GlobalMemory::overlaps_mapping(uint64_t base, uint64_t end) {
  auto it = first_mapping_ending_after(base);
  return it != mappings_.end() && it->base < end;
}

Status GlobalMemory::map_borrowed(uint64_t base, uint64_t bytes, uint8_t* data) {
  if (bytes == 0 || !data) return make_error("cannot map an empty or null host range");
  if (bytes > ~uint64_t{0} - base) return make_error("host range " + hex(base) + " + " + std::to_string(bytes) + " wraps around");
  const uint64_t end = base + bytes;
  for (const Reserved& r : kReserved)
    if (base < r.end && r.base < end)
      return make_error("host range [" + hex(base) + ", " + hex(end) + ") overlaps " + r.what);
  if (overlaps_mapping(base, end))
    return make_error("host range [" + hex(base) + ", " + hex(end) + ") overlaps a live allocation");
  const Allocation a{base, bytes, data, true};
  insert_sorted(allocations_, a);
  const size_t index = insert_sorted(mappings_, a);
  mapping_live_.insert(mapping_live_.begin() + static_cast<std::ptrdiff_t>(index), 1);
  return Status::success();
}

Status GlobalMemory::unmap_borrowed(uint64_t base) {
  auto it = at_base(allocations_, base);
  if (it == allocations_.end() || !it->borrowed)
    return make_error("host address " + hex(base) + " is not the start of a mapped host range");
  allocations_.erase(it);
  auto m = at_base(mappings_, base);
  mapping_live_.erase(mapping_live_.begin() + (m - mappings_.begin()));
  mappings_.erase(m);
  return Status::success();
}

Expected<uint64_t> GlobalMemory::place_mapping(uint64_t bytes) {
  uint64_t base = align_up(next_address_, kAllocationAlignment);
  // Device mappings only grow upwards; mapped host ranges may lie in the way and are skipped.
  for (;;) {
    if (base > kGlobalLimit || bytes > kGlobalLimit - base) return make_error("out of device address space");
    auto it = first_mapping_ending_after(base);
    if (it == mappings_.end() || it->base >= base + bytes) break;
    const uint64_t end = it->base + it->size;
    if (end > kGlobalLimit) return make_error("out of device address space");
    base = align_up(end, kAllocationAlignment) + kAllocationGap;
  }
  // calloc: zero-filled (deterministic contents) and lazily committed by the host OS for big buffers.
  auto* data = static_cast<uint8_t*>(std::calloc(bytes, 1));
  if (!data) return make_error("out of host memory backing " + std::to_string(bytes) + " bytes of device memory");
  next_address_ = base + bytes + kAllocationGap;
  const size_t index = insert_sorted(mappings_, {base, bytes, data, false});
  mapping_live_.insert(mapping_live_.begin() + static_cast<std::ptrdiff_t>(index), 0);
  return base;
}

Expected<uint64_t> GlobalMemory::allocate(uint64_t bytes) {
  // A zero-byte request still gets a distinct address (with one byte of backing) so it can be freed.
  const uint64_t size = bytes == 0 ? 1 : bytes;
  if (size > capacity_ - used_)
    return make_error("out of device memory: requested " + std::to_string(bytes) + " bytes, " +
                      std::to_string(capacity_ - used_) + " of " + std::to_string(capacity_) + " free");
  const uint64_t span = align_up(size, kAllocationAlignment);
  uint64_t base;
  if (strict_) {
    Expected<uint64_t> m = place_mapping(size);
    if (!m.ok()) return m;
    base = *m;
  } else if (span <= kMappingGranule / 2) {
    // Small allocations fill the open 2 MiB mapping back to back, then open the next one.
    if (!open_mapping_ || open_offset_ + span > kMappingGranule) {
      Expected<uint64_t> m = place_mapping(kMappingGranule);
      if (!m.ok()) return m;
      const uint64_t previous = open_mapping_;
      open_mapping_ = *m, open_offset_ = 0;
      if (previous) release_mapping_if_unused(previous);
    }
    base = open_mapping_ + open_offset_;
    open_offset_ += span;
  } else {
    Expected<uint64_t> m = place_mapping(align_up(size, kMappingGranule));
    if (!m.ok()) return m;
    base = *m;
  }
  const Allocation* mapping = find_mapped(base);
  ++mapping_live_[static_cast<size_t>(mapping - mappings_.data())];
  used_ += size;
  insert_sorted(allocations_, {base, size, mapping->data + (base - mapping->base), false});
  return base;
}

void GlobalMemory::release_mapping_if_unused(uint64_t address) {
  auto m = std::upper_bound(mappings_.begin(), mappings_.end(), address,
                            [](uint64_t a, const Allocation& al) { return a < al.base; });
  if (m == mappings_.begin()) return;
  --m;
  const size_t i = static_cast<size_t>(m - mappings_.begin());
  if (mapping_live_[i] != 0 || m->base == open_mapping_ || m->borrowed) return;
  std::free(m->data);
  mappings_.erase(m);
  mapping_live_.erase(mapping_live_.begin() + static_cast<std::ptrdiff_t>(i));
}

Status GlobalMemory::release(uint64_t base) {
  auto it = at_base(allocations_, base);
  if (it == allocations_.end())
    return make_error("invalid device pointer " + hex(base) + ": not the start of a live allocation");
  if (it->borrowed) return make_error("invalid device pointer " + hex(base) + ": mapped host memory, not a device allocation");
  used_ -= it->size;
  allocations_.erase(it);
  const Allocation* mapping = find_mapped(base);
  --mapping_live_[static_cast<size_t>(mapping - mappings_.data())];
  release_mapping_if_unused(base);
  return Status::success();
}

}  // namespace canopy::gpu
