// Run with CUDA_LAUNCH_BLOCKING=1 (launch_blocking.env). Every launch then completes before the
// launch call returns: streams and events are complete without any synchronization call, and
// device printf output is flushed at the end of each launch (CUDA Programming Guide, "Formatted
// Output": the buffer is flushed at kernel launch, and at the end of it when CUDA_LAUNCH_BLOCKING
// is 1), so it appears before the host's next line (launch_blocking.expected).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cuda_runtime.h>

__global__ void work(int* out, int n, int tag) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = i * tag;
  if (i == 0) printf("kernel %d ran\n", tag);
}

int main() {
  const char* env = getenv("CUDA_LAUNCH_BLOCKING");
  if (!env || strcmp(env, "1") != 0) {
    fprintf(stderr, "CUDA_LAUNCH_BLOCKING is not set to 1\n");
    return 1;
  }
  int failures = 0;
  const int n = 4096;
  int* d;
  cudaMalloc(&d, n * sizeof(int));
  cudaStream_t s;
  cudaStreamCreate(&s);
  cudaEvent_t done;
  cudaEventCreate(&done);

  printf("host: launching 1\n");
  fflush(stdout);
  work<<<n / 128, 128, 0, s>>>(d, n, 1);
  cudaEventRecord(done, s);
  // No synchronization: the launch has already completed.
  if (cudaStreamQuery(s) != cudaSuccess) {
    fprintf(stderr, "stream not idle after a blocking launch\n");
    ++failures;
  }
  if (cudaEventQuery(done) != cudaSuccess) {
    fprintf(stderr, "event not complete after a blocking launch\n");
    ++failures;
  }
  printf("host: after launch 1\n");
  fflush(stdout);

  work<<<n / 128, 128>>>(d, n, 3);
  printf("host: after launch 3\n");
  fflush(stdout);

  int h[n];
  cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
  for (int i = 0; i < n; ++i) failures += h[i] != 3 * i;
  if (cudaDeviceSynchronize() != cudaSuccess) ++failures;
  cudaEventDestroy(done);
  cudaStreamDestroy(s);
  cudaFree(d);
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
