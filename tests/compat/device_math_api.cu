// The rest of CUDA's device math API that wave 1 lacked, against the host C library (glibc) or an exact
// derivation: nan(tagp) payloads, remquo, scalbln, the norms, fdividef, and abs of every integer type
// (which must not be ambiguous in device code).
#include <cfloat>

#include "../cuda/check.h"

struct Results {
  unsigned long long nan_bits[4];
  unsigned int nanf_bits[2];
  double remquo_value[6];
  int remquo_quo[6];
  float remquof_value[2];
  int remquof_quo[2];
  double scalbln_value[3];
  double norms[6];
  float normsf[4];
  long long abs_values[6];
  float quotient;
};

__global__ void compute(Results* r, const double* xs, const double* ys) {
  r->nan_bits[0] = __double_as_longlong(nan(""));
  r->nan_bits[1] = __double_as_longlong(nan("42"));
  r->nan_bits[2] = __double_as_longlong(nan("0x1f"));
  r->nan_bits[3] = __double_as_longlong(nan("017"));
  r->nanf_bits[0] = __float_as_uint(nanf(""));
  r->nanf_bits[1] = __float_as_uint(nanf("7"));
  for (int i = 0; i < 6; ++i) r->remquo_value[i] = remquo(xs[i], ys[i], &r->remquo_quo[i]);
  r->remquof_value[0] = remquof(7.5f, 2.0f, &r->remquof_quo[0]);
  r->remquof_value[1] = remquo(-11.0f, 3.0f, &r->remquof_quo[1]);
  r->scalbln_value[0] = scalbln(1.5, 10L);
  r->scalbln_value[1] = scalbln(1.5, -1080L);
  r->scalbln_value[2] = scalbln(1.0, 1L << 40);
  const double v[5] = {3, 4, 12, 84, 0};
  r->norms[0] = norm3d(3, 4, 12);
  r->norms[1] = rnorm3d(3, 4, 12);
  r->norms[2] = norm4d(3, 4, 12, 84);
  r->norms[3] = rnorm4d(3, 4, 12, 84);
  r->norms[4] = norm(5, v);
  r->norms[5] = rhypot(3e300, 4e300);
  const float vf[3] = {3, 4, 12};
  r->normsf[0] = normf(3, vf);
  r->normsf[1] = rnormf(3, vf);
  r->normsf[2] = norm3df(1e30f, 1e30f, 1e30f);
  r->normsf[3] = rnorm4df(1, 1, 1, 1);
  int i = -5;
  long l = -6;
  long long ll = -7;
  r->abs_values[0] = abs(i);
  r->abs_values[1] = abs(l);
  r->abs_values[2] = abs(ll);
  r->abs_values[3] = std::abs(i) + std::abs(l) + std::abs(ll);
  r->abs_values[4] = labs(l) + llabs(ll);
  r->abs_values[5] = abs((short)-3) + abs((signed char)-2);
  r->quotient = fdividef(1.0f, 3.0f);
}

int main() {
  const double xs[6] = {7.5, -7.5, 10.0, 1e300, 5.0, -0.0};
  const double ys[6] = {2.0, 2.0, 3.0, 3.0, 2.5, 1.0};
  double *dx, *dy;
  Results* dr;
  EXPECT_OK(cudaMalloc(&dx, sizeof xs));
  EXPECT_OK(cudaMalloc(&dy, sizeof ys));
  EXPECT_OK(cudaMalloc(&dr, sizeof(Results)));
  EXPECT_OK(cudaMemcpy(dx, xs, sizeof xs, cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(dy, ys, sizeof ys, cudaMemcpyHostToDevice));
  compute<<<1, 1>>>(dr, dx, dy);
  Results r;
  EXPECT_OK(cudaMemcpy(&r, dr, sizeof r, cudaMemcpyDeviceToHost));

  // glibc's nan() reads the tag as strtoull does and keeps it as the payload of a quiet NaN.
  const char* tags[4] = {"", "42", "0x1f", "017"};
  for (int i = 0; i < 4; ++i) {
    double expect = nan(tags[i]);
    unsigned long long bits;
    memcpy(&bits, &expect, 8);
    EXPECT(r.nan_bits[i] == bits);
  }
  float fexpect = nanf("7");
  unsigned int fbits;
  memcpy(&fbits, &fexpect, 4);
  EXPECT(r.nanf_bits[1] == fbits && r.nanf_bits[0] == 0x7fc00000u);
  for (int i = 0; i < 6; ++i) {
    int quo;
    double expect = remquo(xs[i], ys[i], &quo);
    EXPECT(memcmp(&expect, &r.remquo_value[i], 8) == 0);
    EXPECT((quo & 7) == (r.remquo_quo[i] & 7) && (quo < 0) == (r.remquo_quo[i] < 0));
  }
  int quo;
  EXPECT(r.remquof_value[0] == remquof(7.5f, 2.0f, &quo) && (r.remquof_quo[0] & 7) == (quo & 7));
  EXPECT(r.remquof_value[1] == remquof(-11.0f, 3.0f, &quo) && r.remquof_quo[1] == quo);
  EXPECT(r.scalbln_value[0] == scalbln(1.5, 10L) && r.scalbln_value[1] == scalbln(1.5, -1080L));
  EXPECT(r.scalbln_value[2] == HUGE_VAL);
  // 3-4-12-84 has exact norms 13 and 85.
  EXPECT(r.norms[0] == 13.0 && r.norms[1] == 1.0 / 13.0 && r.norms[2] == 85.0 && r.norms[3] == 1.0 / 85.0);
  EXPECT(r.norms[4] == 85.0 && fabs(r.norms[5] * 5e300 - 1.0) <= 2 * DBL_EPSILON);
  EXPECT(r.normsf[0] == 13.0f && fabs(r.normsf[1] * 13.0f - 1.0f) <= FLT_EPSILON && r.normsf[3] == 0.5f);
  EXPECT(r.normsf[2] == (float)(1e30 * std::sqrt(3.0)) || fabs(r.normsf[2] / (float)(1e30 * std::sqrt(3.0)) - 1) < 2 * FLT_EPSILON);
  EXPECT(r.abs_values[0] == 5 && r.abs_values[1] == 6 && r.abs_values[2] == 7);
  EXPECT(r.abs_values[3] == 18 && r.abs_values[4] == 13 && r.abs_values[5] == 5);
  EXPECT(fabs(r.quotient - 1.0f / 3.0f) <= 2 * FLT_EPSILON / 3);
  cudaFree(dx);
  cudaFree(dy);
  cudaFree(dr);
  return check_result();
}
