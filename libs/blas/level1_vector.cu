// Level-1 routines that update vectors: axpy, scal, copy, swap, rot (docs/libs.md). Each is one
// grid-stride kernel; negative increments walk the vector from its far end, as in the reference BLAS.
#include "context.h"
#include "element.h"

using namespace canopy_blas;

namespace {

constexpr int kThreads = 256;
constexpr long long kMaxBlocks = 1024;

#define CANOPY_BLAS_FOR_EACH(i, n) \
  for (long long i = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; i < (n); \
       i += static_cast<long long>(gridDim.x) * blockDim.x)

template <typename Elem>
__global__ void axpy_kernel(int n, Scalar<Elem> alpha_arg, const Elem* x, int incx, Elem* y, int incy) {
  Elem alpha = alpha_arg.get();
  if (is_zero(alpha)) return;
  CANOPY_BLAS_FOR_EACH(i, n) {
    Elem* yi = strided(y, n, incy, i);
    *yi = madd(*yi, alpha, *strided(x, n, incx, i));
  }
}

template <typename Elem, typename Alpha>
__global__ void scal_kernel(int n, Scalar<Alpha> alpha_arg, Elem* x, int incx) {
  Alpha alpha = alpha_arg.get();
  CANOPY_BLAS_FOR_EACH(i, n) x[i * incx] = mul(x[i * incx], alpha);
}

template <typename Elem>
__global__ void copy_kernel(int n, const Elem* x, int incx, Elem* y, int incy) {
  CANOPY_BLAS_FOR_EACH(i, n) *strided(y, n, incy, i) = *strided(x, n, incx, i);
}

template <typename Elem>
__global__ void swap_kernel(int n, Elem* x, int incx, Elem* y, int incy) {
  CANOPY_BLAS_FOR_EACH(i, n) {
    Elem* xi = strided(x, n, incx, i);
    Elem* yi = strided(y, n, incy, i);
    Elem t = *xi;
    *xi = *yi;
    *yi = t;
  }
}

// x' = c x + s y, y' = c y - conj(s) x (c real; s real or complex).
template <typename Elem, typename Sine>
__global__ void rot_kernel(int n, Elem* x, int incx, Elem* y, int incy, Scalar<real_t<Elem>> c_arg,
                           Scalar<Sine> s_arg) {
  real_t<Elem> c = c_arg.get();
  Sine s = s_arg.get();
  CANOPY_BLAS_FOR_EACH(i, n) {
    Elem* xi = strided(x, n, incx, i);
    Elem* yi = strided(y, n, incy, i);
    Elem xv = *xi, yv = *yi;
    *xi = add(mul(xv, c), mul(yv, s));
    *yi = sub(mul(yv, c), mul(xv, conj_of(s)));
  }
}

#undef CANOPY_BLAS_FOR_EACH

template <typename Elem>
cublasStatus_t axpy(cublasHandle_t handle, int n, const Elem* alpha, const Elem* x, int incx, Elem* y, int incy) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!alpha) return CUBLAS_STATUS_INVALID_VALUE;
  if (n <= 0) return CUBLAS_STATUS_SUCCESS;
  axpy_kernel<<<blocks_for(n, kThreads, kMaxBlocks), kThreads, 0, handle->stream>>>(n, scalar_arg(handle, alpha), x,
                                                                                   incx, y, incy);
  return launch_status();
}

template <typename Elem, typename Alpha>
cublasStatus_t scal(cublasHandle_t handle, int n, const Alpha* alpha, Elem* x, int incx) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!alpha) return CUBLAS_STATUS_INVALID_VALUE;
  if (n <= 0 || incx <= 0) return CUBLAS_STATUS_SUCCESS;
  scal_kernel<<<blocks_for(n, kThreads, kMaxBlocks), kThreads, 0, handle->stream>>>(n, scalar_arg(handle, alpha), x,
                                                                                   incx);
  return launch_status();
}

template <typename Elem>
cublasStatus_t copy(cublasHandle_t handle, int n, const Elem* x, int incx, Elem* y, int incy) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (n <= 0) return CUBLAS_STATUS_SUCCESS;
  copy_kernel<<<blocks_for(n, kThreads, kMaxBlocks), kThreads, 0, handle->stream>>>(n, x, incx, y, incy);
  return launch_status();
}

template <typename Elem>
cublasStatus_t swap(cublasHandle_t handle, int n, Elem* x, int incx, Elem* y, int incy) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (n <= 0) return CUBLAS_STATUS_SUCCESS;
  swap_kernel<<<blocks_for(n, kThreads, kMaxBlocks), kThreads, 0, handle->stream>>>(n, x, incx, y, incy);
  return launch_status();
}

template <typename Elem, typename Sine>
cublasStatus_t rot(cublasHandle_t handle, int n, Elem* x, int incx, Elem* y, int incy, const real_t<Elem>* c,
                   const Sine* s) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!c || !s) return CUBLAS_STATUS_INVALID_VALUE;
  if (n <= 0) return CUBLAS_STATUS_SUCCESS;
  rot_kernel<<<blocks_for(n, kThreads, kMaxBlocks), kThreads, 0, handle->stream>>>(
      n, x, incx, y, incy, scalar_arg(handle, c), scalar_arg(handle, s));
  return launch_status();
}

}  // namespace

