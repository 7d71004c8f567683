// A CUTLASS-style tiled GEMM on the PTX warp-level matrix instructions: each CTA stages 32x32 tiles of A
// (row-major) and B (row-major) in shared memory, each warp loads its A fragments with ldmatrix.x4 and
// its B fragments with ldmatrix.x4.trans, and accumulates with mma.sync.m16n8k16 (f16 x f16 -> f32).
// Checked bit for bit against the documented arithmetic (docs/cuda.md), and an m8n8k16 s8 and an
// m16n8k8 tf32 mma against CPU references.
#include <cuda_fp16.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "check.h"

constexpr int M = 64, N = 64, K = 64, TILE = 32, PAD = 8;

__device__ unsigned shared_address(const void* p) {
  unsigned long long a;
  asm("cvta.to.shared.u64 %0, %1;" : "=l"(a) : "l"(p));
  return (unsigned)a;
}

__global__ void mma_gemm(const __half* A, const __half* B, const float* C, float* D) {
  __shared__ __align__(16) __half As[TILE][TILE + PAD];  // [m][k]
  __shared__ __align__(16) __half Bs[TILE][TILE + PAD];  // [k][n]
  const int tid = threadIdx.x, lane = tid % 32, warp = tid / 32;
  const int m0 = blockIdx.y * TILE, n0 = blockIdx.x * TILE;
  const int wm = (warp / 2) * 16, wn = (warp % 2) * 16;  // the warp's 16x16 piece of the tile
  const int g = lane / 4, t = lane % 4;
  float acc[2][4];
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 4; ++i) acc[j][i] = C[(m0 + wm + g + 8 * (i / 2)) * N + n0 + wn + 8 * j + 2 * t + i % 2];
  for (int k0 = 0; k0 < K; k0 += TILE) {
    for (int i = tid; i < TILE * TILE; i += blockDim.x) {
      As[i / TILE][i % TILE] = A[(m0 + i / TILE) * K + k0 + i % TILE];
      Bs[i / TILE][i % TILE] = B[(k0 + i / TILE) * N + n0 + i % TILE];
    }
    __syncthreads();
    for (int kk = 0; kk < TILE; kk += 16) {
      unsigned a[4], b[4];
      // A: matrices (rows 0-7, k 0-7), (rows 8-15, k 0-7), (rows 0-7, k 8-15), (rows 8-15, k 8-15).
      unsigned pa = shared_address(&As[wm + lane % 8 + 8 * ((lane / 8) % 2)][kk + 8 * (lane / 16)]);
      asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];"
                   : "=r"(a[0]), "=r"(a[1]), "=r"(a[2]), "=r"(a[3])
                   : "r"(pa));
      // B: k rows 0-15 of columns 0-7, then of columns 8-15, transposed into the col-major fragment.
      unsigned pb = shared_address(&Bs[kk + lane % 16][wn + 8 * (lane / 16)]);
      asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];"
                   : "=r"(b[0]), "=r"(b[1]), "=r"(b[2]), "=r"(b[3])
                   : "r"(pb));
      for (int j = 0; j < 2; ++j)
        asm volatile(
            "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
            "{%0, %1, %2, %3};"
            : "+f"(acc[j][0]), "+f"(acc[j][1]), "+f"(acc[j][2]), "+f"(acc[j][3])
            : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[2 * j]), "r"(b[2 * j + 1]));
    }
    __syncthreads();
  }
  for (int j = 0; j < 2; ++j)
    for (int i = 0; i < 4; ++i) D[(m0 + wm + g + 8 * (i / 2)) * N + n0 + wn + 8 * j + 2 * t + i % 2] = acc[j][i];
}

// One m8n8k16 s8 x s8 -> s32 mma; A row-major 8x16, B given as [n][k], C/D 8x8 row-major.
__global__ void imma_m8n8k16(const signed char* A, const signed char* Bt, const int* C, int* D) {
  const int lane = threadIdx.x, g = lane / 4, t = lane % 4;
  unsigned a, b;
  a = *(const unsigned*)(A + g * 16 + 4 * t);  // 4-byte aligned: row starts are multiples of 16
  b = *(const unsigned*)(Bt + g * 16 + 4 * t);
  int c0 = C[g * 8 + 2 * t], c1 = C[g * 8 + 2 * t + 1], d0, d1;
  asm volatile("mma.sync.aligned.m8n8k16.row.col.s32.s8.s8.s32 {%0, %1}, {%2}, {%3}, {%4, %5};"
               : "=r"(d0), "=r"(d1)
               : "r"(a), "r"(b), "r"(c0), "r"(c1));
  D[g * 8 + 2 * t] = d0;
  D[g * 8 + 2 * t + 1] = d1;
}

