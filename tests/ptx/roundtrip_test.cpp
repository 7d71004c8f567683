// Real compiler output parses, and parse(print(parse(x))) equals parse(x) for it and for hand-written PTX.
#include <gtest/gtest.h>

#include "ptx/parser.h"
#include "ptx/printer.h"
#include "tests/ptx/ptx_test_util.h"

namespace canopy::ptx {
namespace {

using testing::AstDiff;
using testing::parse_ok;
using testing::read_test_file;

const char* const kRealFiles[] = {
    "clang14_saxpy.ptx",        "clang14_reduce.ptx",
    "clang14_fib.ptx",          "clang14_local_array.ptx",
    "clang14_matmul.ptx",       "clang14_math_atomics.ptx",
    "clang14_debug_matmul.ptx", "nvcc_saxpy.ptx",
    "nvcc_reduce.ptx",          "nvcc_fib.ptx",
    "nvcc_local_array.ptx",     "nvcc_matmul.ptx",
    "nvcc_math_atomics.ptx",    "nvcc_lineinfo_reduce.ptx",
    "nvcc_debug_fib.ptx",
};

void expect_round_trip(const std::string& text, const std::string& name) {
  Module first = parse_ok(text, name);
  std::string printed = print(first);
  auto second = parse(printed, name + ".printed");
  ASSERT_TRUE(second.ok()) << second.error().message << "\n--- printed ---\n" << printed;
  EXPECT_EQ(AstDiff::modules(first, *second), "") << "--- printed ---\n" << printed;
  // Printing is a fixed point after one round.
  EXPECT_EQ(print(*second), printed);
}

class RealPtx : public ::testing::TestWithParam<const char*> {};

TEST_P(RealPtx, ParsesAndRoundTrips) {
  std::string text = read_test_file(std::string("ptx/") + GetParam());
  ASSERT_FALSE(text.empty()) << "missing test data " << GetParam();
  expect_round_trip(text, GetParam());
}

INSTANTIATE_TEST_SUITE_P(CompilerOutput, RealPtx, ::testing::ValuesIn(kRealFiles), [](const auto& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

const Function* find_function(const Module& m, const std::string& name) {
  for (const auto& f : m.functions)
    if (f.name == name && f.has_body) return &f;
  return nullptr;
}

size_t count_instructions(const Block& b, const std::string& opcode) {
  size_t n = 0;
  for (const auto& s : b.statements) {
    if (auto* i = std::get_if<Instruction>(&s)) n += i->opcode == opcode;
    if (auto* inner = std::get_if<std::unique_ptr<Block>>(&s)) n += count_instructions(**inner, opcode);
  }
  return n;
}

TEST(RealPtxContent, ClangSaxpyHasExpectedShape) {
  Module m = parse_ok(read_test_file("ptx/clang14_saxpy.ptx"));
  EXPECT_EQ(m.targets, std::vector<std::string>{"sm_70"});
  EXPECT_EQ(m.address_size, 64u);
  const Function* f = find_function(m, "_Z5saxpyifPKfPf");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->is_entry);
  EXPECT_TRUE(f->is_visible);
  ASSERT_EQ(f->params.size(), 4u);
  EXPECT_EQ(f->params[1].type, Type::F32);
  EXPECT_EQ(count_instructions(f->body, "ld"), 6u);  // four params, two globals
}

TEST(RealPtxContent, NvccDebugFileRecordsFilesAndLocations) {
  Module m = parse_ok(read_test_file("ptx/nvcc_debug_fib.ptx"));
  ASSERT_EQ(m.files.count(1), 1u);
  EXPECT_NE(m.files[1].find("fib.cu"), std::string::npos);
  EXPECT_EQ(m.targets, (std::vector<std::string>{"sm_80", "debug"}));
  const Function* fib = find_function(m, "_Z3fibi");
  ASSERT_NE(fib, nullptr);
  bool saw_debug = false;
  for (const auto& s : fib->body.statements)
    if (auto* i = std::get_if<Instruction>(&s); i && i->debug) {
      saw_debug = true;
      EXPECT_EQ(i->debug->file, 1u);
      EXPECT_GE(i->debug->line, 2u);
    }
  EXPECT_TRUE(saw_debug);
}

TEST(RealPtxContent, NvccShuffleWithPredicateDestinationHasTwoDestinations) {
  Module m = parse_ok(read_test_file("ptx/nvcc_lineinfo_reduce.ptx"));
  const Function* f = find_function(m, "_Z10reduce_sumPKiPii");
  ASSERT_NE(f, nullptr);
  bool found = false;
  for (const auto& s : f->body.statements) {
    auto* i = std::get_if<Instruction>(&s);
    if (!i || i->opcode != "shfl") continue;
    found = true;
    ASSERT_EQ(i->operands.size(), 6u);
    EXPECT_EQ(i->operands[1].name.substr(0, 2), "%p");
  }
  EXPECT_TRUE(found);
}

const Instruction* find_in_blocks(const Block& b, const std::string& opcode, size_t operand_count) {
  for (const auto& s : b.statements) {
    if (auto* i = std::get_if<Instruction>(&s);
        i && i->opcode == opcode && i->operands.size() == operand_count)
      return i;
    if (auto* inner = std::get_if<std::unique_ptr<Block>>(&s))
      if (auto* found = find_in_blocks(**inner, opcode, operand_count)) return found;
  }
  return nullptr;
}

TEST(RealPtxContent, IndirectCallThroughPrototypeAndFunctionTable) {
  for (const char* file : {"ptx/clang14_fib.ptx", "ptx/nvcc_fib.ptx"}) {
    Module m = parse_ok(read_test_file(file));
    bool table = false;
    for (const auto& g : m.globals)
      if (g.name == "table") {
        table = true;
        ASSERT_EQ(g.init.size(), 2u) << file;
        EXPECT_EQ(g.init[0].symbol, "_Z5twicei") << file;
        EXPECT_EQ(g.init[1].symbol, "_Z6squarei") << file;
      }
    EXPECT_TRUE(table) << file;
    const Function* kernel = find_function(m, "_Z10fib_kernelPii");
    ASSERT_NE(kernel, nullptr) << file;
    const Instruction* call = find_in_blocks(kernel->body, "call", 4);
    ASSERT_NE(call, nullptr) << file;
    EXPECT_EQ(call->operands[0].kind, Operand::Kind::ParamList);
    EXPECT_EQ(call->operands[1].name.substr(0, 3), "%rd");
    EXPECT_EQ(call->operands[3].name.substr(0, 10), "prototype_");
  }
}

TEST(RoundTrip, HandWrittenCoversEveryConstruct) {
  const char* text = R"(
.version 7.8
.target sm_80, texmode_independent, debug
.address_size 64
.file 1 "a \"quoted\" name.cu", 1700000000, 1234
.file 2 "b.cu"

.extern .func (.param .b32 rv) ext_fn(.param .b64 a, .param .b32 b);
.visible .global .align 8 .u64 tbl[3] = {fn_a, generic(gvar), gvar+8};
.global .align 4 .u32 gvar = 0x10U;
.weak .global .s32 neg[2] = {-1, -2147483648};
.common .global .f32 fl[2] = {1.5, -0f3F800000};
.const .f64 dd = 0d400921FB54442D18;
.const .f16 half_one = 1;
.global .bf16 bf = 0f40490FDB;
.global .v2 .u32 pair = {1, 2};
.global .b8 grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
.global .texref tref;
.tex .u64 tex_old;
.extern .shared .align 16 .b8 smem[];
.shared .align 4 .b8 static_smem[128];

.func (.param .b32 rv) fn_a(.param .b32 x) .noreturn
{
  .reg .b32 %r<4>;
  .loc 2 10 5
  ld.param.b32 %r1, [x];
  .loc 2 11 7, function_name $L__info0, inlined_at 1 3 4
  st.param.b32 [rv+0], %r1;
  ret;
}

.visible .entry kern(
  .param .u64 .ptr .global .align 16 p0,
  .param .align 8 .b8 p1[16],
  .param .u32 p2
)
.maxntid 128, 2, 1
.reqntid 64
.minnctapersm 2
.maxnctapersm 4
.maxnreg 64
.pragma "nounroll";
{
  .reg .pred %p<3>;
  .reg .b32 %r<20>;
  .reg .b64 %rd<10>;
  .reg .f32 %f<10>;
  .reg .f64 %fd<2>;
  .local .align 4 .b8 depot[40];
  .shared .align 4 .f32 tile[16][16];
  mov.u32 %r1, %tid.x;
  mov.u32 %r2, %ctaid.y;
  mov.u32 %r3, %laneid;
  mov.u64 %rd1, %clock64;
  mov.u32 %r4, %lanemask_lt;
  mov.u32 %r5, %dynamic_smem_size;
  mov.u64 %rd2, tile+8;
  mov.u64 %rd3, depot;
  mov.b32 %r6, 0b1011;
  mov.b32 %r7, 017;
  mov.b32 %r8, -42;
  mov.f32 %f1, 0F3F800000;
  mov.f64 %fd1, 0D3FF0000000000000;
  mov.f64 %fd1, 1e-3;
  mov.f32 %f2, -0f3F800000;
  setp.lt.s32 %p1|%p2, %r1, %r2;
  setp.lt.and.s32 %p1|%p2, %r1, %r2, !%p1;
  setp.ne.or.s32 %p1, %r1, 0, %p2;
  selp.b32 %r9, 1, 0, !%p1;
  @%p1 bra $L_skip;
  @!%p2 bra.uni $L_skip;
  ld.global.v4.f32 {%f1, %f2, %f3, %f4}, [%rd1+16];
  ld.global.v2.u32 {%r1, _}, [%rd1+-8];
  st.shared.f32 [tile+4], %f1;
  ld.const.f64 %fd1, [dd];
  ld.global.u32 %r10, [1024];
  mov.b64 %rd4, {%r1, %r2};
  tex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [tref, {%f5, %f6}];
  tex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [tref, %rd5, {%f5, %f6}];
  mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%f1, %f2, %f3, %f4}, {%r1, %r2, %r3, %r4}, {%r5, %r6}, {%f5, %f6, %f7, %f8};
  shfl.sync.down.b32 %r11|%p1, %r1, 1, 31, -1;
  shfl.sync.bfly.b32 %r12, %r1, 16, 31, 0xffffffff;
  atom.global.add.f32 %f9, [%rd1], %f1;
  ld.shared::cta.u32 %r13, [%rd1];
  cvta.to.global.u64 %rd6, %rd1;
  bar.warp.sync -1;
  bar.sync 0;
  {
    .reg .b32 inner;
    .param .b32 param0;
    .param .b32 retval0;
    st.param.b32 [param0+0], %r1;
    call.uni (retval0), fn_a, (param0);
    ld.param.b32 %r14, [retval0+0];
    {
      prototype_1 : .callprototype (.param .b32 _) _ (.param .b32 _, .param .align 8 .b8 _[16]);
      call (retval0), %rd2, (param0, param0), prototype_1;
    }
  }
  call fn_void, (%r1);
  call fn_void;
  call.uni (retval0), fn_a, ();
  /* block comment
     spanning lines */
$L_skip:
  .pragma "unroll", "other";
  exit;
}

.func fn_void(.reg .b32 v)
{
  ret;
}

.alias fn_alias, fn_void;
)";
  expect_round_trip(text, "handwritten.ptx");
}

}  // namespace
}  // namespace canopy::ptx
