// Texture and surface PTX end to end (finalizer + engine + gpu::Device's object table): tex on a linear
// resource with integer coordinates, tex.2d with border addressing, sust/suld with the .zero and .clamp
// boundary modes across two warps, txq/suq; precise faults for a destroyed handle, a surface access out
// of range under .trap and a texture handle used as a surface; malformed forms with file:line:col.
#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

constexpr uint32_t kThreads = 64;
constexpr uint32_t kLinear = 50;          // u32 texels of the linear resource
constexpr uint32_t kTexW = 4, kTexH = 3;  // f32 2D texture
constexpr uint32_t kSurfW = 4, kSurfH = 4;

// out[t*8 + k]: linear fetch x and w at t-4; 2D border fetch at (t%8-2+0.5, t/8-2+0.5); txq width;
// suq height; suld.clamp of what sust.zero stored at (t%8-1, t/8-1); txq depth.
constexpr const char* kForms = R"(
.version 7.0
.target sm_80
.address_size 64
.visible .entry tex_forms(.param .u64 lin, .param .u64 tex, .param .u64 surf, .param .u64 out)
{
  .reg .b32 %r<20>;
  .reg .f32 %f<10>;
  .reg .b64 %rd<8>;
  ld.param.u64 %rd1, [lin];
  ld.param.u64 %rd2, [tex];
  ld.param.u64 %rd3, [surf];
  ld.param.u64 %rd4, [out];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd5, %r1, 32;
  add.u64 %rd4, %rd4, %rd5;
  sub.s32 %r2, %r1, 4;
  tex.1d.v4.u32.s32 {%r3, %r4, %r5, %r6}, [%rd1, {%r2}];
  st.global.v2.u32 [%rd4], {%r3, %r6};
  and.b32 %r7, %r1, 7;
  shr.u32 %r8, %r1, 3;
  cvt.rn.f32.u32 %f1, %r7;
  cvt.rn.f32.u32 %f2, %r8;
  sub.f32 %f1, %f1, 0f3FC00000;
  sub.f32 %f2, %f2, 0f3FC00000;
  tex.2d.v4.f32.f32 {%f3, %f4, %f5, %f6}, [%rd2, {%f1, %f2}];
  st.global.f32 [%rd4+8], %f3;
  txq.width.b32 %r9, [%rd2];
  suq.height.b32 %r10, [%rd3];
  st.global.u32 [%rd4+12], %r9;
  st.global.u32 [%rd4+16], %r10;
  sub.s32 %r11, %r7, 1;
  sub.s32 %r12, %r8, 1;
  shl.b32 %r13, %r11, 2;
  sust.b.2d.b32.zero [%rd3, {%r13, %r12}], %r1;
  bar.sync 0;
  suld.b.2d.b32.clamp %r14, [%rd3, {%r13, %r12}];
  st.global.u32 [%rd4+20], %r14;
  txq.depth.b32 %r15, [%rd2];
  st.global.u32 [%rd4+24], %r15;
  ret;
}
)";

// One lane per thread reads through a handle parameter (destroyed or wrong kind: faults), or writes a
// surface with .trap at byte x = 4 * tid (out of range from tid 4 on).
constexpr const char* kFaults = R"(
.version 7.0
.target sm_80
.address_size 64
.visible .entry fetch(.param .u64 h, .param .u64 out)
{
  .reg .b32 %r<8>;
  .reg .f32 %f<8>;
  .reg .b64 %rd<4>;
  ld.param.u64 %rd1, [h];
  ld.param.u64 %rd2, [out];
  mov.f32 %f1, 0f00000000;
  tex.2d.v4.f32.f32 {%f2, %f3, %f4, %f5}, [%rd1, {%f1, %f1}];
  st.global.f32 [%rd2], %f2;
  ret;
}
.visible .entry store_trap(.param .u64 h, .param .u64 out)
{
  .reg .b32 %r<8>;
  .reg .b64 %rd<4>;
  ld.param.u64 %rd1, [h];
  mov.u32 %r1, %tid.x;
  shl.b32 %r2, %r1, 2;
  mov.u32 %r3, 0;
  sust.b.2d.b32.trap [%rd1, {%r2, %r3}], %r1;
  ret;
}
)";

