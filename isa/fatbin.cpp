#include "isa/fatbin.h"

#include <cstring>

namespace canopy::isa {
namespace {

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put_u64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint32_t get_u32(const uint8_t* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t{p[i]} << (8 * i);
  return v;
}
uint64_t get_u64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{p[i]} << (8 * i);
  return v;
}
uint64_t align8(uint64_t v) { return (v + 7) & ~uint64_t{7}; }

}  // namespace

std::vector<uint8_t> write_fatbin(const std::vector<FatbinEntry>& entries) {
  uint64_t offset = kFatbinHeaderBytes + kFatbinEntryBytes * entries.size();
  std::vector<uint64_t> offsets;
  for (const FatbinEntry& e : entries) {
    offsets.push_back(offset);
    offset = align8(offset + e.bytes.size());
  }
  std::vector<uint8_t> out;
  out.reserve(offset);
  // Byte by byte: vector::insert of the char range trips GCC 12's false -Wstringop-overflow.
  for (char c : kFatbinMagic) out.push_back(static_cast<uint8_t>(c));
  put_u32(out, kFatbinVersion);
  put_u64(out, offset);
  put_u32(out, static_cast<uint32_t>(entries.size()));
  put_u32(out, 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    put_u32(out, static_cast<uint32_t>(entries[i].kind));
    put_u32(out, 0);
    put_u64(out, offsets[i]);
    put_u64(out, entries[i].bytes.size());
  }
  for (const FatbinEntry& e : entries) {
    out.insert(out.end(), e.bytes.begin(), e.bytes.end());
    out.resize(align8(out.size()), 0);
  }
  return out;
}

Expected<uint64_t> fatbin_size(const uint8_t* header) {
  if (std::memcmp(header, kFatbinMagic, 4) != 0) return make_error("fat binary: bad magic (not built by canopy cc?)");
  if (get_u32(header + 4) != kFatbinVersion) return make_error("fat binary: unsupported version");
  uint64_t size = get_u64(header + 8);
  if (size < kFatbinHeaderBytes || size > kFatbinMaxBytes) return make_error("fat binary: implausible size");
  return size;
}

Expected<std::vector<FatbinEntryView>> read_fatbin(const uint8_t* data, size_t size) {
  if (size < kFatbinHeaderBytes) return make_error("fat binary: truncated header");
  auto total = fatbin_size(data);
  if (!total) return total.error();
  if (*total != size) return make_error("fat binary: size field does not match the image");
  uint64_t count = get_u32(data + 16);
  if (count > (size - kFatbinHeaderBytes) / kFatbinEntryBytes) return make_error("fat binary: bad entry count");
  std::vector<FatbinEntryView> entries;
  for (uint64_t i = 0; i < count; ++i) {
    const uint8_t* e = data + kFatbinHeaderBytes + i * kFatbinEntryBytes;
    uint32_t kind = get_u32(e);
    uint64_t offset = get_u64(e + 8), bytes = get_u64(e + 16);
    if (kind < 1 || kind > 3) return make_error("fat binary: unknown entry kind " + std::to_string(kind));
    if (offset > size || bytes > size - offset) return make_error("fat binary: entry outside the image");
    entries.push_back({static_cast<FatbinKind>(kind), data + offset, static_cast<size_t>(bytes)});
  }
  return entries;
}

const FatbinEntryView* find_entry(const std::vector<FatbinEntryView>& entries, FatbinKind kind) {
  for (const FatbinEntryView& e : entries)
    if (e.kind == kind) return &e;
  return nullptr;
}

}  // namespace canopy::isa
