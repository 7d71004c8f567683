// BLAS-like extensions: geam (C = alpha op(A) + beta op(B), transposition out of place) and dgmm
// (C = A diag(x) or diag(x) A), one thread per element of C (docs/libs.md).
#include "context.h"
#include "element.h"
#include "matrix.h"

using namespace canopy_blas;

namespace {

constexpr int kThreads = 256;

#define CANOPY_BLAS_FOR_EACH_ELEMENT(i, j, m, n)                                                   \
  for (long long e_ = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x;              \
       e_ < static_cast<long long>(m) * (n); e_ += static_cast<long long>(gridDim.x) * blockDim.x) \
    if (int i = static_cast<int>(e_ % (m)), j = static_cast<int>(e_ / (m)); true)

template <typename Elem>
__global__ void geam_kernel(int m, int n, Scalar<Elem> alpha_arg, cublasOperation_t transa, const Elem* a, int lda,
                            Scalar<Elem> beta_arg, cublasOperation_t transb, const Elem* b, int ldb, Elem* c,
                            int ldc) {
  Elem alpha = alpha_arg.get(), beta = beta_arg.get();
  CANOPY_BLAS_FOR_EACH_ELEMENT(i, j, m, n) {
    Elem v = zero<Elem>();
    if (!is_zero(alpha)) v = mul(alpha, load_op(a, lda, transa, i, j));
    if (!is_zero(beta)) v = madd(v, beta, load_op(b, ldb, transb, i, j));
    c[i + static_cast<long long>(j) * ldc] = v;
  }
}

template <typename Elem>
__global__ void dgmm_kernel(bool left, int m, int n, const Elem* a, int lda, const Elem* x, int incx, Elem* c,
                            int ldc) {
  CANOPY_BLAS_FOR_EACH_ELEMENT(i, j, m, n) {
    Elem d = left ? *strided(x, m, incx, i) : *strided(x, n, incx, j);
    c[i + static_cast<long long>(j) * ldc] = mul(a[i + static_cast<long long>(j) * lda], d);
  }
}

#undef CANOPY_BLAS_FOR_EACH_ELEMENT

template <typename Elem>
cublasStatus_t geam(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n,
                    const Elem* alpha, const Elem* a, int lda, const Elem* beta, const Elem* b, int ldb, Elem* c,
                    int ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  auto at_least_one = [](int v) { return v > 1 ? v : 1; };
  if (!valid_op(transa) || !valid_op(transb) || m < 0 || n < 0 || !alpha || !beta ||
      lda < at_least_one(transa == CUBLAS_OP_N ? m : n) || ldb < at_least_one(transb == CUBLAS_OP_N ? m : n) ||
      ldc < at_least_one(m))
    return CUBLAS_STATUS_INVALID_VALUE;
  // In place only where each element of C is read from the same place it is written to.
  if ((c == a && (transa != CUBLAS_OP_N || lda != ldc)) || (c == b && (transb != CUBLAS_OP_N || ldb != ldc)))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  geam_kernel<<<blocks_for(static_cast<long long>(m) * n, kThreads, 4096), kThreads, 0, handle->stream>>>(
      m, n, scalar_arg(handle, alpha), transa, a, lda, scalar_arg(handle, beta), transb, b, ldb, c, ldc);
  return launch_status();
}

template <typename Elem>
cublasStatus_t dgmm(cublasHandle_t handle, cublasSideMode_t mode, int m, int n, const Elem* a, int lda, const Elem* x,
                    int incx, Elem* c, int ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if ((mode != CUBLAS_SIDE_LEFT && mode != CUBLAS_SIDE_RIGHT) || m < 0 || n < 0 || lda < (m > 1 ? m : 1) ||
      ldc < (m > 1 ? m : 1) || (c == a && lda != ldc))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  dgmm_kernel<<<blocks_for(static_cast<long long>(m) * n, kThreads, 4096), kThreads, 0, handle->stream>>>(
      mode == CUBLAS_SIDE_LEFT, m, n, a, lda, x, incx, c, ldc);
  return launch_status();
}

}  // namespace

extern "C" {

#define CANOPY_BLAS_GEAM_DGMM(prefix, Elem)                                                                      \
  cublasStatus_t cublas##prefix##geam(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, \
                                      const Elem* alpha, const Elem* A, int lda, const Elem* beta, const Elem* B, \
                                      int ldb, Elem* C, int ldc) {                                                \
    return geam(h, ta, tb, m, n, alpha, A, lda, beta, B, ldb, C, ldc);                                          \
  }                                                                                                               \
  cublasStatus_t cublas##prefix##dgmm(cublasHandle_t h, cublasSideMode_t mode, int m, int n, const Elem* A,      \
                                      int lda, const Elem* x, int incx, Elem* C, int ldc) {                       \
    return dgmm(h, mode, m, n, A, lda, x, incx, C, ldc);                                                         \
  }

CANOPY_BLAS_GEAM_DGMM(S, float)
CANOPY_BLAS_GEAM_DGMM(D, double)
CANOPY_BLAS_GEAM_DGMM(C, cuComplex)
CANOPY_BLAS_GEAM_DGMM(Z, cuDoubleComplex)
#undef CANOPY_BLAS_GEAM_DGMM

}  // extern "C"
