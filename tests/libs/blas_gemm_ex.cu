// cuBLAS mixed precision: cublasGemmEx (+StridedBatched, Batched), SgemmEx and Hgemm over every
// supported combination of compute type and data types, against products computed here in double from
// the very inputs stored (exact for half, bfloat16 and int8), with tolerances of the output and compute
// types; TF32 rounding (compute type and math mode); unsupported combinations.
#include <cuda_bf16.h>

#include "blas_check.h"

#include <cstdint>
#include <cstring>

namespace {

float stored_value(float v) { return v; }
float stored_value(__half v) { return __half2float(v); }
float stored_value(__nv_bfloat16 v) { return __bfloat162float(v); }
float stored_value(int8_t v) { return v; }
float stored_value(int v) { return float(v); }
void store(float v, float& out) { out = v; }
void store(float v, __half& out) { out = __float2half_rn(v); }
void store(float v, __nv_bfloat16& out) { out = __float2bfloat16_rn(v); }
void store(float v, int8_t& out) { out = int8_t(std::lround(v * 100)); }  // -100 .. 100
void store(float v, int& out) { out = int(std::lround(v * 1000)); }

// TF32 as the tensor cores take a float: 10 fraction bits, to nearest, ties away from zero.
float tf32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  bits = (bits + 0x1000u) & 0xffffe000u;
  std::memcpy(&v, &bits, 4);
  return v;
}

template <typename Stored>
std::vector<Stored> random_stored(size_t count) {
  std::vector<Stored> v(count);
  std::uniform_real_distribution<float> d(-1, 1);
  for (Stored& e : v) store(d(blas_rng()), e);
  return v;
}

// C = alpha op(A) op(B) + beta C in double, from the stored values (A m x k or k x m, column-major).
template <typename In, typename Out>
std::vector<double> reference(cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k, double alpha,
                              const std::vector<In>& a, int lda, const std::vector<In>& b, int ldb, double beta,
                              const std::vector<Out>& c, int ldc, float (*input)(float)) {
  std::vector<double> out(c.size());
  for (size_t i = 0; i < c.size(); ++i) out[i] = stored_value(c[i]);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) {
      double sum = 0;
      for (int p = 0; p < k; ++p) {
        float av = stored_value(ta == CUBLAS_OP_N ? a[i + size_t(p) * lda] : a[p + size_t(i) * lda]);
        float bv = stored_value(tb == CUBLAS_OP_N ? b[p + size_t(j) * ldb] : b[j + size_t(p) * ldb]);
        sum += double(input(av)) * input(bv);
      }
      double& o = out[i + size_t(j) * ldc];
      o = alpha * sum + (beta == 0 ? 0 : beta * o);
    }
  return out;
}
float unchanged(float v) { return v; }

template <typename Out>
void expect_near(const char* what, const std::vector<Out>& got, const std::vector<double>& want, double tol) {
  int bad = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    double g = stored_value(got[i]);
    if (!(std::fabs(g - want[i]) <= tol * (1 + std::fabs(want[i]))) && bad++ < 3)
      fprintf(stderr, "%s: element %zu is %.9g, expected %.9g\n", what, i, g, want[i]);
  }
  if (bad) {
    fprintf(stderr, "%s: %d of %zu elements out of tolerance %g\n", what, bad, want.size(), tol);
    ++failures;
  }
}

