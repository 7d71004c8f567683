// Integer intrinsics against CPU references on edge and pseudo-random operands.
#include <bit>
#include <cstdint>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class IntOpsTest : public KernelTest {};

uint64_t umul64hi(uint64_t a, uint64_t b) {  // via 32-bit limbs
  uint64_t a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
uint64_t mul64hi(uint64_t a, uint64_t b) {  // signed: correct the unsigned high half
  uint64_t hi = umul64hi(a, b);
  if (a >> 63) hi -= b;
  if (b >> 63) hi -= a;
  return hi;
}
int64_t sext24(uint32_t v) { return static_cast<int64_t>(static_cast<int32_t>(v << 8) >> 8); }
uint64_t brev(uint64_t v, int bits) {
  uint64_t r = 0;
  for (int i = 0; i < bits; ++i) r |= ((v >> i) & 1) << (bits - 1 - i);
  return r;
}
int clz(uint64_t v, int bits) {
  int n = 0;
  for (int i = bits - 1; i >= 0 && !((v >> i) & 1); --i) ++n;
  return n;
}
int ffs(uint64_t v) {
  for (int i = 0; i < 64; ++i)
    if ((v >> i) & 1) return i + 1;
  return 0;
}

std::vector<uint64_t> expected(uint64_t X, uint64_t Y, uint64_t Z) {
  uint32_t x = uint32_t(X), y = uint32_t(Y), z = uint32_t(Z);
  int64_t sx = int32_t(x), sy = int32_t(y);
  uint64_t both = (uint64_t(y) << 32) | x;
  uint32_t perm = 0;
  for (int n = 0; n < 4; ++n) perm |= uint32_t((both >> (8 * ((z >> (4 * n)) & 7))) & 0xff) << (8 * n);
  uint32_t s = z & 31, c = z > 32 ? 32 : z;
  auto left = [&](uint32_t k) { return uint32_t(k == 0 ? y : (both << k) >> 32); };
  auto right = [&](uint32_t k) { return uint32_t(k == 0 ? x : both >> k); };
  uint32_t absdiff4 = 0;
  for (int i = 0; i < 32; i += 8) {
    uint32_t p = (x >> i) & 0xff, q = (y >> i) & 0xff;
    absdiff4 |= (p > q ? p - q : q - p) << i;
  }
  uint64_t sdiff = uint64_t(sx > sy ? sx - sy : sy - sx);
  return {uint64_t(std::popcount(x)),
          uint64_t(std::popcount(X)),
          uint64_t(clz(x, 32)),
          uint64_t(clz(X, 64)),
          uint64_t(ffs(x)),
          uint64_t(ffs(X)),
          brev(x, 32),
          brev(X, 64),
          perm,
          left(s),
          c == 32 ? x : left(c),
          right(s),
          c == 32 ? y : right(c),
          uint32_t(uint64_t(sx * sy) >> 32),
          uint32_t((uint64_t(x) * y) >> 32),
          mul64hi(X, Y),
          umul64hi(X, Y),
          uint32_t(sext24(x) * sext24(y)),
          uint32_t((uint64_t(x & 0xffffff) * (y & 0xffffff))),
          uint32_t(sdiff + z),
          uint32_t((x > y ? x - y : y - x) + uint64_t(z)),
          uint32_t((sx + sy) >> 1),
          uint32_t((sx + sy + 1) >> 1),
          uint32_t((uint64_t(x) + y) >> 1),
          uint32_t((uint64_t(x) + y + 1) >> 1),
          absdiff4,
          0,
          0};
}

const char* const kNames[] = {"popc",
                              "popcll",
                              "clz",
                              "clzll",
                              "ffs",
                              "ffsll",
                              "brev",
                              "brevll",
                              "byte_perm",
                              "funnelshift_l",
                              "funnelshift_lc",
                              "funnelshift_r",
                              "funnelshift_rc",
                              "mulhi",
                              "umulhi",
                              "mul64hi",
                              "umul64hi",
                              "mul24",
                              "umul24",
                              "sad",
                              "usad",
                              "hadd",
                              "rhadd",
                              "uhadd",
                              "urhadd",
                              "vabsdiffu4",
                              "-",
                              "-"};

TEST_P(IntOpsTest, IntegerIntrinsicsMatchReferences) {
  std::vector<uint64_t> in = {0,
                              0,
                              0,
                              ~0ull,
                              ~0ull,
                              33,
                              0x80000000ull,
                              0x7fffffffull,
                              32,
                              1,
                              0x8000000000000000ull,
                              31,
                              0xffffffff80000000ull,
                              0x7fffffffffffffffull,
                              0x3210,
                              0x00ffffffull,
                              0x00800000ull,
                              64,
                              0x12345678ull,
                              0x9abcdef0ull,
                              0xfedc7654ull,
                              0xff,
                              0x01,
                              0xbbbbu};
  uint64_t state = 2024;
  for (int i = 0; i < 300; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    in.push_back(state >> (state % 48));
  }
  in.resize(in.size() / 3 * 3);
  const int n = static_cast<int>(in.size() / 3);
  uint64_t d_in = upload(in), d_out = upload(std::vector<uint64_t>(size_t(n) * 28));
  auto run = launch("int_ops", "_Z7int_opsPKyPyi", {1, 1, 1}, {uint32_t(n), 1, 1}, 0, {d_in, d_out, n});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<uint64_t>(d_out, size_t(n) * 28);
  for (int i = 0; i < n; ++i) {
    auto e = expected(in[3 * i], in[3 * i + 1], in[3 * i + 2]);
    for (int k = 0; k < 26; ++k)
      EXPECT_EQ(out[size_t(i) * 28 + k], e[k]) << "__" << kNames[k] << " of " << std::hex << in[3 * i] << ", "
                                               << in[3 * i + 1] << ", " << in[3 * i + 2];
  }
}

INSTANTIATE_TEST_SUITE_P(Setups, IntOpsTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
