// cuBLAS gemm (plain, strided-batched, batched), geam and dgmm for s/d/c/z against OpenBLAS (gemm) and
// loops written here (geam, dgmm): every transpose pair, edge tiles, k = 0, alpha = 0 and beta = 0 with
// NaNs where nothing may be read, device pointer mode, bad arguments.
#include "blas_check.h"

namespace {

#define CANOPY_TEST_GEMM_FORMS(prefix, Elem)                                                                        \
  cublasStatus_t lib_gemm(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,         \
                          const Elem* alpha, const Elem* a, int lda, const Elem* b, int ldb, const Elem* beta,       \
                          Elem* c, int ldc) {                                                                        \
    return cublas##prefix##gemm(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);                           \
  }                                                                                                                  \
  cublasStatus_t lib_gemm_strided(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k, \
                                  const Elem* alpha, const Elem* a, int lda, long long sa, const Elem* b, int ldb,   \
                                  long long sb, const Elem* beta, Elem* c, int ldc, long long sc, int count) {       \
    return cublas##prefix##gemmStridedBatched(h, ta, tb, m, n, k, alpha, a, lda, sa, b, ldb, sb, beta, c, ldc, sc,  \
                                              count);                                                               \
  }                                                                                                                  \
  cublasStatus_t lib_gemm_batched(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k, \
                                  const Elem* alpha, const Elem* const* a, int lda, const Elem* const* b, int ldb,   \
                                  const Elem* beta, Elem* const* c, int ldc, int count) {                            \
    return cublas##prefix##gemmBatched(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, count);             \
  }                                                                                                                  \
  cublasStatus_t lib_geam(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n,                \
                          const Elem* alpha, const Elem* a, int lda, const Elem* beta, const Elem* b, int ldb,       \
                          Elem* c, int ldc) {                                                                        \
    return cublas##prefix##geam(h, ta, tb, m, n, alpha, a, lda, beta, b, ldb, c, ldc);                              \
  }                                                                                                                  \
  cublasStatus_t lib_dgmm(cublasHandle_t h, cublasSideMode_t mode, int m, int n, const Elem* a, int lda,            \
                          const Elem* x, int incx, Elem* c, int ldc) {                                               \
    return cublas##prefix##dgmm(h, mode, m, n, a, lda, x, incx, c, ldc);                                            \
  }
CANOPY_TEST_GEMM_FORMS(S, float)
CANOPY_TEST_GEMM_FORMS(D, double)
CANOPY_TEST_GEMM_FORMS(C, cuComplex)
CANOPY_TEST_GEMM_FORMS(Z, cuDoubleComplex)
#undef CANOPY_TEST_GEMM_FORMS

struct Shape {
  int m, n, k;
};

