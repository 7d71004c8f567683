// Per-kernel shared memory layout: each kernel gets only the .shared variables it reaches through calls,
// a variable has one offset in every kernel that uses it, and the dynamic array starts after the static
// shared bytes of the kernels that use it (docs/finalizer.md, "Shared memory layout").
#include <gtest/gtest.h>

#include "compiler_test_util.h"
#include "isa/disasm.h"

namespace canopy::compiler::test {
namespace {

const isa::Variable& var(const isa::Module& m, const std::string& name) {
  for (const isa::Variable& v : m.variables)
    if (v.name == name) return v;
  ADD_FAILURE() << "no variable " << name;
  static const isa::Variable none;
  return none;
}

const isa::Function& fn(const isa::Module& m, const std::string& name) {
  const int i = m.find_function(name);
  EXPECT_GE(i, 0) << name;
  return m.functions[static_cast<size_t>(i < 0 ? 0 : i)];
}

// Offsets of the shared-space loads and stores of `f` (an absolute [imm] access holds the symbol's offset).
std::vector<int64_t> shared_access_offsets(const isa::Function& f) {
  std::vector<int64_t> out;
  for (const isa::Instr& in : f.code)
    if ((in.op == isa::Opcode::Ld || in.op == isa::Opcode::St) && in.mods.space == isa::Space::Shared)
      out.push_back(in.offset);
  return out;
}

TEST(SharedLayout, TwoKernelsWithPrivateSharedArraysBothStartAtZero) {
  isa::Module m = compile_or_die(ptx_module(R"(
.visible .entry a()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 ta[2048];
  mov.u32 %r1, 1;
  st.shared.u32 [ta+2044], %r1;
}
.visible .entry b()
{
  .reg .b32 %r1;
  .shared .align 16 .b8 tb[1024];
  mov.u32 %r1, 2;
  st.shared.u32 [tb], %r1;
}
.visible .entry c()
{
  ret;
}
)"));
  EXPECT_EQ(var(m, "a::ta").offset, 0u);
  EXPECT_EQ(var(m, "b::tb").offset, 0u);
  EXPECT_EQ(fn(m, "a").shared_bytes, 2048u);
  EXPECT_EQ(fn(m, "b").shared_bytes, 1024u);
  EXPECT_EQ(fn(m, "c").shared_bytes, 0u);
  EXPECT_EQ(m.shared_static_bytes, 2048u);
  EXPECT_EQ(shared_access_offsets(fn(m, "a")), std::vector<int64_t>{2044});
  EXPECT_EQ(shared_access_offsets(fn(m, "b")), std::vector<int64_t>{0});
  const std::vector<KernelResources> r = resource_usage(m);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].shared_bytes, 2048u);
  EXPECT_EQ(r[1].shared_bytes, 1024u);
  EXPECT_EQ(r[2].shared_bytes, 0u);
}

// pa is a's, pb is b's, common is reached by both through helper: it must avoid pa and pb.
constexpr const char* kSharedHelper = R"(
.shared .align 4 .b8 pa[64];
.shared .align 4 .b8 pb[16];
.shared .align 8 .b8 common[32];
.func helper()
{
  .reg .b32 %r<2>;
  ld.shared.u32 %r1, [common+4];
  st.shared.u32 [common], %r1;
  ret;
}
.visible .entry a()
{
  .reg .b32 %r1;
  mov.u32 %r1, 1;
  st.shared.u32 [pa], %r1;
  call.uni helper, ();
  ret;
}
.visible .entry b()
{
  .reg .b32 %r1;
  mov.u32 %r1, 1;
  st.shared.u32 [pb+12], %r1;
  call.uni helper, ();
  ret;
}
)";

TEST(SharedLayout, VariableOfAFunctionCalledFromTwoKernelsHasOneOffset) {
  isa::Module m = compile_or_die(ptx_module(kSharedHelper));
  EXPECT_EQ(var(m, "pa").offset, 0u);
  EXPECT_EQ(var(m, "pb").offset, 0u);
  EXPECT_EQ(var(m, "common").offset, 64u);
  EXPECT_EQ(shared_access_offsets(fn(m, "helper")), (std::vector<int64_t>{68, 64}));
  EXPECT_EQ(fn(m, "a").shared_bytes, 96u);
  EXPECT_EQ(fn(m, "b").shared_bytes, 96u);
  EXPECT_EQ(fn(m, "helper").shared_bytes, 0u) << "only kernels own shared memory";
}

