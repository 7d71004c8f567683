// WMMA GEMMs on the m32n8k16 and m8n32k16 shapes (nvcuda::wmma, mma.h) for half (f32 and f16
// accumulators), bf16, s8 and u8, with row- and column-major A, B and D: each warp computes one TMxTN tile
// of D = A*B + C, checked bit for bit against a CPU reference of the documented arithmetic (docs/cuda.md):
// products exact, sums in f32 rounded to nearest in k order, an f16 accumulator rounded to f16 after each
// mma_sync, int8 exact (wrapping, or clamped with satf). Also: fragment sizes and an elementwise pass
// over x[] that must touch every element once.
#include <mma.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "check.h"

using namespace nvcuda;

constexpr int M = 64, N = 64, KD = 48;

template <int TM, int TN, typename T, typename Acc, typename LA, typename LB>
__global__ void wmma_gemm(const T* A, const T* B, const Acc* C, Acc* D, bool store_col, bool satf) {
  const int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  const int tiles_n = N / TN;
  const int tm = warp / tiles_n, tn = warp % tiles_n;
  if (tm >= M / TM) return;
  const bool a_row = __is_same(LA, wmma::row_major), b_row = __is_same(LB, wmma::row_major);
  wmma::fragment<wmma::matrix_a, TM, TN, 16, T, LA> a;
  wmma::fragment<wmma::matrix_b, TM, TN, 16, T, LB> b;
  wmma::fragment<wmma::accumulator, TM, TN, 16, Acc> acc;
  wmma::load_matrix_sync(acc, C + tm * TM * N + tn * TN, N, wmma::mem_row_major);
  for (int k = 0; k < KD; k += 16) {
    wmma::load_matrix_sync(a, a_row ? A + tm * TM * KD + k : A + k * M + tm * TM, a_row ? KD : M);
    wmma::load_matrix_sync(b, b_row ? B + k * N + tn * TN : B + tn * TN * KD + k, b_row ? N : KD);
    if constexpr (__is_same(Acc, int))
      wmma::mma_sync(acc, a, b, acc, satf);
    else
      wmma::mma_sync(acc, a, b, acc);
  }
  if (store_col)
    wmma::store_matrix_sync(D + tn * TN * M + tm * TM, acc, M, wmma::mem_col_major);
  else
    wmma::store_matrix_sync(D + tm * TM * N + tn * TN, acc, N, wmma::mem_row_major);
}

// Elementwise access over x[]: D = 2*C + 1 for a TMxTN accumulator loaded column-major with a stride.
template <int TM, int TN>
__global__ void scale_fragment(const float* C, float* D, int ld) {
  wmma::fragment<wmma::accumulator, TM, TN, 16, float> f;
  wmma::load_matrix_sync(f, C, ld, wmma::mem_col_major);
  for (int i = 0; i < f.num_elements; ++i) f.x[i] = f.x[i] * 2.0f + 1.0f;
  wmma::store_matrix_sync(D, f, ld, wmma::mem_col_major);
}

namespace {

uint32_t rng = 777;
uint32_t next() { return rng = rng * 1664525u + 1013904223u; }
float rnd(float scale) { return ((int)(next() >> 8) % 20001 - 10000) / 10000.0f * scale; }


// Element (r, c) of a matrix stored row- or column-major.
int at(bool row, int r, int c, int rows, int cols) { return row ? r * cols + c : c * rows + r; }

template <int TM, int TN, typename T, typename Acc, typename LA, typename LB, typename ToF, typename Ref>
void run(const char* name, const std::vector<T>& A, const std::vector<T>& B, const std::vector<Acc>& C,
         bool store_col, bool satf, ToF to_float, Ref reference) {
  const bool a_row = __is_same(LA, wmma::row_major), b_row = __is_same(LB, wmma::row_major);
  T *dA = to_device(A), *dB = to_device(B);
  Acc *dC = to_device(C), *dD = to_device(std::vector<Acc>(M * N));
  wmma_gemm<TM, TN, T, Acc, LA, LB><<<(M / TM) * (N / TN) / 2, 64>>>(dA, dB, dC, dD, store_col, satf);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<Acc> D = from_device(dD, M * N);
  int bad = 0;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      float a[KD], b[KD];
      for (int k = 0; k < KD; ++k) {
        a[k] = to_float(A[at(a_row, m, k, M, KD)]);
        b[k] = to_float(B[at(b_row, k, n, KD, N)]);
      }
      Acc want = reference(a, b, C[m * N + n]);
      Acc got = D[store_col ? n * M + m : m * N + n];
      if (memcmp(&want, &got, sizeof(Acc)) != 0 && bad++ < 5)
        fprintf(stderr, "%s: D[%d][%d] differs\n", name, m, n);
    }
  if (bad) ++failures;
  printf("m%dn%dk16 %-28s %s\n", TM, TN, name, bad ? "FAILED" : "ok");
  cudaFree(dA), cudaFree(dB), cudaFree(dC), cudaFree(dD);
}

