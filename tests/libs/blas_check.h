// What the cuBLAS test programs share: status checks, seeded random data and comparisons with the
// reference (OpenBLAS's CBLAS) in relative error. No short names (the programs build with -DN=64 ...).
#pragma once
#include <cublas_v2.h>

// CBLAS's own header names its parameters N, M, K, ...: out of the command line's macros' way for it.
#pragma push_macro("N")
#undef N
#pragma push_macro("M")
#undef M
#pragma push_macro("K")
#undef K
#pragma push_macro("T")
#undef T
#pragma push_macro("P")
#undef P
#pragma push_macro("S")
#undef S
#include <cblas.h>
#pragma pop_macro("S")
#pragma pop_macro("P")
#pragma pop_macro("T")
#pragma pop_macro("K")
#pragma pop_macro("M")
#pragma pop_macro("N")

#include <cmath>
#include <complex>
#include <random>
#include <vector>

#include "../cuda/check.h"

#define EXPECT_BLAS(call)                                                                   \
  do {                                                                                      \
    cublasStatus_t s_ = (call);                                                             \
    if (s_ != CUBLAS_STATUS_SUCCESS) {                                                      \
      fprintf(stderr, "%s:%d: %s returned %s\n", __FILE__, __LINE__, #call, cublasGetStatusName(s_)); \
      ++failures;                                                                           \
    }                                                                                       \
  } while (0)
#define EXPECT_STATUS(expected, call)                                                             \
  do {                                                                                            \
    cublasStatus_t s_ = (call);                                                                   \
    if (s_ != (expected)) {                                                                       \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #call,          \
              cublasGetStatusName(s_), cublasGetStatusName(expected));                            \
      ++failures;                                                                                 \
    }                                                                                             \
  } while (0)

// Seeded values in [-1, 1) for every element type (complex types get both parts).
inline std::mt19937& blas_rng() {
  static std::mt19937 rng(20261207);
  return rng;
}
inline void random_fill(float& v) { v = std::uniform_real_distribution<float>(-1, 1)(blas_rng()); }
inline void random_fill(double& v) { v = std::uniform_real_distribution<double>(-1, 1)(blas_rng()); }
inline void random_fill(cuComplex& v) { random_fill(v.x), random_fill(v.y); }
inline void random_fill(cuDoubleComplex& v) { random_fill(v.x), random_fill(v.y); }
template <typename Elem>
std::vector<Elem> random_vector(size_t count) {
  std::vector<Elem> v(count);
  for (Elem& e : v) random_fill(e);
  return v;
}

// The real type of an element type (float for cuComplex).
float real_of(float);
double real_of(double);
float real_of(cuComplex);
double real_of(cuDoubleComplex);

inline double magnitude(float v) { return std::fabs(v); }
inline double magnitude(double v) { return std::fabs(v); }
inline double magnitude(cuComplex v) { return std::hypot(v.x, v.y); }
inline double magnitude(cuDoubleComplex v) { return std::hypot(v.x, v.y); }
inline double distance(float a, float b) { return std::fabs(double(a) - b); }
inline double distance(double a, double b) { return std::fabs(a - b); }
inline double distance(cuComplex a, cuComplex b) { return std::hypot(double(a.x) - b.x, double(a.y) - b.y); }
inline double distance(cuDoubleComplex a, cuDoubleComplex b) { return std::hypot(a.x - b.x, a.y - b.y); }

// The tolerance of an element type: a small multiple of its epsilon, times the length of the sums.
template <typename Elem>
double tolerance(double terms) {
  double eps = sizeof(Elem) == sizeof(float) || sizeof(Elem) == 2 * sizeof(float) ? 1.2e-7 : 2.3e-16;
  return 4 * eps * (terms < 1 ? 1 : terms);
}

// Whether `got` equals `want` within `tol` relative to `scale` (the size of the values summed).
template <typename Elem>
bool close(Elem got, Elem want, double tol, double scale = 1) {
  return distance(got, want) <= tol * (scale > magnitude(want) ? scale : magnitude(want));
}

// Counts and reports the elements of two arrays further apart than `tol` (relative to `scale`).
template <typename Elem>
void expect_close(const char* what, const std::vector<Elem>& got, const std::vector<Elem>& want, double tol,
                  double scale = 1) {
  int bad = 0;
  for (size_t i = 0; i < want.size(); ++i)
    if (!close(got[i], want[i], tol, scale) && bad++ < 3)
      fprintf(stderr, "%s: element %zu differs by %g (|want| %g)\n", what, i, distance(got[i], want[i]),
              magnitude(want[i]));
  if (bad) {
    fprintf(stderr, "%s: %d of %zu elements out of tolerance %g\n", what, bad, want.size(), tol);
    ++failures;
  }
}

inline CBLAS_TRANSPOSE cblas_op(cublasOperation_t op) {
  return op == CUBLAS_OP_N ? CblasNoTrans : op == CUBLAS_OP_T ? CblasTrans : CblasConjTrans;
}
inline const char* op_name(cublasOperation_t op) { return op == CUBLAS_OP_N ? "N" : op == CUBLAS_OP_T ? "T" : "C"; }

