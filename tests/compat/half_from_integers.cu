// __half and __nv_bfloat16 from integers, as nvcc's headers allow: (half)3, __half(i),
// static_cast<__half>(u), assignment. The expected bits come from an integer rounding written here
// (round to nearest, ties to even, to an 11-bit / 8-bit significand), not from Canopy's conversions.
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include <vector>

#include "../cuda/check.h"

// The IEEE bits of integer v rounded to a float type with `mantissa` stored bits, `exponent_bits`.
static unsigned short round_integer(long long v, int mantissa, int exponent_bits) {
  const unsigned short sign = v < 0 ? (unsigned short)(1u << (mantissa + exponent_bits)) : 0;
  unsigned long long a = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
  if (a == 0) return sign;
  int e = 63;
  while (!(a >> e)) --e;  // a in [2^e, 2^(e+1))
  unsigned long long significand = a;
  if (e > mantissa) {  // drop e - mantissa bits, nearest even
    const int drop = e - mantissa;
    const unsigned long long rest = a & ((1ull << drop) - 1), half = 1ull << (drop - 1);
    significand = a >> drop;
    if (rest > half || (rest == half && (significand & 1))) ++significand;
    if (significand >> (mantissa + 1)) significand >>= 1, ++e;
  } else {
    significand <<= (mantissa - e);
  }
  const int bias = (1 << (exponent_bits - 1)) - 1, max_exponent = bias;
  if (e > max_exponent) return (unsigned short)(sign | (((1u << exponent_bits) - 1) << mantissa));  // inf
  return (unsigned short)(sign | ((unsigned)(e + bias) << mantissa) | (significand & ((1ull << mantissa) - 1)));
}

__global__ void convert(const int* ints, const unsigned* uints, const long long* longs, unsigned short* out, int count) {
  int i = threadIdx.x;
  if (i >= count) return;
  half a = (half)ints[i];
  __half b = __half(longs[i]);
  __half c = static_cast<__half>(uints[i]);
  __half d;
  d = (short)(ints[i] & 0x7fff);
  __nv_bfloat16 e = (__nv_bfloat16)ints[i];
  __nv_bfloat16 f = __nv_bfloat16(longs[i]);
  out[6 * i + 0] = __half_as_ushort(a);
  out[6 * i + 1] = __half_as_ushort(b);
  out[6 * i + 2] = __half_as_ushort(c);
  out[6 * i + 3] = __half_as_ushort(d);
  out[6 * i + 4] = __bfloat16_as_ushort(e);
  out[6 * i + 5] = __bfloat16_as_ushort(f);
}

int main() {
  std::vector<int> ints = {0, 1, -1, 3, 2047, 2048, 2049, 2050, 2051, 4097, 65504, 65519, 65520, -65520, 100000,
                           257, 258, 259, 16777217, -2147483647 - 1};
  std::vector<long long> longs;
  std::vector<unsigned> uints;
  for (int v : ints) {
    longs.push_back((long long)v * 3 + (v & 1));
    uints.push_back((unsigned)v * 2u);
  }
  const int count = (int)ints.size();
  int* d_ints;
  unsigned* d_uints;
  long long* d_longs;
  unsigned short* d_out;
  EXPECT_OK(cudaMalloc(&d_ints, count * sizeof(int)));
  EXPECT_OK(cudaMalloc(&d_uints, count * sizeof(unsigned)));
  EXPECT_OK(cudaMalloc(&d_longs, count * sizeof(long long)));
  EXPECT_OK(cudaMalloc(&d_out, 6 * count * sizeof(unsigned short)));
  EXPECT_OK(cudaMemcpy(d_ints, ints.data(), count * sizeof(int), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(d_uints, uints.data(), count * sizeof(unsigned), cudaMemcpyHostToDevice));
  EXPECT_OK(cudaMemcpy(d_longs, longs.data(), count * sizeof(long long), cudaMemcpyHostToDevice));
  convert<<<1, 32>>>(d_ints, d_uints, d_longs, d_out, count);
  std::vector<unsigned short> out(6 * count);
  EXPECT_OK(cudaMemcpy(out.data(), d_out, out.size() * sizeof(unsigned short), cudaMemcpyDeviceToHost));
  for (int i = 0; i < count; ++i) {
    EXPECT(out[6 * i + 0] == round_integer(ints[i], 10, 5));
    EXPECT(out[6 * i + 1] == round_integer(longs[i], 10, 5));
    EXPECT(out[6 * i + 2] == round_integer(uints[i], 10, 5));
    EXPECT(out[6 * i + 3] == round_integer((short)(ints[i] & 0x7fff), 10, 5));
    EXPECT(out[6 * i + 4] == round_integer(ints[i], 7, 8));
    EXPECT(out[6 * i + 5] == round_integer(longs[i], 7, 8));
  }
  // The same conversions in host code.
  EXPECT(__half_as_ushort((half)2049) == round_integer(2049, 10, 5));
  EXPECT(__bfloat16_as_ushort((__nv_bfloat16)16777217) == round_integer(16777217, 7, 8));
  cudaFree(d_ints);
  cudaFree(d_uints);
  cudaFree(d_longs);
  cudaFree(d_out);
  return check_result();
}
