// cuBLAS routines with a symmetric, Hermitian or triangular operand, for s/d/c/z: symv, hemv, trmv, trsv,
// symm, hemm, syrk, trmm (out of place and in place), trsm. References: OpenBLAS's gemv/gemm on the dense
// matrix the stored triangle stands for, and OpenBLAS's trsv/trsm. The triangle that must not be read
// (and a unit diagonal) holds NaNs.
#include "blas_check.h"

namespace {

enum class Kind { Symmetric, Hermitian, Triangular };

template <typename Elem>
cublasStatus_t lib_symv(cublasHandle_t h, Kind kind, cublasFillMode_t u, int n, const Elem* alpha, const Elem* a,
                        int lda, const Elem* x, int incx, const Elem* beta, Elem* y, int incy) {
  if constexpr (std::is_same_v<Elem, float>) return cublasSsymv(h, u, n, alpha, a, lda, x, incx, beta, y, incy);
  if constexpr (std::is_same_v<Elem, double>) return cublasDsymv(h, u, n, alpha, a, lda, x, incx, beta, y, incy);
  if constexpr (std::is_same_v<Elem, cuComplex>)
    return kind == Kind::Hermitian ? cublasChemv(h, u, n, alpha, a, lda, x, incx, beta, y, incy)
                                   : cublasCsymv(h, u, n, alpha, a, lda, x, incx, beta, y, incy);
  if constexpr (std::is_same_v<Elem, cuDoubleComplex>)
    return kind == Kind::Hermitian ? cublasZhemv(h, u, n, alpha, a, lda, x, incx, beta, y, incy)
                                   : cublasZsymv(h, u, n, alpha, a, lda, x, incx, beta, y, incy);
}
template <typename Elem>
cublasStatus_t lib_symm(cublasHandle_t h, Kind kind, cublasSideMode_t s, cublasFillMode_t u, int m, int n,
                        const Elem* alpha, const Elem* a, int lda, const Elem* b, int ldb, const Elem* beta, Elem* c,
                        int ldc) {
  if constexpr (std::is_same_v<Elem, float>) return cublasSsymm(h, s, u, m, n, alpha, a, lda, b, ldb, beta, c, ldc);
  if constexpr (std::is_same_v<Elem, double>) return cublasDsymm(h, s, u, m, n, alpha, a, lda, b, ldb, beta, c, ldc);
  if constexpr (std::is_same_v<Elem, cuComplex>)
    return kind == Kind::Hermitian ? cublasChemm(h, s, u, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
                                   : cublasCsymm(h, s, u, m, n, alpha, a, lda, b, ldb, beta, c, ldc);
  if constexpr (std::is_same_v<Elem, cuDoubleComplex>)
    return kind == Kind::Hermitian ? cublasZhemm(h, s, u, m, n, alpha, a, lda, b, ldb, beta, c, ldc)
                                   : cublasZsymm(h, s, u, m, n, alpha, a, lda, b, ldb, beta, c, ldc);
}
template <typename Elem>
cublasStatus_t lib_trmv(cublasHandle_t h, cublasFillMode_t u, cublasOperation_t t, cublasDiagType_t d, int n,
                        const Elem* a, int lda, Elem* x, int incx) {
  CANOPY_TEST_BY_TYPE(cublasStrmv(h, u, t, d, n, a, lda, x, incx), cublasDtrmv(h, u, t, d, n, a, lda, x, incx),
                      cublasCtrmv(h, u, t, d, n, a, lda, x, incx), cublasZtrmv(h, u, t, d, n, a, lda, x, incx))
}
template <typename Elem>
cublasStatus_t lib_trsv(cublasHandle_t h, cublasFillMode_t u, cublasOperation_t t, cublasDiagType_t d, int n,
                        const Elem* a, int lda, Elem* x, int incx) {
  CANOPY_TEST_BY_TYPE(cublasStrsv(h, u, t, d, n, a, lda, x, incx), cublasDtrsv(h, u, t, d, n, a, lda, x, incx),
                      cublasCtrsv(h, u, t, d, n, a, lda, x, incx), cublasZtrsv(h, u, t, d, n, a, lda, x, incx))
}
template <typename Elem>
cublasStatus_t lib_syrk(cublasHandle_t h, cublasFillMode_t u, cublasOperation_t t, int n, int k, const Elem* alpha,
                        const Elem* a, int lda, const Elem* beta, Elem* c, int ldc) {
  CANOPY_TEST_BY_TYPE(cublasSsyrk(h, u, t, n, k, alpha, a, lda, beta, c, ldc),
                      cublasDsyrk(h, u, t, n, k, alpha, a, lda, beta, c, ldc),
                      cublasCsyrk(h, u, t, n, k, alpha, a, lda, beta, c, ldc),
                      cublasZsyrk(h, u, t, n, k, alpha, a, lda, beta, c, ldc))
}
template <typename Elem>
cublasStatus_t lib_syr2k(cublasHandle_t h, cublasFillMode_t u, cublasOperation_t t, int n, int k, const Elem* alpha,
                         const Elem* a, int lda, const Elem* b, int ldb, const Elem* beta, Elem* c, int ldc) {
  CANOPY_TEST_BY_TYPE(cublasSsyr2k(h, u, t, n, k, alpha, a, lda, b, ldb, beta, c, ldc),
                      cublasDsyr2k(h, u, t, n, k, alpha, a, lda, b, ldb, beta, c, ldc),
                      cublasCsyr2k(h, u, t, n, k, alpha, a, lda, b, ldb, beta, c, ldc),
                      cublasZsyr2k(h, u, t, n, k, alpha, a, lda, b, ldb, beta, c, ldc))
}
template <typename Elem>
cublasStatus_t lib_trmm(cublasHandle_t h, cublasSideMode_t s, cublasFillMode_t u, cublasOperation_t t,
                        cublasDiagType_t d, int m, int n, const Elem* alpha, const Elem* a, int lda, const Elem* b,
                        int ldb, Elem* c, int ldc) {
  CANOPY_TEST_BY_TYPE(cublasStrmm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb, c, ldc),
                      cublasDtrmm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb, c, ldc),
                      cublasCtrmm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb, c, ldc),
                      cublasZtrmm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb, c, ldc))
}
template <typename Elem>
cublasStatus_t lib_trsm(cublasHandle_t h, cublasSideMode_t s, cublasFillMode_t u, cublasOperation_t t,
                        cublasDiagType_t d, int m, int n, const Elem* alpha, const Elem* a, int lda, Elem* b, int ldb) {
  CANOPY_TEST_BY_TYPE(cublasStrsm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb),
                      cublasDtrsm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb),
                      cublasCtrsm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb),
                      cublasZtrsm(h, s, u, t, d, m, n, alpha, a, lda, b, ldb))
}

