// cuBLASLt (cublasLt.h): D = epilogue(alpha op(A) op(B) + beta C) from descriptors, on the gemm kernel
// through gemm_ex (gemm_launch.h) with its compute types. Layouts are column-major (CUBLASLT_ORDER_COL)
// with a batch count and stride; D may differ from C (C is then copied into D first, in stream order);
// epilogues DEFAULT, RELU, BIAS, RELU_BIAS, GELU, GELU_AUX, GELU_BIAS and GELU_AUX_BIAS (docs/libs.md).
#include <cublasLt.h>

#include <cstring>
#include <new>

#include "context.h"
#include "gemm_launch.h"

using namespace canopy_blas;

struct cublasLtContext {
  cublasHandle_t blas = nullptr;
};

struct cublasLtMatmulDescOpaque {
  cublasComputeType_t compute;
  cudaDataType_t scale;
  int32_t pointer_mode = CUBLASLT_POINTER_MODE_HOST;
  int32_t transa = CUBLAS_OP_N, transb = CUBLAS_OP_N, transc = CUBLAS_OP_N;
  int32_t fill = CUBLAS_FILL_MODE_FULL;
  uint32_t epilogue = CUBLASLT_EPILOGUE_DEFAULT;
  const void* bias = nullptr;
  int64_t bias_stride = 0;
  void* aux = nullptr;
  int64_t aux_ld = 0;
  int64_t aux_stride = 0;
  int32_t sm_count = 0;
  int32_t bias_type = -1;  // D's type unless set
};

struct cublasLtMatrixLayoutOpaque {
  uint32_t type;
  uint64_t rows, cols;
  int64_t ld;
  int32_t order = CUBLASLT_ORDER_COL;
  int32_t batch = 1;
  int64_t stride = 0;
  int64_t plane_offset = 0;
};

struct cublasLtMatmulPreferenceOpaque {
  uint32_t search_mode = 0;
  uint64_t max_workspace = 0;
};

namespace {

// An attribute held in a field of the object: copied in or out with size checks, as cuBLASLt does.
template <typename Field>
cublasStatus_t set_field(Field& field, const void* buf, size_t size) {
  if (!buf || size != sizeof(Field)) return CUBLAS_STATUS_INVALID_VALUE;
  std::memcpy(&field, buf, sizeof(Field));
  return CUBLAS_STATUS_SUCCESS;
}
template <typename Field>
cublasStatus_t get_field(const Field& field, void* buf, size_t size, size_t* written) {
  if (size == 0 && written) {  // a query of the size
    *written = sizeof(Field);
    return CUBLAS_STATUS_SUCCESS;
  }
  if (!buf || size < sizeof(Field)) return CUBLAS_STATUS_INVALID_VALUE;
  std::memcpy(buf, &field, sizeof(Field));
  if (written) *written = sizeof(Field);
  return CUBLAS_STATUS_SUCCESS;
}

size_t element_size(uint32_t type) {
  switch (type) {
    case CUDA_R_8I: return 1;
    case CUDA_R_16F:
    case CUDA_R_16BF: return 2;
    case CUDA_R_32F:
    case CUDA_R_32I: return 4;
    case CUDA_R_64F:
    case CUDA_C_32F: return 8;
    case CUDA_C_64F: return 16;
  }
  return 0;
}

bool activation_of(uint32_t epilogue, Activation& activation, bool& bias, bool& aux) {
  bias = epilogue & CUBLASLT_EPILOGUE_BIAS;
  aux = epilogue & 128;
  switch (epilogue & ~uint32_t(CUBLASLT_EPILOGUE_BIAS | 128)) {
    case 0:  // BIAS alone
    case CUBLASLT_EPILOGUE_DEFAULT: activation = Activation::None; return !aux;
    case CUBLASLT_EPILOGUE_RELU: activation = Activation::Relu; return !aux;  // RELU_AUX keeps a bit mask: not yet
    case CUBLASLT_EPILOGUE_GELU: activation = Activation::Gelu; return true;
  }
  return false;  // the backward epilogues (DRELU, DGELU, BGRAD*)
}

}  // namespace

