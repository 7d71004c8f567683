// cuBLAS-XT gemm on host matrices (and device ones), tiles of a block dimension that does not divide the
// sizes, against OpenBLAS; handle settings and refusals.
#include <cublasXt.h>

#include "blas_check.h"

namespace {

template <typename Elem>
cublasStatus_t xt_gemm(cublasXtHandle_t h, cublasOperation_t ta, cublasOperation_t tb, size_t m, size_t n, size_t k,
                       const Elem* alpha, const Elem* a, size_t lda, const Elem* b, size_t ldb, const Elem* beta,
                       Elem* c, size_t ldc) {
  if constexpr (std::is_same_v<Elem, float>) return cublasXtSgemm(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  if constexpr (std::is_same_v<Elem, double>) return cublasXtDgemm(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  if constexpr (std::is_same_v<Elem, cuComplex>)
    return cublasXtCgemm(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  if constexpr (std::is_same_v<Elem, cuDoubleComplex>)
    return cublasXtZgemm(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

template <typename Elem>
void check_type(cublasXtHandle_t handle, const char* type) {
  const int m = 150, n = 97, k = 70;
  for (cublasOperation_t ta : {CUBLAS_OP_N, CUBLAS_OP_T})
    for (cublasOperation_t tb : {CUBLAS_OP_N, CUBLAS_OP_C}) {
      int lda = (ta == CUBLAS_OP_N ? m : k) + 3, ldb = (tb == CUBLAS_OP_N ? k : n) + 1, ldc = m + 2;
      std::vector<Elem> a = random_vector<Elem>(size_t(lda) * (ta == CUBLAS_OP_N ? k : m));
      std::vector<Elem> b = random_vector<Elem>(size_t(ldb) * (tb == CUBLAS_OP_N ? n : k));
      std::vector<Elem> c = random_vector<Elem>(size_t(ldc) * n), want = c;
      Elem alpha, beta;
      random_fill(alpha);
      random_fill(beta);
      EXPECT_BLAS(xt_gemm(handle, ta, tb, m, n, k, &alpha, a.data(), lda, b.data(), ldb, &beta, c.data(), ldc));
      ref_gemm(cblas_op(ta), cblas_op(tb), m, n, k, alpha, a.data(), lda, b.data(), ldb, beta, want.data(), ldc);
      char what[64];
      snprintf(what, sizeof what, "Xt%sgemm %s%s on host matrices", type, op_name(ta), op_name(tb));
      expect_close(what, c, want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);
    }
}

}  // namespace

int main() {
  cublasXtHandle_t handle = nullptr;
  EXPECT_BLAS(cublasXtCreate(&handle));
  float one = 1;
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED,  // no device selected yet
                cublasXtSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, 2, 2, 2, &one, &one, 2, &one, 2, &one, &one, 2));
  int devices[] = {0}, bad_devices[] = {7};
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasXtDeviceSelect(handle, 1, bad_devices));
  EXPECT_BLAS(cublasXtDeviceSelect(handle, 1, devices));
  EXPECT_BLAS(cublasXtSetBlockDim(handle, 48));
  int block = 0;
  EXPECT_BLAS(cublasXtGetBlockDim(handle, &block));
  EXPECT(block == 48);
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasXtSetBlockDim(handle, 0));
  EXPECT_STATUS(CUBLAS_STATUS_NOT_SUPPORTED, cublasXtSetCpuRatio(handle, CUBLASXT_GEMM, CUBLASXT_FLOAT, 0.5f));
  check_type<float>(handle, "S");
  check_type<double>(handle, "D");
  check_type<cuComplex>(handle, "C");
  check_type<cuDoubleComplex>(handle, "Z");

  // Device matrices work the same way.
  const int m = 60, n = 50, k = 40;
  std::vector<double> a = random_vector<double>(m * k), b = random_vector<double>(k * n), c(m * n, 0.0), want = c;
  double* da = to_device(a);
  double* db = to_device(b);
  double* dc = to_device(c);
  double alpha = 2, beta = 0;
  EXPECT_BLAS(cublasXtDgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta, dc, m));
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 2.0, a.data(), m, b.data(), k, 0.0, want.data(), m);
  expect_close("XtDgemm on device matrices", from_device(dc, c.size()), want, tolerance<double>(k + 4), 8);
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE,
                cublasXtDgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m - 1, db, k, &beta, dc, m));
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  EXPECT_BLAS(cublasXtDestroy(handle));
  return check_result();
}
