// cuda_fp16.h and cuda_bf16.h on the device: arithmetic, packed (x2) forms, comparisons, math,
// conversions in every rounding mode and operators, for __half and __nv_bfloat16, against host
// references written here (exact double arithmetic rounded by an independent routine). Inputs cover
// NaN, infinities, subnormals, overflow to infinity and -0. The host-side conversions of the headers
// are checked against the same reference.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <vector>

#include "check.h"

// ---- host reference -------------------------------------------------------------------------------

struct Fmt {
  int mant;            // stored significand bits
  int emin;            // exponent of the smallest normal
  int emax;            // exponent of the largest finite
  unsigned short inf;  // encoding of +inf
};
static const Fmt kF16 = {10, -14, 15, 0x7c00};
static const Fmt kBF16 = {7, -126, 127, 0x7f80};

static double decode(const Fmt& f, unsigned short b) {
  const int eb = (b & 0x7fff) >> f.mant, m = b & ((1 << f.mant) - 1);
  const int bias = -f.emin + 1;
  double v;
  if ((b & 0x7fff) > f.inf) return NAN;
  if ((b & 0x7fff) == f.inf) v = INFINITY;
  else if (eb == 0) v = std::ldexp(m, f.emin - f.mant);
  else v = std::ldexp((1 << f.mant) + m, eb - bias - f.mant);
  return (b & 0x8000) ? -v : v;
}

// The encoding of a finite nonzero format value.
static unsigned short encode(const Fmt& f, double w) {
  const double a = std::fabs(w);
  unsigned bits;
  if (a < std::ldexp(1.0, f.emin)) {
    bits = (unsigned)(a / std::ldexp(1.0, f.emin - f.mant));
  } else {
    const int e = std::ilogb(a);
    bits = (unsigned)((e - f.emin + 1) << f.mant) | (unsigned)(a / std::ldexp(1.0, e - f.mant) - (1 << f.mant));
  }
  return (unsigned short)(bits | (std::signbit(w) ? 0x8000u : 0u));
}

enum Mode { RN, RZ, RD, RU };

// Rounds an exactly representable double into the format (value result: NaN, +-inf, +-0 kept).
static double round_to(const Fmt& f, double v, Mode mode) {
  if (std::isnan(v) || std::isinf(v) || v == 0) return v;
  int e;
  std::frexp(v, &e);  // |v| in [2^(e-1), 2^e)
  int lsb = e - 1 - f.mant;
  if (lsb < f.emin - f.mant) lsb = f.emin - f.mant;
  const double q = std::ldexp(1.0, lsb);
  const double units = v / q;  // exact (power-of-two scaling)
  double k;
  switch (mode) {
    case RN: k = std::nearbyint(units); break;  // default environment: ties to even
    case RZ: k = std::trunc(units); break;
    case RD: k = std::floor(units); break;
    default: k = std::ceil(units); break;
  }
  double r = k * q;
  const double max = std::ldexp(2.0 - std::ldexp(1.0, -f.mant), f.emax);
  if (std::fabs(r) > max) {
    const bool to_inf = mode == RN || (mode == RU && r > 0) || (mode == RD && r < 0);
    r = to_inf ? std::copysign(INFINITY, r) : std::copysign(max, r);
  }
  if (r == 0) r = std::copysign(0.0, v);
  return r;
}

// The device result (bits) equals the reference value: same NaN-ness (canonical 0x7fff), value and sign.
static bool same(const Fmt& f, unsigned short got, double want) {
  if (std::isnan(want)) return got == 0x7fff;
  const double g = decode(f, got);
  return g == want && std::signbit(g) == std::signbit(want);
}

static int ulp_distance(unsigned short a, unsigned short b) {
  if ((a ^ b) & 0x8000) return (a & 0x7fff) + (b & 0x7fff);
  return std::abs(int(a & 0x7fff) - int(b & 0x7fff));
}

// ---- inputs ----------------------------------------------------------------------------------------

