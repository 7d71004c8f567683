// Level-3 routines with a symmetric, Hermitian or triangular operand, all on the gemm kernel
// (gemm_launch.h): symm, hemm, syrk and trmm (docs/libs.md).
#include "context.h"
#include "element.h"
#include "gemm_launch.h"
#include "matrix.h"

using namespace canopy_blas;

namespace {

int at_least_one(int v) { return v > 1 ? v : 1; }

// symm and hemm: C = alpha A B + beta C (left) or alpha B A + beta C (right), A stored as one triangle.
template <typename Elem>
cublasStatus_t symm(cublasHandle_t handle, Structure structure, cublasSideMode_t side, cublasFillMode_t uplo, int m,
                    int n, const Elem* alpha, const Elem* a, int lda, const Elem* b, int ldb, const Elem* beta,
                    Elem* c, int ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  bool left = side == CUBLAS_SIDE_LEFT;
  if (!valid_side(side) || !valid_fill(uplo) || m < 0 || n < 0 || !alpha || !beta ||
      lda < at_least_one(left ? m : n) || ldb < at_least_one(m) || ldc < at_least_one(m))
    return CUBLAS_STATUS_INVALID_VALUE;
  OperandForm structured{CUBLAS_OP_N, structure, uplo, CUBLAS_DIAG_NON_UNIT};
  OperandForm general = general_form(CUBLAS_OP_N);
  GemmArgs<SameTypes<Elem>> g{left ? structured : general,
                   left ? general : structured,
                   CUBLAS_FILL_MODE_FULL,
                   m,
                   n,
                   left ? m : n,
                   scalar_arg(handle, alpha),
                   scalar_arg(handle, beta),
                   strided_batch(left ? a : b, 0),
                   left ? lda : ldb,
                   strided_batch(left ? b : a, 0),
                   left ? ldb : lda,
                   strided_batch(c, 0),
                   ldc};
  return launch_gemm(handle, g, 1);
}

// syrk: the `uplo` triangle of C = alpha op(A) op(A)^T + beta C.
template <typename Elem>
cublasStatus_t syrk(cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans, int n, int k,
                    const Elem* alpha, const Elem* a, int lda, const Elem* beta, Elem* c, int ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  constexpr bool complex_type = sizeof(Elem) == 2 * sizeof(real_t<Elem>);
  // For real types op C means op T; complex syrk takes N and T only.
  bool valid_trans = trans == CUBLAS_OP_N || trans == CUBLAS_OP_T || (!complex_type && trans == CUBLAS_OP_C);
  if (!valid_fill(uplo) || !valid_trans || n < 0 || k < 0 || !alpha || !beta ||
      lda < at_least_one(trans == CUBLAS_OP_N ? n : k) || ldc < at_least_one(n))
    return CUBLAS_STATUS_INVALID_VALUE;
  bool plain = trans == CUBLAS_OP_N;
  GemmArgs<SameTypes<Elem>> g{general_form(plain ? CUBLAS_OP_N : CUBLAS_OP_T),
                   general_form(plain ? CUBLAS_OP_T : CUBLAS_OP_N),
                   uplo,
                   n,
                   n,
                   k,
                   scalar_arg(handle, alpha),
                   scalar_arg(handle, beta),
                   strided_batch(a, 0),
                   lda,
                   strided_batch(a, 0),
                   lda,
                   strided_batch(c, 0),
                   ldc};
  return launch_gemm(handle, g, 1);
}

// syr2k: the `uplo` triangle of C = alpha (op(A) op(B)^T + op(B) op(A)^T) + beta C, as two products into
// the triangle: the second adds to what the first wrote (beta = 1).
template <typename Elem>
cublasStatus_t syr2k(cublasHandle_t handle, cublasFillMode_t uplo, cublasOperation_t trans, int n, int k,
                     const Elem* alpha, const Elem* a, int lda, const Elem* b, int ldb, const Elem* beta, Elem* c,
                     int ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  constexpr bool complex_type = sizeof(Elem) == 2 * sizeof(real_t<Elem>);
  bool valid_trans = trans == CUBLAS_OP_N || trans == CUBLAS_OP_T || (!complex_type && trans == CUBLAS_OP_C);
  int rows = at_least_one(trans == CUBLAS_OP_N ? n : k);
  if (!valid_fill(uplo) || !valid_trans || n < 0 || k < 0 || !alpha || !beta || lda < rows || ldb < rows ||
      ldc < at_least_one(n))
    return CUBLAS_STATUS_INVALID_VALUE;
  bool plain = trans == CUBLAS_OP_N;
  OperandForm first = general_form(plain ? CUBLAS_OP_N : CUBLAS_OP_T);
  OperandForm second = general_form(plain ? CUBLAS_OP_T : CUBLAS_OP_N);
  GemmArgs<SameTypes<Elem>> g{first, second, uplo, n, n, k, scalar_arg(handle, alpha), scalar_arg(handle, beta),
                              strided_batch(a, 0), lda, strided_batch(b, 0), ldb, strided_batch(c, 0), ldc};
  if (cublasStatus_t status = launch_gemm(handle, g, 1); status != CUBLAS_STATUS_SUCCESS) return status;
  g.a = strided_batch(b, 0), g.lda = ldb, g.b = strided_batch(a, 0), g.ldb = lda;
  g.beta = Scalar<Elem>{nullptr, host_one<Elem>()};
  return launch_gemm(handle, g, 1);
}

// trmm: C = alpha op(A) B (left) or alpha B op(A) (right) with A triangular. cuBLAS writes C out of place
// and allows C = B for BLAS's in-place form: then B is first copied aside in stream order.
template <typename Elem>
cublasStatus_t trmm(cublasHandle_t handle, cublasSideMode_t side, cublasFillMode_t uplo, cublasOperation_t trans,
                    cublasDiagType_t diag, int m, int n, const Elem* alpha, const Elem* a, int lda, const Elem* b,
                    int ldb, Elem* c, int ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  bool left = side == CUBLAS_SIDE_LEFT;
  if (!valid_side(side) || !valid_fill(uplo) || !valid_op(trans) || !valid_diag(diag) || m < 0 || n < 0 || !alpha ||
      lda < at_least_one(left ? m : n) || ldb < at_least_one(m) || ldc < at_least_one(m))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  Elem* copy = nullptr;
  if (b == c) {
    if (cudaMallocAsync(reinterpret_cast<void**>(&copy), sizeof(Elem) * m * n, handle->stream) != cudaSuccess)
      return CUBLAS_STATUS_ALLOC_FAILED;
    if (cudaMemcpy2DAsync(copy, sizeof(Elem) * m, b, sizeof(Elem) * ldb, sizeof(Elem) * m, n,
                          cudaMemcpyDeviceToDevice, handle->stream) != cudaSuccess) {
      cudaFreeAsync(copy, handle->stream);
      return CUBLAS_STATUS_EXECUTION_FAILED;
    }
    b = copy;
    ldb = m;
  }
  OperandForm triangular{trans, Structure::Triangular, uplo, diag};
  OperandForm general = general_form(CUBLAS_OP_N);
  GemmArgs<SameTypes<Elem>> g{left ? triangular : general,
                   left ? general : triangular,
                   CUBLAS_FILL_MODE_FULL,
                   m,
                   n,
                   left ? m : n,
                   scalar_arg(handle, alpha),
                   Scalar<Elem>{nullptr, Elem{}},
                   strided_batch(left ? a : b, 0),
                   left ? lda : ldb,
                   strided_batch(left ? b : a, 0),
                   left ? ldb : lda,
                   strided_batch(c, 0),
                   ldc};
  cublasStatus_t status = launch_gemm(handle, g, 1);
  if (copy) cudaFreeAsync(copy, handle->stream);
  return status;
}

}  // namespace

