// cuRAND on the simulated GPU: the device API (XORWOW and Philox4_32_10: curand_init with seed,
// subsequence and offset, skipahead, the uniform, normal and log-normal distributions) and the host API
// against reference implementations of the published algorithms written here (XORWOW's subsequence jump as
// the 160 x 160 GF(2) matrix T^(2^67), Philox checked on Random123's known-answer vector), plus statistics.
#include <curand.h>
#include <curand_kernel.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "../cuda/check.h"

namespace {

// --- XORWOW, on the host -------------------------------------------------------------------------
using Words = std::array<uint32_t, 5>;
struct Xorwow {
  uint32_t d;
  Words v;
};

void xorshift(Words& v) {
  uint32_t t = v[0] ^ (v[0] >> 2);
  v = {v[1], v[2], v[3], v[4], (v[4] ^ (v[4] << 4)) ^ (t ^ (t << 1))};
}

Xorwow seeded(uint64_t seed) {
  uint32_t t0 = 1099087573u * (uint32_t(seed) ^ 0xaad26b49u), t1 = 2591861531u * (uint32_t(seed >> 32) ^ 0xf7dcefddu);
  return {6615241u + t1 + t0, {123456789u + t0, 362436069u ^ t0, 521288629u + t1, 88675123u ^ t1, 5783321u + t0}};
}

uint32_t next(Xorwow& s) {
  xorshift(s.v);
  s.d += 362437u;
  return s.v[4] + s.d;
}

// The xorshift map as a matrix over GF(2): column k is the image of state bit k.
struct Matrix {
  std::array<Words, 160> col;
};
Words apply_matrix(const Matrix& m, const Words& v) {
  Words out{};
  for (int k = 0; k < 160; ++k)
    if ((v[k / 32] >> (k % 32)) & 1)
      for (int w = 0; w < 5; ++w) out[w] ^= m.col[k][w];
  return out;
}
const Matrix& subsequence_jump() {  // T^(2^67): 67 squarings of T
  static Matrix m = [] {
    Matrix t;
    for (int k = 0; k < 160; ++k) {
      Words v{};
      v[k / 32] = 1u << (k % 32);
      xorshift(v);
      t.col[k] = v;
    }
    for (int i = 0; i < 67; ++i) {
      Matrix sq;
      for (int k = 0; k < 160; ++k) sq.col[k] = apply_matrix(t, t.col[k]);
      t = sq;
    }
    return t;
  }();
  return m;
}

Xorwow xorwow_reference(uint64_t seed, uint64_t subsequence, uint64_t offset) {
  Xorwow s = seeded(seed);
  for (uint64_t i = 0; i < subsequence; ++i) s.v = apply_matrix(subsequence_jump(), s.v);
  for (uint64_t i = 0; i < offset; ++i) xorshift(s.v);
  s.d += 362437u * uint32_t(offset);
  return s;
}

// --- Philox4x32-10, on the host ------------------------------------------------------------------
using Block = std::array<uint32_t, 4>;
Block philox(Block c, uint32_t k0, uint32_t k1) {
  for (int r = 0; r < 10; ++r) {
    uint64_t p0 = uint64_t(0xD2511F53u) * c[0], p1 = uint64_t(0xCD9E8D57u) * c[2];
    c = {uint32_t(p1 >> 32) ^ c[1] ^ k0, uint32_t(p1), uint32_t(p0 >> 32) ^ c[3] ^ k1, uint32_t(p0)};
    k0 += 0x9E3779B9u;
    k1 += 0xBB67AE85u;
  }
  return c;
}
// Word `index` of subsequence `subsequence` of `seed`: word index % 4 of block index / 4.
uint32_t philox_word(uint64_t seed, uint64_t subsequence, uint64_t index) {
  uint64_t block = index / 4;
  Block c = {uint32_t(block), uint32_t(block >> 32), uint32_t(subsequence), uint32_t(subsequence >> 32)};
  return philox(c, uint32_t(seed), uint32_t(seed >> 32))[index % 4];
}

// --- Device programs -----------------------------------------------------------------------------
struct Case {
  unsigned long long seed, subsequence, offset;
};
constexpr int kWords = 6;

template <typename State>
__global__ void first_words(const Case* cases, int count, unsigned* out, unsigned long long ahead,
                            unsigned long long ahead_sequences) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= count) return;
  State s;
  curand_init(cases[i].seed, cases[i].subsequence, cases[i].offset, &s);
  if (ahead) skipahead(ahead, &s);
  if (ahead_sequences) skipahead_sequence(ahead_sequences, &s);
  for (int w = 0; w < kWords; ++w) out[i * kWords + w] = curand(&s);
}

