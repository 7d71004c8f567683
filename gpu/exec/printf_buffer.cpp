#include "gpu/exec/printf_buffer.h"

#include <algorithm>

namespace canopy::gpu {

void PrintfBuffer::begin_launch(uint64_t capacity) {
  chunks_.clear();
  capacity_ = capacity;
  stored_ = 0;
  full_ = false;
}

void PrintfBuffer::add(uint64_t cta, std::string_view record) {
  if (full_ || record.empty()) return;
  if (record.size() > capacity_ - stored_) {
    full_ = true;
    return;
  }
  if (chunks_.empty() || chunks_.back().cta != cta) chunks_.push_back({cta, {}, {}});
  Chunk& c = chunks_.back();
  c.text.append(record);
  c.record_ends.push_back(c.text.size());
  stored_ += record.size();
}

std::string merge_printf(std::span<const PrintfBuffer* const> buffers, uint64_t last_cta, uint64_t capacity) {
  std::vector<const PrintfBuffer::Chunk*> chunks;
  for (const PrintfBuffer* b : buffers)
    for (const PrintfBuffer::Chunk& c : b->chunks())
      if (c.cta <= last_cta) chunks.push_back(&c);
  if (chunks.empty()) return {};
  std::sort(chunks.begin(), chunks.end(), [](const auto* a, const auto* b) { return a->cta < b->cta; });
  std::string out;
  for (const PrintfBuffer::Chunk* c : chunks) {
    uint64_t begin = 0;
    for (uint64_t end : c->record_ends) {
      if (end - begin > capacity - out.size()) return out;
      out.append(c->text, begin, end - begin);
      begin = end;
    }
  }
  return out;
}

}  // namespace canopy::gpu
