// Tensor-core kernels for the benchmarks (PTX -> native -> engine): one warp per 16x8 tile of
// C = A * B with mma.sync.m16n8k16 (f16 inputs, f32 accumulation), fragments loaded straight from global
// memory in the PTX ISA's layouts. A is n x n row-major; B is given transposed (Bt[col][k]) so that each
// 32-bit load holds two consecutive k, as the B fragment wants them.
#include "prelude.h"

extern "C" __global__ void hgemm_mma(int n, const unsigned* A, const unsigned* Bt, float* C) {
  const int lane = threadIdx.x % 32, g = lane / 4, t = lane % 4;
  const int m0 = blockIdx.y * 16, n0 = blockIdx.x * 8, pairs = n / 2;
  float c0 = 0.0f, c1 = 0.0f, c2 = 0.0f, c3 = 0.0f;
  for (int k = 0; k < n; k += 16) {
    const int kp = k / 2 + t;  // the pair (2t, 2t + 1) of this k block
    const unsigned a0 = A[(m0 + g) * pairs + kp], a1 = A[(m0 + g + 8) * pairs + kp];
    const unsigned a2 = A[(m0 + g) * pairs + kp + 4], a3 = A[(m0 + g + 8) * pairs + kp + 4];
    const unsigned b0 = Bt[(n0 + g) * pairs + kp], b1 = Bt[(n0 + g) * pairs + kp + 4];
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, "
        "{%0, %1, %2, %3};"
        : "+f"(c0), "+f"(c1), "+f"(c2), "+f"(c3)
        : "r"(a0), "r"(a1), "r"(a2), "r"(a3), "r"(b0), "r"(b1));
  }
  C[(m0 + g) * n + n0 + 2 * t] = c0;
  C[(m0 + g) * n + n0 + 2 * t + 1] = c1;
  C[(m0 + g + 8) * n + n0 + 2 * t] = c2;
  C[(m0 + g + 8) * n + n0 + 2 * t + 1] = c3;
}
