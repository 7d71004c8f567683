// The warp-level PTX instructions end to end (finalizer + engine), on 32-lane warps and on 64-lane warps
// (where each 32-lane half acts as one CUDA warp, so the results are the same): every shfl mode with clamp
// and segment operands and the predicate output, votes, match and redux under full and partial member
// masks inside divergent branches, and the legacy forms without .sync.
#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

constexpr uint32_t kThreads = 64;

// out[t*16 + k]: {down3 w8, p}, {up5 w16, p}, {bfly9 w4, p}, {idx lane+7 clamp 20, p}, {legacy down1, p},
// {lanes < 16: down1 clamp 15 under mask 0xffff, p}, {odd lanes: up1 under mask 0xaaaaaaaa}.
constexpr const char* kShfl = R"(
.version 7.0
.target sm_80
.address_size 64
.visible .entry shfl_forms(.param .u64 out)
{
  .reg .pred %p<4>;
  .reg .b32 %r<12>;
  .reg .b64 %rd<3>;
  ld.param.u64 %rd1, [out];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd2, %r1, 64;
  add.u64 %rd1, %rd1, %rd2;
  mad.lo.u32 %r2, %r1, 10, 1;
  and.b32 %r3, %r1, 31;
  shfl.sync.down.b32 %r4|%p1, %r2, 3, 0x181f, 0xffffffff;
  selp.u32 %r5, 1, 0, %p1;
  st.global.v2.u32 [%rd1], {%r4, %r5};
  shfl.sync.up.b32 %r4|%p1, %r2, 5, 0x1000, 0xffffffff;
  selp.u32 %r5, 1, 0, %p1;
  st.global.v2.u32 [%rd1+8], {%r4, %r5};
  shfl.sync.bfly.b32 %r4|%p1, %r2, 9, 0x1c1f, 0xffffffff;
  selp.u32 %r5, 1, 0, %p1;
  st.global.v2.u32 [%rd1+16], {%r4, %r5};
  add.u32 %r6, %r3, 7;
  shfl.sync.idx.b32 %r4|%p1, %r2, %r6, 20, 0xffffffff;
  selp.u32 %r5, 1, 0, %p1;
  st.global.v2.u32 [%rd1+24], {%r4, %r5};
  shfl.down.b32 %r4|%p1, %r2, 1, 31;
  selp.u32 %r5, 1, 0, %p1;
  st.global.v2.u32 [%rd1+32], {%r4, %r5};
  mov.u32 %r7, 0;
  mov.u32 %r8, 0;
  setp.ge.u32 %p2, %r3, 16;
  @%p2 bra SKIP1;
  shfl.sync.down.b32 %r7|%p1, %r2, 1, 15, 0xffff;
  selp.u32 %r8, 1, 0, %p1;
SKIP1:
  st.global.v2.u32 [%rd1+40], {%r7, %r8};
  mov.u32 %r10, 0;
  and.b32 %r9, %r3, 1;
  setp.eq.u32 %p3, %r9, 0;
  @%p3 bra SKIP2;
  shfl.sync.up.b32 %r10, %r2, 1, 0, 0xaaaaaaaa;
SKIP2:
  st.global.u32 [%rd1+48], %r10;
  ret;
}
)";

