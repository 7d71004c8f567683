// Memory: allocation, pointer validation in copies and frees, 2D copies and fills, managed, mapped and
// registered host memory, pointer attributes.
#include <cstring>
#include <numeric>
#include <vector>

#include "tests/runtime/runtime_test_util.h"

namespace canopy::cudart::test {
namespace {

class MemoryTest : public RuntimeTest {
 protected:
  void add_one(int* p, int n) {
    void* args[] = {&p, &n};
    ASSERT_EQ(cudaLaunchKernel(kernel("add_one"), dim3((n + 63) / 64), dim3(64), args, 0, nullptr),
              cudaSuccess);
  }
};

TEST_F(MemoryTest, CopiesRoundTripInEveryDirection) {
  std::vector<int> a(256), b(256, 0);
  std::iota(a.begin(), a.end(), 100);
  void *d1 = nullptr, *d2 = nullptr;
  ASSERT_EQ(cudaMalloc(&d1, 1024), cudaSuccess);
  ASSERT_EQ(cudaMalloc(&d2, 1024), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(d1, a.data(), 1024, cudaMemcpyHostToDevice), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(d2, d1, 1024, cudaMemcpyDeviceToDevice), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(b.data(), d2, 1024, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(a, b);
  std::vector<int> c(256, 0);
  EXPECT_EQ(cudaMemcpy(c.data(), b.data(), 1024, cudaMemcpyHostToHost), cudaSuccess);
  EXPECT_EQ(c, a);
  // cudaMemcpyDefault infers each side from the allocations.
  std::fill(b.begin(), b.end(), 0);
  EXPECT_EQ(cudaMemcpy(static_cast<char*>(d1) + 4, a.data(), 8, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(d2, d1, 1024, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(b.data(), d2, 1024, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(b[0], 100);
  EXPECT_EQ(b[1], 100);
  EXPECT_EQ(b[2], 101);
  EXPECT_EQ(b[3], 103);
}

TEST_F(MemoryTest, WrongSidedPointersAreInvalidValue) {
  int host[4] = {};
  void* d = nullptr;
  ASSERT_EQ(cudaMalloc(&d, 16), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(host, host, 16, cudaMemcpyHostToDevice), cudaErrorInvalidValue);  // dst is host memory
  EXPECT_EQ(cudaMemcpy(host, host, 16, cudaMemcpyDeviceToHost), cudaErrorInvalidValue);  // src is host memory
  EXPECT_EQ(cudaMemcpy(d, d, 16, cudaMemcpyHostToDevice), cudaErrorInvalidValue);  // src is device memory
  EXPECT_EQ(cudaMemcpy(host, d, 16, cudaMemcpyHostToHost), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(d, host, 17, cudaMemcpyHostToDevice), cudaErrorInvalidValue);  // past the end
  EXPECT_EQ(cudaMemcpy(static_cast<char*>(d) + 8, host, 9, cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(d, nullptr, 4, cudaMemcpyHostToDevice), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemcpy(d, host, 16, static_cast<cudaMemcpyKind>(7)), cudaErrorInvalidMemcpyDirection);
  EXPECT_EQ(cudaMemcpy(d, host, 0, cudaMemcpyHostToDevice), cudaSuccess);
  EXPECT_EQ(cudaMemset(host, 0, 4), cudaErrorInvalidValue);
  EXPECT_EQ(cudaMemset(d, 0, 17), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaErrorInvalidValue);
  EXPECT_EQ(cudaGetLastError(), cudaSuccess);
}

TEST_F(MemoryTest, FreeValidatesThePointer) {
  void* d = nullptr;
  ASSERT_EQ(cudaMalloc(&d, 64), cudaSuccess);
  int host = 0;
  EXPECT_EQ(cudaFree(&host), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFree(static_cast<char*>(d) + 16), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFree(nullptr), cudaSuccess);
  EXPECT_EQ(cudaFree(d), cudaSuccess);
  EXPECT_EQ(cudaFree(d), cudaErrorInvalidValue);
  void* zero = &host;
  EXPECT_EQ(cudaMalloc(&zero, 0), cudaSuccess);
  EXPECT_EQ(zero, nullptr);
  EXPECT_EQ(cudaMalloc(nullptr, 16), cudaErrorInvalidValue);
  void* huge = nullptr;
  EXPECT_EQ(cudaMalloc(&huge, size_t{1} << 62), cudaErrorMemoryAllocation);
}

TEST_F(MemoryTest, MemGetInfoTracksAllocations) {
  size_t free0 = 0, total = 0, free1 = 0;
  ASSERT_EQ(cudaMemGetInfo(&free0, &total), cudaSuccess);
  EXPECT_LE(free0, total);
  void* d = nullptr;
  ASSERT_EQ(cudaMalloc(&d, 1 << 20), cudaSuccess);
  ASSERT_EQ(cudaMemGetInfo(&free1, &total), cudaSuccess);
  EXPECT_EQ(free0 - free1, size_t{1} << 20);
}

TEST_F(MemoryTest, PitchedCopiesAndFillsTouchOnlyTheRows) {
  const size_t width = 10, height = 3;
  void* d = nullptr;
  size_t pitch = 0;
  ASSERT_EQ(cudaMallocPitch(&d, &pitch, width, height), cudaSuccess);
  ASSERT_GE(pitch, width);
  EXPECT_EQ(pitch % 256, 0u);
  ASSERT_EQ(cudaMemset(d, 0xEE, pitch * height), cudaSuccess);
  ASSERT_EQ(cudaMemset2D(d, pitch, 0x11, width, height), cudaSuccess);
  // Every byte of the pitched allocation: the fill covers columns [0, width) of each row, the
  // padding [width, pitch) keeps the earlier 0xEE.
  std::vector<unsigned char> filled(pitch * height);
  ASSERT_EQ(cudaMemcpy(filled.data(), d, filled.size(), cudaMemcpyDeviceToHost), cudaSuccess);
  for (size_t r = 0; r < height; ++r)
    for (size_t c = 0; c < pitch; ++c)
      EXPECT_EQ(filled[r * pitch + c], c < width ? 0x11 : 0xEE) << "row " << r << " column " << c;
  unsigned char src[height][width];
  for (size_t r = 0; r < height; ++r)
    for (size_t c = 0; c < width; ++c) src[r][c] = static_cast<unsigned char>(r * 16 + c);
  ASSERT_EQ(cudaMemcpy2D(d, pitch, src, width, width - 2, height, cudaMemcpyHostToDevice), cudaSuccess);
  std::vector<unsigned char> all(pitch * height);
  ASSERT_EQ(cudaMemcpy(all.data(), d, all.size(), cudaMemcpyDeviceToHost), cudaSuccess);
  for (size_t r = 0; r < height; ++r)
    for (size_t c = 0; c < pitch; ++c)
      EXPECT_EQ(all[r * pitch + c], c < width - 2 ? src[r][c] : c < width ? 0x11 : 0xEE)
          << "row " << r << " column " << c;
  unsigned char back[height][4];
  ASSERT_EQ(cudaMemcpy2D(back, 4, d, pitch, 4, height, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(back[2][3], src[2][3]);
  EXPECT_EQ(cudaMemcpy2D(d, 4, src, width, width, height, cudaMemcpyHostToDevice),
            cudaErrorInvalidPitchValue);
  EXPECT_EQ(cudaMemcpy2D(d, pitch, src, width, width, height + 1000, cudaMemcpyHostToDevice),
            cudaErrorInvalidValue);
}

TEST_F(MemoryTest, ManagedMemoryIsOnePointerForHostAndKernels) {
  int* m = nullptr;
  ASSERT_EQ(cudaMallocManaged(reinterpret_cast<void**>(&m), 100 * sizeof(int)), cudaSuccess);
  for (int i = 0; i < 100; ++i) m[i] = i;
  add_one(m, 100);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(m[i], i + 1);
  cudaPointerAttributes attr;
  ASSERT_EQ(cudaPointerGetAttributes(&attr, m + 3), cudaSuccess);
  EXPECT_EQ(attr.type, cudaMemoryTypeManaged);
  EXPECT_EQ(attr.devicePointer, m + 3);
  EXPECT_EQ(cudaMemPrefetchAsync(m, 400, 0, nullptr), cudaSuccess);
  EXPECT_EQ(cudaMemAdvise(m, 400, cudaMemAdviseSetReadMostly, 0), cudaSuccess);
  int* none = nullptr;
  EXPECT_EQ(cudaMallocManaged(&none, 0), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFree(m), cudaSuccess);
  EXPECT_EQ(cudaFree(m), cudaErrorInvalidValue);
}

TEST_F(MemoryTest, ManagedMemoryIsBoundsChecked) {
  int* m = nullptr;
  ASSERT_EQ(cudaMallocManaged(reinterpret_cast<void**>(&m), 10 * sizeof(int)), cudaSuccess);
  ::testing::internal::CaptureStderr();
  add_one(m, 11);  // one element past the end
  EXPECT_EQ(cudaDeviceSynchronize(), cudaErrorIllegalAddress);
  ::testing::internal::GetCapturedStderr();
}

TEST_F(MemoryTest, PinnedMemoryIsMappedAtItsOwnAddress) {
  int* h = nullptr;
  ASSERT_EQ(cudaHostAlloc(reinterpret_cast<void**>(&h), 64 * sizeof(int), cudaHostAllocMapped), cudaSuccess);
  for (int i = 0; i < 64; ++i) h[i] = 2 * i;
  int* dp = nullptr;
  ASSERT_EQ(cudaHostGetDevicePointer(reinterpret_cast<void**>(&dp), h, 0), cudaSuccess);
  EXPECT_EQ(dp, h);
  add_one(dp, 64);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(h[63], 127);
  unsigned flags = 0;
  EXPECT_EQ(cudaHostGetFlags(&flags, h), cudaSuccess);
  EXPECT_TRUE(flags & cudaHostAllocMapped);
  cudaPointerAttributes attr;
  ASSERT_EQ(cudaPointerGetAttributes(&attr, h), cudaSuccess);
  EXPECT_EQ(attr.type, cudaMemoryTypeHost);
  EXPECT_EQ(cudaFree(h), cudaErrorInvalidValue);
  EXPECT_EQ(cudaFreeHost(h), cudaSuccess);
  EXPECT_EQ(cudaFreeHost(h), cudaErrorInvalidValue);
  void* p = nullptr;
  ASSERT_EQ(cudaMallocHost(&p, 100), cudaSuccess);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 256, 0u);
  EXPECT_EQ(cudaMemcpy(p, p, 0, cudaMemcpyDefault), cudaSuccess);
  EXPECT_EQ(cudaFreeHost(p), cudaSuccess);
}

TEST_F(MemoryTest, RegisteredHostMemoryIsVisibleToKernels) {
  std::vector<int> buffer(32, 5);
  ASSERT_EQ(cudaHostRegister(buffer.data(), buffer.size() * sizeof(int), cudaHostRegisterMapped),
            cudaSuccess);
  EXPECT_EQ(cudaHostRegister(buffer.data() + 4, 8, 0), cudaErrorHostMemoryAlreadyRegistered);
  add_one(buffer.data(), 32);
  ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess);
  EXPECT_EQ(buffer[0], 6);
  EXPECT_EQ(buffer[31], 6);
  // Device copies treat it as device-visible memory too.
  void* d = nullptr;
  ASSERT_EQ(cudaMalloc(&d, 128), cudaSuccess);
  ASSERT_EQ(cudaMemset(d, 0, 128), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(d, buffer.data(), 128, cudaMemcpyDeviceToDevice), cudaSuccess);
  std::vector<int> copied(32, -1);
  ASSERT_EQ(cudaMemcpy(copied.data(), d, 128, cudaMemcpyDeviceToHost), cudaSuccess);
  EXPECT_EQ(copied, std::vector<int>(32, 6));
  // And the other way: device memory into the registered buffer.
  ASSERT_EQ(cudaMemset(d, 0x7F, 128), cudaSuccess);
  EXPECT_EQ(cudaMemcpy(buffer.data(), d, 128, cudaMemcpyDeviceToDevice), cudaSuccess);
  EXPECT_EQ(buffer, std::vector<int>(32, 0x7F7F7F7F));
  EXPECT_EQ(cudaFree(d), cudaSuccess);
  EXPECT_EQ(cudaHostUnregister(buffer.data() + 1), cudaErrorHostMemoryNotRegistered);
  EXPECT_EQ(cudaHostUnregister(buffer.data()), cudaSuccess);
  EXPECT_EQ(cudaHostUnregister(buffer.data()), cudaErrorHostMemoryNotRegistered);
  EXPECT_EQ(cudaHostRegister(nullptr, 8, 0), cudaErrorInvalidValue);
}

TEST_F(MemoryTest, PointerAttributesClassifyMemory) {
  void* d = nullptr;
  ASSERT_EQ(cudaMalloc(&d, 64), cudaSuccess);
  cudaPointerAttributes attr;
  ASSERT_EQ(cudaPointerGetAttributes(&attr, static_cast<char*>(d) + 8), cudaSuccess);
  EXPECT_EQ(attr.type, cudaMemoryTypeDevice);
  EXPECT_EQ(attr.device, 0);
  EXPECT_EQ(attr.hostPointer, nullptr);
  int host = 0;
  ASSERT_EQ(cudaPointerGetAttributes(&attr, &host), cudaSuccess);
  EXPECT_EQ(attr.type, cudaMemoryTypeUnregistered);
  EXPECT_EQ(cudaPointerGetAttributes(nullptr, &host), cudaErrorInvalidValue);
}

}  // namespace
}  // namespace canopy::cudart::test
