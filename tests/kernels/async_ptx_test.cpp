// cp.async, mbarrier and nanosleep end to end (finalizer + engine), on 32-lane and 64-lane warps with one
// and two host threads: zero-fill by src-size and ignore-src, the latest-completion model (a wait_group
// that leaves later groups pending reads stale shared memory), wait_all, completion at thread exit,
// cp.async.mbarrier.arrive (with and without .noinc), the mbarrier's phases, tokens, parity and pending
// counts, arrive_drop, a producer/consumer pipeline across warps over several phases, precise cp.async
// faults, and malformed PTX. Expected values come from CPU references written here.
#include <cstring>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

constexpr uint32_t kThreads = 64;

constexpr const char* kHeader = R"(
.version 7.0
.target sm_80
.address_size 64
)";

// Thread t: a 16-byte copy with src-size t % 17 to buf[t*16], an 8-byte copy with ignore-src (t odd) to
// buf[1024 + t*8]; the destinations are first filled with 0xff so the zero-filled bytes show.
// out[t*8 + 0..3] = the 16 bytes, out[t*8 + 4..5] = the 8 bytes.
constexpr const char* kZeroFill = R"(
.visible .entry zfill(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<3>;
  .reg .b32 %r<16>;
  .reg .b64 %rd<10>;
  .shared .align 16 .b8 buf[2048];
  ld.param.u64 %rd1, [in];
  ld.param.u64 %rd2, [out];
  mov.u32 %r1, %tid.x;
  mov.u32 %r2, buf;
  mad.lo.u32 %r3, %r1, 16, %r2;
  mad.lo.u32 %r6, %r1, 8, %r2;
  mov.u32 %r15, -1;
  st.shared.v4.u32 [%r3], {%r15, %r15, %r15, %r15};
  st.shared.v2.u32 [%r6+1024], {%r15, %r15};
  mul.wide.u32 %rd3, %r1, 16;
  add.u64 %rd4, %rd1, %rd3;
  rem.u32 %r4, %r1, 17;
  cp.async.ca.shared.global [%r3], [%rd4], 16, %r4;
  and.b32 %r5, %r1, 1;
  setp.ne.u32 %p1, %r5, 0;
  mul.wide.u32 %rd5, %r1, 8;
  add.u64 %rd6, %rd1, %rd5;
  cp.async.ca.shared.global [%r6+1024], [%rd6], 8, %p1;
  cp.async.wait_all;
  ld.shared.v4.u32 {%r7, %r8, %r9, %r10}, [%r3];
  ld.shared.v2.u32 {%r11, %r12}, [%r6+1024];
  mul.wide.u32 %rd7, %r1, 32;
  add.u64 %rd8, %rd2, %rd7;
  st.global.v4.u32 [%rd8], {%r7, %r8, %r9, %r10};
  st.global.v2.u32 [%rd8+16], {%r11, %r12};
  ret;
}
)";

// Group 0 copies A, group 1 copies B, C stays uncommitted. out[t*8 + k]: after wait_group 1 the first
// words of A, B, C; after wait_group 0 those of B, C; after wait_all that of C.
constexpr const char* kGroups = R"(
.visible .entry groups(.param .u64 in, .param .u64 out)
{
  .reg .b32 %r<16>;
  .reg .b64 %rd<10>;
  .shared .align 16 .b8 bufa[1024];
  .shared .align 16 .b8 bufb[1024];
  .shared .align 16 .b8 bufc[1024];
  ld.param.u64 %rd1, [in];
  ld.param.u64 %rd2, [out];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd3, %r1, 16;
  add.u64 %rd4, %rd1, %rd3;
  mul.lo.u32 %r2, %r1, 16;
  mov.u32 %r3, bufa;
  add.u32 %r3, %r3, %r2;
  mov.u32 %r4, bufb;
  add.u32 %r4, %r4, %r2;
  mov.u32 %r5, bufc;
  add.u32 %r5, %r5, %r2;
  cp.async.cg.shared.global [%r3], [%rd4], 16;
  cp.async.commit_group;
  cp.async.cg.shared.global.L2::128B [%r4], [%rd4+1024], 16;
  cp.async.commit_group;
  cp.async.ca.shared::cta.global.L2::cache_hint [%r5], [%rd4+2048], 16, %rd1;
  cp.async.wait_group 1;
  ld.shared.u32 %r6, [%r3];
  ld.shared.u32 %r7, [%r4];
  ld.shared.u32 %r8, [%r5];
  cp.async.wait_group 0;
  ld.shared.u32 %r9, [%r4];
  ld.shared.u32 %r10, [%r5];
  cp.async.wait_all;
  ld.shared.u32 %r11, [%r5];
  mul.wide.u32 %rd5, %r1, 32;
  add.u64 %rd6, %rd2, %rd5;
  st.global.v4.u32 [%rd6], {%r6, %r7, %r8, %r9};
  st.global.v2.u32 [%rd6+16], {%r10, %r11};
  ret;
}
)";

