// Device memory: cudaMalloc/cudaFree, cudaMemcpy in every direction, cudaMemset, the async
// variants on a stream, cudaMemGetInfo, and pitched 2D allocations with cudaMemcpy2D.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <cuda_runtime.h>

#include "check.h"

__global__ void scale(int* data, int n, int factor) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) data[i] *= factor;
}

// Adds row + col to each element of a pitched 2D array of floats.
__global__ void addCoords(float* base, size_t pitch, int width, int height) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < width && y < height) {
    float* row = (float*)((char*)base + y * pitch);
    row[x] += (float)(y * 1000 + x);
  }
}

static void testBasicCopies() {
  const int n = 10000;
  std::vector<int> h(n), back(n, -1);
  for (int i = 0; i < n; ++i) h[i] = i - 5000;

  int *a = nullptr, *b = nullptr;
  EXPECT_OK(cudaMalloc(&a, n * sizeof(int)));
  EXPECT_OK(cudaMalloc(&b, n * sizeof(int)));
  EXPECT(a != nullptr && b != nullptr && a != b);
  EXPECT(((uintptr_t)a % 256) == 0);  // cudaMalloc aligns to at least 256 bytes

  EXPECT_OK(cudaMemcpy(a, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));
  scale<<<(n + 127) / 128, 128>>>(a, n, 3);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy(b, a, n * sizeof(int), cudaMemcpyDeviceToDevice));
  EXPECT_OK(cudaMemcpy(back.data(), b, n * sizeof(int), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += back[i] != 3 * h[i];
  EXPECT(bad == 0);

  // cudaMemcpyDefault infers the direction from the pointers (unified addressing).
  std::vector<int> back2(n, 0);
  EXPECT_OK(cudaMemcpy(back2.data(), a, n * sizeof(int), cudaMemcpyDefault));
  EXPECT(memcmp(back.data(), back2.data(), n * sizeof(int)) == 0);

  // Host-to-host through cudaMemcpy is a plain copy.
  int x = 5, y = 0;
  EXPECT_OK(cudaMemcpy(&y, &x, sizeof(int), cudaMemcpyHostToHost));
  EXPECT(y == 5);

  // cudaMemset sets bytes; a partial range leaves the rest alone.
  EXPECT_OK(cudaMemset(a, 0, n * sizeof(int)));
  EXPECT_OK(cudaMemset(a + 10, 0x7f, 5 * sizeof(int)));
  EXPECT_OK(cudaMemcpy(back.data(), a, n * sizeof(int), cudaMemcpyDeviceToHost));
  bad = 0;
  for (int i = 0; i < n; ++i) bad += back[i] != ((i >= 10 && i < 15) ? 0x7f7f7f7f : 0);
  EXPECT(bad == 0);

  // Copies at an offset inside an allocation.
  EXPECT_OK(cudaMemcpy(a + 100, h.data(), 50 * sizeof(int), cudaMemcpyHostToDevice));
  int mid[50];
  EXPECT_OK(cudaMemcpy(mid, a + 100, sizeof(mid), cudaMemcpyDeviceToHost));
  EXPECT(memcmp(mid, h.data(), sizeof(mid)) == 0);

  EXPECT_OK(cudaFree(a));
  EXPECT_OK(cudaFree(b));
  EXPECT_OK(cudaFree(nullptr));  // freeing null is a no-op
  int* zero = nullptr;
  EXPECT_OK(cudaMalloc(&zero, 0));  // zero bytes is allowed
  EXPECT_OK(cudaFree(zero));
}

static void testAsync() {
  const int n = 4096;
  int* pinned = nullptr;
  EXPECT_OK(cudaMallocHost(&pinned, n * sizeof(int)));
  for (int i = 0; i < n; ++i) pinned[i] = i;
  int* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, n * sizeof(int)));
  cudaStream_t s;
  EXPECT_OK(cudaStreamCreate(&s));

  EXPECT_OK(cudaMemsetAsync(d, 0xff, n * sizeof(int), s));
  EXPECT_OK(cudaMemcpyAsync(d, pinned, (n / 2) * sizeof(int), cudaMemcpyHostToDevice, s));
  scale<<<n / 256, 256, 0, s>>>(d, n, 2);
  EXPECT_OK(cudaMemcpyAsync(pinned, d, n * sizeof(int), cudaMemcpyDeviceToHost, s));
  EXPECT_OK(cudaStreamSynchronize(s));
  int bad = 0;
  for (int i = 0; i < n; ++i) bad += pinned[i] != (i < n / 2 ? 2 * i : -2);
  EXPECT(bad == 0);

  // The same on the default stream (stream 0).
  EXPECT_OK(cudaMemsetAsync(d, 0, n * sizeof(int)));
  EXPECT_OK(cudaMemcpyAsync(pinned, d, n * sizeof(int), cudaMemcpyDeviceToHost, 0));
  EXPECT_OK(cudaDeviceSynchronize());
  bad = 0;
  for (int i = 0; i < n; ++i) bad += pinned[i] != 0;
  EXPECT(bad == 0);

  EXPECT_OK(cudaStreamDestroy(s));
  EXPECT_OK(cudaFree(d));
  EXPECT_OK(cudaFreeHost(pinned));
}