TEST(SharedLayout, VariablesReachedThroughNestedCallsCount) {
  isa::Module m = compile_or_die(ptx_module(R"(
.shared .align 4 .b8 deep[40];
.func leaf()
{
  .reg .b32 %r1;
  ld.shared.u32 %r1, [deep];
  ret;
}
.func middle()
{
  call.uni leaf, ();
  ret;
}
.visible .entry k()
{
  call.uni middle, ();
  ret;
}
.visible .entry other()
{
  ret;
}
)"));
  EXPECT_EQ(fn(m, "k").shared_bytes, 40u);
  EXPECT_EQ(fn(m, "other").shared_bytes, 0u);
}

TEST(SharedLayout, FreeGapsAreReusedWithinAKernel) {
  // x: {a}, y: {b}, z: {a, b} -> after both; w: {a} fits in the gap a leaves between x and z.
  isa::Module m = compile_or_die(ptx_module(R"(
.shared .align 4 .b8 x[16];
.shared .align 4 .b8 y[64];
.shared .align 4 .b8 z[8];
.shared .align 16 .b8 w[32];
.func both()
{
  .reg .b32 %r1;
  ld.shared.u32 %r1, [z];
  ret;
}
.visible .entry a()
{
  .reg .b32 %r1;
  ld.shared.u32 %r1, [x];
  ld.shared.u32 %r1, [w];
  call.uni both, ();
  ret;
}
.visible .entry b()
{
  .reg .b32 %r1;
  ld.shared.u32 %r1, [y];
  call.uni both, ();
  ret;
}
)"));
  EXPECT_EQ(var(m, "x").offset, 0u);
  EXPECT_EQ(var(m, "y").offset, 0u);
  EXPECT_EQ(var(m, "z").offset, 64u);
  EXPECT_EQ(var(m, "w").offset, 16u);
  EXPECT_EQ(fn(m, "a").shared_bytes, 72u);
  EXPECT_EQ(fn(m, "b").shared_bytes, 72u);
}

TEST(SharedLayout, IndirectCallsReachEveryAddressTakenFunction) {
  isa::Module m = compile_or_die(ptx_module(R"(
.shared .align 4 .b8 table[128];
.func (.param .b32 r) lookup(.param .b32 i)
{
  .reg .b32 %r<3>;
  .reg .b64 %rd<3>;
  ld.param.b32 %r1, [i];
  mul.wide.u32 %rd1, %r1, 4;
  mov.u64 %rd2, table;
  add.u64 %rd1, %rd1, %rd2;
  ld.shared.u32 %r2, [%rd1];
  st.param.b32 [r], %r2;
  ret;
}
.visible .entry through_pointer()
{
  .reg .b64 %rd1; .reg .b32 %r1;
  mov.u64 %rd1, lookup;
  {
    .param .b32 param0;
    st.param.b32 [param0], 3;
    .param .b32 retval0;
    proto : .callprototype (.param .b32 _) _ (.param .b32 _);
    call (retval0), %rd1, (param0), proto;
    ld.param.b32 %r1, [retval0];
  }
  st.global.u32 [0], %r1;
}
.visible .entry plain()
{
  ret;
}
)"));
  EXPECT_EQ(fn(m, "through_pointer").shared_bytes, 128u);
  EXPECT_EQ(fn(m, "plain").shared_bytes, 0u);
}

TEST(SharedLayout, DynamicArrayStartsAfterItsKernelsStaticBytes) {
  isa::Module m = compile_or_die(ptx_module(R"(
.extern .shared .align 4 .b8 dyn[];
.visible .entry k()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 small[20];
  ld.shared.u32 %r1, [small];
  st.shared.u32 [dyn+8], %r1;
}
.visible .entry big()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 large[1000];
  ld.shared.u32 %r1, [large];
}
)"));
  EXPECT_EQ(fn(m, "k").shared_bytes, 20u);
  EXPECT_EQ(fn(m, "big").shared_bytes, 1000u);
  EXPECT_EQ(var(m, "dyn").offset, 32u) << "20 rounded up to 16, not the module's 1000";
  EXPECT_EQ(shared_access_offsets(fn(m, "k")), (std::vector<int64_t>{0, 40}));
}

TEST(SharedLayout, KernelsSharingADynamicArrayGetTheSameStaticSize) {
  // dyn is reached from a (static 20) and, through helper, from b (static 100): both get 100 so one
  // offset (112) is right for both. c has its own static bytes and no dynamic array.
  isa::Module m = compile_or_die(ptx_module(R"(
.extern .shared .align 16 .b8 dyn[];
.func helper()
{
  .reg .b32 %r1;
  ld.shared.u32 %r1, [dyn];
  ret;
}
.visible .entry a()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 sa[20];
  ld.shared.u32 %r1, [sa];
  st.shared.u32 [dyn], %r1;
}
.visible .entry b()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 sb[100];
  ld.shared.u32 %r1, [sb];
  call.uni helper, ();
  ret;
}
.visible .entry c()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 sc[40];
  ld.shared.u32 %r1, [sc];
}
)"));
  EXPECT_EQ(fn(m, "a").shared_bytes, 100u);
  EXPECT_EQ(fn(m, "b").shared_bytes, 100u);
  EXPECT_EQ(fn(m, "c").shared_bytes, 40u);
  EXPECT_EQ(var(m, "dyn").offset, 112u);
  EXPECT_EQ(shared_access_offsets(fn(m, "helper")), std::vector<int64_t>{112});
  EXPECT_EQ(shared_access_offsets(fn(m, "a")), (std::vector<int64_t>{0, 112}));
}