// Thread 0 walks one mbarrier through its phases; out[0..15] record counts and completions.
constexpr const char* kPhases = R"(
.visible .entry phases(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<3>;
  .reg .b32 %r<24>;
  .reg .b64 %rd<12>;
  .shared .align 8 .b64 bar;
  ld.param.u64 %rd1, [out];
  mov.u32 %r1, %tid.x;
  setp.ne.u32 %p1, %r1, 0;
  @%p1 bra DONE;
  mbarrier.init.shared.b64 [bar], 3;
  mbarrier.arrive.shared.b64 %rd2, [bar];
  mbarrier.pending_count.b64 %r2, %rd2;
  mbarrier.test_wait.shared.b64 %p2, [bar], %rd2;
  selp.u32 %r3, 1, 0, %p2;
  mbarrier.test_wait.parity.shared.b64 %p2, [bar], 0;
  selp.u32 %r4, 1, 0, %p2;
  mbarrier.arrive.release.cta.shared.b64 %rd3, [bar], 2;
  mbarrier.pending_count.b64 %r5, %rd3;
  mbarrier.test_wait.shared.b64 %p2, [bar], %rd2;
  selp.u32 %r6, 1, 0, %p2;
  mbarrier.test_wait.parity.shared.b64 %p2, [bar], 0;
  selp.u32 %r7, 1, 0, %p2;
  mbarrier.test_wait.parity.shared.b64 %p2, [bar], 1;
  selp.u32 %r8, 1, 0, %p2;
  mbarrier.arrive_drop.shared.b64 %rd4, [bar];
  mbarrier.pending_count.b64 %r9, %rd4;
  mbarrier.arrive.shared.b64 %rd5, [bar], 2;
  mbarrier.pending_count.b64 %r10, %rd5;
  mbarrier.test_wait.parity.shared.b64 %p2, [bar], 1;
  selp.u32 %r11, 1, 0, %p2;
  mbarrier.test_wait.shared.b64 %p2, [bar], %rd4;
  selp.u32 %r12, 1, 0, %p2;
  mov.u64 %rd6, bar;
  cvta.shared.u64 %rd7, %rd6;
  mbarrier.arrive.b64 %rd8, [%rd7];
  mbarrier.pending_count.b64 %r13, %rd8;
  mbarrier.try_wait.b64 %p2, [%rd7], %rd8;
  selp.u32 %r14, 1, 0, %p2;
  mbarrier.inval.shared.b64 [bar];
  mbarrier.init.shared.b64 [bar], 1;
  mbarrier.arrive.shared.b64 _, [bar];
  mbarrier.try_wait.parity.shared.b64 %p2, [bar], 0, 1000;
  selp.u32 %r15, 1, 0, %p2;
  ld.shared.u64 %rd9, [bar];
  shr.u64 %rd10, %rd9, 20;
  cvt.u32.u64 %r16, %rd10;
  nanosleep.u32 100;
  st.global.v4.u32 [%rd1], {%r2, %r3, %r4, %r5};
  st.global.v4.u32 [%rd1+16], {%r6, %r7, %r8, %r9};
  st.global.v4.u32 [%rd1+32], {%r10, %r11, %r12, %r13};
  st.global.v4.u32 [%rd1+48], {%r14, %r15, %r16, %r1};
DONE:
  ret;
}
)";

