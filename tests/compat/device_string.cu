// memcpy and memset in device code, as CUDA provides them: every size from 0 to 40 bytes at every offset
// into a buffer of 64, checked byte for byte against the same operations on the host.
#include <vector>

#include "../cuda/check.h"

__global__ void copy_and_set(const unsigned char* src, unsigned char* copies, unsigned char* sets) {
  const int size = threadIdx.x, offset = blockIdx.x;  // 0..40 bytes at offset 0..7
  unsigned char local[64];
  memset(local, 0xA5, sizeof local);
  memcpy(local + offset, src, size);
  std::memcpy(copies + 64 * (blockIdx.x * blockDim.x + threadIdx.x), local, 64);
  memset(local + offset, size, size);
  memcpy(sets + 64 * (blockIdx.x * blockDim.x + threadIdx.x), local, 64);
}

int main() {
  const int sizes = 41, offsets = 8, cases = sizes * offsets;
  std::vector<unsigned char> src(64);
  for (int i = 0; i < 64; ++i) src[i] = (unsigned char)(i * 37 + 11);
  unsigned char *d_src, *d_copies, *d_sets;
  EXPECT_OK(cudaMalloc(&d_src, 64));
  EXPECT_OK(cudaMalloc(&d_copies, 64 * cases));
  EXPECT_OK(cudaMalloc(&d_sets, 64 * cases));
  EXPECT_OK(cudaMemcpy(d_src, src.data(), 64, cudaMemcpyHostToDevice));
  copy_and_set<<<offsets, sizes>>>(d_src, d_copies, d_sets);
  std::vector<unsigned char> copies(64 * cases), sets(64 * cases);
  EXPECT_OK(cudaMemcpy(copies.data(), d_copies, copies.size(), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(sets.data(), d_sets, sets.size(), cudaMemcpyDeviceToHost));
  for (int offset = 0; offset < offsets; ++offset)
    for (int size = 0; size < sizes; ++size) {
      unsigned char local[64];
      memset(local, 0xA5, sizeof local);
      memcpy(local + offset, src.data(), size);
      const int at = 64 * (offset * sizes + size);
      EXPECT(memcmp(local, copies.data() + at, 64) == 0);
      memset(local + offset, size, size);
      EXPECT(memcmp(local, sets.data() + at, 64) == 0);
    }
  cudaFree(d_src);
  cudaFree(d_copies);
  cudaFree(d_sets);
  return check_result();
}
