// Exclusive prefix sum (Blelloch's work-efficient scan, as in GPU Gems 3 ch. 39) over an array
// larger than one block: each block scans 2*blockDim elements in shared memory and writes its
// total; the block totals are scanned recursively and added back.
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

#define THREADS 256
#define ELEMS_PER_BLOCK (2 * THREADS)

// Bank-conflict avoidance: pad one word every 32 words of shared memory.
#define LOG_NUM_BANKS 5
#define CONFLICT_FREE_OFFSET(n) ((n) >> LOG_NUM_BANKS)

__global__ void blellochScan(const int* in, int* out, int* blockSums, int n) {
  __shared__ int temp[ELEMS_PER_BLOCK + ELEMS_PER_BLOCK / 32];
  int tid = threadIdx.x;
  int base = blockIdx.x * ELEMS_PER_BLOCK;

  int ai = tid, bi = tid + THREADS;
  int offA = CONFLICT_FREE_OFFSET(ai), offB = CONFLICT_FREE_OFFSET(bi);
  temp[ai + offA] = (base + ai < n) ? in[base + ai] : 0;
  temp[bi + offB] = (base + bi < n) ? in[base + bi] : 0;

  // Up-sweep (reduce) phase.
  int offset = 1;
  for (int d = ELEMS_PER_BLOCK >> 1; d > 0; d >>= 1) {
    __syncthreads();
    if (tid < d) {
      int a = offset * (2 * tid + 1) - 1;
      int b = offset * (2 * tid + 2) - 1;
      a += CONFLICT_FREE_OFFSET(a);
      b += CONFLICT_FREE_OFFSET(b);
      temp[b] += temp[a];
    }
    offset *= 2;
  }

  if (tid == 0) {
    int last = ELEMS_PER_BLOCK - 1 + CONFLICT_FREE_OFFSET(ELEMS_PER_BLOCK - 1);
    if (blockSums) blockSums[blockIdx.x] = temp[last];
    temp[last] = 0;
  }

  // Down-sweep phase.
  for (int d = 1; d < ELEMS_PER_BLOCK; d *= 2) {
    offset >>= 1;
    __syncthreads();
    if (tid < d) {
      int a = offset * (2 * tid + 1) - 1;
      int b = offset * (2 * tid + 2) - 1;
      a += CONFLICT_FREE_OFFSET(a);
      b += CONFLICT_FREE_OFFSET(b);
      int t = temp[a];
      temp[a] = temp[b];
      temp[b] += t;
    }
  }
  __syncthreads();

  if (base + ai < n) out[base + ai] = temp[ai + offA];
  if (base + bi < n) out[base + bi] = temp[bi + offB];
}

__global__ void addBlockSums(int* data, const int* scannedSums, int n) {
  int i = blockIdx.x * ELEMS_PER_BLOCK + threadIdx.x;
  int add = scannedSums[blockIdx.x];
  if (i < n) data[i] += add;
  if (i + THREADS < n) data[i + THREADS] += add;
}

// Scans d_in into d_out (both n ints on the device); recursive over levels of block sums.
static void scanLevel(const int* d_in, int* d_out, int n) {
  int blocks = (n + ELEMS_PER_BLOCK - 1) / ELEMS_PER_BLOCK;
  if (blocks == 1) {
    blellochScan<<<1, THREADS>>>(d_in, d_out, nullptr, n);
    CUDA_CHECK(cudaGetLastError());
    return;
  }
  int *d_sums, *d_scannedSums;
  CUDA_CHECK(cudaMalloc(&d_sums, blocks * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&d_scannedSums, blocks * sizeof(int)));
  blellochScan<<<blocks, THREADS>>>(d_in, d_out, d_sums, n);
  CUDA_CHECK(cudaGetLastError());
  scanLevel(d_sums, d_scannedSums, blocks);
  addBlockSums<<<blocks, THREADS>>>(d_out, d_scannedSums, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaFree(d_sums));
  CUDA_CHECK(cudaFree(d_scannedSums));
}

int main() {
  cudaDeviceProp prop;
  CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  printf("Device: %s\n", prop.name);

  // Three levels: 300000 elements -> 586 block sums -> 2 -> 1.
  const int n = 300000;
  std::vector<int> h(n), result(n), ref(n);
  srand(7);
  for (int i = 0; i < n; ++i) h[i] = rand() % 10;
  int running = 0;
  for (int i = 0; i < n; ++i) {
    ref[i] = running;
    running += h[i];
  }

  int *d_in, *d_out;
  CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&d_out, n * sizeof(int)));
  CUDA_CHECK(cudaMemcpy(d_in, h.data(), n * sizeof(int), cudaMemcpyHostToDevice));

  cudaEvent_t start, stop;
  CUDA_CHECK(cudaEventCreate(&start));
  CUDA_CHECK(cudaEventCreate(&stop));
  CUDA_CHECK(cudaEventRecord(start));
  scanLevel(d_in, d_out, n);
  CUDA_CHECK(cudaEventRecord(stop));
  CUDA_CHECK(cudaEventSynchronize(stop));
  float ms = 0.0f;
  CUDA_CHECK(cudaEventElapsedTime(&ms, start, stop));
  CUDA_CHECK(cudaMemcpy(result.data(), d_out, n * sizeof(int), cudaMemcpyDeviceToHost));

  int errors = 0;
  for (int i = 0; i < n; ++i) {
    if (result[i] != ref[i]) {
      if (errors < 5) fprintf(stderr, "out[%d] = %d, expected %d\n", i, result[i], ref[i]);
      ++errors;
    }
  }
  printf("exclusive scan of %d ints: out[1] = %d, out[%d] = %d, total = %d, time %.3f ms\n", n,
         result[1], n - 1, result[n - 1], running, ms);

  CUDA_CHECK(cudaEventDestroy(start));
  CUDA_CHECK(cudaEventDestroy(stop));
  CUDA_CHECK(cudaFree(d_in));
  CUDA_CHECK(cudaFree(d_out));
  printf("%s\n", errors == 0 ? "PASS" : "FAIL");
  return errors == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
