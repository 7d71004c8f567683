// __constant__ and __device__ variables: static initializers are visible to kernels; the host
// updates them with cudaMemcpyToSymbol (with offsets), reads them with cudaMemcpyFromSymbol, and
// gets their device address with cudaGetSymbolAddress.
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#include "check.h"

struct Params {
  float scale;
  int offset;
  double weights[3];
};

__constant__ float coeffs[8] = {1.0f, 2.0f, 4.0f, 8.0f, 16.0f, 32.0f, 64.0f, 128.0f};
__constant__ Params params = {2.5f, -7, {0.25, 0.5, 0.125}};
__constant__ int lookup[256];  // zero-initialized, filled by the host
__device__ int counter = 100;
__device__ unsigned long long big = 0x123456789abcdef0ull;
__device__ float table[16] = {0.5f, 1.5f};  // the rest is zero
__device__ char message[] = "hello";

__global__ void readInitializers(float* outF, int* outI, double* outD, unsigned long long* outU) {
  int t = threadIdx.x;
  outF[t] = coeffs[t] * params.scale + table[t];
  outI[t] = params.offset + lookup[t * 3] + message[t % 6];
  if (t < 3) outD[t] = params.weights[t];
  if (t == 0) *outU = big;
}

__global__ void bumpCounter(int times) {
  for (int i = 0; i < times; ++i) atomicAdd(&counter, 1);
}

__global__ void writeThrough(int* p, int v) { *p = v; }

int main() {
  // 1. Initial values as the kernel sees them.
  float* dF;
  int* dI;
  double* dD;
  unsigned long long* dU;
  EXPECT_OK(cudaMalloc(&dF, 8 * sizeof(float)));
  EXPECT_OK(cudaMalloc(&dI, 8 * sizeof(int)));
  EXPECT_OK(cudaMalloc(&dD, 3 * sizeof(double)));
  EXPECT_OK(cudaMalloc(&dU, sizeof(unsigned long long)));
  readInitializers<<<1, 8>>>(dF, dI, dD, dU);
  EXPECT_OK(cudaGetLastError());
  float f[8];
  int iv[8];
  double dv[3];
  unsigned long long u = 0;
  EXPECT_OK(cudaMemcpy(f, dF, sizeof(f), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(iv, dI, sizeof(iv), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(dv, dD, sizeof(dv), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(&u, dU, sizeof(u), cudaMemcpyDeviceToHost));
  const char msg[] = "hello";
  for (int t = 0; t < 8; ++t) {
    float expectF = (float)(1 << t) * 2.5f + (t == 0 ? 0.5f : t == 1 ? 1.5f : 0.0f);
    EXPECT(f[t] == expectF);
    EXPECT(iv[t] == -7 + msg[t % 6]);
  }
  EXPECT(dv[0] == 0.25 && dv[1] == 0.5 && dv[2] == 0.125);
  EXPECT(u == 0x123456789abcdef0ull);

  // 2. Host updates: whole symbols, and at an offset.
  int hostLookup[256];
  for (int i = 0; i < 256; ++i) hostLookup[i] = i * i;
  EXPECT_OK(cudaMemcpyToSymbol(lookup, hostLookup, sizeof(hostLookup)));
  Params p2 = {-1.0f, 1000, {1.0, 2.0, 3.0}};
  EXPECT_OK(cudaMemcpyToSymbol(params, &p2, sizeof(p2)));
  float newTail[2] = {-3.0f, -5.0f};
  EXPECT_OK(cudaMemcpyToSymbol(coeffs, newTail, sizeof(newTail), 6 * sizeof(float)));
  readInitializers<<<1, 8>>>(dF, dI, dD, dU);
  EXPECT_OK(cudaMemcpy(f, dF, sizeof(f), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(iv, dI, sizeof(iv), cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(dv, dD, sizeof(dv), cudaMemcpyDeviceToHost));
  EXPECT(f[0] == -1.0f + 0.5f && f[5] == -32.0f && f[6] == 3.0f && f[7] == 5.0f);
  for (int t = 0; t < 8; ++t) EXPECT(iv[t] == 1000 + (t * 3) * (t * 3) + msg[t % 6]);
  EXPECT(dv[2] == 3.0);

  // 3. Reading back, including a symbol the kernel modified.
  bumpCounter<<<4, 32>>>(2);
  EXPECT_OK(cudaGetLastError());
  int c = 0;
  EXPECT_OK(cudaMemcpyFromSymbol(&c, counter, sizeof(int)));
  EXPECT(c == 100 + 4 * 32 * 2);
  float readBack[2] = {0, 0};
  EXPECT_OK(cudaMemcpyFromSymbol(readBack, coeffs, sizeof(readBack), 6 * sizeof(float)));
  EXPECT(readBack[0] == -3.0f && readBack[1] == -5.0f);
  char m[6] = {0};
  EXPECT_OK(cudaMemcpyFromSymbol(m, message, sizeof(m)));
  EXPECT(m[0] == 'h' && m[4] == 'o' && m[5] == '\0');

  // 4. The symbol's address is an ordinary device pointer.
  int* counterPtr = nullptr;
  EXPECT_OK(cudaGetSymbolAddress((void**)&counterPtr, counter));
  EXPECT(counterPtr != nullptr);
  EXPECT_OK(cudaMemcpy(&c, counterPtr, sizeof(int), cudaMemcpyDeviceToHost));
  EXPECT(c == 356);
  writeThrough<<<1, 1>>>(counterPtr, -9);
  EXPECT_OK(cudaMemcpyFromSymbol(&c, counter, sizeof(int)));
  EXPECT(c == -9);
  size_t size = 0;
  EXPECT_OK(cudaGetSymbolSize(&size, table));
  EXPECT(size == 16 * sizeof(float));
  float* tablePtr = nullptr;
  EXPECT_OK(cudaGetSymbolAddress((void**)&tablePtr, table));
  EXPECT_OK(cudaMemset(tablePtr, 0, sizeof(float)));
  float t0 = 1.0f;
  EXPECT_OK(cudaMemcpyFromSymbol(&t0, table, sizeof(float)));
  EXPECT(t0 == 0.0f);

  // 5. Copies past the end of a symbol are rejected.
  EXPECT(cudaMemcpyToSymbol(coeffs, newTail, sizeof(newTail), 7 * sizeof(float)) == cudaErrorInvalidValue);
  cudaGetLastError();

  EXPECT_OK(cudaFree(dF));
  EXPECT_OK(cudaFree(dI));
  EXPECT_OK(cudaFree(dD));
  EXPECT_OK(cudaFree(dU));
  printf("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
