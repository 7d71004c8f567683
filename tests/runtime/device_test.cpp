// Device queries (properties from the preset), versions, limits, error texts, the driver API, function
// attributes and the occupancy calculator.
#include <cstdlib>
#include <cstring>

#include "cuda.h"
#include "gpu/config/gpu_config.h"
#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class DeviceTest : public RuntimeTest {
 protected:
  // The preset the runtime uses (CANOPY_GPU unset in the test environment means "default").
  gpu::GpuConfig preset() {
    const char* name = std::getenv("CANOPY_GPU");
    auto c = gpu::preset(name && *name ? name : "default");
    if (!c.ok()) c = gpu::load_config_file(name);
    EXPECT_TRUE(c.ok());
    return c.ok() ? *c : gpu::GpuConfig{};
  }
};

TEST_F(DeviceTest, OneDeviceWithThePresetsProperties) {
  int count = 0, device = -1;
  ASSERT_EQ(cudaGetDeviceCount(&count), cudaSuccess);
  EXPECT_EQ(count, 1);
  ASSERT_EQ(cudaGetDevice(&device), cudaSuccess);
  EXPECT_EQ(device, 0);
  EXPECT_EQ(cudaSetDevice(0), cudaSuccess);
  EXPECT_EQ(cudaSetDevice(1), cudaErrorInvalidDevice);
  const gpu::GpuConfig c = preset();
  cudaDeviceProp p;
  ASSERT_EQ(cudaGetDeviceProperties(&p, 0), cudaSuccess);
  EXPECT_NE(std::strstr(p.name, c.name.c_str()), nullptr);
  EXPECT_EQ(p.totalGlobalMem, c.memory_bytes);
  EXPECT_EQ(p.warpSize, int(c.warp_size));
  EXPECT_EQ(p.multiProcessorCount, int(c.sm_count));
  EXPECT_EQ(p.maxThreadsPerBlock, int(c.max_threads_per_block));
  EXPECT_EQ(p.maxGridSize[1], int(c.max_grid_dim[1]));
  EXPECT_EQ(p.sharedMemPerBlock, c.shared_per_block);
  EXPECT_EQ(p.sharedMemPerBlockOptin, c.shared_per_block_optin);
  EXPECT_EQ(p.clockRate, int(c.clock_mhz * 1000));
  EXPECT_EQ(p.major, int(c.compute_capability_major));
  EXPECT_EQ(p.minor, int(c.compute_capability_minor));
  EXPECT_EQ(p.maxBlocksPerMultiProcessor, int(c.max_ctas_per_sm));
  EXPECT_EQ(p.unifiedAddressing, 1);
  EXPECT_EQ(cudaGetDeviceProperties(&p, 1), cudaErrorInvalidDevice);
  int value = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&value, cudaDevAttrMultiProcessorCount, 0), cudaSuccess);
  EXPECT_EQ(value, int(c.sm_count));
  ASSERT_EQ(cudaDeviceGetAttribute(&value, cudaDevAttrComputeCapabilityMajor, 0), cudaSuccess);
  EXPECT_EQ(value, p.major);
  ASSERT_EQ(cudaDeviceGetAttribute(&value, cudaDevAttrMaxSharedMemoryPerMultiprocessor, 0), cudaSuccess);
  EXPECT_EQ(value, int(c.shared_per_sm));
  EXPECT_EQ(cudaDeviceGetAttribute(&value, cudaDevAttrWarpSize, 3), cudaErrorInvalidDevice);
  EXPECT_EQ(cudaDeviceGetAttribute(&value, static_cast<cudaDeviceAttr>(127), 0), cudaErrorInvalidValue);
}

TEST_F(DeviceTest, VersionsLimitsAndFlags) {
  int v = 0;
  ASSERT_EQ(cudaRuntimeGetVersion(&v), cudaSuccess);
  EXPECT_EQ(v, 11050);
  ASSERT_EQ(cudaDriverGetVersion(&v), cudaSuccess);
  EXPECT_EQ(v, 12080);  // the driver release whose gated features are implemented (cuda/runtime/runtime.h)
  size_t limit = 0;
  ASSERT_EQ(cudaDeviceGetLimit(&limit, cudaLimitStackSize), cudaSuccess);
  EXPECT_EQ(limit, preset().local_bytes_per_thread);
  ASSERT_EQ(cudaDeviceSetLimit(cudaLimitPrintfFifoSize, 1 << 22), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetLimit(&limit, cudaLimitPrintfFifoSize), cudaSuccess);
  EXPECT_EQ(limit, size_t{1} << 22);
  EXPECT_EQ(cudaDeviceSetLimit(static_cast<cudaLimit>(7), 1), cudaErrorUnsupportedLimit);
  EXPECT_EQ(cudaSetDeviceFlags(cudaDeviceScheduleBlockingSync | cudaDeviceMapHost), cudaSuccess);
  EXPECT_EQ(cudaSetDeviceFlags(0x100), cudaErrorInvalidValue);
  EXPECT_EQ(cudaDeviceSetCacheConfig(cudaFuncCachePreferShared), cudaSuccess);
  EXPECT_EQ(cudaDeviceSetSharedMemConfig(cudaSharedMemBankSizeEightByte), cudaSuccess);
}