template <typename Elem>
void check_gemm(cublasHandle_t handle, const char* type) {
  const Shape shapes[] = {{1, 1, 1}, {70, 65, 33}, {130, 64, 257}, {64, 129, 16}, {5, 3, 0}};
  const cublasOperation_t ops[] = {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C};
  for (Shape sh : shapes)
    for (cublasOperation_t ta : ops)
      for (cublasOperation_t tb : ops) {
        bool real_only = sizeof(Elem) == sizeof(float) || std::is_same_v<Elem, double>;
        if (real_only && (ta == CUBLAS_OP_C || tb == CUBLAS_OP_C) && !(sh.m == 70)) continue;
        int ar = ta == CUBLAS_OP_N ? sh.m : sh.k, ac = ta == CUBLAS_OP_N ? sh.k : sh.m;
        int br = tb == CUBLAS_OP_N ? sh.k : sh.n, bc = tb == CUBLAS_OP_N ? sh.n : sh.k;
        int lda = (ar > 1 ? ar : 1) + 3, ldb = (br > 1 ? br : 1) + 1, ldc = sh.m + 2;
        std::vector<Elem> a = random_vector<Elem>(size_t(lda) * (ac > 0 ? ac : 1));
        std::vector<Elem> b = random_vector<Elem>(size_t(ldb) * (bc > 0 ? bc : 1));
        std::vector<Elem> c = random_vector<Elem>(size_t(ldc) * sh.n);
        Elem alpha, beta;
        random_fill(alpha);
        random_fill(beta);
        Elem* da = to_device(a);
        Elem* db = to_device(b);
        Elem* dc = to_device(c);
        EXPECT_BLAS(lib_gemm(handle, ta, tb, sh.m, sh.n, sh.k, &alpha, da, lda, db, ldb, &beta, dc, ldc));
        std::vector<Elem> want = c;
        ref_gemm(cblas_op(ta), cblas_op(tb), sh.m, sh.n, sh.k, alpha, a.data(), lda, b.data(), ldb, beta, want.data(),
                 ldc);
        char what[96];
        snprintf(what, sizeof what, "%sgemm %s%s m=%d n=%d k=%d", type, op_name(ta), op_name(tb), sh.m, sh.n, sh.k);
        expect_close(what, from_device(dc, c.size()), want, tolerance<Elem>(sh.k + 4), std::sqrt(double(sh.k)) + 1);
        cudaFree(da);
        cudaFree(db);
        cudaFree(dc);
      }

  // beta = 0: C is only written (NaNs there vanish); alpha = 0: A and B are not read; k = 0 scales C.
  const int m = 67, n = 66, k = 40;
  std::vector<Elem> a = random_vector<Elem>(size_t(m) * k), b = random_vector<Elem>(size_t(k) * n);
  std::vector<Elem> c(size_t(m) * n, poisoned<Elem>());
  Elem* da = to_device(a);
  Elem* db = to_device(b);
  Elem* dc = to_device(c);
  Elem one = scalar_of<Elem>(1), zero_value = scalar_of<Elem>(0), two = scalar_of<Elem>(2);
  EXPECT_BLAS(lib_gemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &one, da, m, db, k, &zero_value, dc, m));
  std::vector<Elem> want(size_t(m) * n, zero_value);
  ref_gemm(CblasNoTrans, CblasNoTrans, m, n, k, one, a.data(), m, b.data(), k, zero_value, want.data(), m);
  char what[64];
  snprintf(what, sizeof what, "%sgemm beta=0 over NaN", type);
  expect_close(what, from_device(dc, want.size()), want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);
  std::vector<Elem> nan_a(a.size(), poisoned<Elem>());
  EXPECT_OK(cudaMemcpy(da, nan_a.data(), nan_a.size() * sizeof(Elem), cudaMemcpyHostToDevice));
  EXPECT_BLAS(lib_gemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &zero_value, da, m, db, k, &two, dc, m));
  for (Elem& w : want) w = from_complex<Elem>(as_complex(w) * 2.0);
  snprintf(what, sizeof what, "%sgemm alpha=0 over NaN", type);
  expect_close(what, from_device(dc, want.size()), want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);
  EXPECT_BLAS(lib_gemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, 0, &one, da, m, db, 1, &two, dc, m));
  for (Elem& w : want) w = from_complex<Elem>(as_complex(w) * 2.0);
  snprintf(what, sizeof what, "%sgemm k=0", type);
  expect_close(what, from_device(dc, want.size()), want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
}

// Strided-batched and pointer-array batched: each product of the batch against the reference.
template <typename Elem>
void check_batched(cublasHandle_t handle, const char* type) {
  const int m = 33, n = 20, k = 17, count = 5;
  const long long sa = m * k + 7, sb = k * n + 3, sc = m * n + 1;
  std::vector<Elem> a = random_vector<Elem>(sa * count), b = random_vector<Elem>(sb * count);
  std::vector<Elem> c = random_vector<Elem>(sc * count);
  Elem alpha, beta;
  random_fill(alpha);
  random_fill(beta);
  std::vector<Elem> want = c;
  for (int i = 0; i < count; ++i)
    ref_gemm(CblasTrans, CblasNoTrans, m, n, k, alpha, a.data() + i * sa, k, b.data() + i * sb, k, beta,
             want.data() + i * sc, m);
  Elem* da = to_device(a);
  Elem* db = to_device(b);
  Elem* dc = to_device(c);
  EXPECT_BLAS(lib_gemm_strided(handle, CUBLAS_OP_T, CUBLAS_OP_N, m, n, k, &alpha, da, k, sa, db, k, sb, &beta, dc, m,
                               sc, count));
  char what[64];
  snprintf(what, sizeof what, "%sgemmStridedBatched", type);
  expect_close(what, from_device(dc, c.size()), want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);

  // The same products through arrays of pointers, in reverse order in memory.
  EXPECT_OK(cudaMemcpy(dc, c.data(), c.size() * sizeof(Elem), cudaMemcpyHostToDevice));
  std::vector<const Elem*> pa(count), pb(count);
  std::vector<Elem*> pc(count);
  for (int i = 0; i < count; ++i) pa[i] = da + i * sa, pb[i] = db + i * sb, pc[i] = dc + i * sc;
  const Elem** dpa = to_device(pa);
  const Elem** dpb = to_device(pb);
  Elem** dpc = to_device(pc);
  EXPECT_BLAS(lib_gemm_batched(handle, CUBLAS_OP_T, CUBLAS_OP_N, m, n, k, &alpha, dpa, k, dpb, k, &beta, dpc, m, count));
  snprintf(what, sizeof what, "%sgemmBatched", type);
  expect_close(what, from_device(dc, c.size()), want, tolerance<Elem>(k + 4), std::sqrt(double(k)) + 1);
  cudaFree(dpa);
  cudaFree(dpb);
  cudaFree(dpc);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
}