__global__ void distributions(unsigned long long seed, int per_thread, float* uniform, double* uniform_double,
                              float* normal, double* normal_double, float* log_normal, unsigned* words) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  curandState s;
  curand_init(seed, t, 0, &s);
  curandState copy = s;
  for (int i = 0; i < per_thread; ++i) uniform[t * per_thread + i] = curand_uniform(&s);
  for (int i = 0; i < per_thread; ++i) words[t * per_thread + i] = curand(&copy);  // the same words, raw
  for (int i = 0; i < per_thread; ++i) uniform_double[t * per_thread + i] = curand_uniform_double(&s);
  for (int i = 0; i < per_thread; ++i) normal[t * per_thread + i] = curand_normal(&s);
  for (int i = 0; i < per_thread; ++i) normal_double[t * per_thread + i] = curand_normal_double(&s);
  for (int i = 0; i < per_thread; ++i) log_normal[t * per_thread + i] = curand_log_normal(&s, 0.5f, 0.25f);
}

__global__ void philox_forms(unsigned long long seed, float4* uniform4, float4* normal4, double2* uniform2_double) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  curandStatePhilox4_32_10_t s;
  curand_init(seed, t, 0, &s);
  uniform4[t] = curand_uniform4(&s);
  normal4[t] = curand_normal4(&s);
  uniform2_double[t] = curand_uniform2_double(&s);
}

template <typename State>
__global__ void poisson_draws(double lambda, int per_thread, unsigned* out) {
  int t = blockIdx.x * blockDim.x + threadIdx.x;
  State s;
  curand_init(77, t, 0, &s);
  for (int i = 0; i < per_thread; ++i) out[t * per_thread + i] = curand_poisson(&s, lambda);
}

template <typename Value>
void mean_variance(const std::vector<Value>& v, double& mean, double& variance) {
  double sum = 0, sum2 = 0;
  for (Value x : v) sum += x, sum2 += double(x) * x;
  mean = sum / v.size();
  variance = sum2 / v.size() - mean * mean;
}

// Within `sigmas` standard errors of the expected mean and variance (fourth moment `kurtosis` sigma^4).
template <typename Value>
void expect_moments(const char* what, const std::vector<Value>& v, double mean, double variance, double kurtosis) {
  double m, var;
  mean_variance(v, m, var);
  double n = double(v.size());
  double mean_error = std::sqrt(variance / n), var_error = std::sqrt((kurtosis - 1) * variance * variance / n);
  if (std::fabs(m - mean) > 6 * mean_error || std::fabs(var - variance) > 6 * var_error) {
    fprintf(stderr, "%s: mean %.6f (expected %.6f +- %.2g), variance %.6f (expected %.6f +- %.2g)\n", what, m, mean,
            mean_error, var, variance, var_error);
    ++failures;
  }
}

void check_device_sequences() {
  const Case cases[] = {{0, 0, 0}, {1234, 0, 0}, {1234, 1, 0}, {1234, 2, 0}, {1234, 37, 0}, {99, 5, 1}, {99, 5, 7},
                        {0xfedcba9876543210ull, 3, 1000}, {42, 0, 123457}};
  const int count = sizeof cases / sizeof cases[0];
  std::vector<Case> host_cases(cases, cases + count);
  Case* dcases = to_device(host_cases);
  unsigned* dout = nullptr;
  EXPECT_OK(cudaMalloc(&dout, sizeof(unsigned) * count * kWords));
  first_words<curandStateXORWOW_t><<<1, count>>>(dcases, count, dout, 0, 0);
  std::vector<unsigned> got = from_device(dout, count * kWords);
  for (int i = 0; i < count; ++i) {
    Xorwow ref = xorwow_reference(cases[i].seed, cases[i].subsequence, cases[i].offset);
    for (int w = 0; w < kWords; ++w) {
      uint32_t want = next(ref);
      if (got[i * kWords + w] != want) {
        fprintf(stderr, "XORWOW seed %llu subsequence %llu offset %llu word %d: %08x, reference %08x\n",
                cases[i].seed, cases[i].subsequence, cases[i].offset, w, got[i * kWords + w], want);
        ++failures;
        break;
      }
    }
  }
  // skipahead and skipahead_sequence after curand_init equal a larger offset and subsequence.
  first_words<curandStateXORWOW_t><<<1, count>>>(dcases, count, dout, 777, 2);
  got = from_device(dout, count * kWords);
  for (int i = 0; i < count; ++i) {
    Xorwow ref = xorwow_reference(cases[i].seed, cases[i].subsequence + 2, cases[i].offset + 777);
    for (int w = 0; w < kWords; ++w) EXPECT(got[i * kWords + w] == next(ref));
  }

  // Philox: Random123's known-answer vector for counter 0 and key 0 (seed 0), then every case.
  first_words<curandStatePhilox4_32_10_t><<<1, count>>>(dcases, count, dout, 0, 0);
  got = from_device(dout, count * kWords);
  EXPECT(got[0] == 0x6627e8d5u && got[1] == 0xe169c58du && got[2] == 0xbc57ac4cu && got[3] == 0x9b00dbd8u);
  for (int i = 0; i < count; ++i)
    for (int w = 0; w < kWords; ++w)
      if (got[i * kWords + w] != philox_word(cases[i].seed, cases[i].subsequence, cases[i].offset + w)) {
        fprintf(stderr, "Philox seed %llu subsequence %llu offset %llu word %d differs\n", cases[i].seed,
                cases[i].subsequence, cases[i].offset, w);
        ++failures;
        break;
      }
  first_words<curandStatePhilox4_32_10_t><<<1, count>>>(dcases, count, dout, 10, 3);
  got = from_device(dout, count * kWords);
  for (int i = 0; i < count; ++i)
    for (int w = 0; w < kWords; ++w)
      EXPECT(got[i * kWords + w] == philox_word(cases[i].seed, cases[i].subsequence + 3, cases[i].offset + 10 + w));
  cudaFree(dcases);
  cudaFree(dout);
}

