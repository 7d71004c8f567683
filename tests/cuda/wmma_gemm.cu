// WMMA GEMMs (nvcuda::wmma, mma.h) for every shape/type pair Canopy offers, each warp computing one
// 16x16 tile of D = A*B + C, checked bit for bit against a CPU reference of the documented arithmetic
// (docs/cuda.md): products exact, sums in f32 rounded to nearest in k order, an f16 accumulator
// rounded to f16 after each mma_sync, tf32 operands as __float_to_tf32 rounds them, int8 exact.
#include <mma.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "check.h"

using namespace nvcuda;

template <typename FT, typename PT, typename Acc, int K, typename LA, typename LB>
__global__ void wmma_gemm(const PT* A, const PT* B, const Acc* C, Acc* D, int M, int N, int Kd, bool store_col,
                          bool satf) {
  const int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  const int tiles_n = N / 16;
  const int tm = warp / tiles_n, tn = warp % tiles_n;
  if (tm >= M / 16) return;
  const bool a_row = __is_same(LA, wmma::row_major);
  const bool b_row = __is_same(LB, wmma::row_major);
  wmma::fragment<wmma::matrix_a, 16, 16, K, FT, LA> a;
  wmma::fragment<wmma::matrix_b, 16, 16, K, FT, LB> b;
  wmma::fragment<wmma::accumulator, 16, 16, K, Acc> acc;
  wmma::load_matrix_sync(acc, C + tm * 16 * N + tn * 16, N, wmma::mem_row_major);
  for (int k = 0; k < Kd; k += K) {
    wmma::load_matrix_sync(a, a_row ? A + tm * 16 * Kd + k : A + k * M + tm * 16, a_row ? Kd : M);
    wmma::load_matrix_sync(b, b_row ? B + k * N + tn * 16 : B + tn * 16 * Kd + k, b_row ? N : Kd);
    if constexpr (__is_same(FT, wmma::precision::tf32)) {
      for (int i = 0; i < a.num_elements; ++i) a.x[i] = wmma::__float_to_tf32(a.x[i]);
      for (int i = 0; i < b.num_elements; ++i) b.x[i] = wmma::__float_to_tf32(b.x[i]);
    }
    if constexpr (__is_same(Acc, int))
      wmma::mma_sync(acc, a, b, acc, satf);
    else
      wmma::mma_sync(acc, a, b, acc);
  }
  if (store_col)
    wmma::store_matrix_sync(D + tn * 16 * M + tm * 16, acc, M, wmma::mem_col_major);
  else
    wmma::store_matrix_sync(D + tm * 16 * N + tn * 16, acc, N, wmma::mem_row_major);
}

// Elementwise fragment access: every element of x[] scaled, whatever the layout.
__global__ void scale_fragment(const float* C, float* D) {
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> f;
  wmma::load_matrix_sync(f, C, 16, wmma::mem_row_major);
  for (int i = 0; i < f.num_elements; ++i) f.x[i] *= 2.0f;
  wmma::store_matrix_sync(D, f, 16, wmma::mem_row_major);
}

