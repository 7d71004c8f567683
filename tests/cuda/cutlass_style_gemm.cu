// A CUTLASS-style tiled tensor-core GEMM, D = alpha * A * B + beta * C (A: MxK row-major f16, B: KxN
// row-major f16, C/D: MxN row-major f32), organized as CUTLASS organizes one: a 64x64x32 threadblock tile
// staged in shared memory with 128-bit loads (A padded by 8 halves per row, B with its 16-byte chunks XOR-
// swizzled by row, the two usual ways to keep ldmatrix free of bank conflicts), four warps each owning a
// 32x32 warp tile of 2x4 mma.sync.m16n8k16 accumulators, A fragments by ldmatrix.x4 and B fragments by
// ldmatrix.x4.trans, and an alpha/beta epilogue. Rows, columns and k past the matrix edges are masked
// (zero-filled on load, skipped on store), so M, N and K need only be multiples of 8.
//
// Checks: with alpha = 1 and beta = 0 the result is exactly the documented accumulation model (an f32 FMA
// chain over k in order, docs/cuda.md) and is compared bit for bit; every case is also compared with a
// double-precision reference within the f32 error bound K * 2^-23 * sum |a b| (plus the epilogue's
// rounding).
#include <cuda_fp16.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "check.h"

constexpr int BM = 64, BN = 64, BK = 32, WM = 32, WN = 32, THREADS = 128, APAD = 8;

__device__ unsigned smem_addr(const void* p) { return (unsigned)__cvta_generic_to_shared(p); }

// Byte offset of element (k, n) of the B tile: row k's 16-byte chunk c is stored at chunk c ^ (k % 8).
__device__ unsigned b_offset(int k, int n) { return k * BN * 2 + (((n / 8) ^ (k % 8)) * 16) + (n % 8) * 2; }

__global__ void __launch_bounds__(THREADS)
    gemm_f16_f32(int M, int N, int K, float alpha, const __half* A, const __half* B, float beta,
                 const float* C, float* D) {
  __shared__ __align__(16) __half As[BM][BK + APAD];
  __shared__ __align__(16) unsigned char Bs[BK * BN * 2];
  const int tid = threadIdx.x, lane = tid % 32, warp = tid / 32;
  const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
  const int wm = (warp / 2) * WM, wn = (warp % 2) * WN;
  const int g = lane / 4, t = lane % 4;

  float acc[2][4][4];
  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int i = 0; i < 4; ++i) acc[mi][ni][i] = 0.0f;

  for (int k0 = 0; k0 < K; k0 += BK) {
    // Global -> shared, 8 halves (16 bytes) per thread per step; chunks past an edge become zeros.
    for (int c = tid; c < BM * BK / 8; c += THREADS) {
      const int r = c / (BK / 8), kc = (c % (BK / 8)) * 8;
      uint4 v = make_uint4(0, 0, 0, 0);
      if (m0 + r < M && k0 + kc < K) v = *reinterpret_cast<const uint4*>(A + (size_t)(m0 + r) * K + k0 + kc);
      *reinterpret_cast<uint4*>(&As[r][kc]) = v;
    }
    for (int c = tid; c < BK * BN / 8; c += THREADS) {
      const int r = c / (BN / 8), nc = (c % (BN / 8)) * 8;
      uint4 v = make_uint4(0, 0, 0, 0);
      if (k0 + r < K && n0 + nc < N) v = *reinterpret_cast<const uint4*>(B + (size_t)(k0 + r) * N + n0 + nc);
      *reinterpret_cast<uint4*>(Bs + b_offset(r, nc)) = v;
    }
    __syncthreads();

    for (int kk = 0; kk < BK; kk += 16) {
      unsigned a[2][4], b[2][4];
      for (int mi = 0; mi < 2; ++mi) {
        // Matrices (rows 0-7, k 0-7), (rows 8-15, k 0-7), (rows 0-7, k 8-15), (rows 8-15, k 8-15).
        const int row = wm + mi * 16 + lane % 16, col = kk + 8 * (lane / 16);
        asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];"
                     : "=r"(a[mi][0]), "=r"(a[mi][1]), "=r"(a[mi][2]), "=r"(a[mi][3])
                     : "r"(smem_addr(&As[row][col])));
      }
      for (int nj = 0; nj < 2; ++nj) {
        // k rows 0-15 of columns 0-7, then of columns 8-15 (of this 16-column pair), transposed.
        const int krow = kk + lane % 16, col = wn + nj * 16 + 8 * (lane / 16);
        asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];"
                     : "=r"(b[nj][0]), "=r"(b[nj][1]), "=r"(b[nj][2]), "=r"(b[nj][3])
                     : "r"(smem_addr(Bs + b_offset(krow, col))));
      }
      for (int mi = 0; mi < 2; ++mi)
        for (int ni = 0; ni < 4; ++ni) {
          float* d = acc[mi][ni];
          asm volatile(
              "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, "
              "%9}, "
              "{%0, %1, %2, %3};"
              : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
              : "r"(a[mi][0]), "r"(a[mi][1]), "r"(a[mi][2]), "r"(a[mi][3]), "r"(b[ni / 2][2 * (ni % 2)]),
                "r"(b[ni / 2][2 * (ni % 2) + 1]));
        }
    }
    __syncthreads();
  }

  // Epilogue: each accumulator element (row g or g + 8, columns 2t, 2t + 1 of its 16x8 tile).
  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int i = 0; i < 4; ++i) {
        const int m = m0 + wm + mi * 16 + g + 8 * (i / 2), n = n0 + wn + ni * 8 + 2 * t + i % 2;
        if (m < M && n < N) D[(size_t)m * N + n] = alpha * acc[mi][ni][i] + beta * C[(size_t)m * N + n];
      }
}