// A value that must not reach a result (what C holds when beta is 0, what A holds when alpha is 0).
inline void poison(float& v) { v = NAN; }
inline void poison(double& v) { v = NAN; }
inline void poison(cuComplex& v) { v = make_cuComplex(NAN, NAN); }
inline void poison(cuDoubleComplex& v) { v = make_cuDoubleComplex(NAN, NAN); }
template <typename Elem>
Elem poisoned() {
  Elem v;
  poison(v);
  return v;
}
inline float from_double(double v, float) { return float(v); }
inline double from_double(double v, double) { return v; }
inline cuComplex from_double(double v, cuComplex) { return make_cuComplex(float(v), 0); }
inline cuDoubleComplex from_double(double v, cuDoubleComplex) { return make_cuDoubleComplex(v, 0); }
template <typename Elem>
Elem scalar_of(double v) {
  return from_double(v, Elem{});
}

// The reference products (OpenBLAS), under one name for the four types.
inline void ref_gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, float alpha, const float* a, int lda,
              const float* b, int ldb, float beta, float* c, int ldc) {
  cblas_sgemm(CblasColMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
inline void ref_gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, double alpha, const double* a, int lda,
              const double* b, int ldb, double beta, double* c, int ldc) {
  cblas_dgemm(CblasColMajor, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
inline void ref_gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, cuComplex alpha, const cuComplex* a,
              int lda, const cuComplex* b, int ldb, cuComplex beta, cuComplex* c, int ldc) {
  cblas_cgemm(CblasColMajor, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc);
}
inline void ref_gemm(CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m, int n, int k, cuDoubleComplex alpha,
              const cuDoubleComplex* a, int lda, const cuDoubleComplex* b, int ldb, cuDoubleComplex beta,
              cuDoubleComplex* c, int ldc) {
  cblas_zgemm(CblasColMajor, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc);
}

inline void ref_gemv(CBLAS_TRANSPOSE t, int m, int n, float alpha, const float* a, int lda, const float* x, int incx,
              float beta, float* y, int incy) {
  cblas_sgemv(CblasColMajor, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
inline void ref_gemv(CBLAS_TRANSPOSE t, int m, int n, double alpha, const double* a, int lda, const double* x, int incx,
              double beta, double* y, int incy) {
  cblas_dgemv(CblasColMajor, t, m, n, alpha, a, lda, x, incx, beta, y, incy);
}
inline void ref_gemv(CBLAS_TRANSPOSE t, int m, int n, cuComplex alpha, const cuComplex* a, int lda, const cuComplex* x,
              int incx, cuComplex beta, cuComplex* y, int incy) {
  cblas_cgemv(CblasColMajor, t, m, n, &alpha, a, lda, x, incx, &beta, y, incy);
}
inline void ref_gemv(CBLAS_TRANSPOSE t, int m, int n, cuDoubleComplex alpha, const cuDoubleComplex* a, int lda,
              const cuDoubleComplex* x, int incx, cuDoubleComplex beta, cuDoubleComplex* y, int incy) {
  cblas_zgemv(CblasColMajor, t, m, n, &alpha, a, lda, x, incx, &beta, y, incy);
}

// Host arithmetic for references written out here.
inline std::complex<double> as_complex(float v) { return v; }
inline std::complex<double> as_complex(double v) { return v; }
inline std::complex<double> as_complex(cuComplex v) { return {v.x, v.y}; }
inline std::complex<double> as_complex(cuDoubleComplex v) { return {v.x, v.y}; }
template <typename Elem>
Elem from_complex(std::complex<double> v) {
  Elem e;
  if constexpr (sizeof(Elem) == sizeof(float) || sizeof(Elem) == sizeof(double) && std::is_same_v<Elem, double>)
    e = Elem(v.real());
  else
    e = {static_cast<decltype(e.x)>(v.real()), static_cast<decltype(e.x)>(v.imag())};
  return e;
}
// op(X)(i, j) of a column-major host matrix.
template <typename Elem>
std::complex<double> op_at(const std::vector<Elem>& x, int ld, cublasOperation_t op, int i, int j) {
  if (op == CUBLAS_OP_N) return as_complex(x[i + size_t(j) * ld]);
  std::complex<double> v = as_complex(x[j + size_t(i) * ld]);
  return op == CUBLAS_OP_C ? std::conj(v) : v;
}


// Runs check(Elem{}, "s"), ... for the four BLAS element types (the prefix names the type in messages).
template <typename Check>
void for_each_blas_type(Check&& check) {
  check(float{}, "s");
  check(double{}, "d");
  check(cuComplex{}, "c");
  check(cuDoubleComplex{}, "z");
}

// `return` of the call made for the element type Elem (in a function template over Elem).
#define CANOPY_TEST_BY_TYPE(call_s, call_d, call_c, call_z)    \
  if constexpr (std::is_same_v<Elem, float>) return call_s;    \
  if constexpr (std::is_same_v<Elem, double>) return call_d;   \
  if constexpr (std::is_same_v<Elem, cuComplex>) return call_c; \
  if constexpr (std::is_same_v<Elem, cuDoubleComplex>) return call_z;
