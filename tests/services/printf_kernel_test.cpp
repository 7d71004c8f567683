// Device printf end to end: CUDA kernels compiled by clang, finalized (vprintf -> syscall) and run.
// The text must equal the host's printf of the same values and be the same for every host thread
// count and warp width.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>

#include "formats.h"
#include "services_harness.h"

namespace canopy::services_test {
namespace {

template <typename... T>
std::string host_printf(const char* format, T... values) {
  char text[4096];  // every reference line is far shorter
  const int n = std::snprintf(text, sizeof text, format, values...);
  EXPECT_GE(n, 0);
  EXPECT_LT(n, static_cast<int>(sizeof text));
  return std::string(text, static_cast<size_t>(n));
}

std::string ordering_reference(gpu::Dim3 grid, gpu::Dim3 block) {
  std::string s;
  for (uint32_t bz = 0; bz < grid.z; ++bz)
    for (uint32_t by = 0; by < grid.y; ++by)
      for (uint32_t bx = 0; bx < grid.x; ++bx)
        for (uint32_t tz = 0; tz < block.z; ++tz)
          for (uint32_t ty = 0; ty < block.y; ++ty)
            for (uint32_t tx = 0; tx < block.x; ++tx)
              s += host_printf("block (%u,%u,%u) thread (%u,%u,%u)\n", bx, by, bz, tx, ty, tz);
  return s;
}

class PrintfKernel : public ::testing::TestWithParam<ServiceSetup> {
 protected:
  ServiceDevice dev_{GetParam().preset, GetParam().host_threads, "printf_kernels"};
};

TEST_P(PrintfKernel, EveryConversionMatchesTheHostPrintf) {
  const int i = -4242;
  const unsigned u = 0xC0FFEEu;
  const long long ll = -1234567890123LL;
  const unsigned long long ull = 0xFEDCBA9876543210ULL;
  const double d = 3.14159265358979;
  const float f = 2.75f;
  const char c = 'Q';
  const short h = -321;
  const std::string text = "canopy";
  const uint64_t s = dev_.upload_string(text);
  auto stats = dev_.launch("conversions", {1, 1, 1}, {1, 1, 1}, {i, u, ll, ull, d, f, c, s, h});
  ASSERT_TRUE(stats.ok()) << stats.error().message;

  const char* t = text.c_str();
  void* p = reinterpret_cast<void*>(static_cast<uintptr_t>(s));
  std::string expected = host_printf(FMT_INT, i, i, i, i, i, i, i, i, i, i);
  expected += host_printf(FMT_UNSIGNED, u, u, u, u, u, u, u, u);
  expected +=
      host_printf(FMT_LENGTH, h, static_cast<signed char>(i), static_cast<unsigned short>(u),
                  static_cast<unsigned char>(u), static_cast<long>(ll), ll, ull, static_cast<long>(ull),
                  static_cast<unsigned long>(ull), static_cast<long>(ll), static_cast<long>(ll));
  expected += host_printf(FMT_CHAR_STRING, c, c, c, t, t, t, t, t);
  expected += host_printf(FMT_POINTER, p, p, p);
  expected += host_printf(FMT_FLOAT, d, d, d, d, d, d, d, d);
  expected += host_printf(FMT_FLOAT_FLAGS, d, d, d, d, d, d, d, d, d, double{f});
  expected += host_printf(FMT_STAR, 7, i, 7, i, -7, i, 2, d);
  expected += host_printf(FMT_PERCENT, double{f});
  EXPECT_EQ(dev_.device().take_printf_output(), expected);
  EXPECT_EQ(dev_.device().take_printf_output(), "") << "taking the output clears it";
}

TEST_P(PrintfKernel, OutputIsInCtaThenThreadOrder) {
  for (auto [grid, block] : {std::pair<gpu::Dim3, gpu::Dim3>{{5, 1, 1}, {80, 1, 1}},
                             std::pair<gpu::Dim3, gpu::Dim3>{{2, 3, 2}, {4, 3, 5}}}) {
    auto stats = dev_.launch("ordering", grid, block);
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    EXPECT_TRUE(dev_.device().take_printf_output() == ordering_reference(grid, block));
  }
}

// Within a CTA, text appears in execution order: warps run in the engine's deterministic schedule (which
// warp resumes first after a barrier depends on the warp width), so only the phases are ordered here.
TEST_P(PrintfKernel, BarrierSeparatesPhasesWithinEachCta) {
  ASSERT_TRUE(dev_.launch("phases", {3, 1, 1}, {100, 1, 1}).ok());
  std::istringstream text(dev_.device().take_printf_output());
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(text, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), 600u);
  for (int b = 0; b < 3; ++b) {
    for (const char* phase : {"A", "B"}) {
      std::set<std::string> got(lines.begin() + b * 200 + (phase[0] == 'B') * 100,
                                lines.begin() + b * 200 + (phase[0] == 'B') * 100 + 100);
      std::set<std::string> want;
      for (int t = 0; t < 100; ++t) want.insert(host_printf("%s %d.%d", phase, b, t));
      EXPECT_TRUE(got == want) << "CTA " << b << " phase " << phase;
    }
  }
}

TEST_P(PrintfKernel, OnlyGuardedLanesPrintAndGetTheirResult) {
  auto out = dev_.device().malloc(64 * 4);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(dev_.launch("odd_lanes", {1, 1, 1}, {64, 1, 1}, {*out}).ok());
  std::string expected;
  for (int t = 1; t < 64; t += 2) expected += host_printf("odd %d\n", t);
  EXPECT_EQ(dev_.device().take_printf_output(), expected);
  auto results = dev_.download_ints(*out, 64);
  for (int t = 0; t < 64; ++t) EXPECT_EQ(results[t], t % 2 ? 1 : 0) << t;
}

TEST_P(PrintfKernel, ReturnsTheNumberOfArguments) {
  auto out = dev_.device().malloc(5 * 4);
  ASSERT_TRUE(out.ok());
  const uint64_t s = dev_.upload_string("str");
  ASSERT_TRUE(dev_.launch("results", {1, 1, 1}, {1, 1, 1}, {*out, s}).ok());
  EXPECT_EQ(dev_.download_ints(*out, 5), (std::vector<int32_t>{3, 0, -1, 2, 1}));
  EXPECT_EQ(dev_.device().take_printf_output(), "1 str 2.500000\nno arguments\n[   9]\n");
}

TEST_P(PrintfKernel, StringsInSharedAndLocalMemory) {
  ASSERT_TRUE(dev_.launch("windows", {1, 1, 1}, {3, 1, 1}).ok());
  EXPECT_EQ(dev_.device().take_printf_output(), "abcdefg ABCDEFG\nabcdefg BCDEFGH\nabcdefg CDEFGHI\n");
}

TEST_P(PrintfKernel, PrintfInsideACalledFunction) {
  auto out = dev_.device().malloc(40 * 4);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE(dev_.launch("callee", {1, 1, 1}, {40, 1, 1}, {*out}).ok());
  std::string expected;
  for (int t = 0; t < 40; ++t) expected += host_printf("callee %d\n", t * 10);
  EXPECT_EQ(dev_.device().take_printf_output(), expected);
  for (int r : dev_.download_ints(*out, 40)) EXPECT_EQ(r, 1);
}

TEST_P(PrintfKernel, BadStringPointerIsAPreciseFault) {
  const uint64_t good = dev_.upload_string("ok");
  const uint64_t bad = 0x10'0000'0000ull + 0x7'0000'0000ull;  // global range, no allocation
  auto stats = dev_.launch("bad_string", {3, 1, 1}, {50, 1, 1}, {good, bad, 37});
  ASSERT_FALSE(stats.ok());
  auto fault = dev_.device().last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, "illegal address");
  EXPECT_EQ(fault->block, (gpu::Dim3{0, 0, 0}));
  EXPECT_EQ(fault->thread, (gpu::Dim3{37, 0, 0}));
  EXPECT_TRUE(fault->has_address);
  EXPECT_EQ(fault->address, bad);
  EXPECT_NE(fault->detail.find("printf %s argument"), std::string::npos) << fault->detail;
  // Text printed before the fault is kept; the faulting printf prints nothing, not even for the lanes
  // below 37 (with 32-lane warps those are in the warp before, which printed "s=ok" already).
  std::string expected;
  const bool wide = dev_.device().config().warp_size == 64;
  for (int t = 0; t < (wide ? 50 : 32); ++t) expected += host_printf("before %d\n", t);
  if (!wide) {
    for (int t = 0; t < 32; ++t) expected += "s=ok\n";
    for (int t = 32; t < 50; ++t) expected += host_printf("before %d\n", t);
  }
  EXPECT_EQ(dev_.device().take_printf_output(), expected);
}

