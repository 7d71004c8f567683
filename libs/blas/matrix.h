// Reading an operand of a matrix routine: op(A) of a general matrix, or the full matrix that a stored
// triangle stands for (symmetric, Hermitian, triangular with a unit or stored diagonal), so that gemv,
// symv, hemv, trmv, gemm, symm, hemm, syrk and trmm share their kernels. And the matrices of batched
// calls: a base and a stride (StridedBatched) or a device array of pointers (Batched).
#pragma once
#include "context.h"
#include "element.h"

namespace canopy_blas {

enum class Structure : int { General, Symmetric, Hermitian, Triangular };

struct OperandForm {
  cublasOperation_t op = CUBLAS_OP_N;
  Structure structure = Structure::General;
  cublasFillMode_t uplo = CUBLAS_FILL_MODE_FULL;  // the stored triangle, for the other structures
  cublasDiagType_t diag = CUBLAS_DIAG_NON_UNIT;
};

inline OperandForm general_form(cublasOperation_t op) { return {op, Structure::General, CUBLAS_FILL_MODE_FULL, CUBLAS_DIAG_NON_UNIT}; }

// op(A)(row, col) of a column-major A with leading dimension lda.
template <typename Elem>
__device__ inline Elem load_op(const Elem* a, int lda, cublasOperation_t op, int row, int col) {
  if (op == CUBLAS_OP_N) return a[row + static_cast<long long>(col) * lda];
  Elem v = a[col + static_cast<long long>(row) * lda];
  return op == CUBLAS_OP_C ? conj_of(v) : v;
}

// Element (row, col) of the operand `form` describes, reading only the stored triangle.
template <typename Elem>
__device__ inline Elem load_form(const Elem* a, int lda, const OperandForm& form, int row, int col) {
  switch (form.structure) {
    case Structure::General:
      return load_op(a, lda, form.op, row, col);
    case Structure::Symmetric:
    case Structure::Hermitian: {
      bool stored = form.uplo == CUBLAS_FILL_MODE_LOWER ? row >= col : row <= col;
      Elem v = stored ? a[row + static_cast<long long>(col) * lda] : a[col + static_cast<long long>(row) * lda];
      if (form.structure == Structure::Symmetric) return v;
      if (row == col) return real_part(v);
      return stored ? v : conj_of(v);
    }
    case Structure::Triangular: {
      int r = form.op == CUBLAS_OP_N ? row : col, c = form.op == CUBLAS_OP_N ? col : row;
      bool inside = form.uplo == CUBLAS_FILL_MODE_LOWER ? r >= c : r <= c;
      if (!inside) return zero<Elem>();
      if (r == c && form.diag == CUBLAS_DIAG_UNIT) return one<Elem>();
      Elem v = a[r + static_cast<long long>(c) * lda];
      return form.op == CUBLAS_OP_C ? conj_of(v) : v;
    }
  }
  return zero<Elem>();
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

inline bool valid_fill(cublasFillMode_t uplo) {
  return uplo == CUBLAS_FILL_MODE_LOWER || uplo == CUBLAS_FILL_MODE_UPPER;
}
inline bool valid_diag(cublasDiagType_t diag) { return diag == CUBLAS_DIAG_NON_UNIT || diag == CUBLAS_DIAG_UNIT; }
inline bool valid_side(cublasSideMode_t side) { return side == CUBLAS_SIDE_LEFT || side == CUBLAS_SIDE_RIGHT; }

}  // namespace canopy_blas
