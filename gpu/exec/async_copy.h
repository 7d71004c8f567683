// The cp.async copies of one warp that have read their source but not yet written shared memory.
//
// Canopy completes an asynchronous copy as late as PTX allows (docs/engine.md, "Asynchronous copies"):
// the source bytes are captured when cp.async executes, and the shared-memory write happens only when
// the issuing thread's cp.async.wait_group / wait_all covers the copy's group, when its
// cp.async.mbarrier.arrive fires, or when the thread exits. A kernel that forgets to wait therefore reads
// stale shared memory every time instead of passing by luck. Groups are per thread: a copy belongs to
// the group numbered by its lane's commit count at issue time.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace canopy::gpu {

class AsyncCopyQueue {
 public:
  // Pending copies per warp before the oldest one is completed early (still a legal completion time);
  // bounds host memory for kernels that issue copies in a loop and never wait.
  static constexpr size_t kCapacity = 4096;
  static constexpr unsigned kMaxBytes = 16;

  void reset();
  // Records a copy of `size` bytes (`data`, already zero-filled past the source size) for `lane` to
  // shared offset `dst` (checked by the caller).
  void issue(int lane, uint32_t dst, const uint8_t* data, unsigned size, std::span<uint8_t> shared);
  // cp.async.commit_group for each lane of `lanes`.
  void commit(uint64_t lanes);
  // cp.async.wait_group n for each lane of `lanes`: completes their copies in committed groups other
  // than the n most recent ones.
  void wait(uint64_t lanes, uint32_t n, std::span<uint8_t> shared);
  // Completes every copy of `lanes`, committed or not (wait_all after commit, mbarrier arrive, exit).
  void complete_all(uint64_t lanes, std::span<uint8_t> shared);
  bool empty() const { return pending_.empty(); }

 private:
  struct Pending {
    uint32_t dst;
    uint32_t group;  // the lane's commit count when the copy was issued
    uint8_t lane;
    uint8_t size;
    std::array<uint8_t, kMaxBytes> data;
  };
  // Writes, in issue order, the copies `done` selects and drops them from the queue.
  template <typename Done>
  void complete_if(Done done, std::span<uint8_t> shared);

  std::vector<Pending> pending_;     // issue order
  std::array<uint32_t, 64> committed_{};  // per lane: groups committed so far
};

}  // namespace canopy::gpu
