// Device management: count, select, query properties and attributes, versions, synchronize, reset.
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
#define EXPECT_OK(call) EXPECT((call) == cudaSuccess)

__global__ void writeValue(int* p, int v) { *p = v; }

int main() {
  int count = -1;
  EXPECT_OK(cudaGetDeviceCount(&count));
  EXPECT(count >= 1);
  printf("devices: %d\n", count);

  EXPECT_OK(cudaSetDevice(0));
  int dev = -1;
  EXPECT_OK(cudaGetDevice(&dev));
  EXPECT(dev == 0);
  // Selecting a device that does not exist fails and leaves the current device alone.
  EXPECT(cudaSetDevice(count) == cudaErrorInvalidDevice);
  cudaGetLastError();
  EXPECT_OK(cudaGetDevice(&dev));
  EXPECT(dev == 0);

  cudaDeviceProp prop;
  memset(&prop, 0, sizeof(prop));
  EXPECT_OK(cudaGetDeviceProperties(&prop, 0));
  EXPECT(strlen(prop.name) > 0 && strlen(prop.name) < sizeof(prop.name));
  EXPECT(prop.totalGlobalMem > 0);
  EXPECT(prop.sharedMemPerBlock >= 16 * 1024);
  EXPECT(prop.warpSize == 32 || prop.warpSize == 64);
  EXPECT(prop.maxThreadsPerBlock >= 512);
  EXPECT(prop.maxThreadsDim[0] >= 512 && prop.maxThreadsDim[1] >= 512 && prop.maxThreadsDim[2] >= 64);
  EXPECT(prop.maxGridSize[0] >= 65535 && prop.maxGridSize[1] >= 65535 && prop.maxGridSize[2] >= 65535);
  EXPECT(prop.multiProcessorCount >= 1);
  EXPECT(prop.major >= 1);
  EXPECT(prop.regsPerBlock > 0);
  EXPECT(prop.totalConstMem >= 64 * 1024);
  EXPECT(prop.maxThreadsPerMultiProcessor >= prop.maxThreadsPerBlock);
  printf("device 0: %s, compute capability %d.%d, %d SMs, warp %d, %zu MiB\n", prop.name, prop.major,
         prop.minor, prop.multiProcessorCount, prop.warpSize, prop.totalGlobalMem >> 20);
  EXPECT(cudaGetDeviceProperties(&prop, count) == cudaErrorInvalidDevice);
  cudaGetLastError();

  // Attributes agree with the properties structure.
  struct {
    cudaDeviceAttr attr;
    int expected;
    const char* name;
  } attrs[] = {
      {cudaDevAttrMaxThreadsPerBlock, prop.maxThreadsPerBlock, "MaxThreadsPerBlock"},
      {cudaDevAttrMaxBlockDimX, prop.maxThreadsDim[0], "MaxBlockDimX"},
      {cudaDevAttrMaxBlockDimY, prop.maxThreadsDim[1], "MaxBlockDimY"},
      {cudaDevAttrMaxBlockDimZ, prop.maxThreadsDim[2], "MaxBlockDimZ"},
      {cudaDevAttrMaxGridDimX, prop.maxGridSize[0], "MaxGridDimX"},
      {cudaDevAttrMaxGridDimY, prop.maxGridSize[1], "MaxGridDimY"},
      {cudaDevAttrMaxGridDimZ, prop.maxGridSize[2], "MaxGridDimZ"},
      {cudaDevAttrMaxSharedMemoryPerBlock, (int)prop.sharedMemPerBlock, "MaxSharedMemoryPerBlock"},
      {cudaDevAttrWarpSize, prop.warpSize, "WarpSize"},
      {cudaDevAttrMultiProcessorCount, prop.multiProcessorCount, "MultiProcessorCount"},
      {cudaDevAttrComputeCapabilityMajor, prop.major, "ComputeCapabilityMajor"},
      {cudaDevAttrComputeCapabilityMinor, prop.minor, "ComputeCapabilityMinor"},
      {cudaDevAttrMaxRegistersPerBlock, prop.regsPerBlock, "MaxRegistersPerBlock"},
      {cudaDevAttrMaxThreadsPerMultiProcessor, prop.maxThreadsPerMultiProcessor,
       "MaxThreadsPerMultiProcessor"},
  };
  for (const auto& a : attrs) {
    int value = -1;
    cudaError_t err = cudaDeviceGetAttribute(&value, a.attr, 0);
    if (err != cudaSuccess || value != a.expected) {
      fprintf(stderr, "cudaDeviceGetAttribute(%s) = %d (%s), expected %d\n", a.name, value,
              cudaGetErrorName(err), a.expected);
      ++failures;
    }
  }
  int value = 0;
  EXPECT(cudaDeviceGetAttribute(&value, cudaDevAttrWarpSize, count) == cudaErrorInvalidDevice);
  cudaGetLastError();

  int driver = 0, runtime = 0;
  EXPECT_OK(cudaDriverGetVersion(&driver));
  EXPECT_OK(cudaRuntimeGetVersion(&runtime));
  EXPECT(runtime >= 9020);           // 1000 * major + 10 * minor
  EXPECT(driver >= runtime);         // a driver always supports its runtime
  printf("driver version %d, runtime version %d\n", driver, runtime);

  // Synchronize after a launch, then reset: the device is usable again after the reset.
  int* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, sizeof(int)));
  writeValue<<<1, 1>>>(d, 42);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  int h = 0;
  EXPECT_OK(cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT(h == 42);
  EXPECT_OK(cudaDeviceReset());  // frees d implicitly

  EXPECT_OK(cudaMalloc(&d, sizeof(int)));
  writeValue<<<1, 1>>>(d, 7);
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT_OK(cudaMemcpy(&h, d, sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT(h == 7);
  EXPECT_OK(cudaFree(d));

  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