CBLAS_UPLO cblas_uplo(cublasFillMode_t u) { return u == CUBLAS_FILL_MODE_LOWER ? CblasLower : CblasUpper; }
CBLAS_DIAG cblas_diag(cublasDiagType_t d) { return d == CUBLAS_DIAG_UNIT ? CblasUnit : CblasNonUnit; }
CBLAS_SIDE cblas_side(cublasSideMode_t s) { return s == CUBLAS_SIDE_LEFT ? CblasLeft : CblasRight; }

void ref_trsv(CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int n, const float* a, int lda, float* x, int incx) {
  cblas_strsv(CblasColMajor, u, t, d, n, a, lda, x, incx);
}
void ref_trsv(CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int n, const double* a, int lda, double* x, int incx) {
  cblas_dtrsv(CblasColMajor, u, t, d, n, a, lda, x, incx);
}
void ref_trsv(CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int n, const cuComplex* a, int lda, cuComplex* x,
              int incx) {
  cblas_ctrsv(CblasColMajor, u, t, d, n, a, lda, x, incx);
}
void ref_trsv(CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int n, const cuDoubleComplex* a, int lda,
              cuDoubleComplex* x, int incx) {
  cblas_ztrsv(CblasColMajor, u, t, d, n, a, lda, x, incx);
}
void ref_trsm(CBLAS_SIDE s, CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int m, int n, float alpha, const float* a,
              int lda, float* b, int ldb) {
  cblas_strsm(CblasColMajor, s, u, t, d, m, n, alpha, a, lda, b, ldb);
}
void ref_trsm(CBLAS_SIDE s, CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int m, int n, double alpha,
              const double* a, int lda, double* b, int ldb) {
  cblas_dtrsm(CblasColMajor, s, u, t, d, m, n, alpha, a, lda, b, ldb);
}
void ref_trsm(CBLAS_SIDE s, CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int m, int n, cuComplex alpha,
              const cuComplex* a, int lda, cuComplex* b, int ldb) {
  cblas_ctrsm(CblasColMajor, s, u, t, d, m, n, &alpha, a, lda, b, ldb);
}
void ref_trsm(CBLAS_SIDE s, CBLAS_UPLO u, CBLAS_TRANSPOSE t, CBLAS_DIAG d, int m, int n, cuDoubleComplex alpha,
              const cuDoubleComplex* a, int lda, cuDoubleComplex* b, int ldb) {
  cblas_ztrsm(CblasColMajor, s, u, t, d, m, n, &alpha, a, lda, b, ldb);
}

