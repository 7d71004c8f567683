// Atomic operations on global and shared memory, checked against host arithmetic: atomicAdd for
// int/unsigned long long/float/double, a custom float atomicMax built on an atomicCAS loop,
// atomicInc/atomicDec wrap-around, min/max/and/or/xor/exch/sub, the uniqueness of returned old
// values, and the block-wide vote __syncthreads_count/_and/_or.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include <cuda_runtime.h>

static int failures = 0;
#define EXPECT(cond)                                                    \
  do {                                                                  \
    if (!(cond)) {                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                       \
    }                                                                   \
  } while (0)
#define CUDA_CHECK(call)                                                                   \
  do {                                                                                     \
    cudaError_t e_ = (call);                                                               \
    if (e_ != cudaSuccess) {                                                               \
      fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(e_)); \
      exit(1);                                                                             \
    }                                                                                      \
  } while (0)

struct Results {
  int sumInt;
  unsigned long long sumU64;
  float sumFloat;
  double sumDouble;
  float maxFloat;
  unsigned incWrap;
  unsigned decWrap;
  int minInt;
  int maxInt;
  unsigned andBits;
  unsigned orBits;
  unsigned xorBits;
  int subResult;
  int exchCount;
  int sharedSum;
  float sharedFloatSum;
};

// The classic CAS loop: works for any ordering of the float's bit pattern.
__device__ float atomicMaxFloat(float* address, float val) {
  int* addressAsInt = (int*)address;
  int old = *addressAsInt, assumed;
  do {
    assumed = old;
    if (__int_as_float(assumed) >= val) break;
    old = atomicCAS(addressAsInt, assumed, __float_as_int(val));
  } while (assumed != old);
  return __int_as_float(old);
}

__global__ void atomicsKernel(Results* r, const float* values, int* ticketOut, int n, unsigned wrapLimit) {
  __shared__ int sharedSum;
  __shared__ float sharedFloat;
  if (threadIdx.x == 0) {
    sharedSum = 0;
    sharedFloat = 0.0f;
  }
  __syncthreads();

  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    // The old value returned by atomicAdd is a unique ticket per thread.
    ticketOut[i] = atomicAdd(&r->sumInt, 1);
    atomicAdd(&r->sumU64, 1000000007ull * (unsigned long long)i);
    atomicAdd(&r->sumFloat, 0.5f);  // exact: the total stays well below 2^24
    atomicAdd(&r->sumDouble, 0.25 * i);
    atomicMaxFloat(&r->maxFloat, values[i]);
    atomicInc(&r->incWrap, wrapLimit);
    atomicDec(&r->decWrap, wrapLimit);
    atomicMin(&r->minInt, (i * 7919) % 10007 - 5000);
    atomicMax(&r->maxInt, (i * 7919) % 10007 - 5000);
    atomicAnd(&r->andBits, ~(1u << (i % 32)) | (i % 3 == 0 ? 0xffffffffu : 0u));
    atomicOr(&r->orBits, 1u << (i % 29));
    atomicXor(&r->xorBits, (unsigned)i);
    atomicSub(&r->subResult, 3);
    atomicExch(&r->exchCount, i);
    atomicAdd(&sharedSum, i % 5);
    atomicAdd(&sharedFloat, 1.0f);
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    atomicAdd(&r->sharedSum, sharedSum);
    atomicAdd(&r->sharedFloatSum, sharedFloat);
  }
}

__global__ void syncCounts(const int* data, int* counts, int* ands, int* ors) {
  int v = data[blockIdx.x * blockDim.x + threadIdx.x];
  int c = __syncthreads_count(v > 50);
  int a = __syncthreads_and(v >= 0);
  int o = __syncthreads_or(v == 99);
  if (threadIdx.x == 0) {
    counts[blockIdx.x] = c;
    ands[blockIdx.x] = a;
    ors[blockIdx.x] = o;
  }
}

