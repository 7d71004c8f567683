// Device faults: the launch succeeds, the error is sticky from then on (every call, cudaGetLastError
// included) until cudaDeviceReset, and a diagnostic is printed once.
#include <string>

#include "cuda/runtime/runtime.h"
#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class FaultTest : public RuntimeTest {
 protected:
  // Launches store_at(p, index) on a 4-int allocation.
  cudaError_t store_at(long long index) {
    int* d = nullptr;
    EXPECT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 4 * sizeof(int)), cudaSuccess);
    char tag = 1;
    double scale = 1.0;
    void* args[] = {&d, &index, &tag, &scale};
    return cudaLaunchKernel(kernel("store_at"), dim3(1), dim3(1), args, 0, nullptr);
  }
};

TEST_F(FaultTest, IllegalAddressIsStickyUntilReset) {
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(store_at(1 << 20), cudaSuccess);  // asynchronous, as on a GPU
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  void* p = nullptr;
  EXPECT_EQ(cudaMalloc(&p, 16), cudaErrorIllegalAddress);
  EXPECT_EQ(cudaGetLastError(), cudaErrorIllegalAddress);
  EXPECT_EQ(cudaGetLastError(), cudaErrorIllegalAddress);  // sticky: not cleared
  EXPECT_EQ(cudaPeekAtLastError(), cudaErrorIllegalAddress);
  int n = 1;
  void* args[] = {&p, &n};
  EXPECT_EQ(cudaLaunchKernel(kernel("add_one"), dim3(1), dim3(1), args, 0, nullptr), cudaErrorIllegalAddress);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("illegal address"), std::string::npos) << err;
  EXPECT_EQ(err.find("illegal address"), err.rfind("illegal address")) << "printed once: " << err;

  EXPECT_EQ(cudaDeviceReset(), cudaSuccess);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
  EXPECT_EQ(cudaMalloc(&p, 16), cudaSuccess);
  EXPECT_EQ(store_at(2), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);
}

TEST_F(FaultTest, MisalignedAccessIsMisalignedAddress) {
  char* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 16), cudaSuccess);
  void* args[] = {&d};
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(cudaLaunchKernel(kernel("store_misaligned"), dim3(1), dim3(1), args, 0, nullptr), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(nullptr), cudaErrorMisalignedAddress);
  ::testing::internal::GetCapturedStderr();
  EXPECT_STREQ(cudaGetErrorString(cudaPeekAtLastError()), "misaligned address");
}

TEST_F(FaultTest, TrapIsUnspecifiedLaunchFailure) {
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(cudaLaunchKernel(kernel("trap_kernel"), dim3(1), dim3(1), nullptr, 0, nullptr), cudaSuccess);
  int x = 0;
  void* d = nullptr;
  EXPECT_EQ(cudaMemcpy(&x, d, 0, cudaMemcpyDeviceToHost), cudaErrorLaunchFailure);
  ::testing::internal::GetCapturedStderr();
}

TEST(FaultMapping, KindsMapToCudaCodes) {
  gpu::Fault f;
  const std::pair<const char*, cudaError_t> cases[] = {
      {"illegal address", cudaErrorIllegalAddress},
      {"misaligned address", cudaErrorMisalignedAddress},
      {"assert", cudaErrorAssert},
      {"trap", cudaErrorLaunchFailure},
      {"stack overflow", cudaErrorLaunchFailure},
      {"barrier deadlock", cudaErrorLaunchTimeout},
      {"invalid call target", cudaErrorInvalidPc},
      {"invalid barrier", cudaErrorIllegalInstruction},
      {"something new", cudaErrorLaunchFailure},
  };
  for (const auto& [kind, code] : cases) {
    f.kind = kind;
    EXPECT_EQ(error_for_fault(f), code) << kind;
  }
}

}  // namespace
}  // namespace canopy::cudart::test
