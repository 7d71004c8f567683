// Device services: the extern functions of CUDA's device runtime (printf, assert, malloc, free) that the finalizer lowers to the
// native `syscall` instruction instead of a call (docs/engine.md, "Device services"). Both sides use
// this table: the finalizer checks an extern declaration against it, the engine reads the arguments
// from the parameter block at these offsets.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace canopy::isa {

// The immediate source of `syscall`.
enum class Service : uint32_t { Vprintf = 1, AssertFail = 2, Malloc = 3, Free = 4 };

// A service's parameter block: what a callee of the declared PTX signature would find in its frame
// (parameters at their natural alignment, then the return value).
struct ServiceInfo {
  std::string_view name;  // the PTX function name
  Service id;
  uint8_t num_params;
  std::array<uint8_t, 5> param_offset;
  std::array<uint8_t, 5> param_size;
  uint8_t return_offset;  // valid if return_size != 0
  uint8_t return_size;
};

// vprintf(.param .b64 fmt, .param .b64 args) -> .b32: clang's lowering of device printf.
inline constexpr ServiceInfo kVprintfService{"vprintf", Service::Vprintf, 2, {0, 8}, {8, 8}, 16, 4};
// __assertfail(.b64 message, .b64 file, .b32 line, .b64 function, .b64 charSize): CUDA's assert.
inline constexpr ServiceInfo kAssertFailService{
    "__assertfail", Service::AssertFail, 5, {0, 8, 16, 24, 32}, {8, 8, 4, 8, 8}, 0, 0};

// malloc(.param .b64 size) -> .b64 and free(.param .b64 ptr): the device heap (cudaLimitMallocHeapSize).
inline constexpr ServiceInfo kMallocService{"malloc", Service::Malloc, 1, {0}, {8}, 8, 8};
inline constexpr ServiceInfo kFreeService{"free", Service::Free, 1, {0}, {8}, 0, 0};

inline constexpr uint64_t kServiceBlockBytes = 40;  // the largest parameter block

inline const ServiceInfo* find_service(std::string_view name) {
  if (name == kVprintfService.name) return &kVprintfService;
  if (name == kAssertFailService.name) return &kAssertFailService;
  if (name == kMallocService.name) return &kMallocService;
  if (name == kFreeService.name) return &kFreeService;
  return nullptr;
}

inline const ServiceInfo* find_service(Service id) {
  switch (id) {
    case Service::Vprintf: return &kVprintfService;
    case Service::AssertFail: return &kAssertFailService;
    case Service::Malloc: return &kMallocService;
    case Service::Free: return &kFreeService;
  }
  return nullptr;
}

}  // namespace canopy::isa
