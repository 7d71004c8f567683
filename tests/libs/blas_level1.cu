// cuBLAS level 1 on the simulated GPU against OpenBLAS: every routine for s/d/c/z, positive and negative
// increments, both pointer modes, empty vectors, scaled nrm2 at the ends of the float range, amax ties,
// bad arguments.
#include "blas_check.h"

namespace {

// The reference routines under one name per operation.
void ref_axpy(int n, float a, const float* x, int ix, float* y, int iy) { cblas_saxpy(n, a, x, ix, y, iy); }
void ref_axpy(int n, double a, const double* x, int ix, double* y, int iy) { cblas_daxpy(n, a, x, ix, y, iy); }
void ref_axpy(int n, cuComplex a, const cuComplex* x, int ix, cuComplex* y, int iy) { cblas_caxpy(n, &a, x, ix, y, iy); }
void ref_axpy(int n, cuDoubleComplex a, const cuDoubleComplex* x, int ix, cuDoubleComplex* y, int iy) {
  cblas_zaxpy(n, &a, x, ix, y, iy);
}
float ref_dot(int n, const float* x, int ix, const float* y, int iy, bool) { return cblas_sdot(n, x, ix, y, iy); }
double ref_dot(int n, const double* x, int ix, const double* y, int iy, bool) { return cblas_ddot(n, x, ix, y, iy); }
cuComplex ref_dot(int n, const cuComplex* x, int ix, const cuComplex* y, int iy, bool conj) {
  cuComplex r;
  conj ? cblas_cdotc_sub(n, x, ix, y, iy, &r) : cblas_cdotu_sub(n, x, ix, y, iy, &r);
  return r;
}
cuDoubleComplex ref_dot(int n, const cuDoubleComplex* x, int ix, const cuDoubleComplex* y, int iy, bool conj) {
  cuDoubleComplex r;
  conj ? cblas_zdotc_sub(n, x, ix, y, iy, &r) : cblas_zdotu_sub(n, x, ix, y, iy, &r);
  return r;
}
double ref_nrm2(int n, const float* x, int ix) { return cblas_snrm2(n, x, ix); }
double ref_nrm2(int n, const double* x, int ix) { return cblas_dnrm2(n, x, ix); }
double ref_nrm2(int n, const cuComplex* x, int ix) { return cblas_scnrm2(n, x, ix); }
double ref_nrm2(int n, const cuDoubleComplex* x, int ix) { return cblas_dznrm2(n, x, ix); }
double ref_asum(int n, const float* x, int ix) { return cblas_sasum(n, x, ix); }
double ref_asum(int n, const double* x, int ix) { return cblas_dasum(n, x, ix); }
double ref_asum(int n, const cuComplex* x, int ix) { return cblas_scasum(n, x, ix); }
double ref_asum(int n, const cuDoubleComplex* x, int ix) { return cblas_dzasum(n, x, ix); }
int ref_amax(int n, const float* x, int ix) { return n > 0 ? int(cblas_isamax(n, x, ix)) + 1 : 0; }
int ref_amax(int n, const double* x, int ix) { return n > 0 ? int(cblas_idamax(n, x, ix)) + 1 : 0; }
int ref_amax(int n, const cuComplex* x, int ix) { return n > 0 ? int(cblas_icamax(n, x, ix)) + 1 : 0; }
int ref_amax(int n, const cuDoubleComplex* x, int ix) { return n > 0 ? int(cblas_izamax(n, x, ix)) + 1 : 0; }
void ref_scal(int n, float a, float* x, int ix) { cblas_sscal(n, a, x, ix); }
void ref_scal(int n, double a, double* x, int ix) { cblas_dscal(n, a, x, ix); }
void ref_scal(int n, cuComplex a, cuComplex* x, int ix) { cblas_cscal(n, &a, x, ix); }
void ref_scal(int n, cuDoubleComplex a, cuDoubleComplex* x, int ix) { cblas_zscal(n, &a, x, ix); }

// The library's routines under the same names.
cublasStatus_t lib_axpy(cublasHandle_t h, int n, const float* a, const float* x, int ix, float* y, int iy) {
  return cublasSaxpy(h, n, a, x, ix, y, iy);
}
cublasStatus_t lib_axpy(cublasHandle_t h, int n, const double* a, const double* x, int ix, double* y, int iy) {
  return cublasDaxpy(h, n, a, x, ix, y, iy);
}
cublasStatus_t lib_axpy(cublasHandle_t h, int n, const cuComplex* a, const cuComplex* x, int ix, cuComplex* y, int iy) {
  return cublasCaxpy(h, n, a, x, ix, y, iy);
}
cublasStatus_t lib_axpy(cublasHandle_t h, int n, const cuDoubleComplex* a, const cuDoubleComplex* x, int ix,
                        cuDoubleComplex* y, int iy) {
  return cublasZaxpy(h, n, a, x, ix, y, iy);
}
cublasStatus_t lib_dot(cublasHandle_t h, int n, const float* x, int ix, const float* y, int iy, float* r, bool) {
  return cublasSdot(h, n, x, ix, y, iy, r);
}
cublasStatus_t lib_dot(cublasHandle_t h, int n, const double* x, int ix, const double* y, int iy, double* r, bool) {
  return cublasDdot(h, n, x, ix, y, iy, r);
}
cublasStatus_t lib_dot(cublasHandle_t h, int n, const cuComplex* x, int ix, const cuComplex* y, int iy, cuComplex* r,
                       bool conj) {
  return conj ? cublasCdotc(h, n, x, ix, y, iy, r) : cublasCdotu(h, n, x, ix, y, iy, r);
}
cublasStatus_t lib_dot(cublasHandle_t h, int n, const cuDoubleComplex* x, int ix, const cuDoubleComplex* y, int iy,
                       cuDoubleComplex* r, bool conj) {
  return conj ? cublasZdotc(h, n, x, ix, y, iy, r) : cublasZdotu(h, n, x, ix, y, iy, r);
}
cublasStatus_t lib_nrm2(cublasHandle_t h, int n, const float* x, int ix, float* r) { return cublasSnrm2(h, n, x, ix, r); }
cublasStatus_t lib_nrm2(cublasHandle_t h, int n, const double* x, int ix, double* r) { return cublasDnrm2(h, n, x, ix, r); }
cublasStatus_t lib_nrm2(cublasHandle_t h, int n, const cuComplex* x, int ix, float* r) {
  return cublasScnrm2(h, n, x, ix, r);
}
cublasStatus_t lib_nrm2(cublasHandle_t h, int n, const cuDoubleComplex* x, int ix, double* r) {
  return cublasDznrm2(h, n, x, ix, r);
}
cublasStatus_t lib_asum(cublasHandle_t h, int n, const float* x, int ix, float* r) { return cublasSasum(h, n, x, ix, r); }
cublasStatus_t lib_asum(cublasHandle_t h, int n, const double* x, int ix, double* r) { return cublasDasum(h, n, x, ix, r); }
cublasStatus_t lib_asum(cublasHandle_t h, int n, const cuComplex* x, int ix, float* r) {
  return cublasScasum(h, n, x, ix, r);
}
cublasStatus_t lib_asum(cublasHandle_t h, int n, const cuDoubleComplex* x, int ix, double* r) {
  return cublasDzasum(h, n, x, ix, r);
}
cublasStatus_t lib_amax(cublasHandle_t h, int n, const float* x, int ix, int* r) { return cublasIsamax(h, n, x, ix, r); }
cublasStatus_t lib_amax(cublasHandle_t h, int n, const double* x, int ix, int* r) { return cublasIdamax(h, n, x, ix, r); }
cublasStatus_t lib_amax(cublasHandle_t h, int n, const cuComplex* x, int ix, int* r) { return cublasIcamax(h, n, x, ix, r); }
cublasStatus_t lib_amax(cublasHandle_t h, int n, const cuDoubleComplex* x, int ix, int* r) {
  return cublasIzamax(h, n, x, ix, r);
}
cublasStatus_t lib_amin(cublasHandle_t h, int n, const float* x, int ix, int* r) { return cublasIsamin(h, n, x, ix, r); }
cublasStatus_t lib_amin(cublasHandle_t h, int n, const double* x, int ix, int* r) { return cublasIdamin(h, n, x, ix, r); }
cublasStatus_t lib_amin(cublasHandle_t h, int n, const cuComplex* x, int ix, int* r) { return cublasIcamin(h, n, x, ix, r); }
cublasStatus_t lib_amin(cublasHandle_t h, int n, const cuDoubleComplex* x, int ix, int* r) {
  return cublasIzamin(h, n, x, ix, r);
}
cublasStatus_t lib_scal(cublasHandle_t h, int n, const float* a, float* x, int ix) { return cublasSscal(h, n, a, x, ix); }
cublasStatus_t lib_scal(cublasHandle_t h, int n, const double* a, double* x, int ix) { return cublasDscal(h, n, a, x, ix); }
cublasStatus_t lib_scal(cublasHandle_t h, int n, const cuComplex* a, cuComplex* x, int ix) {
  return cublasCscal(h, n, a, x, ix);
}
cublasStatus_t lib_scal(cublasHandle_t h, int n, const cuDoubleComplex* a, cuDoubleComplex* x, int ix) {
  return cublasZscal(h, n, a, x, ix);
}
cublasStatus_t lib_copy(cublasHandle_t h, int n, const float* x, int ix, float* y, int iy) {
  return cublasScopy(h, n, x, ix, y, iy);
}
cublasStatus_t lib_copy(cublasHandle_t h, int n, const double* x, int ix, double* y, int iy) {
  return cublasDcopy(h, n, x, ix, y, iy);
}
cublasStatus_t lib_copy(cublasHandle_t h, int n, const cuComplex* x, int ix, cuComplex* y, int iy) {
  return cublasCcopy(h, n, x, ix, y, iy);
}
cublasStatus_t lib_copy(cublasHandle_t h, int n, const cuDoubleComplex* x, int ix, cuDoubleComplex* y, int iy) {
  return cublasZcopy(h, n, x, ix, y, iy);
}
cublasStatus_t lib_swap(cublasHandle_t h, int n, float* x, int ix, float* y, int iy) { return cublasSswap(h, n, x, ix, y, iy); }
cublasStatus_t lib_swap(cublasHandle_t h, int n, double* x, int ix, double* y, int iy) {
  return cublasDswap(h, n, x, ix, y, iy);
}
cublasStatus_t lib_swap(cublasHandle_t h, int n, cuComplex* x, int ix, cuComplex* y, int iy) {
  return cublasCswap(h, n, x, ix, y, iy);
}
cublasStatus_t lib_swap(cublasHandle_t h, int n, cuDoubleComplex* x, int ix, cuDoubleComplex* y, int iy) {
  return cublasZswap(h, n, x, ix, y, iy);
}

// Element i of a strided vector as BLAS walks it (negative increments from the far end).
size_t walk(int len, int inc, int i) { return inc < 0 ? size_t(len - 1 - i) * -inc : size_t(i) * inc; }

double abs1_host(float v) { return std::fabs(v); }
double abs1_host(double v) { return std::fabs(v); }
double abs1_host(cuComplex v) { return std::fabs(v.x) + std::fabs(v.y); }
double abs1_host(cuDoubleComplex v) { return std::fabs(v.x) + std::fabs(v.y); }

template <typename Elem>
void check_type(cublasHandle_t handle, const char* type) {
  using Real = decltype(real_of(Elem{}));
  const int lengths[] = {0, 1, 7, 1000, 70000};
  const int increments[][2] = {{1, 1}, {2, 3}, {-1, 1}, {1, -2}};
  for (int len : lengths)
    for (auto inc : increments) {
      int ix = inc[0], iy = inc[1];
      size_t xs = size_t(len > 0 ? len : 1) * std::abs(ix), ys = size_t(len > 0 ? len : 1) * std::abs(iy);
      std::vector<Elem> x = random_vector<Elem>(xs), y = random_vector<Elem>(ys);
      Elem* dx = to_device(x);
      Elem* dy = to_device(y);
      char what[96];
      double tol = tolerance<Elem>(std::sqrt(double(len)) + 8);

      // axpy
      Elem alpha;
      random_fill(alpha);
      std::vector<Elem> want = y;
      ref_axpy(len, alpha, x.data(), ix, want.data(), iy);
      EXPECT_BLAS(lib_axpy(handle, len, &alpha, dx, ix, dy, iy));
      snprintf(what, sizeof what, "%saxpy n=%d incx=%d incy=%d", type, len, ix, iy);
      expect_close(what, from_device(dy, ys), want, tolerance<Elem>(2));
      EXPECT_OK(cudaMemcpy(dy, y.data(), ys * sizeof(Elem), cudaMemcpyHostToDevice));

      // dot (and dotc for complex types)
      for (int conj = 0; conj < 2; ++conj) {
        Elem got{};
        EXPECT_BLAS(lib_dot(handle, len, dx, ix, dy, iy, &got, conj));
        Elem ref = ref_dot(len, x.data(), ix, y.data(), iy, conj);
        if (!close(got, ref, tol, std::sqrt(double(len)))) {
          fprintf(stderr, "%sdot%s n=%d incx=%d incy=%d: %g from %g\n", type, conj ? "c" : "", len, ix, iy,
                  magnitude(got), magnitude(ref));
          ++failures;
        }
      }

      // copy, swap
      EXPECT_BLAS(lib_copy(handle, len, dx, ix, dy, iy));
      want = y;
      for (int i = 0; i < len; ++i) want[walk(len, iy, i)] = x[walk(len, ix, i)];
      snprintf(what, sizeof what, "%scopy n=%d incx=%d incy=%d", type, len, ix, iy);
      expect_close(what, from_device(dy, ys), want, 0);
      EXPECT_OK(cudaMemcpy(dy, y.data(), ys * sizeof(Elem), cudaMemcpyHostToDevice));
      EXPECT_BLAS(lib_swap(handle, len, dx, ix, dy, iy));
      std::vector<Elem> want_x = x, want_y = y;
      for (int i = 0; i < len; ++i) std::swap(want_x[walk(len, ix, i)], want_y[walk(len, iy, i)]);
      snprintf(what, sizeof what, "%sswap n=%d incx=%d incy=%d", type, len, ix, iy);
      expect_close(what, from_device(dx, xs), want_x, 0);
      expect_close(what, from_device(dy, ys), want_y, 0);
      EXPECT_OK(cudaMemcpy(dx, x.data(), xs * sizeof(Elem), cudaMemcpyHostToDevice));

      // The vector-only routines take positive increments (incx <= 0 gives 0 or no change).
      int vx = std::abs(ix);
      Real got_real = -1;
      EXPECT_BLAS(lib_nrm2(handle, len, dx, vx, &got_real));
      if (!close(double(got_real), ref_nrm2(len, x.data(), vx), tol)) {
        fprintf(stderr, "%snrm2 n=%d incx=%d: %.17g from %.17g\n", type, len, vx, double(got_real),
                ref_nrm2(len, x.data(), vx));
        ++failures;
      }
      EXPECT_BLAS(lib_asum(handle, len, dx, vx, &got_real));
      if (!close(double(got_real), ref_asum(len, x.data(), vx), tol, double(len))) {
        fprintf(stderr, "%sasum n=%d incx=%d: %.17g from %.17g\n", type, len, vx, double(got_real),
                ref_asum(len, x.data(), vx));
        ++failures;
      }
      int index = -1;
      EXPECT_BLAS(lib_amax(handle, len, dx, vx, &index));
      if (index != ref_amax(len, x.data(), vx)) {
        fprintf(stderr, "i%samax n=%d incx=%d: %d, reference %d\n", type, len, vx, index, ref_amax(len, x.data(), vx));
        ++failures;
      }
      int want_min = 0;
      for (int i = 0; i < len; ++i)
        if (want_min == 0 || abs1_host(x[size_t(i) * vx]) < abs1_host(x[size_t(want_min - 1) * vx])) want_min = i + 1;
      EXPECT_BLAS(lib_amin(handle, len, dx, vx, &index));
      if (index != want_min) {
        fprintf(stderr, "i%samin n=%d incx=%d: %d, expected %d\n", type, len, vx, index, want_min);
        ++failures;
      }
      Elem scale;
      random_fill(scale);
      want = x;
      ref_scal(len, scale, want.data(), vx);
      EXPECT_BLAS(lib_scal(handle, len, &scale, dx, vx));
      snprintf(what, sizeof what, "%sscal n=%d incx=%d", type, len, vx);
      expect_close(what, from_device(dx, xs), want, tolerance<Elem>(2));
      EXPECT_OK(cudaFree(dx));
      EXPECT_OK(cudaFree(dy));
    }
}

// Rotations: srot/drot against CBLAS; the complex forms against the formula x' = c x + s y,
// y' = c y - conj(s) x written out here.
void check_rot(cublasHandle_t handle) {
  const int len = 3001;
  std::vector<double> x = random_vector<double>(len), y = random_vector<double>(2 * len);
  double* dx = to_device(x);
  double* dy = to_device(y);
  double c = 0.6, s = -0.8;
  EXPECT_BLAS(cublasDrot(handle, len, dx, 1, dy, -2, &c, &s));
  cblas_drot(len, x.data(), 1, y.data(), -2, c, s);
  expect_close("drot x", from_device(dx, len), x, 1e-15);
  expect_close("drot y", from_device(dy, 2 * len), y, 1e-15);
  cudaFree(dx);
  cudaFree(dy);

  std::vector<cuComplex> cx = random_vector<cuComplex>(len), cy = random_vector<cuComplex>(len);
  cuComplex* dcx = to_device(cx);
  cuComplex* dcy = to_device(cy);
  float cc = 0.28f;
  cuComplex cs = make_cuComplex(0.6f, -0.75f);
  EXPECT_BLAS(cublasCrot(handle, len, dcx, 1, dcy, 1, &cc, &cs));
  std::vector<cuComplex> wx(len), wy(len);
  for (int i = 0; i < len; ++i) {
    std::complex<double> xv(cx[i].x, cx[i].y), yv(cy[i].x, cy[i].y), sv(cs.x, cs.y);
    std::complex<double> nx = double(cc) * xv + sv * yv, ny = double(cc) * yv - std::conj(sv) * xv;
    wx[i] = make_cuComplex(float(nx.real()), float(nx.imag()));
    wy[i] = make_cuComplex(float(ny.real()), float(ny.imag()));
  }
  expect_close("crot x", from_device(dcx, len), wx, 1e-6);
  expect_close("crot y", from_device(dcy, len), wy, 1e-6);
  float real_s = 0.96f;
  EXPECT_OK(cudaMemcpy(dcx, cx.data(), len * sizeof(cuComplex), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(dcy, cy.data(), len * sizeof(cuComplex), cudaMemcpyHostToDevice));
  EXPECT_BLAS(cublasCsrot(handle, len, dcx, 1, dcy, 1, &cc, &real_s));
  for (int i = 0; i < len; ++i) {
    wx[i] = make_cuComplex(cc * cx[i].x + real_s * cy[i].x, cc * cx[i].y + real_s * cy[i].y);
    wy[i] = make_cuComplex(cc * cy[i].x - real_s * cx[i].x, cc * cy[i].y - real_s * cx[i].y);
  }
  expect_close("csrot x", from_device(dcx, len), wx, 1e-6);
  expect_close("csrot y", from_device(dcy, len), wy, 1e-6);
  cudaFree(dcx);
  cudaFree(dcy);
}

void check_edges(cublasHandle_t handle) {
  // nrm2 is scaled: squares of 1e30 and 1e-30 would overflow and underflow in float.
  for (float magnitude_of : {1e30f, 1e-30f}) {
    std::vector<float> x(4096, magnitude_of);
    float* dx = to_device(x);
    float got = 0;
    EXPECT_BLAS(cublasSnrm2(handle, 4096, dx, 1, &got));
    EXPECT(std::fabs(got - magnitude_of * 64.0f) <= 1e-5f * magnitude_of * 64.0f);
    EXPECT_BLAS(cublasSnrm2(handle, 4096, dx, 0, &got));  // incx <= 0: 0
    EXPECT(got == 0.0f);
    cudaFree(dx);
  }
  // amax and amin give the first of equal magnitudes, 1-based; empty vectors give 0.
  std::vector<double> ties(5000, 0.5);
  ties[777] = -2.0, ties[4000] = 2.0, ties[123] = 0.25, ties[4999] = -0.25;
  double* dt = to_device(ties);
  int index = -1;
  EXPECT_BLAS(cublasIdamax(handle, 5000, dt, 1, &index));
  EXPECT(index == 778);
  EXPECT_BLAS(cublasIdamin(handle, 5000, dt, 1, &index));
  EXPECT(index == 124);
  EXPECT_BLAS(cublasIdamax(handle, 0, dt, 1, &index));
  EXPECT(index == 0);
  // The same reduction twice gives the same bits.
  double first = 0, second = 1;
  std::vector<double> v = random_vector<double>(100000);
  double* dv = to_device(v);
  EXPECT_BLAS(cublasDdot(handle, 100000, dv, 1, dv, 1, &first));
  EXPECT_BLAS(cublasDdot(handle, 100000, dv, 1, dv, 1, &second));
  EXPECT(first == second);

  // Device pointer mode: results and scalars stay in device memory; the calls do not wait.
  EXPECT_BLAS(cublasSetPointerMode(handle, CUBLAS_POINTER_MODE_DEVICE));
  double* dresult = nullptr;
  EXPECT_OK(cudaMalloc(&dresult, 2 * sizeof(double)));
  EXPECT_BLAS(cublasDdot(handle, 100000, dv, 1, dv, 1, dresult));
  EXPECT_BLAS(cublasDscal(handle, 1, dresult, dresult, 1));  // alpha read on the device: first^2
  std::vector<double> on_device = from_device(dresult, 1);
  EXPECT(on_device[0] == first * first);
  EXPECT_BLAS(cublasSetPointerMode(handle, CUBLAS_POINTER_MODE_HOST));

  // Bad arguments.
  EXPECT_STATUS(CUBLAS_STATUS_NOT_INITIALIZED, cublasDdot(nullptr, 10, dv, 1, dv, 1, &first));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasDdot(handle, 10, dv, 1, dv, 1, nullptr));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasDaxpy(handle, 10, nullptr, dv, 1, dv, 1));
  EXPECT_STATUS(CUBLAS_STATUS_INVALID_VALUE, cublasSetPointerMode(handle, (cublasPointerMode_t)7));
  cudaFree(dt);
  cudaFree(dv);
  cudaFree(dresult);
}

}  // namespace

int main() {
  cublasHandle_t handle = nullptr;
  EXPECT_BLAS(cublasCreate(&handle));
  int version = 0;
  EXPECT_BLAS(cublasGetVersion(handle, &version));
  EXPECT(version == CUBLAS_VERSION);
  for_each_blas_type([&](auto elem, const char* type) { check_type<decltype(elem)>(handle, type); });
  check_rot(handle);
  check_edges(handle);
  EXPECT_BLAS(cublasDestroy(handle));
  return check_result();
}