// One GemmEx case: A and B of type In (cudaDataType in_type), C of type Out, scalars of type Scale.
template <typename In, typename Out, typename Scale>
void check_case(cublasHandle_t handle, const char* what, cudaDataType in_type, cudaDataType out_type,
                cublasComputeType_t compute, Scale alpha, Scale beta, double tol, float (*input)(float) = unchanged) {
  const int m = 70, n = 45, k = 37;
  for (cublasOperation_t ta : {CUBLAS_OP_N, CUBLAS_OP_T})
    for (cublasOperation_t tb : {CUBLAS_OP_N, CUBLAS_OP_T}) {
      int lda = (ta == CUBLAS_OP_N ? m : k) + 1, ldb = (tb == CUBLAS_OP_N ? k : n) + 2, ldc = m + 3;
      std::vector<In> a = random_stored<In>(size_t(lda) * (ta == CUBLAS_OP_N ? k : m));
      std::vector<In> b = random_stored<In>(size_t(ldb) * (tb == CUBLAS_OP_N ? n : k));
      std::vector<Out> c = random_stored<Out>(size_t(ldc) * n);
      In* da = to_device(a);
      In* db = to_device(b);
      Out* dc = to_device(c);
      EXPECT_BLAS(cublasGemmEx(handle, ta, tb, m, n, k, &alpha, da, in_type, lda, db, in_type, ldb, &beta, dc,
                               out_type, ldc, compute, CUBLAS_GEMM_DEFAULT));
      std::vector<double> want = reference(ta, tb, m, n, k, stored_value(alpha), a, lda, b, ldb, stored_value(beta),
                                           c, ldc, input);
      char name[96];
      snprintf(name, sizeof name, "%s %s%s", what, op_name(ta), op_name(tb));
      expect_near(name, from_device(dc, c.size()), want, tol);
      cudaFree(da);
      cudaFree(db);
      cudaFree(dc);
    }
}

void check_batched_forms(cublasHandle_t handle) {
  const int m = 33, n = 17, k = 20, count = 3;
  const long long sa = m * k, sb = k * n, sc = m * n;
  std::vector<__half> a = random_stored<__half>(sa * count), b = random_stored<__half>(sb * count);
  std::vector<__half> c = random_stored<__half>(sc * count);
  __half* da = to_device(a);
  __half* db = to_device(b);
  __half* dc = to_device(c);
  __half alpha = __float2half_rn(0.5f), beta = __float2half_rn(-1.0f);
  std::vector<double> want;
  for (int i = 0; i < count; ++i) {
    std::vector<__half> ai(a.begin() + i * sa, a.begin() + (i + 1) * sa);
    std::vector<__half> bi(b.begin() + i * sb, b.begin() + (i + 1) * sb);
    std::vector<__half> ci(c.begin() + i * sc, c.begin() + (i + 1) * sc);
    std::vector<double> wi = reference(CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, 0.5, ai, m, bi, k, -1.0, ci, m, unchanged);
    want.insert(want.end(), wi.begin(), wi.end());
  }
  // Half accumulation: each step rounds to 11 bits.
  const double half_tol = 4e-3 * k;
  EXPECT_BLAS(cublasHgemmStridedBatched(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, sa, db, k, sb,
                                        &beta, dc, m, sc, count));
  expect_near("HgemmStridedBatched", from_device(dc, c.size()), want, half_tol);
  EXPECT_OK(cudaMemcpy(dc, c.data(), c.size() * sizeof(__half), cudaMemcpyHostToDevice));
  std::vector<const __half*> pa(count), pb(count);
  std::vector<__half*> pc(count);
  for (int i = 0; i < count; ++i) pa[i] = da + i * sa, pb[i] = db + i * sb, pc[i] = dc + i * sc;
  const __half** dpa = to_device(pa);
  const __half** dpb = to_device(pb);
  __half** dpc = to_device(pc);
  EXPECT_BLAS(cublasHgemmBatched(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, dpa, m, dpb, k, &beta, dpc, m,
                                 count));
  expect_near("HgemmBatched", from_device(dc, c.size()), want, half_tol);
  // The same through the Ex forms with float compute (far tighter: only the output rounds to half).
  float falpha = 0.5f, fbeta = -1.0f;
  EXPECT_OK(cudaMemcpy(dc, c.data(), c.size() * sizeof(__half), cudaMemcpyHostToDevice));
  EXPECT_BLAS(cublasGemmStridedBatchedEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &falpha, da, CUDA_R_16F, m, sa,
                                         db, CUDA_R_16F, k, sb, &fbeta, dc, CUDA_R_16F, m, sc, count,
                                         CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT_TENSOR_OP));
  expect_near("GemmStridedBatchedEx 16F/32F", from_device(dc, c.size()), want, 1e-3);
  EXPECT_OK(cudaMemcpy(dc, c.data(), c.size() * sizeof(__half), cudaMemcpyHostToDevice));
  EXPECT_BLAS(cublasGemmBatchedEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &falpha, (const void* const*)dpa,
                                  CUDA_R_16F, m, (const void* const*)dpb, CUDA_R_16F, k, &fbeta, (void* const*)dpc,
                                  CUDA_R_16F, m, count, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
  expect_near("GemmBatchedEx 16F/32F", from_device(dc, c.size()), want, 1e-3);
  cudaFree(dpa);
  cudaFree(dpb);
  cudaFree(dpc);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
}