// Every thread copies its word with cp.async and lets the mbarrier track it: the first barrier counts the
// copies' arrivals (.noinc), the second needs each thread's own arrive too. out[t] = in[(t+1) % 64],
// out[64 + t] = in[64 + (t+5) % 64].
constexpr const char* kCopyArrive = R"(
.visible .entry copy_arrive(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<4>;
  .reg .b32 %r<16>;
  .reg .b64 %rd<12>;
  .shared .align 8 .b64 bar1;
  .shared .align 8 .b64 bar2;
  .shared .align 16 .b8 buf[512];
  ld.param.u64 %rd1, [in];
  ld.param.u64 %rd2, [out];
  mov.u32 %r1, %tid.x;
  setp.ne.u32 %p1, %r1, 0;
  @%p1 bra INITED;
  mbarrier.init.shared.b64 [bar1], 64;
  mbarrier.init.shared.b64 [bar2], 64;
INITED:
  bar.sync 0;
  mul.wide.u32 %rd3, %r1, 4;
  add.u64 %rd4, %rd1, %rd3;
  mov.u32 %r2, buf;
  mad.lo.u32 %r3, %r1, 4, %r2;
  cp.async.ca.shared.global [%r3], [%rd4], 4;
  cp.async.mbarrier.arrive.noinc.shared.b64 [bar1];
WAIT1:
  mbarrier.try_wait.parity.shared.b64 %p2, [bar1], 0;
  @!%p2 bra WAIT1;
  add.u32 %r4, %r1, 1;
  and.b32 %r4, %r4, 63;
  mad.lo.u32 %r5, %r4, 4, %r2;
  ld.shared.u32 %r6, [%r5];
  cp.async.ca.shared.global [%r3+256], [%rd4+256], 4;
  cp.async.mbarrier.arrive.shared.b64 [bar2];
  mbarrier.arrive.shared.b64 %rd5, [bar2];
WAIT2:
  mbarrier.test_wait.shared.b64 %p3, [bar2], %rd5;
  @!%p3 bra WAIT2;
  add.u32 %r7, %r1, 5;
  and.b32 %r7, %r7, 63;
  mad.lo.u32 %r8, %r7, 4, %r2;
  ld.shared.u32 %r9, [%r8+256];
  add.u64 %rd6, %rd2, %rd3;
  st.global.u32 [%rd6], %r6;
  st.global.u32 [%rd6+256], %r9;
  ret;
}
)";

// Threads 0-31 produce 6 rounds into one shared slot, threads 32-63 consume them; a `full` and an `empty`
// mbarrier (32 arrivals each) hand the slot back and forth, so every phase of both is used.
// out[lane] = the consumer's order-sensitive digest of what it read.
constexpr const char* kPipeline = R"(
.visible .entry pipeline(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<4>;
  .reg .b32 %r<20>;
  .reg .b64 %rd<8>;
  .shared .align 8 .b64 full;
  .shared .align 8 .b64 empty;
  .shared .align 4 .b32 slot[32];
  ld.param.u64 %rd1, [out];
  mov.u32 %r1, %tid.x;
  and.b32 %r2, %r1, 31;
  mov.u32 %r3, slot;
  mad.lo.u32 %r4, %r2, 4, %r3;
  setp.ne.u32 %p1, %r1, 0;
  @%p1 bra INITED;
  mbarrier.init.shared.b64 [full], 32;
  mbarrier.init.shared.b64 [empty], 32;
INITED:
  bar.sync 0;
  mov.u32 %r5, 0;
  setp.ge.u32 %p1, %r1, 32;
  @%p1 bra CONSUMER;
PRODUCE:
  and.b32 %r6, %r5, 1;
  xor.b32 %r6, %r6, 1;
WAIT_EMPTY:
  mbarrier.test_wait.parity.shared.b64 %p2, [empty], %r6;
  @!%p2 bra WAIT_EMPTY;
  mad.lo.u32 %r7, %r5, 1000, %r2;
  st.shared.u32 [%r4], %r7;
  mbarrier.arrive.shared.b64 _, [full];
  add.u32 %r5, %r5, 1;
  setp.lt.u32 %p3, %r5, 6;
  @%p3 bra PRODUCE;
  bra.uni DONE;
CONSUMER:
  mov.u32 %r8, 0;
CONSUME:
  and.b32 %r6, %r5, 1;
WAIT_FULL:
  mbarrier.try_wait.parity.shared.b64 %p2, [full], %r6;
  @!%p2 bra WAIT_FULL;
  ld.shared.u32 %r9, [%r4];
  mad.lo.u32 %r8, %r8, 3, %r9;
  mbarrier.arrive.shared.b64 _, [empty];
  add.u32 %r5, %r5, 1;
  setp.lt.u32 %p3, %r5, 6;
  @%p3 bra CONSUME;
  mul.wide.u32 %rd2, %r2, 4;
  add.u64 %rd3, %rd1, %rd2;
  st.global.u32 [%rd3], %r8;
DONE:
  ret;
}
)";