extern "C" {

cublasStatus_t cublasSaxpy_v2(cublasHandle_t h, int n, const float* a, const float* x, int incx, float* y, int incy) {
  return axpy(h, n, a, x, incx, y, incy);
}
cublasStatus_t cublasDaxpy_v2(cublasHandle_t h, int n, const double* a, const double* x, int incx, double* y,
                              int incy) {
  return axpy(h, n, a, x, incx, y, incy);
}
cublasStatus_t cublasCaxpy_v2(cublasHandle_t h, int n, const cuComplex* a, const cuComplex* x, int incx, cuComplex* y,
                              int incy) {
  return axpy(h, n, a, x, incx, y, incy);
}
cublasStatus_t cublasZaxpy_v2(cublasHandle_t h, int n, const cuDoubleComplex* a, const cuDoubleComplex* x, int incx,
                              cuDoubleComplex* y, int incy) {
  return axpy(h, n, a, x, incx, y, incy);
}

cublasStatus_t cublasSscal_v2(cublasHandle_t h, int n, const float* a, float* x, int incx) {
  return scal(h, n, a, x, incx);
}
cublasStatus_t cublasDscal_v2(cublasHandle_t h, int n, const double* a, double* x, int incx) {
  return scal(h, n, a, x, incx);
}
cublasStatus_t cublasCscal_v2(cublasHandle_t h, int n, const cuComplex* a, cuComplex* x, int incx) {
  return scal(h, n, a, x, incx);
}
cublasStatus_t cublasCsscal_v2(cublasHandle_t h, int n, const float* a, cuComplex* x, int incx) {
  return scal(h, n, a, x, incx);
}
cublasStatus_t cublasZscal_v2(cublasHandle_t h, int n, const cuDoubleComplex* a, cuDoubleComplex* x, int incx) {
  return scal(h, n, a, x, incx);
}
cublasStatus_t cublasZdscal_v2(cublasHandle_t h, int n, const double* a, cuDoubleComplex* x, int incx) {
  return scal(h, n, a, x, incx);
}

cublasStatus_t cublasScopy_v2(cublasHandle_t h, int n, const float* x, int incx, float* y, int incy) {
  return copy(h, n, x, incx, y, incy);
}
cublasStatus_t cublasDcopy_v2(cublasHandle_t h, int n, const double* x, int incx, double* y, int incy) {
  return copy(h, n, x, incx, y, incy);
}
cublasStatus_t cublasCcopy_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, cuComplex* y, int incy) {
  return copy(h, n, x, incx, y, incy);
}
cublasStatus_t cublasZcopy_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, cuDoubleComplex* y,
                              int incy) {
  return copy(h, n, x, incx, y, incy);
}

cublasStatus_t cublasSswap_v2(cublasHandle_t h, int n, float* x, int incx, float* y, int incy) {
  return swap(h, n, x, incx, y, incy);
}
cublasStatus_t cublasDswap_v2(cublasHandle_t h, int n, double* x, int incx, double* y, int incy) {
  return swap(h, n, x, incx, y, incy);
}
cublasStatus_t cublasCswap_v2(cublasHandle_t h, int n, cuComplex* x, int incx, cuComplex* y, int incy) {
  return swap(h, n, x, incx, y, incy);
}
cublasStatus_t cublasZswap_v2(cublasHandle_t h, int n, cuDoubleComplex* x, int incx, cuDoubleComplex* y, int incy) {
  return swap(h, n, x, incx, y, incy);
}

cublasStatus_t cublasSrot_v2(cublasHandle_t h, int n, float* x, int incx, float* y, int incy, const float* c,
                             const float* s) {
  return rot(h, n, x, incx, y, incy, c, s);
}
cublasStatus_t cublasDrot_v2(cublasHandle_t h, int n, double* x, int incx, double* y, int incy, const double* c,
                             const double* s) {
  return rot(h, n, x, incx, y, incy, c, s);
}
cublasStatus_t cublasCrot_v2(cublasHandle_t h, int n, cuComplex* x, int incx, cuComplex* y, int incy, const float* c,
                             const cuComplex* s) {
  return rot(h, n, x, incx, y, incy, c, s);
}
cublasStatus_t cublasCsrot_v2(cublasHandle_t h, int n, cuComplex* x, int incx, cuComplex* y, int incy,
                              const float* c, const float* s) {
  return rot(h, n, x, incx, y, incy, c, s);
}
cublasStatus_t cublasZrot_v2(cublasHandle_t h, int n, cuDoubleComplex* x, int incx, cuDoubleComplex* y, int incy,
                             const double* c, const cuDoubleComplex* s) {
  return rot(h, n, x, incx, y, incy, c, s);
}
cublasStatus_t cublasZdrot_v2(cublasHandle_t h, int n, cuDoubleComplex* x, int incx, cuDoubleComplex* y, int incy,
                              const double* c, const double* s) {
  return rot(h, n, x, incx, y, incy, c, s);
}

}  // extern "C"
