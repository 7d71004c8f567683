// cuBLAS batched LU for s/d/c/z: getrfBatched against LAPACK's getrf (OpenBLAS; same pivots, factors within
// rounding), without pivoting, with a singular matrix (info); getrsBatched and getriBatched checked by
// residuals through OpenBLAS's gemm (A X = B, A A^-1 = I); bad arguments.
#include "blas_check.h"

extern "C" {
void sgetrf_(const int* m, const int* n, float* a, const int* lda, int* ipiv, int* info);
void dgetrf_(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info);
void cgetrf_(const int* m, const int* n, cuComplex* a, const int* lda, int* ipiv, int* info);
void zgetrf_(const int* m, const int* n, cuDoubleComplex* a, const int* lda, int* ipiv, int* info);
}

namespace {

void ref_getrf(int n, float* a, int lda, int* ipiv, int* info) { sgetrf_(&n, &n, a, &lda, ipiv, info); }
void ref_getrf(int n, double* a, int lda, int* ipiv, int* info) { dgetrf_(&n, &n, a, &lda, ipiv, info); }
void ref_getrf(int n, cuComplex* a, int lda, int* ipiv, int* info) { cgetrf_(&n, &n, a, &lda, ipiv, info); }
void ref_getrf(int n, cuDoubleComplex* a, int lda, int* ipiv, int* info) { zgetrf_(&n, &n, a, &lda, ipiv, info); }

template <typename Elem>
cublasStatus_t lib_getrf(cublasHandle_t h, int n, Elem* const* a, int lda, int* p, int* info, int count) {
  CANOPY_TEST_BY_TYPE(cublasSgetrfBatched(h, n, a, lda, p, info, count), cublasDgetrfBatched(h, n, a, lda, p, info, count),
                      cublasCgetrfBatched(h, n, a, lda, p, info, count), cublasZgetrfBatched(h, n, a, lda, p, info, count))
}
template <typename Elem>
cublasStatus_t lib_getrs(cublasHandle_t h, cublasOperation_t t, int n, int nrhs, const Elem* const* a, int lda,
                         const int* p, Elem* const* b, int ldb, int* info, int count) {
  CANOPY_TEST_BY_TYPE(cublasSgetrsBatched(h, t, n, nrhs, a, lda, p, b, ldb, info, count),
                      cublasDgetrsBatched(h, t, n, nrhs, a, lda, p, b, ldb, info, count),
                      cublasCgetrsBatched(h, t, n, nrhs, a, lda, p, b, ldb, info, count),
                      cublasZgetrsBatched(h, t, n, nrhs, a, lda, p, b, ldb, info, count))
}
template <typename Elem>
cublasStatus_t lib_getri(cublasHandle_t h, int n, const Elem* const* a, int lda, const int* p, Elem* const* c,
                         int ldc, int* info, int count) {
  CANOPY_TEST_BY_TYPE(cublasSgetriBatched(h, n, a, lda, p, c, ldc, info, count),
                      cublasDgetriBatched(h, n, a, lda, p, c, ldc, info, count),
                      cublasCgetriBatched(h, n, a, lda, p, c, ldc, info, count),
                      cublasZgetriBatched(h, n, a, lda, p, c, ldc, info, count))
}

// Device copies of `count` matrices of `size` elements each, and the device array of their addresses.
template <typename Elem>
Elem** pointer_array(Elem* base, int count, size_t size) {
  std::vector<Elem*> p(count);
  for (int i = 0; i < count; ++i) p[i] = base + i * size;
  return to_device(p);
}

template <typename Elem>
void check_type(cublasHandle_t handle, const char* type) {
  const int n = 40, lda = 43, count = 4, nrhs = 7, ldb = 41;
  const size_t size = size_t(lda) * n;
  std::vector<Elem> a = random_vector<Elem>(size * count);
  Elem* da = to_device(a);
  Elem** pa = pointer_array(da, count, size);
  int* dp = nullptr;
  int* dinfo = nullptr;
  EXPECT_OK(cudaMalloc(&dp, sizeof(int) * n * count));
  EXPECT_OK(cudaMalloc(&dinfo, sizeof(int) * count));
  EXPECT_BLAS(lib_getrf(handle, n, pa, lda, dp, dinfo, count));
  std::vector<Elem> lu = from_device(da, a.size());
  std::vector<int> pivots = from_device(dp, size_t(n) * count), infos = from_device(dinfo, count);
  char what[64];
  for (int b = 0; b < count; ++b) {
    std::vector<Elem> want(a.begin() + b * size, a.begin() + (b + 1) * size);
    std::vector<int> want_pivots(n);
    int want_info = -1;
    ref_getrf(n, want.data(), lda, want_pivots.data(), &want_info);
    EXPECT(infos[b] == want_info);
    EXPECT(std::equal(want_pivots.begin(), want_pivots.end(), pivots.begin() + b * n));
    snprintf(what, sizeof what, "%sgetrfBatched matrix %d", type, b);
    expect_close(what, std::vector<Elem>(lu.begin() + b * size, lu.begin() + (b + 1) * size), want,
                 tolerance<Elem>(4 * n), 4);
  }

  // getrs: A X = B and A^T X = B (A^H X = B for complex) through the factors; residuals against gemm.
  std::vector<Elem> rhs = random_vector<Elem>(size_t(ldb) * nrhs * count);
  for (cublasOperation_t op : {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C}) {
    Elem* db = to_device(rhs);
    Elem** pb = pointer_array(db, count, size_t(ldb) * nrhs);
    int info = 1;
    EXPECT_BLAS(lib_getrs(handle, op, n, nrhs, (const Elem* const*)pa, lda, dp, pb, ldb, &info, count));
    EXPECT(info == 0);
    std::vector<Elem> x = from_device(db, rhs.size());
    for (int b = 0; b < count; ++b) {
      std::vector<Elem> ax(size_t(ldb) * nrhs, scalar_of<Elem>(0));
      ref_gemm(cblas_op(op), CblasNoTrans, n, nrhs, n, scalar_of<Elem>(1), a.data() + b * size, lda,
               x.data() + b * size_t(ldb) * nrhs, ldb, scalar_of<Elem>(0), ax.data(), ldb);
      std::vector<Elem> want(rhs.begin() + b * size_t(ldb) * nrhs, rhs.begin() + (b + 1) * size_t(ldb) * nrhs);
      for (int j = 0; j < nrhs; ++j)
        for (int i = n; i < ldb; ++i) ax[i + size_t(j) * ldb] = want[i + size_t(j) * ldb];
      snprintf(what, sizeof what, "%sgetrsBatched %s matrix %d: A x - b", type, op_name(op), b);
      expect_close(what, ax, want, tolerance<Elem>(40 * n), 4);
    }
    cudaFree(pb);
    cudaFree(db);
  }

  // getri: A A^-1 = I.
  const int ldc = n + 1;
  Elem* dc = nullptr;
  EXPECT_OK(cudaMalloc(&dc, sizeof(Elem) * ldc * n * count));
  Elem** pc = pointer_array(dc, count, size_t(ldc) * n);
  EXPECT_BLAS(lib_getri(handle, n, (const Elem* const*)pa, lda, dp, pc, ldc, dinfo, count));
  std::vector<Elem> inverse = from_device(dc, size_t(ldc) * n * count);
  infos = from_device(dinfo, count);
  for (int b = 0; b < count; ++b) {
    EXPECT(infos[b] == 0);
    std::vector<Elem> product(size_t(n) * n, scalar_of<Elem>(0)), identity(size_t(n) * n, scalar_of<Elem>(0));
    for (int i = 0; i < n; ++i) identity[i + size_t(i) * n] = scalar_of<Elem>(1);
    ref_gemm(CblasNoTrans, CblasNoTrans, n, n, n, scalar_of<Elem>(1), a.data() + b * size, lda,
             inverse.data() + b * size_t(ldc) * n, ldc, scalar_of<Elem>(0), product.data(), n);
    snprintf(what, sizeof what, "%sgetriBatched matrix %d: A A^-1 - I", type, b);
    expect_close(what, product, identity, tolerance<Elem>(40 * n), 4);
  }
  cudaFree(pc);
  cudaFree(dc);
  cudaFree(pa);
  cudaFree(da);
  cudaFree(dp);
  cudaFree(dinfo);
}

void check_special(cublasHandle_t handle) {
  // Without pivoting on a diagonally dominant matrix: L U = A with no row exchanges.
  const int n = 16;
  std::vector<double> a = random_vector<double>(n * n);
  for (int i = 0; i < n; ++i) a[i + i * n] += n;
  double* da = to_device(a);
  double** pa = pointer_array(da, 1, n * n);
  int* dinfo = nullptr;
  EXPECT_OK(cudaMalloc(&dinfo, sizeof(int)));
  EXPECT_BLAS(cublasDgetrfBatched(handle, n, pa, n, nullptr, dinfo, 1));
  std::vector<double> lu = from_device(da, n * n);
  std::vector<double> l(n * n, 0.0), u(n * n, 0.0), product(n * n, 0.0);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      if (i > j) l[i + j * n] = lu[i + j * n];
      else u[i + j * n] = lu[i + j * n];
      if (i == j) l[i + j * n] = 1;
    }
  cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, l.data(), n, u.data(), n, 0.0, product.data(), n);
  expect_close("dgetrfBatched without pivoting: L U - A", product, a, 1e-13, n);
  EXPECT(from_device(dinfo, 1)[0] == 0);

  // A singular matrix: info names the first zero pivot (1-based), as LAPACK's getrf does.
  std::vector<double> singular(n * n, 0.0);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) singular[i + j * n] = (j == 5) ? 0.0 : double((i + 1) * (j + 2) % 7) + (i == j ? 9 : 0);
  EXPECT_OK(cudaMemcpy(da, singular.data(), sizeof(double) * n * n, cudaMemcpyHostToDevice));
  int* dp = nullptr;
  EXPECT_OK(cudaMalloc(&dp, sizeof(int) * n));
  EXPECT_BLAS(cublasDgetrfBatched(handle, n, pa, n, dp, dinfo, 1));
  std::vector<int> want_pivots(n);
  int want_info = 0;
  dgetrf_(&n, &n, singular.data(), &n, want_pivots.data(), &want_info);
  int got_info = from_device(dinfo, 1)[0];
  // Its columns repeat magnitudes: the first of equal candidates is the pivot, as in LAPACK.
  std::vector<int> got_pivots = from_device(dp, n);
  EXPECT(got_pivots == want_pivots);
  if (got_info != want_info || want_info == 0) {
    fprintf(stderr, "singular dgetrfBatched: info %d, LAPACK %d\n", got_info, want_info);
    ++failures;
  }

  // Bad arguments.
  int info = 0;
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasDgetrfBatched(handle, n, pa, n - 1, dp, dinfo, 1));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasDgetrfBatched(handle, -1, pa, n, dp, dinfo, 1));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE,
                cublasDgetrsBatched(handle, CUBLAS_OP_N, n, 1, (const double* const*)pa, n, dp, pa, n - 1, &info, 1));
  EXPECT(info == -9);
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED, cublasDgetrfBatched(nullptr, n, pa, n, dp, dinfo, 1));
  cudaFree(pa);
  cudaFree(da);
  cudaFree(dp);
  cudaFree(dinfo);
}

}  // namespace

int main() {
  cublasHandle_t handle = nullptr;
  EXPECT_BLAS(cublasCreate(&handle));
  for_each_blas_type([&](auto elem, const char* type) { check_type<decltype(elem)>(handle, type); });
  check_special(handle);
  EXPECT_BLAS(cublasDestroy(handle));
  return check_result();
}
