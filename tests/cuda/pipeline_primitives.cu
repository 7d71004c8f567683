// __pipeline_memcpy_async / __pipeline_commit / __pipeline_wait_prior / __pipeline_arrive_on: 4-, 8- and
// 16-byte copies with zfill, batches that stay in flight until waited for (Canopy completes a copy only
// when the thread waits, so a too-early read sees the old shared contents), and copies whose completion
// an mbarrier tracks. Checked against the source data on the host.
#include <cuda_pipeline.h>
#include <cuda/barrier>

#include <cstdio>
#include <cstring>
#include <vector>

#include "check.h"

constexpr int kThreads = 64;

// out[t*16 + ...]: 16 bytes copied with zfill 4 (words 0-3); 8 bytes (4-5); 4 bytes with zfill 4 (6);
// batch 1 read after wait_prior(1) (7, stale) and after wait_prior(0) (8).
__global__ void primitives(const unsigned* in, unsigned* out) {
  __shared__ __align__(16) unsigned s16[kThreads][4];
  __shared__ __align__(16) unsigned s8[kThreads][2];
  __shared__ unsigned s4[kThreads];
  __shared__ unsigned late[kThreads];
  const int t = threadIdx.x;
  s4[t] = 0xffffffffu;
  late[t] = 0xabcdu;
  __pipeline_memcpy_async(&s16[t][0], &in[t * 4], 16, 4);
  __pipeline_memcpy_async(&s8[t][0], &in[256 + t * 2], 8);
  __pipeline_memcpy_async(&s4[t], &in[384 + t], 4, 4);
  __pipeline_commit();
  __pipeline_memcpy_async(&late[t], &in[448 + t], 4);
  __pipeline_commit();
  __pipeline_wait_prior(1);
  unsigned* o = &out[t * 16];
  for (int i = 0; i < 4; ++i) o[i] = s16[t][i];
  o[4] = s8[t][0];
  o[5] = s8[t][1];
  o[6] = s4[t];
  o[7] = late[t];
  __pipeline_wait_prior(0);
  o[8] = late[t];
}

// Every thread copies its word and lets the barrier track it; after the phase, each reads a neighbour's.
__global__ void arrive_on(const unsigned* in, unsigned* out) {
  __shared__ cuda::barrier<cuda::thread_scope_block> bar;
  __shared__ unsigned s[kThreads];
  const int t = threadIdx.x;
  if (t == 0) init(&bar, kThreads);
  __syncthreads();
  __pipeline_memcpy_async(&s[t], &in[t], 4);
  __pipeline_arrive_on(cuda::device::barrier_native_handle(bar));
  bar.arrive_and_wait();
  out[t] = s[(t + 7) % kThreads];
}

int main() {
  std::vector<unsigned> in(512);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<unsigned>(i * 2654435761u + 17u);
  unsigned *din, *dout;
  EXPECT_OK(cudaMalloc(&din, in.size() * sizeof(unsigned)));
  EXPECT_OK(cudaMalloc(&dout, kThreads * 16 * sizeof(unsigned)));
  EXPECT_OK(cudaMemcpy(din, in.data(), in.size() * sizeof(unsigned), cudaMemcpyHostToDevice));
  primitives<<<1, kThreads>>>(din, dout);
  EXPECT_OK(cudaGetLastError());
  std::vector<unsigned> out(kThreads * 16);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(unsigned), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) {
    const unsigned* o = &out[t * 16];
    for (int i = 0; i < 3; ++i) EXPECT(o[i] == in[t * 4 + i]);
    EXPECT(o[3] == 0);  // zfill 4
    EXPECT(o[4] == in[256 + t * 2] && o[5] == in[256 + t * 2 + 1]);
    EXPECT(o[6] == 0);  // 4 bytes, all zero-filled
    EXPECT(o[7] == 0xabcdu);  // batch 1 still in flight
    EXPECT(o[8] == in[448 + t]);
  }
  arrive_on<<<1, kThreads>>>(din, dout);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy(out.data(), dout, kThreads * sizeof(unsigned), cudaMemcpyDeviceToHost));
  for (int t = 0; t < kThreads; ++t) EXPECT(out[t] == in[(t + 7) % kThreads]);
  cudaFree(din);
  cudaFree(dout);
  if (failures == 0) printf("pipeline_primitives: ok\n");
  return failures != 0;
}