// out[t*8 + k]: full-mask ballot, all, any, uni; then in the branch taken by lanes with lane % 3 != 0,
// under the mask activemask returns: activemask, ballot, all, legacy vote.ballot (no .sync).
constexpr const char* kVote = R"(
.version 7.0
.target sm_80
.address_size 64
.visible .entry votes(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<6>;
  .reg .b32 %r<16>;
  .reg .b64 %rd<5>;
  ld.param.u64 %rd1, [out];
  ld.param.u64 %rd3, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd2, %r1, 32;
  add.u64 %rd1, %rd1, %rd2;
  mul.wide.u32 %rd2, %r1, 4;
  add.u64 %rd3, %rd3, %rd2;
  ld.global.u32 %r2, [%rd3];
  setp.ne.u32 %p1, %r2, 0;
  vote.sync.ballot.b32 %r3, %p1, 0xffffffff;
  vote.sync.all.pred %p2, %p1, 0xffffffff;
  selp.u32 %r4, 1, 0, %p2;
  vote.sync.any.pred %p2, %p1, 0xffffffff;
  selp.u32 %r5, 1, 0, %p2;
  vote.sync.uni.pred %p2, %p1, 0xffffffff;
  selp.u32 %r6, 1, 0, %p2;
  st.global.v4.u32 [%rd1], {%r3, %r4, %r5, %r6};
  mov.u32 %r7, 0;
  mov.u32 %r8, 0;
  mov.u32 %r9, 0;
  mov.u32 %r10, 0;
  and.b32 %r11, %r1, 31;
  rem.u32 %r11, %r11, 3;
  setp.eq.u32 %p3, %r11, 0;
  @%p3 bra SKIP;
  activemask.b32 %r7;
  vote.sync.ballot.b32 %r8, %p1, %r7;
  vote.sync.all.pred %p4, %p1, %r7;
  selp.u32 %r9, 1, 0, %p4;
  vote.ballot.b32 %r10, %p1;
SKIP:
  st.global.v4.u32 [%rd1+16], {%r7, %r8, %r9, %r10};
  ret;
}
)";

// out[t*16 + k]: match.any.b32, match.all.b32 {d, p}, match.any.b64, {in the branch of lanes < 8 with
// equal values: match.all d, p}, redux add.u32, min.s32, max.s32, min.u32, max.u32, and, or, xor (full
// mask), {lanes with lane % 4 == 1: redux.add.s32 under mask 0x22222222}.
constexpr const char* kMatchRedux = R"(
.version 7.0
.target sm_80
.address_size 64
.visible .entry match_redux(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<6>;
  .reg .b32 %r<24>;
  .reg .b64 %rd<6>;
  ld.param.u64 %rd1, [out];
  ld.param.u64 %rd3, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd2, %r1, 64;
  add.u64 %rd1, %rd1, %rd2;
  mul.wide.u32 %rd2, %r1, 4;
  add.u64 %rd3, %rd3, %rd2;
  ld.global.u32 %r2, [%rd3];
  and.b32 %r20, %r1, 31;
  match.any.sync.b32 %r3, %r2, 0xffffffff;
  match.all.sync.b32 %r4|%p1, %r2, 0xffffffff;
  selp.u32 %r5, 1, 0, %p1;
  cvt.u64.u32 %rd4, %r2;
  shl.b64 %rd4, %rd4, 32;
  and.b32 %r21, %r20, 1;
  cvt.u64.u32 %rd5, %r21;
  or.b64 %rd4, %rd4, %rd5;
  match.any.sync.b64 %r6, %rd4, 0xffffffff;
  st.global.v4.u32 [%rd1], {%r3, %r4, %r5, %r6};
  mov.u32 %r7, 0;
  mov.u32 %r8, 0;
  setp.ge.u32 %p2, %r20, 8;
  @%p2 bra SKIP1;
  shr.u32 %r9, %r20, 3;
  match.all.sync.b32 %r7|%p3, %r9, 0xff;
  selp.u32 %r8, 1, 0, %p3;
SKIP1:
  redux.sync.add.u32 %r10, %r2, 0xffffffff;
  st.global.v4.u32 [%rd1+16], {%r7, %r8, %r10, %r10};
  redux.sync.min.s32 %r11, %r2, 0xffffffff;
  redux.sync.max.s32 %r12, %r2, 0xffffffff;
  redux.sync.min.u32 %r13, %r2, 0xffffffff;
  redux.sync.max.u32 %r14, %r2, 0xffffffff;
  st.global.v4.u32 [%rd1+32], {%r11, %r12, %r13, %r14};
  redux.sync.and.b32 %r15, %r2, 0xffffffff;
  redux.sync.or.b32 %r16, %r2, 0xffffffff;
  redux.sync.xor.b32 %r17, %r2, 0xffffffff;
  mov.u32 %r18, 0;
  and.b32 %r19, %r20, 3;
  setp.ne.u32 %p4, %r19, 1;
  @%p4 bra SKIP2;
  redux.sync.add.s32 %r18, %r2, 0x22222222;
SKIP2:
  st.global.v4.u32 [%rd1+48], {%r15, %r16, %r17, %r18};
  ret;
}
)";

