// The heap behind device-side malloc/free: one global allocation (cudaLimitMallocHeapSize, 8 MiB by
// default) carved first-fit into 16-byte-aligned blocks. CTAs on several host threads allocate at once,
// so it is locked; which addresses concurrent CTAs get depends on their timing (as on a GPU), one
// host thread gives the same addresses every run.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

namespace canopy::gpu {

class DeviceHeap {
 public:
  DeviceHeap(uint64_t base, uint64_t bytes);
  // The device address of a new block of at least `bytes` (a zero-byte request gets a distinct block),
  // or 0 when none fits: CUDA's malloc returns NULL then.
  uint64_t allocate(uint64_t bytes);
  // Frees the block starting at `address`; false if no live block starts there (0 is fine: free(NULL)).
  bool release(uint64_t address);
  bool owns(uint64_t address);  // a live block starts at `address`
  uint64_t base() const { return base_; }
  uint64_t size() const { return size_; }

 private:
  std::mutex mutex_;
  uint64_t base_, size_;
  std::map<uint64_t, uint64_t> free_;  // address -> bytes, coalesced, in address order
  std::map<uint64_t, uint64_t> live_;  // address -> bytes
};

}  // namespace canopy::gpu
