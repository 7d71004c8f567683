// Statements inside function bodies: declarations, labels, instructions and every operand form.
#include <gtest/gtest.h>

#include "tests/ptx/ptx_test_util.h"

namespace canopy::ptx {
namespace {

using testing::parse_ok;
using Kind = Operand::Kind;

// Parses `body` inside a .func and returns its top-level statements.
std::vector<Statement> body_of(const std::string& body) {
  Module m = parse_ok(".func f()\n{\n" + body + "\n}\n");
  if (m.functions.size() != 1) return {};
  return std::move(m.functions[0].body.statements);
}

Instruction only_instruction(const std::string& text) {
  auto statements = body_of(text);
  EXPECT_EQ(statements.size(), 1u) << text;
  if (statements.size() != 1 || !std::holds_alternative<Instruction>(statements[0])) return {};
  return std::get<Instruction>(std::move(statements[0]));
}

TEST(ParseBody, OpcodeSplitsIntoModifiersInOrder) {
  Instruction i =
      only_instruction("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%f1}, {%r1}, {%r2}, {%f2};");
  EXPECT_EQ(i.opcode, "mma");
  EXPECT_EQ(i.modifiers, (std::vector<std::string>{"sync", "aligned", "m16n8k16", "row", "col", "f32", "f16",
                                                   "f16", "f32"}));
  EXPECT_EQ(only_instruction("bar.warp.sync -1;").modifiers, (std::vector<std::string>{"warp", "sync"}));
  EXPECT_EQ(only_instruction("cvta.to.global.u64 %rd1, %rd2;").modifiers,
            (std::vector<std::string>{"to", "global", "u64"}));
  EXPECT_EQ(only_instruction("ld.global.v4.f32 {%f1, %f2, %f3, %f4}, [%rd1];").modifiers,
            (std::vector<std::string>{"global", "v4", "f32"}));
  EXPECT_EQ(only_instruction("ld.shared::cta.u32 %r1, [%rd1];").modifiers,
            (std::vector<std::string>{"shared::cta", "u32"}));
  Instruction ret = only_instruction("ret;");
  EXPECT_EQ(ret.opcode, "ret");
  EXPECT_TRUE(ret.modifiers.empty());
  EXPECT_TRUE(ret.operands.empty());
}

TEST(ParseBody, GuardPredicates) {
  Instruction a = only_instruction("@%p1 bra $L__BB0_2;");
  ASSERT_TRUE(a.guard.has_value());
  EXPECT_EQ(a.guard->predicate, "%p1");
  EXPECT_FALSE(a.guard->negated);
  EXPECT_EQ(a.operands[0].name, "$L__BB0_2");
  Instruction b = only_instruction("@!%p2 bra.uni L1;");
  EXPECT_TRUE(b.guard->negated);
  EXPECT_EQ(b.guard->predicate, "%p2");
}

TEST(ParseBody, RegistersSpecialRegistersAndComponents) {
  Instruction i = only_instruction("mad.lo.s32 %r1, %tid.x, %ctaid.y, %laneid;");
  ASSERT_EQ(i.operands.size(), 4u);
  EXPECT_EQ(i.operands[1].kind, Kind::Register);
  EXPECT_EQ(i.operands[1].name, "%tid");
  EXPECT_EQ(i.operands[1].component, "x");
  EXPECT_EQ(i.operands[2].name, "%ctaid");
  EXPECT_EQ(i.operands[2].component, "y");
  EXPECT_EQ(i.operands[3].name, "%laneid");
  EXPECT_EQ(i.operands[3].component, "");
  EXPECT_EQ(only_instruction("mov.u64 %rd1, %clock64;").operands[1].name, "%clock64");
  EXPECT_EQ(only_instruction("mov.u32 %r1, %lanemask_lt;").operands[1].name, "%lanemask_lt");
  EXPECT_EQ(only_instruction("mov.u32 %r1, %dynamic_smem_size;").operands[1].name, "%dynamic_smem_size");
}

TEST(ParseBody, Immediates) {
  Instruction i = only_instruction(
      "foo %r1, 42, -7, 0x10, 017, 0b101, 5U, 0f3F800000, 0d4000000000000000, 1.5, "
      "-0f3F800000, -2.0;");
  ASSERT_EQ(i.operands.size(), 12u);
  int64_t ints[] = {42, -7, 16, 15, 5, 5};
  for (size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(i.operands[k + 1].kind, Kind::IntImm);
    EXPECT_EQ(i.operands[k + 1].int_value, ints[k]);
  }
  EXPECT_EQ(i.operands[7].kind, Kind::FloatImm);
  EXPECT_EQ(i.operands[7].float_bits, 0x3F800000u);
  EXPECT_FALSE(i.operands[7].is_double);
  EXPECT_EQ(i.operands[8].float_bits, 0x4000000000000000u);
  EXPECT_TRUE(i.operands[8].is_double);
  EXPECT_EQ(i.operands[9].float_bits, 0x3FF8000000000000u);
  EXPECT_TRUE(i.operands[9].is_double);
  EXPECT_EQ(i.operands[10].float_bits, 0xBF800000u);
  EXPECT_EQ(i.operands[11].float_bits, 0xC000000000000000u);
}

TEST(ParseBody, AddressForms) {
  struct Case {
    const char* text;
    const char* base;
    int64_t offset;
  } cases[] = {
      {"ld.u32 %r1, [%rd1];", "%rd1", 0},     {"ld.u32 %r1, [%rd1+8];", "%rd1", 8},
      {"ld.u32 %r1, [%rd1+-8];", "%rd1", -8}, {"ld.u32 %r1, [%rd1-12];", "%rd1", -12},
      {"ld.u32 %r1, [sym];", "sym", 0},       {"ld.u32 %r1, [sym+4];", "sym", 4},
      {"ld.u32 %r1, [1024];", "", 1024},      {"ld.u32 %r1, [ %rd1 + 0x10 ];", "%rd1", 16},
  };
  for (const auto& c : cases) {
    Instruction i = only_instruction(c.text);
    ASSERT_EQ(i.operands.size(), 2u) << c.text;
    EXPECT_EQ(i.operands[1].kind, Kind::Address) << c.text;
    EXPECT_EQ(i.operands[1].address.base, c.base) << c.text;
    EXPECT_EQ(i.operands[1].address.offset, c.offset) << c.text;
    EXPECT_TRUE(i.operands[1].elements.empty());
  }
}

TEST(ParseBody, TextureAddressKeepsCoordinatesInElements) {
  Instruction i = only_instruction("tex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [tex_ref, {%f5, %f6}];");
  EXPECT_EQ(i.opcode, "tex");
  EXPECT_EQ(i.modifiers, (std::vector<std::string>{"2d", "v4", "f32", "f32"}));
  ASSERT_EQ(i.operands.size(), 2u);
  EXPECT_EQ(i.operands[0].kind, Kind::Vector);
  EXPECT_EQ(i.operands[0].elements.size(), 4u);
  const Operand& addr = i.operands[1];
  EXPECT_EQ(addr.kind, Kind::Address);
  EXPECT_EQ(addr.address.base, "tex_ref");
  ASSERT_EQ(addr.elements.size(), 1u);
  EXPECT_EQ(addr.elements[0].kind, Kind::Vector);
  EXPECT_EQ(addr.elements[0].elements[1].name, "%f6");

  Instruction s = only_instruction("tex.2d.v4.f32.f32 {%f1, %f2, %f3, %f4}, [t, smp, {%f5, %f6}];");
  ASSERT_EQ(s.operands[1].elements.size(), 2u);
  EXPECT_EQ(s.operands[1].elements[0].name, "smp");
}

TEST(ParseBody, VectorOperandsWithSinks) {
  Instruction i = only_instruction("ld.global.v4.u32 {%r1, _, %r3, _}, [%rd1];");
  const Operand& v = i.operands[0];
  ASSERT_EQ(v.kind, Kind::Vector);
  ASSERT_EQ(v.elements.size(), 4u);
  EXPECT_EQ(v.elements[1].kind, Kind::Register);
  EXPECT_EQ(v.elements[1].name, "_");
  Instruction mov = only_instruction("mov.b64 %rd1, {%r1, %r2};");
  EXPECT_EQ(mov.operands[1].elements.size(), 2u);
}

TEST(ParseBody, NegatedPredicateOperands) {
  Instruction i = only_instruction("selp.b32 %r1, 1, 0, !%p1;");
  EXPECT_TRUE(i.operands[3].negated);
  EXPECT_EQ(i.operands[3].name, "%p1");
  EXPECT_FALSE(i.operands[0].negated);
}

TEST(ParseBody, SetpDualDestinationIsTwoRegisterOperands) {
  Instruction i = only_instruction("setp.lt.and.s32 %p1|%p2, %r1, %r2, !%p3;");
  ASSERT_EQ(i.operands.size(), 5u);
  EXPECT_EQ(i.operands[0].name, "%p1");
  EXPECT_EQ(i.operands[1].name, "%p2");
  EXPECT_EQ(i.operands[1].kind, Kind::Register);
  EXPECT_EQ(i.operands[2].name, "%r1");
  EXPECT_TRUE(i.operands[4].negated);
  EXPECT_EQ(only_instruction("setp.lt.s32 %p1, %r1, %r2;").operands.size(), 3u);
}

TEST(ParseBody, SymbolPlusOffsetAsValue) {
  Instruction i = only_instruction("mov.u64 %rd1, arr+8;");
  EXPECT_EQ(i.operands[1].kind, Kind::SymbolOffset);
  EXPECT_EQ(i.operands[1].name, "arr");
  EXPECT_EQ(i.operands[1].int_value, 8);
  EXPECT_EQ(only_instruction("mov.u64 %rd1, arr;").operands[1].kind, Kind::Register);
  EXPECT_EQ(only_instruction("mov.u64 %rd1, arr+-8;").operands[1].int_value, -8);
  EXPECT_EQ(only_instruction("mov.u64 %rd1, arr-8;").operands[1].int_value, -8);
}

TEST(ParseBody, CallForms) {
  Instruction a = only_instruction("call.uni (retval0), func, (param0, param1);");
  EXPECT_EQ(a.modifiers, std::vector<std::string>{"uni"});
  ASSERT_EQ(a.operands.size(), 3u);
  EXPECT_EQ(a.operands[0].kind, Kind::ParamList);
  EXPECT_EQ(a.operands[0].elements[0].name, "retval0");
  EXPECT_EQ(a.operands[1].kind, Kind::Register);
  EXPECT_EQ(a.operands[1].name, "func");
  EXPECT_EQ(a.operands[2].elements.size(), 2u);

  Instruction b = only_instruction("call func, (p);");
  ASSERT_EQ(b.operands.size(), 2u);
  EXPECT_EQ(b.operands[0].name, "func");
  EXPECT_EQ(b.operands[1].kind, Kind::ParamList);

  EXPECT_EQ(only_instruction("call func;").operands.size(), 1u);

  Instruction d = only_instruction("call (retval0), %rd1, (param0), proto;");
  ASSERT_EQ(d.operands.size(), 4u);
  EXPECT_EQ(d.operands[1].name, "%rd1");
  EXPECT_EQ(d.operands[3].name, "proto");

  Instruction e = only_instruction("call.uni (retval0),\n  f,\n  (\n  );");
  EXPECT_TRUE(e.operands[2].elements.empty());
}

TEST(ParseBody, DeclarationsLabelsPragmasAndNestedBlocks) {
  auto s = body_of(R"(
  .reg .pred %p<5>;
  .reg .b32 %r<100>, %single;
  .reg .v2 .f32 %v;
  .local .align 8 .b8 __local_depot0[40];
  .shared .align 4 .b32 tile[16][16];
  .param .b32 local_param;
$L__BB0_1:
  .pragma "nounroll";
  { // callseq 0
    .reg .b32 temp_param_reg;
    .param .b32 param0;
    { ret; }
  }
)");
  ASSERT_EQ(s.size(), 10u);
  const auto& p = std::get<VarDecl>(s[0]);
  EXPECT_EQ(p.space, StateSpace::Reg);
  EXPECT_EQ(p.type, Type::Pred);
  EXPECT_EQ(p.range_count, 5u);
  EXPECT_EQ(std::get<VarDecl>(s[1]).range_count, 100u);
  EXPECT_EQ(std::get<VarDecl>(s[2]).name, "%single");
  EXPECT_EQ(std::get<VarDecl>(s[2]).range_count, 0u);
  EXPECT_EQ(std::get<VarDecl>(s[3]).vector_width, 2u);
  EXPECT_EQ(std::get<VarDecl>(s[4]).space, StateSpace::Local);
  EXPECT_EQ(std::get<VarDecl>(s[5]).dims, (std::vector<uint64_t>{16, 16}));
  EXPECT_EQ(std::get<VarDecl>(s[6]).space, StateSpace::Param);
  EXPECT_EQ(std::get<Label>(s[7]).name, "$L__BB0_1");
  EXPECT_EQ(std::get<Pragma>(s[8]).text, "nounroll");
  const auto& block = std::get<std::unique_ptr<Block>>(s[9]);
  ASSERT_EQ(block->statements.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<std::unique_ptr<Block>>(block->statements[2]));
}

TEST(ParseBody, CallPrototypes) {
  auto s = body_of(R"(
  prototype_0 : .callprototype (.param .b32 _) _ (.param .b64 _, .param .align 16 .b8 _[32]);
  prototype_1 : .callprototype ()_ (.param .b32 _);
  proto_2 : .callprototype _ ();
)");
  ASSERT_EQ(s.size(), 3u);
  const auto& a = std::get<CallPrototype>(s[0]);
  EXPECT_EQ(a.name, "prototype_0");
  ASSERT_EQ(a.returns.size(), 1u);
  EXPECT_EQ(a.returns[0].name, "");
  EXPECT_EQ(a.returns[0].type, Type::B32);
  ASSERT_EQ(a.params.size(), 2u);
  EXPECT_EQ(a.params[1].align, 16u);
  EXPECT_EQ(a.params[1].dims, std::vector<uint64_t>{32});
  EXPECT_TRUE(std::get<CallPrototype>(s[1]).returns.empty());
  EXPECT_EQ(std::get<CallPrototype>(s[1]).params.size(), 1u);
  EXPECT_TRUE(std::get<CallPrototype>(s[2]).params.empty());
}

TEST(ParseBody, LocAppliesToFollowingInstructionsAndResetsPerFunction) {
  Module m = parse_ok(R"(
.func a()
{
  mov.u32 %r1, 0;
  .loc 1 10 5
  mov.u32 %r1, 1;
  { mov.u32 %r1, 2; }
  .loc 2 20 0, function_name $L__info_string0, inlined_at 1 30 7
  mov.u32 %r1, 3;
}
.func b()
{
  ret;
}
)");
  const auto& s = m.functions[0].body.statements;
  EXPECT_FALSE(std::get<Instruction>(s[0]).debug.has_value());
  const auto& d1 = std::get<Instruction>(s[1]).debug;
  ASSERT_TRUE(d1.has_value());
  EXPECT_EQ(d1->file, 1u);
  EXPECT_EQ(d1->line, 10u);
  EXPECT_EQ(d1->column, 5u);
  const auto& inner = std::get<std::unique_ptr<Block>>(s[2]);
  EXPECT_EQ(std::get<Instruction>(inner->statements[0]).debug->line, 10u);
  const auto& d3 = std::get<Instruction>(s[3]).debug;
  EXPECT_EQ(d3->file, 2u);
  EXPECT_EQ(d3->line, 20u);
  EXPECT_FALSE(std::get<Instruction>(m.functions[1].body.statements[0]).debug.has_value());
}

TEST(ParseBody, SourcePositionsPointAtTokens) {
  Module m = parse_ok(".func f()\n{\n  @%p1 add.s32 %r1, %r2, 4;\n}\n");
  const auto& i = std::get<Instruction>(m.functions[0].body.statements[0]);
  EXPECT_EQ(i.loc.line, 3u);
  EXPECT_EQ(i.loc.column, 3u);
  EXPECT_EQ(i.operands[2].loc.line, 3u);
  EXPECT_EQ(i.operands[2].loc.column, 26u);
  EXPECT_EQ(m.functions[0].loc.line, 1u);
}

}  // namespace
}  // namespace canopy::ptx