// One m16n8k8 tf32 mma; A 16x8 row-major, B 8x8 row-major, C/D 16x8 row-major.
__global__ void mma_tf32(const float* A, const float* B, const float* C, float* D) {
  const int lane = threadIdx.x, g = lane / 4, t = lane % 4;
  unsigned a[4], b[2];
  for (int i = 0; i < 4; ++i)
    asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(a[i]) : "f"(A[(g + 8 * (i % 2)) * 8 + t + 4 * (i / 2)]));
  for (int i = 0; i < 2; ++i) asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(b[i]) : "f"(B[(t + 4 * i) * 8 + g]));
  float c[4], d[4];
  for (int i = 0; i < 4; ++i) c[i] = C[(g + 8 * (i / 2)) * 8 + 2 * t + i % 2];
  asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
               "{%10, %11, %12, %13};"
               : "=f"(d[0]), "=f"(d[1]), "=f"(d[2]), "=f"(d[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]), "f"(c[0]), "f"(c[1]),
                 "f"(c[2]), "f"(c[3]));
  for (int i = 0; i < 4; ++i) D[(g + 8 * (i / 2)) * 8 + 2 * t + i % 2] = d[i];
}

namespace {

uint32_t rng = 777;
uint32_t next() { return rng = rng * 1664525u + 1013904223u; }
float rnd(float scale) { return ((int)(next() >> 8) % 20001 - 10000) / 10000.0f * scale; }
float tf32_rna(float x) {
  uint32_t u;
  memcpy(&u, &x, 4);
  u = (u + 0x1000u) & 0xffffe000u;
  memcpy(&x, &u, 4);
  return x;
}


}  // namespace

int main() {
  std::vector<__half> A(M * K), B(K * N);
  for (auto& x : A) x = __float2half(rnd(2.0f));
  for (auto& x : B) x = __float2half(rnd(2.0f));
  std::vector<float> C(M * N);
  for (auto& x : C) x = rnd(4.0f);
  __half *dA = to_device(A), *dB = to_device(B);
  float *dC = to_device(C), *dD = to_device(std::vector<float>(M * N));
  mma_gemm<<<dim3(N / TILE, M / TILE), 128>>>(dA, dB, dC, dD);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> D = from_device(dD, M * N);
  int bad = 0;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      float acc = C[m * N + n];
      for (int k = 0; k < K; ++k) acc = std::fma(__half2float(A[m * K + k]), __half2float(B[k * N + n]), acc);
      if (memcmp(&acc, &D[m * N + n], 4) != 0 && bad++ < 5) {
        fprintf(stderr, "gemm D[%d][%d] = %a, want %a\n", m, n, D[m * N + n], acc);
        ++failures;
      }
    }
  printf("ldmatrix + mma.sync m16n8k16 GEMM: %s\n", bad ? "FAILED" : "ok");

  std::vector<signed char> Ai(8 * 16), Bi(8 * 16);
  for (auto& x : Ai) x = (signed char)(next() >> 24);
  for (auto& x : Bi) x = (signed char)(next() >> 24);
  std::vector<int> Ci(64);
  for (auto& x : Ci) x = (int)next();
  signed char *dAi = to_device(Ai), *dBi = to_device(Bi);
  int *dCi = to_device(Ci), *dDi = to_device(std::vector<int>(64));
  imma_m8n8k16<<<1, 32>>>(dAi, dBi, dCi, dDi);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<int> Di = from_device(dDi, 64);
  for (int m = 0; m < 8; ++m)
    for (int n = 0; n < 8; ++n) {
      uint32_t acc = (uint32_t)Ci[m * 8 + n];  // wraps like the s32 accumulator
      for (int k = 0; k < 16; ++k) acc += (uint32_t)(Ai[m * 16 + k] * Bi[n * 16 + k]);
      EXPECT(Di[m * 8 + n] == (int)acc);
    }
  printf("mma.sync m8n8k16 s8: done\n");

  std::vector<float> At(16 * 8), Bt(8 * 8), Ct(16 * 8);
  for (auto& x : At) x = rnd(3.0f);
  for (auto& x : Bt) x = rnd(3.0f);
  for (auto& x : Ct) x = rnd(3.0f);
  float *dAt = to_device(At), *dBt = to_device(Bt), *dCt = to_device(Ct), *dDt = to_device(std::vector<float>(128));
  mma_tf32<<<1, 32>>>(dAt, dBt, dCt, dDt);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> Dt = from_device(dDt, 128);
  for (int m = 0; m < 16; ++m)
    for (int n = 0; n < 8; ++n) {
      float acc = Ct[m * 8 + n];
      for (int k = 0; k < 8; ++k) acc = std::fma(tf32_rna(At[m * 8 + k]), tf32_rna(Bt[k * 8 + n]), acc);
      EXPECT(memcmp(&acc, &Dt[m * 8 + n], 4) == 0);
    }
  printf("mma.sync m16n8k8 tf32: done\n");
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
