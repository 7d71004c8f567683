// Registration and launches: argument packing, configuration push/pop, launch checks with CUDA's codes.
#include <numeric>
#include <thread>
#include <vector>

#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class LaunchTest : public RuntimeTest {};

TEST_F(LaunchTest, AddOneRunsOnEveryElement) {
  const int n = 1000;
  std::vector<int> host(n);
  std::iota(host.begin(), host.end(), 0);
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), n * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(d, host.data(), n * sizeof(int), cudaMemcpyHostToDevice), cudaSuccess);
  int count = n;
  void* args[] = {&d, &count};
  ASSERT_EQ(cudaLaunchKernel(kernel("add_one"), dim3((n + 127) / 128), dim3(128), args, 0, nullptr),
            cudaSuccess);
  ASSERT_EQ(cudaMemcpy(host.data(), d, n * sizeof(int), cudaMemcpyDeviceToHost), cudaSuccess);
  for (int i = 0; i < n; ++i) ASSERT_EQ(host[i], i + 1) << i;
  EXPECT_EQ(cudaFree(d), cudaSuccess);
}

TEST_F(LaunchTest, SaxpyPacksFloatPointerAndIntArguments) {
  const int n = 64;
  std::vector<float> x(n), y(n);
  for (int i = 0; i < n; ++i) x[i] = float(i), y[i] = 1.0f;
  float *dx = nullptr, *dy = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&dx), n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&dy), n * sizeof(float)), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(dx, x.data(), n * sizeof(float), cudaMemcpyDefault), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(dy, y.data(), n * sizeof(float), cudaMemcpyDefault), cudaSuccess);
  float a = 2.5f;
  int count = n;
  void* args[] = {&a, &dx, &dy, &count};
  ASSERT_EQ(cudaLaunchKernel(kernel("saxpy"), dim3(1), dim3(64), args, 0, nullptr), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(y.data(), dy, n * sizeof(float), cudaMemcpyDefault), cudaSuccess);
  for (int i = 0; i < n; ++i) ASSERT_EQ(y[i], 2.5f * float(i) + 1.0f);
}

TEST_F(LaunchTest, PacksCharLongLongAndDoubleAtTheirOffsets) {
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 8 * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMemset(d, 0, 8 * sizeof(int)), cudaSuccess);
  long long index = 5;
  char tag = 7;
  double scale = 3.0;
  void* args[] = {&d, &index, &tag, &scale};
  ASSERT_EQ(cudaLaunchKernel(kernel("store_at"), dim3(1), dim3(1), args, 0, nullptr), cudaSuccess);
  int host[8];
  ASSERT_EQ(cudaMemcpy(host, d, sizeof host, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(host[5], 21);
  EXPECT_EQ(host[4], 0);
}

TEST_F(LaunchTest, PushedConfigurationPopsBackUnchanged) {
  cudaStream_t stream = nullptr;
  ASSERT_EQ(cudaStreamCreate(&stream), cudaSuccess);
  EXPECT_EQ(__cudaPushCallConfiguration(dim3(3, 2, 1), dim3(64, 2), 128, stream), 0u);
  dim3 grid, block;
  size_t shared = 0;
  cudaStream_t popped = nullptr;
  ASSERT_EQ(__cudaPopCallConfiguration(&grid, &block, &shared, &popped), cudaSuccess);
  EXPECT_EQ(grid.x, 3u);
  EXPECT_EQ(grid.y, 2u);
  EXPECT_EQ(block.x, 64u);
  EXPECT_EQ(block.y, 2u);
  EXPECT_EQ(block.z, 1u);
  EXPECT_EQ(shared, 128u);
  EXPECT_EQ(popped, stream);
  EXPECT_EQ(__cudaPopCallConfiguration(&grid, &block, &shared, &popped), cudaErrorMissingConfiguration);
  (void)cudaGetLastError();
}

TEST_F(LaunchTest, BlockSumReducesEveryBlock) {
  const int blocks = 4, threads = 256;
  std::vector<int> in(blocks * threads);
  std::iota(in.begin(), in.end(), 1);
  int *din = nullptr, *dout = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&din), in.size() * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&dout), blocks * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(din, in.data(), in.size() * sizeof(int), cudaMemcpyHostToDevice), cudaSuccess);
  void* args[] = {&din, &dout};
  ASSERT_EQ(cudaLaunchKernel(kernel("block_sum"), dim3(blocks), dim3(threads), args, 0, nullptr),
            cudaSuccess);
  int out[blocks];
  ASSERT_EQ(cudaMemcpy(out, dout, sizeof out, cudaMemcpyDeviceToHost), cudaSuccess);
  for (int b = 0; b < blocks; ++b) {
    long long expected = 0;
    for (int t = 0; t < threads; ++t) expected += in[b * threads + t];
    EXPECT_EQ(out[b], expected) << b;
  }
}