namespace {

uint32_t rng = 12345;
uint32_t next() { return rng = rng * 1664525u + 1013904223u; }
float rnd(float scale) { return ((int)(next() >> 8) % 20001 - 10000) / 10000.0f * scale; }

uint32_t bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
float from_bits(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
float tf32_rna(float x) { return from_bits((bits(x) + 0x1000u) & 0xffffe000u); }  // finite inputs


constexpr int M = 32, N = 48, KD = 64;

// Element (r, c) of a matrix stored row- or column-major.
int at(bool row, int r, int c, int rows, int cols) { return row ? r * cols + c : c * rows + r; }

template <typename FT, typename PT, typename Acc, int K, typename LA, typename LB, typename ToF, typename Ref>
void run(const char* name, std::vector<PT> A, std::vector<PT> B, std::vector<Acc> C, bool store_col, bool satf,
         ToF to_float, Ref reference) {
  const bool a_row = __is_same(LA, wmma::row_major), b_row = __is_same(LB, wmma::row_major);
  PT *dA = to_device(A), *dB = to_device(B);
  Acc *dC = to_device(C), *dD = to_device(std::vector<Acc>(M * N));
  wmma_gemm<FT, PT, Acc, K, LA, LB><<<(M / 16) * (N / 16) / 2, 64>>>(dA, dB, dC, dD, M, N, KD, store_col, satf);
  EXPECT_OK(cudaGetLastError());
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<Acc> D = from_device(dD, M * N);
  int bad = 0;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      std::vector<float> a(KD), b(KD);
      for (int k = 0; k < KD; ++k) {
        a[k] = to_float(A[at(a_row, m, k, M, KD)]);
        b[k] = to_float(B[at(b_row, k, n, KD, N)]);
      }
      Acc want = reference(a.data(), b.data(), C[m * N + n], K);
      Acc got = D[store_col ? n * M + m : m * N + n];
      if (memcmp(&want, &got, sizeof(Acc)) != 0 && bad++ < 5) {
        fprintf(stderr, "%s: D[%d][%d] differs\n", name, m, n);
        ++failures;
      }
    }
  printf("%s: %s\n", name, bad ? "FAILED" : "ok");
  cudaFree(dA), cudaFree(dB), cudaFree(dC), cudaFree(dD);
}

// f32 accumulation in k order, one rounding per step; `round_tile` is applied after every K-step mma.
template <typename RoundTile>
float float_reference(const float* a, const float* b, float c, int K, RoundTile round_tile) {
  float acc = c;
  for (int k = 0; k < KD; ++k) {
    acc = std::fma(a[k], b[k], acc);
    if ((k + 1) % K == 0) acc = round_tile(acc);
  }
  return acc;
}

}  // namespace

