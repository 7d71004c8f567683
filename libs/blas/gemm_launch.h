// The one matrix-multiply kernel behind gemm, its batched forms, symm, hemm, syrk and trmm (gemm.cu):
// C = alpha op(A) op(B) + beta C over a batch, where each operand is any form matrix.h reads and only
// `store_fill`'s triangle of C is written (all of it for CUBLAS_FILL_MODE_FULL).
#pragma once
#include "context.h"
#include "matrix.h"

namespace canopy_blas {

template <typename Elem>
struct GemmArgs {
  OperandForm form_a, form_b;
  cublasFillMode_t store_fill;
  int m, n, k;
  Scalar<Elem> alpha, beta;
  BatchOf<const Elem> a;
  int lda;
  BatchOf<const Elem> b;
  int ldb;
  BatchOf<Elem> c;
  int ldc;
};

// Launches on the handle's stream; instantiated for the four BLAS types.
template <typename Elem>
cublasStatus_t launch_gemm(cublasHandle_t handle, const GemmArgs<Elem>& g, int batches);

}  // namespace canopy_blas