// Threads 0-31 copy their word and exit without waiting: the copies complete when they exit. Threads
// 32-63 pass the barrier (exited threads count as arrived) and read them: out[t - 32] = in[t - 32].
constexpr const char* kExitFlush = R"(
.visible .entry exit_flush(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<2>;
  .reg .b32 %r<8>;
  .reg .b64 %rd<8>;
  .shared .align 4 .b32 buf[32];
  ld.param.u64 %rd1, [in];
  ld.param.u64 %rd2, [out];
  mov.u32 %r1, %tid.x;
  and.b32 %r2, %r1, 31;
  mov.u32 %r3, buf;
  mad.lo.u32 %r4, %r2, 4, %r3;
  mul.wide.u32 %rd3, %r2, 4;
  setp.ge.u32 %p1, %r1, 32;
  @%p1 bra READER;
  add.u64 %rd4, %rd1, %rd3;
  cp.async.ca.shared.global [%r4], [%rd4], 4;
  cp.async.commit_group;
  exit;
READER:
  bar.sync 0;
  ld.shared.u32 %r5, [%r4];
  add.u64 %rd5, %rd2, %rd3;
  st.global.u32 [%rd5], %r5;
  ret;
}
)";

// Thread 5's source is 4 bytes past a 16-byte boundary (misaligned); in far_copy every thread reads 8 MiB
// past `in` (beyond its 2 MiB mapping); in bad_dst thread 3's destination is misaligned; over_arrive arrives twice on a count
// of 1.
constexpr const char* kBadCopy = R"(
.visible .entry bad_copy(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<2>;
  .reg .b32 %r<8>;
  .reg .b64 %rd<8>;
  .shared .align 16 .b8 buf[1024];
  ld.param.u64 %rd1, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd2, %r1, 16;
  add.u64 %rd3, %rd1, %rd2;
  setp.eq.u32 %p1, %r1, 5;
  @%p1 add.u64 %rd3, %rd3, 4;
  mov.u32 %r2, buf;
  mad.lo.u32 %r3, %r1, 16, %r2;
  cp.async.cg.shared.global [%r3], [%rd3], 16;
  cp.async.wait_all;
  ret;
}
.visible .entry far_copy(.param .u64 in, .param .u64 out)
{
  .reg .b32 %r<8>;
  .reg .b64 %rd<8>;
  .shared .align 16 .b8 buf[1024];
  ld.param.u64 %rd1, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd2, %r1, 8;
  add.u64 %rd3, %rd1, %rd2;
  mov.u32 %r2, buf;
  mad.lo.u32 %r3, %r1, 8, %r2;
  cp.async.ca.shared.global [%r3], [%rd3+8388608], 8;
  ret;
}
.visible .entry bad_dst(.param .u64 in, .param .u64 out)
{
  .reg .pred %p<2>;
  .reg .b32 %r<8>;
  .reg .b64 %rd<8>;
  .shared .align 16 .b8 buf[1024];
  ld.param.u64 %rd1, [in];
  mov.u32 %r1, %tid.x;
  mul.wide.u32 %rd2, %r1, 8;
  add.u64 %rd3, %rd1, %rd2;
  mov.u32 %r2, buf;
  mad.lo.u32 %r3, %r1, 8, %r2;
  setp.eq.u32 %p1, %r1, 3;
  @%p1 add.u32 %r3, %r3, 4;
  cp.async.ca.shared.global [%r3], [%rd3], 8;
  cp.async.wait_all;
  ret;
}
.visible .entry over_arrive(.param .u64 in, .param .u64 out)
{
  .shared .align 8 .b64 bar;
  mbarrier.init.shared.b64 [bar], 1;
  mbarrier.arrive.shared.b64 _, [bar], 2;
  ret;
}
)";

