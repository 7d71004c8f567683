// Execution of cuFFT plans on the GPU (docs/libs.md). The input is gathered into a contiguous complex
// array (reals promoted; for C2R the Hermitian half expanded to the full spectrum), transformed along
// each axis as a batch of lines, and scattered to the output layout (R2C keeps the non-redundant half, C2R
// the real parts). A line of power-of-two length n runs log2(n) radix-2 Stockham passes between two
// buffers (natural order in and out, no bit reversal); other lengths use Bluestein's algorithm, a
// convolution with a chirp through power-of-two transforms of length m >= 2n - 1. Every output element
// is a fixed sequence of operations, so results are reproducible.
#include <cuComplex.h>

#include "plan.h"

namespace canopy_fft {
namespace {

constexpr int kThreads = 256;

unsigned blocks_for(long long count) {
  long long blocks = (count + kThreads - 1) / kThreads;
  return static_cast<unsigned>(blocks < 1 ? 1 : blocks > 65535 ? 65535 : blocks);
}

#define CANOPY_FFT_FOR_EACH(i, count)                                                                \
  for (long long i = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; i < (count);   \
       i += static_cast<long long>(gridDim.x) * blockDim.x)

// Complex arithmetic of the two precisions under one name.
__device__ inline cuComplex cmul(cuComplex a, cuComplex b) { return cuCmulf(a, b); }
__device__ inline cuDoubleComplex cmul(cuDoubleComplex a, cuDoubleComplex b) { return cuCmul(a, b); }
__device__ inline cuComplex cadd(cuComplex a, cuComplex b) { return cuCaddf(a, b); }
__device__ inline cuDoubleComplex cadd(cuDoubleComplex a, cuDoubleComplex b) { return cuCadd(a, b); }
__device__ inline cuComplex csub(cuComplex a, cuComplex b) { return cuCsubf(a, b); }
__device__ inline cuDoubleComplex csub(cuDoubleComplex a, cuDoubleComplex b) { return cuCsub(a, b); }
__device__ inline cuComplex conjugate(cuComplex a) { return cuConjf(a); }
__device__ inline cuDoubleComplex conjugate(cuDoubleComplex a) { return cuConj(a); }
__device__ inline cuComplex scaled(cuComplex a, double s) { return make_cuComplex(a.x * float(s), a.y * float(s)); }
__device__ inline cuDoubleComplex scaled(cuDoubleComplex a, double s) { return make_cuDoubleComplex(a.x * s, a.y * s); }
// exp(i pi t): twiddles and chirps, from sincospi (exact at multiples of 1/2).
__device__ inline void unit(double t, cuComplex& w) {
  float s, c;
  sincospif(float(t), &s, &c);
  w = make_cuComplex(c, s);
}
__device__ inline void unit(double t, cuDoubleComplex& w) {
  double s, c;
  sincospi(t, &s, &c);
  w = make_cuDoubleComplex(c, s);
}
// Bluestein's chirp exp(sign i pi k^2 / n), with k^2 taken mod 2n so that the angle stays small.
template <typename Complex>
__device__ inline Complex chirp(long long k, int n, int sign) {
  Complex c;
  unit(sign * double((k * k) % (2ll * n)) / n, c);
  return c;
}

template <typename Complex>
__device__ inline Complex make(double re, double im) {
  Complex v;
  v.x = static_cast<decltype(v.x)>(re);
  v.y = static_cast<decltype(v.y)>(im);
  return v;
}

struct Shape {
  int rank;
  int n[3];
  long long per_batch;  // n0 n1 n2
};

__device__ inline long long layout_offset(const Layout& l, int rank, const int* i, long long b) {
  long long index = i[0];
  if (rank > 1) index = index * l.embed[1] + i[1];
  if (rank > 2) index = index * l.embed[2] + i[2];
  return b * l.dist + l.stride * index;
}

__device__ inline void split(const Shape& s, long long e, long long& b, int* i) {
  b = e / s.per_batch;
  long long r = e % s.per_batch;
  for (int d = s.rank - 1; d >= 0; --d) {
    i[d] = static_cast<int>(r % s.n[d]);
    r /= s.n[d];
  }
}

enum class Input { Complex, Real, HalfSpectrum };

// W[e] for every element e of the complex work array.
template <typename Complex, typename Real>
__global__ void gather_kernel(Shape s, long long count, const void* input, Input kind, Layout l, Complex* work) {
  CANOPY_FFT_FOR_EACH(e, count) {
    long long b;
    int i[3] = {0, 0, 0};
    split(s, e, b, i);
    Complex v;
    if (kind == Input::Real) {
      v = make<Complex>(static_cast<const Real*>(input)[layout_offset(l, s.rank, i, b)], 0);
    } else if (kind == Input::Complex) {
      v = static_cast<const Complex*>(input)[layout_offset(l, s.rank, i, b)];
    } else {
      // C2R: the stored half holds the last dimension's 0 .. n/2; the rest is the conjugate mirror.
      int last = s.rank - 1;
      if (i[last] <= s.n[last] / 2) {
        v = static_cast<const Complex*>(input)[layout_offset(l, s.rank, i, b)];
      } else {
        int j[3] = {0, 0, 0};
        for (int d = 0; d < s.rank; ++d) j[d] = i[d] == 0 ? 0 : s.n[d] - i[d];
        v = conjugate(static_cast<const Complex*>(input)[layout_offset(l, s.rank, j, b)]);
      }
    }
    work[e] = v;
  }
}

enum class Output { Complex, HalfSpectrum, Real };

template <typename Complex, typename Real>
__global__ void scatter_kernel(Shape s, Shape out_shape, long long count, const Complex* work, Output kind, Layout l,
                               void* output) {
  CANOPY_FFT_FOR_EACH(e, count) {
    long long b;
    int i[3] = {0, 0, 0};
    split(out_shape, e, b, i);  // an element of the output (R2C: the half spectrum)
    long long w = 0;
    for (int d = 0; d < s.rank; ++d) w = w * s.n[d] + i[d];
    Complex v = work[b * s.per_batch + w];
    long long at = layout_offset(l, s.rank, i, b);
    if (kind == Output::Real)
      static_cast<Real*>(output)[at] = v.x;
    else
      static_cast<Complex*>(output)[at] = v;
  }
}

// The lines along one axis of W, each padded to `length` (Bluestein: multiplied by the chirp first).
template <typename Complex>
__global__ void lines_in_kernel(const Complex* work, long long lines, int n, long long inner, int length,
                                bool with_chirp, int sign, Complex* out) {
  CANOPY_FFT_FOR_EACH(e, lines * length) {
    long long line = e / length;
    int k = static_cast<int>(e % length);
    Complex v = make<Complex>(0, 0);
    if (k < n) {
      long long outer = line / inner, in = line % inner;
      v = work[(outer * n + k) * inner + in];
      if (with_chirp) v = cmul(v, chirp<Complex>(k, n, sign));
    }
    out[e] = v;
  }
}

template <typename Complex>
__global__ void lines_out_kernel(const Complex* lines_buffer, long long lines, int n, long long inner, int length,
                                 bool with_chirp, int sign, Complex* work) {
  CANOPY_FFT_FOR_EACH(e, lines * n) {
    long long line = e / n;
    int k = static_cast<int>(e % n);
    Complex v = lines_buffer[line * length + k];
    if (with_chirp) v = scaled(cmul(v, chirp<Complex>(k, n, sign)), 1.0 / length);  // X_k = c_k conv_k / m
    long long outer = line / inner, in = line % inner;
    work[(outer * n + k) * inner + in] = v;
  }
}

// One radix-2 Stockham pass over lines of power-of-two length n: sub-transforms of size m in, of twice
// that out. y[2 m block + k] = a + w b, y[2 m block + k + m] = a - w b with a, b from the two halves of x
// and w = exp(sign i pi k / m) = twiddles[k n / 2m] (conjugated for sign +1).
template <typename Complex>
__global__ void stockham_kernel(const Complex* x, Complex* y, long long lines, int n, int m, int sign,
                                const Complex* twiddles) {
  int half = n / 2;
  CANOPY_FFT_FOR_EACH(e, lines * half) {
    long long line = e / half;
    int j = static_cast<int>(e % half);
    int k = j % m, block = j / m;
    const Complex* xl = x + line * n;
    Complex* yl = y + line * n;
    Complex w = twiddles[static_cast<long long>(k) * (n / (2 * m))];
    if (sign > 0) w = conjugate(w);
    Complex a = xl[block * m + k], b = cmul(w, xl[block * m + k + half]);
    yl[block * 2 * m + k] = cadd(a, b);
    yl[block * 2 * m + k + m] = csub(a, b);
  }
}

template <typename Complex>
__global__ void twiddle_kernel(int n, Complex* twiddles) {
  CANOPY_FFT_FOR_EACH(j, n / 2) {
    double sn, cs;
    sincospi(-2.0 * double(j) / n, &sn, &cs);
    twiddles[j] = make<Complex>(cs, sn);
  }
}

template <typename Complex>
__global__ void multiply_kernel(Complex* lines_buffer, long long lines, int length, const Complex* filter) {
  CANOPY_FFT_FOR_EACH(e, lines * length) lines_buffer[e] = cmul(lines_buffer[e], filter[e % length]);
}

// Bluestein's filter: b_k = conj(c_k) for |k| < n (wrapped into the length-m buffer), 0 elsewhere.
template <typename Complex>
__global__ void filter_kernel(int n, int length, int sign, Complex* filter) {
  CANOPY_FFT_FOR_EACH(e, length) {
    int k = static_cast<int>(e);
    int j = k < n ? k : length - k < n ? length - k : -1;
    Complex v = make<Complex>(0, 0);
    if (j >= 0) v = chirp<Complex>(j, n, -sign);
    filter[e] = v;
  }
}

#undef CANOPY_FFT_FOR_EACH

bool launched() { return cudaGetLastError() == cudaSuccess; }

// Transforms `lines` lines of power-of-two length n held in buffers[0]; returns the buffer that holds
// the result (0 or 1).
template <typename Complex>
int power_of_two_lines(Complex* buffers[2], long long lines, int n, int sign, const void* twiddles,
                       cudaStream_t stream) {
  int from = 0;
  for (int m = 1; m < n; m *= 2) {
    stockham_kernel<<<blocks_for(lines * (n / 2)), kThreads, 0, stream>>>(
        buffers[from], buffers[1 - from], lines, n, m, sign, static_cast<const Complex*>(twiddles));
    from = 1 - from;
  }
  return from;
}

template <typename Complex>
cufftResult transform_axis(Plan& p, int axis, int sign) {
  const Axis& a = p.axes[axis];
  long long inner = 1;
  for (int d = axis + 1; d < p.rank; ++d) inner *= p.n[d];
  long long lines = p.elements / a.n;
  Complex* work = static_cast<Complex*>(p.work);
  Complex* buffers[2] = {static_cast<Complex*>(p.lines[0]), static_cast<Complex*>(p.lines[1])};
  bool bluestein = a.fft_length != a.n;
  int length = a.fft_length;
  lines_in_kernel<<<blocks_for(lines * length), kThreads, 0, p.stream>>>(work, lines, a.n, inner, length, bluestein,
                                                                       sign, buffers[0]);
  int result;
  if (!bluestein) {
    result = power_of_two_lines(buffers, lines, length, sign, a.twiddles, p.stream);
  } else {
    result = power_of_two_lines(buffers, lines, length, -1, a.twiddles, p.stream);
    multiply_kernel<<<blocks_for(lines * length), kThreads, 0, p.stream>>>(
        buffers[result], lines, length, static_cast<const Complex*>(a.filter[sign < 0 ? 0 : 1]));
    if (result != 0) {  // the inverse transform starts from buffers[0]
      Complex* t = buffers[0];
      buffers[0] = buffers[1];
      buffers[1] = t;
    }
    result = power_of_two_lines(buffers, lines, length, +1, a.twiddles, p.stream);
  }
  lines_out_kernel<<<blocks_for(lines * a.n), kThreads, 0, p.stream>>>(buffers[result], lines, a.n, inner, length,
                                                                       bluestein, sign, work);
  return launched() ? CUFFT_SUCCESS : CUFFT_EXEC_FAILED;
}

template <typename Complex, typename Real>
cufftResult run(Plan& p, const void* input, void* output, int sign) {
  Shape full{p.rank, {p.n[0], p.n[1], p.n[2]}, p.elements / p.batch};
  Input in_kind = p.type == CUFFT_R2C || p.type == CUFFT_D2Z   ? Input::Real
                  : p.type == CUFFT_C2R || p.type == CUFFT_Z2D ? Input::HalfSpectrum
                                                                : Input::Complex;
  Output out_kind = p.type == CUFFT_R2C || p.type == CUFFT_D2Z   ? Output::HalfSpectrum
                    : p.type == CUFFT_C2R || p.type == CUFFT_Z2D ? Output::Real
                                                                  : Output::Complex;
  gather_kernel<Complex, Real><<<blocks_for(p.elements), kThreads, 0, p.stream>>>(
      full, p.elements, input, in_kind, p.in, static_cast<Complex*>(p.work));
  if (!launched()) return CUFFT_EXEC_FAILED;
  for (int axis = 0; axis < p.rank; ++axis)
    if (cufftResult r = transform_axis<Complex>(p, axis, sign); r != CUFFT_SUCCESS) return r;
  Shape out_shape = full;
  if (out_kind == Output::HalfSpectrum) {
    out_shape.n[p.rank - 1] = p.n[p.rank - 1] / 2 + 1;
    out_shape.per_batch = full.per_batch / p.n[p.rank - 1] * out_shape.n[p.rank - 1];
  }
  long long count = out_shape.per_batch * p.batch;
  scatter_kernel<Complex, Real><<<blocks_for(count), kThreads, 0, p.stream>>>(
      full, out_shape, count, static_cast<const Complex*>(p.work), out_kind, p.out, output);
  return launched() ? CUFFT_SUCCESS : CUFFT_EXEC_FAILED;
}

// Each axis's twiddles, then Bluestein's filters (whose spectra the twiddles serve).
template <typename Complex>
cufftResult make_tables(Plan& p) {
  for (int axis = 0; axis < p.rank; ++axis) {
    Axis& a = p.axes[axis];
    size_t count = a.fft_length / 2 > 0 ? a.fft_length / 2 : 1;
    if (cudaMalloc(&a.twiddles, sizeof(Complex) * count) != cudaSuccess) return CUFFT_ALLOC_FAILED;
    p.bytes += sizeof(Complex) * count;
    twiddle_kernel<<<blocks_for(count), kThreads>>>(a.fft_length, static_cast<Complex*>(a.twiddles));
    if (a.fft_length == a.n) continue;
    for (int f = 0; f < 2; ++f) {
      int sign = f == 0 ? -1 : +1;
      if (cudaMalloc(&a.filter[f], sizeof(Complex) * a.fft_length) != cudaSuccess) return CUFFT_ALLOC_FAILED;
      p.bytes += sizeof(Complex) * a.fft_length;
      // The filter's spectrum: its forward transform, computed by the same passes in the line buffers.
      Complex* buffers[2] = {static_cast<Complex*>(p.lines[0]), static_cast<Complex*>(p.lines[1])};
      filter_kernel<<<blocks_for(a.fft_length), kThreads>>>(a.n, a.fft_length, sign, buffers[0]);
      int result = power_of_two_lines(buffers, 1, a.fft_length, -1, a.twiddles, nullptr);
      if (cudaMemcpy(a.filter[f], buffers[result], sizeof(Complex) * a.fft_length, cudaMemcpyDeviceToDevice) !=
          cudaSuccess)
        return CUFFT_SETUP_FAILED;
    }
  }
  return launched() ? CUFFT_SUCCESS : CUFFT_SETUP_FAILED;
}

int power_of_two_at_least(long long v) {
  int p = 1;
  while (p < v) p *= 2;
  return p;
}

}  // namespace

bool is_double(cufftType type) { return type == CUFFT_Z2Z || type == CUFFT_D2Z || type == CUFFT_Z2D; }

cufftResult prepare(Plan& p) {
  size_t complex_bytes = is_double(p.type) ? sizeof(cuDoubleComplex) : sizeof(cuComplex);
  p.elements = p.batch;
  p.line_elements = 0;
  for (int d = 0; d < p.rank; ++d) p.elements *= p.n[d];
  for (int d = 0; d < p.rank; ++d) {
    Axis& a = p.axes[d];
    a.n = p.n[d];
    a.fft_length = (a.n & (a.n - 1)) == 0 ? a.n : power_of_two_at_least(2ll * a.n - 1);
    long long need = p.elements / a.n * a.fft_length;
    if (need > p.line_elements) p.line_elements = need;
  }
  if (cudaMalloc(&p.work, complex_bytes * p.elements) != cudaSuccess ||
      cudaMalloc(&p.lines[0], complex_bytes * p.line_elements) != cudaSuccess ||
      cudaMalloc(&p.lines[1], complex_bytes * p.line_elements) != cudaSuccess) {
    release(p);
    return CUFFT_ALLOC_FAILED;
  }
  p.bytes = complex_bytes * (p.elements + 2 * p.line_elements);
  cufftResult r = is_double(p.type) ? make_tables<cuDoubleComplex>(p) : make_tables<cuComplex>(p);
  if (r != CUFFT_SUCCESS) {
    release(p);
    return r;
  }
  p.made = true;
  return CUFFT_SUCCESS;
}

void release(Plan& p) {
  cudaFree(p.work);
  cudaFree(p.lines[0]);
  cudaFree(p.lines[1]);
  for (Axis& a : p.axes) {
    cudaFree(a.filter[0]);
    cudaFree(a.filter[1]);
    cudaFree(a.twiddles);
    a.filter[0] = a.filter[1] = a.twiddles = nullptr;
  }
  p.work = p.lines[0] = p.lines[1] = nullptr;
  p.made = false;
}

cufftResult execute(Plan& p, const void* input, void* output, int sign) {
  return is_double(p.type) ? run<cuDoubleComplex, double>(p, input, output, sign)
                           : run<cuComplex, float>(p, input, output, sign);
}

}  // namespace canopy_fft