extern "C" {

cublasStatus_t cublasLtCreate(cublasLtHandle_t* lightHandle) {
  if (!lightHandle) return CUBLAS_STATUS_INVALID_VALUE;
  *lightHandle = nullptr;
  auto* context = new (std::nothrow) cublasLtContext;
  if (!context) return CUBLAS_STATUS_ALLOC_FAILED;
  if (cublasStatus_t status = cublasCreate_v2(&context->blas); status != CUBLAS_STATUS_SUCCESS) {
    delete context;
    return status;
  }
  *lightHandle = context;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtDestroy(cublasLtHandle_t lightHandle) {
  if (!lightHandle) return CUBLAS_STATUS_NOT_INITIALIZED;
  cublasDestroy_v2(lightHandle->blas);
  delete lightHandle;
  return CUBLAS_STATUS_SUCCESS;
}

size_t cublasLtGetVersion(void) { return CUBLAS_VERSION; }
size_t cublasLtGetCudartVersion(void) { return cublasGetCudartVersion(); }
const char* cublasLtGetStatusName(cublasStatus_t status) { return cublasGetStatusName(status); }
const char* cublasLtGetStatusString(cublasStatus_t status) { return cublasGetStatusString(status); }

cublasStatus_t cublasLtMatmulDescCreate(cublasLtMatmulDesc_t* matmulDesc, cublasComputeType_t computeType,
                                        cudaDataType_t scaleType) {
  if (!matmulDesc) return CUBLAS_STATUS_INVALID_VALUE;
  *matmulDesc = new (std::nothrow) cublasLtMatmulDescOpaque{computeType, scaleType};
  return *matmulDesc ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_ALLOC_FAILED;
}

cublasStatus_t cublasLtMatmulDescDestroy(cublasLtMatmulDesc_t matmulDesc) {
  delete matmulDesc;
  return CUBLAS_STATUS_SUCCESS;
}

#define CANOPY_LT_DESC_FIELDS(op)                                   \
  switch (attr) {                                                   \
    case CUBLASLT_MATMUL_DESC_COMPUTE_TYPE: return op(d->compute);  \
    case CUBLASLT_MATMUL_DESC_SCALE_TYPE: return op(d->scale);      \
    case CUBLASLT_MATMUL_DESC_POINTER_MODE: return op(d->pointer_mode); \
    case CUBLASLT_MATMUL_DESC_TRANSA: return op(d->transa);         \
    case CUBLASLT_MATMUL_DESC_TRANSB: return op(d->transb);         \
    case CUBLASLT_MATMUL_DESC_TRANSC: return op(d->transc);         \
    case CUBLASLT_MATMUL_DESC_FILL_MODE: return op(d->fill);        \
    case CUBLASLT_MATMUL_DESC_EPILOGUE: return op(d->epilogue);     \
    case CUBLASLT_MATMUL_DESC_BIAS_POINTER: return op(d->bias);     \
    case CUBLASLT_MATMUL_DESC_BIAS_BATCH_STRIDE: return op(d->bias_stride); \
    case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_POINTER: return op(d->aux); \
    case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_LD: return op(d->aux_ld); \
    case CUBLASLT_MATMUL_DESC_EPILOGUE_AUX_BATCH_STRIDE: return op(d->aux_stride); \
    case CUBLASLT_MATMUL_DESC_SM_COUNT_TARGET: return op(d->sm_count); \
    case CUBLASLT_MATMUL_DESC_BIAS_DATA_TYPE: return op(d->bias_type); \
    default: return CUBLAS_STATUS_INVALID_VALUE;                    \
  }

cublasStatus_t cublasLtMatmulDescSetAttribute(cublasLtMatmulDesc_t d, cublasLtMatmulDescAttributes_t attr,
                                              const void* buf, size_t sizeInBytes) {
  if (!d) return CUBLAS_STATUS_NOT_INITIALIZED;
  auto set = [&](auto& field) { return set_field(field, buf, sizeInBytes); };
  CANOPY_LT_DESC_FIELDS(set)
}

cublasStatus_t cublasLtMatmulDescGetAttribute(cublasLtMatmulDesc_t d, cublasLtMatmulDescAttributes_t attr, void* buf,
                                              size_t sizeInBytes, size_t* sizeWritten) {
  if (!d) return CUBLAS_STATUS_NOT_INITIALIZED;
  auto get = [&](const auto& field) { return get_field(field, buf, sizeInBytes, sizeWritten); };
  CANOPY_LT_DESC_FIELDS(get)
}
#undef CANOPY_LT_DESC_FIELDS

cublasStatus_t cublasLtMatrixLayoutCreate(cublasLtMatrixLayout_t* matLayout, cudaDataType type, uint64_t rows,
                                          uint64_t cols, int64_t ld) {
  if (!matLayout) return CUBLAS_STATUS_INVALID_VALUE;
  *matLayout = new (std::nothrow) cublasLtMatrixLayoutOpaque{uint32_t(type), rows, cols, ld};
  return *matLayout ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_ALLOC_FAILED;
}

cublasStatus_t cublasLtMatrixLayoutDestroy(cublasLtMatrixLayout_t matLayout) {
  delete matLayout;
  return CUBLAS_STATUS_SUCCESS;
}

#define CANOPY_LT_LAYOUT_FIELDS(op)                                            \
  switch (attr) {                                                              \
    case CUBLASLT_MATRIX_LAYOUT_TYPE: return op(l->type);                      \
    case CUBLASLT_MATRIX_LAYOUT_ORDER: return op(l->order);                    \
    case CUBLASLT_MATRIX_LAYOUT_ROWS: return op(l->rows);                      \
    case CUBLASLT_MATRIX_LAYOUT_COLS: return op(l->cols);                      \
    case CUBLASLT_MATRIX_LAYOUT_LD: return op(l->ld);                          \
    case CUBLASLT_MATRIX_LAYOUT_BATCH_COUNT: return op(l->batch);              \
    case CUBLASLT_MATRIX_LAYOUT_STRIDED_BATCH_OFFSET: return op(l->stride);    \
    case CUBLASLT_MATRIX_LAYOUT_PLANE_OFFSET: return op(l->plane_offset);      \
    default: return CUBLAS_STATUS_INVALID_VALUE;                               \
  }

cublasStatus_t cublasLtMatrixLayoutSetAttribute(cublasLtMatrixLayout_t l, cublasLtMatrixLayoutAttribute_t attr,
                                                const void* buf, size_t sizeInBytes) {
  if (!l) return CUBLAS_STATUS_NOT_INITIALIZED;
  auto set = [&](auto& field) { return set_field(field, buf, sizeInBytes); };
  CANOPY_LT_LAYOUT_FIELDS(set)
}

cublasStatus_t cublasLtMatrixLayoutGetAttribute(cublasLtMatrixLayout_t l, cublasLtMatrixLayoutAttribute_t attr,
                                                void* buf, size_t sizeInBytes, size_t* sizeWritten) {
  if (!l) return CUBLAS_STATUS_NOT_INITIALIZED;
  auto get = [&](const auto& field) { return get_field(field, buf, sizeInBytes, sizeWritten); };
  CANOPY_LT_LAYOUT_FIELDS(get)
}
#undef CANOPY_LT_LAYOUT_FIELDS

cublasStatus_t cublasLtMatmulPreferenceCreate(cublasLtMatmulPreference_t* pref) {
  if (!pref) return CUBLAS_STATUS_INVALID_VALUE;
  *pref = new (std::nothrow) cublasLtMatmulPreferenceOpaque;
  return *pref ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_ALLOC_FAILED;
}

cublasStatus_t cublasLtMatmulPreferenceDestroy(cublasLtMatmulPreference_t pref) {
  delete pref;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasLtMatmulPreferenceSetAttribute(cublasLtMatmulPreference_t pref,
                                                    cublasLtMatmulPreferenceAttributes_t attr, const void* buf,
                                                    size_t sizeInBytes) {
  if (!pref) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (attr == CUBLASLT_MATMUL_PREF_SEARCH_MODE) return set_field(pref->search_mode, buf, sizeInBytes);
  if (attr == CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES) return set_field(pref->max_workspace, buf, sizeInBytes);
  return CUBLAS_STATUS_INVALID_VALUE;
}

cublasStatus_t cublasLtMatmulPreferenceGetAttribute(cublasLtMatmulPreference_t pref,
                                                    cublasLtMatmulPreferenceAttributes_t attr, void* buf,
                                                    size_t sizeInBytes, size_t* sizeWritten) {
  if (!pref) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (attr == CUBLASLT_MATMUL_PREF_SEARCH_MODE) return get_field(pref->search_mode, buf, sizeInBytes, sizeWritten);
  if (attr == CUBLASLT_MATMUL_PREF_MAX_WORKSPACE_BYTES)
    return get_field(pref->max_workspace, buf, sizeInBytes, sizeWritten);
  return CUBLAS_STATUS_INVALID_VALUE;
}

cublasStatus_t cublasLtMatmul(cublasLtHandle_t lightHandle, cublasLtMatmulDesc_t desc, const void* alpha,
                              const void* A, cublasLtMatrixLayout_t Adesc, const void* B,
                              cublasLtMatrixLayout_t Bdesc, const void* beta, const void* C,
                              cublasLtMatrixLayout_t Cdesc, void* D, cublasLtMatrixLayout_t Ddesc,
                              const cublasLtMatmulAlgo_t*, void*, size_t, cudaStream_t stream) {
  if (!lightHandle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!desc || !Adesc || !Bdesc || !Cdesc || !Ddesc || !alpha || !beta) return CUBLAS_STATUS_INVALID_VALUE;
  const cublasLtMatrixLayoutOpaque* layouts[] = {Adesc, Bdesc, Cdesc, Ddesc};
  for (const auto* l : layouts)
    if (l->order != CUBLASLT_ORDER_COL || l->batch < 1) return CUBLAS_STATUS_NOT_SUPPORTED;
  if (desc->pointer_mode != CUBLASLT_POINTER_MODE_HOST && desc->pointer_mode != CUBLASLT_POINTER_MODE_DEVICE)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  if (desc->transc != CUBLAS_OP_N || desc->fill != CUBLAS_FILL_MODE_FULL) return CUBLAS_STATUS_NOT_SUPPORTED;
  auto ta = static_cast<cublasOperation_t>(desc->transa), tb = static_cast<cublasOperation_t>(desc->transb);
  if (!valid_op(ta) || !valid_op(tb)) return CUBLAS_STATUS_INVALID_VALUE;
  // D (m x n) = op(A) (m x k) op(B) (k x n); C and D have the same shape and type.
  uint64_t m = Ddesc->rows, n = Ddesc->cols;
  uint64_t k = ta == CUBLAS_OP_N ? Adesc->cols : Adesc->rows;
  if ((ta == CUBLAS_OP_N ? Adesc->rows : Adesc->cols) != m || (tb == CUBLAS_OP_N ? Bdesc->rows : Bdesc->cols) != k ||
      (tb == CUBLAS_OP_N ? Bdesc->cols : Bdesc->rows) != n || Cdesc->rows != m || Cdesc->cols != n ||
      Cdesc->type != Ddesc->type || Adesc->type != Bdesc->type)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m > 0x7fffffff || n > 0x7fffffff || k > 0x7fffffff) return CUBLAS_STATUS_NOT_SUPPORTED;
  int batches = Ddesc->batch;
  for (const auto* l : layouts)
    if (l->batch != batches && l->batch != 1) return CUBLAS_STATUS_INVALID_VALUE;
  Activation activation;
  bool bias, aux;
  if (!activation_of(desc->epilogue, activation, bias, aux)) return CUBLAS_STATUS_NOT_SUPPORTED;
  if ((bias && !desc->bias) || (aux && (!desc->aux || desc->aux_ld < int64_t(m))))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (bias && desc->bias_type != -1 && uint32_t(desc->bias_type) != Ddesc->type) return CUBLAS_STATUS_NOT_SUPPORTED;

  cublasHandle_t h = lightHandle->blas;
  h->stream = stream;
  h->pointer_mode = desc->pointer_mode == CUBLASLT_POINTER_MODE_DEVICE ? CUBLAS_POINTER_MODE_DEVICE
                                                                       : CUBLAS_POINTER_MODE_HOST;
  // D gets C first when they differ (in place when they are the same matrix).
  size_t elem = element_size(Ddesc->type);
  if (elem == 0) return CUBLAS_STATUS_NOT_SUPPORTED;
  if (C != D && C) {
    for (int bt = 0; bt < batches; ++bt) {
      const char* src = static_cast<const char*>(C) + (Cdesc->batch > 1 ? bt * Cdesc->stride * elem : 0);
      char* dst = static_cast<char*>(D) + bt * Ddesc->stride * elem;
      if (m > 0 && n > 0 &&
          cudaMemcpy2DAsync(dst, Ddesc->ld * elem, src, Cdesc->ld * elem, m * elem, n, cudaMemcpyDeviceToDevice,
                            stream) != cudaSuccess)
        return CUBLAS_STATUS_EXECUTION_FAILED;
    }
  }
  Epilogue epilogue{activation, bias ? desc->bias : nullptr, bias ? desc->bias_stride : 0,
                    aux ? desc->aux : nullptr, desc->aux_ld, desc->aux_stride};
  auto batch_of = [&](const void* p, const cublasLtMatrixLayoutOpaque* l) {
    return RawBatch{p, l->batch > 1 ? l->stride : 0, nullptr};
  };
  cublasStatus_t status = gemm_ex(h, ta, tb, int(m), int(n), int(k), alpha, batch_of(A, Adesc), cudaDataType(Adesc->type),
                                  int(Adesc->ld), batch_of(B, Bdesc), cudaDataType(Bdesc->type), int(Bdesc->ld), beta,
                                  batch_of(D, Ddesc), cudaDataType(Ddesc->type), int(Ddesc->ld), desc->compute,
                                  batches, epilogue);
  h->stream = nullptr;
  h->pointer_mode = CUBLAS_POINTER_MODE_HOST;
  return status;
}

// One algorithm, the gemm kernel, for every problem it supports; its workspace is none.
cublasStatus_t cublasLtMatmulAlgoGetHeuristic(cublasLtHandle_t lightHandle, cublasLtMatmulDesc_t operationDesc,
                                              cublasLtMatrixLayout_t Adesc, cublasLtMatrixLayout_t Bdesc,
                                              cublasLtMatrixLayout_t Cdesc, cublasLtMatrixLayout_t Ddesc,
                                              cublasLtMatmulPreference_t preference, int requestedAlgoCount,
                                              cublasLtMatmulHeuristicResult_t heuristicResultsArray[],
                                              int* returnAlgoCount) {
  if (!lightHandle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!operationDesc || !Adesc || !Bdesc || !Cdesc || !Ddesc || !preference || requestedAlgoCount < 1 ||
      !heuristicResultsArray || !returnAlgoCount)
    return CUBLAS_STATUS_INVALID_VALUE;
  Activation activation;
  bool bias, aux;
  *returnAlgoCount = 0;
  if (!activation_of(operationDesc->epilogue, activation, bias, aux) || Ddesc->order != CUBLASLT_ORDER_COL)
    return CUBLAS_STATUS_NOT_SUPPORTED;
  cublasLtMatmulHeuristicResult_t result{};
  result.state = CUBLAS_STATUS_SUCCESS;
  result.wavesCount = 1.0f;
  heuristicResultsArray[0] = result;
  *returnAlgoCount = 1;
  return CUBLAS_STATUS_SUCCESS;
}

}  // extern "C"