class AsyncPtx : public KernelTest {
 protected:
  // Runs `kernel` of `ptx` on kThreads threads with `in`; returns `out_words` words of output (0xdeadbeef
  // where nothing was written), or nothing if it faulted (fault_ then holds the fault).
  std::vector<uint32_t> run(const char* ptx, const std::string& kernel, const std::vector<uint32_t>& in,
                            size_t out_words) {
    auto module = compiler::compile_ptx(std::string(kHeader) + ptx, kernel + ".ptx");
    EXPECT_TRUE(module.ok()) << (module.ok() ? "" : module.error().message);
    if (!module.ok()) return {};
    modules_kept_.push_back(std::make_unique<isa::Module>(std::move(module).value()));
    auto id = device_->load_module(*modules_kept_.back());
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    if (!id.ok()) return {};
    auto k = device_->find_kernel(*id, kernel);
    EXPECT_TRUE(k.ok());
    uint64_t args[2] = {upload(in), upload(std::vector<uint32_t>(out_words, 0xdeadbeefu))};
    std::vector<uint8_t> params(device_->kernel_info(*k).param_bytes, 0);
    std::memcpy(params.data(), args, params.size());
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {kThreads};
    auto stats = device_->launch(*k, config, params);
    if (!stats.ok()) {
      fault_ = device_->last_fault();
      return {};
    }
    return download<uint32_t>(args[1], out_words);
  }

  static std::vector<uint32_t> pattern(size_t words) {
    std::vector<uint32_t> v(words);
    for (size_t i = 0; i < words; ++i) v[i] = static_cast<uint32_t>(i * 0x9e3779b1u + 0x01020304u);
    return v;
  }

  // The launch stopped with a fault of `kind` whose detail mentions `detail` (and produced no output).
  void expect_fault(const std::vector<uint32_t>& out, const std::string& kind, const std::string& detail) {
    EXPECT_TRUE(out.empty());
    ASSERT_TRUE(fault_.has_value());
    EXPECT_EQ(fault_->kind, kind);
    EXPECT_NE(fault_->detail.find(detail), std::string::npos) << fault_->message();
  }

  std::optional<gpu::Fault> fault_;
  std::vector<std::unique_ptr<isa::Module>> modules_kept_;
};

TEST_P(AsyncPtx, SourceSizeZeroFillsAndIgnoreSrcCopiesZeros) {
  const auto in = pattern(256);
  auto out = run(kZeroFill, "zfill", in, kThreads * 8);
  ASSERT_EQ(out.size(), kThreads * 8);
  uint8_t in_bytes[1024];
  std::memcpy(in_bytes, in.data(), sizeof in_bytes);
  for (uint32_t t = 0; t < kThreads; ++t) {
    uint8_t got[24];
    std::memcpy(got, &out[t * 8], sizeof got);
    for (uint32_t k = 0; k < 16; ++k)
      EXPECT_EQ(got[k], k < t % 17 ? in_bytes[t * 16 + k] : 0) << "thread " << t << " byte " << k;
    for (uint32_t k = 0; k < 8; ++k)
      EXPECT_EQ(got[16 + k], t % 2 ? 0 : in_bytes[t * 8 + k]) << "ignore-src, thread " << t << " byte " << k;
  }
}

