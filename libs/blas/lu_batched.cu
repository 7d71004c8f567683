// Batched LU: getrfBatched (factorization with partial pivoting, or none when the pivot array is null),
// getrsBatched (solves with the factors) and getriBatched (inverse from the factors), for s/d/c/z
// (docs/libs.md). One block factors or solves one matrix of the batch: the pivot search runs in one
// thread in row order (the first largest |re| + |im| wins, as LAPACK's i?amax), row swaps and updates are
// shared by the block's threads, so results are reproducible.
#include "context.h"
#include "element.h"

using namespace canopy_blas;

namespace {

constexpr int kThreads = 256;

template <typename Elem>
__device__ Elem& at(Elem* a, int lda, int i, int j) {
  return a[i + static_cast<long long>(j) * lda];
}

template <typename Elem>
__global__ void getrf_kernel(int n, Elem* const* matrices, int lda, int* pivots, int* info) {
  Elem* a = matrices[blockIdx.x];
  int* ipiv = pivots ? pivots + static_cast<long long>(blockIdx.x) * n : nullptr;
  __shared__ int pivot_row;
  __shared__ int first_zero;
  if (threadIdx.x == 0) first_zero = 0;
  for (int j = 0; j < n; ++j) {
    if (threadIdx.x == 0) {
      int p = j;
      if (ipiv) {
        real_t<Elem> best = abs1(at(a, lda, j, j));
        for (int i = j + 1; i < n; ++i)
          if (abs1(at(a, lda, i, j)) > best) best = abs1(at(a, lda, i, j)), p = i;
        ipiv[j] = p + 1;
      }
      pivot_row = p;
      if (is_zero(at(a, lda, p, j)) && first_zero == 0) first_zero = j + 1;
    }
    __syncthreads();
    int p = pivot_row;
    if (p != j)
      for (int c = threadIdx.x; c < n; c += blockDim.x) {
        Elem t = at(a, lda, j, c);
        at(a, lda, j, c) = at(a, lda, p, c);
        at(a, lda, p, c) = t;
      }
    __syncthreads();
    Elem diagonal = at(a, lda, j, j);
    if (!is_zero(diagonal)) {
      for (int i = j + 1 + threadIdx.x; i < n; i += blockDim.x) at(a, lda, i, j) = divide(at(a, lda, i, j), diagonal);
      __syncthreads();
      int rows = n - j - 1;
      for (long long e = threadIdx.x; e < static_cast<long long>(rows) * rows; e += blockDim.x) {
        int i = j + 1 + static_cast<int>(e % rows), c = j + 1 + static_cast<int>(e / rows);
        at(a, lda, i, c) = sub(at(a, lda, i, c), mul(at(a, lda, i, j), at(a, lda, j, c)));
      }
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) info[blockIdx.x] = first_zero;
}

// Solves op(A) X = B in place for the columns of B, A = P L U as getrf left it (pivots null: P = I).
template <typename Elem>
__device__ void lu_solve(cublasOperation_t trans, int n, const Elem* a, int lda, const int* ipiv, Elem* b, int ldb,
                         int nrhs) {
  auto entry = [&](int i, int j) {
    Elem v = a[i + static_cast<long long>(j) * lda];
    return trans == CUBLAS_OP_C ? conj_of(v) : v;
  };
  for (int c = threadIdx.x; c < nrhs; c += blockDim.x) {
    Elem* x = b + static_cast<long long>(c) * ldb;
    if (trans == CUBLAS_OP_N) {
      if (ipiv)
        for (int i = 0; i < n; ++i) {
          int p = ipiv[i] - 1;
          if (p != i) {
            Elem t = x[i];
            x[i] = x[p];
            x[p] = t;
          }
        }
      for (int i = 0; i < n; ++i)  // L y = P^T b, L unit lower
        for (int k = 0; k < i; ++k) x[i] = sub(x[i], mul(entry(i, k), x[k]));
      for (int i = n - 1; i >= 0; --i) {  // U x = y
        for (int k = i + 1; k < n; ++k) x[i] = sub(x[i], mul(entry(i, k), x[k]));
        x[i] = divide(x[i], entry(i, i));
      }
    } else {
      for (int i = 0; i < n; ++i) {  // U^T y = b
        for (int k = 0; k < i; ++k) x[i] = sub(x[i], mul(entry(k, i), x[k]));
        x[i] = divide(x[i], entry(i, i));
      }
      for (int i = n - 1; i >= 0; --i)  // L^T z = y
        for (int k = i + 1; k < n; ++k) x[i] = sub(x[i], mul(entry(k, i), x[k]));
      if (ipiv)
        for (int i = n - 1; i >= 0; --i) {
          int p = ipiv[i] - 1;
          if (p != i) {
            Elem t = x[i];
            x[i] = x[p];
            x[p] = t;
          }
        }
    }
  }
}

template <typename Elem>
__global__ void getrs_kernel(cublasOperation_t trans, int n, int nrhs, const Elem* const* matrices, int lda,
                             const int* pivots, Elem* const* rhs, int ldb) {
  const int* ipiv = pivots ? pivots + static_cast<long long>(blockIdx.x) * n : nullptr;
  lu_solve(trans, n, matrices[blockIdx.x], lda, ipiv, rhs[blockIdx.x], ldb, nrhs);
}

// C = A^-1 from A's factors: C starts as the identity and is solved in place; info flags a zero pivot.
template <typename Elem>
__global__ void getri_kernel(int n, const Elem* const* matrices, int lda, const int* pivots, Elem* const* inverses,
                             int ldc, int* info) {
  const Elem* a = matrices[blockIdx.x];
  Elem* c = inverses[blockIdx.x];
  for (long long e = threadIdx.x; e < static_cast<long long>(n) * n; e += blockDim.x) {
    int i = static_cast<int>(e % n), j = static_cast<int>(e / n);
    c[i + static_cast<long long>(j) * ldc] = i == j ? one<Elem>() : zero<Elem>();
  }
  if (threadIdx.x == 0) {
    int singular = 0;
    for (int i = 0; i < n && !singular; ++i)
      if (is_zero(a[i + static_cast<long long>(i) * lda])) singular = i + 1;
    info[blockIdx.x] = singular;
  }
  __syncthreads();
  const int* ipiv = pivots ? pivots + static_cast<long long>(blockIdx.x) * n : nullptr;
  lu_solve(CUBLAS_OP_N, n, a, lda, ipiv, c, ldc, n);
}

template <typename Elem>
cublasStatus_t getrf(cublasHandle_t handle, int n, Elem* const* a, int lda, int* pivots, int* info, int batch) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (n < 0 || lda < (n > 1 ? n : 1) || batch < 0 || (batch > 0 && (!a || !info))) return CUBLAS_STATUS_INVALID_VALUE;
  if (batch == 0) return CUBLAS_STATUS_SUCCESS;
  return launch_in_pieces(batch, [&](int first, int count) {
    getrf_kernel<<<count, kThreads, 0, handle->stream>>>(n, a + first, lda,
                                                         pivots ? pivots + static_cast<long long>(first) * n : nullptr,
                                                         info + first);
  });
}

// getrsBatched reports a bad argument in *info as LAPACK does: -i for the i-th argument.
template <typename Elem>
cublasStatus_t getrs(cublasHandle_t handle, cublasOperation_t trans, int n, int nrhs, const Elem* const* a, int lda,
                     const int* pivots, Elem* const* b, int ldb, int* info, int batch) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (!info) return CUBLAS_STATUS_INVALID_VALUE;
  int bad = !valid_op(trans) ? 2 : n < 0 ? 3 : nrhs < 0 ? 4 : !a ? 5 : lda < (n > 1 ? n : 1) ? 6 : !b ? 8
            : ldb < (n > 1 ? n : 1) ? 9 : batch < 0 ? 11 : 0;
  *info = -bad;
  if (bad) return CUBLAS_STATUS_INVALID_VALUE;
  if (n == 0 || nrhs == 0 || batch == 0) return CUBLAS_STATUS_SUCCESS;
  return launch_in_pieces(batch, [&](int first, int count) {
    getrs_kernel<<<count, kThreads, 0, handle->stream>>>(
        trans, n, nrhs, a + first, lda, pivots ? pivots + static_cast<long long>(first) * n : nullptr, b + first, ldb);
  });
}