template <typename Elem>
void check_geam_dgmm(cublasHandle_t handle, const char* type) {
  const int m = 45, n = 38;
  const cublasOperation_t ops[] = {CUBLAS_OP_N, CUBLAS_OP_T, CUBLAS_OP_C};
  char what[64];
  for (cublasOperation_t ta : ops)
    for (cublasOperation_t tb : ops) {
      int lda = (ta == CUBLAS_OP_N ? m : n) + 1, ldb = (tb == CUBLAS_OP_N ? m : n) + 2, ldc = m;
      std::vector<Elem> a = random_vector<Elem>(size_t(lda) * (ta == CUBLAS_OP_N ? n : m));
      std::vector<Elem> b = random_vector<Elem>(size_t(ldb) * (tb == CUBLAS_OP_N ? n : m));
      Elem alpha, beta;
      random_fill(alpha);
      random_fill(beta);
      std::vector<Elem> want(size_t(ldc) * n);
      for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i)
          want[i + size_t(j) * ldc] = from_complex<Elem>(as_complex(alpha) * op_at(a, lda, ta, i, j) +
                                                         as_complex(beta) * op_at(b, ldb, tb, i, j));
      Elem* da = to_device(a);
      Elem* db = to_device(b);
      Elem* dc = nullptr;
      EXPECT_OK(cudaMalloc(&dc, want.size() * sizeof(Elem)));
      EXPECT_BLAS(lib_geam(handle, ta, tb, m, n, &alpha, da, lda, &beta, db, ldb, dc, ldc));
      snprintf(what, sizeof what, "%sgeam %s%s", type, op_name(ta), op_name(tb));
      expect_close(what, from_device(dc, want.size()), want, tolerance<Elem>(4));
      if (ta == CUBLAS_OP_N && tb == CUBLAS_OP_T) {
        // In place (C = A) is allowed when A is not transposed and lda = ldc; not otherwise.
        EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE,
                      lib_geam(handle, ta, tb, m, n, &alpha, da, lda, &beta, db, ldb, da, ldc));
        EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE,
                      lib_geam(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, &alpha, da, m, &beta, db, m + 1, db, m));
      }
      cudaFree(da);
      cudaFree(db);
      cudaFree(dc);
    }
  // dgmm both sides, with a negative increment on the right.
  std::vector<Elem> a = random_vector<Elem>(size_t(m) * n), x = random_vector<Elem>(2 * size_t(m > n ? m : n));
  Elem* da = to_device(a);
  Elem* dx = to_device(x);
  Elem* dc = nullptr;
  EXPECT_OK(cudaMalloc(&dc, a.size() * sizeof(Elem)));
  for (cublasSideMode_t side : {CUBLAS_SIDE_LEFT, CUBLAS_SIDE_RIGHT}) {
    int inc = side == CUBLAS_SIDE_LEFT ? 2 : -1;
    int len = side == CUBLAS_SIDE_LEFT ? m : n;
    std::vector<Elem> want(a.size());
    for (int j = 0; j < n; ++j)
      for (int i = 0; i < m; ++i) {
        int d = side == CUBLAS_SIDE_LEFT ? i : j;
        size_t xi = inc > 0 ? size_t(d) * inc : size_t(len - 1 - d) * -inc;
        want[i + size_t(j) * m] = from_complex<Elem>(as_complex(a[i + size_t(j) * m]) * as_complex(x[xi]));
      }
    EXPECT_BLAS(lib_dgmm(handle, side, m, n, da, m, dx, inc, dc, m));
    snprintf(what, sizeof what, "%sdgmm %s", type, side == CUBLAS_SIDE_LEFT ? "left" : "right");
    expect_close(what, from_device(dc, want.size()), want, tolerance<Elem>(2));
  }
  cudaFree(da);
  cudaFree(dx);
  cudaFree(dc);
}

