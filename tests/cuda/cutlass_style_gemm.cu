// A CUTLASS-style tiled tensor-core GEMM, D = alpha * A * B + beta * C (A: MxK row-major f16, B: KxN
// row-major f16, C/D: MxN row-major f32), organized as CUTLASS organizes one: a 64x64x32 threadblock tile
// staged in shared memory with 128-bit loads (A padded by 8 halves per row, B with its 16-byte chunks XOR-
// swizzled by row, the two usual ways to keep ldmatrix free of bank conflicts), four warps each owning a
// 32x32 warp tile of 2x4 mma.sync.m16n8k16 accumulators, A fragments by ldmatrix.x4 and B fragments by
// ldmatrix.x4.trans, and an alpha/beta epilogue. Rows, columns and k past the matrix edges are masked
// (zero-filled on load, skipped on store), so M, N and K need only be multiples of 8. The mainloop comes
// twice: staged by ordinary loads (one stage), and as CUTLASS's sm80 multistage pipeline (2 to 4 stages of
// cp.async.cg with zero-fill, commit_group / wait_group, one __syncthreads per k tile).
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

// One threadblock tile in shared memory: A padded, B swizzled (see b_offset).
struct Stage {
  __half a[BM][BK + APAD];
  unsigned char b[BK * BN * 2];
};

// Global -> shared copy of the tile at k0, 16 bytes per thread per step. Chunks past an edge become zeros:
// with ordinary loads by storing zeros, with cp.async (CUTLASS's sm80 path) by a src-size of 0 from a
// clamped, always valid address. cp.async lands only when the thread waits for its group.
template <bool Async>
__device__ void load_tile(Stage& st, int M, int N, int K, int m0, int n0, int k0, const __half* A,
                          const __half* B) {
  const int tid = threadIdx.x;
  for (int c = tid; c < BM * BK / 8 + BK * BN / 8; c += THREADS) {
    const bool is_a = c < BM * BK / 8;
    const int ca = is_a ? c : c - BM * BK / 8;
    const int r = is_a ? ca / (BK / 8) : ca / (BN / 8), col = is_a ? (ca % (BK / 8)) * 8 : (ca % (BN / 8)) * 8;
    const bool valid = is_a ? m0 + r < M && k0 + col < K : k0 + r < K && n0 + col < N;
    const __half* src = !valid ? (is_a ? A : B)
                       : is_a ? A + (size_t)(m0 + r) * K + k0 + col
                              : B + (size_t)(k0 + r) * N + n0 + col;
    void* dst = is_a ? (void*)&st.a[r][col] : (void*)(st.b + b_offset(r, col));
    if (Async) {
      asm volatile("cp.async.cg.shared.global.L2::128B [%0], [%1], 16, %2;" ::"r"(smem_addr(dst)), "l"(src),
                   "r"(valid ? 16 : 0)
                   : "memory");
    } else {
      *reinterpret_cast<uint4*>(dst) = valid ? *reinterpret_cast<const uint4*>(src) : make_uint4(0, 0, 0, 0);
    }
  }
}

// The warp's 32x32 share of one k tile: ldmatrix fragments, then 2x4 mma.sync.m16n8k16.
__device__ void mma_tile(const Stage& st, int wm, int wn, float (&acc)[2][4][4]) {
  const int lane = threadIdx.x % 32;
  for (int kk = 0; kk < BK; kk += 16) {
    unsigned a[2][4], b[2][4];
    for (int mi = 0; mi < 2; ++mi) {
      // Matrices (rows 0-7, k 0-7), (rows 8-15, k 0-7), (rows 0-7, k 8-15), (rows 8-15, k 8-15).
      const int row = wm + mi * 16 + lane % 16, col = kk + 8 * (lane / 16);
      asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];"
                   : "=r"(a[mi][0]), "=r"(a[mi][1]), "=r"(a[mi][2]), "=r"(a[mi][3])
                   : "r"(smem_addr(&st.a[row][col])));
    }
    for (int nj = 0; nj < 2; ++nj) {
      // k rows 0-15 of columns 0-7, then of columns 8-15 (of this 16-column pair), transposed.
      const int krow = kk + lane % 16, col = wn + nj * 16 + 8 * (lane / 16);
      asm volatile("ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0, %1, %2, %3}, [%4];"
                   : "=r"(b[nj][0]), "=r"(b[nj][1]), "=r"(b[nj][2]), "=r"(b[nj][3])
                   : "r"(smem_addr(st.b + b_offset(krow, col))));
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
}

