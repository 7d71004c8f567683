// cuFFT on the simulated GPU against FFTW (in double precision): complex, real-to-complex and
// complex-to-real transforms of rank 1, 2 and 3, batched, power-of-two and other lengths (primes included,
// Bluestein's path), both precisions, both directions, the advanced layout (strides, distances, embeds,
// in-place R2C with FFTW's padding), round trips, bad arguments.
#include <cufft.h>
#include <fftw3.h>

#include <cmath>
#include <complex>
#include <random>
#include <vector>

#include "../cuda/check.h"

namespace {

std::mt19937 rng(12345);
double uniform() { return std::uniform_real_distribution<double>(-1, 1)(rng); }

// The largest error relative to the largest magnitude of the reference.
template <typename Got>
double relative_error(const std::vector<Got>& got, const std::vector<std::complex<double>>& want) {
  double err = 0, scale = 1e-300;
  for (size_t i = 0; i < want.size(); ++i) {
    std::complex<double> g(got[i].x, got[i].y);
    err = std::max(err, std::abs(g - want[i]));
    scale = std::max(scale, std::abs(want[i]));
  }
  return err / scale;
}

void expect_error(const char* what, double error, double tolerance) {
  if (!(error <= tolerance)) {
    fprintf(stderr, "%s: relative error %.3g over %.3g\n", what, error, tolerance);
    ++failures;
  }
}

// Complex transforms, packed layout, against fftw_plan_many_dft.
template <typename Complex>
void check_complex(int rank, std::vector<int> n, int batch, int sign) {
  constexpr bool dbl = sizeof(Complex) == sizeof(cuDoubleComplex);
  long long per = 1;
  for (int v : n) per *= v;
  std::vector<Complex> x(per * batch);
  std::vector<std::complex<double>> ref_in(x.size()), ref_out(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    x[i].x = uniform(), x[i].y = uniform();
    ref_in[i] = {double(x[i].x), double(x[i].y)};
  }
  fftw_plan ref = fftw_plan_many_dft(rank, n.data(), batch, reinterpret_cast<fftw_complex*>(ref_in.data()), nullptr, 1,
                                     int(per), reinterpret_cast<fftw_complex*>(ref_out.data()), nullptr, 1, int(per),
                                     sign, FFTW_ESTIMATE);
  fftw_execute(ref);
  fftw_destroy_plan(ref);
  Complex* d = to_device(x);
  cufftHandle plan;
  cufftResult r = cufftPlanMany(&plan, rank, n.data(), nullptr, 1, 0, nullptr, 1, 0, dbl ? CUFFT_Z2Z : CUFFT_C2C, batch);
  EXPECT(r == CUFFT_SUCCESS);
  if constexpr (dbl)
    EXPECT(cufftExecZ2Z(plan, d, d, sign) == CUFFT_SUCCESS);  // in place
  else
    EXPECT(cufftExecC2C(plan, d, d, sign) == CUFFT_SUCCESS);
  char what[96];
  snprintf(what, sizeof what, "%s rank %d n0 %d batch %d sign %d", dbl ? "Z2Z" : "C2C", rank, n[0], batch, sign);
  double log_n = std::log2(double(per)) + 1;
  expect_error(what, relative_error(from_device(d, x.size()), ref_out), (dbl ? 1e-16 : 6e-8) * 4 * log_n);
  EXPECT(cufftDestroy(plan) == CUFFT_SUCCESS);
  cudaFree(d);
}

// Real transforms: R2C against fftw_plan_many_dft_r2c, then C2R of that spectrum gives n x back.
template <typename Real, typename Complex>
void check_real(int rank, std::vector<int> n, int batch) {
  constexpr bool dbl = sizeof(Real) == sizeof(double);
  long long per = 1, half_per = 1;
  for (int d = 0; d < rank; ++d) {
    per *= n[d];
    half_per *= d == rank - 1 ? n[d] / 2 + 1 : n[d];
  }
  std::vector<Real> x(per * batch);
  std::vector<double> ref_in(x.size());
  for (size_t i = 0; i < x.size(); ++i) ref_in[i] = x[i] = Real(uniform());
  std::vector<std::complex<double>> ref_out(half_per * batch);
  fftw_plan ref = fftw_plan_many_dft_r2c(rank, n.data(), batch, ref_in.data(), nullptr, 1, int(per),
                                         reinterpret_cast<fftw_complex*>(ref_out.data()), nullptr, 1, int(half_per),
                                         FFTW_ESTIMATE);
  fftw_execute(ref);
  fftw_destroy_plan(ref);
  Real* dx = to_device(x);
  Complex* dy = nullptr;
  EXPECT_OK(cudaMalloc(&dy, sizeof(Complex) * half_per * batch));
  cufftHandle forward, inverse;
  EXPECT(cufftPlanMany(&forward, rank, n.data(), nullptr, 1, 0, nullptr, 1, 0, dbl ? CUFFT_D2Z : CUFFT_R2C, batch) ==
         CUFFT_SUCCESS);
  EXPECT(cufftPlanMany(&inverse, rank, n.data(), nullptr, 1, 0, nullptr, 1, 0, dbl ? CUFFT_Z2D : CUFFT_C2R, batch) ==
         CUFFT_SUCCESS);
  if constexpr (dbl)
    EXPECT(cufftExecD2Z(forward, dx, dy) == CUFFT_SUCCESS);
  else
    EXPECT(cufftExecR2C(forward, dx, dy) == CUFFT_SUCCESS);
  char what[96];
  snprintf(what, sizeof what, "%s rank %d n0 %d batch %d", dbl ? "D2Z" : "R2C", rank, n[0], batch);
  double log_n = std::log2(double(per)) + 1;
  double tol = (dbl ? 1e-16 : 6e-8) * 4 * log_n;
  expect_error(what, relative_error(from_device(dy, ref_out.size()), ref_out), tol);
  Real* dz = nullptr;
  EXPECT_OK(cudaMalloc(&dz, sizeof(Real) * per * batch));
  if constexpr (dbl)
    EXPECT(cufftExecZ2D(inverse, dy, dz) == CUFFT_SUCCESS);
  else
    EXPECT(cufftExecC2R(inverse, dy, dz) == CUFFT_SUCCESS);
  std::vector<Real> z = from_device(dz, x.size());
  std::vector<std::complex<double>> want(x.size());
  std::vector<Complex> got(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    want[i] = double(x[i]) * double(per);  // unnormalized: n x
    got[i].x = z[i], got[i].y = 0;
  }
  snprintf(what, sizeof what, "%s round trip rank %d n0 %d", dbl ? "Z2D" : "C2R", rank, n[0]);
  expect_error(what, relative_error(got, want), 2 * tol);
  cufftDestroy(forward);
  cufftDestroy(inverse);
  cudaFree(dx);
  cudaFree(dy);
  cudaFree(dz);
}

// The advanced layout: every other complex element (istride 2), batches 300 elements apart, output packed
// with a gap between batches; and an in-place 2-D R2C with FFTW's padded rows.
void check_layouts() {
  int n = 100, batch = 3, istride = 2, idist = 300, odist = 110;
  std::vector<cuComplex> x(idist * batch);
  for (auto& v : x) v = make_cuComplex(float(uniform()), float(uniform()));
  std::vector<std::complex<double>> ref_in(n * batch), ref_out(n * batch);
  for (int b = 0; b < batch; ++b)
    for (int i = 0; i < n; ++i) ref_in[b * n + i] = {x[b * idist + i * istride].x, x[b * idist + i * istride].y};
  fftw_plan ref = fftw_plan_many_dft(1, &n, batch, reinterpret_cast<fftw_complex*>(ref_in.data()), nullptr, 1, n,
                                     reinterpret_cast<fftw_complex*>(ref_out.data()), nullptr, 1, n, FFTW_FORWARD,
                                     FFTW_ESTIMATE);
  fftw_execute(ref);
  fftw_destroy_plan(ref);
  cuComplex* dx = to_device(x);
  cuComplex* dy = nullptr;
  EXPECT_OK(cudaMalloc(&dy, sizeof(cuComplex) * odist * batch));
  cufftHandle plan;
  int inembed[1] = {n}, onembed[1] = {n};
  EXPECT(cufftPlanMany(&plan, 1, &n, inembed, istride, idist, onembed, 1, odist, CUFFT_C2C, batch) == CUFFT_SUCCESS);
  EXPECT(cufftExecC2C(plan, dx, dy, CUFFT_FORWARD) == CUFFT_SUCCESS);
  std::vector<cuComplex> y = from_device(dy, odist * batch), got(n * batch);
  for (int b = 0; b < batch; ++b)
    for (int i = 0; i < n; ++i) got[b * n + i] = y[b * odist + i];
  expect_error("C2C strided layout", relative_error(got, ref_out), 2e-6);
  cufftDestroy(plan);
  cudaFree(dx);
  cudaFree(dy);

  // In-place 2-D R2C: rows of 2 (ny / 2 + 1) reals hold the ny inputs, then the ny / 2 + 1 outputs.
  int nx = 6, ny = 10, padded = 2 * (ny / 2 + 1);
  std::vector<float> data(nx * padded, 0.0f);
  std::vector<double> rin(nx * ny);
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j) rin[i * ny + j] = data[i * padded + j] = float(uniform());
  std::vector<std::complex<double>> rout(nx * (ny / 2 + 1));
  fftw_plan r2c = fftw_plan_dft_r2c_2d(nx, ny, rin.data(), reinterpret_cast<fftw_complex*>(rout.data()), FFTW_ESTIMATE);
  fftw_execute(r2c);
  fftw_destroy_plan(r2c);
  float* dd = to_device(data);
  int dims[2] = {nx, ny}, in_embed[2] = {nx, padded}, out_embed[2] = {nx, ny / 2 + 1};
  EXPECT(cufftPlanMany(&plan, 2, dims, in_embed, 1, nx * padded, out_embed, 1, nx * (ny / 2 + 1), CUFFT_R2C, 1) ==
         CUFFT_SUCCESS);
  EXPECT(cufftExecR2C(plan, dd, reinterpret_cast<cufftComplex*>(dd)) == CUFFT_SUCCESS);
  std::vector<float> out = from_device(dd, data.size());
  std::vector<cuComplex> spectrum(rout.size());
  std::memcpy(spectrum.data(), out.data(), spectrum.size() * sizeof(cuComplex));
  expect_error("R2C 2-D in place", relative_error(spectrum, rout), 2e-6);
  cufftDestroy(plan);
  cudaFree(dd);
}

