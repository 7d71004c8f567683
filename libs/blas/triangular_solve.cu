// Triangular solves: trsv (op(A) x = b) and trsm (op(A) X = alpha B, or X op(A) = alpha B), in place
// (docs/libs.md). One block solves one right-hand side by substitution, a column of the triangle at a
// time: the block's threads share the updates of the remaining unknowns, and each unknown takes its
// updates in column order, so results are reproducible. trsm's right-hand sides (columns of B on the
// left, rows of B on the right, where X op(A) = B is op(A)^T X^T = B^T) are independent blocks.
#include "context.h"
#include "element.h"
#include "matrix.h"

using namespace canopy_blas;

namespace {

constexpr int kThreads = 256;

template <typename Elem>
struct TriSolveArgs {
  OperandForm form;  // op(A), A triangular
  bool transposed;   // the system's matrix is op(A)^T (trsm from the right)
  const Elem* a;
  int lda;
  Elem* v;  // the first right-hand side
  int len;
  int inc;                 // between the elements of one right-hand side
  long long vector_stride; // between right-hand sides
  Scalar<Elem> alpha;
};

template <typename Elem>
__global__ void tri_solve_kernel(TriSolveArgs<Elem> g) {
  Elem* v = g.v + blockIdx.x * g.vector_stride;
  Elem alpha = g.alpha.get();
  for (int i = threadIdx.x; i < g.len; i += blockDim.x) {
    Elem* vi = strided(v, g.len, g.inc, i);
    *vi = is_zero(alpha) ? zero<Elem>() : mul(alpha, *vi);
  }
  if (is_zero(alpha)) return;  // X = 0 without reading A, as the reference BLAS does
  bool op_lower = (g.form.uplo == CUBLAS_FILL_MODE_LOWER) == (g.form.op == CUBLAS_OP_N);
  bool lower = g.transposed ? !op_lower : op_lower;
  auto entry = [&](int i, int j) {
    return g.transposed ? load_form(g.a, g.lda, g.form, j, i) : load_form(g.a, g.lda, g.form, i, j);
  };
  __syncthreads();
  for (int step = 0; step < g.len; ++step) {
    int j = lower ? step : g.len - 1 - step;
    Elem* vj = strided(v, g.len, g.inc, j);
    if (threadIdx.x == 0 && g.form.diag == CUBLAS_DIAG_NON_UNIT) *vj = divide(*vj, entry(j, j));
    __syncthreads();
    Elem xj = *vj;
    int begin = lower ? j + 1 : 0, end = lower ? g.len : j;
    for (int i = begin + threadIdx.x; i < end; i += blockDim.x) {
      Elem* vi = strided(v, g.len, g.inc, i);
      *vi = sub(*vi, mul(entry(i, j), xj));
    }
    __syncthreads();
  }
}

template <typename Elem>
cublasStatus_t launch_solve(cublasHandle_t handle, const TriSolveArgs<Elem>& g, int vectors) {
  return launch_in_pieces(vectors, [&](int first, int count) {
    TriSolveArgs<Elem> part = g;
    part.v = g.v + first * g.vector_stride;
    tri_solve_kernel<<<count, kThreads, 0, handle->stream>>>(part);
  });
}

template <typename Elem>
cublasStatus_t trsv(cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans, cublasDiagType_t diag,
                    int n, const Elem* a, int lda, Elem* x, int incx) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!valid_fill(uplo) || !valid_op(trans) || !valid_diag(diag) || n < 0 || lda < (n > 1 ? n : 1) || incx == 0)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (n == 0) return CUBLAS_STATUS_SUCCESS;
  TriSolveArgs<Elem> g{{trans, Structure::Triangular, uplo, diag}, false, a, lda, x, n, incx, 0,
                       Scalar<Elem>{nullptr, host_one<Elem>()}};
  return launch_solve(handle, g, 1);
}

template <typename Elem>
cublasStatus_t trsm(cublasHandle_t handle, cublasSideMode_t side, cublasFillMode_t uplo, cublasOperation_t trans,
                    cublasDiagType_t diag, int m, int n, const Elem* alpha, const Elem* a, int lda, Elem* b, int ldb) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  bool left = side == CUBLAS_SIDE_LEFT;
  if (!valid_side(side) || !valid_fill(uplo) || !valid_op(trans) || !valid_diag(diag) || m < 0 || n < 0 || !alpha ||
      lda < ((left ? m : n) > 1 ? (left ? m : n) : 1) || ldb < (m > 1 ? m : 1))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  TriSolveArgs<Elem> g{{trans, Structure::Triangular, uplo, diag},
                       !left,
                       a,
                       lda,
                       b,
                       left ? m : n,
                       left ? 1 : ldb,
                       left ? ldb : 1,
                       scalar_arg(handle, alpha)};
  return launch_solve(handle, g, left ? n : m);
}

}  // namespace

extern "C" {

#define CANOPY_BLAS_TRIANGULAR_SOLVE(prefix, Elem)                                                                   \
  cublasStatus_t cublas##prefix##trsv_v2(cublasHandle_t h, cublasFillMode_t uplo, cublasOperation_t trans,           \
                                         cublasDiagType_t diag, int n, const Elem* A, int lda, Elem* x, int incx) {  \
    return trsv(h, uplo, trans, diag, n, A, lda, x, incx);                                                          \
  }                                                                                                                  \
  cublasStatus_t cublas##prefix##trsm_v2(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo,             \
                                         cublasOperation_t trans, cublasDiagType_t diag, int m, int n,               \
                                         const Elem* alpha, const Elem* A, int lda, Elem* B, int ldb) {              \
    return trsm(h, side, uplo, trans, diag, m, n, alpha, A, lda, B, ldb);                                           \
  }
CANOPY_BLAS_TRIANGULAR_SOLVE(S, float)
CANOPY_BLAS_TRIANGULAR_SOLVE(D, double)
CANOPY_BLAS_TRIANGULAR_SOLVE(C, cuComplex)
CANOPY_BLAS_TRIANGULAR_SOLVE(Z, cuDoubleComplex)
#undef CANOPY_BLAS_TRIANGULAR_SOLVE

}  // extern "C"