bool is_complex_type(float) { return false; }
bool is_complex_type(double) { return false; }
bool is_complex_type(cuComplex) { return true; }
bool is_complex_type(cuDoubleComplex) { return true; }

// A random n x n matrix (leading dimension lda) whose stored triangle is random, its other triangle NaN
// (and its diagonal too where `diag` says the diagonal is not read). `dominant` makes it well conditioned
// for solves: off-diagonal entries shrink to 1/n, the diagonal grows past 1.
template <typename Elem>
std::vector<Elem> stored_triangle(int n, int lda, cublasFillMode_t uplo, cublasDiagType_t diag, bool dominant) {
  std::vector<Elem> a = random_vector<Elem>(size_t(lda) * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      Elem& e = a[i + size_t(j) * lda];
      bool stored = uplo == CUBLAS_FILL_MODE_LOWER ? i >= j : i <= j;
      if (!stored || (i == j && diag == CUBLAS_DIAG_UNIT)) e = poisoned<Elem>();
      else if (dominant) e = from_complex<Elem>(i == j ? as_complex(e) + 2.0 : as_complex(e) / double(n));
    }
  return a;
}

// The dense n x n matrix (leading dimension n) the stored triangle stands for.
template <typename Elem>
std::vector<Elem> expand(const std::vector<Elem>& a, int n, int lda, Kind kind, cublasFillMode_t uplo,
                         cublasDiagType_t diag) {
  std::vector<Elem> full(size_t(n) * n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      bool stored = uplo == CUBLAS_FILL_MODE_LOWER ? i >= j : i <= j;
      std::complex<double> here = as_complex(a[i + size_t(j) * lda]), mirror = as_complex(a[j + size_t(i) * lda]);
      std::complex<double> v;
      if (kind == Kind::Triangular) v = !stored ? 0.0 : i == j && diag == CUBLAS_DIAG_UNIT ? 1.0 : here;
      else if (kind == Kind::Symmetric) v = stored ? here : mirror;
      else v = i == j ? std::complex<double>(here.real(), 0) : stored ? here : std::conj(mirror);
      full[i + size_t(j) * n] = from_complex<Elem>(v);
    }
  return full;
}

const cublasFillMode_t kFills[] = {CUBLAS_FILL_MODE_LOWER, CUBLAS_FILL_MODE_UPPER};
const cublasOperation_t kOps[] = {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C};
const cublasDiagType_t kDiags[] = {CUBLAS_DIAG_NON_UNIT, CUBLAS_DIAG_UNIT};
const cublasSideMode_t kSides[] = {CUBLAS_SIDE_LEFT, CUBLAS_SIDE_RIGHT};

