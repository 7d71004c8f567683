// cuBLAS gemv and ger/geru/gerc for s/d/c/z against OpenBLAS: every transpose, strided and negative
// increments, beta = 0 over NaN, bad arguments.
#include "blas_check.h"

namespace {

void ref_ger(int m, int n, float alpha, const float* x, int incx, const float* y, int incy, float* a, int lda, bool) {
  cblas_sger(CblasColMajor, m, n, alpha, x, incx, y, incy, a, lda);
}
void ref_ger(int m, int n, double alpha, const double* x, int incx, const double* y, int incy, double* a, int lda,
             bool) {
  cblas_dger(CblasColMajor, m, n, alpha, x, incx, y, incy, a, lda);
}
void ref_ger(int m, int n, cuComplex alpha, const cuComplex* x, int incx, const cuComplex* y, int incy, cuComplex* a,
             int lda, bool conj) {
  conj ? cblas_cgerc(CblasColMajor, m, n, &alpha, x, incx, y, incy, a, lda)
       : cblas_cgeru(CblasColMajor, m, n, &alpha, x, incx, y, incy, a, lda);
}
void ref_ger(int m, int n, cuDoubleComplex alpha, const cuDoubleComplex* x, int incx, const cuDoubleComplex* y,
             int incy, cuDoubleComplex* a, int lda, bool conj) {
  conj ? cblas_zgerc(CblasColMajor, m, n, &alpha, x, incx, y, incy, a, lda)
       : cblas_zgeru(CblasColMajor, m, n, &alpha, x, incx, y, incy, a, lda);
}

cublasStatus_t lib_gemv(cublasHandle_t h, cublasOperation_t t, int m, int n, const float* alpha, const float* a,
                        int lda, const float* x, int incx, const float* beta, float* y, int incy) {
  return cublasSgemv(h, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
cublasStatus_t lib_gemv(cublasHandle_t h, cublasOperation_t t, int m, int n, const double* alpha, const double* a,
                        int lda, const double* x, int incx, const double* beta, double* y, int incy) {
  return cublasDgemv(h, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
cublasStatus_t lib_gemv(cublasHandle_t h, cublasOperation_t t, int m, int n, const cuComplex* alpha,
                        const cuComplex* a, int lda, const cuComplex* x, int incx, const cuComplex* beta,
                        cuComplex* y, int incy) {
  return cublasCgemv(h, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
cublasStatus_t lib_gemv(cublasHandle_t h, cublasOperation_t t, int m, int n, const cuDoubleComplex* alpha,
                        const cuDoubleComplex* a, int lda, const cuDoubleComplex* x, int incx,
                        const cuDoubleComplex* beta, cuDoubleComplex* y, int incy) {
  return cublasZgemv(h, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
cublasStatus_t lib_ger(cublasHandle_t h, int m, int n, const float* alpha, const float* x, int incx, const float* y,
                       int incy, float* a, int lda, bool) {
  return cublasSger(h, m, n, alpha, x, incx, y, incy, a, lda);
}
cublasStatus_t lib_ger(cublasHandle_t h, int m, int n, const double* alpha, const double* x, int incx,
                       const double* y, int incy, double* a, int lda, bool) {
  return cublasDger(h, m, n, alpha, x, incx, y, incy, a, lda);
}
cublasStatus_t lib_ger(cublasHandle_t h, int m, int n, const cuComplex* alpha, const cuComplex* x, int incx,
                       const cuComplex* y, int incy, cuComplex* a, int lda, bool conj) {
  return conj ? cublasCgerc(h, m, n, alpha, x, incx, y, incy, a, lda) : cublasCgeru(h, m, n, alpha, x, incx, y, incy, a, lda);
}
cublasStatus_t lib_ger(cublasHandle_t h, int m, int n, const cuDoubleComplex* alpha, const cuDoubleComplex* x,
                       int incx, const cuDoubleComplex* y, int incy, cuDoubleComplex* a, int lda, bool conj) {
  return conj ? cublasZgerc(h, m, n, alpha, x, incx, y, incy, a, lda) : cublasZgeru(h, m, n, alpha, x, incx, y, incy, a, lda);
}

template <typename Elem>
void check_type(cublasHandle_t handle, const char* type) {
  const int shapes[][2] = {{1, 1}, {300, 7}, {9, 500}, {129, 130}};
  const int increments[][2] = {{1, 1}, {2, -3}, {-1, 2}};
  const cublasOperation_t ops[] = {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C};
  char what[96];
  for (auto shape : shapes)
    for (auto inc : increments) {
      int m = shape[0], n = shape[1], lda = m + 5, ix = inc[0], iy = inc[1];
      std::vector<Elem> a = random_vector<Elem>(size_t(lda) * n);
      Elem* da = to_device(a);
      for (cublasOperation_t op : ops) {
        int xlen = op == CUBLAS_OP_N ? n : m, ylen = op == CUBLAS_OP_N ? m : n;
        std::vector<Elem> x = random_vector<Elem>(size_t(xlen) * std::abs(ix));
        std::vector<Elem> y = random_vector<Elem>(size_t(ylen) * std::abs(iy));
        Elem alpha, beta;
        random_fill(alpha);
        random_fill(beta);
        Elem* dx = to_device(x);
        Elem* dy = to_device(y);
        EXPECT_BLAS(lib_gemv(handle, op, m, n, &alpha, da, lda, dx, ix, &beta, dy, iy));
        std::vector<Elem> want = y;
        ref_gemv(cblas_op(op), m, n, alpha, a.data(), lda, x.data(), ix, beta, want.data(), iy);
        snprintf(what, sizeof what, "%sgemv %s m=%d n=%d incx=%d incy=%d", type, op_name(op), m, n, ix, iy);
        expect_close(what, from_device(dy, y.size()), want, tolerance<Elem>(xlen + 4), std::sqrt(double(xlen)) + 1);
        // beta = 0: y is only written.
        std::vector<Elem> nans(y.size(), poisoned<Elem>());
        EXPECT_OK(cudaMemcpy(dy, nans.data(), nans.size() * sizeof(Elem), cudaMemcpyHostToDevice));
        Elem zero_value = scalar_of<Elem>(0);
        EXPECT_BLAS(lib_gemv(handle, op, m, n, &alpha, da, lda, dx, ix, &zero_value, dy, iy));
        std::vector<Elem> got = from_device(dy, y.size());
        std::fill(want.begin(), want.end(), zero_value);
        ref_gemv(cblas_op(op), m, n, alpha, a.data(), lda, x.data(), ix, zero_value, want.data(), iy);
        for (size_t i = 0; i < want.size(); ++i)
          if (i % std::abs(iy) != 0) got[i] = want[i];  // the gaps keep their NaNs
        snprintf(what, sizeof what, "%sgemv %s beta=0 m=%d n=%d", type, op_name(op), m, n);
        expect_close(what, got, want, tolerance<Elem>(xlen + 4), std::sqrt(double(xlen)) + 1);
        cudaFree(dx);
        cudaFree(dy);
      }
      // ger (geru and gerc for complex types).
      for (int conj = 0; conj < 2; ++conj) {
        std::vector<Elem> x = random_vector<Elem>(size_t(m) * std::abs(ix)), y = random_vector<Elem>(size_t(n) * std::abs(iy));
        Elem alpha;
        random_fill(alpha);
        Elem* dx = to_device(x);
        Elem* dy = to_device(y);
        EXPECT_OK(cudaMemcpy(da, a.data(), a.size() * sizeof(Elem), cudaMemcpyHostToDevice));
        EXPECT_BLAS(lib_ger(handle, m, n, &alpha, dx, ix, dy, iy, da, lda, conj));
        std::vector<Elem> want = a;
        ref_ger(m, n, alpha, x.data(), ix, y.data(), iy, want.data(), lda, conj);
        snprintf(what, sizeof what, "%sger%s m=%d n=%d incx=%d incy=%d", type, conj ? "c" : "", m, n, ix, iy);
        expect_close(what, from_device(da, a.size()), want, tolerance<Elem>(4), 1);
        cudaFree(dx);
        cudaFree(dy);
      }
      cudaFree(da);
    }
}

void check_errors(cublasHandle_t handle) {
  float* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 1024 * sizeof(float)));
  float one = 1;
  const cublasStatus_t invalid = CUBLAS_STATUS_INVALID_VALUE;
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED, cublasSgemv(nullptr, CUBLAS_OP_N, 4, 4, &one, d, 4, d, 1, &one, d, 1));
  EXPECT_STATUS(invalid, cublasSgemv(handle, (cublasOperation_t)3, 4, 4, &one, d, 4, d, 1, &one, d, 1));
  EXPECT_STATUS(invalid, cublasSgemv(handle, CUBLAS_OP_N, 4, 4, &one, d, 3, d, 1, &one, d, 1));
  EXPECT_STATUS(invalid, cublasSgemv(handle, CUBLAS_OP_N, 4, -4, &one, d, 4, d, 1, &one, d, 1));
  EXPECT_STATUS(invalid, cublasSgemv(handle, CUBLAS_OP_N, 4, 4, &one, d, 4, d, 0, &one, d, 1));
  EXPECT_STATUS(invalid, cublasSger(handle, 4, 4, &one, d, 1, d, 0, d, 4));
  EXPECT_STATUS(invalid, cublasSger(handle, 4, 4, &one, d, 1, d, 1, d, 2));
  EXPECT_BLAS(cublasSgemv(handle, CUBLAS_OP_T, 0, 4, &one, d, 1, d, 1, &one, d, 1));
  cudaFree(d);
}

}  // namespace

int main() {
  cublasHandle_t handle = nullptr;
  EXPECT_BLAS(cublasCreate(&handle));
  for_each_blas_type([&](auto elem, const char* type) { check_type<decltype(elem)>(handle, type); });
  check_errors(handle);
  EXPECT_BLAS(cublasDestroy(handle));
  return check_result();
}
