// 256-bin byte histogram: each block accumulates a private histogram in shared memory with
// shared-memory atomics, then merges it into the global histogram with global atomics.
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

#define NUM_BINS 256

__global__ void histogram256(const unsigned char* data, int n, unsigned int* hist) {
  __shared__ unsigned int local[NUM_BINS];
  for (int b = threadIdx.x; b < NUM_BINS; b += blockDim.x) local[b] = 0;
  __syncthreads();

  int stride = blockDim.x * gridDim.x;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
    atomicAdd(&local[data[i]], 1u);
  }
  __syncthreads();

  for (int b = threadIdx.x; b < NUM_BINS; b += blockDim.x) {
    if (local[b] != 0) atomicAdd(&hist[b], local[b]);
  }
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  const int n = 1 << 20;
  std::vector<unsigned char> h(n);
  // A skewed distribution so that some bins are hot (heavy atomic contention).
  unsigned state = 2463534242u;
  for (int i = 0; i < n; ++i) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    h[i] = (state & 3) == 0 ? (unsigned char)(state >> 24) : (unsigned char)((state >> 8) & 15);
  }
  std::vector<unsigned> ref(NUM_BINS, 0), got(NUM_BINS);
  for (unsigned char c : h) ref[c]++;

  unsigned char* d_data;
  unsigned int* d_hist;
  CUDA_CHECK(cudaMalloc(&d_data, n));
  CUDA_CHECK(cudaMalloc(&d_hist, NUM_BINS * sizeof(unsigned)));
  CUDA_CHECK(cudaMemcpy(d_data, h.data(), n, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemset(d_hist, 0, NUM_BINS * sizeof(unsigned)));

  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start));
  histogram256<<<prop.multiProcessorCount * 2, 256>>>(d_data, n, d_hist);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaEventRecord(stop));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
  CUDA_CHECK(cudaMemcpy(got.data(), d_hist, NUM_BINS * sizeof(unsigned), cudaMemcpyDeviceToHost));

  int errors = 0;
  unsigned long long total = 0;
  for (int b = 0; b < NUM_BINS; ++b) {
    total += got[b];
    if (got[b] != ref[b]) {
      if (errors < 5) fprintf(stderr, "bin %d: %u, expected %u\n", b, got[b], ref[b]);
      ++errors;
    }
  }
  printf("%d bytes, %llu counted; bins 0..7:", n, total);
  for (int b = 0; b < 8; ++b) printf(" %u", got[b]);
  printf("; bin 255: %u; time %.3f ms\n", got[255], ms);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(d_data));
  CUDA_CHECK(cudaFree(d_hist));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