// Lanes read their own handle (hs[tid]); odd lanes hold a bogus one but are masked off by the guard.
constexpr const char* kGuarded = R"(
.version 7.0
.target sm_80
.address_size 64
.visible .entry guarded(.param .u64 hs, .param .u64 out)
{
  .reg .pred %p<2>;
  .reg .b32 %r<8>;
  .reg .f32 %f<8>;
  .reg .b64 %rd<8>;
  ld.param.u64 %rd1, [hs];
  ld.param.u64 %rd2, [out];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd3, %r1, 8;
  add.u64 %rd4, %rd1, %rd3;
  ld.global.u64 %rd5, [%rd4];
  mul.wide.u32 %rd3, %r1, 4;
  add.u64 %rd6, %rd2, %rd3;
  and.b32 %r2, %r1, 1;
  setp.eq.u32 %p1, %r2, 0;
  cvt.rn.f32.u32 %f1, %r1;
  mov.f32 %f2, 0f3F000000;
  @%p1 tex.1d.v4.f32.f32 {%f3, %f4, %f5, %f6}, [%rd5, {%f1}];
  @%p1 st.global.f32 [%rd6], %f3;
  ret;
}
)";

class TexturePtx : public KernelTest {
 protected:
  uint64_t object(const gpu::TextureObject& o) {
    auto h = device_->create_texture_object(o);
    EXPECT_TRUE(h.ok()) << (h.ok() ? "" : h.error().message);
    return h.ok() ? *h : 0;
  }
  Expected<gpu::KernelStats> run(const char* ptx, const std::string& kernel,
                                 const std::vector<uint64_t>& args, uint32_t threads) {
    auto module = compiler::compile_ptx(ptx, kernel + ".ptx");
    EXPECT_TRUE(module.ok()) << (module.ok() ? "" : module.error().message);
    if (!module.ok()) return module.error();
    auto id = device_->load_module(*module);
    if (!id.ok()) return id.error();
    auto k = device_->find_kernel(*id, kernel);
    if (!k.ok()) return k.error();
    std::vector<uint8_t> params(device_->kernel_info(*k).param_bytes, 0);
    std::memcpy(params.data(), args.data(), params.size());
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {threads};
    return device_->launch(*k, config, params);
  }
};

