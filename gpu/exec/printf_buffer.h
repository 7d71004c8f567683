// Device printf output of one launch, kept per host worker and merged in CTA order at the end, so the
// text is the same for every host thread count. The launch may add at most `capacity` bytes (what is
// left of the device's printf buffer, CUDA's cudaLimitPrintfFifoSize); output beyond it is dropped
// whole records at a time: the result is always the longest prefix, in CTA order, of the records that
// fits.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace canopy::gpu {

class PrintfBuffer {
 public:
  struct Chunk {
    uint64_t cta = 0;
    std::string text;
    std::vector<uint64_t> record_ends;  // one per printf record (one lane's output), into text
  };

  void begin_launch(uint64_t capacity);
  // One lane's output of CTA `cta`. A worker takes CTAs in increasing order, so its chunks are sorted.
  // Once the worker's own records exceed the capacity, every later record of the launch falls after a
  // dropped one in CTA order too, and is not kept (this bounds memory to about `capacity` per worker).
  void add(uint64_t cta, std::string_view record);
  const std::vector<Chunk>& chunks() const { return chunks_; }

 private:
  std::vector<Chunk> chunks_;
  uint64_t capacity_ = 0;
  uint64_t stored_ = 0;
  bool full_ = false;
};

// The records of CTAs up to `last_cta` from every worker, in CTA order, up to `capacity` bytes.
std::string merge_printf(std::span<const PrintfBuffer* const> buffers, uint64_t last_cta, uint64_t capacity);

}  // namespace canopy::gpu