template <typename Elem>
cublasStatus_t getri(cublasHandle_t handle, int n, const Elem* const* a, int lda, const int* pivots,
                     Elem* const* c, int ldc, int* info, int batch) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  if (n < 0 || lda < (n > 1 ? n : 1) || ldc < (n > 1 ? n : 1) || batch < 0 || (batch > 0 && (!a || !c || !info)))
    return CUBLAS_STATUS_INVALID_VALUE;
  if (batch == 0) return CUBLAS_STATUS_SUCCESS;
  return launch_in_pieces(batch, [&](int first, int count) {
    getri_kernel<<<count, kThreads, 0, handle->stream>>>(
        n, a + first, lda, pivots ? pivots + static_cast<long long>(first) * n : nullptr, c + first, ldc, info + first);
  });
}

}  // namespace

extern "C" {

#define CANOPY_BLAS_LU(prefix, Elem)                                                                               \
  cublasStatus_t cublas##prefix##getrfBatched(cublasHandle_t h, int n, Elem* const A[], int lda, int* P, int* info, \
                                              int batchSize) {                                                     \
    return getrf(h, n, A, lda, P, info, batchSize);                                                                \
  }                                                                                                                \
  cublasStatus_t cublas##prefix##getrsBatched(cublasHandle_t h, cublasOperation_t trans, int n, int nrhs,          \
                                              const Elem* const A[], int lda, const int* P, Elem* const B[],       \
                                              int ldb, int* info, int batchSize) {                                 \
    return getrs(h, trans, n, nrhs, A, lda, P, B, ldb, info, batchSize);                                           \
  }                                                                                                                \
  cublasStatus_t cublas##prefix##getriBatched(cublasHandle_t h, int n, const Elem* const A[], int lda,             \
                                              const int* P, Elem* const C[], int ldc, int* info, int batchSize) {  \
    return getri(h, n, A, lda, P, C, ldc, info, batchSize);                                                        \
  }
CANOPY_BLAS_LU(S, float)
CANOPY_BLAS_LU(D, double)
CANOPY_BLAS_LU(C, cuComplex)
CANOPY_BLAS_LU(Z, cuDoubleComplex)
#undef CANOPY_BLAS_LU

}  // extern "C"
