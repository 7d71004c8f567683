// Error reporting: cudaGetLastError (returns and clears) versus cudaPeekAtLastError (returns only),
// error names and strings, and errors that are NOT sticky: a bad launch configuration, a host
// pointer passed where a device pointer is expected, and freeing a pointer that cudaMalloc did
// not return. After each, the device keeps working.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cuda_runtime.h>

static int failures = 0;
#define EXPECT(cond)                                                    \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                       \
    }                                                                   \
  } while (0)
#define EXPECT_ERR(call, expected)                                                            \
  do {                                                                                        \
    cudaError_t e_ = (call);                                                                  \
    if (e_ != (expected)) {                                                                   \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #call,      \
              cudaGetErrorName(e_), cudaGetErrorName(expected));                              \
      ++failures;                                                                             \
    }                                                                                         \
  } while (0)
#define EXPECT_OK(call) EXPECT_ERR(call, cudaSuccess)

__global__ void fill(int* p, int n, int v) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) p[i] = v;
}

static void expectName(cudaError_t e, const char* name, const char* text) {
  if (strcmp(cudaGetErrorName(e), name) != 0) {
    fprintf(stderr, "cudaGetErrorName(%d) = \"%s\", expected \"%s\"\n", (int)e, cudaGetErrorName(e), name);
    ++failures;
  }
  if (strcmp(cudaGetErrorString(e), text) != 0) {
    fprintf(stderr, "cudaGetErrorString(%d) = \"%s\", expected \"%s\"\n", (int)e, cudaGetErrorString(e),
            text);
    ++failures;
  }
}

static bool deviceStillWorks(int* d) {
  fill<<<4, 64>>>(d, 256, 77);
  if (cudaGetLastError() != cudaSuccess || cudaDeviceSynchronize() != cudaSuccess) return false;
  int h[256];
  if (cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost) != cudaSuccess) return false;
  for (int v : h)
    if (v != 77) return false;
  return true;
}