TEST(SharedLayout, DynamicArrayAlignedAbove16RoundsTheStaticSizeUp) {
  isa::Module m = compile_or_die(ptx_module(R"(
.extern .shared .align 128 .b8 dyn[];
.visible .entry k()
{
  .reg .b32 %r1;
  .shared .align 4 .b8 s[20];
  ld.shared.u32 %r1, [s];
  st.shared.u32 [dyn], %r1;
}
)"));
  EXPECT_EQ(fn(m, "k").shared_bytes, 128u);
  EXPECT_EQ(var(m, "dyn").offset, 128u);
}

TEST(SharedLayout, UnreferencedSharedVariablesCostNoKernelAnything) {
  isa::Module m = compile_or_die(ptx_module(R"(
.shared .align 4 .b8 unused[4096];
.func never_called()
{
  .reg .b32 %r1;
  ld.shared.u32 %r1, [unused];
  ret;
}
.visible .entry k()
{
  ret;
}
)"));
  EXPECT_EQ(fn(m, "k").shared_bytes, 0u);
  EXPECT_EQ(var(m, "unused").offset, 0u);
  EXPECT_EQ(m.shared_static_bytes, 4096u) << "still inside the module's static extent";
}

TEST(SharedLayout, SharedAddressInAnInitializerReachesEveryKernel) {
  isa::Module m = compile_or_die(ptx_module(R"(
.shared .align 8 .b8 s[24];
.global .align 8 .u64 p = generic(s);
.visible .entry a()
{
  ret;
}
.visible .entry b()
{
  ret;
}
)"));
  EXPECT_EQ(fn(m, "a").shared_bytes, 24u);
  EXPECT_EQ(fn(m, "b").shared_bytes, 24u);
}

TEST(SharedLayout, ResourcesAndDisassemblyAgreeOnSharedAndConstBytes) {
  isa::Module m =
      compile_or_die(ptx_module(std::string(".const .align 4 .b8 coeffs[16] = {1};\n") + kSharedHelper));
  ASSERT_EQ(m.const_bank_bytes, 16u);
  for (const KernelResources& r : resource_usage(m)) {
    const isa::Function& f = fn(m, r.name);
    EXPECT_EQ(r.shared_bytes, f.shared_bytes) << r.name;
    EXPECT_EQ(r.const_bytes, 16u) << r.name;
    const std::string header = isa::disassemble(f, m);
    EXPECT_NE(header.find("shared " + std::to_string(r.shared_bytes) + " bytes"), std::string::npos)
        << header;
    EXPECT_NE(header.find("const 16 bytes"), std::string::npos) << header;
  }
}

}  // namespace
}  // namespace canopy::compiler::test
