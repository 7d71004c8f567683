#include "gpu/exec/async_copy.h"

#include <algorithm>
#include <cstring>

namespace canopy::gpu {

void AsyncCopyQueue::reset() {
  pending_.clear();
  committed_.fill(0);
}

template <typename Done>
void AsyncCopyQueue::complete_if(Done done, std::span<uint8_t> shared) {
  auto keep = pending_.begin();
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (done(*it)) {
      std::memcpy(shared.data() + it->dst, it->data.data(), it->size);
    } else {
      *keep++ = *it;
    }
  }
  pending_.erase(keep, pending_.end());
}

void AsyncCopyQueue::issue(int lane, uint32_t dst, const uint8_t* data, unsigned size,
                           std::span<uint8_t> shared) {
  if (pending_.size() >= kCapacity) {
    const Pending& oldest = pending_.front();
    std::memcpy(shared.data() + oldest.dst, oldest.data.data(), oldest.size);
    pending_.erase(pending_.begin());
  }
  Pending p{dst, committed_[static_cast<size_t>(lane)], static_cast<uint8_t>(lane), static_cast<uint8_t>(size), {}};
  std::memcpy(p.data.data(), data, std::min(size, kMaxBytes));
  pending_.push_back(p);
}

void AsyncCopyQueue::commit(uint64_t lanes) {
  for (size_t lane = 0; lane < committed_.size(); ++lane)
    if ((lanes >> lane) & 1) ++committed_[lane];
}

void AsyncCopyQueue::wait(uint64_t lanes, uint32_t n, std::span<uint8_t> shared) {
  if (pending_.empty()) return;
  complete_if(
      [&](const Pending& p) {
        if (!((lanes >> p.lane) & 1)) return false;
        const uint32_t committed = committed_[p.lane];
        // Committed groups are 0..committed-1; the n most recent stay pending.
        return p.group < committed && committed - p.group > n;
      },
      shared);
}

void AsyncCopyQueue::complete_all(uint64_t lanes, std::span<uint8_t> shared) {
  if (pending_.empty()) return;
  complete_if([&](const Pending& p) { return ((lanes >> p.lane) & 1) != 0; }, shared);
}

}  // namespace canopy::gpu