template <typename Elem>
void check_level2(cublasHandle_t handle, const char* type) {
  const int n = 77, lda = n + 3;
  char what[96];
  for (cublasFillMode_t uplo : kFills)
    for (int inc : {1, -2}) {
      size_t len = size_t(n) * std::abs(inc);
      // symv and hemv
      for (Kind kind : {Kind::Symmetric, Kind::Hermitian}) {
        if (kind == Kind::Hermitian && !is_complex_type(Elem{})) continue;
        std::vector<Elem> a = stored_triangle<Elem>(n, lda, uplo, CUBLAS_DIAG_NON_UNIT, false);
        std::vector<Elem> x = random_vector<Elem>(len), y = random_vector<Elem>(len);
        Elem alpha, beta;
        random_fill(alpha);
        random_fill(beta);
        Elem* da = to_device(a);
        Elem* dx = to_device(x);
        Elem* dy = to_device(y);
        EXPECT_BLAS(lib_symv(handle, kind, uplo, n, &alpha, da, lda, dx, inc, &beta, dy, inc));
        std::vector<Elem> full = expand(a, n, lda, kind, uplo, CUBLAS_DIAG_NON_UNIT), want = y;
        ref_gemv(CblasNoTrans, n, n, alpha, full.data(), n, x.data(), inc, beta, want.data(), inc);
        snprintf(what, sizeof what, "%s%s %s inc=%d", type, kind == Kind::Symmetric ? "symv" : "hemv",
                 uplo == CUBLAS_FILL_MODE_LOWER ? "L" : "U", inc);
        expect_close(what, from_device(dy, len), want, tolerance<Elem>(n + 4), std::sqrt(double(n)) + 1);
        cudaFree(da);
        cudaFree(dx);
        cudaFree(dy);
      }
      // trmv and trsv
      for (cublasOperation_t op : kOps)
        for (cublasDiagType_t diag : kDiags) {
          std::vector<Elem> a = stored_triangle<Elem>(n, lda, uplo, diag, true);
          std::vector<Elem> x = random_vector<Elem>(len);
          Elem* da = to_device(a);
          Elem* dx = to_device(x);
          EXPECT_BLAS(lib_trmv(handle, uplo, op, diag, n, da, lda, dx, inc));
          std::vector<Elem> full = expand(a, n, lda, Kind::Triangular, uplo, diag), want = x;
          Elem one = scalar_of<Elem>(1), zero_value = scalar_of<Elem>(0);
          ref_gemv(cblas_op(op), n, n, one, full.data(), n, x.data(), inc, zero_value, want.data(), inc);
          snprintf(what, sizeof what, "%strmv %s%s%s inc=%d", type, uplo == CUBLAS_FILL_MODE_LOWER ? "L" : "U",
                   op_name(op), diag == CUBLAS_DIAG_UNIT ? "U" : "N", inc);
          expect_close(what, from_device(dx, len), want, tolerance<Elem>(n + 4), std::sqrt(double(n)) + 1);
          EXPECT_OK(cudaMemcpy(dx, x.data(), len * sizeof(Elem), cudaMemcpyHostToDevice));
          EXPECT_BLAS(lib_trsv(handle, uplo, op, diag, n, da, lda, dx, inc));
          want = x;
          ref_trsv(cblas_uplo(uplo), cblas_op(op), cblas_diag(diag), n, a.data(), lda, want.data(), inc);
          snprintf(what, sizeof what, "%strsv %s%s%s inc=%d", type, uplo == CUBLAS_FILL_MODE_LOWER ? "L" : "U",
                   op_name(op), diag == CUBLAS_DIAG_UNIT ? "U" : "N", inc);
          expect_close(what, from_device(dx, len), want, tolerance<Elem>(4 * n), 1);
          cudaFree(da);
          cudaFree(dx);
        }
    }
}

