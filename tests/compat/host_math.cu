// Math in host code of a .cu file, as nvcc allows: the float overloads of the C names return float,
// std:: names work, and CUDA's own functions that the C library lacks (rsqrtf, erfcinvf, sincospif,
// normcdfinvf, ...) are callable on the host and agree with the device. The references are the host C
// library's functions (glibc), which share no code with Canopy's.
#include <cfloat>

#include "../cuda/check.h"

static_assert(sizeof(fabs(-2.0f)) == sizeof(float), "fabs(float) returns float on the host");
static_assert(sizeof(sqrt(2.0f)) == sizeof(float), "sqrt(float) returns float on the host");
static_assert(sizeof(std::exp(1.0f)) == sizeof(float), "std::exp(float) returns float");
static_assert(sizeof(rsqrt(2.0f)) == sizeof(float) && sizeof(rsqrt(2.0)) == sizeof(double), "rsqrt overloads");

__global__ void device_values(const float* in, float* out, int count) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= count) return;
  float x = in[i], s, c;
  sincospif(x, &s, &c);
  out[8 * i + 0] = rsqrtf(x + 1.0f);
  out[8 * i + 1] = erfcinvf(x);
  out[8 * i + 2] = normcdfinvf(x * 0.5f);
  out[8 * i + 3] = s;
  out[8 * i + 4] = c;
  out[8 * i + 5] = erfinvf(x - 1.0f);
  out[8 * i + 6] = erfcxf(x);
  out[8 * i + 7] = rhypotf(x, 1.0f);
}

// |a - b| in ulps of float.
static long ulps(float a, float b) {
  int ia, ib;
  memcpy(&ia, &a, 4);
  memcpy(&ib, &b, 4);
  if (ia < 0) ia = INT_MIN - ia;
  if (ib < 0) ib = INT_MIN - ib;
  return labs((long)ia - (long)ib);
}

int main() {
  // C names on the host: float in, float out, the host library's value.
  EXPECT(fabs(-2.5f) == 2.5f && fabsf(-2.5f) == 2.5f);
  EXPECT(sqrtf(4.0f) == 2.0f && ceil(1.25) == 2.0 && expf(0.0f) == 1.0f && std::abs(-3) == 3);

  const int count = 200;
  float in[count];
  for (int i = 0; i < count; ++i) in[i] = (i + 0.5f) / count * 1.98f;  // (0, 2): erfcinv's domain
  float *d_in, *d_out;
  EXPECT_OK(cudaMalloc(&d_in, sizeof in));
  EXPECT_OK(cudaMalloc(&d_out, 8 * sizeof in));
  EXPECT_OK(cudaMemcpy(d_in, in, sizeof in, cudaMemcpyHostToDevice));
  device_values<<<2, 128>>>(d_in, d_out, count);
  static float dev[8 * count];
  EXPECT_OK(cudaMemcpy(dev, d_out, sizeof dev, cudaMemcpyDeviceToHost));

  for (int i = 0; i < count; ++i) {
    float x = in[i], s, c;
    sincospif(x, &s, &c);
    const float host[8] = {rsqrtf(x + 1.0f), erfcinvf(x), normcdfinvf(x * 0.5f), s, c,
                           erfinvf(x - 1.0f), erfcxf(x),   rhypotf(x, 1.0f)};
    // The host runs the same double-precision code as the device: the results agree bit for bit.
    for (int k = 0; k < 8; ++k) EXPECT(memcmp(&host[k], &dev[8 * i + k], 4) == 0);
    // Against glibc: each inverse undoes its function, the others match their definitions.
    const double xd = x;
    EXPECT(ulps(host[0], (float)(1.0 / std::sqrt(xd + 1.0))) <= 1);
    EXPECT(fabs(std::erfc((double)host[1]) - xd) <= 4 * FLT_EPSILON * (xd + fabs(std::exp(-(double)host[1] * host[1]))));
    EXPECT(fabs(0.5 * std::erfc(-(double)host[2] / std::sqrt(2.0)) - 0.5 * xd) <= 4 * FLT_EPSILON * (0.5 * xd + 1e-30));
    EXPECT(ulps(host[3], (float)std::sin(M_PI * xd)) <= 1 || fabs(host[3]) < 1e-6);
    EXPECT(ulps(host[4], (float)std::cos(M_PI * xd)) <= 1 || fabs(host[4]) < 1e-6);
    EXPECT(fabs(std::erf((double)host[5]) - (xd - 1.0)) <= 4 * FLT_EPSILON);
    EXPECT(ulps(host[6], (float)(std::exp(xd * xd) * std::erfc(xd))) <= 2);
    EXPECT(ulps(host[7], (float)(1.0 / std::hypot(xd, 1.0))) <= 1);
  }
  cudaFree(d_in);
  cudaFree(d_out);
  return check_result();
}