static void testMemGetInfo() {
  size_t freeBefore = 0, total = 0;
  EXPECT_OK(cudaMemGetInfo(&freeBefore, &total));
  EXPECT(total > 0 && freeBefore <= total);
  const size_t size = 64 << 20;
  void* p = nullptr;
  EXPECT_OK(cudaMalloc(&p, size));
  size_t freeDuring = 0, total2 = 0;
  EXPECT_OK(cudaMemGetInfo(&freeDuring, &total2));
  EXPECT(total2 == total);
  EXPECT(freeDuring + size <= freeBefore);
  EXPECT_OK(cudaFree(p));
  size_t freeAfter = 0;
  EXPECT_OK(cudaMemGetInfo(&freeAfter, &total2));
  EXPECT(freeAfter > freeDuring);
  printf("memory: total %zu MiB\n", total >> 20);
}

static void testPitched() {
  const int width = 100, height = 37;  // a row of 400 bytes: the pitch pads it
  float* d = nullptr;
  size_t pitch = 0;
  EXPECT_OK(cudaMallocPitch((void**)&d, &pitch, width * sizeof(float), height));
  EXPECT(pitch >= width * sizeof(float));
  EXPECT(pitch % 128 == 0);  // rows start aligned (texture alignment is at least 128 on NVIDIA)

  std::vector<float> h(width * height), back(width * height, -1.0f);
  for (int i = 0; i < width * height; ++i) h[i] = (float)(i % 7);
  EXPECT_OK(cudaMemcpy2D(d, pitch, h.data(), width * sizeof(float), width * sizeof(float), height,
                         cudaMemcpyHostToDevice));
  dim3 block(32, 8);
  dim3 grid((width + 31) / 32, (height + 7) / 8);
  addCoords<<<grid, block>>>(d, pitch, width, height);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy2D(back.data(), width * sizeof(float), d, pitch, width * sizeof(float), height,
                         cudaMemcpyDeviceToHost));
  int bad = 0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) bad += back[y * width + x] != h[y * width + x] + (float)(y * 1000 + x);
  EXPECT(bad == 0);

  // A sub-rectangle (columns 10..29 of rows 5..14) into a tightly packed host buffer.
  const int sw = 20, sh = 10;
  std::vector<float> sub(sw * sh, 0.0f);
  EXPECT_OK(cudaMemcpy2D(sub.data(), sw * sizeof(float), (char*)d + 5 * pitch + 10 * sizeof(float), pitch,
                         sw * sizeof(float), sh, cudaMemcpyDeviceToHost));
  bad = 0;
  for (int y = 0; y < sh; ++y)
    for (int x = 0; x < sw; ++x) bad += sub[y * sw + x] != back[(y + 5) * width + (x + 10)];
  EXPECT(bad == 0);

  // A width larger than the pitch is invalid.
  EXPECT(cudaMemcpy2D(d, pitch, h.data(), width * sizeof(float), pitch + 4, 2, cudaMemcpyHostToDevice) ==
         cudaErrorInvalidPitchValue);
  cudaGetLastError();
  EXPECT_OK(cudaFree(d));
}

int main() {
  testBasicCopies();
  testAsync();
  testMemGetInfo();
  testPitched();
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