TEST_P(AsyncPtx, WaitGroupLeavesLaterGroupsPendingSoReadsAreStale) {
  const auto in = pattern(768);
  auto out = run(kGroups, "groups", in, kThreads * 8);
  ASSERT_EQ(out.size(), kThreads * 8);
  for (uint32_t t = 0; t < kThreads; ++t) {
    const uint32_t a = in[t * 4], b = in[256 + t * 4], c = in[512 + t * 4];
    const uint32_t* o = &out[t * 8];
    EXPECT_EQ(o[0], a) << "group 0 after wait_group 1, thread " << t;
    EXPECT_EQ(o[1], 0u) << "group 1 still pending after wait_group 1, thread " << t;
    EXPECT_EQ(o[2], 0u) << "uncommitted copy after wait_group 1, thread " << t;
    EXPECT_EQ(o[3], b) << "group 1 after wait_group 0, thread " << t;
    EXPECT_EQ(o[4], 0u) << "uncommitted copy after wait_group 0, thread " << t;
    EXPECT_EQ(o[5], c) << "after wait_all, thread " << t;
  }
}

TEST_P(AsyncPtx, MbarrierPhasesTokensParityPendingCountsAndDrop) {
  auto out = run(kPhases, "phases", {0}, 16);
  ASSERT_EQ(out.size(), 16u);
  const uint32_t expected[16] = {
      2,  // pending after the first of 3 arrivals
      0,  // its phase has not completed
      0,  // nor has the phase of parity 0
      0,  // the arrival of 2 completes phase 0: pending 0 in its token
      1,  // now the first token's phase is complete
      1,  // parity 0 complete
      0,  // parity 1 (the current phase) not
      2,  // arrive_drop in phase 1: expected 3 -> 2, pending 2 after it
      0,  // arrive 2 completes phase 1
      1,  // parity 1 complete
      1,  // the arrive_drop token's phase is complete
      1,  // phase 2 (generic address): expected 2, pending 1 after one arrival
      0,  // try_wait on that token: not complete
      1,  // re-initialized with 1: one arrival completes phase 0
      1,  // the object's expected count (bits 20-39 of the word) ...
      0,  // thread 0
  };
  for (int i = 0; i < 16; ++i) {
    if (i == 14) {
      EXPECT_EQ(out[i] & 0xfffff, 1u) << "expected-count field";
      continue;
    }
    EXPECT_EQ(out[i], expected[i]) << "word " << i;
  }
}

TEST_P(AsyncPtx, CpAsyncMbarrierArriveMakesCopiesVisible) {
  const auto in = pattern(128);
  auto out = run(kCopyArrive, "copy_arrive", in, 128);
  ASSERT_EQ(out.size(), 128u);
  for (uint32_t t = 0; t < kThreads; ++t) {
    EXPECT_EQ(out[t], in[(t + 1) % 64]) << ".noinc, thread " << t;
    EXPECT_EQ(out[64 + t], in[64 + (t + 5) % 64]) << "with the thread's own arrive, thread " << t;
  }
}

TEST_P(AsyncPtx, ProducerConsumerAcrossWarpsOverSeveralPhases) {
  auto out = run(kPipeline, "pipeline", {0}, 32);
  ASSERT_EQ(out.size(), 32u);
  for (uint32_t lane = 0; lane < 32; ++lane) {
    uint32_t digest = 0;
    for (uint32_t i = 0; i < 6; ++i) digest = digest * 3 + i * 1000 + lane;
    EXPECT_EQ(out[lane], digest) << "lane " << lane;
  }
}

TEST_P(AsyncPtx, ExitingThreadsCompleteTheirCopies) {
  const auto in = pattern(32);
  auto out = run(kExitFlush, "exit_flush", in, 32);
  ASSERT_EQ(out.size(), 32u);
  for (uint32_t t = 0; t < 32; ++t) EXPECT_EQ(out[t], in[t]) << "thread " << t;
}

TEST_P(AsyncPtx, MisalignedSourceFaultsPreciselyAtTheCpAsync) {
  auto out = run(kBadCopy, "bad_copy", pattern(256), 1);
  ASSERT_NO_FATAL_FAILURE(expect_fault(out, "misaligned address", "not aligned to the copy size of 16 bytes"));
  EXPECT_EQ(fault_->thread.x, 5u);
  EXPECT_NE(fault_->disassembly.find("cp.async"), std::string::npos) << fault_->message();
}