extern "C" {

#define CANOPY_BLAS_STRUCTURED(prefix, Elem)                                                                         \
  cublasStatus_t cublas##prefix##symm_v2(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo, int m,      \
                                         int n, const Elem* alpha, const Elem* A, int lda, const Elem* B, int ldb,   \
                                         const Elem* beta, Elem* C, int ldc) {                                       \
    return symm(h, Structure::Symmetric, side, uplo, m, n, alpha, A, lda, B, ldb, beta, C, ldc);                    \
  }                                                                                                                  \
  cublasStatus_t cublas##prefix##syrk_v2(cublasHandle_t h, cublasFillMode_t uplo, cublasOperation_t trans, int n,    \
                                         int k, const Elem* alpha, const Elem* A, int lda, const Elem* beta, Elem* C, \
                                         int ldc) {                                                                  \
    return syrk(h, uplo, trans, n, k, alpha, A, lda, beta, C, ldc);                                                 \
  }                                                                                                                  \
  cublasStatus_t cublas##prefix##syr2k_v2(cublasHandle_t h, cublasFillMode_t uplo, cublasOperation_t trans, int n,   \
                                          int k, const Elem* alpha, const Elem* A, int lda, const Elem* B, int ldb, \
                                          const Elem* beta, Elem* C, int ldc) {                                    \
    return syr2k(h, uplo, trans, n, k, alpha, A, lda, B, ldb, beta, C, ldc);                                      \
  }                                                                                                                  \
  cublasStatus_t cublas##prefix##trmm_v2(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo,             \
                                         cublasOperation_t trans, cublasDiagType_t diag, int m, int n,               \
                                         const Elem* alpha, const Elem* A, int lda, const Elem* B, int ldb, Elem* C, \
                                         int ldc) {                                                                  \
    return trmm(h, side, uplo, trans, diag, m, n, alpha, A, lda, B, ldb, C, ldc);                                   \
  }
CANOPY_BLAS_STRUCTURED(S, float)
CANOPY_BLAS_STRUCTURED(D, double)
CANOPY_BLAS_STRUCTURED(C, cuComplex)
CANOPY_BLAS_STRUCTURED(Z, cuDoubleComplex)
#undef CANOPY_BLAS_STRUCTURED

cublasStatus_t cublasChemm_v2(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo, int m, int n,
                              const cuComplex* alpha, const cuComplex* A, int lda, const cuComplex* B, int ldb,
                              const cuComplex* beta, cuComplex* C, int ldc) {
  return symm(h, Structure::Hermitian, side, uplo, m, n, alpha, A, lda, B, ldb, beta, C, ldc);
}
cublasStatus_t cublasZhemm_v2(cublasHandle_t h, cublasSideMode_t side, cublasFillMode_t uplo, int m, int n,
                              const cuDoubleComplex* alpha, const cuDoubleComplex* A, int lda,
                              const cuDoubleComplex* B, int ldb, const cuDoubleComplex* beta, cuDoubleComplex* C,
                              int ldc) {
  return symm(h, Structure::Hermitian, side, uplo, m, n, alpha, A, lda, B, ldb, beta, C, ldc);
}

}  // extern "C"
