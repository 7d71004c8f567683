// The mixed-precision matrix multiplies: cublasGemmEx, cublasGemmStridedBatchedEx, cublasGemmBatchedEx,
// cublasSgemmEx and the half-precision Hgemm family (docs/libs.md). Each supported combination of
// compute type and A/B/C data types, as cuBLAS's table lists them, maps to one instantiation of the gemm
// kernel (gemm_launch.h); any other combination is CUBLAS_STATUS_NOT_SUPPORTED.
#include "context.h"
#include "element.h"
#include "gemm_launch.h"
#include "matrix.h"

using namespace canopy_blas;

namespace {

template <typename Elem>
BatchOf<Elem> typed(const RawBatch& r) {
  // The arrays hold device pointers to Elem: reinterpreting them is what cuBLAS's void* interface means.
  return {static_cast<Elem*>(const_cast<void*>(r.base)), r.stride,
          reinterpret_cast<Elem* const*>(const_cast<void* const*>(r.array))};
}

template <typename Types>
cublasStatus_t run(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n, int k,
                   const void* alpha, const RawBatch& a, int lda, const RawBatch& b, int ldb, const void* beta,
                   const RawBatch& c, int ldc, int batches, InputRounding rounding, const Epilogue& epilogue) {
  using Scale = typename Types::Scale;
  GemmArgs<Types> g{general_form(transa),
                    general_form(transb),
                    CUBLAS_FILL_MODE_FULL,
                    m,
                    n,
                    k,
                    scalar_arg(handle, static_cast<const Scale*>(alpha)),
                    scalar_arg(handle, static_cast<const Scale*>(beta)),
                    typed<const typename Types::In>(a),
                    lda,
                    typed<const typename Types::In>(b),
                    ldb,
                    typed<typename Types::Out>(c),
                    ldc,
                    rounding,
                    epilogue};
  return launch_gemm(handle, g, batches);
}

// cuBLAS 11 still accepts the cudaDataType values CUDA 10 passed as the compute type.
int compute_type_of(int compute) {
  switch (compute) {
    case CUDA_R_16F: return CUBLAS_COMPUTE_16F;
    case CUDA_R_32F:
    case CUDA_C_32F: return CUBLAS_COMPUTE_32F;
    case CUDA_R_64F:
    case CUDA_C_64F: return CUBLAS_COMPUTE_64F;
    case CUDA_R_32I: return CUBLAS_COMPUTE_32I;
  }
  return compute;
}

}  // namespace