static std::vector<unsigned short> inputs(const Fmt& f) {
  const unsigned short one = f.mant == 10 ? 0x3c00 : 0x3f80;
  std::vector<unsigned short> v = {0x0000, 0x0001, 0x0003, (unsigned short)((1 << f.mant) - 1),
                                   (unsigned short)(1 << f.mant), one, (unsigned short)(one + 1),
                                   (unsigned short)(one - 1), (unsigned short)(one + (3 << f.mant)),
                                   (unsigned short)(f.inf - 1), (unsigned short)(f.inf - 0x300), f.inf,
                                   (unsigned short)(f.inf + 1), 0x7fff, (unsigned short)(one - (2 << f.mant) + 0x55)};
  const size_t n = v.size();
  for (size_t i = 0; i < n; ++i) v.push_back(v[i] | 0x8000);
  return v;
}

// ---- device kernels --------------------------------------------------------------------------------

enum Out {
  kAdd, kSub, kMul, kFma, kDiv, kNeg, kAbs, kMin, kMax, kMinNan, kMaxNan, kSqrt, kRcp, kOps, kCmp,
  kAdd2Lo, kAdd2Hi, kFma2Lo, kFma2Hi, kMax2Lo, kMax2Hi, kCmp2, kExp, kLog, kSin, kRint, kOutCount
};

template <class T, class T2>
__global__ void arith(const T* a, const T* b, const T* c, unsigned short* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const T x = a[i], y = b[i], z = c[i];
  unsigned short* o = out + i * kOutCount;
  auto bits = [](T v) { return v.__x; };
  o[kAdd] = bits(__hadd(x, y));
  o[kSub] = bits(__hsub(x, y));
  o[kMul] = bits(__hmul(x, y));
  o[kFma] = bits(__hfma(x, y, z));
  o[kDiv] = bits(__hdiv(x, y));
  o[kNeg] = bits(__hneg(x));
  o[kAbs] = bits(__habs(x));
  o[kMin] = bits(__hmin(x, y));
  o[kMax] = bits(__hmax(x, y));
  o[kMinNan] = bits(__hmin_nan(x, y));
  o[kMaxNan] = bits(__hmax_nan(x, y));
  o[kSqrt] = bits(hsqrt(x));
  o[kRcp] = bits(hrcp(x));
  T acc = x;
  acc *= y;
  acc += z;
  o[kOps] = bits(-acc);
  o[kCmp] = (unsigned short)(__heq(x, y) | __hne(x, y) << 1 | __hlt(x, y) << 2 | __hle(x, y) << 3 |
                             __hgt(x, y) << 4 | __hge(x, y) << 5 | __hequ(x, y) << 6 | __hneu(x, y) << 7 |
                             __hltu(x, y) << 8 | __hgeu(x, y) << 9 | __hisnan(x) << 10 | (x < y) << 11 |
                             (x == y) << 12 | (x != y) << 13);
  const T2 p(x, y), q(y, z), r(z, x);
  const T2 s = __hadd2(p, q), f = __hfma2(p, q, r), m = __hmax2(p, q);
  o[kAdd2Lo] = bits(s.x);
  o[kAdd2Hi] = bits(s.y);
  o[kFma2Lo] = bits(f.x);
  o[kFma2Hi] = bits(f.y);
  o[kMax2Lo] = bits(m.x);
  o[kMax2Hi] = bits(m.y);
  const unsigned mask = __hlt2_mask(p, q);
  o[kCmp2] = (unsigned short)((mask & 1) | ((mask >> 16) & 1) << 1 | __hblt2(p, q) << 2 |
                              __hbequ2(p, q) << 3 |
                              (bits(__heq2(p, q).y) == bits(T(1.0f))) << 4 | (bits(__heq2(p, q).y) == 0) << 5);
  o[kExp] = bits(hexp(x));
  o[kLog] = bits(hlog(x));
  o[kSin] = bits(hsin(x));
  o[kRint] = bits(hrint(x));
}

