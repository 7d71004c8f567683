// The device printf interpreter on its own: an argument buffer packed as clang packs it, formatted text
// compared with the host's printf of the same values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <type_traits>
#include <vector>

#include "gpu/exec/device_printf.h"

namespace canopy::gpu {
namespace {

// clang's vprintf buffer: each argument at the next offset aligned to its size; strings live at fake
// device addresses.
class PackedArgs final : public PrintfSource {
 public:
  template <typename T>
  void push(T value) {
    if constexpr (std::is_same_v<T, const char*>) {
      const uint64_t address = value ? 0x5000 + 0x100 * strings_.size() : 0;
      if (value) strings_[address] = value;
      append(address);
    } else if constexpr (std::is_pointer_v<T>) {
      append(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(value)));
    } else if constexpr (std::is_floating_point_v<T>) {
      append(static_cast<double>(value));  // float arrives as double
    } else if constexpr (sizeof(T) < 4) {
      append(static_cast<int32_t>(value));  // default promotion to int
    } else {
      append(value);
    }
  }
  bool argument(uint64_t offset, unsigned bytes, uint64_t& bits) override {
    EXPECT_EQ(offset % bytes, 0u);
    if (offset + bytes > bytes_.size()) return fail_reads ? false : (bits = 0, true);
    if (bytes == 4) {
      uint32_t v;
      std::memcpy(&v, bytes_.data() + offset, 4);
      bits = v;
    } else {
      std::memcpy(&bits, bytes_.data() + offset, 8);
    }
    return true;
  }
  bool string(uint64_t address, uint64_t max_bytes, std::string& out) override {
    auto it = strings_.find(address);
    if (it == strings_.end()) return false;
    out = it->second.substr(0, max_bytes);
    return true;
  }
  bool fail_reads = false;

 private:
  template <typename T>
  void append(T value) {
    bytes_.resize((bytes_.size() + sizeof(T) - 1) / sizeof(T) * sizeof(T));
    const size_t at = bytes_.size();
    bytes_.resize(at + sizeof(T));
    std::memcpy(bytes_.data() + at, &value, sizeof(T));
  }
  std::vector<uint8_t> bytes_;
  std::map<uint64_t, std::string> strings_;
};

std::string host_format(const char* format, auto... values) {
  const int n = std::snprintf(nullptr, 0, format, values...);
  std::string s(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), format, values...);
  s.resize(static_cast<size_t>(n));
  return s;
}

std::string device_format(const char* format, int* used, auto... values) {
  PackedArgs args;
  (args.push(values), ...);
  std::string out;
  auto n = format_device_printf(format, args, out);
  EXPECT_TRUE(n.has_value()) << format;
  if (used) *used = n.value_or(-100);
  return out;
}

// The device's text equals the host's and every value counts as one argument.
void expect_like_host(const char* format, auto... values) {
  int used = 0;
  EXPECT_EQ(device_format(format, &used, values...), host_format(format, values...)) << format;
  EXPECT_EQ(used, static_cast<int>(sizeof...(values))) << format;
}

TEST(DevicePrintfFormat, SignedConversionsAndFlagsMatchTheHost) {
  for (int v : {0, 7, -7, 42, -123456, std::numeric_limits<int>::max(), std::numeric_limits<int>::min()}) {
    for (const char* f : {"%d", "%i", "[%6d]", "[%-6d]", "%+d", "[% d]", "%06d", "%.4d", "[%8.3d]",
                          "[%-+8.3d]", "[%+ 5d]", "%.0d", "[%-06d]", "[% 010d]"})
      expect_like_host(f, v);
  }
}

TEST(DevicePrintfFormat, UnsignedConversionsAndFlagsMatchTheHost) {
  for (unsigned v : {0u, 1u, 255u, 0xdeadbeefu, std::numeric_limits<unsigned>::max()}) {
    for (const char* f :
         {"%u", "%x", "%X", "%#x", "%#X", "%o", "%#o", "%08x", "[%-8X]", "%.6u", "%#.0o", "%#10x"})
      expect_like_host(f, v);
  }
}

TEST(DevicePrintfFormat, LengthModifiersNarrowOrWidenLikeTheHost) {
  expect_like_host("%hd %hu %hx", 70000, 70000, -1);  // host printf narrows the int argument to short
  expect_like_host("%hhd %hhu %hhx", 300, -1, 0x1ff);
  expect_like_host("%ld %lu %lx", -9000000000L, 18000000000UL, 0xfedcba9876543210UL);
  expect_like_host("%lld %llu %llX", std::numeric_limits<long long>::min(),
                   std::numeric_limits<unsigned long long>::max(), 0x123456789abcdefULL);
  expect_like_host("%zu %zx %td %jd %ju", size_t{1} << 40, size_t{255}, ptrdiff_t{-5}, -(intmax_t{1} << 50),
                   uintmax_t{99});
  expect_like_host("%d %lld %d", 1, 2LL, 3);  // 8-byte alignment after a 4-byte argument
}

TEST(DevicePrintfFormat, CharactersStringsAndPointersMatchTheHost) {
  for (const char* f : {"%c", "[%4c]", "[%-4c]"}) expect_like_host(f, 'x');
  expect_like_host("%c%c%c", 'a', static_cast<char>(-56), 'z');
  for (const char* f : {"%s", "[%12s]", "[%-12s]", "%.3s", "[%8.2s]", "%.0s", "%.40s"})
    expect_like_host(f, "canopy");
  expect_like_host("%s|%s", "", "two");
  int x = 0;
  for (const char* f : {"%p", "[%24p]", "[%-24p]"}) expect_like_host(f, static_cast<void*>(&x));
}

