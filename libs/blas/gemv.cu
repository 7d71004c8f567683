// Matrix-vector products: gemv (y = alpha op(A) x + beta y), symv, hemv and trmv (docs/libs.md). A
// thread computes one element of y, running along its row of the operand (consecutive threads read
// consecutive addresses of a column-major A); for gemv with op T or C a warp computes one element, its
// lanes striding down a column of A and combining by shuffles in a fixed order.
#include "context.h"
#include "element.h"
#include "matrix.h"

using namespace canopy_blas;

namespace {

constexpr int kThreads = 256;
constexpr int kWarp = 32;

template <typename Elem>
struct GemvArgs {
  OperandForm form;
  int rows, cols;  // of op(A): the lengths of y and x
  Scalar<Elem> alpha, beta;
  const Elem* a;
  int lda;
  const Elem* x;
  int incx;
  Elem* y;
  int incy;
};

template <typename Elem>
__device__ void store_y(const GemvArgs<Elem>& g, Elem alpha, Elem beta, int i, Elem sum) {
  Elem* yi = strided(g.y, g.rows, g.incy, i);
  Elem v = mul(alpha, sum);
  *yi = is_zero(beta) ? v : madd(v, beta, *yi);
}

template <typename Elem>
__global__ void gemv_rows(GemvArgs<Elem> g) {
  Elem alpha = g.alpha.get(), beta = g.beta.get();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < g.rows; i += gridDim.x * blockDim.x) {
    Elem sum = zero<Elem>();
    if (!is_zero(alpha))
      for (int j = 0; j < g.cols; ++j) sum = madd(sum, load_form(g.a, g.lda, g.form, i, j), *strided(g.x, g.cols, g.incx, j));
    store_y(g, alpha, beta, i, sum);
  }
}

template <typename Elem>
__device__ Elem shuffle_down(Elem v, int delta);
template <>
__device__ float shuffle_down(float v, int delta) { return __shfl_down_sync(0xffffffffu, v, delta); }
template <>
__device__ double shuffle_down(double v, int delta) { return __shfl_down_sync(0xffffffffu, v, delta); }
template <>
__device__ cuComplex shuffle_down(cuComplex v, int delta) {
  return make_cuComplex(__shfl_down_sync(0xffffffffu, v.x, delta), __shfl_down_sync(0xffffffffu, v.y, delta));
}
template <>
__device__ cuDoubleComplex shuffle_down(cuDoubleComplex v, int delta) {
  return make_cuDoubleComplex(__shfl_down_sync(0xffffffffu, v.x, delta), __shfl_down_sync(0xffffffffu, v.y, delta));
}

template <typename Elem>
__global__ void gemv_columns(GemvArgs<Elem> g) {
  Elem alpha = g.alpha.get(), beta = g.beta.get();
  int lane = threadIdx.x % kWarp;
  int warps = gridDim.x * (blockDim.x / kWarp);
  for (int i = blockIdx.x * (blockDim.x / kWarp) + threadIdx.x / kWarp; i < g.rows; i += warps) {
    Elem sum = zero<Elem>();
    if (!is_zero(alpha))
      for (int j = lane; j < g.cols; j += kWarp)
        sum = madd(sum, load_op(g.a, g.lda, g.form.op, i, j), *strided(g.x, g.cols, g.incx, j));
    for (int delta = kWarp / 2; delta > 0; delta /= 2) sum = add(sum, shuffle_down(sum, delta));
    if (lane == 0) store_y(g, alpha, beta, i, sum);
  }
}

template <typename Elem>
cublasStatus_t launch_gemv(cublasHandle_t handle, const GemvArgs<Elem>& g) {
  if (g.form.structure == Structure::General && g.form.op != CUBLAS_OP_N)
    gemv_columns<<<blocks_for(g.rows, kThreads / kWarp, 4096), kThreads, 0, handle->stream>>>(g);
  else
    gemv_rows<<<blocks_for(g.rows, kThreads, 4096), kThreads, 0, handle->stream>>>(g);
  return launch_status();
}

template <typename Elem>
cublasStatus_t gemv(cublasHandle_t handle, cublasOperation_t trans, int m, int n, const Elem* alpha, const Elem* a,
                    int lda, const Elem* x, int incx, const Elem* beta, Elem* y, int incy) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!valid_op(trans) || m < 0 || n < 0 || lda < (m > 1 ? m : 1) || incx == 0 || incy == 0 || !alpha || !beta)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  bool by_rows = trans == CUBLAS_OP_N;
  return launch_gemv(handle, GemvArgs<Elem>{general_form(trans), by_rows ? m : n, by_rows ? n : m,
                                            scalar_arg(handle, alpha), scalar_arg(handle, beta), a, lda, x, incx, y,
                                            incy});
}

// symv and hemv: y = alpha A x + beta y with A symmetric (Hermitian) and one triangle stored.
template <typename Elem>
cublasStatus_t symv(cublasHandle_t handle, Structure structure, cublasFillMode_t uplo, int n, const Elem* alpha,
                    const Elem* a, int lda, const Elem* x, int incx, const Elem* beta, Elem* y, int incy) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!valid_fill(uplo) || n < 0 || lda < (n > 1 ? n : 1) || incx == 0 || incy == 0 || !alpha || !beta)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (n == 0) return CUBLAS_STATUS_SUCCESS;
  OperandForm form{CUBLAS_OP_N, structure, uplo, CUBLAS_DIAG_NON_UNIT};
  return launch_gemv(handle, GemvArgs<Elem>{form, n, n, scalar_arg(handle, alpha), scalar_arg(handle, beta), a, lda,
                                            x, incx, y, incy});
}

