// Plain C++ (compiled without CUDA mode) using the runtime API through cuda_runtime.h.
#include <cuda_runtime.h>

#include <cstdio>

#include "shared.h"

int main() {
  const int n = 300;
  int host[n];
  for (int i = 0; i < n; ++i) host[i] = i;
  int* dev = nullptr;
  cudaMalloc(reinterpret_cast<void**>(&dev), sizeof(host));
  cudaMemcpy(dev, host, sizeof(host), cudaMemcpyHostToDevice);
  launch_add_one(dev, n);
  launch_scale(dev, n, 3);
  cudaMemcpy(host, dev, sizeof(host), cudaMemcpyDeviceToHost);
  cudaFree(dev);
  long sum = 0;
  for (int i = 0; i < n; ++i) sum += host[i];
  std::printf("sum %ld\n", sum);  // 3 * (1 + ... + 300) = 135450
  return cudaGetLastError() == cudaSuccess ? 0 : 1;
}