TEST_P(AsyncPtx, MisalignedDestinationFaults) {
  auto out = run(kBadCopy, "bad_dst", pattern(256), 1);
  ASSERT_NO_FATAL_FAILURE(expect_fault(out, "misaligned address", "cp.async to shared address"));
  EXPECT_EQ(fault_->thread.x, 3u);
}

TEST_P(AsyncPtx, SourceOutsideAnyAllocationFaults) {
  auto out = run(kBadCopy, "far_copy", pattern(256), 1);
  ASSERT_NO_FATAL_FAILURE(expect_fault(out, "illegal address", "no live allocation"));
  EXPECT_EQ(fault_->thread.x, 0u);
}

TEST_P(AsyncPtx, ArrivingMoreThanPendingFaults) {
  auto out = run(kBadCopy, "over_arrive", {0}, 1);
  ASSERT_NO_FATAL_FAILURE(expect_fault(out, "invalid mbarrier", "exceeds the pending count 1"));
}

INSTANTIATE_TEST_SUITE_P(Setups, AsyncPtx, CANOPY_KERNEL_SETUPS, setup_name);

// Malformed forms: each gets the file:line:col of the offending instruction or operand.
std::string compile_error(const std::string& body) {
  const std::string ptx = std::string(kHeader) +  // lines 1-4
                          ".visible .entry k(.param .u64 p)\n"  // line 5
                          "{\n"
                          "  .reg .pred %p<2>;\n"
                          "  .reg .b32 %r<4>;\n"
                          "  .reg .b64 %rd<4>;\n"
                          "  .shared .align 8 .b64 bar;\n" +  // line 10
                          body + "\n}\n";                   // line 11
  auto module = compiler::compile_ptx(ptx, "bad.ptx");
  return module.ok() ? std::string("(compiled)") : module.error().message;
}

TEST(AsyncPtxErrors, MalformedFormsReportTheirPosition) {
  struct Case {
    const char* body;
    const char* where;
    const char* what;
  };
  const Case cases[] = {
      {"  cp.async.ca.shared.global [%r1], [%rd1], 3;", "bad.ptx:11:44:", "copy size must be the literal 4, 8 or 16"},
      {"  cp.async.cg.shared.global [%r1], [%rd1], 4;", "bad.ptx:11:44:", "cp.async.cg copies 16 bytes"},
      {"  cp.async.ca.shared.local [%r1], [%rd1], 4;", "bad.ptx:11:3:", "copies .shared{::cta}.global"},
      {"  cp.async.ca.global.shared [%r1], [%rd1], 4;", "bad.ptx:11:3:", "copies .shared{::cta}.global"},
      {"  cp.async.ca.shared.global [%r1], [%rd1], 8, 9;", "bad.ptx:11:47:", "at most the copy size 8"},
      {"  cp.async.wait_group %r1;", "bad.ptx:11:23:", "non-negative integer literal"},
      {"  mbarrier.init.global.b64 [%rd1], 1;", "bad.ptx:11:3:", "mbarrier objects live in shared memory"},
      {"  mbarrier.init.shared.b64 [bar], 0;", "bad.ptx:11:35:", "count must be in 1..2^20-1"},
      {"  mbarrier.arrive.shared.b32 %r1, [bar];", "bad.ptx:11:3:", "needs .b64"},
      {"  mbarrier.test_wait.shared.b64 %r1, [bar], %rd1;", "bad.ptx:11:", "predicate"},
      {"  mbarrier.wait.shared.b64 %p1, [bar], %rd1;", "bad.ptx:11:3:", "needs .init"},
      {"  nanosleep.u64 %rd1;", "bad.ptx:11:3:", "takes .u32"},
  };
  for (const Case& c : cases) {
    const std::string msg = compile_error(c.body);
    EXPECT_NE(msg.find(c.where), std::string::npos) << c.body << "\n" << msg;
    EXPECT_NE(msg.find(c.what), std::string::npos) << c.body << "\n" << msg;
  }
}

}  // namespace
}  // namespace canopy::testing