int main() {
  auto same = [](float x) { return x; };
  auto h2f = [](__half h) { return __half2float(h); };
  auto b2f = [](__nv_bfloat16 h) { return __bfloat162float(h); };
  std::vector<__half> Ah(M * KD), Bh(KD * N);
  for (auto& x : Ah) x = __float2half(rnd(2.0f));
  for (auto& x : Bh) x = __float2half(rnd(2.0f));
  std::vector<float> Cf(M * N);
  for (auto& x : Cf) x = rnd(4.0f);

  auto fref = [&](const float* a, const float* b, float c, int K) { return float_reference(a, b, c, K, same); };
  run<__half, __half, float, 16, wmma::row_major, wmma::col_major>("f16->f32 row/col", Ah, Bh, Cf, false, false,
                                                                    h2f, fref);
  run<__half, __half, float, 16, wmma::col_major, wmma::row_major>("f16->f32 col/row, D col-major", Ah, Bh, Cf,
                                                                    true, false, h2f, fref);
  std::vector<__half> Ch(M * N);
  for (auto& x : Ch) x = __float2half(rnd(4.0f));
  run<__half, __half, __half, 16, wmma::row_major, wmma::col_major>(
      "f16->f16", Ah, Bh, Ch, false, false, h2f, [&](const float* a, const float* b, __half c, int K) {
        return __float2half(
            float_reference(a, b, __half2float(c), K, [](float x) { return __half2float(__float2half(x)); }));
      });

  std::vector<__nv_bfloat16> Ab(M * KD), Bb(KD * N);
  for (auto& x : Ab) x = __float2bfloat16(rnd(3.0f));
  for (auto& x : Bb) x = __float2bfloat16(rnd(3.0f));
  run<__nv_bfloat16, __nv_bfloat16, float, 16, wmma::row_major, wmma::row_major>("bf16->f32", Ab, Bb, Cf, false,
                                                                                  false, b2f, fref);

  std::vector<float> At(M * KD), Bt(KD * N);
  for (auto& x : At) x = rnd(2.0f);
  for (auto& x : Bt) x = rnd(2.0f);
  run<wmma::precision::tf32, float, float, 8, wmma::row_major, wmma::col_major>(
      "tf32->f32", At, Bt, Cf, false, false, tf32_rna, [&](const float* a, const float* b, float c, int K) {
        return float_reference(a, b, c, K, same);
      });

  std::vector<signed char> As(M * KD), Bs(KD * N);
  for (auto& x : As) x = (signed char)(next() >> 24);
  for (auto& x : Bs) x = (signed char)(next() >> 24);
  std::vector<int> Ci(M * N);
  for (auto& x : Ci) x = (int)(next() >> 16) - 32768;
  auto iref = [](const float* a, const float* b, int c, int) {
    int64_t acc = c;
    for (int k = 0; k < KD; ++k) acc += (int64_t)a[k] * (int64_t)b[k];
    return (int)(uint32_t)acc;
  };
  run<signed char, signed char, int, 16, wmma::col_major, wmma::col_major>(
      "s8->s32", As, Bs, Ci, false, false, [](signed char v) { return (float)v; }, iref);
  std::vector<unsigned char> Au(M * KD), Bu(KD * N);
  for (auto& x : Au) x = (unsigned char)(next() >> 24);
  for (auto& x : Bu) x = (unsigned char)(next() >> 24);
  run<unsigned char, unsigned char, int, 16, wmma::row_major, wmma::col_major>(
      "u8->s32", Au, Bu, Ci, false, false, [](unsigned char v) { return (float)v; }, iref);
  // Saturation (.satfinite): each mma_sync clamps its own result to the s32 range. C is chosen per element
  // from the exact partial sums so that results mix: never saturated (some just below INT32_MAX),
  // saturated in the first k step, and saturated only by the last k step.
  auto satref = [](const float* a, const float* b, int c, int K) {
    int64_t acc = c;
    for (int k = 0; k < KD; ++k) {
      acc += (int64_t)a[k] * (int64_t)b[k];
      if ((k + 1) % K == 0) acc = acc > INT32_MAX ? INT32_MAX : acc < INT32_MIN ? INT32_MIN : acc;
    }
    return (int)acc;
  };
  // Sum of products of row m and column n over the first `steps` k steps of 16.
  auto partial = [](const auto& A, const auto& B, bool a_row, bool b_row, int m, int n, int steps) {
    int64_t s = 0;
    for (int k = 0; k < 16 * steps; ++k)
      s += (int64_t)A[at(a_row, m, k, M, KD)] * (int64_t)B[at(b_row, k, n, KD, N)];
    return s;
  };
  std::vector<int> Cu(M * N);
  int last_step_only = 0;
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      const int64_t s1 = partial(Au, Bu, true, false, m, n, 1), s3 = partial(Au, Bu, true, false, m, n, 3),
                    s4 = partial(Au, Bu, true, false, m, n, 4);
      int64_t c = 0;
      switch ((m * N + n) % 4) {
        case 0: c = INT32_MAX - s4 - (m + n) % 3; break;  // ends at or just below INT32_MAX
        case 1: c = INT32_MAX - s4 + 1; break;            // one past INT32_MAX, in the last step only
        case 2: c = INT32_MAX - s1 + 1; break;            // saturated by the first step
        default: c = (int)(next() >> 16) - 32768;         // far from the limits
      }
      if ((m * N + n) % 4 == 1 && INT32_MAX - s4 + 1 + s3 <= INT32_MAX) ++last_step_only;
      Cu[m * N + n] = (int)c;
    }
  EXPECT(last_step_only == M * N / 4);
  run<unsigned char, unsigned char, int, 16, wmma::row_major, wmma::col_major>(
      "u8->s32 satfinite", Au, Bu, Cu, false, true, [](unsigned char v) { return (float)v; }, satref);
  // Signed: clamped to INT32_MIN (or INT32_MAX) by the first step, then moved back by the later steps,
  // which a single clamp at the end would get wrong by one.
  std::vector<int> Cs(M * N);
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      const int64_t s1 = partial(As, Bs, false, false, m, n, 1);
      Cs[m * N + n] = s1 < 0 ? (int)(INT32_MIN - s1 - 1) : s1 > 0 ? (int)(INT32_MAX - s1 + 1) : 0;
    }
  run<signed char, signed char, int, 16, wmma::col_major, wmma::col_major>(
      "s8->s32 satfinite", As, Bs, Cs, false, true, [](signed char v) { return (float)v; }, satref);

  float* dC = to_device(Cf);
  float* dD = to_device(std::vector<float>(256));
  scale_fragment<<<1, 32>>>(dC, dD);
  EXPECT_OK(cudaDeviceSynchronize());
  std::vector<float> D = from_device(dD, 256);
  for (int i = 0; i < 256; ++i) EXPECT(D[i] == Cf[i] * 2.0f);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::accumulator, 16, 16, 8, float> ft;
  EXPECT(fa.num_elements == 16 && ft.num_elements == 8);
  printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