TEST_P(PrintfKernel, BadFormatPointerFaults) {
  const uint64_t bad = 0x2'0000'0000ull + 0x7000'0000ull;  // far beyond the thread's local memory
  ASSERT_FALSE(dev_.launch("bad_format", {1, 1, 1}, {4, 1, 1}, {bad}).ok());
  auto fault = dev_.device().last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, "illegal address");
  EXPECT_EQ(fault->thread, (gpu::Dim3{0, 0, 0}));
  EXPECT_EQ(fault->address, bad);
  EXPECT_NE(fault->detail.find("printf format"), std::string::npos) << fault->detail;
  EXPECT_EQ(dev_.device().take_printf_output(), "");
}

INSTANTIATE_TEST_SUITE_P(Setups, PrintfKernel, ::testing::ValuesIn(kSetups),
                         [](const ::testing::TestParamInfo<ServiceSetup>& info) {
                           std::string name = std::string(info.param.preset) + "_t" +
                                              std::to_string(info.param.host_threads);
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

// Kernels whose text does not depend on the warp schedule: byte-identical text in every setup.
TEST(PrintfDeterminism, SameTextForEveryThreadCountAndWarpWidth) {
  std::string first;
  for (const ServiceSetup& setup : kSetups) {
    ServiceDevice dev(setup.preset, setup.host_threads, "printf_kernels");
    ASSERT_TRUE(dev.launch("ordering", {7, 2, 1}, {48, 2, 1}).ok());
    ASSERT_TRUE(dev.launch("numbered", {9, 1, 1}, {70, 1, 1}).ok());
    const std::string text = dev.device().take_printf_output();
    if (first.empty())
      first = text;
    else
      EXPECT_TRUE(text == first) << setup.preset << " with " << setup.host_threads << " threads";
  }
  EXPECT_FALSE(first.empty());
}

// Text that follows the warp schedule (after a barrier) is still the same for every host thread count.
TEST(PrintfDeterminism, SameTextForOneAndTwoHostThreads) {
  for (const char* preset : {"default", "bi-v100"}) {
    std::string text[2];
    for (unsigned threads : {1u, 2u}) {
      ServiceDevice dev(preset, threads, "printf_kernels");
      ASSERT_TRUE(dev.launch("phases", {11, 1, 1}, {96, 1, 1}).ok());
      text[threads - 1] = dev.device().take_printf_output();
    }
    EXPECT_TRUE(text[0] == text[1]) << preset;
    EXPECT_EQ(std::count(text[0].begin(), text[0].end(), '\n'), 11 * 96 * 2) << preset;
  }
}

std::string numbered_reference(int from, int to) {
  std::string s;
  for (int k = from; k < to; ++k) s += host_printf("line %03d\n", k);
  return s;
}

TEST(PrintfBuffer, ExcessOutputIsDroppedWholeRecordsInCtaOrder) {
  for (const ServiceSetup& setup : kSetups) {
    // 100 bytes hold 11 records of 9 bytes; everything after the first record that does not fit is lost.
    ServiceDevice dev(setup.preset, setup.host_threads, "printf_kernels", 100);
    ASSERT_TRUE(dev.launch("numbered", {8, 1, 1}, {64, 1, 1}).ok());
    EXPECT_EQ(dev.device().take_printf_output(), numbered_reference(0, 11))
        << setup.preset << setup.host_threads;
    // Taking the text frees the buffer; two launches without taking share it.
    ASSERT_TRUE(dev.launch("numbered", {1, 1, 1}, {5, 1, 1}).ok());
    ASSERT_TRUE(dev.launch("numbered", {1, 1, 1}, {10, 1, 1}).ok());
    EXPECT_EQ(dev.device().take_printf_output(), numbered_reference(0, 5) + numbered_reference(0, 6));
  }
}

TEST(PrintfBuffer, DefaultIsCudasOneMegabyteAndCanBeChanged) {
  ServiceDevice dev("default", 1, "printf_kernels");
  EXPECT_EQ(dev.device().printf_buffer_size(), uint64_t{1} << 20);
  // About 1.4 MB of records ("line 100000\n" is 12 bytes): the longest prefix within 1 MiB is kept.
  ASSERT_TRUE(dev.launch("numbered", {1024, 1, 1}, {128, 1, 1}).ok());
  std::string expected;
  for (int k = 0;; ++k) {
    const std::string record = host_printf("line %03d\n", k);
    if (expected.size() + record.size() > (uint64_t{1} << 20)) break;
    expected += record;
  }
  EXPECT_TRUE(dev.device().take_printf_output() == expected);
  dev.device().set_printf_buffer_size(18);
  ASSERT_TRUE(dev.launch("numbered", {1, 1, 1}, {4, 1, 1}).ok());
  EXPECT_EQ(dev.device().take_printf_output(), numbered_reference(0, 2));
}

}  // namespace
}  // namespace canopy::services_test
