// Parallel sum reduction: each block reduces a grid-stride slice of the input in shared memory
// (tree reduction) down to one warp, which finishes with warp shuffles. A second launch with a
// single block reduces the per-block partial sums. A CUDA warp is 32 threads on every preset, also
// where the hardware warp has 64 lanes (bi-v100): each half of it is one CUDA warp (docs/engine.md),
// so the shuffles below need no change there.
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                                       \
  do {                                                                                         \
    cudaError_t err_ = (call);                                                                 \
    if (err_ != cudaSuccess) {                                                                 \
      fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, __LINE__, \
              cudaGetErrorString(err_));                                                       \
      exit(EXIT_FAILURE);                                                                      \
    }                                                                                          \
  } while (0)

#define BLOCK_SIZE 256

__device__ __forceinline__ int warpReduceSum(int val) {
  for (int offset = 16; offset > 0; offset >>= 1) {
    val += __shfl_down_sync(0xffffffffu, val, offset);
  }
  return val;
}

// blockDim.x must be BLOCK_SIZE (a power of two, at least 64).
__global__ void reduceSum(const int* in, int* out, int n) {
  __shared__ int sdata[BLOCK_SIZE];
  unsigned tid = threadIdx.x;

  int sum = 0;
  for (int i = blockIdx.x * blockDim.x + tid; i < n; i += blockDim.x * gridDim.x) {
    sum += in[i];
  }
  sdata[tid] = sum;
  __syncthreads();

  for (unsigned s = blockDim.x / 2; s >= 32; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  // Only the first warp is left; finish with shuffles rather than shared memory.
  if (tid < 32) {
    sum = warpReduceSum(sdata[tid]);
    if (tid == 0) out[blockIdx.x] = sum;
  }
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s (warp size %d)\n", prop.name, prop.warpSize);

  const int n = (1 << 20) + 12345;  // not a multiple of anything
  std::vector<int> h(n);
  for (int i = 0; i < n; ++i) h[i] = (i * 7 + 3) % 19;
  long long ref = 0;
  for (int v : h) ref += v;

  const int blocks = 128;
  int *dIn, *dPartial, *dOut;
  CUDA_CHECK(cudaMalloc(&dIn, n * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dPartial, blocks * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dOut, sizeof(int)));
  CUDA_CHECK(cudaMemcpy(dIn, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));

  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start));
  reduceSum<<<blocks, BLOCK_SIZE>>>(dIn, dPartial, n);
  CUDA_CHECK(cudaGetLastError());
  reduceSum<<<1, BLOCK_SIZE>>>(dPartial, dOut, blocks);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaEventRecord(stop));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));

  int gpu = 0;
  CUDA_CHECK(cudaMemcpy(&gpu, dOut, sizeof(int), cudaMemcpyDeviceToHost));
  printf("n = %d, GPU sum = %d, CPU sum = %lld, time %.3f ms, %.2f GB/s (simulated)\n", n, gpu, ref,
         ms, ms > 0 ? n * sizeof(int) / (ms * 1e6) : 0.0);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(dIn));
  CUDA_CHECK(cudaFree(dPartial));
  CUDA_CHECK(cudaFree(dOut));
  bool ok = gpu == ref;
  printf("%s\n", ok ? "PASS" : "FAIL");
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
