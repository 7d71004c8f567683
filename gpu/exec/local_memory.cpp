#include "gpu/exec/local_memory.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace canopy::gpu {

LocalMemory::~LocalMemory() { std::free(data_); }

void LocalMemory::reshape(uint64_t threads, uint64_t bytes_per_thread) {
  if (threads == threads_ && bytes_per_thread == stride_) return;
  clear();  // in the old layout, so the whole buffer is zero again
  uint64_t need = threads * bytes_per_thread;
  if (need > capacity_) {
    std::free(data_);
    data_ = nullptr;
    capacity_ = threads_ = stride_ = 0;
    data_ = static_cast<uint8_t*>(std::calloc(need, 1));
    if (!data_) throw std::bad_alloc();
    capacity_ = need;
  }
  threads_ = threads;
  stride_ = bytes_per_thread;
}

void LocalMemory::clear() {
  if (dirty_ == 0) return;
  for (uint64_t t = 0; t < threads_; ++t) std::memset(data_ + t * stride_, 0, dirty_);
  dirty_ = 0;
}

}  // namespace canopy::gpu