void check_errors() {
  cufftHandle plan = 0;
  EXPECT(cufftPlan1d(&plan, 0, CUFFT_C2C, 1) == CUFFT_INVALID_SIZE);
  EXPECT(cufftPlan1d(&plan, 8, (cufftType)0x77, 1) == CUFFT_INVALID_TYPE);
  EXPECT(cufftPlan1d(&plan, 8, CUFFT_C2C, 0) == CUFFT_INVALID_VALUE);
  int n4[4] = {2, 2, 2, 2};
  EXPECT(cufftPlanMany(&plan, 4, n4, nullptr, 1, 0, nullptr, 1, 0, CUFFT_C2C, 1) == CUFFT_INVALID_VALUE);
  EXPECT(cufftPlan1d(&plan, 16, CUFFT_R2C, 1) == CUFFT_SUCCESS);
  cuComplex* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, 64 * sizeof(cuComplex)));
  EXPECT(cufftExecC2C(plan, d, d, CUFFT_FORWARD) == CUFFT_INVALID_TYPE);
  size_t size = 0;
  EXPECT(cufftGetSize(plan, &size) == CUFFT_SUCCESS && size > 0);
  EXPECT(cufftDestroy(plan) == CUFFT_SUCCESS);
  EXPECT(cufftExecR2C(plan, reinterpret_cast<float*>(d), d) == CUFFT_INVALID_PLAN);
  EXPECT(cufftDestroy(plan) == CUFFT_INVALID_PLAN);
  EXPECT(cufftPlan1d(&plan, 16, CUFFT_C2C, 1) == CUFFT_SUCCESS);
  EXPECT(cufftExecC2C(plan, d, d, 0) == CUFFT_INVALID_VALUE);
  // Two steps: a handle, then the plan; a made plan is not made again.
  cufftHandle two;
  EXPECT(cufftCreate(&two) == CUFFT_SUCCESS);
  EXPECT(cufftMakePlan1d(two, 32, CUFFT_C2C, 2, &size) == CUFFT_SUCCESS && size > 0);
  EXPECT(cufftMakePlan1d(two, 32, CUFFT_C2C, 2, &size) == CUFFT_INVALID_PLAN);
  cufftDestroy(two);
  cufftDestroy(plan);
  int version = 0;
  EXPECT(cufftGetVersion(&version) == CUFFT_SUCCESS && version == CUFFT_VERSION);
  cudaFree(d);
}

}  // namespace

