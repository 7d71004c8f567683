// Module-level directives, function headers and variable declarations.
#include <gtest/gtest.h>

#include "tests/ptx/ptx_test_util.h"

namespace canopy::ptx {
namespace {

using testing::parse_ok;

TEST(ParseModule, HeaderDirectives) {
  Module m = parse_ok(".version 7.5\n.target sm_80, texmode_independent, debug\n.address_size 32\n");
  EXPECT_EQ(m.version_major, 7u);
  EXPECT_EQ(m.version_minor, 5u);
  EXPECT_EQ(m.targets, (std::vector<std::string>{"sm_80", "texmode_independent", "debug"}));
  EXPECT_EQ(m.address_size, 32u);
  EXPECT_EQ(m.source_name, "test.ptx");
}

TEST(ParseModule, FileDirectiveWithAndWithoutTimestamp) {
  Module m = parse_ok(".file 1 \"/src/a.cu\", 1681234567, 4567\n.file 2 \"b.cu\"\n");
  EXPECT_EQ(m.files.at(1), "/src/a.cu");
  EXPECT_EQ(m.files.at(2), "b.cu");
}

TEST(ParseModule, DebugSectionsAreSkipped) {
  Module m = parse_ok(R"(
.section .debug_info
{
.b32 120
.b8 2, 0
.b64 $L__func_begin0
$L__info_string0:
.b8 95,90,0
{ .b8 1 }
}
.section .debug_loc { }
.global .u32 after;
)");
  ASSERT_EQ(m.globals.size(), 1u);
  EXPECT_EQ(m.globals[0].name, "after");
}

TEST(ParseModule, EntryWithParametersAndPerformanceDirectives) {
  Module m = parse_ok(R"(
.visible .entry k(
  .param .u64 .ptr .global .align 16 a,
  .param .u64 .ptr .align 4 b,
  .param .align 8 .b8 c[16],
  .param .f32 d
)
.maxntid 256, 1, 1
.reqntid 32, 8
.minnctapersm 2
.maxnctapersm 3
.maxnreg 40
.pragma "nounroll";
{
  ret;
}
)");
  ASSERT_EQ(m.functions.size(), 1u);
  const Function& f = m.functions[0];
  EXPECT_TRUE(f.is_entry);
  EXPECT_TRUE(f.is_visible);
  EXPECT_TRUE(f.has_body);
  EXPECT_EQ(f.name, "k");
  ASSERT_EQ(f.params.size(), 4u);
  EXPECT_TRUE(f.params[0].is_ptr);
  EXPECT_EQ(f.params[0].ptr_space, StateSpace::Global);
  EXPECT_EQ(f.params[0].ptr_align, 16u);
  EXPECT_EQ(f.params[0].align, 0u);
  EXPECT_EQ(f.params[0].type, Type::U64);
  EXPECT_EQ(f.params[1].ptr_space, StateSpace::Generic);
  EXPECT_EQ(f.params[1].ptr_align, 4u);
  EXPECT_EQ(f.params[2].align, 8u);
  EXPECT_EQ(f.params[2].type, Type::B8);
  EXPECT_EQ(f.params[2].dims, std::vector<uint64_t>{16});
  EXPECT_EQ(f.params[3].type, Type::F32);
  EXPECT_EQ(f.perf.maxntid, (std::vector<uint32_t>{256, 1, 1}));
  EXPECT_EQ(f.perf.reqntid, (std::vector<uint32_t>{32, 8}));
  EXPECT_EQ(f.perf.minnctapersm, 2u);
  EXPECT_EQ(f.perf.maxnctapersm, 3u);
  EXPECT_EQ(f.perf.maxnreg, 40u);
  EXPECT_EQ(f.perf.pragmas, std::vector<std::string>{"nounroll"});
}

TEST(ParseModule, FuncWithReturnsDeclarationsAndLinkage) {
  Module m = parse_ok(R"(
.extern .func (.param .b32 func_retval0) vprintf(.param .b64 a, .param .b64 b);
.weak .func (.param .b64 r0, .param .b32 r1) two();
.func noargs
{
  ret;
}
.visible .func die() .noreturn
{
  trap;
}
.func (.reg .b32 out) old_style(.reg .b32 in)
{
  ret;
}
)");
  ASSERT_EQ(m.functions.size(), 5u);
  EXPECT_TRUE(m.functions[0].is_extern);
  EXPECT_FALSE(m.functions[0].has_body);
  ASSERT_EQ(m.functions[0].returns.size(), 1u);
  EXPECT_EQ(m.functions[0].returns[0].name, "func_retval0");
  EXPECT_EQ(m.functions[0].params.size(), 2u);
  EXPECT_TRUE(m.functions[1].is_weak);
  EXPECT_EQ(m.functions[1].returns.size(), 2u);
  EXPECT_TRUE(m.functions[1].params.empty());
  EXPECT_EQ(m.functions[2].name, "noargs");
  EXPECT_TRUE(m.functions[2].has_body);
  EXPECT_TRUE(m.functions[3].perf.noreturn);
  EXPECT_EQ(m.functions[4].params[0].space, StateSpace::Reg);
  EXPECT_EQ(m.functions[4].returns[0].space, StateSpace::Reg);
}

TEST(ParseModule, AliasDirective) {
  Module m = parse_ok(".func impl() { ret; }\n.alias al, impl;\n");
  ASSERT_EQ(m.aliases.size(), 1u);
  EXPECT_EQ(m.aliases[0].alias, "al");
  EXPECT_EQ(m.aliases[0].aliasee, "impl");
}

TEST(ParseModule, VariableDeclarationAttributes) {
  Module m = parse_ok(R"(
.visible .global .align 16 .v4 .f32 vec4;
.extern .shared .align 16 .b8 smem[];
.weak .const .u32 w;
.common .global .u64 c;
.global .u32 m3[2][3][4];
.global .attribute(.managed) .align 4 .u32 managed_var;
.global .texref t;
.tex .u64 old_tex;
.shared .align 4 .b8 a[8], b[16];
)");
  ASSERT_EQ(m.globals.size(), 10u);
  const VarDecl& v = m.globals[0];
  EXPECT_TRUE(v.is_visible);
  EXPECT_EQ(v.space, StateSpace::Global);
  EXPECT_EQ(v.align, 16u);
  EXPECT_EQ(v.vector_width, 4u);
  EXPECT_EQ(v.type, Type::F32);
  EXPECT_TRUE(m.globals[1].is_extern);
  EXPECT_EQ(m.globals[1].space, StateSpace::Shared);
  EXPECT_EQ(m.globals[1].dims, std::vector<uint64_t>{0});
  EXPECT_TRUE(m.globals[2].is_weak);
  EXPECT_EQ(m.globals[2].space, StateSpace::Const);
  EXPECT_TRUE(m.globals[3].is_common);
  EXPECT_EQ(m.globals[4].dims, (std::vector<uint64_t>{2, 3, 4}));
  EXPECT_EQ(m.globals[5].name, "managed_var");
  EXPECT_EQ(m.globals[6].type, Type::TexRef);
  EXPECT_EQ(m.globals[7].space, StateSpace::Tex);
  EXPECT_EQ(m.globals[8].name, "a");
  EXPECT_EQ(m.globals[9].name, "b");
  EXPECT_EQ(m.globals[9].dims, std::vector<uint64_t>{16});
  EXPECT_EQ(m.globals[9].align, 4u);
}

std::vector<uint64_t> init_bits(const VarDecl& v) {
  std::vector<uint64_t> bits;
  for (const auto& e : v.init) bits.push_back(e.bits);
  return bits;
}

TEST(ParseModule, ScalarAndArrayInitializersConvertToTheVariableType) {
  Module m = parse_ok(R"(
.global .u32 a = 7;
.global .s32 b = -1;
.global .u8 c[4] = {1, 0x102, -1, 0b11};
.global .f32 d[4] = {1.5, 0f40490FDB, -2, 0d3FF0000000000000};
.global .f64 e[3] = {0d400921FB54442D18, 1, 0f3F800000};
.global .f16 f[2] = {1.0, -2};
.global .bf16 g = 1.0;
.global .b32 h = 0f3F800000;
.global .s16 i[2][2] = {{1, 2}, {3, -4}};
.global .u64 j = 0xFFFFFFFFFFFFFFFF;
)");
  ASSERT_EQ(m.globals.size(), 10u);
  EXPECT_EQ(init_bits(m.globals[0]), std::vector<uint64_t>{7});
  EXPECT_EQ(init_bits(m.globals[1]), std::vector<uint64_t>{0xFFFFFFFFu});
  EXPECT_EQ(init_bits(m.globals[2]), (std::vector<uint64_t>{1, 2, 0xFF, 3}));
  EXPECT_EQ(init_bits(m.globals[3]), (std::vector<uint64_t>{0x3FC00000, 0x40490FDB, 0xC0000000, 0x3F800000}));
  EXPECT_EQ(init_bits(m.globals[4]),
            (std::vector<uint64_t>{0x400921FB54442D18, 0x3FF0000000000000, 0x3FF0000000000000}));
  EXPECT_EQ(init_bits(m.globals[5]), (std::vector<uint64_t>{0x3C00, 0xC000}));
  EXPECT_EQ(init_bits(m.globals[6]), std::vector<uint64_t>{0x3F80});
  EXPECT_EQ(init_bits(m.globals[7]), std::vector<uint64_t>{0x3F800000});
  EXPECT_EQ(init_bits(m.globals[8]), (std::vector<uint64_t>{1, 2, 3, 0xFFFC}));
  EXPECT_EQ(init_bits(m.globals[9]), std::vector<uint64_t>{UINT64_MAX});
}

TEST(ParseModule, FloatInitializersRoundToNearestEven) {
  // 1 + 2^-24 lies exactly halfway between two f32 values: ties to even gives 1.0.
  // 0.1 is not representable: f32 0x3DCCCCCD, f16 0x2E66.
  Module m = parse_ok(R"(
.global .f32 a[3] = {1.000000059604644775390625, 0.1, 1e39};
.global .f16 b[3] = {0.1, 65520, 5.960464477539063e-08};
)");
  EXPECT_EQ(init_bits(m.globals[0]), (std::vector<uint64_t>{0x3F800000, 0x3DCCCCCD, 0x7F800000}));
  // 65520 rounds up to infinity in f16; 2^-24 is the smallest f16 subnormal.
  EXPECT_EQ(init_bits(m.globals[1]), (std::vector<uint64_t>{0x2E66, 0x7C00, 0x0001}));
}

TEST(ParseModule, SymbolInitializers) {
  Module m = parse_ok(R"(
.global .u32 x;
.global .u64 p[5] = {x, generic(x), x+8, generic(x)+4, x-4};
.global .u64 q = generic(x+12);
)");
  const auto& init = m.globals[1].init;
  ASSERT_EQ(init.size(), 5u);
  EXPECT_EQ(init[0].symbol, "x");
  EXPECT_FALSE(init[0].generic);
  EXPECT_TRUE(init[1].generic);
  EXPECT_EQ(init[2].offset, 8);
  EXPECT_TRUE(init[3].generic);
  EXPECT_EQ(init[3].offset, 4);
  EXPECT_EQ(init[4].offset, -4);
  EXPECT_TRUE(m.globals[2].init[0].generic);
  EXPECT_EQ(m.globals[2].init[0].offset, 12);
}

TEST(ParseModule, EmptyAndCommentOnlyInputsAreEmptyModules) {
  Module m = parse_ok("// nothing here\n/* at all */\n");
  EXPECT_TRUE(m.functions.empty());
  EXPECT_TRUE(m.globals.empty());
  EXPECT_EQ(m.address_size, 64u);
}

}  // namespace
}  // namespace canopy::ptx
