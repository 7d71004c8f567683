// CUDA's device printf: interprets a format string over the argument buffer clang builds for vprintf
// (each argument at the next offset aligned to its own size; char/short promoted to int, float to
// double). Each conversion is validated here and then formatted by the host's snprintf, so no malformed
// or undefined conversion specification ever reaches the host library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace canopy::gpu {

// Where the arguments come from. A read that fails has recorded a device fault; formatting stops.
class PrintfSource {
 public:
  // `bytes` (4 or 8) bytes at `offset` into the argument buffer (offset is a multiple of bytes).
  virtual bool argument(uint64_t offset, unsigned bytes, uint64_t& bits) = 0;
  // The string at device address `address`: up to its NUL, or `max_bytes` bytes if that comes first.
  virtual bool string(uint64_t address, uint64_t max_bytes, std::string& out) = 0;

 protected:
  ~PrintfSource() = default;
};

// CUDA accepts at most 32 arguments after the format; a conversion that would need more is printed
// as written.
inline constexpr int kPrintfMaxArguments = 32;
// Larger field widths or precisions make the conversion malformed (printed as written), which bounds
// the text one conversion can produce.
inline constexpr int64_t kPrintfMaxField = 65536;

// Appends the formatted text to `out` and returns CUDA's printf result, the number of arguments
// consumed; nullopt if reading an argument or a %s string failed.
std::optional<int> format_device_printf(std::string_view format, PrintfSource& source, std::string& out);

}  // namespace canopy::gpu
