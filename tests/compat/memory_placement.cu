// Out-of-bounds accesses a GPU lets through: a kernel that writes a few elements past its buffer (a
// classic off-by-one) does not stop the program, because the CUDA driver places allocations 256-byte
// aligned inside larger mapped pages; the stray elements land in the padding after the buffer. The runtime's
// copies still check exact bounds. (memory_placement_strict runs the same program with
// CANOPY_STRICT_MEMORY=1, where the stray store is a precise fault.)
#include "../cuda/check.h"

__global__ void off_by_one(int* out, int count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= count) out[i] = i;  // one past the end
}

int main() {
  const int count = 50;  // 200 bytes: the next allocation starts 256 bytes on
  int *d, *next;
  EXPECT_OK(cudaMalloc(&d, count * sizeof(int)));
  EXPECT_OK(cudaMalloc(&next, 64));
  EXPECT_OK(cudaMemset(next, 0x7f, 64));
  off_by_one<<<1, 64>>>(d, count);
  const cudaError_t status = cudaDeviceSynchronize();
  const char* strict = getenv("CANOPY_STRICT_MEMORY");
  if (strict && strcmp(strict, "1") == 0) {
    EXPECT(status == cudaErrorIllegalAddress);
    return check_result();
  }
  EXPECT_OK(status);
  int h[count];
  EXPECT_OK(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int i = 0; i < count; ++i) EXPECT(h[i] == i);
  unsigned char neighbour[64];
  EXPECT_OK(cudaMemcpy(neighbour, next, 64, cudaMemcpyDeviceToHost));
  for (unsigned char b : neighbour) EXPECT(b == 0x7f);  // the padding took the stray store
  // A copy one element past the buffer is an API error, as with CUDA.
  EXPECT(cudaMemcpy(h, d, sizeof h + sizeof(int), cudaMemcpyDeviceToHost) == cudaErrorInvalidValue);
  cudaGetLastError();
  cudaFree(d);
  cudaFree(next);
  return check_result();
}