// TF32: through the compute type and through the handle's math mode; the result matches products of
// TF32-rounded inputs and differs from full FP32 products.
void check_tf32(cublasHandle_t handle) {
  const int m = 64, n = 64, k = 64;
  std::vector<float> a = random_vector<float>(m * k), b = random_vector<float>(k * n), c(m * n, 0.0f);
  float* da = to_device(a);
  float* db = to_device(b);
  float* dc = to_device(c);
  float alpha = 1, beta = 0;
  std::vector<double> rounded = reference(CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, 1.0, a, m, b, k, 0.0, c, m, tf32);
  std::vector<double> exact = reference(CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, 1.0, a, m, b, k, 0.0, c, m, unchanged);
  EXPECT_BLAS(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, CUDA_R_32F, m, db, CUDA_R_32F, k,
                           &beta, dc, CUDA_R_32F, m, CUBLAS_COMPUTE_32F_FAST_TF32, CUBLAS_GEMM_DEFAULT));
  std::vector<float> got = from_device(dc, c.size());
  expect_near("GemmEx FAST_TF32", got, rounded, 1e-5);
  double largest_gap = 0;
  for (size_t i = 0; i < got.size(); ++i) largest_gap = std::max(largest_gap, std::fabs(got[i] - exact[i]));
  EXPECT(largest_gap > 1e-4);  // TF32 rounding visibly applied
  EXPECT_BLAS(cublasSetMathMode(handle, CUBLAS_TF32_TENSOR_OP_MATH));
  EXPECT_BLAS(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta, dc, m));
  expect_near("Sgemm under CUBLAS_TF32_TENSOR_OP_MATH", from_device(dc, c.size()), rounded, 1e-5);
  // PEDANTIC overrides the math mode; the default math mode is full FP32.
  EXPECT_BLAS(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, CUDA_R_32F, m, db, CUDA_R_32F, k,
                           &beta, dc, CUDA_R_32F, m, CUBLAS_COMPUTE_32F_PEDANTIC, CUBLAS_GEMM_DEFAULT));
  expect_near("GemmEx 32F_PEDANTIC", from_device(dc, c.size()), exact, 1e-5);
  EXPECT_BLAS(cublasSetMathMode(handle, CUBLAS_DEFAULT_MATH));
  EXPECT_BLAS(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta, dc, m));
  expect_near("Sgemm default math", from_device(dc, c.size()), exact, 1e-5);
  // CUDA 10's cudaDataType compute type (the C++ overload).
  EXPECT_BLAS(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, CUDA_R_32F, m, db, CUDA_R_32F, k,
                           &beta, dc, CUDA_R_32F, m, CUDA_R_32F, CUBLAS_GEMM_DEFAULT));
  expect_near("GemmEx legacy CUDA_R_32F compute", from_device(dc, c.size()), exact, 1e-5);
  // SgemmEx with half inputs and float output.
  std::vector<__half> ha(m * k), hb(k * n);
  for (size_t i = 0; i < ha.size(); ++i) ha[i] = __float2half_rn(a[i]);
  for (size_t i = 0; i < hb.size(); ++i) hb[i] = __float2half_rn(b[i]);
  __half* dha = to_device(ha);
  __half* dhb = to_device(hb);
  EXPECT_BLAS(cublasSgemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, dha, CUDA_R_16F, m, dhb, CUDA_R_16F, k,
                            &beta, dc, CUDA_R_32F, m));
  expect_near("SgemmEx 16F -> 32F", from_device(dc, c.size()),
              reference(CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, 1.0, ha, m, hb, k, 0.0, c, m, unchanged), 1e-5);

  // Unsupported combinations.
  const cublasStatus_t unsupported = CUBLAS_STATUS_NOT_SUPPORTED;
  EXPECT_STATUS(unsupported, cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, dha, CUDA_R_16F, m, db,
                                          CUDA_R_32F, k, &beta, dc, CUDA_R_32F, m, CUBLAS_COMPUTE_32F,
                                          CUBLAS_GEMM_DEFAULT));
  EXPECT_STATUS(unsupported, cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, CUDA_R_32F, m, db,
                                          CUDA_R_32F, k, &beta, dc, CUDA_R_32F, m, CUBLAS_COMPUTE_32I,
                                          CUBLAS_GEMM_DEFAULT));
  EXPECT_STATUS(unsupported, cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, dha, CUDA_R_16F, m, dhb,
                                          CUDA_R_16F, k, &beta, dc, CUDA_R_64F, m, CUBLAS_COMPUTE_32F,
                                          CUBLAS_GEMM_DEFAULT));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE,
                cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, CUDA_R_32F, m - 1, db, CUDA_R_32F,
                             k, &beta, dc, CUDA_R_32F, m, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dha);
  cudaFree(dhb);
}

}  // namespace