// Conversions (float in; bits out): rn, rz, rd, ru, and int conversions.
__global__ void to_half(const float* in, unsigned short* out, int* ints, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const float v = in[i];
  out[8 * i + 0] = __half_as_ushort(__float2half_rn(v));
  out[8 * i + 1] = __half_as_ushort(__float2half_rz(v));
  out[8 * i + 2] = __half_as_ushort(__float2half_rd(v));
  out[8 * i + 3] = __half_as_ushort(__float2half_ru(v));
  out[8 * i + 4] = __bfloat16_as_ushort(__float2bfloat16_rn(v));
  out[8 * i + 5] = __bfloat16_as_ushort(__float2bfloat16_rz(v));
  out[8 * i + 6] = __bfloat16_as_ushort(__float2bfloat16_rd(v));
  out[8 * i + 7] = __bfloat16_as_ushort(__float2bfloat16_ru(v));
  const __half h = __float2half(v);
  ints[4 * i + 0] = __half2int_rz(h);
  ints[4 * i + 1] = __half2int_rn(h);
  ints[4 * i + 2] = __half_as_ushort(__int2half_rn(i * 1001 - 70000));
  ints[4 * i + 3] = __bfloat16_as_ushort(__int2bfloat16_rz(i * 1001 - 70000));
}

__global__ void to_float(const unsigned short* in, float* out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  out[2 * i] = __half2float(__ushort_as_half(in[i]));
  out[2 * i + 1] = __bfloat162float(__ushort_as_bfloat16(in[i]));
}

__global__ void shuffle(const __half2* in, __half2* out) {
  const int l = threadIdx.x;
  out[l] = __shfl_xor_sync(0xffffffffu, in[l], 1);
}

// ---- checks ------------------------------------------------------------------------------------------

template <class T>
static bool ref_cmp(int bit, double x, double y) {
  const bool u = std::isnan(x) || std::isnan(y);
  switch (bit) {
    case 0: case 12: return x == y;
    case 1: return !u && x != y;
    case 2: case 11: return x < y;
    case 3: return x <= y;
    case 4: return x > y;
    case 5: return x >= y;
    case 6: return u || x == y;
    case 7: case 13: return u || x != y;
    case 8: return u || x < y;
    case 9: return u || x >= y;
    case 10: return std::isnan(x);
  }
  return false;
}

static double ref_minmax(double x, double y, bool is_max, bool nan) {
  if (std::isnan(x) || std::isnan(y)) return (nan || (std::isnan(x) && std::isnan(y))) ? NAN : (std::isnan(x) ? y : x);
  if (x == y) return (std::signbit(x) != is_max) ? x : y;
  return ((x < y) != is_max) ? x : y;
}

// x + y as a rounded value; exact-zero sums are +0 unless both terms are -0.
static double ref_add(const Fmt& f, double x, double y) {
  const double s = x + y;  // exact for 16-bit formats in the tested range
  if (s == 0 && !std::isnan(s)) return (std::signbit(x) && std::signbit(y)) ? -0.0 : 0.0;
  return round_to(f, s, RN);
}
static double ref_fma(const Fmt& f, double x, double y, double z) {
  const double p = x * y;  // exact
  if (std::isnan(p) || std::isnan(z)) return NAN;
  if (std::isinf(p) && std::isinf(z) && (p > 0) != (z > 0)) return NAN;
  if (std::isinf(p)) return p;
  if (std::isinf(z)) return z;
  const double s = p + z;
  if (s == 0) return (std::signbit(p) && std::signbit(z)) ? -0.0 : 0.0;
  // Exact unless z and p are too far apart; then the larger dominates (and is a format value or the
  // product, whose sticky bits the reference would lose): the inputs below avoid that case.
  return round_to(f, s, RN);
}
static bool fma_exact(double x, double y, double z) {
  const double p = x * y, s = p + z;
  if (!std::isfinite(s)) return true;
  return (s - p) == z && (s - z) == p;
}