void check_distributions() {
  const int threads = 1024, per_thread = 256, n = threads * per_thread;
  float *du, *dn, *dl;
  double *dud, *dnd;
  unsigned* dw;
  EXPECT_OK(cudaMalloc(&du, n * sizeof(float)));
  EXPECT_OK(cudaMalloc(&dn, n * sizeof(float)));
  EXPECT_OK(cudaMalloc(&dl, n * sizeof(float)));
  EXPECT_OK(cudaMalloc(&dud, n * sizeof(double)));
  EXPECT_OK(cudaMalloc(&dnd, n * sizeof(double)));
  EXPECT_OK(cudaMalloc(&dw, n * sizeof(unsigned)));
  distributions<<<threads / 128, 128>>>(2026, per_thread, du, dud, dn, dnd, dl, dw);
  std::vector<float> u = from_device(du, n), normal = from_device(dn, n), log_normal = from_device(dl, n);
  std::vector<double> ud = from_device(dud, n), nd = from_device(dnd, n);
  std::vector<unsigned> words = from_device(dw, n);
  // curand_uniform is x 2^-32 + 2^-33 of the raw word, exactly: in (0, 1].
  int exact = 0, in_range = 0;
  for (int i = 0; i < n; ++i) {
    exact += u[i] == float(words[i]) * 2.3283064e-10f + 2.3283064e-10f / 2.0f;
    in_range += u[i] > 0 && u[i] <= 1;
  }
  EXPECT(exact == n);
  EXPECT(in_range == n);
  for (double x : ud) EXPECT(x > 0 && x <= 1);
  expect_moments("curand_uniform", u, 0.5, 1.0 / 12, 1.8);
  expect_moments("curand_uniform_double", ud, 0.5, 1.0 / 12, 1.8);
  expect_moments("curand_normal", normal, 0, 1, 3);
  expect_moments("curand_normal_double", nd, 0, 1, 3);
  // Log-normal(0.5, 0.25): mean e^(mu + s^2/2), variance (e^(s^2) - 1) e^(2 mu + s^2).
  double s2 = 0.25 * 0.25;
  double lmean = std::exp(0.5 + s2 / 2), lvar = (std::exp(s2) - 1) * std::exp(1 + s2);
  double lkurt = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 3 + 3;
  expect_moments("curand_log_normal", log_normal, lmean, lvar, lkurt);
  // Uniformity: chi-square over 64 bins (63 degrees of freedom; 120 is beyond the 99.999th percentile).
  std::vector<double> bins(64, 0);
  for (float x : u) bins[std::min(63, int(x * 64))] += 1;
  double chi2 = 0;
  for (double b : bins) chi2 += (b - n / 64.0) * (b - n / 64.0) / (n / 64.0);
  if (chi2 > 120) {
    fprintf(stderr, "curand_uniform: chi-square %.1f over 64 bins\n", chi2);
    ++failures;
  }
  // Normal tails: the fraction beyond 2 sigma is 4.55 %.
  int beyond = 0;
  for (float x : normal) beyond += std::fabs(x) > 2;
  EXPECT(std::fabs(beyond / double(n) - 0.0455) < 0.003);
  cudaFree(du);
  cudaFree(dn);
  cudaFree(dl);
  cudaFree(dud);
  cudaFree(dnd);
  cudaFree(dw);

  // Philox's four-at-a-time forms.
  float4 *d4u, *d4n;
  double2* d2u;
  EXPECT_OK(cudaMalloc(&d4u, threads * sizeof(float4)));
  EXPECT_OK(cudaMalloc(&d4n, threads * sizeof(float4)));
  EXPECT_OK(cudaMalloc(&d2u, threads * sizeof(double2)));
  philox_forms<<<threads / 128, 128>>>(7, d4u, d4n, d2u);
  std::vector<float4> u4 = from_device(d4u, threads);
  std::vector<float> flat;
  for (int t = 0; t < threads; ++t) {
    float want = float(philox_word(7, t, 0)) * 2.3283064e-10f + 2.3283064e-10f / 2.0f;
    EXPECT(u4[t].x == want);
    flat.insert(flat.end(), {u4[t].x, u4[t].y, u4[t].z, u4[t].w});
  }
  expect_moments("curand_uniform4", flat, 0.5, 1.0 / 12, 1.8);
  std::vector<float4> n4 = from_device(d4n, threads);
  flat.clear();
  for (const float4& v : n4) flat.insert(flat.end(), {v.x, v.y, v.z, v.w});
  expect_moments("curand_normal4", flat, 0, 1, 3);
  cudaFree(d4u);
  cudaFree(d4n);
  cudaFree(d2u);
}

