// free() of an address malloc did not return is a precise device fault, reported at the next
// synchronization with the kernel, thread and address.
#include <cstdio>

__global__ void bad_free(int* p) {
  if (threadIdx.x == 3) free(p + 1);
}

int main() {
  int* d;
  cudaMalloc(&d, 64);
  bad_free<<<1, 8>>>(d);
  cudaError_t e = cudaDeviceSynchronize();
  printf("%s\n", cudaGetErrorName(e));
  return e == cudaSuccess ? 1 : 0;
}
