// Per-thread local memory of the CTA a runner executes; every CTA starts with it all zero.
//
// Kernels get a 1 KiB per-thread stack reserve whether or not they use local memory, so the buffer is
// obtained zero-filled from calloc (large blocks come straight from the host OS as untouched zero pages)
// and between CTAs only the bytes below the high-water mark of writes are zeroed again: a kernel that
// never writes local memory never touches the buffer. Touching it costs a host page fault per 4 KiB,
// which dominated small launches.
#pragma once

#include <cstdint>

namespace canopy::gpu {

class LocalMemory {
 public:
  LocalMemory() = default;
  ~LocalMemory();
  LocalMemory(const LocalMemory&) = delete;
  LocalMemory& operator=(const LocalMemory&) = delete;

  // Lays the buffer out as `threads` slices of `bytes_per_thread`, all zero (throws std::bad_alloc
  // if the host is out of memory, as growing a std::vector would).
  void reshape(uint64_t threads, uint64_t bytes_per_thread);
  // Zeroes what the previous CTA wrote.
  void clear();

  uint8_t* thread(uint32_t t) { return data_ + t * stride_; }
  // Records a write ending `end` bytes into some thread's slice.
  void written(uint64_t end) {
    if (end > dirty_) dirty_ = end;
  }

 private:
  uint8_t* data_ = nullptr;
  uint64_t capacity_ = 0;
  uint64_t threads_ = 0;
  uint64_t stride_ = 0;
  uint64_t dirty_ = 0;  // bytes per slice that may be non-zero
};

}  // namespace canopy::gpu