template <class T, class T2>
static void check_type(const Fmt& f, const char* name) {
  const std::vector<unsigned short> in = inputs(f);
  std::vector<unsigned short> a, b, c;
  for (size_t i = 0; i < in.size(); ++i)
    for (size_t j = 0; j < in.size(); ++j) {
      a.push_back(in[i]);
      b.push_back(in[j]);
      c.push_back(in[(i * 7 + j * 3) % in.size()]);
    }
  const int n = (int)a.size();
  T *da, *db, *dc;
  unsigned short* dout;
  EXPECT_OK(cudaMalloc(&da, n * sizeof(T)));
  EXPECT_OK(cudaMalloc(&db, n * sizeof(T)));
  EXPECT_OK(cudaMalloc(&dc, n * sizeof(T)));
  EXPECT_OK(cudaMalloc(&dout, (size_t)n * kOutCount * sizeof(unsigned short)));
  EXPECT_OK(cudaMemcpy(da, a.data(), n * sizeof(T), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(db, b.data(), n * sizeof(T), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(dc, c.data(), n * sizeof(T), cudaMemcpyHostToDevice));
  arith<T, T2><<<(n + 127) / 128, 128>>>(da, db, dc, dout, n);
  EXPECT_OK(cudaGetLastError());
  std::vector<unsigned short> out((size_t)n * kOutCount);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * sizeof(unsigned short), cudaMemcpyDeviceToHost));
  int bad = 0;
  auto check = [&](int i, int k, double want) {
    const unsigned short got = out[(size_t)i * kOutCount + k];
    if (!same(f, got, want) && bad++ < 20) {
      fprintf(stderr, "%s out %d: a=%04x b=%04x c=%04x got %04x want %g\n", name, k, a[i], b[i], c[i], got, want);
      ++failures;
    }
  };
  auto check_bits = [&](int i, int k, unsigned short want) {
    const unsigned short got = out[(size_t)i * kOutCount + k];
    if (got != want && bad++ < 20) {
      fprintf(stderr, "%s out %d: a=%04x b=%04x got %04x want %04x\n", name, k, a[i], b[i], got, want);
      ++failures;
    }
  };
  for (int i = 0; i < n; ++i) {
    const double x = decode(f, a[i]), y = decode(f, b[i]), z = decode(f, c[i]);
    check(i, kAdd, ref_add(f, x, y));
    check(i, kSub, ref_add(f, x, -y));
    check(i, kMul, round_to(f, x * y, RN));
    if (fma_exact(x, y, z)) check(i, kFma, ref_fma(f, x, y, z));
    check(i, kDiv, round_to(f, x / y, RN));  // double rounding is innocuous for division
    check_bits(i, kNeg, a[i] ^ 0x8000);      // sign operations keep NaN bits
    check_bits(i, kAbs, a[i] & 0x7fff);
    check(i, kMin, ref_minmax(x, y, false, false));
    check(i, kMax, ref_minmax(x, y, true, false));
    check(i, kMinNan, ref_minmax(x, y, false, true));
    check(i, kMaxNan, ref_minmax(x, y, true, true));
    check(i, kSqrt, round_to(f, std::sqrt(x), RN));
    check(i, kRcp, round_to(f, 1.0 / x, RN));
    const double prod = round_to(f, x * y, RN);
    if (fma_exact(1.0, prod, z)) {
      const double w = ref_add(f, prod, z);
      if (std::isnan(w)) check_bits(i, kOps, 0xffff);  // -(canonical NaN): neg keeps the NaN's bits
      else check(i, kOps, -w);
    }
    unsigned short cmp = 0;
    for (int bit = 0; bit < 14; ++bit) cmp |= (unsigned short)(ref_cmp<T>(bit, x, y) << bit);
    check_bits(i, kCmp, cmp);
    check(i, kAdd2Lo, ref_add(f, x, y));
    check(i, kAdd2Hi, ref_add(f, y, z));
    if (fma_exact(x, y, z)) check(i, kFma2Lo, ref_fma(f, x, y, z));
    if (fma_exact(y, z, x)) check(i, kFma2Hi, ref_fma(f, y, z, x));
    check(i, kMax2Lo, ref_minmax(x, y, true, false));
    check(i, kMax2Hi, ref_minmax(y, z, true, false));
    const bool lt_lo = x < y, lt_hi = y < z;
    const bool equ_lo = std::isnan(x) || std::isnan(y) || x == y, equ_hi = std::isnan(y) || std::isnan(z) || y == z;
    const unsigned short want2 = (unsigned short)(lt_lo | lt_hi << 1 | (lt_lo && lt_hi) << 2 | (equ_lo && equ_hi) << 3 |
                                                  (y == z) << 4 | (y != z || std::isnan(y) || std::isnan(z)) << 5);
    check_bits(i, kCmp2, want2);
    // Math evaluated in float and rounded once: within one unit in the last place.
    const double math[] = {std::exp(x), std::log(x), std::sin(x), std::nearbyint(x)};
    for (int k = 0; k < 4; ++k) {
      const double w = round_to(f, math[k], RN);
      const unsigned short got = out[(size_t)i * kOutCount + kExp + k];
      if (std::isnan(w)) {
        if (got != 0x7fff && (got & 0x7fff) <= f.inf && bad++ < 20) {
          fprintf(stderr, "%s math %d: a=%04x got %04x want NaN\n", name, k, a[i], got);
          ++failures;
        }
        continue;
      }
      if (std::isinf(w) || w == 0) {
        check(i, kExp + k, w);
        continue;
      }
      const unsigned short wb = encode(f, w);
      if (ulp_distance(got, wb) > 1 && bad++ < 20) {
        fprintf(stderr, "%s math %d: a=%04x got %04x want %04x\n", name, k, a[i], got, wb);
        ++failures;
      }
    }
  }
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dout);
}

