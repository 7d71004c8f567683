// Per-kernel shared memory end to end: PTX finalized by Canopy, run on the device. A kernel's dynamic
// shared array starts right after its own static shared memory, not after every kernel's, and launch
// limits count only its own bytes.
#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

// `big` has 8 KiB of static shared memory; `small` has 20 bytes and a dynamic array. Each thread of
// `small` writes dyn[t] = t and threads 0..4 write own[t]; after a barrier out[t] = dyn[t], and thread 0
// stores the dynamic array's shared offset and %total_smem_size at out[n], out[n + 1].
constexpr const char* kTwoKernels = R"(
.version 6.4
.target sm_70
.address_size 64
.extern .shared .align 16 .b8 dyn[];
.visible .entry big()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 large[8192];
  mov.u32 %r1, 7;
  st.shared.u32 [large+8188], %r1;
  ret;
}
.visible .entry small(.param .u64 out)
{
  .reg .pred %p<3>;
  .reg .b32 %r<6>;
  .reg .b64 %rd<10>;
  .shared .align 4 .b8 own[20];
  ld.param.u64 %rd1, [out];
  cvta.to.global.u64 %rd1, %rd1;
  mov.u32 %r1, %tid.x;
  mov.u32 %r2, %ntid.x;
  mul.wide.u32 %rd3, %r1, 4;
  mov.u64 %rd2, dyn;
  add.u64 %rd4, %rd2, %rd3;
  st.shared.u32 [%rd4], %r1;
  setp.lt.u32 %p1, %r1, 5;
  mov.u64 %rd5, own;
  add.u64 %rd5, %rd5, %rd3;
  add.u32 %r3, %r1, 1000;
  @%p1 st.shared.u32 [%rd5], %r3;
  bar.sync 0;
  ld.shared.u32 %r4, [%rd4];
  add.u64 %rd6, %rd1, %rd3;
  st.global.u32 [%rd6], %r4;
  setp.ne.u32 %p2, %r1, 0;
  @%p2 bra DONE;
  mul.wide.u32 %rd7, %r2, 4;
  add.u64 %rd7, %rd1, %rd7;
  cvt.u32.u64 %r5, %rd2;
  st.global.u32 [%rd7], %r5;
  mov.u32 %r5, %total_smem_size;
  st.global.u32 [%rd7+4], %r5;
  ld.shared.u32 %r5, [own+16];
  st.global.u32 [%rd7+8], %r5;
DONE:
  ret;
}
)";

class KernelSharedMemory : public KernelTest {
 protected:
  Expected<gpu::KernelStats> run(const isa::Module& m, const std::string& name, uint32_t threads,
                                 uint32_t dynamic, uint64_t out) {
    auto id = device_->load_module(m);
    if (!id.ok()) return id.error();
    auto k = device_->find_kernel(*id, name);
    if (!k.ok()) return k.error();
    std::vector<uint8_t> params(device_->kernel_info(*k).param_bytes, 0);
    if (params.size() == 8) std::memcpy(params.data(), &out, 8);
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {threads};
    config.dynamic_shared = dynamic;
    return device_->launch(*k, config, params);
  }
};

TEST_P(KernelSharedMemory, DynamicSharedStartsAfterTheKernelsOwnStaticShared) {
  auto m = compiler::compile_ptx(kTwoKernels, "two_kernels.ptx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->functions[static_cast<size_t>(m->find_function("big"))].shared_bytes, 8192u);
  EXPECT_EQ(m->functions[static_cast<size_t>(m->find_function("small"))].shared_bytes, 20u);
  const uint32_t n = 96;
  uint64_t out = upload(std::vector<uint32_t>(n + 3, 0xdeadbeef));
  auto stats = run(*m, "small", n, n * 4, out);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  auto v = download<uint32_t>(out, n + 3);
  for (uint32_t t = 0; t < n; ++t) ASSERT_EQ(v[t], t) << t;
  EXPECT_EQ(v[n], 32u) << "dynamic array offset: small's 20 static bytes rounded up to 16";
  EXPECT_EQ(v[n + 1], 32u + n * 4) << "%total_smem_size";
  EXPECT_EQ(v[n + 2], 1004u) << "own[4] is not overwritten by the dynamic array";
}

TEST_P(KernelSharedMemory, LaunchLimitCountsOnlyTheKernelsOwnStaticShared) {
  auto m = compiler::compile_ptx(kTwoKernels, "two_kernels.ptx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  const uint32_t limit = device_->config().shared_per_block_optin;
  ASSERT_GT(limit, 8192u + 32u);
  uint64_t out = upload(std::vector<uint32_t>(64 + 3, 0));
  // With one module-wide window, small would need 8192 more bytes than it has and this would fail.
  EXPECT_TRUE(run(*m, "small", 64, limit - 32, out).ok());
  EXPECT_FALSE(run(*m, "small", 64, limit - 31, out).ok());
  EXPECT_TRUE(run(*m, "big", 32, limit - 8192, 0).ok());
  EXPECT_FALSE(run(*m, "big", 32, limit - 8192 + 1, 0).ok());
}

// tests/kernels/cu/algorithms.cu: the demoted tiles of sgemm_tiled (2 x 1 KiB) and histogram (1 KiB) each
// belong to their own kernel; kernels with only dynamic shared memory have no static bytes.
TEST_P(KernelSharedMemory, AlgorithmKernelsReportOnlyTheirOwnStaticShared) {
  const isa::Module& m = kernel_module("algorithms");
  std::map<std::string, uint32_t> smem;
  for (const compiler::KernelResources& r : compiler::resource_usage(m)) smem[r.name] = r.shared_bytes;
  EXPECT_EQ(smem["sgemm_tiled"], 2048u);
  EXPECT_EQ(smem["histogram"], 1024u);
  EXPECT_EQ(smem["nbody_step"], 0u);
  EXPECT_EQ(smem["reduce_sum"], 0u);
  EXPECT_EQ(m.shared_static_bytes, 2048u);
}

INSTANTIATE_TEST_SUITE_P(Presets, KernelSharedMemory, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