TEST_F(LaunchTest, DynamicSharedMemoryIsUsable) {
  const int n = 128;
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), n * sizeof(int)), cudaSuccess);
  void* args[] = {&d};
  ASSERT_EQ(cudaLaunchKernel(kernel("reverse_shared"), dim3(1), dim3(n), args, n * sizeof(int), nullptr),
            cudaSuccess);
  int host[n];
  ASSERT_EQ(cudaMemcpy(host, d, sizeof host, cudaMemcpyDeviceToHost), cudaSuccess);
  for (int i = 0; i < n; ++i) ASSERT_EQ(host[i], n - 1 - i);
}

TEST_F(LaunchTest, UnknownFunctionIsInvalidDeviceFunction) {
  static char not_a_kernel;
  EXPECT_EQ(cudaLaunchKernel(&not_a_kernel, dim3(1), dim3(1), nullptr, 0, nullptr),
            cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidDeviceFunction);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);  // not sticky
  EXPECT_EQ(cudaLaunchKernel(nullptr, dim3(1), dim3(1), nullptr, 0, nullptr), cudaErrorInvalidDeviceFunction);
}

TEST_F(LaunchTest, BadShapesAreInvalidConfiguration) {
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 4), cudaSuccess);
  int n = 0;
  void* args[] = {&d, &n};
  const void* k = kernel("add_one");
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(0), args, 0, nullptr), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(0), dim3(1), args, 0, nullptr), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1025), args, 0, nullptr), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(32, 32, 2), args, 0, nullptr), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1, 1, 65), args, 0, nullptr), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1, 65536), dim3(1), args, 0, nullptr), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidConfiguration);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaSuccess);  // launch-check errors are not sticky
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1024), args, 0, nullptr), cudaSuccess);
}

TEST_F(LaunchTest, LaunchBoundsExceededIsOutOfResources) {
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 1024 * sizeof(int)), cudaSuccess);
  void* args[] = {&d};
  EXPECT_EQ(cudaLaunchKernel(kernel("bounded"), dim3(1), dim3(128), args, 0, nullptr),
            cudaErrorLaunchOutOfResources);
  EXPECT_EQ(cudaLaunchKernel(kernel("bounded"), dim3(1), dim3(64), args, 0, nullptr), cudaSuccess);
}

TEST_F(LaunchTest, DynamicSharedBeyondTheLimitIsInvalidValue) {
  int device = 0;
  int per_block = 0, optin = 0;
  ASSERT_EQ(cudaDeviceGetAttribute(&per_block, cudaDevAttrMaxSharedMemoryPerBlock, device), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device), cudaSuccess);
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 1024 * sizeof(int)), cudaSuccess);
  void* args[] = {&d};
  const void* k = kernel("reverse_shared");
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(32), args, size_t(per_block) + 16, nullptr),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFuncSetAttribute(k, cudaFuncAttributeMaxDynamicSharedMemorySize, optin + 1),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFuncSetAttribute(k, cudaFuncAttributeMaxDynamicSharedMemorySize, optin), cudaSuccess);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(32), args, size_t(optin), nullptr), cudaSuccess);
  EXPECT_EQ(cudaFuncSetAttribute(k, cudaFuncAttributePreferredSharedMemoryCarveout, 101),
            cudaErrorInvalidValue);
  EXPECT_EQ(cudaFuncSetAttribute(k, cudaFuncAttributePreferredSharedMemoryCarveout, 50), cudaSuccess);
}

