// A fetch through a destroyed texture object stops the kernel with a precise device fault (kernel,
// instruction, block, thread) and makes cudaErrorLaunchFailure sticky, as an unspecified launch failure
// would be on a real GPU.
#include <cstdio>

#include <cuda_runtime.h>

__global__ void read_texture(cudaTextureObject_t t, float* out) {
  out[threadIdx.x] = tex2D<float>(t, threadIdx.x + 0.5f, 0.5f);
}

int main() {
  cudaChannelFormatDesc d = cudaCreateChannelDesc<float>();
  cudaArray_t a = nullptr;
  cudaMallocArray(&a, &d, 4, 4);
  cudaResourceDesc r = {};
  r.resType = cudaResourceTypeArray;
  r.res.array.array = a;
  cudaTextureDesc td = {};
  cudaTextureObject_t t = 0;
  if (cudaCreateTextureObject(&t, &r, &td, nullptr) != cudaSuccess) return 2;
  if (cudaDestroyTextureObject(t) != cudaSuccess) return 3;
  float* out = nullptr;
  cudaMalloc(&out, 64 * sizeof(float));
  read_texture<<<1, 4>>>(t, out);
  printf("%s\n", cudaGetErrorName(cudaDeviceSynchronize()));
  printf("%s\n", cudaGetErrorName(cudaMalloc(&out, 4)));  // sticky
  return 0;
}
