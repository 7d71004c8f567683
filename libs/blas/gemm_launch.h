// The one matrix-multiply kernel behind gemm and its batched forms, gemmEx, Hgemm, symm, hemm, syrk and
// trmm (gemm.cu): C = alpha op(A) op(B) + beta C over a batch, where each operand is any form matrix.h
// reads and only `store_fill`'s triangle of C is written (all of it for CUBLAS_FILL_MODE_FULL).
//
// Types name what is stored and what is computed: A and B hold In, products accumulate in Acc, C holds
// Out, and alpha, beta and the epilogue alpha acc + beta C are in Scale (cuBLAS's scale type). `rounding`
// rounds float inputs first, as tensor cores do with the reduced-precision compute types.
#pragma once
#include "context.h"
#include "matrix.h"

namespace canopy_blas {

template <typename InT, typename AccT, typename OutT, typename ScaleT>
struct GemmTypes {
  using In = InT;
  using Acc = AccT;
  using Out = OutT;
  using Scale = ScaleT;
};
template <typename Elem>
using SameTypes = GemmTypes<Elem, Elem, Elem, Elem>;

enum class InputRounding : int { None, Tf32, Half, Bfloat16 };

// cuBLASLt's epilogues after alpha acc + beta C (real types): a bias per row, the pre-activation value
// kept in an auxiliary matrix (the *_AUX epilogues, for the backward pass), then the activation.
enum class Activation : int { None, Relu, Gelu };
struct Epilogue {
  Activation activation = Activation::None;
  const void* bias = nullptr;  // D's type, one per row of D
  long long bias_stride = 0;   // between the batch's bias vectors
  void* aux = nullptr;         // D's type, column-major with leading dimension aux_ld
  long long aux_ld = 0;
  long long aux_stride = 0;
};

// A batch of untyped matrices, as the Ex and Lt functions receive them.
struct RawBatch {
  const void* base;
  long long stride;
  const void* const* array;
};

template <typename Types>
struct GemmArgs {
  using In = typename Types::In;
  using Out = typename Types::Out;
  using Scale = typename Types::Scale;
  OperandForm form_a, form_b;
  cublasFillMode_t store_fill;
  int m, n, k;
  Scalar<Scale> alpha, beta;
  BatchOf<const In> a;
  int lda;
  BatchOf<const In> b;
  int ldb;
  BatchOf<Out> c;
  int ldc;
  InputRounding rounding = InputRounding::None;
  Epilogue epilogue = {};
};

// The checks cuBLAS makes of a gemm call and its batched and Ex forms.
cublasStatus_t check_gemm(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n,
                          int k, const void* alpha, int lda, int ldb, const void* beta, int ldc, int batches);

// Launches on the handle's stream; instantiated in gemm.cu for the type combinations cuBLAS supports.
template <typename Types>
cublasStatus_t launch_gemm(cublasHandle_t handle, const GemmArgs<Types>& g, int batches);

// The mixed-precision multiply of gemm_ex.cu for every supported compute type and data types (cuBLAS's
// gemmEx table), with an optional epilogue; CUBLAS_STATUS_NOT_SUPPORTED for any other combination.
cublasStatus_t gemm_ex(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k,
                       const void* alpha, const RawBatch& a, cudaDataType atype, int lda, const RawBatch& b,
                       cudaDataType btype, int ldb, const void* beta, const RawBatch& c, cudaDataType ctype, int ldc,
                       int compute, int batches, const Epilogue& epilogue = {});

// The rounding cublasSgemm and friends apply under the handle's math mode (CUBLAS_TF32_TENSOR_OP_MATH).
inline InputRounding math_mode_rounding(const cublasContext* handle) {
  return (handle->math_mode & ~CUBLAS_MATH_DISALLOW_REDUCED_PRECISION_REDUCTION) == CUBLAS_TF32_TENSOR_OP_MATH
             ? InputRounding::Tf32
             : InputRounding::None;
}

}  // namespace canopy_blas
