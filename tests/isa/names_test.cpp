#include "isa/names.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace canopy::isa {
namespace {

template <typename E>
void expect_distinct_names() {
  std::set<std::string_view> seen;
  for (size_t i = 0; i < enum_count<E>(); ++i) {
    const std::string_view n = name(static_cast<E>(i));
    EXPECT_FALSE(n.empty()) << "value " << i;
    EXPECT_NE(n, "?") << "value " << i;
    EXPECT_TRUE(seen.insert(n).second) << "duplicate name " << n;
  }
  EXPECT_EQ(name(static_cast<E>(enum_count<E>())), "?");
}

TEST(Names, EveryEnumValueHasADistinctName) {
  expect_distinct_names<Opcode>();
  expect_distinct_names<Unit>();
  expect_distinct_names<Form>();
  expect_distinct_names<DataType>();
  expect_distinct_names<Rounding>();
  expect_distinct_names<CmpOp>();
  expect_distinct_names<BoolOp>();
  expect_distinct_names<MulMode>();
  expect_distinct_names<Space>();
  expect_distinct_names<CacheOp>();
  expect_distinct_names<AtomOp>();
  expect_distinct_names<Scope>();
  expect_distinct_names<MemOrder>();
  expect_distinct_names<PrmtMode>();
  expect_distinct_names<BarOp>();
  expect_distinct_names<TestClass>();
  expect_distinct_names<ShflMode>();
  expect_distinct_names<VoteMode>();
  expect_distinct_names<SpecialReg>();
  expect_distinct_names<OperandKind>();
}

TEST(Names, UsePtxSpellings) {
  EXPECT_EQ(name(DataType::F32), "f32");
  EXPECT_EQ(name(DataType::BF16x2), "bf16x2");
  EXPECT_EQ(name(DataType::Pred), "pred");
  EXPECT_EQ(name(Rounding::Rn), "rn");
  EXPECT_EQ(name(Rounding::Rzi), "rzi");
  EXPECT_EQ(name(CmpOp::Geu), "geu");
  EXPECT_EQ(name(CmpOp::Hs), "hs");
  EXPECT_EQ(name(Space::Global), "global");
  EXPECT_EQ(name(Space::ParamKernel), "param::entry");
  EXPECT_EQ(name(MemOrder::AcqRel), "acq_rel");
  EXPECT_EQ(name(MemOrder::SeqCst), "sc");
  EXPECT_EQ(name(AtomOp::Exch), "exch");
  EXPECT_EQ(name(BarOp::RedPopc), "red.popc");
  EXPECT_EQ(name(SpecialReg::LaneId), "laneid");
  EXPECT_EQ(name(SpecialReg::LanemaskLt), "lanemask_lt");
  EXPECT_EQ(name(SpecialReg::Clock64), "clock64");
  EXPECT_EQ(name(Opcode::S2R), "s2r");
  EXPECT_EQ(name(Opcode::Activemask), "activemask");
}

}  // namespace
}  // namespace canopy::isa
