// Streams: creation with flags and priorities, queries, synchronization, cross-stream
// dependencies through events, and the ordering rules of the legacy default stream.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#include "check.h"

// Slow enough that an out-of-order execution would be visible: y = f(x) with a loop.
__global__ void iterate(const float* x, float* y, int n, int rounds) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  for (int r = 0; r < rounds; ++r) v = v * 0.5f + 1.0f;
  y[i] = v;
}

__global__ void addOne(float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += 1.0f;
}

static float iterateHost(float v, int rounds) {
  for (int r = 0; r < rounds; ++r) v = v * 0.5f + 1.0f;
  return v;
}

int main() {
  // Creation, flags, priorities.
  cudaStream_t plain, nonBlocking, high, low;
  EXPECT_OK(cudaStreamCreate(&plain));
  EXPECT_OK(cudaStreamCreateWithFlags(&nonBlocking, cudaStreamNonBlocking));
  int leastPriority = 0, greatestPriority = 0;
  EXPECT_OK(cudaDeviceGetStreamPriorityRange(&leastPriority, &greatestPriority));
  EXPECT(greatestPriority <= leastPriority);  // lower numbers are higher priorities
  EXPECT_OK(cudaStreamCreateWithPriority(&high, cudaStreamDefault, greatestPriority));
  EXPECT_OK(cudaStreamCreateWithPriority(&low, cudaStreamNonBlocking, leastPriority));

  unsigned flags = 99;
  EXPECT_OK(cudaStreamGetFlags(plain, &flags));
  EXPECT(flags == cudaStreamDefault);
  EXPECT_OK(cudaStreamGetFlags(nonBlocking, &flags));
  EXPECT(flags == cudaStreamNonBlocking);
  int priority = 12345;
  EXPECT_OK(cudaStreamGetPriority(high, &priority));
  EXPECT(priority == greatestPriority);
  EXPECT_OK(cudaStreamGetPriority(low, &priority));
  EXPECT(priority == leastPriority);
  EXPECT_OK(cudaStreamGetFlags(low, &flags));
  EXPECT(flags == cudaStreamNonBlocking);

  const int n = 2048;
  std::vector<float> h(n), out(n);
  for (int i = 0; i < n; ++i) h[i] = (float)(i % 100);
  float *x, *y, *z;
  EXPECT_OK(cudaMalloc(&x, n * sizeof(float)));
  EXPECT_OK(cudaMalloc(&y, n * sizeof(float)));
  EXPECT_OK(cudaMalloc(&z, n * sizeof(float)));
  EXPECT_OK(cudaMemcpy(x, h.data(), n * sizeof(float), cudaMemcpyHostToDevice));

  // Work in one stream runs in issue order; query reports completion after synchronize.
  iterate<<<n / 256, 256, 0, plain>>>(x, y, n, 50);
  addOne<<<n / 256, 256, 0, plain>>>(y, n);
  EXPECT_OK(cudaStreamSynchronize(plain));
  EXPECT_OK(cudaStreamQuery(plain));
  EXPECT_OK(cudaMemcpy(out.data(), y, n * sizeof(float), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += out[i] != iterateHost(h[i], 50) + 1.0f;
  EXPECT(bad == 0);

  // A dependency between two streams through an event.
  cudaEvent_t produced;
  EXPECT_OK(cudaEventCreateWithFlags(&produced, cudaEventDisableTiming));
  iterate<<<n / 256, 256, 0, high>>>(x, y, n, 100);
  EXPECT_OK(cudaEventRecord(produced, high));
  EXPECT_OK(cudaStreamWaitEvent(low, produced, 0));
  iterate<<<n / 256, 256, 0, low>>>(y, z, n, 1);
  EXPECT_OK(cudaMemcpyAsync(out.data(), z, n * sizeof(float), cudaMemcpyDeviceToHost, low));
  EXPECT_OK(cudaStreamSynchronize(low));
  bad = 0;
  for (int i = 0; i < n; ++i) bad += out[i] != iterateHost(iterateHost(h[i], 100), 1);
  EXPECT(bad == 0);

  // Legacy default stream: work on stream 0 waits for earlier work in blocking streams, and later
  // work in blocking streams waits for it.
  iterate<<<n / 256, 256, 0, plain>>>(x, y, n, 20);
  addOne<<<n / 256, 256>>>(y, n);                 // stream 0
  addOne<<<n / 256, 256, 0, plain>>>(y, n);       // after the stream-0 kernel
  EXPECT_OK(cudaMemcpy(out.data(), y, n * sizeof(float), cudaMemcpyDeviceToHost));  // stream 0: waits
  bad = 0;
  for (int i = 0; i < n; ++i) bad += out[i] != iterateHost(h[i], 20) + 2.0f;
  EXPECT(bad == 0);

  // cudaStreamLegacy names the same default stream explicitly; cudaStreamPerThread is usable too.
  addOne<<<n / 256, 256, 0, cudaStreamLegacy>>>(y, n);
  EXPECT_OK(cudaStreamSynchronize(cudaStreamLegacy));
  addOne<<<n / 256, 256, 0, cudaStreamPerThread>>>(y, n);
  EXPECT_OK(cudaStreamSynchronize(cudaStreamPerThread));
  EXPECT_OK(cudaMemcpy(out.data(), y, n * sizeof(float), cudaMemcpyDeviceToHost));
  bad = 0;
  for (int i = 0; i < n; ++i) bad += out[i] != iterateHost(h[i], 20) + 4.0f;
  EXPECT(bad == 0);

  // A non-blocking stream: its results are complete after synchronizing that stream.
  iterate<<<n / 256, 256, 0, nonBlocking>>>(x, z, n, 7);
  EXPECT_OK(cudaStreamSynchronize(nonBlocking));
  EXPECT_OK(cudaStreamQuery(nonBlocking));
  EXPECT_OK(cudaMemcpy(out.data(), z, n * sizeof(float), cudaMemcpyDeviceToHost));
  bad = 0;
  for (int i = 0; i < n; ++i) bad += out[i] != iterateHost(h[i], 7);
  EXPECT(bad == 0);

  // The default stream can be queried and synchronized as stream 0.
  EXPECT_OK(cudaStreamQuery(0));
  EXPECT_OK(cudaStreamSynchronize(0));

  EXPECT_OK(cudaEventDestroy(produced));
  EXPECT_OK(cudaStreamDestroy(plain));
  EXPECT_OK(cudaStreamDestroy(nonBlocking));
  EXPECT_OK(cudaStreamDestroy(high));
  EXPECT_OK(cudaStreamDestroy(low));
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT_OK(cudaFree(x));
  EXPECT_OK(cudaFree(y));
  EXPECT_OK(cudaFree(z));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
