// The fat binary that `canopy cc` embeds in host objects and the runtime registers (docs/cuda.md): a
// self-sized, little-endian container of entries (native module, its PTX, its source name). clang hands
// the runtime only a pointer to it, so the header states the total size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "support/expected.h"

namespace canopy::isa {

inline constexpr char kFatbinMagic[4] = {'C', 'N', 'F', 'B'};
inline constexpr uint32_t kFatbinVersion = 1;
inline constexpr size_t kFatbinHeaderBytes = 24;  // magic, version, total size, entry count, reserved
inline constexpr size_t kFatbinEntryBytes = 24;   // kind, reserved, offset, size
inline constexpr uint64_t kFatbinMaxBytes = uint64_t{1} << 32;

enum class FatbinKind : uint32_t { NativeModule = 1, PtxText = 2, SourceName = 3 };

struct FatbinEntry {
  FatbinKind kind = FatbinKind::NativeModule;
  std::vector<uint8_t> bytes;
};

// A view of one entry inside a container image (no copy).
struct FatbinEntryView {
  FatbinKind kind = FatbinKind::NativeModule;
  const uint8_t* data = nullptr;
  size_t size = 0;
};

std::vector<uint8_t> write_fatbin(const std::vector<FatbinEntry>& entries);

// The total size a container image claims, read from its header (the first kFatbinHeaderBytes bytes
// must be readable); an error if the magic or version is wrong or the size is implausible.
Expected<uint64_t> fatbin_size(const uint8_t* header);

// Checks the whole image: magic, version, size == total, every entry inside the image, known kinds.
Expected<std::vector<FatbinEntryView>> read_fatbin(const uint8_t* data, size_t size);

// The first entry of `kind`, or nullptr.
const FatbinEntryView* find_entry(const std::vector<FatbinEntryView>& entries, FatbinKind kind);

}  // namespace canopy::isa
