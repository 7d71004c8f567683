// Host-side allocations: page-locked memory (cudaMallocHost, cudaHostAlloc), mapped (zero-copy)
// memory that kernels access directly, managed memory (kernel writes, host reads right after
// cudaDeviceSynchronize), and what cudaPointerGetAttributes says about each kind of pointer.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#include "check.h"

__global__ void squareInPlace(float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = x[i] * x[i];
}

__global__ void fillIndex(int* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = i * 3 + 1;
}

static void testPinned() {
  const int n = 1000;
  float* p = nullptr;
  EXPECT_OK(cudaMallocHost((void**)&p, n * sizeof(float)));
  for (int i = 0; i < n; ++i) p[i] = (float)i;  // ordinary host memory for the host
  float* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, n * sizeof(float)));
  EXPECT_OK(cudaMemcpy(d, p, n * sizeof(float), cudaMemcpyHostToDevice));
  squareInPlace<<<(n + 255) / 256, 256>>>(d, n);
  EXPECT_OK(cudaMemcpy(p, d, n * sizeof(float), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += p[i] != (float)i * (float)i;
  EXPECT(bad == 0);

  float* q = nullptr;
  EXPECT_OK(cudaHostAlloc((void**)&q, n * sizeof(float), cudaHostAllocDefault));
  EXPECT_OK(cudaMemcpy(q, d, n * sizeof(float), cudaMemcpyDeviceToHost));
  EXPECT(q[10] == 100.0f);

  EXPECT_OK(cudaFree(d));
  EXPECT_OK(cudaFreeHost(p));
  EXPECT_OK(cudaFreeHost(q));
}

static void testMapped() {
  const int n = 777;
  int* h = nullptr;
  EXPECT_OK(cudaHostAlloc((void**)&h, n * sizeof(int), cudaHostAllocMapped));
  for (int i = 0; i < n; ++i) h[i] = -1;
  int* dview = nullptr;
  EXPECT_OK(cudaHostGetDevicePointer((void**)&dview, h, 0));
  EXPECT(dview != nullptr);
  fillIndex<<<(n + 127) / 128, 128>>>(dview, n);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += h[i] != i * 3 + 1;
  EXPECT(bad == 0);
  EXPECT_OK(cudaFreeHost(h));
}

static void testManaged() {
  const int n = 5000;
  float* m = nullptr;
  EXPECT_OK(cudaMallocManaged(&m, n * sizeof(float)));
  for (int i = 0; i < n; ++i) m[i] = 0.5f * i;  // host writes directly
  squareInPlace<<<(n + 255) / 256, 256>>>(m, n);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += m[i] != (0.5f * i) * (0.5f * i);  // host reads directly
  EXPECT(bad == 0);

  // Managed memory also works as a cudaMemcpy source and destination.
  float* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, n * sizeof(float)));
  EXPECT_OK(cudaMemcpy(d, m, n * sizeof(float), cudaMemcpyDefault));
  EXPECT_OK(cudaMemset(m, 0, n * sizeof(float)));
  EXPECT_OK(cudaMemcpy(m, d, 10 * sizeof(float), cudaMemcpyDeviceToHost));
  EXPECT(m[3] == 2.25f && m[10] == 0.0f);
  EXPECT_OK(cudaFree(d));

  int* flags = nullptr;
  EXPECT_OK(cudaMallocManaged(&flags, 64 * sizeof(int), cudaMemAttachGlobal));
  fillIndex<<<1, 64>>>(flags, 64);
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT(flags[0] == 1 && flags[63] == 190);
  EXPECT_OK(cudaFree(flags));
  EXPECT_OK(cudaFree(m));
}

static void testPointerAttributes() {
  cudaPointerAttributes attr;
  int dev = 0;
  EXPECT_OK(cudaGetDevice(&dev));

  char* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 1024));
  EXPECT_OK(cudaPointerGetAttributes(&attr, d));
  EXPECT(attr.type == cudaMemoryTypeDevice);
  EXPECT(attr.device == dev);
  EXPECT(attr.devicePointer == d);
  EXPECT(attr.hostPointer == nullptr);
  // An interior pointer is described too.
  EXPECT_OK(cudaPointerGetAttributes(&attr, d + 100));
  EXPECT(attr.type == cudaMemoryTypeDevice);
  EXPECT(attr.devicePointer == d + 100);

  char* h = nullptr;
  EXPECT_OK(cudaMallocHost((void**)&h, 1024));
  EXPECT_OK(cudaPointerGetAttributes(&attr, h));
  EXPECT(attr.type == cudaMemoryTypeHost);
  EXPECT(attr.hostPointer == h);

  char* m = nullptr;
  EXPECT_OK(cudaMallocManaged((void**)&m, 1024));
  EXPECT_OK(cudaPointerGetAttributes(&attr, m));
  EXPECT(attr.type == cudaMemoryTypeManaged);
  EXPECT(attr.devicePointer == m && attr.hostPointer == m);

  // Ordinary (pageable) host memory is "unregistered" and not an error since CUDA 11.
  char* plain = (char*)malloc(64);
  EXPECT_OK(cudaPointerGetAttributes(&attr, plain));
  EXPECT(attr.type == cudaMemoryTypeUnregistered);
  free(plain);

  EXPECT_OK(cudaFree(d));
  EXPECT_OK(cudaFreeHost(h));
  EXPECT_OK(cudaFree(m));
}

int main() {
  testPinned();
  testMapped();
  testManaged();
  testPointerAttributes();
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