float fma_chain(const float* a, const float* b, float c, bool round_f16) {
  float acc = c;
  for (int k = 0; k < KD; ++k) {
    acc = std::fma(a[k], b[k], acc);
    if (round_f16 && (k + 1) % 16 == 0) acc = __half2float(__float2half(acc));
  }
  return acc;
}

template <int TM, int TN>
void run_shape() {
  auto h2f = [](__half h) { return __half2float(h); };
  auto b2f = [](__nv_bfloat16 h) { return __bfloat162float(h); };
  std::vector<__half> Ah(M * KD), Bh(KD * N);
  for (auto& x : Ah) x = __float2half(rnd(2.0f));
  for (auto& x : Bh) x = __float2half(rnd(2.0f));
  std::vector<float> Cf(M * N);
  for (auto& x : Cf) x = rnd(4.0f);
  auto fref = [](const float* a, const float* b, float c) { return fma_chain(a, b, c, false); };
  run<TM, TN, __half, float, wmma::row_major, wmma::col_major>("f16->f32 row/col", Ah, Bh, Cf, false, false,
                                                               h2f, fref);
  run<TM, TN, __half, float, wmma::col_major, wmma::row_major>("f16->f32 col/row, D col", Ah, Bh, Cf, true,
                                                               false, h2f, fref);
  std::vector<__half> Ch(M * N);
  for (auto& x : Ch) x = __float2half(rnd(4.0f));
  run<TM, TN, __half, __half, wmma::row_major, wmma::row_major>(
      "f16->f16 row/row", Ah, Bh, Ch, false, false, h2f, [](const float* a, const float* b, __half c) {
        return __float2half(fma_chain(a, b, __half2float(c), true));
      });
  run<TM, TN, __half, __half, wmma::col_major, wmma::col_major>(
      "f16->f16 col/col, D col", Ah, Bh, Ch, true, false, h2f, [](const float* a, const float* b, __half c) {
        return __float2half(fma_chain(a, b, __half2float(c), true));
      });

  std::vector<__nv_bfloat16> Ab(M * KD), Bb(KD * N);
  for (auto& x : Ab) x = __float2bfloat16(rnd(3.0f));
  for (auto& x : Bb) x = __float2bfloat16(rnd(3.0f));
  run<TM, TN, __nv_bfloat16, float, wmma::row_major, wmma::col_major>("bf16->f32 row/col", Ab, Bb, Cf, false,
                                                                      false, b2f, fref);
  run<TM, TN, __nv_bfloat16, float, wmma::col_major, wmma::row_major>("bf16->f32 col/row", Ab, Bb, Cf, false,
                                                                      false, b2f, fref);

  std::vector<signed char> As(M * KD), Bs(KD * N);
  for (auto& x : As) x = (signed char)(next() >> 24);
  for (auto& x : Bs) x = (signed char)(next() >> 24);
  As[0] = -128, Bs[0] = -128;
  std::vector<int> Ci(M * N);
  for (auto& x : Ci) x = (int)(next() >> 16) - 32768;
  auto iref = [](const float* a, const float* b, int c) {
    int64_t acc = c;
    for (int k = 0; k < KD; ++k) acc += (int64_t)a[k] * (int64_t)b[k];
    return (int)(uint32_t)acc;
  };
  auto s2f = [](signed char v) { return (float)v; };
  auto u2f = [](unsigned char v) { return (float)v; };
  run<TM, TN, signed char, int, wmma::row_major, wmma::col_major>("s8->s32 row/col", As, Bs, Ci, false, false,
                                                                  s2f, iref);
  run<TM, TN, signed char, int, wmma::col_major, wmma::row_major>("s8->s32 col/row, D col", As, Bs, Ci, true,
                                                                  false, s2f, iref);
  std::vector<unsigned char> Au(M * KD), Bu(KD * N);
  for (auto& x : Au) x = (unsigned char)(next() >> 24);
  for (auto& x : Bu) x = (unsigned char)(next() >> 24);
  run<TM, TN, unsigned char, int, wmma::row_major, wmma::row_major>("u8->s32 row/row", Au, Bu, Ci, false,
                                                                    false, u2f, iref);
  // Saturation: C near INT_MAX; each mma_sync clamps its own result.
  std::vector<int> Cbig(M * N, 0x7fff0000);
  run<TM, TN, unsigned char, int, wmma::col_major, wmma::col_major>(
      "u8->s32 satfinite", Au, Bu, Cbig, false, true, u2f, [](const float* a, const float* b, int c) {
        int64_t acc = c;
        for (int k = 0; k < KD; ++k) {
          acc += (int64_t)a[k] * (int64_t)b[k];
          if ((k + 1) % 16 == 0) acc = acc > INT32_MAX ? INT32_MAX : acc;
        }
        return (int)acc;
      });

  // Elementwise x[] pass on a column-major accumulator with leading dimension 40.
  const int ld = 40;
  std::vector<float> Cs(ld * (TN > TM ? TN : TM) * 2);
  for (auto& x : Cs) x = rnd(8.0f);
  float *dC = to_device(Cs), *dD = to_device(std::vector<float>(Cs.size(), -7.0f));
  scale_fragment<TM, TN><<<1, 32>>>(dC, dD, ld);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> D = from_device(dD, Cs.size());
  int bad = 0;
  for (size_t i = 0; i < Cs.size(); ++i) {
    const int r = (int)(i % ld), c = (int)(i / ld);
    const float want = r < TM && c < TN ? Cs[i] * 2.0f + 1.0f : -7.0f;  // outside the tile: untouched
    if (D[i] != want) ++bad;
  }
  if (bad) ++failures;
  printf("m%dn%dk16 %-28s %s\n", TM, TN, "elementwise x[]", bad ? "FAILED" : "ok");
  cudaFree(dC), cudaFree(dD);
}

}  // namespace

int main() {
  run_shape<32, 8>();
  run_shape<8, 32>();
  // Fragment sizes (values per lane) as CUDA documents them for these shapes.
  EXPECT((wmma::fragment<wmma::matrix_a, 32, 8, 16, __half, wmma::row_major>::num_elements == 16));
  EXPECT((wmma::fragment<wmma::matrix_b, 32, 8, 16, __half, wmma::row_major>::num_elements == 16));
  EXPECT((wmma::fragment<wmma::matrix_a, 32, 8, 16, signed char, wmma::row_major>::num_elements == 16));
  EXPECT((wmma::fragment<wmma::matrix_b, 32, 8, 16, signed char, wmma::row_major>::num_elements == 4));
  EXPECT((wmma::fragment<wmma::matrix_a, 8, 32, 16, __nv_bfloat16, wmma::row_major>::num_elements == 4));
  EXPECT((wmma::fragment<wmma::matrix_b, 8, 32, 16, __nv_bfloat16, wmma::row_major>::num_elements == 16));
  EXPECT((wmma::fragment<wmma::accumulator, 8, 32, 16, float>::num_elements == 8));
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
