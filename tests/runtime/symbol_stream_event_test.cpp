// __device__/__constant__ symbols, streams (callbacks in order) and events (simulated timing).
#include <vector>

#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class SymbolTest : public RuntimeTest {};

TEST_F(SymbolTest, SymbolsCopyInAndOutAndKernelsSeeThem) {
  const int constants[4] = {1, 2, 3, 4};
  ASSERT_EQ(cudaMemcpyToSymbol(core_shadows.const_table, constants, sizeof constants), cudaSuccess);
  int* out = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&out), 4 * sizeof(int)), cudaSuccess);
  void* args[] = {&out};
  ASSERT_EQ(cudaLaunchKernel(kernel("read_symbols"), dim3(1), dim3(4), args, 0, nullptr), cudaSuccess);
  int host[4];
  ASSERT_EQ(cudaMemcpy(host, out, sizeof host, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(host[0], 11);
  EXPECT_EQ(host[3], 44);
  int table[2];
  ASSERT_EQ(cudaMemcpyFromSymbol(table, core_shadows.dev_table, sizeof table, 2 * sizeof(int)), cudaSuccess);
  EXPECT_EQ(table[0], 31);  // the kernel incremented it
  EXPECT_EQ(table[1], 41);

  void* address = nullptr;
  size_t size = 0;
  ASSERT_EQ(cudaGetSymbolAddress(&address, core_shadows.dev_table), cudaSuccess);
  ASSERT_EQ(cudaGetSymbolSize(&size, core_shadows.dev_table), cudaSuccess);
  EXPECT_EQ(size, 4 * sizeof(int));
  ASSERT_EQ(cudaMemcpy(table, address, sizeof table, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(table[0], 11);
}

TEST_F(SymbolTest, SymbolErrorsUseCudaCodes) {
  int value = 0;
  static int unregistered;
  EXPECT_EQ(cudaMemcpyToSymbol(unregistered, &value, sizeof value), cudaErrorInvalidSymbol);
  EXPECT_EQ(cudaMemcpyToSymbol(core_shadows.dev_table, &value, sizeof value, 16), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpyToSymbol(core_shadows.dev_table, &value, sizeof value, 0, cudaMemcpyDeviceToHost),
            cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpyFromSymbolAsync(&value, core_shadows.dev_table, sizeof value, 12,
                                      cudaMemcpyDeviceToHost, nullptr),
            cudaSuccess);
  EXPECT_EQ(value, 40);  // the device was reset: initial contents again
}

class StreamEventTest : public RuntimeTest {};

TEST_F(StreamEventTest, StreamsAreCreatedQueriedAndDestroyed) {
  cudaStream_t s = nullptr, t = nullptr;
  ASSERT_EQ(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking), cudaSuccess);
  ASSERT_EQ(cudaStreamCreateWithPriority(&t, cudaStreamDefault, -100), cudaSuccess);
  int least = 1, greatest = 1, priority = 7;
  ASSERT_EQ(cudaDeviceGetStreamPriorityRange(&least, &greatest), cudaSuccess);
  ASSERT_EQ(cudaStreamGetPriority(t, &priority), cudaSuccess);
  EXPECT_EQ(priority, greatest);  // clamped
  unsigned flags = 0;
  ASSERT_EQ(cudaStreamGetFlags(s, &flags), cudaSuccess);
  EXPECT_EQ(flags, unsigned{cudaStreamNonBlocking});
  EXPECT_EQ(cudaStreamQuery(s), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(s), cudaSuccess);
  EXPECT_EQ(cudaStreamSynchronize(cudaStreamPerThread), cudaSuccess);
  EXPECT_EQ(cudaStreamCreateWithFlags(&s, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamDestroy(t), cudaSuccess);
  EXPECT_EQ(cudaStreamDestroy(t), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamQuery(t), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaStreamDestroy(nullptr), cudaErrorInvalidResourceHandle);
}

TEST_F(StreamEventTest, CallbacksRunInIssueOrder) {
  cudaStream_t s = nullptr;
  ASSERT_EQ(cudaStreamCreate(&s), cudaSuccess);
  static std::vector<int> order;
  static int one = 1;
  order.clear();
  ASSERT_EQ(cudaLaunchHostFunc(
                s, [](void* p) { order.push_back(*static_cast<int*>(p)); }, &one),
            cudaSuccess);
  ASSERT_EQ(cudaStreamAddCallback(
                s,
                [](cudaStream_t, cudaError_t status, void* p) {
                  order.push_back(status == cudaSuccess ? *static_cast<int*>(p) : -1);
                  delete static_cast<int*>(p);
                },
                new int(2), 0),
            cudaSuccess);
  ASSERT_EQ(cudaLaunchHostFunc(
                s, [](void*) { order.push_back(3); }, nullptr),
            cudaSuccess);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(cudaLaunchHostFunc(s, nullptr, nullptr), cudaErrorInvalidValue);
}

TEST_F(StreamEventTest, EventsMeasureSimulatedKernelTime) {
  cudaEvent_t start = nullptr, stop = nullptr, untimed = nullptr, fresh = nullptr;
  ASSERT_EQ(cudaEventCreate(&start), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&stop), cudaSuccess);
  ASSERT_EQ(cudaEventCreateWithFlags(&untimed, cudaEventDisableTiming), cudaSuccess);
  ASSERT_EQ(cudaEventCreate(&fresh), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(start, nullptr), cudaSuccess);
  int* d = nullptr;
  ASSERT_EQ(cudaMalloc(reinterpret_cast<void**>(&d), 4096 * sizeof(int)), cudaSuccess);
  int n = 4096;
  void* args[] = {&d, &n};
  ASSERT_EQ(cudaLaunchKernel(kernel("add_one"), dim3(32), dim3(128), args, 0, nullptr), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(stop, nullptr), cudaSuccess);
  ASSERT_EQ(cudaEventRecord(untimed, nullptr), cudaSuccess);
  EXPECT_EQ(cudaEventQuery(stop), cudaSuccess);
  EXPECT_EQ(cudaEventQuery(fresh), cudaSuccess);
  EXPECT_EQ(cudaEventSynchronize(stop), cudaSuccess);
  float ms = -1;
  ASSERT_EQ(cudaEventElapsedTime(&ms, start, stop), cudaSuccess);
  EXPECT_GT(ms, 0.0f);
  float again = -1;
  ASSERT_EQ(cudaEventElapsedTime(&again, stop, stop), cudaSuccess);
  EXPECT_EQ(again, 0.0f);
  EXPECT_EQ(cudaEventElapsedTime(&ms, start, untimed), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventElapsedTime(&ms, start, fresh), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventElapsedTime(nullptr, start, stop), cudaErrorInvalidValue);
  EXPECT_EQ(cudaStreamWaitEvent(nullptr, stop, 0), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(fresh), cudaSuccess);
  EXPECT_EQ(cudaEventDestroy(fresh), cudaErrorInvalidResourceHandle);
  EXPECT_EQ(cudaEventCreateWithFlags(&fresh, cudaEventInterprocess), cudaErrorInvalidValue);
}

}  // namespace
}  // namespace canopy::cudart::test
