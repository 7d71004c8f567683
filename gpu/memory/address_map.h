// The device's address layout: the global range and the generic windows onto shared, local and
// const memory (documented in docs/engine.md).
#pragma once

#include <cstdint>

namespace canopy::gpu {

// Generic windows: [base, base + kWindowSize). A generic address in no window is a global address.
constexpr uint64_t kWindowSize = uint64_t{1} << 32;
constexpr uint64_t kSharedWindowBase = uint64_t{1} << 32;  // 0x1'0000'0000
constexpr uint64_t kLocalWindowBase = uint64_t{2} << 32;   // 0x2'0000'0000
constexpr uint64_t kConstWindowBase = uint64_t{3} << 32;   // 0x3'0000'0000

// Global allocations live in [kGlobalBase, kGlobalLimit), 256-byte aligned. Mappings (the address ranges
// that have memory behind them) are separated by unmapped gaps; by default small allocations share 2 MiB
// mappings as with the CUDA driver, in strict mode each allocation is a mapping of its own.
constexpr uint64_t kGlobalBase = uint64_t{0x10} << 32;     // 0x10'0000'0000
constexpr uint64_t kGlobalLimit = uint64_t{1} << 47;
constexpr uint64_t kAllocationAlignment = 256;
constexpr uint64_t kAllocationGap = 64 * 1024;  // between mappings
constexpr uint64_t kMappingGranule = 2 * 1024 * 1024;

// Function addresses (indirect calls) are opaque values in their own range; never dereferenceable.
constexpr uint64_t kFunctionAddressBase = uint64_t{0xF} << 32;  // 0xF'0000'0000

}  // namespace canopy::gpu
