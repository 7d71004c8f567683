// Bitonic sort of 2^16 unsigned keys (after the CUDA sample "sortingNetworks"). Chunks of
// SHARED_SIZE keys are sorted in shared memory; larger merges use one launch per global stride and
// finish each merge in shared memory once the stride fits in a chunk.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#include <algorithm>
#include <vector>

#define CUDA_CHECK(call)                                                                       \
  do {                                                                                         \
    cudaError_t err_ = (call);                                                                 \
    if (err_ != cudaSuccess) {                                                                 \
      fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, __LINE__, \
              cudaGetErrorString(err_));                                                       \
      exit(EXIT_FAILURE);                                                                      \
    }                                                                                          \
  } while (0)

#define SHARED_SIZE 1024
#define THREADS (SHARED_SIZE / 2)

__device__ inline void compareExchange(unsigned& a, unsigned& b, bool ascending) {
  if ((a > b) == ascending) {
    unsigned t = a;
    a = b;
    b = t;
  }
}

// Runs the bitonic network for sizes k in [kFirst, kLast] with strides j < SHARED_SIZE on one chunk.
// Directions depend on the global index, so consecutive chunks end up in alternating order, which
// makes every pair of chunks a bitonic sequence for the next size.
__device__ void chunkNetwork(unsigned* s, unsigned base, unsigned kFirst, unsigned kLast, unsigned jFirst) {
  unsigned t = threadIdx.x;
  for (unsigned k = kFirst; k <= kLast; k <<= 1) {
    for (unsigned j = (k == kFirst ? jFirst : k >> 1); j > 0; j >>= 1) {
      __syncthreads();
      unsigned i = 2 * j * (t / j) + (t % j);
      bool ascending = ((base + i) & k) == 0;
      compareExchange(s[i], s[i + j], ascending);
    }
  }
  __syncthreads();
}

__global__ void bitonicSortShared(unsigned* d) {
  __shared__ unsigned s[SHARED_SIZE];
  unsigned base = blockIdx.x * SHARED_SIZE;
  s[threadIdx.x] = d[base + threadIdx.x];
  s[threadIdx.x + THREADS] = d[base + threadIdx.x + THREADS];
  chunkNetwork(s, base, 2, SHARED_SIZE, 1);
  d[base + threadIdx.x] = s[threadIdx.x];
  d[base + threadIdx.x + THREADS] = s[threadIdx.x + THREADS];
}

// The tail of a merge of size k: strides SHARED_SIZE/2 .. 1.
__global__ void bitonicMergeShared(unsigned* d, unsigned k) {
  __shared__ unsigned s[SHARED_SIZE];
  unsigned base = blockIdx.x * SHARED_SIZE;
  s[threadIdx.x] = d[base + threadIdx.x];
  s[threadIdx.x + THREADS] = d[base + threadIdx.x + THREADS];
  chunkNetwork(s, base, k, k, SHARED_SIZE / 2);
  d[base + threadIdx.x] = s[threadIdx.x];
  d[base + threadIdx.x + THREADS] = s[threadIdx.x + THREADS];
}

// One stride j >= SHARED_SIZE of a merge of size k; one thread per compared pair.
__global__ void bitonicMergeGlobal(unsigned* d, unsigned k, unsigned j) {
  unsigned t = blockIdx.x * blockDim.x + threadIdx.x;
  unsigned i = 2 * j * (t / j) + (t % j);
  bool ascending = (i & k) == 0;
  unsigned a = d[i], b = d[i + j];
  compareExchange(a, b, ascending);
  d[i] = a;
  d[i + j] = b;
}

static void bitonicSort(unsigned* d, unsigned n) {  // n: a power of two >= SHARED_SIZE
  bitonicSortShared<<<n / SHARED_SIZE, THREADS>>>(d);
  CUDA_CHECK(cudaGetLastError());
  for (unsigned k = 2 * SHARED_SIZE; k <= n; k <<= 1) {
    for (unsigned j = k >> 1; j >= SHARED_SIZE; j >>= 1) {
      bitonicMergeGlobal<<<n / 2 / 256, 256>>>(d, k, j);
      CUDA_CHECK(cudaGetLastError());
    }
    bitonicMergeShared<<<n / SHARED_SIZE, THREADS>>>(d, k);
    CUDA_CHECK(cudaGetLastError());
  }
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  const unsigned n = 1u << 16;
  std::vector<unsigned> h(n), result(n);
  unsigned state = 12345u;
  for (unsigned i = 0; i < n; ++i) {
    state = state * 1664525u + 1013904223u;
    h[i] = state >> 8;  // many duplicates would also be fine; this gives a few
  }

  unsigned* d;
  CUDA_CHECK(cudaMalloc(&d, n * sizeof(unsigned)));
  CUDA_CHECK(cudaMemcpy(d, h.data(), n * sizeof(unsigned), cudaMemcpyHostToDevice));

  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start));
  bitonicSort(d, n);
  CUDA_CHECK(cudaEventRecord(stop));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
  CUDA_CHECK(cudaMemcpy(result.data(), d, n * sizeof(unsigned), cudaMemcpyDeviceToHost));

  std::vector<unsigned> ref = h;
  std::sort(ref.begin(), ref.end());
  int errors = 0;
  for (unsigned i = 0; i < n; ++i) {
    if (result[i] != ref[i]) {
      if (errors < 5) fprintf(stderr, "key[%u] = %u, expected %u\n", i, result[i], ref[i]);
      ++errors;
    }
  }
  printf("bitonic sort of %u keys: first %u, median %u, last %u; %.3f ms, %.2f Mkeys/s (simulated)\n",
         n, result[0], result[n / 2], result[n - 1], ms, ms > 0 ? n / (ms * 1e3) : 0.0);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(d));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