template <typename Elem>
void check_level3(cublasHandle_t handle, const char* type) {
  const int m = 70, n = 45;
  char what[96];
  Elem one = scalar_of<Elem>(1), zero_value = scalar_of<Elem>(0);
  for (cublasFillMode_t uplo : kFills) {
    const char* u = uplo == CUBLAS_FILL_MODE_LOWER ? "L" : "U";
    // symm and hemm
    for (Kind kind : {Kind::Symmetric, Kind::Hermitian})
      for (cublasSideMode_t side : kSides) {
        if (kind == Kind::Hermitian && !is_complex_type(Elem{})) continue;
        int ka = side == CUBLAS_SIDE_LEFT ? m : n, lda = ka + 2, ldb = m + 1, ldc = m + 3;
        std::vector<Elem> a = stored_triangle<Elem>(ka, lda, uplo, CUBLAS_DIAG_NON_UNIT, false);
        std::vector<Elem> b = random_vector<Elem>(size_t(ldb) * n), c = random_vector<Elem>(size_t(ldc) * n);
        Elem alpha, beta;
        random_fill(alpha);
        random_fill(beta);
        Elem* da = to_device(a);
        Elem* db = to_device(b);
        Elem* dc = to_device(c);
        EXPECT_BLAS(lib_symm(handle, kind, side, uplo, m, n, &alpha, da, lda, db, ldb, &beta, dc, ldc));
        std::vector<Elem> full = expand(a, ka, lda, kind, uplo, CUBLAS_DIAG_NON_UNIT), want = c;
        if (side == CUBLAS_SIDE_LEFT)
          ref_gemm(CblasNoTrans, CblasNoTrans, m, n, m, alpha, full.data(), m, b.data(), ldb, beta, want.data(), ldc);
        else
          ref_gemm(CblasNoTrans, CblasNoTrans, m, n, n, alpha, b.data(), ldb, full.data(), n, beta, want.data(), ldc);
        snprintf(what, sizeof what, "%s%s %s %s", type, kind == Kind::Symmetric ? "symm" : "hemm",
                 side == CUBLAS_SIDE_LEFT ? "left" : "right", u);
        expect_close(what, from_device(dc, c.size()), want, tolerance<Elem>(m + 4), std::sqrt(double(m)) + 1);
        cudaFree(da);
        cudaFree(db);
        cudaFree(dc);
      }
    // syrk: the other triangle of C keeps its values.
    for (cublasOperation_t op : {CUBLAS_OP_N, CUBLAS_OP_T}) {
      const int k = 33, lda = (op == CUBLAS_OP_N ? m : k) + 1, ldc = m + 2;
      std::vector<Elem> a = random_vector<Elem>(size_t(lda) * (op == CUBLAS_OP_N ? k : m));
      std::vector<Elem> c = random_vector<Elem>(size_t(ldc) * m);
      Elem alpha, beta;
      random_fill(alpha);
      random_fill(beta);
      Elem* da = to_device(a);
      Elem* dc = to_device(c);
      EXPECT_BLAS(lib_syrk(handle, uplo, op, m, k, &alpha, da, lda, &beta, dc, ldc));
      std::vector<Elem> want = c;
      ref_gemm(cblas_op(op), op == CUBLAS_OP_N ? CblasTrans : CblasNoTrans, m, m, k, alpha, a.data(), lda, a.data(),
               lda, beta, want.data(), ldc);
      for (int j = 0; j < m; ++j)
        for (int i = 0; i < m; ++i)
          if (uplo == CUBLAS_FILL_MODE_LOWER ? i < j : i > j) want[i + size_t(j) * ldc] = c[i + size_t(j) * ldc];
      snprintf(what, sizeof what, "%ssyrk %s%s", type, u, op_name(op));
      expect_close(what, from_device(dc, c.size()), want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);
      // syr2k: alpha (op(A) op(B)^T + op(B) op(A)^T) + beta C in the same triangle.
      std::vector<Elem> b = random_vector<Elem>(a.size());
      Elem* db = to_device(b);
      EXPECT_OK(cudaMemcpy(dc, c.data(), c.size() * sizeof(Elem), cudaMemcpyHostToDevice));
      EXPECT_BLAS(lib_syr2k(handle, uplo, op, m, k, &alpha, da, lda, db, lda, &beta, dc, ldc));
      want = c;
      CBLAS_TRANSPOSE second = op == CUBLAS_OP_N ? CblasTrans : CblasNoTrans;
      ref_gemm(cblas_op(op), second, m, m, k, alpha, a.data(), lda, b.data(), lda, beta, want.data(), ldc);
      ref_gemm(cblas_op(op), second, m, m, k, alpha, b.data(), lda, a.data(), lda, one, want.data(), ldc);
      for (int j = 0; j < m; ++j)
        for (int i = 0; i < m; ++i)
          if (uplo == CUBLAS_FILL_MODE_LOWER ? i < j : i > j) want[i + size_t(j) * ldc] = c[i + size_t(j) * ldc];
      snprintf(what, sizeof what, "%ssyr2k %s%s", type, u, op_name(op));
      expect_close(what, from_device(dc, c.size()), want, tolerance<Elem>(2 * k + 4), std::sqrt(double(k)) + 1);
      cudaFree(db);
      cudaFree(da);
      cudaFree(dc);
    }
    // trmm (out of place, then in place) and trsm
    for (cublasSideMode_t side : kSides)
      for (cublasOperation_t op : kOps)
        for (cublasDiagType_t diag : kDiags) {
          int ka = side == CUBLAS_SIDE_LEFT ? m : n, lda = ka + 1, ldb = m + 2, ldc = m + 1;
          std::vector<Elem> a = stored_triangle<Elem>(ka, lda, uplo, diag, true);
          std::vector<Elem> b = random_vector<Elem>(size_t(ldb) * n);
          Elem alpha;
          random_fill(alpha);
          Elem* da = to_device(a);
          Elem* db = to_device(b);
          Elem* dc = nullptr;
          EXPECT_OK(cudaMalloc(&dc, size_t(ldc) * n * sizeof(Elem)));
          std::vector<Elem> full = expand(a, ka, lda, Kind::Triangular, uplo, diag);
          std::vector<Elem> want(size_t(ldc) * n, zero_value), want_in_place = b;
          if (side == CUBLAS_SIDE_LEFT) {
            ref_gemm(cblas_op(op), CblasNoTrans, m, n, m, alpha, full.data(), m, b.data(), ldb, zero_value,
                     want.data(), ldc);
            ref_gemm(cblas_op(op), CblasNoTrans, m, n, m, alpha, full.data(), m, b.data(), ldb, zero_value,
                     want_in_place.data(), ldb);
          } else {
            ref_gemm(CblasNoTrans, cblas_op(op), m, n, n, alpha, b.data(), ldb, full.data(), n, zero_value,
                     want.data(), ldc);
            ref_gemm(CblasNoTrans, cblas_op(op), m, n, n, alpha, b.data(), ldb, full.data(), n, zero_value,
                     want_in_place.data(), ldb);
          }
          for (int j = 0; j < n; ++j)  // rows past m of the in-place B keep their values
            for (int i = m; i < ldb; ++i) want_in_place[i + size_t(j) * ldb] = b[i + size_t(j) * ldb];
          const char* s = side == CUBLAS_SIDE_LEFT ? "left" : "right";
          const char* d = diag == CUBLAS_DIAG_UNIT ? "U" : "N";
          std::vector<Elem> got = from_device(dc, want.size());
          for (int j = 0; j < n; ++j)
            for (int i = m; i < ldc; ++i) got[i + size_t(j) * ldc] = zero_value;  // never written
          EXPECT_BLAS(lib_trmm(handle, side, uplo, op, diag, m, n, &alpha, da, lda, db, ldb, dc, ldc));
          got = from_device(dc, want.size());
          for (int j = 0; j < n; ++j)
            for (int i = m; i < ldc; ++i) got[i + size_t(j) * ldc] = zero_value;
          snprintf(what, sizeof what, "%strmm %s %s%s%s", type, s, u, op_name(op), d);
          expect_close(what, got, want, tolerance<Elem>(ka + 4), std::sqrt(double(ka)) + 1);
          EXPECT_BLAS(lib_trmm(handle, side, uplo, op, diag, m, n, &alpha, da, lda, db, ldb, db, ldb));
          snprintf(what, sizeof what, "%strmm in place %s %s%s%s", type, s, u, op_name(op), d);
          expect_close(what, from_device(db, b.size()), want_in_place, tolerance<Elem>(ka + 4),
                       std::sqrt(double(ka)) + 1);
          // trsm of the original B.
          EXPECT_OK(cudaMemcpy(db, b.data(), b.size() * sizeof(Elem), cudaMemcpyHostToDevice));
          EXPECT_BLAS(lib_trsm(handle, side, uplo, op, diag, m, n, &alpha, da, lda, db, ldb));
          std::vector<Elem> solved = b;
          ref_trsm(cblas_side(side), cblas_uplo(uplo), cblas_op(op), cblas_diag(diag), m, n, alpha, a.data(), lda,
                   solved.data(), ldb);
          snprintf(what, sizeof what, "%strsm %s %s%s%s", type, s, u, op_name(op), d);
          expect_close(what, from_device(db, b.size()), solved, tolerance<Elem>(4 * ka), 1);
          cudaFree(da);
          cudaFree(db);
          cudaFree(dc);
        }
  }
}

