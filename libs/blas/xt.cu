// cuBLAS-XT (cublasXt.h): gemm on matrices in host or device memory. C is cut into blockDim x blockDim
// tiles; for each tile the panels of op(A) and op(B) it needs, and the tile of C itself, are copied to
// the GPU (cudaMemcpyDefault: either kind of memory), multiplied there by cublas?gemm and copied back, so
// the device holds three panels at a time whatever the size of the matrices. Tiles run on the first
// selected device (Canopy simulates one GPU per process today).
#include <cublasXt.h>

#include <new>
#include <vector>

#include "context.h"

struct cublasXtContext {
  cublasHandle_t blas = nullptr;
  std::vector<int> devices;
  int block_dim = 1024;
  cublasXtPinnedMemMode_t pinning = CUBLASXT_PINNING_DISABLED;
};

namespace {

cublasStatus_t gemm_tile(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                         const float* alpha, const float* a, int lda, const float* b, int ldb, const float* beta,
                         float* c, int ldc) {
  return cublasSgemm_v2(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
cublasStatus_t gemm_tile(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                         const double* alpha, const double* a, int lda, const double* b, int ldb, const double* beta,
                         double* c, int ldc) {
  return cublasDgemm_v2(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
cublasStatus_t gemm_tile(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                         const cuComplex* alpha, const cuComplex* a, int lda, const cuComplex* b, int ldb,
                         const cuComplex* beta, cuComplex* c, int ldc) {
  return cublasCgemm_v2(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
cublasStatus_t gemm_tile(cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,
                         const cuDoubleComplex* alpha, const cuDoubleComplex* a, int lda, const cuDoubleComplex* b,
                         int ldb, const cuDoubleComplex* beta, cuDoubleComplex* c, int ldc) {
  return cublasZgemm_v2(h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

bool copy_block(void* dst, size_t dst_ld, const void* src, size_t src_ld, size_t rows, size_t cols, size_t elem) {
  if (rows == 0 || cols == 0) return true;
  return cudaMemcpy2D(dst, dst_ld * elem, src, src_ld * elem, rows * elem, cols, cudaMemcpyDefault) == cudaSuccess;
}

template <typename Elem>
cublasStatus_t xt_gemm(cublasXtHandle_t handle, cublasOperation_t ta, cublasOperation_t tb, size_t m, size_t n,
                       size_t k, const Elem* alpha, const Elem* a, size_t lda, const Elem* b, size_t ldb,
                       const Elem* beta, Elem* c, size_t ldc) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!canopy_blas::valid_op(ta) || !canopy_blas::valid_op(tb) || !alpha || !beta ||
      lda < (ta == CUBLAS_OP_N ? m : k) || ldb < (tb == CUBLAS_OP_N ? k : n) || ldc < m || lda == 0 || ldb == 0 ||
      ldc == 0 || k > 0x7fffffff)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
  if (handle->devices.empty()) return CUBLAS_STATUS_NOT_INITIALIZED;  // cublasXtDeviceSelect first
  if (cudaSetDevice(handle->devices.front()) != cudaSuccess) return CUBLAS_STATUS_INTERNAL_ERROR;
  size_t tile = static_cast<size_t>(handle->block_dim);
  size_t kk = k > 0 ? k : 1;
  Elem *da = nullptr, *db = nullptr, *dc = nullptr;
  if (cudaMalloc(&da, sizeof(Elem) * tile * kk) != cudaSuccess || cudaMalloc(&db, sizeof(Elem) * tile * kk) != cudaSuccess ||
      cudaMalloc(&dc, sizeof(Elem) * tile * tile) != cudaSuccess) {
    cudaFree(da);
    cudaFree(db);
    return CUBLAS_STATUS_ALLOC_FAILED;
  }
  cublasStatus_t status = CUBLAS_STATUS_SUCCESS;
  for (size_t j0 = 0; j0 < n && status == CUBLAS_STATUS_SUCCESS; j0 += tile)
    for (size_t i0 = 0; i0 < m && status == CUBLAS_STATUS_SUCCESS; i0 += tile) {
      size_t rows = m - i0 < tile ? m - i0 : tile, cols = n - j0 < tile ? n - j0 : tile;
      // op(A)(i0 : i0 + rows, :) is rows of A, or columns of A when transposed; likewise for op(B).
      bool ok = ta == CUBLAS_OP_N ? copy_block(da, rows, a + i0, lda, rows, k, sizeof(Elem))
                                  : copy_block(da, k, a + i0 * lda, lda, k, rows, sizeof(Elem));
      ok = ok && (tb == CUBLAS_OP_N ? copy_block(db, k, b + j0 * ldb, ldb, k, cols, sizeof(Elem))
                                    : copy_block(db, cols, b + j0, ldb, cols, k, sizeof(Elem)));
      ok = ok && copy_block(dc, rows, c + i0 + j0 * ldc, ldc, rows, cols, sizeof(Elem));
      if (!ok) {
        status = CUBLAS_STATUS_MAPPING_ERROR;
        break;
      }
      int lda_tile = static_cast<int>(ta == CUBLAS_OP_N ? rows : kk);
      int ldb_tile = static_cast<int>(tb == CUBLAS_OP_N ? kk : cols);
      status = gemm_tile(handle->blas, ta, tb, static_cast<int>(rows), static_cast<int>(cols), static_cast<int>(k),
                         alpha, da, lda_tile, db, ldb_tile, beta, dc, static_cast<int>(rows));
      if (status == CUBLAS_STATUS_SUCCESS && !copy_block(c + i0 + j0 * ldc, ldc, dc, rows, rows, cols, sizeof(Elem)))
        status = CUBLAS_STATUS_MAPPING_ERROR;
    }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  return status;
}

}  // namespace

extern "C" {

cublasStatus_t cublasXtCreate(cublasXtHandle_t* handle) {
  if (!handle) return CUBLAS_STATUS_INVALID_VALUE;
  *handle = nullptr;
  auto* context = new (std::nothrow) cublasXtContext;
  if (!context) return CUBLAS_STATUS_ALLOC_FAILED;
  if (cublasStatus_t status = cublasCreate_v2(&context->blas); status != CUBLAS_STATUS_SUCCESS) {
    delete context;
    return status;
  }
  *handle = context;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtDestroy(cublasXtHandle_t handle) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  cublasDestroy_v2(handle->blas);
  delete handle;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtMaxBoards(int* nbGpuBoards) {
  if (!nbGpuBoards) return CUBLAS_STATUS_INVALID_VALUE;
  return cudaGetDeviceCount(nbGpuBoards) == cudaSuccess ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_NOT_INITIALIZED;
}

cublasStatus_t cublasXtGetNumBoards(int nbDevices, int deviceId[], int* nbBoards) {
  if (!nbBoards || nbDevices < 0 || (nbDevices > 0 && !deviceId)) return CUBLAS_STATUS_INVALID_VALUE;
  *nbBoards = nbDevices;  // one GPU per board
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtDeviceSelect(cublasXtHandle_t handle, int nbDevices, int deviceId[]) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (nbDevices <= 0 || !deviceId) return CUBLAS_STATUS_INVALID_VALUE;
  std::vector<int> devices(deviceId, deviceId + nbDevices);
  for (int d : devices)
    if (d < 0 || d >= count) return CUBLAS_STATUS_INVALID_VALUE;
  handle->devices = std::move(devices);
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtSetBlockDim(cublasXtHandle_t handle, int blockDim) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (blockDim <= 0) return CUBLAS_STATUS_INVALID_VALUE;
  handle->block_dim = blockDim;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtGetBlockDim(cublasXtHandle_t handle, int* blockDim) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!blockDim) return CUBLAS_STATUS_INVALID_VALUE;
  *blockDim = handle->block_dim;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtGetPinningMemMode(cublasXtHandle_t handle, cublasXtPinnedMemMode_t* mode) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!mode) return CUBLAS_STATUS_INVALID_VALUE;
  *mode = handle->pinning;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtSetPinningMemMode(cublasXtHandle_t handle, cublasXtPinnedMemMode_t mode) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (mode != CUBLASXT_PINNING_DISABLED && mode != CUBLASXT_PINNING_ENABLED) return CUBLAS_STATUS_INVALID_VALUE;
  handle->pinning = mode;
  return CUBLAS_STATUS_SUCCESS;
}

cublasStatus_t cublasXtSetCpuRoutine(cublasXtHandle_t handle, cublasXtBlasOp_t, cublasXtOpType_t, void*) {
  return handle ? CUBLAS_STATUS_NOT_SUPPORTED : CUBLAS_STATUS_NOT_INITIALIZED;
}

cublasStatus_t cublasXtSetCpuRatio(cublasXtHandle_t handle, cublasXtBlasOp_t, cublasXtOpType_t, float ratio) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  return ratio == 0.0f ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_NOT_SUPPORTED;
}

cublasStatus_t cublasXtSgemm(cublasXtHandle_t h, cublasOperation_t ta, cublasOperation_t tb, size_t m, size_t n,
                             size_t k, const float* alpha, const float* A, size_t lda, const float* B, size_t ldb,
                             const float* beta, float* C, size_t ldc) {
  return xt_gemm(h, ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}
cublasStatus_t cublasXtDgemm(cublasXtHandle_t h, cublasOperation_t ta, cublasOperation_t tb, size_t m, size_t n,
                             size_t k, const double* alpha, const double* A, size_t lda, const double* B, size_t ldb,
                             const double* beta, double* C, size_t ldc) {
  return xt_gemm(h, ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}
cublasStatus_t cublasXtCgemm(cublasXtHandle_t h, cublasOperation_t ta, cublasOperation_t tb, size_t m, size_t n,
                             size_t k, const cuComplex* alpha, const cuComplex* A, size_t lda, const cuComplex* B,
                             size_t ldb, const cuComplex* beta, cuComplex* C, size_t ldc) {
  return xt_gemm(h, ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}
cublasStatus_t cublasXtZgemm(cublasXtHandle_t h, cublasOperation_t ta, cublasOperation_t tb, size_t m, size_t n,
                             size_t k, const cuDoubleComplex* alpha, const cuDoubleComplex* A, size_t lda,
                             const cuDoubleComplex* B, size_t ldb, const cuDoubleComplex* beta, cuDoubleComplex* C,
                             size_t ldc) {
  return xt_gemm(h, ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

}  // extern "C"