// Stages == 1: ordinary loads, load / sync / compute / sync. Stages >= 2: CUTLASS's sm80 multistage
// mainloop: Stages - 1 tiles in flight as cp.async groups; each iteration waits until only Stages - 2
// groups remain (tile kt has landed), syncs, refills the stage every warp finished with in the previous
// iteration, and computes on tile kt.
template <int Stages>
__global__ void __launch_bounds__(THREADS)
    gemm_f16_f32(int M, int N, int K, float alpha, const __half* A, const __half* B, float beta,
                 const float* C, float* D) {
  __shared__ __align__(16) Stage stages[Stages];
  const int tid = threadIdx.x, lane = tid % 32, warp = tid / 32;
  const int m0 = blockIdx.y * BM, n0 = blockIdx.x * BN;
  const int wm = (warp / 2) * WM, wn = (warp % 2) * WN;
  const int g = lane / 4, t = lane % 4;

  float acc[2][4][4];
  for (int mi = 0; mi < 2; ++mi)
    for (int ni = 0; ni < 4; ++ni)
      for (int i = 0; i < 4; ++i) acc[mi][ni][i] = 0.0f;

  const int ktiles = (K + BK - 1) / BK;
  if (Stages == 1) {
    for (int kt = 0; kt < ktiles; ++kt) {
      load_tile<false>(stages[0], M, N, K, m0, n0, kt * BK, A, B);
      __syncthreads();
      mma_tile(stages[0], wm, wn, acc);
      __syncthreads();
    }
  } else {
    for (int s = 0; s < Stages - 1; ++s) {
      if (s < ktiles) load_tile<true>(stages[s], M, N, K, m0, n0, s * BK, A, B);
      asm volatile("cp.async.commit_group;" ::: "memory");
    }
    for (int kt = 0; kt < ktiles; ++kt) {
      asm volatile("cp.async.wait_group %0;" ::"n"(Stages > 1 ? Stages - 2 : 0) : "memory");
      __syncthreads();
      const int next = kt + Stages - 1;
      if (next < ktiles) load_tile<true>(stages[next % Stages], M, N, K, m0, n0, next * BK, A, B);
      asm volatile("cp.async.commit_group;" ::: "memory");
      mma_tile(stages[kt % Stages], wm, wn, acc);
    }
    asm volatile("cp.async.wait_all;" ::: "memory");
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


template <int Stages>
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
  gemm_f16_f32<Stages><<<grid, THREADS>>>(M, N, K, alpha, dA, dB, beta, dC, dD);
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
  printf("gemm %d-stage %3dx%3dx%3d alpha %4.1f beta %4.1f: %s\n", Stages, M, N, K, alpha, beta,
         bad_bound || bad_exact ? "FAILED" : "ok");
  cudaFree(dA);
  cudaFree(dB);
  cudaFree(dC);
  cudaFree(dD);
}

}  // namespace

int main() {
  run_case<1>(128, 128, 96, 1.0f, 0.0f);  // whole tiles; bit-exact against the accumulation model
  run_case<1>(64, 128, 64, 1.5f, -0.5f);  // the epilogue's alpha and beta
  run_case<1>(72, 88, 48, 1.0f, 0.0f);    // edges in M, N and K: masked loads and stores
  run_case<1>(8, 200, 40, -2.0f, 1.0f);   // one partial row tile; N spanning four column tiles
  // The cp.async multistage mainloop: fewer, as many and more k tiles than stages, zero-filled edges.
  run_case<2>(128, 128, 96, 1.0f, 0.0f);
  run_case<3>(72, 88, 200, 1.0f, 0.0f);
  run_case<3>(64, 64, 32, 1.5f, -0.5f);
  run_case<4>(136, 72, 104, -2.0f, 1.0f);
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
