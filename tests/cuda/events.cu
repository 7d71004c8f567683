// Events: create (with and without flags), record on streams, synchronize, query, elapsed time
// (monotonic and growing with the work done), and destroy; misuse returns the documented errors.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#include "check.h"

__global__ void busy(float* out, int rounds) {
  float v = threadIdx.x;
  for (int r = 0; r < rounds; ++r) v = v * 0.999f + 0.5f;
  out[blockIdx.x * blockDim.x + threadIdx.x] = v;
}

int main() {
  float* d;
  EXPECT_OK(cudaMalloc(&d, 64 * 256 * sizeof(float)));

  cudaEvent_t a, b, c, noTiming, blocking;
  EXPECT_OK(cudaEventCreate(&a));
  EXPECT_OK(cudaEventCreate(&b));
  EXPECT_OK(cudaEventCreateWithFlags(&c, cudaEventDefault));
  EXPECT_OK(cudaEventCreateWithFlags(&noTiming, cudaEventDisableTiming));
  EXPECT_OK(cudaEventCreateWithFlags(&blocking, cudaEventBlockingSync));

  // An event never recorded counts as complete.
  EXPECT_OK(cudaEventQuery(a));

  // Short and long work: elapsed times are positive and ordered.
  EXPECT_OK(cudaEventRecord(a, 0));
  busy<<<64, 256>>>(d, 10);
  EXPECT_OK(cudaEventRecord(b, 0));
  busy<<<64, 256>>>(d, 1000);
  EXPECT_OK(cudaEventRecord(c));
  EXPECT_OK(cudaEventSynchronize(c));
  EXPECT_OK(cudaEventQuery(b));
  EXPECT_OK(cudaEventQuery(c));
  float shortMs = -1.0f, longMs = -1.0f, totalMs = -1.0f;
  EXPECT_OK(cudaEventElapsedTime(&shortMs, a, b));
  EXPECT_OK(cudaEventElapsedTime(&longMs, b, c));
  EXPECT_OK(cudaEventElapsedTime(&totalMs, a, c));
  EXPECT(shortMs > 0.0f);
  EXPECT(longMs > shortMs);
  EXPECT(totalMs >= longMs && totalMs >= shortMs);
  float diff = totalMs - (shortMs + longMs);
  EXPECT(diff < 1e-3f * totalMs + 1e-3f && diff > -(1e-3f * totalMs + 1e-3f));

  // Events on a created stream; a blocking-sync event works like any other.
  cudaStream_t s;
  EXPECT_OK(cudaStreamCreate(&s));
  EXPECT_OK(cudaEventRecord(a, s));
  busy<<<64, 256, 0, s>>>(d, 100);
  EXPECT_OK(cudaEventRecord(blocking, s));
  EXPECT_OK(cudaEventSynchronize(blocking));
  float ms = -1.0f;
  EXPECT_OK(cudaEventElapsedTime(&ms, a, blocking));
  EXPECT(ms > 0.0f);

  // Timing-disabled events synchronize but cannot be timed.
  EXPECT_OK(cudaEventRecord(noTiming, s));
  EXPECT_OK(cudaEventSynchronize(noTiming));
  EXPECT_OK(cudaEventQuery(noTiming));
  EXPECT(cudaEventElapsedTime(&ms, a, noTiming) == cudaErrorInvalidResourceHandle);
  cudaGetLastError();

  // Re-recording an event moves it.
  EXPECT_OK(cudaEventRecord(a, s));
  busy<<<64, 256, 0, s>>>(d, 10);
  EXPECT_OK(cudaEventRecord(b, s));
  EXPECT_OK(cudaEventSynchronize(b));
  EXPECT_OK(cudaEventElapsedTime(&ms, a, b));
  EXPECT(ms > 0.0f && ms < longMs);

  printf("elapsed: short %s, long %s\n", shortMs > 0 ? "positive" : "not positive",
         longMs > shortMs ? "longer" : "not longer");

  EXPECT_OK(cudaStreamDestroy(s));
  EXPECT_OK(cudaEventDestroy(a));
  EXPECT_OK(cudaEventDestroy(b));
  EXPECT_OK(cudaEventDestroy(c));
  EXPECT_OK(cudaEventDestroy(noTiming));
  EXPECT_OK(cudaEventDestroy(blocking));
  EXPECT_OK(cudaFree(d));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