TEST(ErrorText, NamesAndStringsAreCudas) {
  EXPECT_STREQ(cudaGetErrorName(cudaSuccess), "cudaSuccess");
  EXPECT_STREQ(cudaGetErrorString(cudaSuccess), "no error");
  EXPECT_STREQ(cudaGetErrorName(cudaErrorInvalidValue), "cudaErrorInvalidValue");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorInvalidValue), "invalid argument");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorMemoryAllocation), "out of memory");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorIllegalAddress), "an illegal memory access was encountered");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorAssert), "device-side assert triggered");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorLaunchFailure), "unspecified launch failure");
  EXPECT_STREQ(cudaGetErrorString(cudaErrorInvalidConfiguration), "invalid configuration argument");
  EXPECT_STREQ(cudaGetErrorName(cudaErrorNoKernelImageForDevice), "cudaErrorNoKernelImageForDevice");
  EXPECT_STREQ(cudaGetErrorString(static_cast<cudaError_t>(12345)), "unrecognized error code");
  EXPECT_EQ(int(cudaErrorLaunchFailure), 719);
  EXPECT_EQ(int(cudaErrorInvalidResourceHandle), 400);
  EXPECT_EQ(int(cudaErrorUnknown), 999);
}

TEST(DriverApi, QueriesTheSameDevice) {
  EXPECT_EQ(cuInit(1), CUDA_ERROR_INVALID_VALUE);
  ASSERT_EQ(cuInit(0), CUDA_SUCCESS);
  int count = 0, version = 0;
  ASSERT_EQ(cuDeviceGetCount(&count), CUDA_SUCCESS);
  EXPECT_EQ(count, 1);
  ASSERT_EQ(cuDriverGetVersion(&version), CUDA_SUCCESS);
  EXPECT_EQ(version, 12080);
  CUdevice dev = -1;
  ASSERT_EQ(cuDeviceGet(&dev, 0), CUDA_SUCCESS);
  EXPECT_EQ(cuDeviceGet(&dev, 1), CUDA_ERROR_INVALID_DEVICE);
  char name[8];
  ASSERT_EQ(cuDeviceGetName(name, sizeof name, 0), CUDA_SUCCESS);
  EXPECT_EQ(std::strlen(name), sizeof name - 1);  // truncated and terminated
  size_t bytes = 0;
  ASSERT_EQ(cuDeviceTotalMem(&bytes, 0), CUDA_SUCCESS);
  cudaDeviceProp p;
  ASSERT_EQ(cudaGetDeviceProperties(&p, 0), cudaSuccess);
  EXPECT_EQ(bytes, p.totalGlobalMem);
  int warp = 0;
  ASSERT_EQ(cuDeviceGetAttribute(&warp, CU_DEVICE_ATTRIBUTE_WARP_SIZE, 0), CUDA_SUCCESS);
  EXPECT_EQ(warp, p.warpSize);
  const char* text = nullptr;
  ASSERT_EQ(cuGetErrorString(CUDA_ERROR_ILLEGAL_ADDRESS, &text), CUDA_SUCCESS);
  EXPECT_STREQ(text, "an illegal memory access was encountered");
}

TEST_F(DeviceTest, FunctionAttributesDescribeTheKernel) {
  cudaFuncAttributes a;
  ASSERT_EQ(cudaFuncGetAttributes(&a, kernel("bounded")), cudaSuccess);
  EXPECT_EQ(a.maxThreadsPerBlock, 64);
  ASSERT_EQ(cudaFuncGetAttributes(&a, kernel("block_sum")), cudaSuccess);
  EXPECT_EQ(a.sharedSizeBytes, 256 * sizeof(int));
  EXPECT_GT(a.numRegs, 0);
  EXPECT_EQ(a.binaryVersion, 70);
  EXPECT_GE(a.ptxVersion, 60);
  EXPECT_EQ(a.maxDynamicSharedSizeBytes, int(preset().shared_per_block - 1024));
  EXPECT_EQ(cudaFuncGetAttributes(&a, nullptr), cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaFuncSetCacheConfig(kernel("block_sum"), cudaFuncCachePreferL1), cudaSuccess);
}

TEST_F(DeviceTest, OccupancyFollowsThePresetLimits) {
  const gpu::GpuConfig c = preset();
  cudaFuncAttributes a;
  ASSERT_EQ(cudaFuncGetAttributes(&a, kernel("block_sum")), cudaSuccess);
  int blocks = -1;
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, kernel("block_sum"), 256, 0), cudaSuccess);
  // Independent reference: threads, CTAs, registers (per whole warp) and shared memory per SM.
  unsigned expected = std::min(c.max_ctas_per_sm, c.max_threads_per_sm / 256);
  expected = std::min<unsigned>(expected, c.regs_per_sm / (unsigned(a.numRegs) * 256));
  expected = std::min<unsigned>(expected, c.shared_per_sm / 1024);
  EXPECT_EQ(blocks, int(expected));
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, kernel("bounded"), 128, 0), cudaSuccess);
  EXPECT_EQ(blocks, 0);  // beyond its launch bounds
  int min_grid = 0, block = 0;
  ASSERT_EQ(cudaOccupancyMaxPotentialBlockSize(&min_grid, &block, kernel("add_one")), cudaSuccess);
  EXPECT_GT(block, 0);
  EXPECT_EQ(block % int(c.warp_size), 0);
  int per_sm = 0;
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, kernel("add_one"), block, 0), cudaSuccess);
  EXPECT_EQ(min_grid, per_sm * int(c.sm_count));
  ASSERT_EQ(cudaOccupancyMaxPotentialBlockSizeVariableSMem(&min_grid, &block, kernel("reverse_shared"),
                                                           [](int size) { return size_t(size) * 64; }),
            cudaSuccess);
  EXPECT_GT(block, 0);
  EXPECT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&blocks, kernel("add_one"), 0, 0),
            cudaErrorInvalidValue);
}

}  // namespace
}  // namespace canopy::cudart::test
