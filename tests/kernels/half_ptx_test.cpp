// The PTX half-precision forms end to end (PTX text -> finalizer -> simulated GPU): .f16, .f16x2, .bf16
// and .bf16x2 arithmetic, setp with p|q, set, min/max, neg/abs, ex2.approx, packed cvt and pack/unpack
// through mov. Inputs are small multiples of 1/4 (results exact, so the reference is plain double
// arithmetic) plus lanes with NaN, infinities, signed zeros and overflow; rounding is covered by
// tests/alu/half_test.cpp. Also the finalizer's and loader's errors for malformed forms.
#include <cmath>
#include <cstring>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

constexpr const char* kForms = R"(
.version 7.8
.target sm_90
.address_size 64
.visible .entry forms(.param .u64 out, .param .u64 in)
{
  .reg .pred %p<6>;
  .reg .b16 %h<12>;
  .reg .f16 %hf<2>;
  .reg .b32 %r<40>;
  .reg .f32 %f<6>;
  .reg .b64 %rd<8>;
  ld.param.u64 %rd1, [out];
  ld.param.u64 %rd2, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd3, %r1, 4;
  add.u64 %rd4, %rd2, %rd3;
  ld.global.b32 %r2, [%rd4];
  ld.global.b32 %r3, [%rd4+128];
  ld.global.b32 %r4, [%rd4+256];
  ld.global.b32 %r20, [%rd4+384];
  ld.global.b32 %r21, [%rd4+512];
  mul.wide.u32 %rd5, %r1, 72;
  add.u64 %rd6, %rd1, %rd5;
  add.rn.f16x2 %r5, %r2, %r3;
  st.global.b32 [%rd6], %r5;
  fma.rn.f16x2 %r6, %r2, %r3, %r4;
  st.global.b32 [%rd6+4], %r6;
  mov.b32 {%h1, %h2}, %r2;
  mov.b32 {%h3, %h4}, %r3;
  sub.f16 %h5, %h1, %h3;
  mul.rn.ftz.sat.f16 %h6, %h2, %h4;
  mov.b32 %r7, {%h5, %h6};
  st.global.b32 [%rd6+8], %r7;
  setp.lt.f16x2 %p1|%p2, %r2, %r3;
  selp.u32 %r8, 1, 0, %p1;
  selp.u32 %r9, 2, 0, %p2;
  or.b32 %r8, %r8, %r9;
  setp.gtu.and.f16 %p3, %h1, %h3, %p1;
  selp.u32 %r9, 4, 0, %p3;
  or.b32 %r8, %r8, %r9;
  mov.b32 {%h7, %h8}, %r20;
  mov.b32 {%h9, %h10}, %r21;
  setp.eq.bf16 %p4, %h7, %h9;
  selp.u32 %r9, 8, 0, %p4;
  or.b32 %r8, %r8, %r9;
  st.global.b32 [%rd6+12], %r8;
  set.eq.f16x2.f16x2 %r10, %r2, %r3;
  st.global.b32 [%rd6+16], %r10;
  set.ne.u32.f16 %r11, %h1, %h3;
  st.global.b32 [%rd6+20], %r11;
  min.NaN.f16x2 %r12, %r2, %r3;
  st.global.b32 [%rd6+24], %r12;
  max.bf16x2 %r13, %r20, %r21;
  st.global.b32 [%rd6+28], %r13;
  add.rn.bf16x2 %r14, %r20, %r21;
  st.global.b32 [%rd6+32], %r14;
  fma.rn.bf16 %h11, %h7, %h9, %h8;
  cvt.u32.u16 %r15, %h11;
  st.global.b32 [%rd6+36], %r15;
  neg.bf16x2 %r16, %r20;
  st.global.b32 [%rd6+40], %r16;
  abs.f16 %hf1, %h2;
  mov.b16 %h11, %hf1;
  cvt.u32.u16 %r17, %h11;
  st.global.b32 [%rd6+44], %r17;
  ex2.approx.f16x2 %r18, %r4;
  st.global.b32 [%rd6+48], %r18;
  cvt.rn.f32.u32 %f1, %r1;
  add.f32 %f1, %f1, 0f3F000000;
  neg.f32 %f2, %f1;
  cvt.rn.f16x2.f32 %r19, %f1, %f2;
  st.global.b32 [%rd6+52], %r19;
  cvt.f32.f16 %f3, %h2;
  st.global.f32 [%rd6+56], %f3;
  mul.f32 %f4, %f1, 0f3F8147AE;
  neg.f32 %f5, %f4;
  cvt.rz.bf16x2.f32 %r22, %f4, %f5;
  st.global.b32 [%rd6+60], %r22;
  st.global.f32 [%rd6+64], %f4;
  sub.rn.bf16 %h11, %h7, %h9;
  cvt.u32.u16 %r23, %h11;
  st.global.b32 [%rd6+68], %r23;
  ret;
}
)";