TEST_P(TexturePtx, FetchesQueriesAndSurfaceBoundaryModes) {
  std::vector<uint32_t> lin(kLinear);
  for (uint32_t i = 0; i < kLinear; ++i) lin[i] = 1000 + i * 3;
  std::vector<float> img(kTexW * kTexH);
  for (uint32_t i = 0; i < img.size(); ++i) img[i] = 0.5f + static_cast<float>(i);
  gpu::TextureObject l;
  l.linear_resource = true;
  l.base = upload(lin);
  l.width = kLinear;
  l.row_pitch = l.slice_pitch = kLinear * 4;
  l.format = {1, 32, gpu::TexelKind::Unsigned};
  gpu::TextureObject t;
  t.dims = 2;
  t.base = upload(img);
  t.width = kTexW, t.height = kTexH;
  t.row_pitch = kTexW * 4, t.slice_pitch = kTexW * kTexH * 4;
  t.address = {gpu::TexAddress::Border, gpu::TexAddress::Border, gpu::TexAddress::Border};
  gpu::TextureObject s;
  s.surface = true;
  s.dims = 2;
  s.base = upload(std::vector<uint32_t>(kSurfW * kSurfH, 0xdeadbeefu));
  s.width = kSurfW, s.height = kSurfH;
  s.row_pitch = kSurfW * 4, s.slice_pitch = kSurfW * kSurfH * 4;
  s.format = {1, 32, gpu::TexelKind::Unsigned};
  const uint64_t out = upload(std::vector<uint32_t>(kThreads * 8, 0));
  auto stats = run(kForms, "tex_forms", {object(l), object(t), object(s), out}, kThreads);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto o = download<uint32_t>(out, kThreads * 8);
  for (uint32_t tid = 0; tid < kThreads; ++tid) {
    const uint32_t* r = &o[tid * 8];
    const int i = static_cast<int>(tid) - 4;
    const bool in = i >= 0 && i < static_cast<int>(kLinear);
    EXPECT_EQ(r[0], in ? lin[i] : 0u) << tid;
    EXPECT_EQ(r[1], in ? 1u : 0u) << tid;  // missing alpha reads 1; out of range reads all zero
    const int x = static_cast<int>(tid % 8) - 2, y = static_cast<int>(tid / 8) - 2;
    const bool inside = x >= 0 && x < static_cast<int>(kTexW) && y >= 0 && y < static_cast<int>(kTexH);
    float got;
    std::memcpy(&got, &r[2], 4);
    EXPECT_EQ(got, inside ? img[y * kTexW + x] : 0.0f) << tid;
    EXPECT_EQ(r[3], kTexW) << tid;
    EXPECT_EQ(r[4], kSurfH) << tid;
    const int cx = std::clamp(static_cast<int>(tid % 8) - 1, 0, static_cast<int>(kSurfW) - 1);
    const int cy = std::clamp(static_cast<int>(tid / 8) - 1, 0, static_cast<int>(kSurfH) - 1);
    EXPECT_EQ(r[5], static_cast<uint32_t>((cy + 1) * 8 + cx + 1)) << tid;  // the thread that stored there
    EXPECT_EQ(r[6], 1u) << tid;
  }
}

TEST_P(TexturePtx, DestroyedHandleFaultsPrecisely) {
  gpu::TextureObject t;
  t.dims = 2;
  t.base = upload(std::vector<float>(4, 1.0f));
  t.width = 2, t.height = 2, t.row_pitch = 8, t.slice_pitch = 16;
  const uint64_t h = object(t);
  ASSERT_TRUE(device_->destroy_texture_object(h).ok());
  EXPECT_FALSE(device_->destroy_texture_object(h).ok());
  const uint64_t out = upload(std::vector<float>(1, 0));
  auto stats = run(kFaults, "fetch", {h, out}, 32);
  ASSERT_FALSE(stats.ok());
  auto f = device_->last_fault();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->kind, "invalid texture handle");
  EXPECT_EQ(f->kernel, "fetch");
  EXPECT_EQ(f->thread.x, 0u);
  EXPECT_NE(f->detail.find("never created or destroyed"), std::string::npos) << f->detail;
  EXPECT_NE(f->disassembly.find("tex.2d"), std::string::npos) << f->disassembly;
  EXPECT_EQ(f->ptx_line, 13u);
}

TEST_P(TexturePtx, SurfaceTrapAndWrongObjectKindFault) {
  gpu::TextureObject s;
  s.surface = true;
  s.dims = 2;
  s.base = upload(std::vector<uint32_t>(4, 0));
  s.width = 4, s.height = 1, s.row_pitch = 16, s.slice_pitch = 16;
  s.format = {1, 32, gpu::TexelKind::Unsigned};
  const uint64_t hs = object(s);
  auto stats = run(kFaults, "store_trap", {hs, 0}, 32);
  ASSERT_FALSE(stats.ok());
  auto f = device_->last_fault();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->kind, "illegal address");
  EXPECT_EQ(f->thread.x, 4u);  // the first lane past the 16-byte row
  EXPECT_NE(f->detail.find("(.trap)"), std::string::npos) << f->detail;
  EXPECT_EQ(download<uint32_t>(s.base, 4), (std::vector<uint32_t>{0, 1, 2, 3}));  // lanes before it stored

  auto wrong = run(kFaults, "fetch", {hs, upload(std::vector<float>(1, 0))}, 32);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(device_->last_fault()->detail.find("is a surface object, not a texture object"),
            std::string::npos);
}

