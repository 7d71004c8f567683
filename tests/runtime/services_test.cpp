// Device printf (written at synchronization points), device assert (sticky cudaErrorAssert with CUDA's
// message) and the launch statistics.
#include <nlohmann/json.hpp>
#include <string>

#include "cuda/runtime/runtime.h"
#include "cuda/runtime/stats.h"
#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class ServicesTest : public RuntimeTest {
 protected:
  const void* service(const char* name) {
    const void* stub = services().stub(name);
    EXPECT_NE(stub, nullptr) << services().error;
    return stub;
  }
};

TEST_F(ServicesTest, PrintfTextAppearsAtSynchronization) {
  ASSERT_TRUE(services().handle) << services().error;
  int base = 5;
  void* args[] = {&base};
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(cudaLaunchKernel(service("hello"), dim3(1), dim3(2), args, 0, nullptr), cudaSuccess);
  const std::string before = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(before, "");  // not yet: CUDA prints when the host synchronizes
  ::testing::internal::CaptureStdout();
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  const std::string after = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(after, "hello 5 from thread 0\nhello 5 from thread 1\n");
}

TEST_F(ServicesTest, AssertIsStickyDeviceSideAssert) {
  ASSERT_TRUE(services().handle) << services().error;
  int values[4] = {1, 2, 0, 3};
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), sizeof values), cudaSuccess);
  ASSERT_EQ(cudaMemcpy(d, values, sizeof values, cudaMemcpyHostToDevice), cudaSuccess);
  void* args[] = {&d};
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(cudaLaunchKernel(service("check_positive"), dim3(1), dim3(4), args, 0, nullptr), cudaSuccess);
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorAssert);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("checks.cu:12"), std::string::npos) << err;
  EXPECT_NE(err.find("Assertion `v[threadIdx.x] > 0` failed."), std::string::npos) << err;
  EXPECT_EQ(cudaMemcpy(values, d, sizeof values, cudaMemcpyDeviceToHost), cudaErrorAssert);
}

TEST_F(ServicesTest, LaunchesAreCountedPerKernel) {
  const auto launches_of = [](const std::string& name) -> uint64_t {
    Runtime& rt = Runtime::get();
    std::lock_guard<std::mutex> lock(rt.mutex);
    for (const KernelSummary& k : rt.stats.kernels())
      if (k.name == name) return k.launches;
    return 0;
  };
  const uint64_t before = launches_of("add_one");
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 64 * sizeof(int)), cudaSuccess);
  int n = 64;
  void* args[] = {&d, &n};
  ASSERT_EQ(cudaLaunchKernel(kernel("add_one"), dim3(2), dim3(32), args, 0, nullptr), cudaSuccess);
  ASSERT_EQ(cudaLaunchKernel(kernel("add_one"), dim3(2), dim3(32), args, 0, nullptr), cudaSuccess);
  EXPECT_EQ(launches_of("add_one"), before + 2);
}

TEST(StatsReport, TableAndJsonSummarizeEachKernel) {
  Stats stats;
  gpu::KernelStats a;
  a.name = "_Z6kernelPi";
  a.grid = {4, 1, 1};
  a.block = {128, 1, 1};
  a.warp_instructions = 100;
  a.thread_instructions = 3200;
  a.sim_seconds = 0.5;
  stats.record(a);
  a.grid = {8, 2, 1};
  stats.record(a);
  gpu::KernelStats b;
  b.name = "other";
  b.warp_instructions = 1;
  b.thread_instructions = 2;
  stats.record(b);
  const auto j = nlohmann::json::parse(stats.json());
  ASSERT_EQ(j["kernels"].size(), 2u);
  EXPECT_EQ(j["kernels"][0]["name"], "kernel(int*)");  // demangled, as profilers show it
  EXPECT_EQ(j["kernels"][0]["mangled_name"], "_Z6kernelPi");
  EXPECT_EQ(j["kernels"][1]["name"], "other");  // C names stay as they are
  EXPECT_EQ(j["kernels"][0]["launches"], 2);
  EXPECT_EQ(j["kernels"][0]["grid"], nlohmann::json::array({8, 2, 1}));  // the last launch
  EXPECT_EQ(j["kernels"][0]["warp_instructions"], 200);
  EXPECT_EQ(j["kernels"][0]["thread_instructions"], 6400);
  EXPECT_DOUBLE_EQ(j["kernels"][0]["sim_seconds"].get<double>(), 1.0);
  EXPECT_EQ(j["totals"]["kernels"], 2);
  EXPECT_EQ(j["totals"]["launches"], 3);
  EXPECT_EQ(j["totals"]["warp_instructions"], 201);
  EXPECT_EQ(j["totals"]["thread_instructions"], 6402);
  const std::string table = stats.table();
  EXPECT_NE(table.find("kernel(int*)"), std::string::npos);
  EXPECT_NE(table.find("(8,2,1)"), std::string::npos);
  EXPECT_NE(table.find("total (2 kernels)"), std::string::npos);
}

}  // namespace
}  // namespace canopy::cudart::test
