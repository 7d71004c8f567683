// Device assert: __assertfail stops the kernel with a precise fault of kind "assert" carrying CUDA's
// message; printf text from before the fault is kept.
#include <gtest/gtest.h>

#include <string>

#include "services_harness.h"

namespace canopy::services_test {
namespace {

std::string pre_lines(int ctas, int threads) {
  std::string s;
  for (int b = 0; b < ctas; ++b)
    for (int t = 0; t < threads; ++t) s += "pre " + std::to_string(b) + "." + std::to_string(t) + "\n";
  return s;
}

class AssertKernel : public ::testing::TestWithParam<ServiceSetup> {
 protected:
  ServiceDevice dev_{GetParam().preset, GetParam().host_threads, "assert_kernels"};
};

TEST_P(AssertKernel, FailedAssertionIsAFaultWithCudasMessage) {
  // Threads >= 40 of CTAs >= 2 fail: the lowest CTA and, in it, the lowest thread are reported.
  auto stats = dev_.launch("check_range", {6, 1, 1}, {64, 1, 1}, {2, 40});
  ASSERT_FALSE(stats.ok());
  auto fault = dev_.device().last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, "assert");
  EXPECT_EQ(fault->block, (gpu::Dim3{2, 0, 0}));
  EXPECT_EQ(fault->thread, (gpu::Dim3{40, 0, 0}));
  EXPECT_FALSE(fault->has_address);
  EXPECT_EQ(fault->detail,
            "assert_kernels.cu:7: check_range: block: [2,0,0], thread: [40,0,0] Assertion "
            "`blockIdx.x < bad_block || threadIdx.x < bad_thread` failed.");
  EXPECT_NE(stats.error().message.find("Assertion `blockIdx.x"), std::string::npos) << stats.error().message;
  EXPECT_EQ(dev_.device().history().back().faulted, true);
  // CTAs 0 and 1 ran completely and CTA 2 printed before asserting; CTAs above 2 are not reported.
  EXPECT_EQ(dev_.device().take_printf_output(), pre_lines(3, 64));
}

TEST_P(AssertKernel, PassingAssertionsDoNothing) {
  auto out = dev_.device().malloc(96 * 4);
  ASSERT_TRUE(out.ok());
  auto stats = dev_.launch("passes", {2, 1, 1}, {96, 1, 1}, {*out});
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  for (int v : dev_.download_ints(*out, 96)) EXPECT_EQ(v, 1);
  EXPECT_FALSE(dev_.device().last_fault().has_value());
}

TEST_P(AssertKernel, BlockAndThreadAreThreeDimensional) {
  // block (4, 8, 2): linear thread 45 is (1, 3, 1); the first failing CTA is (0, 1, 0).
  auto stats = dev_.launch("check_linear", {2, 3, 1}, {4, 8, 2}, {45});
  ASSERT_FALSE(stats.ok());
  auto fault = dev_.device().last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->block, (gpu::Dim3{0, 1, 0}));
  EXPECT_EQ(fault->thread, (gpu::Dim3{1, 3, 1}));
  EXPECT_EQ(fault->detail,
            "assert_kernels.cu:19: check_linear: block: [0,1,0], thread: [1,3,1] Assertion "
            "`blockIdx.y == 0 || linear < first_bad` failed.");
}

INSTANTIATE_TEST_SUITE_P(Setups, AssertKernel, ::testing::ValuesIn(kSetups),
                         [](const ::testing::TestParamInfo<ServiceSetup>& info) {
                           std::string name = std::string(info.param.preset) + "_t" +
                                              std::to_string(info.param.host_threads);
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

}  // namespace
}  // namespace canopy::services_test
