// Device global memory: allocations with device addresses, backed by host buffers, and the checked
// lookups every access goes through.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "gpu/memory/address_map.h"
#include "support/expected.h"

namespace canopy::gpu {

struct Allocation {
  uint64_t base = 0;
  uint64_t size = 0;
  uint8_t* data = nullptr;  // host backing, zero-initialized, 16-byte aligned
  bool borrowed = false;    // backed by a caller's buffer at base == its host address (mapped host
                            // memory): not zeroed, not aligned beyond the caller's choice, never freed here
};

// Not thread-safe for mutation; concurrent const lookups (during a launch) are fine.
class GlobalMemory {
 public:
  explicit GlobalMemory(uint64_t capacity) : capacity_(capacity) {}
  ~GlobalMemory();
  GlobalMemory(const GlobalMemory&) = delete;
  GlobalMemory& operator=(const GlobalMemory&) = delete;

  Expected<uint64_t> allocate(uint64_t bytes);
  Status release(uint64_t base);
  uint64_t used_bytes() const { return used_; }  // device allocations only, not mapped host memory

  // Makes the caller's buffer `data` the allocation [base, base + bytes) (base is normally the buffer's
  // own host address). Fails on overlap with a live allocation, the generic windows, the function-address
  // range or the null page. Later device allocations skip over the range.
  Status map_borrowed(uint64_t base, uint64_t bytes, uint8_t* data);
  Status unmap_borrowed(uint64_t base);

  // The live allocation containing [address, address + bytes), or nullptr.
  const Allocation* find(uint64_t address, uint64_t bytes = 1) const;
  // Host pointer for [address, address + bytes) if it lies inside one live allocation.
  uint8_t* translate(uint64_t address, uint64_t bytes) const {
    const Allocation* a = find(address, bytes);
    return a ? a->data + (address - a->base) : nullptr;
  }
  const std::vector<Allocation>& allocations() const { return allocations_; }  // sorted by base

 private:
  // The first allocation whose end lies above `address` (the only one that may overlap a range
  // starting there).
  std::vector<Allocation>::iterator first_ending_after(uint64_t address);
  bool overlaps_allocation(uint64_t base, uint64_t end);
  void insert_sorted(const Allocation& a);

  uint64_t capacity_;
  uint64_t used_ = 0;
  uint64_t next_address_ = kGlobalBase;
  std::vector<Allocation> allocations_;
};

}  // namespace canopy::gpu
