// The texture-fetch arithmetic alone (gpu/texture/texture_math.h), against values worked out by hand from
// the CUDA Programming Guide's "Texture Fetching" appendix.
#include "gpu/texture/texture_math.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace canopy::gpu::texmath {
namespace {

TEST(TextureMath, AddressModesMapEveryIndex) {
  // n = 4: wrap repeats, mirror reflects (period 8), clamp pins, border leaves the range.
  const int64_t wrap[] = {2, 3, 0, 1, 2, 3, 0, 1, 2, 3};  // i = -2..7
  const int64_t mirror[] = {1, 0, 0, 1, 2, 3, 3, 2, 1, 0};
  const int64_t clamp[] = {0, 0, 0, 1, 2, 3, 3, 3, 3, 3};
  const int64_t border[] = {kBorder, kBorder, 0, 1, 2, 3, kBorder, kBorder, kBorder, kBorder};
  for (int64_t i = -2; i < 8; ++i) {
    EXPECT_EQ(address_texel(i, 4, TexAddress::Wrap), wrap[i + 2]) << i;
    EXPECT_EQ(address_texel(i, 4, TexAddress::Mirror), mirror[i + 2]) << i;
    EXPECT_EQ(address_texel(i, 4, TexAddress::Clamp), clamp[i + 2]) << i;
    EXPECT_EQ(address_texel(i, 4, TexAddress::Border), border[i + 2]) << i;
  }
  EXPECT_EQ(address_texel(-9, 4, TexAddress::Mirror), 0);  // -9 mod 8 = 7 -> 0
  EXPECT_EQ(address_texel(-1000001, 3, TexAddress::Wrap), 1);
  EXPECT_EQ(address_texel(5, 1, TexAddress::Mirror), 0);
}

TEST(TextureMath, WrapAndMirrorNeedNormalizedCoordinates) {
  EXPECT_EQ(effective_mode(TexAddress::Wrap, false), TexAddress::Clamp);
  EXPECT_EQ(effective_mode(TexAddress::Mirror, false), TexAddress::Clamp);
  EXPECT_EQ(effective_mode(TexAddress::Border, false), TexAddress::Border);
  EXPECT_EQ(effective_mode(TexAddress::Wrap, true), TexAddress::Wrap);
  EXPECT_EQ(effective_mode(TexAddress::Mirror, true), TexAddress::Mirror);
}

TEST(TextureMath, PointSamplingFloorsTheScaledCoordinate) {
  EXPECT_EQ(point_index(texel_coordinate(0.5f, 8, true)), 4);
  EXPECT_EQ(point_index(texel_coordinate(0.49f, 8, true)), 3);
  EXPECT_EQ(point_index(texel_coordinate(-0.01f, 8, true)), -1);
  EXPECT_EQ(point_index(texel_coordinate(2.99f, 8, false)), 2);
  EXPECT_EQ(point_index(texel_coordinate(-0.5f, 8, false)), -1);
  // NaN reads coordinate 0; infinities stay far outside (and still convert to integers).
  EXPECT_EQ(point_index(texel_coordinate(std::numeric_limits<float>::quiet_NaN(), 8, true)), 0);
  EXPECT_LT(point_index(texel_coordinate(-std::numeric_limits<float>::infinity(), 8, false)), -1000000);
  EXPECT_GT(point_index(texel_coordinate(std::numeric_limits<float>::infinity(), 8, true)), 1000000);
}

TEST(TextureMath, NormalizedWrapAndMirrorMapTheCoordinate) {
  // N = 5. Wrap: frac(x) * 5. Mirror: 1 - frac(x) in odd periods, so 1.3 reads 0.7 * 5 = texel 3.
  EXPECT_EQ(point_texel(1.2f, 5, true, TexAddress::Wrap), 1);
  EXPECT_EQ(point_texel(-0.04f, 5, true, TexAddress::Wrap), 4);
  EXPECT_EQ(point_texel(1.3f, 5, true, TexAddress::Mirror), 3);
  EXPECT_EQ(point_texel(1.0f, 5, true, TexAddress::Mirror), 4);  // 1 - 0 = 1.0 -> 5 -> the last texel
  EXPECT_EQ(point_texel(-0.3f, 5, true, TexAddress::Mirror), 1);  // floor -1 (odd): 1 - 0.7 = 0.3 -> 1.5
  EXPECT_EQ(point_texel(2.3f, 5, true, TexAddress::Mirror), 1);   // floor 2 (even): 0.3 -> 1.5
  // Unnormalized: wrap and mirror clamp; border leaves the range.
  EXPECT_EQ(point_texel(7.5f, 5, false, TexAddress::Mirror), 4);
  EXPECT_EQ(point_texel(-0.5f, 5, false, TexAddress::Wrap), 0);
  EXPECT_EQ(point_texel(5.0f, 5, false, TexAddress::Border), kBorder);
  EXPECT_EQ(point_texel(0.99f, 5, true, TexAddress::Border), 4);
  EXPECT_EQ(point_texel(1.0f, 5, true, TexAddress::Border), kBorder);
}

TEST(TextureMath, LinearWeightsAreMultiplesOf1Over256) {
  // x = 2.75: x_B = 2.25, taps 2 and 3, alpha = 0.25.
  LinearTaps t = linear_taps(2.75f);
  EXPECT_EQ(t.i0, 2);
  EXPECT_EQ(t.alpha, 0.25f);
  // x = 0.5 sits on texel 0's center: alpha 0.
  t = linear_taps(0.5f);
  EXPECT_EQ(t.i0, 0);
  EXPECT_EQ(t.alpha, 0.0f);
  // x = 0.1: x_B = -0.4, taps -1 and 0, alpha = frac(-0.4) = 0.6 -> 154/256 (0.6 * 256 = 153.6).
  t = linear_taps(0.1f);
  EXPECT_EQ(t.i0, -1);
  EXPECT_EQ(t.alpha, 154.0f / 256.0f);
  // A fraction just below 1 rounds to a whole weight of 1 (9-bit fixed point holds 256/256).
  EXPECT_EQ(quantize_weight(0.999f), 1.0f);
  EXPECT_EQ(quantize_weight(1.0f / 512.0f - 1e-6f), 0.0f);
  for (int k = 0; k <= 256; ++k) {
    const float q = quantize_weight(static_cast<float>(k) / 256.0f + 0.001f);
    EXPECT_EQ(q * 256.0f, std::floor(q * 256.0f)) << k;
  }
}

TEST(TextureMath, DecodesTexelsAndNormalizedReads) {
  const uint8_t u8[4] = {0, 128, 255, 7};
  TexelValue v = decode_texel(u8, {4, 8, TexelKind::Unsigned}, true);
  EXPECT_TRUE(v.is_float);
  EXPECT_EQ(v.f[0], 0.0f);
  EXPECT_EQ(v.f[1], 128.0f / 255.0f);
  EXPECT_EQ(v.f[2], 1.0f);
  EXPECT_EQ(v.f[3], 7.0f / 255.0f);
  const int8_t s8[2] = {-128, 127};
  v = decode_texel(reinterpret_cast<const uint8_t*>(s8), {2, 8, TexelKind::Signed}, true);
  EXPECT_EQ(v.f[0], -1.0f);  // -128/127 clamps to -1
  EXPECT_EQ(v.f[1], 1.0f);
  EXPECT_EQ(v.f[2], 0.0f);  // missing channels read 0 ...
  EXPECT_EQ(v.f[3], 1.0f);  // ... and a missing alpha 1
  v = decode_texel(reinterpret_cast<const uint8_t*>(s8), {2, 8, TexelKind::Signed}, false);
  EXPECT_FALSE(v.is_float);
  EXPECT_EQ(v.i[0], -128);
  EXPECT_EQ(v.i[1], 127);
  EXPECT_EQ(v.i[3], 1);
  const int16_t s16[1] = {-32768};
  EXPECT_EQ(decode_texel(reinterpret_cast<const uint8_t*>(s16), {1, 16, TexelKind::Signed}, true).f[0],
            -1.0f);
  const uint16_t u16[1] = {65535};
  EXPECT_EQ(decode_texel(reinterpret_cast<const uint8_t*>(u16), {1, 16, TexelKind::Unsigned}, true).f[0],
            1.0f);
  const uint16_t half[4] = {0x3c00, 0xc000, 0x0001, 0x7c00};  // 1, -2, smallest subnormal, +inf
  v = decode_texel(reinterpret_cast<const uint8_t*>(half), {4, 16, TexelKind::Float}, false);
  EXPECT_EQ(v.f[0], 1.0f);
  EXPECT_EQ(v.f[1], -2.0f);
  EXPECT_EQ(v.f[2], std::ldexp(1.0f, -24));
  EXPECT_TRUE(std::isinf(v.f[3]));
  const float f[2] = {-0.0f, std::numeric_limits<float>::quiet_NaN()};
  v = decode_texel(reinterpret_cast<const uint8_t*>(f), {2, 32, TexelKind::Float}, false);
  EXPECT_TRUE(std::signbit(v.f[0]));
  EXPECT_TRUE(std::isnan(v.f[1]));
  const int32_t i32[1] = {-5};
  v = decode_texel(reinterpret_cast<const uint8_t*>(i32), {1, 32, TexelKind::Signed}, false);
  EXPECT_EQ(v.i[0], -5);
}

TEST(TextureMath, BlendWeighsTheTaps) {
  TexelValue t[2];
  t[0].f = {1, 2, 3, 4};
  t[1].f = {5, 6, 7, 8};
  const float w[2] = {0.75f, 0.25f};
  auto r = blend(t, w, 2);
  EXPECT_EQ(r[0], 2.0f);
  EXPECT_EQ(r[3], 5.0f);
}

TEST(TextureTable, HandlesAreOpaqueNonzeroAndNeverReused) {
  TextureTable table;
  TextureObject o;
  o.width = 3;
  const uint64_t a = table.create(o), b = table.create(o);
  EXPECT_NE(a, 0u);
  EXPECT_NE(a, b);
  ASSERT_NE(table.find(a), nullptr);
  EXPECT_EQ(table.find(a)->width, 3u);
  EXPECT_TRUE(table.destroy(a));
  EXPECT_FALSE(table.destroy(a));
  EXPECT_EQ(table.find(a), nullptr);
  EXPECT_NE(table.find(b), nullptr);
  const uint64_t c = table.create(o);
  EXPECT_NE(c, a);
  EXPECT_EQ(table.find(0), nullptr);
  EXPECT_EQ(table.size(), 2u);
}

}  // namespace
}  // namespace canopy::gpu::texmath