cublasStatus_t canopy_blas::gemm_ex(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m,
                                    int n, int k, const void* alpha, const RawBatch& a, cudaDataType atype, int lda,
                                    const RawBatch& b, cudaDataType btype, int ldb, const void* beta,
                                    const RawBatch& c, cudaDataType ctype, int ldc, int compute, int batches,
                                    const Epilogue& epilogue) {
  if (cublasStatus_t status = check_gemm(handle, transa, transb, m, n, k, alpha, lda, ldb, beta, ldc, batches);
      status != CUBLAS_STATUS_SUCCESS)
    return status;
  if (atype != btype) return CUBLAS_STATUS_NOT_SUPPORTED;
  auto go = [&](auto types, InputRounding rounding) {
    return run<decltype(types)>(handle, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, batches,
                                rounding, epilogue);
  };
  const InputRounding none = InputRounding::None;
  switch (compute_type_of(compute)) {
    case CUBLAS_COMPUTE_16F:
    case CUBLAS_COMPUTE_16F_PEDANTIC:
      if (atype == CUDA_R_16F && ctype == CUDA_R_16F) return go(SameTypes<__half>{}, none);
      break;
    case CUBLAS_COMPUTE_32F:
    case CUBLAS_COMPUTE_32F_PEDANTIC:
    case CUBLAS_COMPUTE_32F_FAST_16F:
    case CUBLAS_COMPUTE_32F_FAST_16BF:
    case CUBLAS_COMPUTE_32F_FAST_TF32: {
      InputRounding rounding = compute == CUBLAS_COMPUTE_32F_FAST_TF32   ? InputRounding::Tf32
                               : compute == CUBLAS_COMPUTE_32F_FAST_16F  ? InputRounding::Half
                               : compute == CUBLAS_COMPUTE_32F_FAST_16BF ? InputRounding::Bfloat16
                               : compute == CUBLAS_COMPUTE_32F_PEDANTIC  ? none
                                                                          : math_mode_rounding(handle);
      if (atype == CUDA_R_32F && ctype == CUDA_R_32F) return go(SameTypes<float>{}, rounding);
      if (atype == CUDA_R_16F && ctype == CUDA_R_16F) return go(GemmTypes<__half, float, __half, float>{}, none);
      if (atype == CUDA_R_16F && ctype == CUDA_R_32F) return go(GemmTypes<__half, float, float, float>{}, none);
      if (atype == CUDA_R_16BF && ctype == CUDA_R_16BF)
        return go(GemmTypes<__nv_bfloat16, float, __nv_bfloat16, float>{}, none);
      if (atype == CUDA_R_16BF && ctype == CUDA_R_32F)
        return go(GemmTypes<__nv_bfloat16, float, float, float>{}, none);
      if (atype == CUDA_R_8I && ctype == CUDA_R_32F) return go(GemmTypes<int8_t, float, float, float>{}, none);
      if (atype == CUDA_C_32F && ctype == CUDA_C_32F) return go(SameTypes<cuComplex>{}, none);
      break;
    }
    case CUBLAS_COMPUTE_64F:
    case CUBLAS_COMPUTE_64F_PEDANTIC:
      if (atype == CUDA_R_64F && ctype == CUDA_R_64F) return go(SameTypes<double>{}, none);
      if (atype == CUDA_C_64F && ctype == CUDA_C_64F) return go(SameTypes<cuDoubleComplex>{}, none);
      break;
    case CUBLAS_COMPUTE_32I:
    case CUBLAS_COMPUTE_32I_PEDANTIC:
      if (atype == CUDA_R_8I && ctype == CUDA_R_32I) return go(GemmTypes<int8_t, int, int, int>{}, none);
      break;
  }
  return CUBLAS_STATUS_NOT_SUPPORTED;
}

namespace {

RawBatch one_matrix(const void* p) { return {p, 0, nullptr}; }
RawBatch strided(const void* p, long long stride) { return {p, stride, nullptr}; }
RawBatch pointers(const void* const* array) { return {nullptr, 0, array}; }

}  // namespace

extern "C" {

cublasStatus_t cublasGemmEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n,
                            int k, const void* alpha, const void* A, cudaDataType Atype, int lda, const void* B,
                            cudaDataType Btype, int ldb, const void* beta, void* C, cudaDataType Ctype, int ldc,
                            cublasComputeType_t computeType, cublasGemmAlgo_t) {
  return gemm_ex(handle, transa, transb, m, n, k, alpha, one_matrix(A), Atype, lda, one_matrix(B), Btype, ldb, beta,
                 one_matrix(C), Ctype, ldc, computeType, 1);
}

cublasStatus_t cublasGemmStridedBatchedEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
                                          int m, int n, int k, const void* alpha, const void* A, cudaDataType Atype,
                                          int lda, long long int strideA, const void* B, cudaDataType Btype, int ldb,
                                          long long int strideB, const void* beta, void* C, cudaDataType Ctype,
                                          int ldc, long long int strideC, int batchCount,
                                          cublasComputeType_t computeType, cublasGemmAlgo_t) {
  return gemm_ex(handle, transa, transb, m, n, k, alpha, strided(A, strideA), Atype, lda, strided(B, strideB), Btype,
                 ldb, beta, strided(C, strideC), Ctype, ldc, computeType, batchCount);
}