void check_modes_and_errors(cublasHandle_t handle) {
  // Device pointer mode: alpha and beta read by the kernel when it runs.
  const int m = 40, n = 30, k = 20;
  std::vector<float> a = random_vector<float>(m * k), b = random_vector<float>(k * n), c = random_vector<float>(m * n);
  float* da = to_device(a);
  float* db = to_device(b);
  float* dc = to_device(c);
  std::vector<float> scalars = {0.5f, -2.0f};
  float* ds = to_device(scalars);
  EXPECT_BLAS(cublasSetPointerMode(handle, CUBLAS_POINTER_MODE_DEVICE));
  EXPECT_BLAS(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, ds, da, m, db, k, ds + 1, dc, m));
  EXPECT_BLAS(cublasSetPointerMode(handle, CUBLAS_POINTER_MODE_HOST));
  std::vector<float> want = c;
  cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 0.5f, a.data(), m, b.data(), k, -2.0f, want.data(), m);
  expect_close("sgemm device pointer mode", from_device(dc, want.size()), want, tolerance<float>(k + 4), 5);

  // A stream: the product is ordered after the copy on the same stream.
  cudaStream_t stream;
  EXPECT_OK(cudaStreamCreate(&stream));
  EXPECT_BLAS(cublasSetStream(handle, stream));
  cudaStream_t got_stream = nullptr;
  EXPECT_BLAS(cublasGetStream(handle, &got_stream));
  EXPECT(got_stream == stream);
  EXPECT_OK(cudaMemcpyAsync(dc, c.data(), c.size() * sizeof(float), cudaMemcpyHostToDevice, stream));
  float alpha = 0.5f, beta = -2.0f;
  EXPECT_BLAS(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta, dc, m));
  EXPECT_OK(cudaStreamSynchronize(stream));
  expect_close("sgemm on a stream", from_device(dc, want.size()), want, tolerance<float>(k + 4), 5);
  EXPECT_BLAS(cublasSetStream(handle, nullptr));
  EXPECT_OK(cudaStreamDestroy(stream));

  // Bad arguments return cuBLAS's codes and touch nothing.
  const cublasStatus_t invalid = CUBLAS_STATUS_INVALID_VALUE;
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED,
                cublasSgemm(nullptr, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta, dc, m));
  EXPECT_STATUS(invalid, cublasSgemm(handle, (cublasOperation_t)9, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta,
                                     dc, m));
  EXPECT_STATUS(invalid, cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, -1, n, k, &alpha, da, m, db, k, &beta, dc, m));
  EXPECT_STATUS(invalid, cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m - 1, db, k, &beta, dc, m));
  EXPECT_STATUS(invalid, cublasSgemm(handle, CUBLAS_OP_T, CUBLAS_OP_N, m, n, k, &alpha, da, k - 1, db, k, &beta, dc, m));
  EXPECT_STATUS(invalid, cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_T, m, n, k, &alpha, da, m, db, n - 1, &beta, dc, m));
  EXPECT_STATUS(invalid, cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, db, k, &beta, dc, m - 1));
  EXPECT_STATUS(invalid, cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, nullptr, da, m, db, k, &beta, dc, m));
  EXPECT_STATUS(invalid, cublasSgemmStridedBatched(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, da, m, 0, db, k,
                                                   0, &beta, dc, m, 0, -1));
  EXPECT_STATUS(invalid, cublasSgeam(handle, CUBLAS_OP_T, CUBLAS_OP_N, m, n, &alpha, da, n - 1, &beta, db, m, dc, m));
  EXPECT_STATUS(invalid, cublasSdgmm(handle, (cublasSideMode_t)5, m, n, da, m, db, 1, dc, m));
  // Empty problems succeed and launch nothing.
  EXPECT_BLAS(cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, 0, n, k, &alpha, da, 1, db, k, &beta, dc, 1));
  EXPECT_BLAS(cublasSgemmBatched(handle, CUBLAS_OP_N, CUBLAS_OP_N, m, n, k, &alpha, nullptr, m, nullptr, k, &beta,
                                 nullptr, m, 0));
  expect_close("sgemm after rejected calls", from_device(dc, want.size()), want, tolerance<float>(k + 4), 5);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(ds);
}

}  // namespace

int main() {
  cublasHandle_t handle = nullptr;
  EXPECT_BLAS(cublasCreate(&handle));
  for_each_blas_type([&](auto elem, const char* type) { check_gemm<decltype(elem)>(handle, type); });
  for_each_blas_type([&](auto elem, const char* type) { check_batched<decltype(elem)>(handle, type); });
  for_each_blas_type([&](auto elem, const char* type) { check_geam_dgmm<decltype(elem)>(handle, type); });
  check_modes_and_errors(handle);
  EXPECT_BLAS(cublasDestroy(handle));
  return check_result();
}