// trmv: x = op(A) x with A triangular. The product reads all of x, so x is first copied aside (in
// stream order, into memory from the stream-ordered allocator, as cuBLAS uses its workspace).
template <typename Elem>
cublasStatus_t trmv(cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans, cublasDiagType_t diag,
                    int n, const Elem* a, int lda, Elem* x, int incx) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!valid_fill(uplo) || !valid_op(trans) || !valid_diag(diag) || n < 0 || lda < (n > 1 ? n : 1) || incx == 0)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (n == 0) return CUBLAS_STATUS_SUCCESS;
  Elem* copy = nullptr;
  if (cudaMallocAsync(reinterpret_cast<void**>(&copy), sizeof(Elem) * n, handle->stream) != cudaSuccess)
    return CUBLAS_STATUS_ALLOC_FAILED;
  // x in memory order (the copy keeps the direction, so it is read with an increment of +-1).
  size_t stride = sizeof(Elem) * static_cast<size_t>(incx > 0 ? incx : -incx);
  cudaError_t e = cudaMemcpy2DAsync(copy, sizeof(Elem), x, stride, sizeof(Elem), n, cudaMemcpyDeviceToDevice,
                                    handle->stream);
  cublasStatus_t status = CUBLAS_STATUS_EXECUTION_FAILED;
  if (e == cudaSuccess) {
    OperandForm form{trans, Structure::Triangular, uplo, diag};
    status = launch_gemv(handle, GemvArgs<Elem>{form, n, n, Scalar<Elem>{nullptr, host_one<Elem>()},
                                                Scalar<Elem>{nullptr, Elem{}}, a, lda, copy, incx > 0 ? 1 : -1, x,
                                                incx});
  }
  cudaFreeAsync(copy, handle->stream);
  return status;
}

}  // namespace

extern "C" {

cublasStatus_t cublasSgemv_v2(cublasHandle_t h, cublasOperation_t t, int m, int n, const float* alpha, const float* A,
                              int lda, const float* x, int incx, const float* beta, float* y, int incy) {
  return gemv(h, t, m, n, alpha, A, lda, x, incx, beta, y, incy);
}
cublasStatus_t cublasDgemv_v2(cublasHandle_t h, cublasOperation_t t, int m, int n, const double* alpha,
                              const double* A, int lda, const double* x, int incx, const double* beta, double* y,
                              int incy) {
  return gemv(h, t, m, n, alpha, A, lda, x, incx, beta, y, incy);
}
cublasStatus_t cublasCgemv_v2(cublasHandle_t h, cublasOperation_t t, int m, int n, const cuComplex* alpha,
                              const cuComplex* A, int lda, const cuComplex* x, int incx, const cuComplex* beta,
                              cuComplex* y, int incy) {
  return gemv(h, t, m, n, alpha, A, lda, x, incx, beta, y, incy);
}
cublasStatus_t cublasZgemv_v2(cublasHandle_t h, cublasOperation_t t, int m, int n, const cuDoubleComplex* alpha,
                              const cuDoubleComplex* A, int lda, const cuDoubleComplex* x, int incx,
                              const cuDoubleComplex* beta, cuDoubleComplex* y, int incy) {
  return gemv(h, t, m, n, alpha, A, lda, x, incx, beta, y, incy);
}

#define CANOPY_BLAS_SYMV_TRMV(prefix, Elem)                                                                     \
  cublasStatus_t cublas##prefix##symv_v2(cublasHandle_t h, cublasFillMode_t uplo, int n, const Elem* alpha,       \
                                         const Elem* A, int lda, const Elem* x, int incx, const Elem* beta, Elem* y, \
                                         int incy) {                                                              \
    return symv(h, Structure::Symmetric, uplo, n, alpha, A, lda, x, incx, beta, y, incy);                        \
  }                                                                                                               \
  cublasStatus_t cublas##prefix##trmv_v2(cublasHandle_t h, cublasFillMode_t uplo, cublasOperation_t trans,        \
                                         cublasDiagType_t diag, int n, const Elem* A, int lda, Elem* x, int incx) { \
    return trmv(h, uplo, trans, diag, n, A, lda, x, incx);                                                       \
  }
CANOPY_BLAS_SYMV_TRMV(S, float)
CANOPY_BLAS_SYMV_TRMV(D, double)
CANOPY_BLAS_SYMV_TRMV(C, cuComplex)
CANOPY_BLAS_SYMV_TRMV(Z, cuDoubleComplex)
#undef CANOPY_BLAS_SYMV_TRMV

cublasStatus_t cublasChemv_v2(cublasHandle_t h, cublasFillMode_t uplo, int n, const cuComplex* alpha,
                              const cuComplex* A, int lda, const cuComplex* x, int incx, const cuComplex* beta,
                              cuComplex* y, int incy) {
  return symv(h, Structure::Hermitian, uplo, n, alpha, A, lda, x, incx, beta, y, incy);
}
cublasStatus_t cublasZhemv_v2(cublasHandle_t h, cublasFillMode_t uplo, int n, const cuDoubleComplex* alpha,
                              const cuDoubleComplex* A, int lda, const cuDoubleComplex* x, int incx,
                              const cuDoubleComplex* beta, cuDoubleComplex* y, int incy) {
  return symv(h, Structure::Hermitian, uplo, n, alpha, A, lda, x, incx, beta, y, incy);
}

}  // extern "C"
