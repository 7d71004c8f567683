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

// A range of device addresses with host memory behind it: one allocation, or a mapping that holds
// several (the engine only needs base, size and data of either).
struct Allocation {
  uint64_t base = 0;
  uint64_t size = 0;
  uint8_t* data = nullptr;  // host backing, zero-initialized, 16-byte aligned
  bool borrowed = false;    // backed by a caller's buffer at base == its host address (mapped host
                            // memory): not zeroed, not aligned beyond the caller's choice, never freed here
};

// Placement: by default (packed) allocations are 256-byte aligned inside 2 MiB mappings, as the CUDA
// driver places them, so that an access a little past an allocation's end reads or writes mapped memory
// (padding or a neighbour) as on a GPU; only accesses outside every mapping fault. Strict placement gives
// every allocation a mapping of its own, so every access outside an allocation faults. Either way
// addresses are never reused and every lookup is deterministic.
// Not thread-safe for mutation; concurrent const lookups (during a launch) are fine.
class GlobalMemory {
 public:
  explicit GlobalMemory(uint64_t capacity, bool strict = false) : capacity_(capacity), strict_(strict) {}
  ~GlobalMemory();
  GlobalMemory(const GlobalMemory&) = delete;
  GlobalMemory& operator=(const GlobalMemory&) = delete;

  Expected<uint64_t> allocate(uint64_t bytes);
  Status release(uint64_t base);
  uint64_t used_bytes() const { return used_; }  // device allocations only, not mapped host memory
  bool strict() const { return strict_; }

  // Makes the caller's buffer `data` the allocation [base, base + bytes) (base is normally the buffer's
  // own host address), a mapping of its own. Fails on overlap with a live mapping, the generic windows,
  // the function-address range or the null page. Later device allocations skip over the range.
  Status map_borrowed(uint64_t base, uint64_t bytes, uint8_t* data);
  Status unmap_borrowed(uint64_t base);

  // The live allocation containing [address, address + bytes), or nullptr (for the API: copies, frees,
  // pointer attributes, texture bindings).
  const Allocation* find(uint64_t address, uint64_t bytes = 1) const { return find_in(allocations_, address, bytes); }
  // Host pointer for [address, address + bytes) if it lies inside one live allocation.
  uint8_t* translate(uint64_t address, uint64_t bytes) const {
    const Allocation* a = find(address, bytes);
    return a ? a->data + (address - a->base) : nullptr;
  }
  // The mapping containing [address, address + bytes), or nullptr: what a device access may touch.
  const Allocation* find_mapped(uint64_t address, uint64_t bytes = 1) const {
    return find_in(mappings_, address, bytes);
  }
  const std::vector<Allocation>& allocations() const { return allocations_; }  // sorted by base

 private:
  static const Allocation* find_in(const std::vector<Allocation>& ranges, uint64_t address, uint64_t bytes);
  // The first mapping whose end lies above `address` (the only one that may overlap a range starting there).
  std::vector<Allocation>::iterator first_mapping_ending_after(uint64_t address);
  bool overlaps_mapping(uint64_t base, uint64_t end);
  Expected<uint64_t> place_mapping(uint64_t bytes);  // a new zero-filled mapping; returns its base
  void release_mapping_if_unused(uint64_t address);

  uint64_t capacity_;
  bool strict_;
  uint64_t used_ = 0;
  uint64_t next_address_ = kGlobalBase;
  std::vector<Allocation> allocations_;  // sorted by base
  std::vector<Allocation> mappings_;     // sorted by base; disjoint
  std::vector<uint64_t> mapping_live_;   // per mapping (same index): allocations inside
  uint64_t open_mapping_ = 0;            // base of the mapping small allocations go into (0: none)
  uint64_t open_offset_ = 0;             // its first free byte
};

}  // namespace canopy::gpu