TEST_P(TexturePtx, InactiveLanesNeverTouchTheirHandles) {
  std::vector<float> v(kThreads);
  for (uint32_t i = 0; i < kThreads; ++i) v[i] = 2.0f * static_cast<float>(i) + 0.25f;
  gpu::TextureObject t;
  t.base = upload(v);
  t.width = kThreads, t.row_pitch = t.slice_pitch = kThreads * 4;
  const uint64_t h = object(t);
  std::vector<uint64_t> hs(kThreads);
  for (uint32_t i = 0; i < kThreads; ++i) hs[i] = i % 2 ? 0x1234 : h;
  const uint64_t out = upload(std::vector<float>(kThreads, -1.0f));
  auto stats = run(kGuarded, "guarded", {upload(hs), out}, kThreads);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto o = download<float>(out, kThreads);
  for (uint32_t i = 0; i < kThreads; ++i)
    EXPECT_EQ(o[i], i % 2 ? -1.0f : v[i]) << i;  // x = i: texel i (floor)
}

TEST(TexturePtxErrors, MalformedFormsNameThePosition) {
  auto try_body = [](const std::string& body) {
    std::string ptx =
        ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k()\n{\n"
        "  .reg .b32 %r<8>;\n  .reg .f32 %f<8>;\n  .reg .b64 %rd<2>;\n" +
        body + "\n  ret;\n}\n";
    auto m = compiler::compile_ptx(ptx, "bad.ptx");
    return m.ok() ? std::string() : m.error().message;
  };
  EXPECT_EQ(try_body("  tex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [%rd1, {%f5, %f6}];"), "");
  EXPECT_EQ(try_body("  tex.3d.v4.s32.f32 {%r1, %r2, %r3, %r4}, [%rd1, {%f5, %f6, %f7, %f7}];"), "");
  EXPECT_EQ(try_body("  sust.b.3d.v4.b32.clamp [%rd1, {%r1, %r2, %r3, %r3}], {%r4, %r5, %r6, %r7};"), "");
  std::string e = try_body("  tex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [%rd1, {%f5}];");
  EXPECT_NE(e.find("bad.ptx:9:"), std::string::npos) << e;
  EXPECT_NE(e.find("2 coordinates"), std::string::npos) << e;
  EXPECT_NE(try_body("  tex.2d.v2.f32.f32 {%f1, %f2}, [%rd1, {%f5, %f6}];").find("needs .v4"),
            std::string::npos);
  EXPECT_NE(try_body("  tex.v4.f32.f32 {%f1, %f2, %f3, %f4}, [%rd1, {%f5}];").find("needs a geometry"),
            std::string::npos);
  EXPECT_NE(try_body("  tex.1d.v4.f16.f32 {%f1, %f2, %f3, %f4}, [%rd1, {%f5}];").find("returns .f32"),
            std::string::npos);
  EXPECT_NE(try_body("  suld.b.2d.v4.b64 {%rd1, %rd1, %rd1, %rd1}, [%rd1, {%r1, %r2}];").find("128 bits"),
            std::string::npos);
  EXPECT_NE(try_body("  suld.p.2d.b32 %r1, [%rd1, {%r1, %r2}];").find("not supported"), std::string::npos);
  EXPECT_NE(try_body("  sust.b.2d.b32.trap [%rd1, {%r1, %r2}], {%r1, %r2};").find("1 source value"),
            std::string::npos);
  EXPECT_NE(try_body("  txq.width.b32 %r1, [%rd1, {%r1}];").find("[handle] only"), std::string::npos);
  std::string r = try_body("  .global .texref t;\n  tex.1d.v4.f32.s32 {%f1, %f2, %f3, %f4}, [t, {%r1}];");
  EXPECT_FALSE(r.empty());
}

INSTANTIATE_TEST_SUITE_P(Setups, TexturePtx, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