static void check_conversions() {
  std::vector<float> in = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, -0.1f, 65504.0f, 65519.99f, 65520.0f, -65520.0f,
                           1e-8f, -1e-8f, 5.960464477539063e-8f, 2.98e-8f, 6.1e-5f, 1e30f, -1e30f,
                           3.0e38f, 3.4028235e38f, -3.4028235e38f, 1e-40f, -1e-45f, 1.00048828125f,
                           1.000732421875f, 2.5f, -2.5f, 3.5f, 123.456f, -7.77f, INFINITY, -INFINITY, NAN};
  uint32_t seed = 7;
  for (int i = 0; i < 256; ++i) {
    seed = seed * 1664525u + 1013904223u;
    uint32_t bits = (seed & 0x807fffffu) | ((100u + (seed >> 8) % 56u) << 23);  // 2^-27 .. 2^28
    float v;
    memcpy(&v, &bits, 4);
    in.push_back(v);
  }
  const int n = (int)in.size();
  float* din;
  unsigned short* dout;
  int* dints;
  EXPECT_OK(cudaMalloc(&din, n * sizeof(float)));
  EXPECT_OK(cudaMalloc(&dout, n * 8 * sizeof(unsigned short)));
  EXPECT_OK(cudaMalloc(&dints, n * 4 * sizeof(int)));
  EXPECT_OK(cudaMemcpy(din, in.data(), n * sizeof(float), cudaMemcpyHostToDevice));
  to_half<<<(n + 63) / 64, 64>>>(din, dout, dints, n);
  EXPECT_OK(cudaGetLastError());
  std::vector<unsigned short> out(n * 8);
  std::vector<int> ints(n * 4);
  EXPECT_OK(cudaMemcpy(out.data(), dout, out.size() * 2, cudaMemcpyDeviceToHost));
  EXPECT_OK(cudaMemcpy(ints.data(), dints, ints.size() * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    const float v = in[i];
    for (int m = 0; m < 4; ++m) {
      const double w16 = round_to(kF16, v, (Mode)m), wbf = round_to(kBF16, v, (Mode)m);
      if (!same(kF16, out[8 * i + m], w16)) {
        fprintf(stderr, "float2half mode %d of %a: got %04x want %g\n", m, v, out[8 * i + m], w16);
        ++failures;
      }
      if (!same(kBF16, out[8 * i + 4 + m], wbf)) {
        fprintf(stderr, "float2bfloat16 mode %d of %a: got %04x want %g\n", m, v, out[8 * i + 4 + m], wbf);
        ++failures;
      }
    }
    // The host versions of the same conversions.
    const unsigned short host16[4] = {__half_as_ushort(__float2half_rn(v)), __half_as_ushort(__float2half_rz(v)),
                                      __half_as_ushort(__float2half_rd(v)), __half_as_ushort(__float2half_ru(v))};
    const unsigned short hostbf[4] = {__bfloat16_as_ushort(__float2bfloat16_rn(v)),
                                      __bfloat16_as_ushort(__float2bfloat16_rz(v)),
                                      __bfloat16_as_ushort(__float2bfloat16_rd(v)),
                                      __bfloat16_as_ushort(__float2bfloat16_ru(v))};
    for (int m = 0; m < 4; ++m) {
      EXPECT(host16[m] == out[8 * i + m]);
      EXPECT(hostbf[m] == out[8 * i + 4 + m]);
    }
    const double h = round_to(kF16, v, RN);
    const double clamp = std::isnan(h) ? 0 : std::fmax(-2147483648.0, std::fmin(2147483647.0, h));
    EXPECT(ints[4 * i + 0] == (int)std::trunc(clamp));
    EXPECT(ints[4 * i + 1] == (int)std::nearbyint(clamp));
  }
  // int -> half (round to nearest, -70000 overflows to -inf) and bfloat16 (toward zero).
  for (int i = 0; i < n; ++i) {
    const int k = i * 1001 - 70000;
    EXPECT(same(kF16, (unsigned short)ints[4 * i + 2], round_to(kF16, k, RN)));
    EXPECT(same(kBF16, (unsigned short)ints[4 * i + 3], round_to(kBF16, k, RZ)));
  }
  cudaFree(din);
  cudaFree(dout);
  cudaFree(dints);

  // Every 16-bit pattern to float: exact (NaN stays NaN), device and host.
  std::vector<unsigned short> all(0x10000);
  for (unsigned v = 0; v < 0x10000; ++v) all[v] = (unsigned short)v;
  unsigned short* dall;
  float* dfl;
  EXPECT_OK(cudaMalloc(&dall, all.size() * 2));
  EXPECT_OK(cudaMalloc(&dfl, all.size() * 2 * sizeof(float)));
  EXPECT_OK(cudaMemcpy(dall, all.data(), all.size() * 2, cudaMemcpyHostToDevice));
  to_float<<<0x10000 / 256, 256>>>(dall, dfl, 0x10000);
  std::vector<float> fl(all.size() * 2);
  EXPECT_OK(cudaMemcpy(fl.data(), dfl, fl.size() * sizeof(float), cudaMemcpyDeviceToHost));
  int bad = 0;
  for (unsigned v = 0; v < 0x10000; ++v) {
    const double w16 = decode(kF16, (unsigned short)v), wbf = decode(kBF16, (unsigned short)v);
    const float h16 = __half2float(__ushort_as_half((unsigned short)v));
    const float hbf = __bfloat162float(__ushort_as_bfloat16((unsigned short)v));
    const bool ok = (std::isnan(w16) ? std::isnan(fl[2 * v]) && std::isnan(h16)
                                     : fl[2 * v] == w16 && h16 == w16 && std::signbit(fl[2 * v]) == std::signbit(w16)) &&
                    (std::isnan(wbf) ? std::isnan(fl[2 * v + 1]) && std::isnan(hbf)
                                     : fl[2 * v + 1] == wbf && hbf == wbf);
    if (!ok && bad++ < 10) {
      fprintf(stderr, "to float of %04x: %g %g\n", v, fl[2 * v], fl[2 * v + 1]);
      ++failures;
    }
  }
  cudaFree(dall);
  cudaFree(dfl);
}

static void check_shuffle() {
  __half2 host[32];
  for (int l = 0; l < 32; ++l) host[l] = __floats2half2_rn((float)l, (float)-l);
  __half2 *din, *dout;
  EXPECT_OK(cudaMalloc(&din, sizeof host));
  EXPECT_OK(cudaMalloc(&dout, sizeof host));
  EXPECT_OK(cudaMemcpy(din, host, sizeof host, cudaMemcpyHostToDevice));
  shuffle<<<1, 32>>>(din, dout);
  __half2 got[32];
  EXPECT_OK(cudaMemcpy(got, dout, sizeof got, cudaMemcpyDeviceToHost));
  for (int l = 0; l < 32; ++l) {
    EXPECT(__low2float(got[l]) == (float)(l ^ 1));
    EXPECT(__high2float(got[l]) == -(float)(l ^ 1));
  }
  cudaFree(din);
  cudaFree(dout);
}

int main() {
  check_type<__half, __half2>(kF16, "f16");
  check_type<__nv_bfloat16, __nv_bfloat162>(kBF16, "bf16");
  check_conversions();
  check_shuffle();
  if (failures) fprintf(stderr, "%d failures\n", failures);
  else printf("half precision: all checks passed\n");
  return failures ? 1 : 0;
}