void check_errors(cublasHandle_t handle) {
  float* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 4096 * sizeof(float)));
  float one = 1;
  const cublasStatus_t invalid = CUBLAS_STATUS_INVALID_VALUE;
  EXPECT_STATUS(invalid, cublasSsymv(handle, CUBLAS_FILL_MODE_FULL, 4, &one, d, 4, d, 1, &one, d, 1));
  EXPECT_STATUS(invalid, cublasStrsv(handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, (cublasDiagType_t)2, 4, d, 4, d, 1));
  EXPECT_STATUS(invalid, cublasStrsv(handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, CUBLAS_DIAG_UNIT, 4, d, 3, d, 1));
  EXPECT_STATUS(invalid, cublasStrsm(handle, CUBLAS_SIDE_RIGHT, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, CUBLAS_DIAG_UNIT,
                                     8, 6, &one, d, 5, d, 8));
  EXPECT_STATUS(invalid, cublasSsyrk(handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_T, 8, 6, &one, d, 5, &one, d, 8));
  EXPECT_STATUS(invalid, cublasSsyr2k(handle, CUBLAS_FILL_MODE_UPPER, CUBLAS_OP_N, 8, 6, &one, d, 8, d, 7, &one, d, 8));
  EXPECT_STATUS(invalid, cublasCsyrk(handle, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_C, 8, 6, (cuComplex*)d, (cuComplex*)d,
                                     8, (cuComplex*)d, (cuComplex*)d, 8));
  EXPECT_STATUS(invalid, cublasStrmm(handle, (cublasSideMode_t)3, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N,
                                     CUBLAS_DIAG_UNIT, 8, 6, &one, d, 8, d, 8, d, 8));
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED, cublasSsymm(nullptr, CUBLAS_SIDE_LEFT, CUBLAS_FILL_MODE_LOWER, 4, 4,
                                                           &one, d, 4, d, 4, &one, d, 4));
  cudaFree(d);
}

}  // namespace

int main() {
  cublasHandle_t handle = nullptr;
  EXPECT_BLAS(cublasCreate(&handle));
  for_each_blas_type([&](auto elem, const char* type) { check_level2<decltype(elem)>(handle, type); });
  for_each_blas_type([&](auto elem, const char* type) { check_level3<decltype(elem)>(handle, type); });
  check_errors(handle);
  EXPECT_BLAS(cublasDestroy(handle));
  return check_result();
}
