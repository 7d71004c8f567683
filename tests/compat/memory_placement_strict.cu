// memory_placement.cu run with CANOPY_STRICT_MEMORY=1 (canopy run --strict-memory): the store one past
// the buffer is a precise fault (kernel, thread, address on stderr) and the program sees
// cudaErrorIllegalAddress.
#include "compat_check.h"

__global__ void off_by_one(int* out, int count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= count) out[i] = i;  // one past the end
}

int main() {
  const int count = 50;  // 200 bytes: the next allocation starts 256 bytes on
  int *d, *next;
  COMPAT_OK(cudaMalloc(&d, count * sizeof(int)));
  COMPAT_OK(cudaMalloc(&next, 64));
  COMPAT_OK(cudaMemset(next, 0x7f, 64));
  off_by_one<<<1, 64>>>(d, count);
  const cudaError_t status = cudaDeviceSynchronize();
  const char* strict = getenv("CANOPY_STRICT_MEMORY");
  if (strict && strcmp(strict, "1") == 0) {
    COMPAT_EXPECT(status == cudaErrorIllegalAddress);
    return COMPAT_RESULT();
  }
  COMPAT_OK(status);
  int h[count];
  COMPAT_OK(cudaMemcpy(h, d, sizeof h, cudaMemcpyDeviceToHost));
  for (int i = 0; i < count; ++i) COMPAT_EXPECT(h[i] == i);
  unsigned char neighbour[64];
  COMPAT_OK(cudaMemcpy(neighbour, next, 64, cudaMemcpyDeviceToHost));
  for (unsigned char b : neighbour) COMPAT_EXPECT(b == 0x7f);  // the padding took the stray store
  // A copy one element past the buffer is an API error, as with CUDA.
  COMPAT_EXPECT(cudaMemcpy(h, d, sizeof h + sizeof(int), cudaMemcpyDeviceToHost) == cudaErrorInvalidValue);
  cudaGetLastError();
  cudaFree(d);
  cudaFree(next);
  return COMPAT_RESULT();
}
