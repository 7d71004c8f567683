// Module symbol layout: constant bank, shared window, initializers and their relocations.
#include <gtest/gtest.h>

#include "compiler_test_util.h"

namespace canopy::compiler::test {
namespace {

const isa::Variable* find_var(const isa::Module& m, const std::string& name) {
  for (const isa::Variable& v : m.variables)
    if (v.name == name) return &v;
  return nullptr;
}

TEST(Symbols, ConstBankAndSharedWindowOffsets) {
  isa::Module m = compile_or_die(ptx_module(R"(
.const .align 1 .b8 c1[3];
.const .align 8 .f64 c2[2];
.const .u16 c3;
.shared .align 4 .b8 s1[10];
.shared .align 16 .b8 s2[4];
.extern .shared .align 16 .b8 dyn[];
.global .align 8 .u32 g[5];
// k reaches every shared variable, so they are laid out one after another in its shared memory.
.visible .entry k()
{
  .reg .b64 %rd<4>;
  .shared .align 8 .b8 demoted[8];
  mov.u64 %rd1, s1;
  mov.u64 %rd2, s2;
  mov.u64 %rd3, dyn;
  ret;
}
)"));
  EXPECT_EQ(find_var(m, "c1")->offset, 0u);
  EXPECT_EQ(find_var(m, "c2")->offset, 8u);
  EXPECT_EQ(find_var(m, "c3")->offset, 24u);
  EXPECT_EQ(m.const_bank_bytes, 26u);
  EXPECT_EQ(find_var(m, "s1")->offset, 0u);
  EXPECT_EQ(find_var(m, "s2")->offset, 16u);
  const isa::Variable* demoted = find_var(m, "k::demoted");
  ASSERT_NE(demoted, nullptr);
  EXPECT_EQ(demoted->space, isa::Space::Shared);
  EXPECT_EQ(demoted->offset, 24u);
  EXPECT_EQ(m.shared_static_bytes, 32u);
  EXPECT_EQ(m.functions[0].shared_bytes, 32u);
  const isa::Variable* dyn = find_var(m, "dyn");
  EXPECT_TRUE(dyn->is_extern);
  EXPECT_EQ(dyn->offset, 32u);
  const isa::Variable* g = find_var(m, "g");
  EXPECT_EQ(g->space, isa::Space::Global);
  EXPECT_EQ(g->size, 20u);
  EXPECT_EQ(g->align, 8u);
}

TEST(Symbols, InitializersAreLittleEndianBytes) {
  isa::Module m = compile_or_die(ptx_module(R"(
.const .align 4 .u32 c[2] = {0x11223344, 5};
.global .f32 f[] = {1.0, 2.0, 0.5};
.global .v2 .u16 v = {1, 2};
)"));
  const isa::Variable* c = find_var(m, "c");
  EXPECT_EQ(c->init, (std::vector<uint8_t>{0x44, 0x33, 0x22, 0x11, 5, 0, 0, 0}));
  const isa::Variable* f = find_var(m, "f");
  EXPECT_EQ(f->size, 12u);
  EXPECT_EQ(f->init[3], 0x3f);
  EXPECT_EQ(f->init[2], 0x80);
  const isa::Variable* v = find_var(m, "v");
  EXPECT_EQ(v->size, 4u);
  EXPECT_EQ(v->align, 4u);
  EXPECT_EQ(v->init, (std::vector<uint8_t>{1, 0, 2, 0}));
}

TEST(Symbols, AddressInitializersBecomeDataRelocations) {
  isa::Module m = compile_or_die(ptx_module(R"(
.global .align 4 .u32 x[4];
.func f()
{
  ret;
}
.global .align 8 .u64 table[3] = {x, generic(x)+8, f};
)"));
  ASSERT_EQ(m.data_relocations.size(), 3u);
  const isa::DataRelocation& r1 = m.data_relocations[1];
  EXPECT_EQ(r1.offset, 8u);
  EXPECT_EQ(r1.size, 8);
  EXPECT_EQ(r1.symbol, 0u);
  EXPECT_EQ(r1.addend, 8);
  EXPECT_TRUE(m.data_relocations[2].is_function);
  EXPECT_EQ(m.data_relocations[2].symbol, 0u);
}

TEST(Symbols, KernelResourcesReportTheLayout) {
  isa::Module m = compile_or_die(ptx_module(R"(
.const .align 4 .b8 c[40];
.shared .align 4 .b8 s[100];
.visible .entry k(.param .u64 a, .param .u32 b)
{
  .reg .b32 %r1;
  .local .align 4 .b8 l[20];
  ld.shared.u32 %r1, [s];
  ret;
}
)"));
  auto res = resource_usage(m);
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].name, "k");
  EXPECT_EQ(res[0].const_bytes, 40u);
  EXPECT_EQ(res[0].shared_bytes, 100u);
  EXPECT_EQ(res[0].local_bytes, 32u);
  EXPECT_EQ(res[0].param_bytes, 12u);
}

TEST(Symbols, PerformanceDirectivesAreCopied) {
  isa::Module m = compile_or_die(ptx_module(R"(
.visible .entry k() .maxntid 128, 1, 1 .minnctapersm 2
{
  ret;
}
.visible .entry r() .reqntid 64 .maxnreg 32
{
  ret;
}
)"));
  EXPECT_EQ(m.functions[0].maxntid, (std::array<uint32_t, 3>{128, 1, 1}));
  EXPECT_EQ(m.functions[0].min_ctas_per_sm, 2u);
  EXPECT_EQ(m.functions[1].reqntid, (std::array<uint32_t, 3>{64, 1, 1}));
  EXPECT_EQ(m.functions[1].max_regs, 32u);
}

}  // namespace
}  // namespace canopy::compiler::test
