// The PTX four-byte SIMD video instructions as programs write them in inline assembly (cuda-samples'
// stereoDisparity: vabsdiff4.u32.u32.u32.add), checked against a host model of the PTX ISA's definition
// on pseudo-random words, for every operation, signedness and both the accumulating and the byte forms.
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "../cuda/check.h"

#define __CANOPY_VOP4(name, op, ta, tb)                                                       \
  __device__ unsigned name##_##ta##_##tb(unsigned a, unsigned b, unsigned c, bool add) {      \
    unsigned d;                                                                               \
    if (add)                                                                                  \
      asm(#op ".u32." #ta "." #tb ".add %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(b), "r"(c)); \
    else                                                                                      \
      asm(#op ".u32." #ta "." #tb " %0, %1, %2, %3;" : "=r"(d) : "r"(a), "r"(b), "r"(c));     \
    return d;                                                                                 \
  }
#define __CANOPY_VOP4_ALL(op)          \
  __CANOPY_VOP4(op, op, u32, u32)      \
  __CANOPY_VOP4(op, op, s32, s32)      \
  __CANOPY_VOP4(op, op, u32, s32)
__CANOPY_VOP4_ALL(vadd4)
__CANOPY_VOP4_ALL(vsub4)
__CANOPY_VOP4_ALL(vavrg4)
__CANOPY_VOP4_ALL(vabsdiff4)
__CANOPY_VOP4_ALL(vmin4)
__CANOPY_VOP4_ALL(vmax4)

constexpr int kOps = 6, kSigns = 3, kWords = 256;

__device__ unsigned dispatch(int op, int sign, unsigned a, unsigned b, unsigned c, bool add) {
#define __CANOPY_ROW(name) \
  sign == 0 ? name##_u32_u32(a, b, c, add) : sign == 1 ? name##_s32_s32(a, b, c, add) : name##_u32_s32(a, b, c, add)
  switch (op) {
    case 0: return __CANOPY_ROW(vadd4);
    case 1: return __CANOPY_ROW(vsub4);
    case 2: return __CANOPY_ROW(vavrg4);
    case 3: return __CANOPY_ROW(vabsdiff4);
    case 4: return __CANOPY_ROW(vmin4);
    default: return __CANOPY_ROW(vmax4);
  }
#undef __CANOPY_ROW
}

__global__ void run(const unsigned* a, const unsigned* b, const unsigned* c, unsigned* out) {
  const int w = threadIdx.x, op = blockIdx.x, sign = blockIdx.y, add = blockIdx.z;
  out[((add * kOps + op) * kSigns + sign) * kWords + w] = dispatch(op, sign, a[w], b[w], c[w], add != 0);
}

// The PTX ISA's definition: bytes extended by their operand's type, the operation in exact arithmetic.
static int64_t extend(unsigned word, int byte, bool is_signed) {
  const unsigned v = (word >> (8 * byte)) & 0xffu;
  return is_signed ? static_cast<int64_t>(static_cast<int8_t>(v)) : static_cast<int64_t>(v);
}
static unsigned reference(int op, int sign, unsigned a, unsigned b, unsigned c, bool add) {
  const bool sa = sign == 1, sb = sign != 0;
  int64_t sum = 0;
  unsigned bytes = c;
  for (int i = 0; i < 4; ++i) {
    const int64_t x = extend(a, i, sa), y = extend(b, i, sb);
    int64_t r = 0;
    switch (op) {
      case 0: r = x + y; break;
      case 1: r = x - y; break;
      case 2: r = (x + y + 1) >> 1; break;
      case 3: r = x > y ? x - y : y - x; break;
      case 4: r = x < y ? x : y; break;
      default: r = x > y ? x : y; break;
    }
    sum += r;
    bytes = (bytes & ~(0xffu << (8 * i))) | ((static_cast<unsigned>(r) & 0xffu) << (8 * i));
  }
  return add ? static_cast<unsigned>(static_cast<int64_t>(c) + sum) : bytes;
}

int main() {
  std::vector<unsigned> a(kWords), b(kWords), c(kWords);
  uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int i = 0; i < kWords; ++i) a[i] = next(), b[i] = next(), c[i] = next();
  a[0] = 0xff80007fu, b[0] = 0x0080ff80u;  // the extremes of both signednesses
  a[1] = 0, b[1] = 0xffffffffu, c[1] = 0xffffffffu;  // the accumulation wraps
  unsigned *da = to_device(a), *db = to_device(b), *dc = to_device(c), *dout = nullptr;
  const size_t total = size_t{2} * kOps * kSigns * kWords;
  EXPECT_OK(cudaMalloc(&dout, total * sizeof(unsigned)));
  run<<<dim3(kOps, kSigns, 2), kWords>>>(da, db, dc, dout);
  std::vector<unsigned> out = from_device(dout, total);
  int bad = 0;
  for (int add = 0; add < 2; ++add)
    for (int op = 0; op < kOps; ++op)
      for (int sign = 0; sign < kSigns; ++sign)
        for (int w = 0; w < kWords; ++w) {
          const unsigned want = reference(op, sign, a[w], b[w], c[w], add != 0);
          const unsigned got = out[((add * kOps + op) * kSigns + sign) * kWords + w];
          if (got != want && bad++ < 5)
            fprintf(stderr, "op %d sign %d add %d word %d: got %08x, want %08x\n", op, sign, add, w, got, want);
        }
  EXPECT(bad == 0);
  for (unsigned* p : {da, db, dc, dout}) EXPECT_OK(cudaFree(p));
  return check_result();
}
