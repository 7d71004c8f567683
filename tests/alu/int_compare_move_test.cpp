// setp/set with integer types, and mov/pack/unpack/selp/slct.
#include <cstring>

#include "tests/alu/int_test_support.h"

namespace canopy::gpu::alu::testing {
namespace {

using isa::BoolOp;
using isa::CmpOp;

const CmpOp kIntCmps[] = {CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt,
                          CmpOp::Ge, CmpOp::Lo, CmpOp::Ls, CmpOp::Hi, CmpOp::Hs};

bool reference_compare(CmpOp op, uint64_t a, uint64_t b, unsigned bits, bool is_signed) {
  int64_t sa = sign_extend(a, bits), sb = sign_extend(b, bits);
  uint64_t ua = truncate(a, bits), ub = truncate(b, bits);
  switch (op) {
    case CmpOp::Eq:
      return ua == ub;
    case CmpOp::Ne:
      return ua != ub;
    case CmpOp::Lt:
      return is_signed ? sa < sb : ua < ub;
    case CmpOp::Le:
      return is_signed ? sa <= sb : ua <= ub;
    case CmpOp::Gt:
      return is_signed ? sa > sb : ua > ub;
    case CmpOp::Ge:
      return is_signed ? sa >= sb : ua >= ub;
    case CmpOp::Lo:
      return ua < ub;
    case CmpOp::Ls:
      return ua <= ub;
    case CmpOp::Hi:
      return ua > ub;
    case CmpOp::Hs:
      return ua >= ub;
    default:
      return false;
  }
}

isa::Instr setp_instr(DataType t, CmpOp cmp, BoolOp boolop, bool two_dsts) {
  isa::Instr in = make_instr(Opcode::Setp, t, boolop == BoolOp::None ? 2 : 3);
  in.mods.cmp = cmp;
  in.mods.boolop = boolop;
  in.ndst = two_dsts ? 2 : 1;
  in.dst[0] = isa::Operand::pred(0);
  if (two_dsts) in.dst[1] = isa::Operand::pred(1);
  if (boolop != BoolOp::None) in.src[2] = isa::Operand::pred(5);
  return in;
}

uint64_t apply_boolop(BoolOp op, uint64_t t, uint64_t c) {
  switch (op) {
    case BoolOp::And:
      return t & c;
    case BoolOp::Or:
      return t | c;
    case BoolOp::Xor:
      return t ^ c;
    default:
      return t;
  }
}

TEST(IntCompare, SetpEveryIntegerOperatorTypeAndBoolop) {
  for (DataType t : {DataType::U16, DataType::S16, DataType::B32, DataType::U32, DataType::S32, DataType::U64,
                     DataType::S64}) {
    unsigned bits = isa::bit_width(t);
    auto vals = edge_values(bits, 0);
    for (CmpOp cmp : kIntCmps) {
      for (BoolOp boolop : {BoolOp::None, BoolOp::And, BoolOp::Or, BoolOp::Xor}) {
        isa::Instr in = setp_instr(t, cmp, boolop, true);
        AluHandler<64> h = select<64>(in);
        ASSERT_NE(h, nullptr);
        Rig<64> rig;
        for (int l = 0; l < 64; ++l) {
          rig.src[0][l] = vals[l % vals.size()];
          rig.src[1][l] = vals[(l / vals.size() + l) % vals.size()];
        }
        rig.src_mask[2] = 0x0f0f0f0f0f0f0f0fu;
        uint64_t exec = 0xfffffffffffff00fu;
        rig.dst_mask = {0x1111, 0x2222, 0, 0};
        rig.run(h, in, exec);
        uint64_t tm = 0;
        for (int l = 0; l < 64; ++l)
          tm |= uint64_t{reference_compare(cmp, rig.src[0][l], rig.src[1][l], bits, isa::is_signed(t))} << l;
        uint64_t p = apply_boolop(boolop, tm, rig.src_mask[2]),
                 q = apply_boolop(boolop, ~tm, rig.src_mask[2]);
        EXPECT_EQ(rig.dst_mask[0], (0x1111 & ~exec) | (p & exec));
        EXPECT_EQ(rig.dst_mask[1], (0x2222 & ~exec) | (q & exec));
      }
    }
  }
}

TEST(IntCompare, SetWritesAllOnesOrOneFloat) {
  for (DataType result : {DataType::U32, DataType::S32, DataType::F32}) {
    for (CmpOp cmp : {CmpOp::Lt, CmpOp::Hs, CmpOp::Ne}) {
      isa::Instr in = make_instr(Opcode::Set, result, 2, DataType::S32);
      in.mods.cmp = cmp;
      uint64_t one = result == DataType::F32 ? 0x3f800000u : 0xffffffffu;
      check_all(in, edge_values(32), [&](const auto& s) {
        return reference_compare(cmp, s[0], s[1], 32, true) ? one : uint64_t{0};
      });
    }
  }
  // set.eq.and.u32.u64 with a predicate.
  isa::Instr in = make_instr(Opcode::Set, DataType::U32, 3, DataType::U64);
  in.mods.boolop = BoolOp::And;
  in.src[2] = isa::Operand::pred(3);
  Rig<32> rig;
  rig.src_mask[2] = 0xaaaaaaaau;
  rig.run(select<32>(in), in);  // all zeros compare equal
  for (int l = 0; l < 32; ++l) EXPECT_EQ(rig.dst[0][l], l % 2 ? 0xffffffffu : 0u);
}

TEST(IntCompare, FloatComparisonsBelongToTheFloatSide) {
  std::string why;
  EXPECT_EQ(select_integer_handler<32>(setp_instr(DataType::F32, CmpOp::Lt, BoolOp::None, false), &why),
            nullptr);
  EXPECT_EQ(select_integer_handler<32>(make_instr(Opcode::Set, DataType::U32, 2, DataType::F64), &why),
            nullptr);
  EXPECT_EQ(why, "");
  EXPECT_NE(rejection(setp_instr(DataType::S32, CmpOp::Equ, BoolOp::None, false)), "");
  EXPECT_NE(rejection(setp_instr(DataType::S32, CmpOp::Nan, BoolOp::None, false)), "");
  isa::Instr missing_pred = setp_instr(DataType::S32, CmpOp::Lt, BoolOp::And, false);
  missing_pred.nsrc = 2;
  EXPECT_NE(rejection(missing_pred), "");
  EXPECT_NE(rejection(make_instr(Opcode::Set, DataType::U64, 2, DataType::S32)), "");
}

TEST(IntMove, MovTruncatesToTheTypeWidth) {
  for (DataType t : {DataType::B8, DataType::U16, DataType::F16, DataType::B32, DataType::F32,
                     DataType::F16x2, DataType::S64, DataType::F64}) {
    unsigned bits = isa::bit_width(t);
    check_all(make_instr(Opcode::Mov, t, 1), edge_values(64),
              [&](const auto& s) { return truncate(s[0], bits); });
  }
}

TEST(IntMove, MovPredCopiesTheMaskOrAnImmediate) {
  isa::Instr in = make_instr(Opcode::Mov, DataType::Pred, 1);
  in.dst[0] = isa::Operand::pred(0);
  in.src[0] = isa::Operand::pred(1);
  Rig<32> rig;
  rig.src_mask[0] = 0x12345678u;
  rig.dst_mask[0] = 0xffffffffu;
  rig.run(select<32>(in), in, 0x0000ffffu);
  EXPECT_EQ(rig.dst_mask[0], 0xffff5678u);
  in.src[0] = isa::Operand::immediate(1);
  rig.src[0].fill(1);  // immediates arrive broadcast
  rig.run(select<32>(in), in);
  EXPECT_EQ(rig.dst_mask[0], 0xffffffffu);
}

TEST(IntMove, PackAndUnpackPutElementZeroLowest) {
  struct Case {
    DataType elem;
    int count;
  };
  for (Case c : {Case{DataType::B16, 2}, Case{DataType::B32, 2}, Case{DataType::B16, 4},
                 Case{DataType::B8, 4}, Case{DataType::F16, 2}}) {
    unsigned bits = isa::bit_width(c.elem);
    isa::Instr pack = make_instr(Opcode::Pack, c.elem, c.count);
    check_all(
        pack, edge_values(64, 1),
        [&](const auto& s) {
          uint64_t v = 0;
          for (int k = 0; k < c.count; ++k) v |= truncate(s[k], bits) << (k * bits);
          return v;
        },
        3000);
    isa::Instr unpack = make_instr(Opcode::Unpack, c.elem, 1);
    unpack.ndst = static_cast<uint8_t>(c.count);
    for (int k = 0; k < c.count; ++k) unpack.dst[k] = isa::Operand::reg(10 + k);
    Rig<32> rig;
    for (int l = 0; l < 32; ++l) rig.src[0][l] = 0x0123456789abcdefu * (l + 1);
    rig.run(select<32>(unpack), unpack);
    for (int l = 0; l < 32; ++l) {
      for (int k = 0; k < c.count; ++k) EXPECT_EQ(rig.dst[k][l], truncate(rig.src[0][l] >> (k * bits), bits));
    }
  }
  EXPECT_NE(rejection(make_instr(Opcode::Pack, DataType::B32, 4)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Pack, DataType::B16, 3)), "");
}

TEST(IntMove, UnpackIntoItsOwnSourceAndSkipsMissingDestinations) {
  isa::Instr in = make_instr(Opcode::Unpack, DataType::B32, 1);
  in.ndst = 2;
  Rig<32> rig;
  for (int l = 0; l < 32; ++l) rig.src[0][l] = 0x1111111122222222u + l;
  AluOperands<32> o = rig.operands(in, full_lane_mask<32>());
  o.dst[0] = rig.src[0].data();  // d0 is the source register
  o.dst[1] = nullptr;            // `_`
  std::array<uint64_t, 32> expect = rig.src[0];
  select<32>(in)(in, o);
  for (int l = 0; l < 32; ++l) EXPECT_EQ(rig.src[0][l], truncate(expect[l], 32));
}

TEST(IntMove, SelpPicksByPredicate) {
  for (DataType t : {DataType::B16, DataType::S32, DataType::F32, DataType::U64, DataType::F64}) {
    unsigned bits = isa::bit_width(t);
    isa::Instr in = make_instr(Opcode::Selp, t, 3);
    in.src[2] = isa::Operand::pred(2);
    Rig<64> rig;
    for (int l = 0; l < 64; ++l) {
      rig.src[0][l] = 0xaaaaaaaaaaaaaaaau + l;
      rig.src[1][l] = 0x5555555555555555u + l;
      rig.dst[0][l] = 7;
    }
    rig.src_mask[2] = 0xf0f0f0f0f0f0f0f0u;
    uint64_t exec = ~uint64_t{0} << 4;
    rig.run(select<64>(in), in, exec);
    for (int l = 0; l < 64; ++l) {
      uint64_t want = ((exec >> l) & 1) == 0
                          ? 7
                          : truncate(((rig.src_mask[2] >> l) & 1) ? rig.src[0][l] : rig.src[1][l], bits);
      EXPECT_EQ(rig.dst[0][l], want) << l;
    }
  }
}

uint32_t f32_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

TEST(IntMove, SlctOnS32AndF32IncludingSignedZeroNanAndFtz) {
  isa::Instr s32 = make_instr(Opcode::Slct, DataType::U32, 3, DataType::S32);
  check_all(s32, {1, 2, 0, 0x7fffffff, 0x80000000u, 0xffffffffu, 0xffffffff00000000u}, [](const auto& s) {
    return sign_extend(s[2], 32) >= 0 ? truncate(s[0], 32) : truncate(s[1], 32);
  });
  const uint32_t kNegSubnormal = 0x80000001u;
  struct Case {
    uint32_t c;
    bool ftz;
    bool take_a;
  };
  const Case cases[] = {
      {f32_bits(1.0f), false, true},  {f32_bits(-1.0f), false, false}, {f32_bits(0.0f), false, true},
      {f32_bits(-0.0f), false, true}, {0x7fc00000u, false, false},     {0xffc00000u, false, false},
      {0x7f800000u, false, true},     {0xff800000u, false, false},     {kNegSubnormal, false, false},
      {kNegSubnormal, true, true},    {0x00000001u, true, true}};
  for (const Case& c : cases) {
    isa::Instr in = make_instr(Opcode::Slct, DataType::F64, 3, DataType::F32);
    in.mods.ftz = c.ftz;
    Rig<32> rig;
    rig.src[0].fill(0x1111111111111111u);
    rig.src[1].fill(0x2222222222222222u);
    rig.src[2].fill(c.c);
    rig.run(select<32>(in), in);
    EXPECT_EQ(rig.dst[0][0], c.take_a ? 0x1111111111111111u : 0x2222222222222222u) << std::hex << c.c;
  }
  EXPECT_NE(rejection(make_instr(Opcode::Slct, DataType::U32, 3, DataType::U32)), "");
}

TEST(IntSelect, ThePublicSelectorUsesTheIntegerSideFirst) {
  std::string why;
  EXPECT_NE(select_alu_handler<32>(make_instr(Opcode::Add, DataType::S32, 2), &why), nullptr);
  EXPECT_NE(select_alu_handler<64>(make_instr(Opcode::Prmt, DataType::B32, 3), &why), nullptr);
  isa::Instr sat_u32 = make_instr(Opcode::Add, DataType::U32, 2);
  sat_u32.mods.sat = true;
  EXPECT_EQ(select_alu_handler<32>(sat_u32, &why), nullptr);
  EXPECT_NE(why.find(".sat"), std::string::npos) << why;
}

}  // namespace
}  // namespace canopy::gpu::alu::testing
