// Device-side malloc and free (the device heap, cudaLimitMallocHeapSize): per-thread buffers written and
// read back, blocks shared between threads of a block, reuse after free, NULL when the heap is exhausted,
// free(NULL), and the limit fixed once a kernel using malloc has run.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "check.h"

__global__ void per_thread_buffers(int* sums, unsigned long long* addresses, int n) {
  const int t = blockIdx.x * blockDim.x + threadIdx.x;
  int* p = static_cast<int*>(malloc(n * sizeof(int)));
  addresses[t] = reinterpret_cast<unsigned long long>(p);
  if (!p) {
    sums[t] = -1;
    return;
  }
  for (int i = 0; i < n; ++i) p[i] = t * i;
  int s = 0;
  for (int i = 0; i < n; ++i) s += p[i];
  sums[t] = s;
  free(p);
}

// Thread 0 allocates a block-wide array, every thread fills its slot, thread 0 sums and frees.
__global__ void shared_block_buffer(int* out) {
  __shared__ int* buffer;
  if (threadIdx.x == 0) buffer = static_cast<int*>(malloc(blockDim.x * sizeof(int)));
  __syncthreads();
  buffer[threadIdx.x] = threadIdx.x + blockIdx.x;
  __syncthreads();
  if (threadIdx.x == 0) {
    int s = 0;
    for (unsigned i = 0; i < blockDim.x; ++i) s += buffer[i];
    out[blockIdx.x] = s;
    free(buffer);
    free(nullptr);
  }
}

__global__ void exhaust(unsigned long long* out, size_t bytes) {
  void* a = malloc(bytes);
  void* b = malloc(bytes);  // the heap holds one such block, not two
  out[0] = reinterpret_cast<unsigned long long>(a);
  out[1] = reinterpret_cast<unsigned long long>(b);
  free(a);
  void* c = malloc(bytes);  // fits again after the free
  out[2] = reinterpret_cast<unsigned long long>(c);
  free(c);
}

int main() {
  const size_t heap = 1 << 20;
  EXPECT_OK(cudaDeviceSetLimit(cudaLimitMallocHeapSize, heap));
  size_t got = 0;
  EXPECT_OK(cudaDeviceGetLimit(&got, cudaLimitMallocHeapSize));
  EXPECT(got == heap);

  const int blocks = 4, threads = 64, n = 50, total = blocks * threads;
  int* sums;
  unsigned long long* addresses;
  EXPECT_OK(cudaMalloc(&sums, total * sizeof(int)));
  EXPECT_OK(cudaMalloc(&addresses, total * sizeof(unsigned long long)));
  per_thread_buffers<<<blocks, threads>>>(sums, addresses, n);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<int> hs(total);
  std::vector<unsigned long long> ha(total);
  EXPECT_OK(cudaMemcpy(hs.data(), sums, total * sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(ha.data(), addresses, total * sizeof(unsigned long long), cudaMemcpyDeviceToHost));
  for (int t = 0; t < total; ++t) {
    EXPECT(hs[t] == t * (n * (n - 1) / 2));
    EXPECT(ha[t] != 0 && ha[t] % 16 == 0);
  }

  int* out;
  EXPECT_OK(cudaMalloc(&out, blocks * sizeof(int)));
  shared_block_buffer<<<blocks, 96>>>(out);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<int> ho(blocks);
  EXPECT_OK(cudaMemcpy(ho.data(), out, blocks * sizeof(int), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) EXPECT(ho[b] == 96 * 95 / 2 + 96 * b);

  unsigned long long* ex;
  EXPECT_OK(cudaMalloc(&ex, 3 * sizeof(unsigned long long)));
  exhaust<<<1, 1>>>(ex, heap * 3 / 4);
  EXPECT_OK(cudaDeviceSynchronize());
  unsigned long long he[3];
  EXPECT_OK(cudaMemcpy(he, ex, sizeof he, cudaMemcpyDeviceToHost));
  EXPECT(he[0] != 0);
  EXPECT(he[1] == 0);
  EXPECT(he[2] == he[0]);

  // The heap exists now: its size can no longer change.
  EXPECT(cudaDeviceSetLimit(cudaLimitMallocHeapSize, heap * 2) == cudaErrorInvalidValue);
  EXPECT_OK(cudaDeviceGetLimit(&got, cudaLimitMallocHeapSize));
  EXPECT(got == heap);

  cudaFree(sums);
  cudaFree(addresses);
  cudaFree(out);
  cudaFree(ex);
  if (failures) fprintf(stderr, "%d checks failed\n", failures);
  else printf("device malloc: all checks passed\n");
  return failures ? 1 : 0;
}