cublasStatus_t cublasGemmBatchedEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m,
                                   int n, int k, const void* alpha, const void* const Aarray[], cudaDataType Atype,
                                   int lda, const void* const Barray[], cudaDataType Btype, int ldb, const void* beta,
                                   void* const Carray[], cudaDataType Ctype, int ldc, int batchCount,
                                   cublasComputeType_t computeType, cublasGemmAlgo_t) {
  if (batchCount > 0 && handle && (!Aarray || !Barray || !Carray)) return CUBLAS_STATUS_INVALID_VALUE;
  return gemm_ex(handle, transa, transb, m, n, k, alpha, pointers(Aarray), Atype, lda, pointers(Barray), Btype, ldb,
                 beta, pointers(const_cast<const void* const*>(Carray)), Ctype, ldc, computeType, batchCount);
}

// SgemmEx: float scalars and compute, A, B and C of the listed storage types.
cublasStatus_t cublasSgemmEx(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n,
                             int k, const float* alpha, const void* A, cudaDataType Atype, int lda, const void* B,
                             cudaDataType Btype, int ldb, const float* beta, void* C, cudaDataType Ctype, int ldc) {
  if (Ctype != CUDA_R_32F && Ctype != CUDA_R_16F && Ctype != CUDA_R_16BF) return CUBLAS_STATUS_NOT_SUPPORTED;
  if (Atype == CUDA_R_16BF && Ctype == CUDA_R_16F) return CUBLAS_STATUS_NOT_SUPPORTED;
  return gemm_ex(handle, transa, transb, m, n, k, alpha, one_matrix(A), Atype, lda, one_matrix(B), Btype, ldb, beta,
                 one_matrix(C), Ctype, ldc, CUBLAS_COMPUTE_32F, 1);
}

cublasStatus_t cublasHgemm(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m, int n,
                           int k, const __half* alpha, const __half* A, int lda, const __half* B, int ldb,
                           const __half* beta, __half* C, int ldc) {
  return gemm_ex(handle, transa, transb, m, n, k, alpha, one_matrix(A), CUDA_R_16F, lda, one_matrix(B), CUDA_R_16F,
                 ldb, beta, one_matrix(C), CUDA_R_16F, ldc, CUBLAS_COMPUTE_16F, 1);
}

cublasStatus_t cublasHgemmStridedBatched(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb,
                                         int m, int n, int k, const __half* alpha, const __half* A, int lda,
                                         long long int strideA, const __half* B, int ldb, long long int strideB,
                                         const __half* beta, __half* C, int ldc, long long int strideC,
                                         int batchCount) {
  return gemm_ex(handle, transa, transb, m, n, k, alpha, strided(A, strideA), CUDA_R_16F, lda, strided(B, strideB),
                 CUDA_R_16F, ldb, beta, strided(C, strideC), CUDA_R_16F, ldc, CUBLAS_COMPUTE_16F, batchCount);
}

cublasStatus_t cublasHgemmBatched(cublasHandle_t handle, cublasOperation_t transa, cublasOperation_t transb, int m,
                                  int n, int k, const __half* alpha, const __half* const Aarray[], int lda,
                                  const __half* const Barray[], int ldb, const __half* beta, __half* const Carray[],
                                  int ldc, int batchCount) {
  if (batchCount > 0 && handle && (!Aarray || !Barray || !Carray)) return CUBLAS_STATUS_INVALID_VALUE;
  return gemm_ex(handle, transa, transb, m, n, k, alpha, pointers(reinterpret_cast<const void* const*>(Aarray)),
                 CUDA_R_16F, lda, pointers(reinterpret_cast<const void* const*>(Barray)), CUDA_R_16F, ldb, beta,
                 pointers(reinterpret_cast<const void* const*>(Carray)), CUDA_R_16F, ldc, CUBLAS_COMPUTE_16F,
                 batchCount);
}

}  // extern "C"