int main() {
  cublasHandle_t handle = nullptr;
  EXPECT_BLAS(cublasCreate(&handle));
  const float alpha = 0.75f, beta = -0.5f;
  check_case<float, float, float>(handle, "32F/32F/32F", CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F, alpha, beta, 1e-5);
  check_case<__half, float, float>(handle, "16F/32F/32F", CUDA_R_16F, CUDA_R_32F, CUBLAS_COMPUTE_32F, alpha, beta, 1e-5);
  check_case<__half, __half, float>(handle, "16F/16F/32F", CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_32F, alpha, beta,
                                    1e-3);
  check_case<__nv_bfloat16, float, float>(handle, "16BF/32F/32F", CUDA_R_16BF, CUDA_R_32F, CUBLAS_COMPUTE_32F, alpha,
                                          beta, 1e-5);
  check_case<__nv_bfloat16, __nv_bfloat16, float>(handle, "16BF/16BF/32F", CUDA_R_16BF, CUDA_R_16BF,
                                                  CUBLAS_COMPUTE_32F, alpha, beta, 8e-3);
  check_case<int8_t, float, float>(handle, "8I/32F/32F", CUDA_R_8I, CUDA_R_32F, CUBLAS_COMPUTE_32F, alpha, beta, 1e-6);
  check_case<int8_t, int, int>(handle, "8I/32I/32I", CUDA_R_8I, CUDA_R_32I, CUBLAS_COMPUTE_32I, 3, -2, 0);
  check_case<__half, __half, __half>(handle, "16F/16F/16F", CUDA_R_16F, CUDA_R_16F, CUBLAS_COMPUTE_16F,
                                     __float2half_rn(alpha), __float2half_rn(beta), 3e-2);
  check_case<float, float, float>(handle, "32F/32F FAST_16F", CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_16F,
                                  alpha, beta, 1e-5, [](float v) { return __half2float(__float2half_rn(v)); });
  check_case<float, float, float>(handle, "32F/32F FAST_16BF", CUDA_R_32F, CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_16BF,
                                  alpha, beta, 1e-5, [](float v) { return __bfloat162float(__float2bfloat16_rn(v)); });
  check_batched_forms(handle);
  check_tf32(handle);
  // Hgemm with every transpose.
  EXPECT_BLAS(cublasDestroy(handle));
  return check_result();
}
