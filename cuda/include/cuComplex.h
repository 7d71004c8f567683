/* Canopy's CUDA headers: single and double complex numbers as CUDA defines them (float2/double2 with
   the real part in x), and their arithmetic on host and device. */
#ifndef CANOPY_CU_COMPLEX_H
#define CANOPY_CU_COMPLEX_H
/* NVIDIA's own guard, which programs test. */
#define CU_COMPLEX_H_

#include <math.h>

#include "crt/host_defines.h"
#include "vector_functions.h"
#include "vector_types.h"

#if defined(__cplusplus)
extern "C" {
#endif

typedef float2 cuFloatComplex;

static __inline__ __host__ __device__ float cuCrealf(cuFloatComplex __canopy_x) { return __canopy_x.x; }
static __inline__ __host__ __device__ float cuCimagf(cuFloatComplex __canopy_x) { return __canopy_x.y; }
static __inline__ __host__ __device__ cuFloatComplex make_cuFloatComplex(float __canopy_r, float __canopy_i) {
  return make_float2(__canopy_r, __canopy_i);
}
static __inline__ __host__ __device__ cuFloatComplex cuConjf(cuFloatComplex __canopy_x) {
  return make_cuFloatComplex(__canopy_x.x, -__canopy_x.y);
}
static __inline__ __host__ __device__ cuFloatComplex cuCaddf(cuFloatComplex __canopy_x, cuFloatComplex __canopy_y) {
  return make_cuFloatComplex(__canopy_x.x + __canopy_y.x, __canopy_x.y + __canopy_y.y);
}
static __inline__ __host__ __device__ cuFloatComplex cuCsubf(cuFloatComplex __canopy_x, cuFloatComplex __canopy_y) {
  return make_cuFloatComplex(__canopy_x.x - __canopy_y.x, __canopy_x.y - __canopy_y.y);
}
static __inline__ __host__ __device__ cuFloatComplex cuCmulf(cuFloatComplex __canopy_x, cuFloatComplex __canopy_y) {
  return make_cuFloatComplex(__canopy_x.x * __canopy_y.x - __canopy_x.y * __canopy_y.y,
                             __canopy_x.x * __canopy_y.y + __canopy_x.y * __canopy_y.x);
}
/* Scaled as NVIDIA's header does, so that |y| near the float range neither overflows nor underflows. */
static __inline__ __host__ __device__ cuFloatComplex cuCdivf(cuFloatComplex __canopy_x, cuFloatComplex __canopy_y) {
  float __canopy_s = fabsf(__canopy_y.x) + fabsf(__canopy_y.y);
  float __canopy_oos = 1.0f / __canopy_s;
  float __canopy_ars = __canopy_x.x * __canopy_oos, __canopy_ais = __canopy_x.y * __canopy_oos;
  float __canopy_brs = __canopy_y.x * __canopy_oos, __canopy_bis = __canopy_y.y * __canopy_oos;
  __canopy_s = __canopy_brs * __canopy_brs + __canopy_bis * __canopy_bis;
  __canopy_oos = 1.0f / __canopy_s;
  return make_cuFloatComplex((__canopy_ars * __canopy_brs + __canopy_ais * __canopy_bis) * __canopy_oos,
                             (__canopy_ais * __canopy_brs - __canopy_ars * __canopy_bis) * __canopy_oos);
}
static __inline__ __host__ __device__ float cuCabsf(cuFloatComplex __canopy_x) {
  return hypotf(__canopy_x.x, __canopy_x.y);
}

typedef double2 cuDoubleComplex;

static __inline__ __host__ __device__ double cuCreal(cuDoubleComplex __canopy_x) { return __canopy_x.x; }
static __inline__ __host__ __device__ double cuCimag(cuDoubleComplex __canopy_x) { return __canopy_x.y; }
static __inline__ __host__ __device__ cuDoubleComplex make_cuDoubleComplex(double __canopy_r, double __canopy_i) {
  return make_double2(__canopy_r, __canopy_i);
}
static __inline__ __host__ __device__ cuDoubleComplex cuConj(cuDoubleComplex __canopy_x) {
  return make_cuDoubleComplex(__canopy_x.x, -__canopy_x.y);
}
static __inline__ __host__ __device__ cuDoubleComplex cuCadd(cuDoubleComplex __canopy_x, cuDoubleComplex __canopy_y) {
  return make_cuDoubleComplex(__canopy_x.x + __canopy_y.x, __canopy_x.y + __canopy_y.y);
}
static __inline__ __host__ __device__ cuDoubleComplex cuCsub(cuDoubleComplex __canopy_x, cuDoubleComplex __canopy_y) {
  return make_cuDoubleComplex(__canopy_x.x - __canopy_y.x, __canopy_x.y - __canopy_y.y);
}
static __inline__ __host__ __device__ cuDoubleComplex cuCmul(cuDoubleComplex __canopy_x, cuDoubleComplex __canopy_y) {
  return make_cuDoubleComplex(__canopy_x.x * __canopy_y.x - __canopy_x.y * __canopy_y.y,
                              __canopy_x.x * __canopy_y.y + __canopy_x.y * __canopy_y.x);
}
static __inline__ __host__ __device__ cuDoubleComplex cuCdiv(cuDoubleComplex __canopy_x, cuDoubleComplex __canopy_y) {
  double __canopy_s = fabs(__canopy_y.x) + fabs(__canopy_y.y);
  double __canopy_oos = 1.0 / __canopy_s;
  double __canopy_ars = __canopy_x.x * __canopy_oos, __canopy_ais = __canopy_x.y * __canopy_oos;
  double __canopy_brs = __canopy_y.x * __canopy_oos, __canopy_bis = __canopy_y.y * __canopy_oos;
  __canopy_s = __canopy_brs * __canopy_brs + __canopy_bis * __canopy_bis;
  __canopy_oos = 1.0 / __canopy_s;
  return make_cuDoubleComplex((__canopy_ars * __canopy_brs + __canopy_ais * __canopy_bis) * __canopy_oos,
                              (__canopy_ais * __canopy_brs - __canopy_ars * __canopy_bis) * __canopy_oos);
}
static __inline__ __host__ __device__ double cuCabs(cuDoubleComplex __canopy_x) {
  return hypot(__canopy_x.x, __canopy_x.y);
}

#if defined(__cplusplus)
}
#endif

