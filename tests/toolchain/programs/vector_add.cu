// End-to-end check of canopy cc: a kernel, device memory, copies both ways, built and run by CTest.
#include <cstdio>

__global__ void vector_add(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

int main() {
  const int n = 1000;
  static float a[n], b[n], c[n];
  for (int i = 0; i < n; ++i) {
    c[i] = -1.0f;
    a[i] = static_cast<float>(i);
    b[i] = static_cast<float>(2 * i) + 0.5f;
  }
  float *da = nullptr, *db = nullptr, *dc = nullptr;
  size_t bytes = n * sizeof(float);
  if (cudaMalloc(&da, bytes) != cudaSuccess || cudaMalloc(&db, bytes) != cudaSuccess ||
      cudaMalloc(&dc, bytes) != cudaSuccess) {
    std::printf("cudaMalloc failed\n");
    return 1;
  }
  cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, bytes, cudaMemcpyHostToDevice);
  vector_add<<<(n + 127) / 128, 128>>>(da, db, dc, n);
  cudaError_t err = cudaDeviceSynchronize();
  if (err != cudaSuccess) {
    std::printf("kernel failed: %s\n", cudaGetErrorString(err));
    return 1;
  }
  cudaMemcpy(c, dc, bytes, cudaMemcpyDeviceToHost);
  int wrong = 0;
  for (int i = 0; i < n; ++i) wrong += c[i] != a[i] + b[i];
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  std::printf("vector_add: %d of %d wrong\n", wrong, n);
  return wrong == 0 ? 0 : 1;
}