constexpr int kOuts = 18;

// f16 / bf16 encodings of exactly representable doubles (NaN -> canonical, beyond the range -> inf).
uint16_t f16(double v) {
  if (std::isnan(v)) return 0x7fff;
  const uint16_t s = std::signbit(v) ? 0x8000 : 0;
  const double a = std::fabs(v);
  if (a > 65504) return s | 0x7c00;
  if (a == 0) return s;
  int e = std::ilogb(a);
  if (e < -14) e = -14;
  return s | static_cast<uint16_t>(((e + 14) << 10) + static_cast<int>(a / std::ldexp(1.0, e - 10)));
}
uint16_t bf16(double v) {
  if (std::isnan(v)) return 0x7fff;
  const float f = static_cast<float>(v);  // exact for the values used
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return static_cast<uint16_t>(b >> 16);
}
double from_f16(uint16_t h) {
  const int e = (h >> 10) & 31, m = h & 1023;
  double v = e == 31 ? (m ? NAN : INFINITY) : e == 0 ? std::ldexp(m, -24) : std::ldexp(1024 + m, e - 25);
  return (h & 0x8000) ? -v : v;
}
double from_bf16(uint16_t h) {
  const uint32_t b = uint32_t{h} << 16;
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
uint32_t pack(uint16_t lo, uint16_t hi) { return lo | uint32_t{hi} << 16; }
uint16_t lo16(uint32_t w) { return static_cast<uint16_t>(w); }
uint16_t hi16(uint32_t w) { return static_cast<uint16_t>(w >> 16); }

class HalfPtx : public KernelTest {
 protected:
  Expected<gpu::KernelStats> run(const isa::Module& m, uint64_t out, uint64_t in) {
    auto id = device_->load_module(m);
    if (!id.ok()) return id.error();
    auto k = device_->find_kernel(*id, "forms");
    if (!k.ok()) return k.error();
    std::vector<uint8_t> params(16);
    std::memcpy(params.data(), &out, 8);
    std::memcpy(params.data() + 8, &in, 8);
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {32};
    return device_->launch(*k, config, params);
  }
};

TEST_P(HalfPtx, EveryFormComputesBothHalvesFromTheRightOperands) {
  auto m = compiler::compile_ptx(kForms, "half_forms.ptx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  // Per lane l: a, b, c (f16x2), A, B (bf16x2); lo and hi halves.
  std::vector<double> a_lo(32), a_hi(32), b_lo(32), b_hi(32), c_lo(32), c_hi(32);
  for (int l = 0; l < 32; ++l) {
    a_lo[l] = (l % 9 - 4) * 0.25;
    a_hi[l] = (l % 5) * 0.5 - 0.25;
    b_lo[l] = ((l * 7) % 11 - 5) * 0.25;
    b_hi[l] = (l % 3) * 0.75;
    c_lo[l] = l % 7 - 3;  // integers: ex2 of them is exact
    c_hi[l] = -(l % 4);
  }
  // Special lanes: NaN and overflow; signed zeros and infinities.
  a_lo[31] = NAN, a_hi[31] = 60000, b_lo[31] = 1, b_hi[31] = 60000;
  a_lo[30] = -0.0, a_hi[30] = INFINITY, b_lo[30] = 0.0, b_hi[30] = -INFINITY;
  std::vector<uint32_t> in(5 * 32);
  for (int l = 0; l < 32; ++l) {
    in[l] = pack(f16(a_lo[l]), f16(a_hi[l]));
    in[32 + l] = pack(f16(b_lo[l]), f16(b_hi[l]));
    in[64 + l] = pack(f16(c_lo[l]), f16(c_hi[l]));
    in[96 + l] = pack(bf16(a_lo[l]), bf16(a_hi[l]));
    in[128 + l] = pack(bf16(b_lo[l]), bf16(b_hi[l]));
  }
  const uint64_t d_in = upload(in), d_out = upload(std::vector<uint32_t>(32 * kOuts, 0xdeadbeef));
  auto stats = run(*m, d_out, d_in);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  const auto out = download<uint32_t>(d_out, 32 * kOuts);
  auto sat = [](double v) { return std::isnan(v) || v <= 0 ? 0.0 : (v > 1 ? 1.0 : v); };
  auto min_nan = [](double x, double y) { return std::isnan(x) || std::isnan(y) ? NAN : (x < y || (x == y && std::signbit(x)) ? x : y); };
  auto max_num = [](double x, double y) { return std::isnan(x) ? y : std::isnan(y) ? x : (x > y || (x == y && !std::signbit(x)) ? x : y); };
  for (int l = 0; l < 32; ++l) {
    const uint32_t* o = &out[static_cast<size_t>(l) * kOuts];
    const double al = a_lo[l], ah = a_hi[l], bl = b_lo[l], bh = b_hi[l], cl = c_lo[l], ch = c_hi[l];
    EXPECT_EQ(o[0], pack(f16(al + bl), f16(ah + bh))) << l;
    EXPECT_EQ(o[1], pack(f16(al * bl + cl), f16(ah * bh + ch))) << l;
    EXPECT_EQ(o[2], pack(f16(al - bl), f16(sat(ah * bh)))) << l;
    const bool p = al < bl, q = ah < bh, gtu = !(al <= bl);
    // The bf16 inputs as stored (60000 is not a bf16 value: its encoding holds 59904).
    const double Al = from_bf16(lo16(in[96 + l])), Ah = from_bf16(hi16(in[96 + l]));
    const double Bl = from_bf16(lo16(in[128 + l])), Bh = from_bf16(hi16(in[128 + l]));
    const bool eq_bf = Al == Bl;
    EXPECT_EQ(o[3], uint32_t{p} | uint32_t{q} << 1 | uint32_t{gtu && p} << 2 | uint32_t{eq_bf} << 3) << l;
    EXPECT_EQ(o[4], pack(al == bl ? 0x3c00 : 0, ah == bh ? 0x3c00 : 0)) << l;
    EXPECT_EQ(o[5], (al < bl || al > bl) ? 0xffffffffu : 0u) << l;
    EXPECT_EQ(o[6], pack(f16(min_nan(al, bl)), f16(min_nan(ah, bh)))) << l;
    EXPECT_EQ(o[7], pack(bf16(max_num(Al, Bl)), bf16(max_num(Ah, Bh)))) << l;
    EXPECT_EQ(o[8], pack(bf16(Al + Bl), bf16(Ah + Bh))) << l;
    EXPECT_EQ(o[9], uint32_t{bf16(Al * Bl + Ah)}) << l;
    EXPECT_EQ(o[10], in[96 + l] ^ 0x80008000u) << l;  // NaN bits kept, sign flipped
    EXPECT_EQ(o[11], uint32_t{static_cast<uint16_t>(f16(ah) & 0x7fff)}) << l;
    EXPECT_EQ(o[12], pack(f16(std::exp2(cl)), f16(std::exp2(ch)))) << l;
    EXPECT_EQ(o[13], pack(f16(-(l + 0.5)), f16(l + 0.5))) << l;  // d = {hi: a, lo: b}
    float f;
    std::memcpy(&f, &o[14], 4);
    EXPECT_TRUE(f == from_f16(f16(ah)) || (std::isnan(f) && std::isnan(ah))) << l;
    uint32_t fb;
    std::memcpy(&fb, &o[16], 4);  // the f32 value converted: rz keeps its top 16 bits
    EXPECT_EQ(o[15], pack(static_cast<uint16_t>((fb ^ 0x80000000u) >> 16), static_cast<uint16_t>(fb >> 16))) << l;
    EXPECT_EQ(o[17], uint32_t{bf16(Al - Bl)}) << l;
  }
}

constexpr const char* kClamps = R"(
.version 7.8
.target sm_90
.address_size 64
.visible .entry clamps(.param .u64 out, .param .u64 in)
{
  .reg .pred %p1;
  .reg .b16 %h<4>;
  .reg .b32 %r<12>;
  .reg .f32 %f<3>;
  .reg .b64 %rd<8>;
  ld.param.u64 %rd1, [out];
  ld.param.u64 %rd2, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd3, %r1, 4;
  add.u64 %rd4, %rd2, %rd3;
  ld.global.f32 %f1, [%rd4];
  ld.global.b32 %r2, [%rd4+128];
  ld.global.b32 %r3, [%rd4+256];
  ld.global.b32 %r4, [%rd4+384];
  mul.wide.u32 %rd5, %r1, 20;
  add.u64 %rd6, %rd1, %rd5;
  neg.f32 %f2, %f1;
  cvt.rn.relu.f16.f32 %h1, %f1;
  cvt.u32.u16 %r5, %h1;
  st.global.b32 [%rd6], %r5;
  cvt.rn.satfinite.f16.f32 %h2, %f1;
  cvt.u32.u16 %r6, %h2;
  st.global.b32 [%rd6+4], %r6;
  cvt.rn.relu.satfinite.bf16x2.f32 %r7, %f1, %f2;
  st.global.b32 [%rd6+8], %r7;
  fma.rn.relu.f16x2 %r8, %r2, %r3, %r4;
  st.global.b32 [%rd6+12], %r8;
  setp.lt.u32 %p1, %r1, 16;
  mov.b32 %r9, 0x12345678;
  @%p1 fma.rn.relu.f16x2 %r9, %r2, %r3, %r4;
  st.global.b32 [%rd6+16], %r9;
  ret;
}
)";

uint16_t bf16_rn(float f) {
  if (std::isnan(f)) return 0x7fff;
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return static_cast<uint16_t>((b + 0x7fff + ((b >> 16) & 1)) >> 16);
}

TEST_P(HalfPtx, ReluAndSatfiniteClampHalfResults) {
  auto m = compiler::compile_ptx(kClamps, "half_clamps.ptx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  const float xs[] = {1.5f, -1.5f, -0.0f, 0.0f, NAN, INFINITY, -INFINITY, 1e6f, -1e6f, 65504.0f, -70000.0f,
                      0.25f, -3.0f, 100.0f, -0.125f, 2.0f};
  std::vector<uint32_t> in(4 * 32);
  std::vector<double> a_lo(32), a_hi(32), b_lo(32), b_hi(32), c_lo(32), c_hi(32);
  for (int l = 0; l < 32; ++l) {
    std::memcpy(&in[l], &xs[l % 16], 4);
    a_lo[l] = (l % 9 - 4) * 0.5, a_hi[l] = l % 2 ? NAN : 256.0;
    b_lo[l] = (l % 5 - 2) * 0.25, b_hi[l] = l % 3 ? 255.5 : -1.0;
    c_lo[l] = (l % 3) * 0.25, c_hi[l] = -(l % 4) * 32.0;  // results stay exact
    in[32 + l] = pack(f16(a_lo[l]), f16(a_hi[l]));
    in[64 + l] = pack(f16(b_lo[l]), f16(b_hi[l]));
    in[96 + l] = pack(f16(c_lo[l]), f16(c_hi[l]));
  }
  const uint64_t d_in = upload(in), d_out = upload(std::vector<uint32_t>(32 * 5, 0));
  auto k = [&]() -> Expected<gpu::KernelStats> {
    auto id = device_->load_module(*m);
    if (!id.ok()) return id.error();
    auto f = device_->find_kernel(*id, "clamps");
    if (!f.ok()) return f.error();
    std::vector<uint8_t> params(16);
    std::memcpy(params.data(), &d_out, 8);
    std::memcpy(params.data() + 8, &d_in, 8);
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {32};
    return device_->launch(*f, config, params);
  }();
  ASSERT_TRUE(k.ok()) << k.error().message;
  const auto out = download<uint32_t>(d_out, 32 * 5);
  auto relu = [](double v) { return std::isnan(v) ? v : (v > 0 ? v : 0.0); };
  auto satf = [](double v, double max) { return std::isnan(v) ? v : std::fmax(-max, std::fmin(max, v)); };
  for (int l = 0; l < 32; ++l) {
    const double x = xs[l % 16];
    const uint32_t* o = &out[static_cast<size_t>(l) * 5];
    EXPECT_EQ(o[0], uint32_t{f16(relu(x))}) << x;  // overflow still rounds to inf first
    EXPECT_EQ(o[1], uint32_t{f16(satf(x, 65504))}) << x;
    const double bmax = 3.3895313892515355e38;  // largest finite bf16
    const auto rs = [&](double v) { return static_cast<float>(relu(satf(v, bmax))); };
    EXPECT_EQ(o[2], pack(bf16_rn(rs(-x)), bf16_rn(rs(x)))) << x;
    const uint32_t fma = pack(f16(relu(a_lo[l] * b_lo[l] + c_lo[l])), f16(relu(a_hi[l] * b_hi[l] + c_hi[l])));
    EXPECT_EQ(o[3], fma) << l;
    EXPECT_EQ(o[4], l < 16 ? fma : 0x12345678u) << l;  // the clamp obeys the guard too
  }
}

TEST_P(HalfPtx, MalformedFormsAreRejected) {
  auto body = [](const std::string& line) {
    return ".version 7.8\n.target sm_90\n.address_size 64\n.visible .entry k()\n{\n  .reg .pred %p<3>;\n"
           "  .reg .b16 %h<4>;\n  .reg .b32 %r<4>;\n  .reg .f32 %f<3>;\n" + line + "\n  ret;\n}\n";
  };
  // Finalizer errors carry the PTX position.
  auto m = compiler::compile_ptx(body("  cvt.f16x2.f32 %r1, %f1, %f2;"), "bad.ptx");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("bad.ptx:10:"), std::string::npos) << m.error().message;
  m = compiler::compile_ptx(body("  cvt.rn.f16x2.f64 %r1, %f1, %f2;"), "bad.ptx");
  EXPECT_FALSE(m.ok());
  m = compiler::compile_ptx(body("  cvt.rn.relu.f32.f32 %f1, %f2;"), "bad.ptx");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("'.relu'"), std::string::npos) << m.error().message;
  m = compiler::compile_ptx(body("  fma.rn.relu.f32 %f1, %f2, %f2, %f2;"), "bad.ptx");
  EXPECT_FALSE(m.ok());
  m = compiler::compile_ptx(body("  add.relu.f16 %h1, %h2, %h3;"), "bad.ptx");
  EXPECT_FALSE(m.ok());
  // Forms the ALU does not define fail when the module is loaded.
  for (const char* line : {"  setp.eq.f16x2 %p1, %r1, %r2;", "  add.sat.bf16 %h1, %h2, %h3;",
                           "  div.rn.f16 %h1, %h2, %h3;", "  ex2.f16 %h1, %h2;"}) {
    auto mod = compiler::compile_ptx(body(line), "bad.ptx");
    ASSERT_TRUE(mod.ok()) << line << ": " << mod.error().message;
    EXPECT_FALSE(device_->load_module(*mod).ok()) << line;
  }
}

INSTANTIATE_TEST_SUITE_P(Presets, HalfPtx, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
