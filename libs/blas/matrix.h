// Reading op(A) of a column-major matrix, and the matrices of batched calls: a base and a stride
// (the StridedBatched forms) or a device array of pointers (the Batched forms).
#pragma once
#include "context.h"
#include "element.h"

namespace canopy_blas {

// op(A)(row, col) of a column-major A with leading dimension lda.
template <typename Elem>
__device__ inline Elem load_op(const Elem* a, int lda, cublasOperation_t op, int row, int col) {
  if (op == CUBLAS_OP_N) return a[row + static_cast<long long>(col) * lda];
  Elem v = a[col + static_cast<long long>(row) * lda];
  return op == CUBLAS_OP_C ? conj_of(v) : v;
}

template <typename Elem>
struct BatchOf {
  Elem* base;
  long long stride;
  Elem* const* array;  // when set, matrix b is array[b]
  __device__ Elem* at(int b) const { return array ? array[b] : base + b * stride; }
};

template <typename Elem>
BatchOf<Elem> strided_batch(Elem* base, long long stride) {
  return {base, stride, nullptr};
}
template <typename Elem>
BatchOf<Elem> pointer_batch(Elem* const* array) {
  return {nullptr, 0, array};
}

}  // namespace canopy_blas
