// Conversions with explicit rounding, and bit reinterpretation.
__global__ void from_float(const float* x, long long* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = x[i];
  long long* o = out + i * 16;
  o[0] = __float2int_rn(v); o[1] = __float2int_rz(v); o[2] = __float2int_ru(v); o[3] = __float2int_rd(v);
  o[4] = __float2uint_rn(v); o[5] = __float2uint_rz(v); o[6] = __float2uint_ru(v); o[7] = __float2uint_rd(v);
  o[8] = __float2ll_rn(v); o[9] = __float2ll_rz(v); o[10] = __float2ll_ru(v); o[11] = __float2ll_rd(v);
  o[12] = (long long)__float2ull_rn(v); o[13] = (long long)__float2ull_rz(v);
  o[14] = (long long)__float2ull_ru(v); o[15] = (long long)__float2ull_rd(v);
}

__global__ void from_double(const double* x, long long* out, float* fout, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  double v = x[i];
  long long* o = out + i * 16;
  o[0] = __double2int_rn(v); o[1] = __double2int_rz(v); o[2] = __double2int_ru(v); o[3] = __double2int_rd(v);
  o[4] = __double2uint_rn(v); o[5] = __double2uint_rz(v); o[6] = __double2uint_ru(v); o[7] = __double2uint_rd(v);
  o[8] = __double2ll_rn(v); o[9] = __double2ll_rz(v); o[10] = __double2ll_ru(v); o[11] = __double2ll_rd(v);
  o[12] = (long long)__double2ull_rn(v); o[13] = (long long)__double2ull_rz(v);
  o[14] = (long long)__double2ull_ru(v); o[15] = (long long)__double2ull_rd(v);
  float* f = fout + i * 4;
  f[0] = __double2float_rn(v); f[1] = __double2float_rz(v); f[2] = __double2float_ru(v); f[3] = __double2float_rd(v);
}

// Each 64-bit input is read as int, unsigned, long long and unsigned long long.
__global__ void from_integer(const unsigned long long* x, float* fout, double* dout, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned long long u = x[i];
  long long s = (long long)u;
  int si = (int)(unsigned)u;
  unsigned ui = (unsigned)u;
  float* f = fout + i * 16;
  f[0] = __int2float_rn(si); f[1] = __int2float_rz(si); f[2] = __int2float_ru(si); f[3] = __int2float_rd(si);
  f[4] = __uint2float_rn(ui); f[5] = __uint2float_rz(ui); f[6] = __uint2float_ru(ui); f[7] = __uint2float_rd(ui);
  f[8] = __ll2float_rn(s); f[9] = __ll2float_rz(s); f[10] = __ll2float_ru(s); f[11] = __ll2float_rd(s);
  f[12] = __ull2float_rn(u); f[13] = __ull2float_rz(u); f[14] = __ull2float_ru(u); f[15] = __ull2float_rd(u);
  double* d = dout + i * 10;
  d[0] = __ll2double_rn(s); d[1] = __ll2double_rz(s); d[2] = __ll2double_ru(s); d[3] = __ll2double_rd(s);
  d[4] = __ull2double_rn(u); d[5] = __ull2double_rz(u); d[6] = __ull2double_ru(u); d[7] = __ull2double_rd(u);
  d[8] = __int2double_rn(si); d[9] = __uint2double_rn(ui);
}

// Reinterpretations: out = {float_as_int, float_as_uint, int_as_float(bits), uint_as_float(bits),
// double_as_longlong, longlong_as_double, double2hiint, double2loint, hiloint2double(hi, lo)}.
__global__ void reinterpret(const unsigned long long* x, unsigned long long* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  unsigned long long bits = x[i];
  unsigned lo = (unsigned)bits;
  float f = __uint_as_float(lo);
  double d = __longlong_as_double((long long)bits);
  unsigned long long* o = out + i * 9;
  o[0] = (unsigned)__float_as_int(f);
  o[1] = __float_as_uint(f);
  o[2] = __float_as_uint(__int_as_float((int)lo));
  o[3] = __float_as_uint(f);
  o[4] = (unsigned long long)__double_as_longlong(d);
  o[5] = (unsigned long long)__double_as_longlong(__longlong_as_double((long long)bits));
  o[6] = (unsigned)__double2hiint(d);
  o[7] = (unsigned)__double2loint(d);
  o[8] = (unsigned long long)__double_as_longlong(__hiloint2double((int)(bits >> 32), (int)lo));
}

// Constant operands: the compiler must not fold out-of-range or NaN conversions away.
__global__ void constant_conversions(long long* out) {
  out[0] = __float2int_rz(1e20f);
  out[1] = __double2uint_rz(-5.0);
  out[2] = __float2ll_rz(__int_as_float(0x7fc00000));
  out[3] = (long long)__double2ull_rz(1e30);
  out[4] = __double2int_rz(-1e10);
  out[5] = __float_as_int(__int2float_rz(16777217));
}
