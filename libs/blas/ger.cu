// ger, geru, gerc: A += alpha x y^T (y^H for gerc), one thread per element of A (docs/libs.md).
#include "context.h"
#include "element.h"

using namespace canopy_blas;

namespace {

constexpr int kThreads = 256;

template <typename Elem, bool Conjugate>
__global__ void ger_kernel(int m, int n, Scalar<Elem> alpha_arg, const Elem* x, int incx, const Elem* y, int incy,
                           Elem* a, int lda) {
  Elem alpha = alpha_arg.get();
  if (is_zero(alpha)) return;
  long long total = static_cast<long long>(m) * n;
  for (long long e = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; e < total;
       e += static_cast<long long>(gridDim.x) * blockDim.x) {
    int i = static_cast<int>(e % m), j = static_cast<int>(e / m);
    Elem yj = *strided(y, n, incy, j);
    if (Conjugate) yj = conj_of(yj);
    Elem* aij = a + i + static_cast<long long>(j) * lda;
    *aij = madd(*aij, mul(alpha, *strided(x, m, incx, i)), yj);
  }
}

template <typename Elem, bool Conjugate>
cublasStatus_t ger(cublasHandle_t handle, int m, int n, const Elem* alpha, const Elem* x, int incx, const Elem* y,
                   int incy, Elem* a, int lda) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (m < 0 || n < 0 || incx == 0 || incy == 0 || lda < (m > 1 ? m : 1) || !alpha) return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  ger_kernel<Elem, Conjugate><<<blocks_for(static_cast<long long>(m) * n, kThreads, 4096), kThreads, 0,
                                handle->stream>>>(m, n, scalar_arg(handle, alpha), x, incx, y, incy, a, lda);
  return launch_status();
}

}  // namespace

extern "C" {

cublasStatus_t cublasSger_v2(cublasHandle_t h, int m, int n, const float* alpha, const float* x, int incx,
                             const float* y, int incy, float* A, int lda) {
  return ger<float, false>(h, m, n, alpha, x, incx, y, incy, A, lda);
}
cublasStatus_t cublasDger_v2(cublasHandle_t h, int m, int n, const double* alpha, const double* x, int incx,
                             const double* y, int incy, double* A, int lda) {
  return ger<double, false>(h, m, n, alpha, x, incx, y, incy, A, lda);
}
cublasStatus_t cublasCgeru_v2(cublasHandle_t h, int m, int n, const cuComplex* alpha, const cuComplex* x, int incx,
                              const cuComplex* y, int incy, cuComplex* A, int lda) {
  return ger<cuComplex, false>(h, m, n, alpha, x, incx, y, incy, A, lda);
}
cublasStatus_t cublasCgerc_v2(cublasHandle_t h, int m, int n, const cuComplex* alpha, const cuComplex* x, int incx,
                              const cuComplex* y, int incy, cuComplex* A, int lda) {
  return ger<cuComplex, true>(h, m, n, alpha, x, incx, y, incy, A, lda);
}
cublasStatus_t cublasZgeru_v2(cublasHandle_t h, int m, int n, const cuDoubleComplex* alpha, const cuDoubleComplex* x,
                              int incx, const cuDoubleComplex* y, int incy, cuDoubleComplex* A, int lda) {
  return ger<cuDoubleComplex, false>(h, m, n, alpha, x, incx, y, incy, A, lda);
}
cublasStatus_t cublasZgerc_v2(cublasHandle_t h, int m, int n, const cuDoubleComplex* alpha, const cuDoubleComplex* x,
                              int incx, const cuDoubleComplex* y, int incy, cuDoubleComplex* A, int lda) {
  return ger<cuDoubleComplex, true>(h, m, n, alpha, x, incx, y, incy, A, lda);
}

}  // extern "C"
