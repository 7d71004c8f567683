// Device printf and assert, __trap, and math_constants.h in device and host code.
#include <cstdint>
#include <cstring>

#include "math_constants.h"
#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class ServicesTest : public KernelTest {};

TEST_P(ServicesTest, PrintfFormatsEveryThreadsLine) {
  auto run = launch("services", "_Z5helloid", {1, 1, 1}, {3, 1, 1}, 0, {int32_t(42), 2.5});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(device_->take_printf_output(),
            "thread 0 of 3: value=42 x=2.500 ok\n"
            "thread 1 of 3: value=42 x=2.500 ok\n"
            "thread 2 of 3: value=42 x=2.500 ok\n");
}

TEST_P(ServicesTest, FailedAssertStopsTheKernelWithCudasMessage) {
  std::vector<int32_t> values(8, 1);
  values[5] = -3;
  uint64_t d_values = upload(values);
  auto run = launch("services", "_Z14check_positivePKi", {1, 1, 1}, {8, 1, 1}, 0, {d_values});
  ASSERT_FALSE(run.ok());
  auto fault = device_->last_fault();
  ASSERT_TRUE(fault.has_value());
  EXPECT_EQ(fault->kind, "assert");
  EXPECT_NE(fault->detail.find("services.cu:"), std::string::npos) << fault->detail;
  EXPECT_NE(fault->detail.find("thread: [5,0,0] Assertion `v > 0` failed."), std::string::npos)
      << fault->detail;
  EXPECT_NE(fault->detail.find("check_positive"), std::string::npos) << fault->detail;
}

TEST_P(ServicesTest, PassingAssertsLetTheKernelFinish) {
  uint64_t d_values = upload(std::vector<int32_t>(8, 1));
  auto run = launch("services", "_Z14check_positivePKi", {1, 1, 1}, {8, 1, 1}, 0, {d_values});
  EXPECT_TRUE(run.ok()) << run.error().message;
}

TEST_P(ServicesTest, NdebugRemovesDeviceAsserts) {
  std::vector<int32_t> values = {1, -2, 3, 0};
  uint64_t d_values = upload(values), d_out = upload(std::vector<int32_t>(4));
  auto run =
      launch("services_ndebug", "_Z21check_positive_ndebugPKiPi", {1, 1, 1}, {4, 1, 1}, 0, {d_values, d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(download<int32_t>(d_out, 4), values);
}

TEST_P(ServicesTest, TrapFaultsTheKernel) {
  auto ok = launch("services", "_Z7trap_ifi", {1, 1, 1}, {4, 1, 1}, 0, {int32_t(0)});
  EXPECT_TRUE(ok.ok()) << ok.error().message;
  auto trapped = launch("services", "_Z7trap_ifi", {1, 1, 1}, {4, 1, 1}, 0, {int32_t(1)});
  EXPECT_FALSE(trapped.ok());
}

TEST_P(ServicesTest, MathConstantsReachDeviceCodeBitExactly) {
  uint64_t d_out = upload(std::vector<uint64_t>(6));
  auto run = launch("services", "_Z9constantsPy", {1, 1, 1}, {1, 1, 1}, 0, {d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  EXPECT_EQ(download<uint64_t>(d_out, 6),
            (std::vector<uint64_t>{0x40490fdbu, 0x7fffffffu, 0x7f800000u, 0x400921fb54442d18ull,
                                   0xfff8000000000000ull, 0x8000000000000000ull}));
}

template <typename F>
uint64_t bits(F v) {
  if constexpr (sizeof(F) == 4) {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    return b;
  } else {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    return b;
  }
}

// Values from the IEEE encodings of the constants (and CUDA's documented special values).
TEST(MathConstantsTest, HostValuesHaveTheExpectedBits) {
  EXPECT_EQ(bits(CUDART_INF_F), 0x7f800000u);
  EXPECT_EQ(bits(CUDART_NAN_F), 0x7fffffffu);
  EXPECT_EQ(bits(CUDART_NEG_ZERO_F), 0x80000000u);
  EXPECT_EQ(bits(CUDART_MIN_DENORM_F), 0x00000001u);
  EXPECT_EQ(bits(CUDART_MAX_NORMAL_F), 0x7f7fffffu);
  EXPECT_EQ(bits(CUDART_PI_F), 0x40490fdbu);
  EXPECT_EQ(bits(CUDART_PIO2_F), 0x3fc90fdbu);
  EXPECT_EQ(bits(CUDART_L2E_F), 0x3fb8aa3bu);
  EXPECT_EQ(bits(CUDART_LN2_F), 0x3f317218u);
  EXPECT_EQ(bits(CUDART_SQRT_HALF_LO_F), 0x324fe77au);
  EXPECT_EQ(bits(CUDART_INF), 0x7ff0000000000000ull);
  EXPECT_EQ(bits(CUDART_NAN), 0xfff8000000000000ull);
  EXPECT_EQ(bits(CUDART_NEG_ZERO), 0x8000000000000000ull);
  EXPECT_EQ(bits(CUDART_MIN_DENORM), 0x0000000000000001ull);
  EXPECT_EQ(bits(CUDART_PI), 0x400921fb54442d18ull);
  EXPECT_EQ(bits(CUDART_PI_LO), 0x3ca1a62633145c07ull);
  EXPECT_EQ(bits(CUDART_LN2_HI), 0x3fe62e42fefa39efull);
  EXPECT_EQ(bits(CUDART_LN2_LO), 0x3c7abc9e3b39803full);
  EXPECT_EQ(bits(CUDART_SQRT_2PI_LO), 0xbcaa6a0d6f814637ull);
  EXPECT_EQ(bits(CUDART_DBL2INT_CVT), 0x4338000000000000ull);
  EXPECT_EQ(bits(CUDART_TWO_TO_M1022), 0x0010000000000000ull);
  EXPECT_EQ(CUDART_REMQUO_MASK_F, 7u);
}

INSTANTIATE_TEST_SUITE_P(Setups, ServicesTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
