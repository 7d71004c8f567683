// cublasSet/GetVector and cublasSet/GetMatrix (and their Async forms): strided copies between host and
// device memory, done by the runtime's copy engine as 2-D copies.
#include "context.h"

namespace {

cublasStatus_t copy_2d(void* dst, size_t dst_pitch, const void* src, size_t src_pitch, size_t width, size_t height,
                       cudaMemcpyKind kind, cudaStream_t stream, bool async) {
  if (width == 0 || height == 0) return CUBLAS_STATUS_SUCCESS;
  cudaError_t e = async ? cudaMemcpy2DAsync(dst, dst_pitch, src, src_pitch, width, height, kind, stream)
                        : cudaMemcpy2D(dst, dst_pitch, src, src_pitch, width, height, kind);
  return e == cudaSuccess ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_MAPPING_ERROR;
}

cublasStatus_t copy_vector(int n, int elem_size, const void* x, int incx, void* y, int incy, cudaMemcpyKind kind,
                           cudaStream_t stream, bool async) {
  if (n < 0 || elem_size <= 0 || incx <= 0 || incy <= 0) return CUBLAS_STATUS_INVALID_VALUE;
  if (n > 0 && (!x || !y)) return CUBLAS_STATUS_INVALID_VALUE;
  size_t size = static_cast<size_t>(elem_size);
  return copy_2d(y, size * incy, x, size * incx, size, static_cast<size_t>(n), kind, stream, async);
}

cublasStatus_t copy_matrix(int rows, int cols, int elem_size, const void* a, int lda, void* b, int ldb,
                           cudaMemcpyKind kind, cudaStream_t stream, bool async) {
  if (rows < 0 || cols < 0 || elem_size <= 0 || lda <= 0 || ldb <= 0 || lda < rows || ldb < rows)
    return CUBLAS_STATUS_INVALID_VALUE;
  if (rows > 0 && cols > 0 && (!a || !b)) return CUBLAS_STATUS_INVALID_VALUE;
  size_t size = static_cast<size_t>(elem_size);
  return copy_2d(b, size * ldb, a, size * lda, size * rows, static_cast<size_t>(cols), kind, stream, async);
}

}  // namespace

extern "C" {

cublasStatus_t cublasSetVector(int n, int elemSize, const void* x, int incx, void* devicePtr, int incy) {
  return copy_vector(n, elemSize, x, incx, devicePtr, incy, cudaMemcpyHostToDevice, nullptr, false);
}
cublasStatus_t cublasGetVector(int n, int elemSize, const void* x, int incx, void* y, int incy) {
  return copy_vector(n, elemSize, x, incx, y, incy, cudaMemcpyDeviceToHost, nullptr, false);
}
cublasStatus_t cublasSetMatrix(int rows, int cols, int elemSize, const void* A, int lda, void* B, int ldb) {
  return copy_matrix(rows, cols, elemSize, A, lda, B, ldb, cudaMemcpyHostToDevice, nullptr, false);
}
cublasStatus_t cublasGetMatrix(int rows, int cols, int elemSize, const void* A, int lda, void* B, int ldb) {
  return copy_matrix(rows, cols, elemSize, A, lda, B, ldb, cudaMemcpyDeviceToHost, nullptr, false);
}
cublasStatus_t cublasSetVectorAsync(int n, int elemSize, const void* hostPtr, int incx, void* devicePtr, int incy,
                                    cudaStream_t stream) {
  return copy_vector(n, elemSize, hostPtr, incx, devicePtr, incy, cudaMemcpyHostToDevice, stream, true);
}
cublasStatus_t cublasGetVectorAsync(int n, int elemSize, const void* devicePtr, int incx, void* hostPtr, int incy,
                                    cudaStream_t stream) {
  return copy_vector(n, elemSize, devicePtr, incx, hostPtr, incy, cudaMemcpyDeviceToHost, stream, true);
}
cublasStatus_t cublasSetMatrixAsync(int rows, int cols, int elemSize, const void* A, int lda, void* B, int ldb,
                                    cudaStream_t stream) {
  return copy_matrix(rows, cols, elemSize, A, lda, B, ldb, cudaMemcpyHostToDevice, stream, true);
}
cublasStatus_t cublasGetMatrixAsync(int rows, int cols, int elemSize, const void* A, int lda, void* B, int ldb,
                                    cudaStream_t stream) {
  return copy_matrix(rows, cols, elemSize, A, lda, B, ldb, cudaMemcpyDeviceToHost, stream, true);
}

}  // extern "C"