class WarpPtx : public KernelTest {
 protected:
  std::vector<uint32_t> run(const char* ptx, const std::string& kernel, const std::vector<uint32_t>& in,
                            size_t words_per_thread) {
    auto module = compiler::compile_ptx(ptx, kernel + ".ptx");
    EXPECT_TRUE(module.ok()) << (module.ok() ? "" : module.error().message);
    if (!module.ok()) return {};
    auto id = device_->load_module(*module);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    auto k = device_->find_kernel(*id, kernel);
    EXPECT_TRUE(k.ok());
    uint64_t d_out = upload(std::vector<uint32_t>(kThreads * words_per_thread, 0xdeadbeefu));
    std::vector<uint64_t> args;
    if (!in.empty()) args.push_back(upload(in));
    args.push_back(d_out);
    std::vector<uint8_t> params(device_->kernel_info(*k).param_bytes, 0);
    std::memcpy(params.data(), args.data(), params.size());
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {kThreads};
    auto stats = device_->launch(*k, config, params);
    EXPECT_TRUE(stats.ok()) << (stats.ok() ? "" : stats.error().message);
    return download<uint32_t>(d_out, kThreads * words_per_thread);
  }
};

TEST_P(WarpPtx, ShuffleModesSegmentsClampsAndPartialMasks) {
  auto out = run(kShfl, "shfl_forms", {}, 16);
  ASSERT_EQ(out.size(), kThreads * 16);
  auto v = [](uint32_t t) { return t * 10 + 1; };
  for (uint32_t t = 0; t < kThreads; ++t) {
    const uint32_t l = t % 32, w = t - l;  // lane and its CUDA warp's first thread
    const uint32_t* o = &out[t * 16];
    auto expect = [&](int k, bool ok, uint32_t src_lane, const char* what) {
      EXPECT_EQ(o[k], v(ok ? w + src_lane : t)) << what << " value, thread " << t;
      EXPECT_EQ(o[k + 1], ok ? 1u : 0u) << what << " predicate, thread " << t;
    };
    expect(0, l % 8 + 3 < 8, l + 3, "down 3 width 8");
    expect(2, l % 16 >= 5, l - 5, "up 5 width 16");
    expect(4, (l ^ 9u) <= ((l & ~3u) | 3u), l ^ 9u, "bfly 9 width 4");  // may leave the segment downwards
    expect(6, (l + 7) % 32 <= 20, (l + 7) % 32, "idx clamp 20");
    expect(8, l < 31, l + 1, "legacy down 1");
    if (l < 16)
      expect(10, l < 15, l + 1, "down 1 under mask 0xffff");
    else
      EXPECT_TRUE(o[10] == 0 && o[11] == 0) << t;
    // The source (an even lane) does not execute: its register's current value.
    EXPECT_EQ(o[12], l % 2 ? v(t - 1) : 0u) << "up 1 from inactive lane, thread " << t;
  }
}

TEST_P(WarpPtx, VotesUnderFullAndPartialMasks) {
  std::vector<uint32_t> pred(kThreads);
  for (uint32_t t = 0; t < kThreads; ++t) pred[t] = t >= 32 ? 1 : (t * 5) % 7 < 4;
  auto out = run(kVote, "votes", pred, 8);
  ASSERT_EQ(out.size(), kThreads * 8);
  for (uint32_t t = 0; t < kThreads; ++t) {
    const uint32_t l = t % 32, w = t - l;
    uint32_t ballot = 0, active = 0, part_ballot = 0;
    for (uint32_t i = 0; i < 32; ++i) {
      ballot |= (pred[w + i] != 0) << i;
      if (i % 3 != 0) active |= 1u << i, part_ballot |= (pred[w + i] != 0) << i;
    }
    const uint32_t* o = &out[t * 8];
    EXPECT_EQ(o[0], ballot) << t;
    EXPECT_EQ(o[1], ballot == ~0u) << t;
    EXPECT_EQ(o[2], ballot != 0) << t;
    EXPECT_EQ(o[3], ballot == 0 || ballot == ~0u) << t;
    if (l % 3 == 0) {
      EXPECT_TRUE(o[4] == 0 && o[5] == 0 && o[6] == 0 && o[7] == 0) << t;
      continue;
    }
    EXPECT_EQ(o[4], active) << t;
    EXPECT_EQ(o[5], part_ballot) << t;
    EXPECT_EQ(o[6], part_ballot == active) << t;
    EXPECT_EQ(o[7], part_ballot) << t;
  }
}