TEST_F(LaunchTest, MissingArgumentsAndBadStreamsAreRejected) {
  const void* k = kernel("add_one");
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1), nullptr, 0, nullptr), cudaErrorInvalidValue);
  int* d = nullptr;
  int n = 0;
  void* args[] = {&d, &n};
  auto bogus = reinterpret_cast<cudaStream_t>(static_cast<uintptr_t>(0x1234));
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1), args, 0, bogus), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1), args, 0, cudaStreamLegacy), cudaSuccess);
  EXPECT_EQ(cudaLaunchKernel(k, dim3(1), dim3(1), args, 0, cudaStreamPerThread), cudaSuccess);
}

TEST_F(LaunchTest, HostThreadsMayLaunchConcurrently) {
  std::vector<std::thread> threads;
  std::vector<int> results(4, -1);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &results] {
      int* d = nullptr;
      int n = 64;
      if (cudaMalloc(reinterpret_cast<void**>(&d), n * sizeof(int)) != cudaSuccess) return;
      if (cudaMemset(d, 0, n * sizeof(int)) != cudaSuccess) return;
      void* args[] = {&d, &n};
      for (int i = 0; i < 10 + t; ++i)
        if (cudaLaunchKernel(kernel("add_one"), dim3(1), dim3(64), args, 0, nullptr) != cudaSuccess) return;
      int last = 0;
      if (cudaMemcpy(&last, d + n - 1, sizeof last, cudaMemcpyDeviceToHost) != cudaSuccess) return;
      results[t] = last;
      (void)cudaFree(d);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(results, (std::vector<int>{10, 11, 12, 13}));
}

// A cooperative launch runs like any other (grid barriers: tests/cuda/grid_sync.cu); a grid larger than
// the blocks that fit on the device at once is refused before running.
TEST_F(LaunchTest, CooperativeLaunchChecksResidency) {
  int* d = nullptr;
  int n = 256;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), n * sizeof(int)), cudaSuccess);
  ASSERT_EQ(cudaMemset(d, 0, n * sizeof(int)), cudaSuccess);
  void* args[] = {&d, &n};
  EXPECT_EQ(cudaLaunchCooperativeKernel(kernel("add_one"), dim3(4), dim3(64), args, 0, nullptr), cudaSuccess);
  std::vector<int> h(n);
  ASSERT_EQ(cudaMemcpy(h.data(), d, n * sizeof(int), cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(h, std::vector<int>(n, 1));

  int per_sm = 0, sms = 0;
  ASSERT_EQ(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, kernel("add_one"), 1024, 0), cudaSuccess);
  ASSERT_EQ(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0), cudaSuccess);
  ASSERT_GT(per_sm, 0);
  const unsigned fits = static_cast<unsigned>(per_sm * sms);
  EXPECT_EQ(cudaLaunchCooperativeKernel(kernel("add_one"), dim3(fits + 1), dim3(1024), args, 0, nullptr),
            cudaErrorCooperativeLaunchTooLarge);
  EXPECT_EQ(cudaGetLastError(), cudaErrorCooperativeLaunchTooLarge);
  EXPECT_EQ(cudaLaunchCooperativeKernel(kernel("add_one"), dim3(1), dim3(2048), args, 0, nullptr),
            cudaErrorInvalidConfiguration);
  int coop = 0;
  EXPECT_EQ(cudaDeviceGetAttribute(&coop, cudaDevAttrCooperativeLaunch, 0), cudaSuccess);
  EXPECT_EQ(coop, 1);
  cudaDeviceProp prop{};
  EXPECT_EQ(cudaGetDeviceProperties(&prop, 0), cudaSuccess);
  EXPECT_EQ(prop.cooperativeLaunch, 1);
  EXPECT_EQ(cudaFree(d), cudaSuccess);
}

}  // namespace
}  // namespace canopy::cudart::test
