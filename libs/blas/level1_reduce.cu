// Level-1 routines that return a value: dot (dotu, dotc), nrm2, asum, i?amax, i?amin (docs/libs.md).
#include <cmath>

#include "element.h"
#include "reduce.h"

using namespace canopy_blas;

namespace {

template <typename Elem, bool Conjugate>
struct DotOp {
  using Acc = Elem;
  using Result = Elem;
  const Elem* x;
  int incx;
  const Elem* y;
  int incy;
  int n;
  __device__ Acc identity() const { return zero<Elem>(); }
  __device__ Acc item(long long i) const {
    Elem a = *strided(x, n, incx, i);
    if (Conjugate) a = conj_of(a);
    return mul(a, *strided(y, n, incy, i));
  }
  __device__ Acc combine(Acc a, Acc b) const { return add(a, b); }
  __device__ Result finish(Acc a) const { return a; }
};

// nrm2 without overflow or underflow: the sum of squares is kept as scale^2 * ssq with scale the largest
// magnitude seen (the scaled sum of LAPACK's ?lassq), merged pairwise.
template <typename Real>
struct ScaledSquares {
  Real scale;
  Real ssq;
};

template <typename Real>
__device__ ScaledSquares<Real> merge_squares(ScaledSquares<Real> a, ScaledSquares<Real> b) {
  if (b.scale > a.scale || b.scale != b.scale) {
    ScaledSquares<Real> t = a;
    a = b;
    b = t;
  }
  if (a.scale == 0 || b.scale == 0 || isinf(a.scale)) return a;
  Real ratio = b.scale / a.scale;
  return {a.scale, a.ssq + b.ssq * ratio * ratio};
}

template <typename Real>
__device__ ScaledSquares<Real> one_square(Real v) {
  Real m = fabs(v);
  return {m, m == 0 ? Real(0) : Real(1)};
}
__device__ inline ScaledSquares<float> squares_of(float v) { return one_square(v); }
__device__ inline ScaledSquares<double> squares_of(double v) { return one_square(v); }
__device__ inline ScaledSquares<float> squares_of(cuComplex v) { return merge_squares(one_square(v.x), one_square(v.y)); }
__device__ inline ScaledSquares<double> squares_of(cuDoubleComplex v) {
  return merge_squares(one_square(v.x), one_square(v.y));
}

template <typename Elem>
struct Nrm2Op {
  using Real = real_t<Elem>;
  using Acc = ScaledSquares<Real>;
  using Result = Real;
  const Elem* x;
  int incx;
  __device__ Acc identity() const { return {Real(0), Real(0)}; }
  __device__ Acc item(long long i) const { return squares_of(x[i * incx]); }
  __device__ Acc combine(Acc a, Acc b) const { return merge_squares(a, b); }
  __device__ Result finish(Acc a) const { return a.scale * sqrt(a.ssq); }
};

template <typename Elem>
struct AsumOp {
  using Real = real_t<Elem>;
  using Acc = Real;
  using Result = Real;
  const Elem* x;
  int incx;
  __device__ Acc identity() const { return Real(0); }
  __device__ Acc item(long long i) const { return abs1(x[i * incx]); }
  __device__ Acc combine(Acc a, Acc b) const { return a + b; }
  __device__ Result finish(Acc a) const { return a; }
};

// i?amax / i?amin: the 1-based index of the first element of largest (smallest) |re| + |im|; index 0
// marks the identity (an empty vector gives 0). NaN elements never win a comparison.
template <typename Real>
struct Extremum {
  Real value;
  int index;
};

template <typename Elem, bool Largest>
struct ExtremumOp {
  using Real = real_t<Elem>;
  using Acc = Extremum<Real>;
  using Result = int;
  const Elem* x;
  int incx;
  __device__ Acc identity() const { return {Real(0), 0}; }
  __device__ Acc item(long long i) const { return {abs1(x[i * incx]), static_cast<int>(i + 1)}; }
  __device__ Acc combine(Acc a, Acc b) const {
    if (a.index == 0) return b;
    if (b.index == 0) return a;
    bool b_better = Largest ? b.value > a.value : b.value < a.value;
    bool b_first = b.value == a.value && b.index < a.index;
    bool a_nan = a.value != a.value && b.value == b.value;
    return b_better || b_first || a_nan ? b : a;
  }
  __device__ Result finish(Acc a) const { return a.index; }
};

template <typename Elem, bool Conjugate>
cublasStatus_t dot(cublasHandle_t handle, int n, const Elem* x, int incx, const Elem* y, int incy, Elem* result) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  return reduce(handle, DotOp<Elem, Conjugate>{x, incx, y, incy, n}, n, result);
}

