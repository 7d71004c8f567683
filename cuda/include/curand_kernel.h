/* Canopy's CUDA headers: the cuRAND device API for the XORWOW (curandState, the default) and
   Philox4_32_10 generators: curand_init, curand, the uniform, normal and log-normal distributions,
   skipahead. The algorithms, seeding and conversions are cuRAND's, so a thread's sequence is the one
   cuRAND gives for the same seed, subsequence and offset (docs/libs.md). */
#ifndef CANOPY_CURAND_KERNEL_H
#define CANOPY_CURAND_KERNEL_H
/* NVIDIA's own guard, which programs test. */
#define CURAND_KERNEL_H_

#include <math.h>

#include "crt/curand_xorwow_jumps.h"
#include "cuda_runtime.h"
#include "curand.h"
#include "vector_functions.h"

#define QUALIFIERS static __forceinline__ __device__

#define CURAND_2POW32_INV (2.3283064e-10f)
#define CURAND_2POW32_INV_DOUBLE (2.3283064365386963e-10)
#define CURAND_2POW53_INV_DOUBLE (1.1102230246251565e-16)
#define CURAND_2POW32_INV_2PI (2.3283064e-10f * 6.2831855f)
#define CURAND_2PI (6.2831855f)
#define CURAND_2POW53_INV_2PI_DOUBLE (1.1102230246251565e-16 * 6.2831853071795860)
#define CURAND_PI_DOUBLE (3.1415926535897932)
#define CURAND_2PI_DOUBLE (6.2831853071795860)
#define CURAND_SQRT2 (-1.4142135f)
#define CURAND_SQRT2_DOUBLE (-1.4142135623730951)
#define EXTRA_FLAG_NORMAL 0x00000001
#define EXTRA_FLAG_LOG_NORMAL 0x00000002