// Poisson draws on both sides of the algorithm switch at lambda = 64: moments (variance of the sample
// variance from the fourth central moment lambda (1 + 3 lambda)) and, for lambda = 4, a chi-square
// against the probabilities.
void check_poisson() {
  const int threads = 512;
  unsigned* d = nullptr;
  EXPECT_OK(cudaMalloc(&d, threads * 1024 * sizeof(unsigned)));
  for (double lambda : {0.5, 4.0, 30.0, 63.5, 64.0, 100.0, 1000.0})
    for (int philox = 0; philox < 2; ++philox) {
      // The rejection method (lambda >= 64) costs two uniforms a draw: more draws, finer moments.
      const int per_thread = lambda >= 64 ? 1024 : 128, n = threads * per_thread;
      if (philox)
        poisson_draws<curandStatePhilox4_32_10_t><<<threads / 128, 128>>>(lambda, per_thread, d);
      else
        poisson_draws<curandStateXORWOW_t><<<threads / 128, 128>>>(lambda, per_thread, d);
      std::vector<unsigned> k = from_device(d, n);
      char what[64];
      snprintf(what, sizeof what, "curand_poisson(%g)%s", lambda, philox ? " Philox" : "");
      expect_moments(what, k, lambda, lambda, 3 + 1 / lambda);
      if (lambda == 4.0) {
        std::vector<double> count(16, 0);
        for (unsigned v : k) count[std::min(15u, v)] += 1;
        double chi2 = 0, p = std::exp(-lambda), tail = 1;
        for (int i = 0; i < 16; ++i) {
          double prob = i < 15 ? p : tail;
          chi2 += (count[i] - n * prob) * (count[i] - n * prob) / (n * prob);
          tail -= p;
          p *= lambda / (i + 1);
        }
        if (chi2 > 50) {  // 15 degrees of freedom: 50 is beyond the 99.999th percentile
          fprintf(stderr, "%s: chi-square %.1f over 16 bins\n", what, chi2);
          ++failures;
        }
      }
    }
  const int n = threads * 128;
  curandGenerator_t g = nullptr;
  EXPECT(curandCreateGenerator(&g, CURAND_RNG_PSEUDO_XORWOW) == CURAND_STATUS_SUCCESS);
  EXPECT(curandGeneratePoisson(g, d, n, 30.0) == CURAND_STATUS_SUCCESS);
  expect_moments("curandGeneratePoisson(30)", from_device(d, n), 30, 30, 3 + 1 / 30.0);
  EXPECT(curandGeneratePoisson(g, d, n, 0.0) == CURAND_STATUS_OUT_OF_RANGE);
  EXPECT(curandDestroyGenerator(g) == CURAND_STATUS_SUCCESS);
  cudaFree(d);
}