// nrm2, asum, amax and amin of a vector with incx <= 0 are 0, as in the reference BLAS.
template <typename Op, typename Elem>
cublasStatus_t reduce_vector(cublasHandle_t handle, int n, const Elem* x, int incx, typename Op::Result* result) {
  if (!handle) return CUBLAS_STATUS_NOT_INITIALIZED;
  return reduce(handle, Op{x, incx}, incx > 0 ? n : 0, result);
}

}  // namespace

extern "C" {

cublasStatus_t cublasSdot_v2(cublasHandle_t h, int n, const float* x, int incx, const float* y, int incy, float* r) {
  return dot<float, false>(h, n, x, incx, y, incy, r);
}
cublasStatus_t cublasDdot_v2(cublasHandle_t h, int n, const double* x, int incx, const double* y, int incy,
                             double* r) {
  return dot<double, false>(h, n, x, incx, y, incy, r);
}
cublasStatus_t cublasCdotu_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, const cuComplex* y, int incy,
                              cuComplex* r) {
  return dot<cuComplex, false>(h, n, x, incx, y, incy, r);
}
cublasStatus_t cublasCdotc_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, const cuComplex* y, int incy,
                              cuComplex* r) {
  return dot<cuComplex, true>(h, n, x, incx, y, incy, r);
}
cublasStatus_t cublasZdotu_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, const cuDoubleComplex* y,
                              int incy, cuDoubleComplex* r) {
  return dot<cuDoubleComplex, false>(h, n, x, incx, y, incy, r);
}
cublasStatus_t cublasZdotc_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, const cuDoubleComplex* y,
                              int incy, cuDoubleComplex* r) {
  return dot<cuDoubleComplex, true>(h, n, x, incx, y, incy, r);
}

cublasStatus_t cublasSnrm2_v2(cublasHandle_t h, int n, const float* x, int incx, float* r) {
  return reduce_vector<Nrm2Op<float>>(h, n, x, incx, r);
}
cublasStatus_t cublasDnrm2_v2(cublasHandle_t h, int n, const double* x, int incx, double* r) {
  return reduce_vector<Nrm2Op<double>>(h, n, x, incx, r);
}
cublasStatus_t cublasScnrm2_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, float* r) {
  return reduce_vector<Nrm2Op<cuComplex>>(h, n, x, incx, r);
}
cublasStatus_t cublasDznrm2_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, double* r) {
  return reduce_vector<Nrm2Op<cuDoubleComplex>>(h, n, x, incx, r);
}

cublasStatus_t cublasSasum_v2(cublasHandle_t h, int n, const float* x, int incx, float* r) {
  return reduce_vector<AsumOp<float>>(h, n, x, incx, r);
}
cublasStatus_t cublasDasum_v2(cublasHandle_t h, int n, const double* x, int incx, double* r) {
  return reduce_vector<AsumOp<double>>(h, n, x, incx, r);
}
cublasStatus_t cublasScasum_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, float* r) {
  return reduce_vector<AsumOp<cuComplex>>(h, n, x, incx, r);
}
cublasStatus_t cublasDzasum_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, double* r) {
  return reduce_vector<AsumOp<cuDoubleComplex>>(h, n, x, incx, r);
}

cublasStatus_t cublasIsamax_v2(cublasHandle_t h, int n, const float* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<float, true>>(h, n, x, incx, r);
}
cublasStatus_t cublasIdamax_v2(cublasHandle_t h, int n, const double* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<double, true>>(h, n, x, incx, r);
}
cublasStatus_t cublasIcamax_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<cuComplex, true>>(h, n, x, incx, r);
}
cublasStatus_t cublasIzamax_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<cuDoubleComplex, true>>(h, n, x, incx, r);
}
cublasStatus_t cublasIsamin_v2(cublasHandle_t h, int n, const float* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<float, false>>(h, n, x, incx, r);
}
cublasStatus_t cublasIdamin_v2(cublasHandle_t h, int n, const double* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<double, false>>(h, n, x, incx, r);
}
cublasStatus_t cublasIcamin_v2(cublasHandle_t h, int n, const cuComplex* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<cuComplex, false>>(h, n, x, incx, r);
}
cublasStatus_t cublasIzamin_v2(cublasHandle_t h, int n, const cuDoubleComplex* x, int incx, int* r) {
  return reduce_vector<ExtremumOp<cuDoubleComplex, false>>(h, n, x, incx, r);
}

}  // extern "C"