struct curandStateXORWOW {
  unsigned int d, v[5];
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStateXORWOW curandStateXORWOW_t;
typedef struct curandStateXORWOW curandState_t;
typedef struct curandStateXORWOW curandState;

struct curandStatePhilox4_32_10 {
  uint4 ctr;
  uint4 output;
  uint2 key;
  unsigned int STATE;
  int boxmuller_flag;
  int boxmuller_flag_double;
  float boxmuller_extra;
  double boxmuller_extra_double;
};
typedef struct curandStatePhilox4_32_10 curandStatePhilox4_32_10_t;

/* --- XORWOW ------------------------------------------------------------------------------------- */

QUALIFIERS void __canopy_xorwow_step(unsigned int* __canopy_v) {
  unsigned int __canopy_t = __canopy_v[0] ^ (__canopy_v[0] >> 2);
  __canopy_v[0] = __canopy_v[1];
  __canopy_v[1] = __canopy_v[2];
  __canopy_v[2] = __canopy_v[3];
  __canopy_v[3] = __canopy_v[4];
  __canopy_v[4] = (__canopy_v[4] ^ (__canopy_v[4] << 4)) ^ (__canopy_t ^ (__canopy_t << 1));
}

/* a = a * b mod p over GF(2), p the xorshift's characteristic polynomial (crt/curand_xorwow_jumps.h). */
QUALIFIERS void __canopy_xorwow_mulmod(unsigned int* __canopy_a, const unsigned int* __canopy_b) {
  unsigned int __canopy_r[5] = {0, 0, 0, 0, 0};
  unsigned int __canopy_s[5];
  for (int __canopy_i = 0; __canopy_i < 5; ++__canopy_i) __canopy_s[__canopy_i] = __canopy_a[__canopy_i];
  for (int __canopy_bit = 0; __canopy_bit < 160; ++__canopy_bit) {
    if ((__canopy_b[__canopy_bit >> 5] >> (__canopy_bit & 31)) & 1u)
      for (int __canopy_i = 0; __canopy_i < 5; ++__canopy_i) __canopy_r[__canopy_i] ^= __canopy_s[__canopy_i];
    unsigned int __canopy_top = __canopy_s[4] >> 31;
    for (int __canopy_i = 4; __canopy_i > 0; --__canopy_i)
      __canopy_s[__canopy_i] = (__canopy_s[__canopy_i] << 1) | (__canopy_s[__canopy_i - 1] >> 31);
    __canopy_s[0] <<= 1;
    if (__canopy_top)
      for (int __canopy_i = 0; __canopy_i < 5; ++__canopy_i) __canopy_s[__canopy_i] ^= __canopy_xorwow_charpoly[__canopy_i];
  }
  for (int __canopy_i = 0; __canopy_i < 5; ++__canopy_i) __canopy_a[__canopy_i] = __canopy_r[__canopy_i];
}

/* The xorshift state advanced by q(T) (T^N when q = x^N mod p): the sum of T^i v over q's set bits. */
QUALIFIERS void __canopy_xorwow_apply(unsigned int* __canopy_v, const unsigned int* __canopy_q) {
  unsigned int __canopy_acc[5] = {0, 0, 0, 0, 0};
  for (int __canopy_bit = 0; __canopy_bit < 160; ++__canopy_bit) {
    if ((__canopy_q[__canopy_bit >> 5] >> (__canopy_bit & 31)) & 1u)
      for (int __canopy_i = 0; __canopy_i < 5; ++__canopy_i) __canopy_acc[__canopy_i] ^= __canopy_v[__canopy_i];
    __canopy_xorwow_step(__canopy_v);
  }
  for (int __canopy_i = 0; __canopy_i < 5; ++__canopy_i) __canopy_v[__canopy_i] = __canopy_acc[__canopy_i];
}

/* Multiplies q by the jumps of n's hexadecimal digits from a table of x^(d 16^i (2^67)) mod p. */
QUALIFIERS bool __canopy_xorwow_jumps(unsigned int* __canopy_q, unsigned long long __canopy_n,
                                      const unsigned int (*__canopy_table)[15][5]) {
  bool __canopy_any = false;
  for (int __canopy_i = 0; __canopy_n != 0; ++__canopy_i, __canopy_n >>= 4)
    if (unsigned __canopy_digit = (unsigned)(__canopy_n & 15u)) {
      __canopy_xorwow_mulmod(__canopy_q, __canopy_table[__canopy_i][__canopy_digit - 1]);
      __canopy_any = true;
    }
  return __canopy_any;
}

QUALIFIERS void skipahead(unsigned long long __canopy_n, curandStateXORWOW_t* __canopy_state) {
  unsigned int __canopy_q[5] = {1, 0, 0, 0, 0};
  if (__canopy_xorwow_jumps(__canopy_q, __canopy_n, __canopy_xorwow_offset_jumps))
    __canopy_xorwow_apply(__canopy_state->v, __canopy_q);
  __canopy_state->d += 362437u * (unsigned int)__canopy_n;
}

/* A subsequence is 2^67 steps; the Weyl counter d moves by a multiple of 2^32 then, so it stays. */
QUALIFIERS void skipahead_sequence(unsigned long long __canopy_n, curandStateXORWOW_t* __canopy_state) {
  unsigned int __canopy_q[5] = {1, 0, 0, 0, 0};
  if (__canopy_xorwow_jumps(__canopy_q, __canopy_n, __canopy_xorwow_sequence_jumps))
    __canopy_xorwow_apply(__canopy_state->v, __canopy_q);
}

QUALIFIERS void curand_init(unsigned long long __canopy_seed, unsigned long long __canopy_subsequence,
                            unsigned long long __canopy_offset, curandStateXORWOW_t* __canopy_state) {
  unsigned int __canopy_s0 = ((unsigned int)__canopy_seed) ^ 0xaad26b49u;
  unsigned int __canopy_s1 = ((unsigned int)(__canopy_seed >> 32)) ^ 0xf7dcefddu;
  unsigned int __canopy_t0 = 1099087573u * __canopy_s0;
  unsigned int __canopy_t1 = 2591861531u * __canopy_s1;
  __canopy_state->d = 6615241u + __canopy_t1 + __canopy_t0;
  __canopy_state->v[0] = 123456789u + __canopy_t0;
  __canopy_state->v[1] = 362436069u ^ __canopy_t0;
  __canopy_state->v[2] = 521288629u + __canopy_t1;
  __canopy_state->v[3] = 88675123u ^ __canopy_t1;
  __canopy_state->v[4] = 5783321u + __canopy_t0;
  /* Both jumps as one polynomial, evaluated once. */
  unsigned int __canopy_q[5] = {1, 0, 0, 0, 0};
  bool __canopy_moved = __canopy_xorwow_jumps(__canopy_q, __canopy_subsequence, __canopy_xorwow_sequence_jumps);
  __canopy_moved = __canopy_xorwow_jumps(__canopy_q, __canopy_offset, __canopy_xorwow_offset_jumps) || __canopy_moved;
  if (__canopy_moved) __canopy_xorwow_apply(__canopy_state->v, __canopy_q);
  __canopy_state->d += 362437u * (unsigned int)__canopy_offset;
  __canopy_state->boxmuller_flag = 0;
  __canopy_state->boxmuller_flag_double = 0;
  __canopy_state->boxmuller_extra = 0.f;
  __canopy_state->boxmuller_extra_double = 0.;
}

QUALIFIERS unsigned int curand(curandStateXORWOW_t* __canopy_state) {
  __canopy_xorwow_step(__canopy_state->v);
  __canopy_state->d += 362437u;
  return __canopy_state->v[4] + __canopy_state->d;
}

/* --- Philox4x32-10 (Salmon et al., SC'11), a counter-based generator: ctr and key -> 4 words ------- */

QUALIFIERS uint4 __canopy_philox_round(uint4 __canopy_c, uint2 __canopy_k) {
  unsigned int __canopy_lo0 = 0xD2511F53u * __canopy_c.x, __canopy_hi0 = __umulhi(0xD2511F53u, __canopy_c.x);
  unsigned int __canopy_lo1 = 0xCD9E8D57u * __canopy_c.z, __canopy_hi1 = __umulhi(0xCD9E8D57u, __canopy_c.z);
  return make_uint4(__canopy_hi1 ^ __canopy_c.y ^ __canopy_k.x, __canopy_lo1, __canopy_hi0 ^ __canopy_c.w ^ __canopy_k.y,
                    __canopy_lo0);
}

QUALIFIERS uint4 curand_Philox4x32_10(uint4 __canopy_c, uint2 __canopy_k) {
  for (int __canopy_r = 0; __canopy_r < 9; ++__canopy_r) {
    __canopy_c = __canopy_philox_round(__canopy_c, __canopy_k);
    __canopy_k.x += 0x9E3779B9u;
    __canopy_k.y += 0xBB67AE85u;
  }
  return __canopy_philox_round(__canopy_c, __canopy_k);
}

/* The 128-bit counter advanced by n, and its upper 64 bits by n (a subsequence). */
QUALIFIERS void __canopy_philox_incr(curandStatePhilox4_32_10_t* __canopy_s, unsigned long long __canopy_n) {
  unsigned int __canopy_nlo = (unsigned int)__canopy_n, __canopy_nhi = (unsigned int)(__canopy_n >> 32);
  unsigned long long __canopy_x = (unsigned long long)__canopy_s->ctr.x + __canopy_nlo;
  __canopy_s->ctr.x = (unsigned int)__canopy_x;
  unsigned long long __canopy_y = (unsigned long long)__canopy_s->ctr.y + __canopy_nhi + (__canopy_x >> 32);
  __canopy_s->ctr.y = (unsigned int)__canopy_y;
  if (__canopy_y >> 32)
    if (++__canopy_s->ctr.z == 0) ++__canopy_s->ctr.w;
}
QUALIFIERS void __canopy_philox_incr_hi(curandStatePhilox4_32_10_t* __canopy_s, unsigned long long __canopy_n) {
  unsigned long long __canopy_z = (unsigned long long)__canopy_s->ctr.z + (unsigned int)__canopy_n;
  __canopy_s->ctr.z = (unsigned int)__canopy_z;
  __canopy_s->ctr.w += (unsigned int)(__canopy_n >> 32) + (unsigned int)(__canopy_z >> 32);
}

QUALIFIERS void skipahead(unsigned long long __canopy_n, curandStatePhilox4_32_10_t* __canopy_state) {
  __canopy_state->STATE += (unsigned int)(__canopy_n & 3);
  __canopy_n /= 4;
  if (__canopy_state->STATE > 3) {
    __canopy_n += 1;
    __canopy_state->STATE -= 4;
  }
  __canopy_philox_incr(__canopy_state, __canopy_n);
  __canopy_state->output = curand_Philox4x32_10(__canopy_state->ctr, __canopy_state->key);
}

QUALIFIERS void skipahead_sequence(unsigned long long __canopy_n, curandStatePhilox4_32_10_t* __canopy_state) {
  __canopy_philox_incr_hi(__canopy_state, __canopy_n);
  __canopy_state->output = curand_Philox4x32_10(__canopy_state->ctr, __canopy_state->key);
}

QUALIFIERS void curand_init(unsigned long long __canopy_seed, unsigned long long __canopy_subsequence,
                            unsigned long long __canopy_offset, curandStatePhilox4_32_10_t* __canopy_state) {
  __canopy_state->ctr = make_uint4(0, 0, 0, 0);
  __canopy_state->key.x = (unsigned int)__canopy_seed;
  __canopy_state->key.y = (unsigned int)(__canopy_seed >> 32);
  __canopy_state->STATE = 0;
  __canopy_state->boxmuller_flag = 0;
  __canopy_state->boxmuller_flag_double = 0;
  __canopy_state->boxmuller_extra = 0.f;
  __canopy_state->boxmuller_extra_double = 0.;
  skipahead_sequence(__canopy_subsequence, __canopy_state);
  skipahead(__canopy_offset, __canopy_state);
}

QUALIFIERS unsigned int curand(curandStatePhilox4_32_10_t* __canopy_state) {
  unsigned int __canopy_r;
  switch (__canopy_state->STATE++) {
    case 0: __canopy_r = __canopy_state->output.x; break;
    case 1: __canopy_r = __canopy_state->output.y; break;
    case 2: __canopy_r = __canopy_state->output.z; break;
    default: __canopy_r = __canopy_state->output.w; break;
  }
  if (__canopy_state->STATE == 4) {
    __canopy_philox_incr(__canopy_state, 1);
    __canopy_state->output = curand_Philox4x32_10(__canopy_state->ctr, __canopy_state->key);
    __canopy_state->STATE = 0;
  }
  return __canopy_r;
}

/* The next four words, as four calls of curand would give them. */
QUALIFIERS uint4 curand4(curandStatePhilox4_32_10_t* __canopy_state) {
  uint4 __canopy_r;
  __canopy_r.x = curand(__canopy_state);
  __canopy_r.y = curand(__canopy_state);
  __canopy_r.z = curand(__canopy_state);
  __canopy_r.w = curand(__canopy_state);
  return __canopy_r;
}

/* --- Distributions ------------------------------------------------------------------------------ */

/* Uniform in (0, 1]: never 0, 1 included; no denormals. */
QUALIFIERS float _curand_uniform(unsigned int __canopy_x) {
  return __canopy_x * CURAND_2POW32_INV + (CURAND_2POW32_INV / 2.0f);
}
/* 53 random bits from two words (the first in the low bits). */
QUALIFIERS double _curand_uniform_double_hq(unsigned int __canopy_x, unsigned int __canopy_y) {
  unsigned long long __canopy_z = (unsigned long long)__canopy_x ^ ((unsigned long long)__canopy_y << (53 - 32));
  return __canopy_z * CURAND_2POW53_INV_DOUBLE + (CURAND_2POW53_INV_DOUBLE / 2.0);
}
QUALIFIERS float2 _curand_box_muller(unsigned int __canopy_x, unsigned int __canopy_y) {
  float2 __canopy_r;
  float __canopy_u = __canopy_x * CURAND_2POW32_INV + (CURAND_2POW32_INV / 2);
  float __canopy_v = __canopy_y * CURAND_2POW32_INV_2PI + (CURAND_2POW32_INV_2PI / 2);
  float __canopy_s = sqrtf(-2.0f * logf(__canopy_u));
  __sincosf(__canopy_v, &__canopy_r.x, &__canopy_r.y);
  __canopy_r.x *= __canopy_s;
  __canopy_r.y *= __canopy_s;
  return __canopy_r;
}
QUALIFIERS double2 _curand_box_muller_double(unsigned int __canopy_x0, unsigned int __canopy_x1,
                                             unsigned int __canopy_y0, unsigned int __canopy_y1) {
  double2 __canopy_r;
  unsigned long long __canopy_zx = (unsigned long long)__canopy_x0 ^ ((unsigned long long)__canopy_x1 << (53 - 32));
  double __canopy_u = __canopy_zx * CURAND_2POW53_INV_DOUBLE + (CURAND_2POW53_INV_DOUBLE / 2.0);
  unsigned long long __canopy_zy = (unsigned long long)__canopy_y0 ^ ((unsigned long long)__canopy_y1 << (53 - 32));
  double __canopy_v = __canopy_zy * CURAND_2POW53_INV_2PI_DOUBLE + (CURAND_2POW53_INV_2PI_DOUBLE / 2.0);
  double __canopy_s = sqrt(-2.0 * log(__canopy_u));
  sincos(__canopy_v, &__canopy_r.x, &__canopy_r.y);
  __canopy_r.x *= __canopy_s;
  __canopy_r.y *= __canopy_s;
  return __canopy_r;
}

/* Every distribution, for either state type. */
#define __CANOPY_CURAND_DISTRIBUTIONS(_State)                                                                  \
  QUALIFIERS float curand_uniform(_State* __canopy_state) { return _curand_uniform(curand(__canopy_state)); }  \
  QUALIFIERS double curand_uniform_double(_State* __canopy_state) {                                           \
    unsigned int __canopy_x = curand(__canopy_state);                                                         \
    unsigned int __canopy_y = curand(__canopy_state);                                                         \
    return _curand_uniform_double_hq(__canopy_x, __canopy_y);                                                 \
  }                                                                                                           \
  QUALIFIERS float2 curand_box_muller(_State* __canopy_state) {                                               \
    unsigned int __canopy_x = curand(__canopy_state);                                                         \
    unsigned int __canopy_y = curand(__canopy_state);                                                         \
    return _curand_box_muller(__canopy_x, __canopy_y);                                                        \
  }                                                                                                           \
  QUALIFIERS double2 curand_box_muller_double(_State* __canopy_state) {                                       \
    unsigned int __canopy_x0 = curand(__canopy_state);                                                        \
    unsigned int __canopy_x1 = curand(__canopy_state);                                                        \
    unsigned int __canopy_y0 = curand(__canopy_state);                                                        \
    unsigned int __canopy_y1 = curand(__canopy_state);                                                        \
    return _curand_box_muller_double(__canopy_x0, __canopy_x1, __canopy_y0, __canopy_y1);                     \
  }                                                                                                           \
  /* One value of a Box-Muller pair; the other is kept for the next call. */                                \
  QUALIFIERS float curand_normal(_State* __canopy_state) {                                                    \
    if (__canopy_state->boxmuller_flag != EXTRA_FLAG_NORMAL) {                                                \
      float2 __canopy_v = curand_box_muller(__canopy_state);                                                  \
      __canopy_state->boxmuller_extra = __canopy_v.y;                                                         \
      __canopy_state->boxmuller_flag = EXTRA_FLAG_NORMAL;                                                     \
      return __canopy_v.x;                                                                                    \
    }                                                                                                         \
    __canopy_state->boxmuller_flag = 0;                                                                       \
    return __canopy_state->boxmuller_extra;                                                                   \
  }                                                                                                           \
  QUALIFIERS double curand_normal_double(_State* __canopy_state) {                                            \
    if (__canopy_state->boxmuller_flag_double != EXTRA_FLAG_NORMAL) {                                         \
      double2 __canopy_v = curand_box_muller_double(__canopy_state);                                          \
      __canopy_state->boxmuller_extra_double = __canopy_v.y;                                                  \
      __canopy_state->boxmuller_flag_double = EXTRA_FLAG_NORMAL;                                              \
      return __canopy_v.x;                                                                                    \
    }                                                                                                         \
    __canopy_state->boxmuller_flag_double = 0;                                                                \
    return __canopy_state->boxmuller_extra_double;                                                            \
  }                                                                                                           \
  QUALIFIERS float2 curand_normal2(_State* __canopy_state) { return curand_box_muller(__canopy_state); }       \
  QUALIFIERS double2 curand_normal2_double(_State* __canopy_state) {                                          \
    return curand_box_muller_double(__canopy_state);                                                          \
  }                                                                                                           \
  QUALIFIERS float curand_log_normal(_State* __canopy_state, float __canopy_mean, float __canopy_stddev) {     \
    return expf(__canopy_mean + __canopy_stddev * curand_normal(__canopy_state));                             \
  }                                                                                                           \
  QUALIFIERS double curand_log_normal_double(_State* __canopy_state, double __canopy_mean,                    \
                                             double __canopy_stddev) {                                        \
    return exp(__canopy_mean + __canopy_stddev * curand_normal_double(__canopy_state));                       \
  }                                                                                                           \
  QUALIFIERS float2 curand_log_normal2(_State* __canopy_state, float __canopy_mean, float __canopy_stddev) {   \
    float2 __canopy_v = curand_box_muller(__canopy_state);                                                    \
    return make_float2(expf(__canopy_mean + __canopy_stddev * __canopy_v.x),                                  \
                       expf(__canopy_mean + __canopy_stddev * __canopy_v.y));                                 \
  }                                                                                                           \
  QUALIFIERS double2 curand_log_normal2_double(_State* __canopy_state, double __canopy_mean,                  \
                                               double __canopy_stddev) {                                      \
    double2 __canopy_v = curand_box_muller_double(__canopy_state);                                            \
    return make_double2(exp(__canopy_mean + __canopy_stddev * __canopy_v.x),                                  \
                        exp(__canopy_mean + __canopy_stddev * __canopy_v.y));                                 \
  }

__CANOPY_CURAND_DISTRIBUTIONS(curandStateXORWOW_t)
__CANOPY_CURAND_DISTRIBUTIONS(curandStatePhilox4_32_10_t)
#undef __CANOPY_CURAND_DISTRIBUTIONS

/* Philox's four-at-a-time forms. */
QUALIFIERS float4 curand_uniform4(curandStatePhilox4_32_10_t* __canopy_state) {
  uint4 __canopy_x = curand4(__canopy_state);
  return make_float4(_curand_uniform(__canopy_x.x), _curand_uniform(__canopy_x.y), _curand_uniform(__canopy_x.z),
                     _curand_uniform(__canopy_x.w));
}
QUALIFIERS double2 curand_uniform2_double(curandStatePhilox4_32_10_t* __canopy_state) {
  uint4 __canopy_x = curand4(__canopy_state);
  return make_double2(_curand_uniform_double_hq(__canopy_x.x, __canopy_x.y),
                      _curand_uniform_double_hq(__canopy_x.z, __canopy_x.w));
}
QUALIFIERS float4 curand_normal4(curandStatePhilox4_32_10_t* __canopy_state) {
  uint4 __canopy_x = curand4(__canopy_state);
  float2 __canopy_a = _curand_box_muller(__canopy_x.x, __canopy_x.y);
  float2 __canopy_b = _curand_box_muller(__canopy_x.z, __canopy_x.w);
  return make_float4(__canopy_a.x, __canopy_a.y, __canopy_b.x, __canopy_b.y);
}
QUALIFIERS float4 curand_log_normal4(curandStatePhilox4_32_10_t* __canopy_state, float __canopy_mean,
                                     float __canopy_stddev) {
  float4 __canopy_v = curand_normal4(__canopy_state);
  return make_float4(expf(__canopy_mean + __canopy_stddev * __canopy_v.x),
                     expf(__canopy_mean + __canopy_stddev * __canopy_v.y),
                     expf(__canopy_mean + __canopy_stddev * __canopy_v.z),
                     expf(__canopy_mean + __canopy_stddev * __canopy_v.w));
}

/* --- Poisson ------------------------------------------------------------------------------------ */
/* cuRAND does not document its Poisson algorithm, so this one is Canopy's: Knuth's product of uniforms
   below lambda = 64, Hoermann's transformed rejection (PTRS, 1993) above. */
#define __CANOPY_CURAND_POISSON(_State)                                                                         \
  QUALIFIERS unsigned int curand_poisson(_State* __canopy_state, double __canopy_lambda) {                     \
    if (!(__canopy_lambda > 0)) return 0;                                                                       \
    if (__canopy_lambda < 64) {                                                                                 \
      double __canopy_limit = exp(-__canopy_lambda), __canopy_p = 1;                                            \
      unsigned int __canopy_k = 0;                                                                              \
      for (;;) {                                                                                                \
        __canopy_p *= curand_uniform_double(__canopy_state);                                                    \
        if (__canopy_p <= __canopy_limit) return __canopy_k;                                                    \
        ++__canopy_k;                                                                                           \
      }                                                                                                         \
    }                                                                                                           \
    double __canopy_slam = sqrt(__canopy_lambda), __canopy_loglam = log(__canopy_lambda);                      \
    double __canopy_b = 0.931 + 2.53 * __canopy_slam, __canopy_a = -0.059 + 0.02483 * __canopy_b;               \
    double __canopy_invalpha = 1.1239 + 1.1328 / (__canopy_b - 3.4), __canopy_vr = 0.9277 - 3.6224 / (__canopy_b - 2); \
    for (;;) {                                                                                                  \
      double __canopy_u = curand_uniform_double(__canopy_state) - 0.5;                                          \
      double __canopy_v = curand_uniform_double(__canopy_state);                                                \
      double __canopy_us = 0.5 - fabs(__canopy_u);                                                              \
      double __canopy_kd = floor((2 * __canopy_a / __canopy_us + __canopy_b) * __canopy_u + __canopy_lambda + 0.43); \
      if (__canopy_us >= 0.07 && __canopy_v <= __canopy_vr) return (unsigned int)__canopy_kd;                   \
      if (__canopy_kd < 0 || (__canopy_us < 0.013 && __canopy_v > __canopy_us)) continue;                      \
      if (log(__canopy_v) + log(__canopy_invalpha) - log(__canopy_a / (__canopy_us * __canopy_us) + __canopy_b) <= \
          -__canopy_lambda + __canopy_kd * __canopy_loglam - lgamma(__canopy_kd + 1))                           \
        return (unsigned int)__canopy_kd;                                                                       \
    }                                                                                                           \
  }
__CANOPY_CURAND_POISSON(curandStateXORWOW_t)
__CANOPY_CURAND_POISSON(curandStatePhilox4_32_10_t)
#undef __CANOPY_CURAND_POISSON

#endif
