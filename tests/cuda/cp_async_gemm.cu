// A cp.async double-buffered (2-stage) tiled SGEMM: while a CTA multiplies the shared-memory tiles of
// step t, the cp.asyncs for step t+1 are in flight (commit_group per stage, wait_group 1). The sizes are
// odd, so edge tiles are zero-filled by the copies' src-size (0 outside the matrices). Checked exactly
// against a CPU reference (the inputs are small multiples of 1/4, so every sum is exact). A second
// kernel forgets the wait: Canopy completes a cp.async only when the thread waits, so it reads the
// shared memory's old contents (zero) every time.
#include <cstdio>
#include <vector>

#include "check.h"

constexpr int T = 16;

__device__ unsigned shared_address(const void* p) {
  unsigned long long a;
  asm("cvta.to.shared.u64 %0, %1;" : "=l"(a) : "l"(p));
  return (unsigned)a;
}

// 4 bytes from global `src` to shared `dst`, of which `src_size` (0 or 4) come from the source.
__device__ void cp_async4(float* dst, const float* src, unsigned src_size) {
  asm volatile("cp.async.ca.shared.global [%0], [%1], 4, %2;" ::"r"(shared_address(dst)), "l"(src), "r"(src_size)
               : "memory");
}
__device__ void commit_group() { asm volatile("cp.async.commit_group;" ::: "memory"); }
__device__ void wait_group_1() { asm volatile("cp.async.wait_group 1;" ::: "memory"); }
__device__ void wait_group_0() { asm volatile("cp.async.wait_group 0;" ::: "memory"); }

__global__ void sgemm_2stage(const float* A, const float* B, float* C, int M, int N, int K) {
  __shared__ __align__(16) float As[2][T][T];
  __shared__ __align__(16) float Bs[2][T][T];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int row = blockIdx.y * T + ty, col = blockIdx.x * T + tx;
  const int steps = (K + T - 1) / T;
  auto load = [&](int stage, int step) {
    const int ka = step * T + tx, kb = step * T + ty;
    const bool va = row < M && ka < K, vb = kb < K && col < N;
    cp_async4(&As[stage][ty][tx], va ? &A[row * K + ka] : A, va ? 4u : 0u);
    cp_async4(&Bs[stage][ty][tx], vb ? &B[kb * N + col] : B, vb ? 4u : 0u);
    commit_group();
  };
  load(0, 0);
  float acc = 0.0f;
  for (int t = 0; t < steps; ++t) {
    if (t + 1 < steps) {
      load((t + 1) & 1, t + 1);
      wait_group_1();  // step t's group is complete; step t+1's stays in flight
    } else {
      wait_group_0();
    }
    __syncthreads();
    for (int k = 0; k < T; ++k) acc += As[t & 1][ty][k] * Bs[t & 1][k][tx];
    __syncthreads();
  }
  if (row < M && col < N) C[row * N + col] = acc;
}

// Copies without waiting, then reads: the copy has not landed.
__global__ void forgot_to_wait(const float* src, float* out) {
  __shared__ __align__(16) float s[T];
  s[threadIdx.x] = -1.0f;
  __syncthreads();
  cp_async4(&s[threadIdx.x], &src[threadIdx.x], 4);
  commit_group();
  __syncthreads();
  out[threadIdx.x] = s[(threadIdx.x + 1) % T];
  wait_group_0();
  __syncthreads();
  out[T + threadIdx.x] = s[(threadIdx.x + 1) % T];
}

int main() {
  const int M = 37, N = 45, K = 51;
  std::vector<float> a(M * K), b(K * N), c(M * N, -7.0f), ref(M * N);
  for (int i = 0; i < M * K; ++i) a[i] = static_cast<float>((i * 7) % 13 - 6) * 0.25f;
  for (int i = 0; i < K * N; ++i) b[i] = static_cast<float>((i * 5) % 11 - 5) * 0.5f;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      double s = 0;
      for (int k = 0; k < K; ++k) s += static_cast<double>(a[m * K + k]) * b[k * N + n];
      ref[m * N + n] = static_cast<float>(s);
    }
  float *da, *db, *dc;
  EXPECT_OK(cudaMalloc(&da, a.size() * sizeof(float)));
  EXPECT_OK(cudaMalloc(&db, b.size() * sizeof(float)));
  EXPECT_OK(cudaMalloc(&dc, c.size() * sizeof(float)));
  EXPECT_OK(cudaMemcpy(da, a.data(), a.size() * sizeof(float), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(db, b.data(), b.size() * sizeof(float), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(dc, c.data(), c.size() * sizeof(float), cudaMemcpyHostToDevice));
  sgemm_2stage<<<dim3((N + T - 1) / T, (M + T - 1) / T), dim3(T, T)>>>(da, db, dc, M, N, K);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaMemcpy(c.data(), dc, c.size() * sizeof(float), cudaMemcpyDeviceToHost));
  int wrong = 0;
  for (int i = 0; i < M * N; ++i)
    if (c[i] != ref[i] && wrong++ < 5) fprintf(stderr, "C[%d] = %g, expected %g\n", i, c[i], ref[i]);
  EXPECT(wrong == 0);

  float* dout;
  EXPECT_OK(cudaMalloc(&dout, 2 * T * sizeof(float)));
  forgot_to_wait<<<1, T>>>(da, dout);
  std::vector<float> out(2 * T);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(float), cudaMemcpyDeviceToHost));
  for (int t = 0; t < T; ++t) {
    EXPECT(out[t] == -1.0f);               // stale: the neighbour's copy has not landed
    EXPECT(out[T + t] == a[(t + 1) % T]);  // after everyone waited
  }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dout);
  if (failures == 0) printf("cp_async_gemm: ok\n");
  return failures != 0;
}