void check_host_api() {
  for (curandRngType_t type : {CURAND_RNG_PSEUDO_DEFAULT, CURAND_RNG_PSEUDO_PHILOX4_32_10}) {
    curandGenerator_t g = nullptr;
    EXPECT(curandCreateGenerator(&g, type) == CURAND_STATUS_SUCCESS);
    EXPECT(curandSetPseudoRandomGeneratorSeed(g, 5150) == CURAND_STATUS_SUCCESS);
    EXPECT(curandSetGeneratorOffset(g, 3) == CURAND_STATUS_SUCCESS);
    const size_t num = 10000;  // not a multiple of the generator's 4096 states
    unsigned* d = nullptr;
    EXPECT_OK(cudaMalloc(&d, 2 * num * sizeof(unsigned)));
    EXPECT(curandGenerate(g, d, num) == CURAND_STATUS_SUCCESS);
    EXPECT(curandGenerate(g, d + num, num) == CURAND_STATUS_SUCCESS);
    std::vector<unsigned> got = from_device(d, 2 * num);
    // Result j of a call comes from state j mod 4096 (subsequence j mod 4096, after the offset), which
    // continues across calls: state 7 gave results 7, 4103, 8199 of the first call, then 7, ... of the second.
    const uint64_t checks[][3] = {{0, 0, 0}, {7, 7, 0}, {4103, 7, 1}, {8199, 7, 2}, {num + 7, 7, 3}, {num + 4095, 4095, 2}};
    for (auto c : checks) {
      uint32_t want;
      if (type == CURAND_RNG_PSEUDO_DEFAULT) {
        Xorwow s = xorwow_reference(5150, c[1], 3);
        for (uint64_t i = 0; i < c[2]; ++i) next(s);
        want = next(s);
      } else {
        want = philox_word(5150, c[1], 3 + c[2]);
      }
      if (got[c[0]] != want) {
        fprintf(stderr, "host API type %d result %llu: %08x, expected %08x\n", int(type), (unsigned long long)c[0],
                got[c[0]], want);
        ++failures;
      }
    }
    // Normals and uniforms through a host-memory generator; odd counts for normals are refused.
    float* df = nullptr;
    EXPECT_OK(cudaMalloc(&df, 2 * num * sizeof(float)));
    EXPECT(curandGenerateNormal(g, df, 2 * num, 3.0f, 2.0f) == CURAND_STATUS_SUCCESS);
    expect_moments("curandGenerateNormal(3, 2)", from_device(df, 2 * num), 3, 4, 3);
    EXPECT(curandGenerateNormal(g, df, 3, 0, 1) == CURAND_STATUS_LENGTH_NOT_MULTIPLE);
    EXPECT(curandGenerateUniform(g, df, 2 * num) == CURAND_STATUS_SUCCESS);
    expect_moments("curandGenerateUniform", from_device(df, 2 * num), 0.5, 1.0 / 12, 1.8);
    cudaFree(df);
    cudaFree(d);
    EXPECT(curandDestroyGenerator(g) == CURAND_STATUS_SUCCESS);
  }
  curandGenerator_t host = nullptr;
  EXPECT(curandCreateGeneratorHost(&host, CURAND_RNG_PSEUDO_XORWOW) == CURAND_STATUS_SUCCESS);
  std::vector<double> values(40000);
  EXPECT(curandGenerateLogNormalDouble(host, values.data(), values.size(), 0.0, 0.5) == CURAND_STATUS_SUCCESS);
  double s2 = 0.25;
  expect_moments("curandGenerateLogNormalDouble on the host", values, std::exp(s2 / 2), (std::exp(s2) - 1) * std::exp(s2),
                 std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 3);
  std::vector<double> again(40000);
  EXPECT(curandSetPseudoRandomGeneratorSeed(host, 0) == CURAND_STATUS_SUCCESS);  // the default seed: same stream
  EXPECT(curandGenerateLogNormalDouble(host, again.data(), again.size(), 0.0, 0.5) == CURAND_STATUS_SUCCESS);
  EXPECT(again == values);
  EXPECT(curandDestroyGenerator(host) == CURAND_STATUS_SUCCESS);

  curandGenerator_t unsupported = nullptr;
  EXPECT(curandCreateGenerator(&unsupported, CURAND_RNG_PSEUDO_MTGP32) == CURAND_STATUS_TYPE_ERROR);
  EXPECT(unsupported == nullptr);
  EXPECT(curandGenerate(nullptr, nullptr, 4) == CURAND_STATUS_NOT_INITIALIZED);
  int version = 0;
  EXPECT(curandGetVersion(&version) == CURAND_STATUS_SUCCESS && version == CURAND_VERSION);
}

}  // namespace

int main() {
  check_device_sequences();
  check_distributions();
  check_poisson();
  check_host_api();
  return check_result();
}