int main() {
  // Values of the enumeration are CUDA's.
  EXPECT(cudaSuccess == 0 && cudaErrorInvalidValue == 1 && cudaErrorMemoryAllocation == 2);
  EXPECT(cudaErrorInvalidConfiguration == 9 && cudaErrorInvalidDevice == 101);
  EXPECT(cudaErrorIllegalAddress == 700 && cudaErrorAssert == 710 && cudaErrorLaunchFailure == 719);

  expectName(cudaSuccess, "cudaSuccess", "no error");
  expectName(cudaErrorInvalidValue, "cudaErrorInvalidValue", "invalid argument");
  expectName(cudaErrorMemoryAllocation, "cudaErrorMemoryAllocation", "out of memory");
  expectName(cudaErrorInvalidConfiguration, "cudaErrorInvalidConfiguration", "invalid configuration argument");
  expectName(cudaErrorInvalidPitchValue, "cudaErrorInvalidPitchValue", "invalid pitch argument");
  expectName(cudaErrorInvalidSymbol, "cudaErrorInvalidSymbol", "invalid device symbol");
  expectName(cudaErrorInvalidDevicePointer, "cudaErrorInvalidDevicePointer", "invalid device pointer");
  expectName(cudaErrorInvalidDeviceFunction, "cudaErrorInvalidDeviceFunction", "invalid device function");
  expectName(cudaErrorNoDevice, "cudaErrorNoDevice", "no CUDA-capable device is detected");
  expectName(cudaErrorInvalidDevice, "cudaErrorInvalidDevice", "invalid device ordinal");
  expectName(cudaErrorInvalidResourceHandle, "cudaErrorInvalidResourceHandle", "invalid resource handle");
  expectName(cudaErrorNotReady, "cudaErrorNotReady", "device not ready");
  expectName(cudaErrorIllegalAddress, "cudaErrorIllegalAddress", "an illegal memory access was encountered");
  expectName(cudaErrorLaunchOutOfResources, "cudaErrorLaunchOutOfResources",
             "too many resources requested for launch");
  expectName(cudaErrorAssert, "cudaErrorAssert", "device-side assert triggered");
  expectName(cudaErrorLaunchFailure, "cudaErrorLaunchFailure", "unspecified launch failure");
  expectName(cudaErrorUnknown, "cudaErrorUnknown", "unknown error");
  expectName((cudaError_t)12345, "unrecognized error code", "unrecognized error code");

  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaPeekAtLastError());

  int* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 256 * sizeof(int)));

  // A failing API call is remembered: peek keeps it, get returns it and clears it.
  void* huge = nullptr;
  EXPECT_ERR(cudaMalloc(&huge, (size_t)1 << 50), cudaErrorMemoryAllocation);
  EXPECT_ERR(cudaPeekAtLastError(), cudaErrorMemoryAllocation);
  EXPECT_ERR(cudaPeekAtLastError(), cudaErrorMemoryAllocation);
  EXPECT_ERR(cudaGetLastError(), cudaErrorMemoryAllocation);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaPeekAtLastError());

  // Bad launch configurations: reported by the launch, not sticky.
  fill<<<1, 2048>>>(d, 256, 1);  // more threads than a block may have
  EXPECT_ERR(cudaPeekAtLastError(), cudaErrorInvalidConfiguration);
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidConfiguration);
  EXPECT_OK(cudaGetLastError());
  EXPECT(deviceStillWorks(d));
  fill<<<dim3(1, 1, 1), dim3(1, 1, 128)>>>(d, 256, 1);  // blockDim.z is at most 64
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidConfiguration);
  fill<<<0, 64>>>(d, 256, 1);  // an empty grid
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidConfiguration);
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT(deviceStillWorks(d));

  // A host (pageable) pointer used as the device side of a copy.
  int* hostBuf = (int*)malloc(256 * sizeof(int));
  int* hostBuf2 = (int*)malloc(256 * sizeof(int));
  EXPECT_ERR(cudaMemcpy(hostBuf2, hostBuf, 256 * sizeof(int), cudaMemcpyDeviceToHost), cudaErrorInvalidValue);
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidValue);
  EXPECT_ERR(cudaMemcpy(hostBuf2, hostBuf, 256 * sizeof(int), cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidValue);
  // A copy running past the end of an allocation.
  EXPECT_ERR(cudaMemcpy(hostBuf, d, 512 * sizeof(int), cudaMemcpyDeviceToHost), cudaErrorInvalidValue);
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidValue);
  EXPECT(deviceStillWorks(d));

  // Freeing what cudaMalloc did not return.
  EXPECT_ERR(cudaFree(hostBuf), cudaErrorInvalidValue);
  EXPECT_ERR(cudaFree((void*)0x1234), cudaErrorInvalidValue);
  EXPECT_ERR(cudaFree(d + 1), cudaErrorInvalidValue);  // interior pointer
  int* other = nullptr;
  EXPECT_OK(cudaMalloc(&other, 16));
  EXPECT_OK(cudaFree(other));
  EXPECT_ERR(cudaFree(other), cudaErrorInvalidValue);  // double free
  EXPECT_ERR(cudaGetLastError(), cudaErrorInvalidValue);
  EXPECT_OK(cudaGetLastError());
  EXPECT(deviceStillWorks(d));

  // Invalid arguments elsewhere.
  EXPECT_ERR(cudaSetDevice(-1), cudaErrorInvalidDevice);
  EXPECT_ERR(cudaMemset(hostBuf, 0, 16), cudaErrorInvalidValue);
  EXPECT_ERR(cudaMalloc(nullptr, 16), cudaErrorInvalidValue);
  cudaGetLastError();

  free(hostBuf);
  free(hostBuf2);
  EXPECT_OK(cudaFree(d));
  EXPECT_OK(cudaDeviceSynchronize());
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
