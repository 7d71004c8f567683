// The pure per-lane functions of int_semantics.h / int_bit_semantics.h, checked on documented examples
// and edge cases (many at compile time).
#include "gpu/alu/int_semantics.h"

#include <gtest/gtest.h>

#include <random>

#include "gpu/alu/int_bit_semantics.h"

namespace canopy::gpu::alu::isem {
namespace {

static_assert(add<uint16_t>(0xffff, 1) == 0);
static_assert(add_sat_s32(0x7fffffff, 1) == 0x7fffffff);
static_assert(add_sat_s32(0x80000000u, 0xffffffffu) == 0x80000000u);
static_assert(sub_sat_s32(0x80000000u, 1) == 0x80000000u);
static_assert(mul_hi<uint32_t, true>(0xffffffffu, 0xffffffffu) == 0);  // -1 * -1 = 1
static_assert(mul_hi<uint32_t, false>(0xffffffffu, 0xffffffffu) == 0xfffffffeu);
static_assert(mul_hi<uint16_t, true>(0x8000, 0x8000) == 0x4000);
static_assert(mul_wide<uint32_t, true>(0xffffffffu, 2) == 0xfffffffffffffffeu);
static_assert(div<uint32_t, true>(0x80000000u, 0xffffffffu) == 0x80000000u);  // INT_MIN / -1
static_assert(rem<uint32_t, true>(0x80000000u, 0xffffffffu) == 0);
static_assert(div<uint64_t, false>(7, 0) == ~uint64_t{0});
static_assert(rem<uint16_t, true>(5, 0) == 0xffff);
static_assert(div<uint32_t, true>(0xfffffff9u, 2) == 0xfffffffdu);  // -7 / 2 = -3
static_assert(rem<uint32_t, true>(0xfffffff9u, 2) == 0xffffffffu);  // -7 % 2 = -1
static_assert(abs<uint32_t>(0x80000000u) == 0x80000000u);
static_assert(sad<uint32_t, true>(0xffffffffu, 1, 10) == 12);                // |-1 - 1| + 10
static_assert(sad<uint32_t, false>(0xffffffffu, 1, 10) == 8);                // 0xfffffffe + 10 wraps
static_assert(mul24<true, false>(0x00800000u, 2) == 0xff000000u);            // -2^23 * 2
static_assert(mul24<false, true>(0x00ffffffu, 0x00ffffffu) == 0xfffffe00u);  // bits 47..16
static_assert(min<uint32_t, true>(0xffffffffu, 1) == 0xffffffffu);
static_assert(min<uint32_t, false>(0xffffffffu, 1) == 1);

static_assert(compare<uint32_t, true>(isa::CmpOp::Lt, 0xffffffffu, 0));
static_assert(!compare<uint32_t, true>(isa::CmpOp::Lo, 0xffffffffu, 0));
static_assert(compare<uint16_t, false>(isa::CmpOp::Hs, 0x8000, 0x7fff));

// PTX ISA examples.
static_assert(fns(0xaaaaaaaau, 3, 1) == 3);
static_assert(fns(0xaaaaaaaau, 3, 0xffffffffu) == 3);
static_assert(fns(0xaaaaaaaau, 2, 1) == 3);
static_assert(fns(0xaaaaaaaau, 2, 0xffffffffu) == 1);
static_assert(fns(0xaaaaaaaau, 1, 3) == 5);
static_assert(fns(0xaaaaaaaau, 0, 0) == 0xffffffffu);
static_assert(fns(0xaaaaaaaau, 40, 1) == 0xffffffffu);

static_assert(bfind<uint32_t, false>(0, false) == 0xffffffffu);
static_assert(bfind<uint32_t, false>(1, false) == 0);
static_assert(bfind<uint32_t, false>(1, true) == 31);
static_assert(bfind<uint32_t, true>(0xffffffffu, false) == 0xffffffffu);  // -1 has no non-sign bit
static_assert(bfind<uint64_t, true>(0xfffffffffffffffeu, false) == 0);    // -2: bit 0 is the top 0
static_assert(bfind<uint32_t, true>(0x80000000u, true) == 1);

static_assert(bfe<uint32_t, false>(0x12345678u, 8, 8) == 0x56);
static_assert(bfe<uint32_t, true>(0x0000f000u, 12, 4) == 0xffffffffu);  // sign of the field
static_assert(bfe<uint32_t, true>(0x12345678u, 4, 0) == 0);             // len 0
static_assert(bfe<uint32_t, true>(0x80000000u, 40, 5) == 0xffffffffu);  // past the top: sign
static_assert(bfe<uint32_t, false>(0x80000000u, 40, 5) == 0);
static_assert(bfe<uint32_t, true>(0x80000000u, 28, 10) == 0xfffffff8u);  // field runs past bit 31
static_assert(bfe<uint64_t, false>(0xff00000000000000u, 56, 255) == 0xff);

static_assert(bfi<uint32_t>(0xf, 0, 4, 4) == 0xf0);
static_assert(bfi<uint32_t>(0xff, 0, 28, 8) == 0xf0000000u);  // clipped at the top
static_assert(bfi<uint32_t>(0xff, 0x1234, 32, 8) == 0x1234);  // pos past the top
static_assert(bfi<uint32_t>(0xff, 0x1234, 4, 0) == 0x1234);   // len 0
static_assert(bfi<uint64_t>(0xabc, 0, 60, 200) == 0xc000000000000000u);

static_assert(brev<uint32_t>(1) == 0x80000000u);
static_assert(brev<uint64_t>(0x1) == 0x8000000000000000u);
static_assert(brev<uint32_t>(0x12345678u) == 0x1e6a2c48u);
static_assert(popc<uint64_t>(~uint64_t{0}) == 64);
static_assert(clz<uint32_t>(0) == 32);

static_assert(shl<uint32_t>(1, 31) == 0x80000000u);
static_assert(shl<uint32_t>(1, 32) == 0);
static_assert(shl<uint16_t>(0xffff, 8) == 0xff00);
static_assert(shr<uint32_t, true>(0x80000000u, 0xffffffffu) == 0xffffffffu);
static_assert(shr<uint64_t, false>(0x8000000000000000u, 64) == 0);
static_assert(shr<uint16_t, true>(0x8000, 15) == 0xffff);

static_assert(shf(0x89abcdefu, 0x01234567u, 4, true, false) == 0x12345678u);
static_assert(shf(0x89abcdefu, 0x01234567u, 4, false, false) == 0x789abcdeu);
static_assert(shf(0x89abcdefu, 0x01234567u, 0, false, true) == 0x89abcdefu);
static_assert(shf(0x89abcdefu, 0x01234567u, 100, false, true) == 0x01234567u);
static_assert(shf(0x89abcdefu, 0x01234567u, 100, true, true) == 0x89abcdefu);
static_assert(shf(0x89abcdefu, 0x01234567u, 32, true, false) == 0x01234567u);  // wraps to 0

static_assert(prmt(0x03020100u, 0x07060504u, 0x7531, isa::PrmtMode::Default) == 0x07050301u);
static_assert(prmt(0x33221100u, 0x77665544u, 1, isa::PrmtMode::F4e) == 0x44332211u);
static_assert(prmt(0x33221100u, 0x77665544u, 3, isa::PrmtMode::B4e) == 0x00112233u);

static_assert(lop3(0xf0, 0xcc, 0xaa, 0xe8) == 0xe8);  // majority
static_assert(dp4a<true, true>(0xffffffffu, 0xffffffffu, 0) == 4);
static_assert(dp4a<false, false>(0xffffffffu, 0xffffffffu, 0) == 4 * 255 * 255);
static_assert(dp4a<true, false>(0x000000ffu, 0x000000ffu, 1) == static_cast<uint32_t>(-255 + 1));
static_assert(dp2a<true, true, true>(0x0002ffffu, 0x03040000u, 10) == 10 - 4 + 2 * 3);

static_assert(slct_f32_selects_a(0x80000000u, false));   // -0.0 >= 0
static_assert(!slct_f32_selects_a(0x7fc00000u, false));  // NaN picks b
static_assert(!slct_f32_selects_a(0x80000001u, false));
static_assert(slct_f32_selects_a(0x80000001u, true));  // flushed to -0.0

TEST(IntSemantics, MulHiU64MatchesA128BitProduct) {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 2000; ++i) {
    uint64_t a = rng(), b = i % 3 ? rng() : ~uint64_t{0} - (i & 7);
    unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
    ASSERT_EQ(mul_hi_u64(a, b), static_cast<uint64_t>(p >> 64));
    __int128 sp = static_cast<__int128>(static_cast<int64_t>(a)) * static_cast<int64_t>(b);
    ASSERT_EQ(mul_hi_s64(a, b), static_cast<uint64_t>(static_cast<unsigned __int128>(sp) >> 64));
  }
}

TEST(IntSemantics, CarryAndBorrowFlags) {
  bool out = false;
  EXPECT_EQ(add_carry<uint32_t>(0xffffffffu, 0, true, out), 0u);
  EXPECT_TRUE(out);
  EXPECT_EQ(add_carry<uint32_t>(0xffffffffu, 0xffffffffu, true, out), 0xffffffffu);
  EXPECT_TRUE(out);
  EXPECT_EQ(add_carry<uint64_t>(1, 2, false, out), 3u);
  EXPECT_FALSE(out);
  EXPECT_EQ(sub_borrow<uint32_t>(0, 0, true, out), 0xffffffffu);
  EXPECT_TRUE(out);
  EXPECT_EQ(sub_borrow<uint32_t>(5, 5, false, out), 0u);
  EXPECT_FALSE(out);
  EXPECT_EQ(sub_borrow<uint32_t>(5, 0xffffffffu, true, out), 5u);
  EXPECT_TRUE(out);
}

}  // namespace
}  // namespace canopy::gpu::alu::isem