typedef cuFloatComplex cuComplex;
static __inline__ __host__ __device__ cuComplex make_cuComplex(float __canopy_x, float __canopy_y) {
  return make_cuFloatComplex(__canopy_x, __canopy_y);
}
static __inline__ __host__ __device__ cuDoubleComplex cuComplexFloatToDouble(cuFloatComplex __canopy_c) {
  return make_cuDoubleComplex((double)cuCrealf(__canopy_c), (double)cuCimagf(__canopy_c));
}
static __inline__ __host__ __device__ cuFloatComplex cuComplexDoubleToFloat(cuDoubleComplex __canopy_c) {
  return make_cuFloatComplex((float)cuCreal(__canopy_c), (float)cuCimag(__canopy_c));
}
/* x * y + d, written out term by term as NVIDIA's header does. */
static __inline__ __host__ __device__ cuComplex cuCfmaf(cuComplex __canopy_x, cuComplex __canopy_y, cuComplex __canopy_d) {
  float __canopy_r = (cuCrealf(__canopy_x) * cuCrealf(__canopy_y)) + cuCrealf(__canopy_d);
  float __canopy_i = (cuCrealf(__canopy_x) * cuCimagf(__canopy_y)) + cuCimagf(__canopy_d);
  __canopy_r = -(cuCimagf(__canopy_x) * cuCimagf(__canopy_y)) + __canopy_r;
  __canopy_i = (cuCimagf(__canopy_x) * cuCrealf(__canopy_y)) + __canopy_i;
  return make_cuComplex(__canopy_r, __canopy_i);
}
static __inline__ __host__ __device__ cuDoubleComplex cuCfma(cuDoubleComplex __canopy_x, cuDoubleComplex __canopy_y,
                                                             cuDoubleComplex __canopy_d) {
  double __canopy_r = (cuCreal(__canopy_x) * cuCreal(__canopy_y)) + cuCreal(__canopy_d);
  double __canopy_i = (cuCreal(__canopy_x) * cuCimag(__canopy_y)) + cuCimag(__canopy_d);
  __canopy_r = -(cuCimag(__canopy_x) * cuCimag(__canopy_y)) + __canopy_r;
  __canopy_i = (cuCimag(__canopy_x) * cuCreal(__canopy_y)) + __canopy_i;
  return make_cuDoubleComplex(__canopy_r, __canopy_i);
}

#endif