int main() {
  for (int n : {1, 2, 8, 1024, 3, 7, 12, 97, 1000})
    for (int sign : {CUFFT_FORWARD, CUFFT_INVERSE}) check_complex<cuComplex>(1, {n}, 3, sign);
  check_complex<cuDoubleComplex>(1, {4096}, 2, CUFFT_FORWARD);
  check_complex<cuDoubleComplex>(1, {243}, 2, CUFFT_INVERSE);
  check_complex<cuComplex>(2, {12, 16}, 2, CUFFT_FORWARD);
  check_complex<cuDoubleComplex>(2, {9, 32}, 1, CUFFT_INVERSE);
  check_complex<cuComplex>(3, {5, 6, 8}, 2, CUFFT_INVERSE);
  check_complex<cuDoubleComplex>(3, {4, 4, 4}, 1, CUFFT_FORWARD);
  check_real<float, cuComplex>(1, {64}, 2);
  check_real<float, cuComplex>(1, {100}, 3);
  check_real<float, cuComplex>(1, {15}, 1);
  check_real<double, cuDoubleComplex>(1, {1}, 1);
  check_real<float, cuComplex>(2, {10, 12}, 2);
  check_real<double, cuDoubleComplex>(2, {7, 9}, 1);
  check_real<double, cuDoubleComplex>(3, {4, 6, 10}, 2);
  check_layouts();
  check_errors();
  return check_result();
}