namespace {

uint32_t rng = 2024;
uint32_t next() { return rng = rng * 1664525u + 1013904223u; }
float rnd(float scale) { return ((int)(next() >> 8) % 20001 - 10000) / 10000.0f * scale; }

template <typename T>
T* to_device(const std::vector<T>& h) {
  T* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, h.size() * sizeof(T)));
  EXPECT_OK(cudaMemcpy(d, h.data(), h.size() * sizeof(T), cudaMemcpyHostToDevice));
  return d;
}

void run_case(int M, int N, int K, float alpha, float beta) {
  std::vector<__half> A((size_t)M * K), B((size_t)K * N);
  for (auto& x : A) x = __float2half(rnd(2.0f));
  for (auto& x : B) x = __float2half(rnd(2.0f));
  A[0] = __float2half(65504.0f);  // the largest f16: products far from the others' scale
  B[1] = __float2half(6.0e-8f);   // an f16 subnormal
  std::vector<float> C((size_t)M * N), D((size_t)M * N, NAN);
  for (auto& x : C) x = rnd(4.0f);
  __half *dA = to_device(A), *dB = to_device(B);
  float *dC = to_device(C), *dD = to_device(D);
  dim3 grid((N + BN - 1) / BN, (M + BM - 1) / BM);
  gemm_f16_f32<<<grid, THREADS>>>(M, N, K, alpha, dA, dB, beta, dC, dD);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  EXPECT_OK(cudaMemcpy(D.data(), dD, D.size() * sizeof(float), cudaMemcpyDeviceToHost));

  int bad_exact = 0, bad_bound = 0;
  const bool exact_case = alpha == 1.0f && beta == 0.0f;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      float chain = 0.0f;
      double exact = 0.0, magnitude = 0.0;
      for (int k = 0; k < K; ++k) {
        const float a = __half2float(A[(size_t)m * K + k]), b = __half2float(B[(size_t)k * N + n]);
        chain = std::fma(a, b, chain);
        exact += (double)a * b;
        magnitude += std::fabs((double)a * b);
      }
      const float got = D[(size_t)m * N + n];
      const double c = C[(size_t)m * N + n];
      const double want = alpha * exact + beta * c;
      const double bound = std::fabs(alpha) * (K * 0x1p-23 * magnitude) +
                           0x1p-22 * (std::fabs(want) + std::fabs(beta * c)) + 1e-30;
      if (!(std::fabs(got - want) <= bound) && bad_bound++ < 4)
        fprintf(stderr, "%dx%dx%d D[%d][%d] = %.9g, want %.9g (bound %.3g)\n", M, N, K, m, n, got, want,
                bound);
      if (exact_case && memcmp(&got, &chain, 4) != 0 && bad_exact++ < 4)
        fprintf(stderr, "%dx%dx%d D[%d][%d] = %a, FMA chain %a\n", M, N, K, m, n, got, chain);
    }
  if (bad_bound || bad_exact) ++failures;
  printf("gemm %3dx%3dx%3d alpha %4.1f beta %4.1f: %s\n", M, N, K, alpha, beta,
         bad_bound || bad_exact ? "FAILED" : "ok");
  cudaFree(dA);
  cudaFree(dB);
  cudaFree(dC);
  cudaFree(dD);
}

}  // namespace

int main() {
  run_case(128, 128, 96, 1.0f, 0.0f);  // whole tiles; bit-exact against the accumulation model
  run_case(64, 128, 64, 1.5f, -0.5f);  // the epilogue's alpha and beta
  run_case(72, 88, 48, 1.0f, 0.0f);    // edges in M, N and K: masked loads and stores
  run_case(8, 200, 40, -2.0f, 1.0f);   // one partial row tile; N spanning four column tiles
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