TEST(DevicePrintfFormat, CharacterZeroIsWritten) {
  int used = 0;
  EXPECT_EQ(device_format("a%cb", &used, '\0'), std::string("a\0b", 3));
  EXPECT_EQ(used, 1);
}

TEST(DevicePrintfFormat, FloatingConversionsAndFlagsMatchTheHost) {
  const double values[] = {0.0,
                           -0.0,
                           1.0,
                           -2.5,
                           3.141592653589793,
                           1e300,
                           -1e-300,
                           5e-324,
                           123456789.125,
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  for (double v : values) {
    for (const char* f :
         {"%f",  "%F",    "%e",  "%E",    "%g",      "%G",  "%a",    "%A",   "%.3f", "[%12.4f]",  "[%-12.2e]",
          "%+f", "[% f]", "%#g", "%#.0f", "%012.3f", "%lf", "%.10g", "%.0e", "%#a",  "[%-+14.3G]"})
      expect_like_host(f, v);
  }
}

TEST(DevicePrintfFormat, FloatArgumentsArrivePromotedToDouble) {
  int used = 0;
  EXPECT_EQ(device_format("%f %g", &used, 0.1f, 3.5f), host_format("%f %g", double{0.1f}, 3.5));
  EXPECT_EQ(used, 2);
}

TEST(DevicePrintfFormat, StarWidthAndPrecisionConsumeIntArguments) {
  expect_like_host("[%*d]", 7, 42);
  expect_like_host("[%-*d]", 7, 42);
  expect_like_host("[%*d]", -7, 42);  // a negative width means left-justified
  expect_like_host("%.*f", 2, 3.14159);
  expect_like_host("%.*f", -1, 3.14159);  // a negative precision is no precision
  expect_like_host("[%*.*s]", 8, 2, "canopy");
}

TEST(DevicePrintfFormat, PercentAndPlainText) {
  int used = -1;
  EXPECT_EQ(device_format("100%% done", &used), "100% done");
  EXPECT_EQ(used, 0);
  EXPECT_EQ(device_format("no conversions at all\n", &used), "no conversions at all\n");
  EXPECT_EQ(used, 0);
  expect_like_host("%5.1f%%", 99.5);
}

TEST(DevicePrintfFormat, MalformedConversionsArePrintedAsWrittenWithoutArguments) {
  for (const char* f : {"%y", "100%", "%5.2Q", "%n", "%Lf", "%ls", "%lc", "%hp", "%99999999999d",
                        "%.99999999f", "%5%", "%-"}) {
    int used = -1;
    EXPECT_EQ(device_format(f, &used, 1), f) << f;
    EXPECT_EQ(used, 0) << f;
  }
  int used = 0;
  EXPECT_EQ(device_format("%d %y %d", &used, 1, 2), "1 %y 2");
  EXPECT_EQ(used, 2);
}

TEST(DevicePrintfFormat, FlagsWithoutMeaningForTheConversionAreDropped) {
  int x = 0;
  EXPECT_EQ(device_format("%#d", nullptr, 5), host_format("%d", 5));
  EXPECT_EQ(device_format("[%05s]", nullptr, "ab"), host_format("[%5s]", "ab"));
  EXPECT_EQ(device_format("%+u % u", nullptr, 5u, 6u), host_format("%u %u", 5u, 6u));
  EXPECT_EQ(device_format("%#u", nullptr, 5u), host_format("%u", 5u));
  EXPECT_EQ(device_format("[%.3c]", nullptr, 'q'), host_format("[%c]", 'q'));
  EXPECT_EQ(device_format("%+#0.5p", nullptr, static_cast<void*>(&x)),
            host_format("%p", static_cast<void*>(&x)));
}

TEST(DevicePrintfFormat, HugeStarWidthIsClamped) {
  int used = 0;
  std::string out = device_format("%*d", &used, std::numeric_limits<int>::max(), 1);
  EXPECT_EQ(out.size(), static_cast<size_t>(kPrintfMaxField));
  EXPECT_EQ(used, 2);
}

TEST(DevicePrintfFormat, AtMostThirtyTwoArgumentsAreConverted) {
  std::string format;
  for (int i = 0; i < 34; ++i) format += "%d,";
  PackedArgs args;
  for (int i = 0; i < 34; ++i) args.push(i);
  std::string out;
  auto used = format_device_printf(format, args, out);
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(*used, 32);
  std::string expected;
  for (int i = 0; i < 32; ++i) expected += std::to_string(i) + ",";
  EXPECT_EQ(out, expected + "%d,%d,");
}

TEST(DevicePrintfFormat, NullStringPrintsNull) {
  EXPECT_EQ(device_format("[%s] [%8s]", nullptr, static_cast<const char*>(nullptr),
                          static_cast<const char*>(nullptr)),
            "[(null)] [  (null)]");
}

TEST(DevicePrintfFormat, AFailedReadStopsFormatting) {
  PackedArgs args;
  args.fail_reads = true;
  std::string out;
  EXPECT_FALSE(format_device_printf("x=%d", args, out).has_value());
  PackedArgs strings;
  strings.push(uint64_t{0x9999});  // a string address the source does not know
  EXPECT_FALSE(format_device_printf("%s", strings, out).has_value());
}

}  // namespace
}  // namespace canopy::gpu
