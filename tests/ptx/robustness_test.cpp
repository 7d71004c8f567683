// Bad input never crashes or hangs: deterministic truncations and byte mutations of valid PTX must give
// either a module or an error with a "name:line:col: " prefix. Also checks that a large file parses fast.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "ptx/printer.h"
#include "tests/ptx/ptx_test_util.h"

namespace canopy::ptx {
namespace {

using testing::read_test_file;

// splitmix64: a tiny deterministic generator, so failures reproduce.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

bool has_position_prefix(const std::string& message, const std::string& name) {
  if (message.compare(0, name.size() + 1, name + ":") != 0) return false;
  size_t p = name.size() + 1;
  for (int field = 0; field < 2; ++field) {
    size_t digits = p;
    while (p < message.size() && message[p] >= '0' && message[p] <= '9') ++p;
    if (p == digits || p >= message.size() || message[p] != ':') return false;
    ++p;
  }
  return message.compare(p, 1, " ") == 0 && message.size() > p + 1;
}

std::string mutate(const std::string& text, Rng& rng) {
  static const char kInteresting[] = "{}[]();,.:%@!|<>+-_\"/*0fdx\n \\\x80\xff";
  std::string s = text;
  switch (rng.below(6)) {
    case 0:  // truncate
      s.resize(rng.below(s.size() + 1));
      break;
    case 1:  // overwrite one byte with an interesting character
      if (!s.empty()) s[rng.below(s.size())] = kInteresting[rng.below(sizeof kInteresting - 1)];
      break;
    case 2:  // overwrite one byte with any byte
      if (!s.empty()) s[rng.below(s.size())] = static_cast<char>(rng.below(256));
      break;
    case 3: {  // delete a short range
      size_t at = rng.below(s.size());
      s.erase(at, rng.below(16) + 1);
      break;
    }
    case 4: {  // duplicate a short range
      size_t at = rng.below(s.size());
      s.insert(at, s.substr(at, rng.below(32) + 1));
      break;
    }
    default: {  // several byte flips
      for (int i = 0; i < 4 && !s.empty(); ++i)
        s[rng.below(s.size())] = kInteresting[rng.below(sizeof kInteresting - 1)];
      break;
    }
  }
  return s;
}

TEST(Robustness, MutatedCompilerOutputGivesAModuleOrAPositionedError) {
  const char* files[] = {"clang14_fib.ptx",          "clang14_reduce.ptx",    "nvcc_debug_fib.ptx",
                         "nvcc_lineinfo_reduce.ptx", "nvcc_math_atomics.ptx", "clang14_matmul.ptx"};
  std::vector<std::string> sources;
  for (const char* f : files) sources.push_back(read_test_file(std::string("ptx/") + f));
  Rng rng{12345};
  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string& source = sources[static_cast<size_t>(i) % sources.size()];
    std::string mutated = mutate(source, rng);
    auto result = parse(mutated, "fuzz.ptx");
    if (result.ok()) {
      // What parses must also print and re-parse.
      auto again = parse(print(*result), "printed.ptx");
      EXPECT_TRUE(again.ok()) << "case " << i << ": " << again.error().message;
      continue;
    }
    ++errors;
    ASSERT_TRUE(has_position_prefix(result.error().message, "fuzz.ptx"))
        << "case " << i << ": " << result.error().message;
  }
  EXPECT_GT(errors, 1000);  // the mutations really do produce bad input
}

TEST(Robustness, EveryPrefixOfASmallFileIsHandled) {
  std::string source = read_test_file("ptx/nvcc_saxpy.ptx");
  for (size_t n = 0; n <= source.size(); ++n) {
    auto result = parse(std::string_view(source).substr(0, n), "prefix.ptx");
    if (!result.ok()) {
      ASSERT_TRUE(has_position_prefix(result.error().message, "prefix.ptx")) << n;
    }
  }
}

TEST(Robustness, FiveMegabyteFileParsesQuickly) {
  std::string unit = read_test_file("ptx/nvcc_matmul.ptx");
  std::string big;
  big.reserve(5u << 20);
  while (big.size() < (5u << 20)) big += unit;
  auto start = std::chrono::steady_clock::now();
  auto result = parse(big, "big.ptx");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_GT(result->functions.size(), 1000u);
  std::printf("parsed %zu bytes in %.3f s\n", big.size(), seconds);
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__) && !defined(CANOPY_TEST_UNDER_EMULATOR)
  // Optimized builds take 0.1 s with warm memory and about 0.5 s when every page is fresh on a loaded
  // machine; the bound only catches a gross regression such as quadratic behaviour.
  EXPECT_LT(seconds, 4.0);
#endif
}

}  // namespace
}  // namespace canopy::ptx