TEST_P(WarpPtx, MatchAndReduxUnderFullAndPartialMasks) {
  std::vector<uint32_t> in(kThreads);
  for (uint32_t t = 0; t < kThreads; ++t) in[t] = t < 32 ? (t * 7) % 5 - 2 : 0x8000'0000u | (t % 3);
  auto out = run(kMatchRedux, "match_redux", in, 16);
  ASSERT_EQ(out.size(), kThreads * 16);
  for (uint32_t t = 0; t < kThreads; ++t) {
    const uint32_t l = t % 32, w = t - l;
    uint32_t same = 0, same64 = 0, sum = 0, umin = ~0u, umax = 0, a = ~0u, o_ = 0, x = 0, part_sum = 0;
    int32_t smin = INT32_MAX, smax = INT32_MIN;
    bool all = true;
    for (uint32_t i = 0; i < 32; ++i) {
      const uint32_t u = in[w + i];
      if (u == in[t]) same |= 1u << i;
      if (u == in[t] && i % 2 == l % 2) same64 |= 1u << i;
      all = all && u == in[w];
      sum += u, umin = std::min(umin, u), umax = std::max(umax, u), a &= u, o_ |= u, x ^= u;
      smin = std::min(smin, int32_t(u)), smax = std::max(smax, int32_t(u));
      if (i % 4 == 1) part_sum += u;
    }
    const uint32_t* o = &out[t * 16];
    EXPECT_EQ(o[0], same) << t;
    EXPECT_EQ(o[1], all ? ~0u : 0u) << t;
    EXPECT_EQ(o[2], all ? 1u : 0u) << t;
    EXPECT_EQ(o[3], same64) << t;
    EXPECT_EQ(o[4], l < 8 ? 0xffu : 0u) << t;
    EXPECT_EQ(o[5], l < 8 ? 1u : 0u) << t;
    EXPECT_EQ(o[6], sum) << t;
    EXPECT_EQ(o[8], uint32_t(smin)) << t;
    EXPECT_EQ(o[9], uint32_t(smax)) << t;
    EXPECT_EQ(o[10], umin) << t;
    EXPECT_EQ(o[11], umax) << t;
    EXPECT_EQ(o[12], a) << t;
    EXPECT_EQ(o[13], o_) << t;
    EXPECT_EQ(o[14], x) << t;
    EXPECT_EQ(o[15], l % 4 == 1 ? part_sum : 0u) << t;
  }
}

// Malformed warp instructions are rejected with their source position.
TEST(WarpPtxErrors, BadFormsNameTheInstruction) {
  auto try_body = [](const std::string& body) {
    std::string ptx = ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k()\n{\n"
                      "  .reg .b32 %r<4>;\n  .reg .b64 %rd<2>;\n  .reg .pred %p<2>;\n" + body + "\n  ret;\n}\n";
    auto m = compiler::compile_ptx(ptx, "bad.ptx");
    return m.ok() ? std::string() : m.error().message;
  };
  EXPECT_NE(try_body("  redux.sync.add.b32 %r1, %r2, 0xffffffff;").find("bad.ptx:9:"), std::string::npos);
  EXPECT_NE(try_body("  redux.sync.and.u32 %r1, %r2, 0xffffffff;").find("'redux' .and/.or/.xor take .b32"),
            std::string::npos);
  EXPECT_NE(try_body("  match.any.b32 %r1, %r2, 0xffffffff;").find("'match' needs .sync"), std::string::npos);
  EXPECT_NE(try_body("  match.any.sync.u16 %r1, %r2, 0xffffffff;").find("match"), std::string::npos);
  EXPECT_NE(try_body("  match.any.sync.b32 %r1|%p1, %r2, 0xffffffff;").find("bad.ptx:9:"), std::string::npos);
  EXPECT_NE(try_body("  vote.sync.ballot.b32 %r1, %p1;").find("bad.ptx:9:"), std::string::npos);
  EXPECT_EQ(try_body("  match.all.sync.b64 %r1|%p1, %rd1, 0xffffffff;"), "");
}

INSTANTIATE_TEST_SUITE_P(Setups, WarpPtx, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