int main() {
  const int n = 10000;
  const unsigned wrapLimit = 9;
  std::vector<float> values(n);
  for (int i = 0; i < n; ++i) values[i] = -100.0f + (float)((i * 2654435761u) % 100000) * 0.01f;
  values[4321] = 12345.5f;  // the unique maximum

  Results init;
  memset(&init, 0, sizeof(init));
  init.maxFloat = -1e30f;
  init.decWrap = 5;
  init.minInt = 1 << 30;
  init.maxInt = -(1 << 30);
  init.andBits = 0xffffffffu;
  init.subResult = 0;
  init.exchCount = -1;

  Results* dR;
  float* dValues;
  int* dTickets;
  CUDA_CHECK(cudaMalloc(&dR, sizeof(Results)));
  CUDA_CHECK(cudaMalloc(&dValues, n * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&dTickets, n * sizeof(int)));
  CUDA_CHECK(cudaMemcpy(dR, &init, sizeof(init), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(dValues, values.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  atomicsKernel<<<(n + 255) / 256, 256>>>(dR, dValues, dTickets, n, wrapLimit);
  CUDA_CHECK(cudaGetLastError());
  Results r;
  std::vector<int> tickets(n);
  CUDA_CHECK(cudaMemcpy(&r, dR, sizeof(r), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(tickets.data(), dTickets, n * sizeof(int), cudaMemcpyDeviceToHost));

  // Host references.
  unsigned long long u64 = 0;
  double dsum = 0.0;
  int mn = 1 << 30, mx = -(1 << 30), sharedSum = 0;
  unsigned andBits = 0xffffffffu, orBits = 0, xorBits = 0, inc = 0, dec = 5;
  for (int i = 0; i < n; ++i) {
    u64 += 1000000007ull * (unsigned long long)i;
    dsum += 0.25 * i;
    int v = (i * 7919) % 10007 - 5000;
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
    andBits &= ~(1u << (i % 32)) | (i % 3 == 0 ? 0xffffffffu : 0u);
    orBits |= 1u << (i % 29);
    xorBits ^= (unsigned)i;
    inc = inc >= wrapLimit ? 0 : inc + 1;                   // atomicInc
    dec = (dec == 0 || dec > wrapLimit) ? wrapLimit : dec - 1;  // atomicDec
    sharedSum += i % 5;
  }
  EXPECT(r.sumInt == n);
  EXPECT(r.sumU64 == u64);
  EXPECT(r.sumFloat == 0.5f * n);
  EXPECT(r.sumDouble == dsum);  // every partial sum is a multiple of 0.25 below 2^53: exact
  EXPECT(r.maxFloat == 12345.5f);
  EXPECT(r.incWrap == inc);
  EXPECT(r.incWrap == n % (wrapLimit + 1));
  EXPECT(r.decWrap == dec);
  EXPECT(r.minInt == mn);
  EXPECT(r.maxInt == mx);
  EXPECT(r.andBits == andBits);
  EXPECT(r.orBits == orBits);
  EXPECT(r.xorBits == xorBits);
  EXPECT(r.subResult == -3 * n);
  EXPECT(r.exchCount >= 0 && r.exchCount < n);
  EXPECT(r.sharedSum == sharedSum);
  EXPECT(r.sharedFloatSum == (float)n);
  std::vector<char> seen(n, 0);
  int badTickets = 0;
  for (int t : tickets) {
    if (t < 0 || t >= n || seen[t]) ++badTickets;
    else seen[t] = 1;
  }
  EXPECT(badTickets == 0);

  // Block-wide votes.
  const int blocks = 4, threads = 128;
  std::vector<int> data(blocks * threads);
  for (int i = 0; i < blocks * threads; ++i) data[i] = (i * 37) % 100;
  data[2 * threads + 5] = -1;  // block 2: not all non-negative
  for (int t = 0; t < threads; ++t) data[3 * threads + t] = t % 50;  // block 3: none > 50, no 99
  int *dData, *dCounts, *dAnds, *dOrs;
  CUDA_CHECK(cudaMalloc(&dData, data.size() * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dCounts, blocks * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dAnds, blocks * sizeof(int)));
  CUDA_CHECK(cudaMalloc(&dOrs, blocks * sizeof(int)));
  CUDA_CHECK(cudaMemcpy(dData, data.data(), data.size() * sizeof(int), cudaMemcpyHostToDevice));
  syncCounts<<<blocks, threads>>>(dData, dCounts, dAnds, dOrs);
  CUDA_CHECK(cudaGetLastError());
  int counts[blocks], ands[blocks], ors[blocks];
  CUDA_CHECK(cudaMemcpy(counts, dCounts, sizeof(counts), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(ands, dAnds, sizeof(ands), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaMemcpy(ors, dOrs, sizeof(ors), cudaMemcpyDeviceToHost));
  for (int b = 0; b < blocks; ++b) {
    int c = 0, a = 1, o = 0;
    for (int t = 0; t < threads; ++t) {
      int v = data[b * threads + t];
      c += v > 50;
      a &= v >= 0;
      o |= v == 99;
    }
    EXPECT(counts[b] == c);
    EXPECT((ands[b] != 0) == (a != 0));
    EXPECT((ors[b] != 0) == (o != 0));
  }
  EXPECT(ands[2] == 0 && ors[3] == 0 && counts[3] == 0);

  CUDA_CHECK(cudaFree(dR));
  CUDA_CHECK(cudaFree(dValues));
  CUDA_CHECK(cudaFree(dTickets));
  CUDA_CHECK(cudaFree(dData));
  CUDA_CHECK(cudaFree(dCounts));
  CUDA_CHECK(cudaFree(dAnds));
  CUDA_CHECK(cudaFree(dOrs));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
