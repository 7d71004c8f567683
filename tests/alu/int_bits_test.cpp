// Bit-manipulation, logic, shift, prmt and dot-product handlers against bit-by-bit references written
// from the PTX ISA pseudo-code.
#include "tests/alu/int_test_support.h"

namespace canopy::gpu::alu::testing {
namespace {

uint64_t bit(uint64_t v, unsigned i) { return (v >> i) & 1; }

struct BitType {
  DataType type;
  unsigned bits;
  bool is_signed;
};
const BitType kTypes32And64[] = {{DataType::U32, 32, false},
                                 {DataType::S32, 32, true},
                                 {DataType::U64, 64, false},
                                 {DataType::S64, 64, true}};

std::vector<uint64_t> small_and_edge(unsigned bits) {
  auto v = edge_values(bits, 2);
  for (uint64_t x : {4u, 7u, 8u, 15u, 16u, 24u, 31u, 32u, 33u, 63u, 64u, 65u, 255u, 256u, 0x1ffu})
    v.push_back(x);
  return v;
}

TEST(IntBits, PopcClzBrev) {
  for (const auto& t : kTypes32And64) {
    auto vals = edge_values(t.bits, 8);
    check_all(make_instr(Opcode::Popc, t.type, 1), vals, [&](const auto& s) {
      uint64_t n = 0;
      for (unsigned i = 0; i < t.bits; ++i) n += bit(s[0], i);
      return n;
    });
    check_all(make_instr(Opcode::Clz, t.type, 1), vals, [&](const auto& s) {
      uint64_t n = 0;
      for (int i = t.bits - 1; i >= 0 && !bit(s[0], i); --i) ++n;
      return n;
    });
    check_all(make_instr(Opcode::Brev, t.type, 1), vals, [&](const auto& s) {
      uint64_t r = 0;
      for (unsigned i = 0; i < t.bits; ++i) r |= bit(s[0], i) << (t.bits - 1 - i);
      return r;
    });
  }
}

TEST(IntBits, BfindFindsTheTopNonSignBit) {
  for (const auto& t : kTypes32And64) {
    for (bool shiftamt : {false, true}) {
      isa::Instr in = make_instr(Opcode::Bfind, t.type, 1);
      in.mods.shiftamt = shiftamt;
      check_all(in, edge_values(t.bits, 8), [&](const auto& s) {
        uint64_t a = s[0];
        if (t.is_signed && bit(a, t.bits - 1)) a = truncate(~a, t.bits);
        uint64_t d = 0xffffffff;
        for (int i = t.bits - 1; i >= 0; --i) {
          if (bit(a, i)) {
            d = i;
            break;
          }
        }
        if (shiftamt && d != 0xffffffff) d = t.bits - 1 - d;
        return d;
      });
    }
  }
}

TEST(IntBits, BfeFollowsThePtxPseudoCode) {
  for (const auto& t : kTypes32And64) {
    check_all(
        make_instr(Opcode::Bfe, t.type, 3), small_and_edge(t.bits),
        [&](const auto& s) {
          unsigned msb = t.bits - 1, pos = s[1] & 0xff, len = s[2] & 0xff;
          uint64_t sbit = (!t.is_signed || len == 0) ? 0 : bit(s[0], std::min(pos + len - 1, msb));
          uint64_t d = 0;
          for (unsigned i = 0; i <= msb; ++i)
            d |= ((i < len && pos + i <= msb) ? bit(s[0], pos + i) : sbit) << i;
          return d;
        },
        20000);
  }
}

TEST(IntBits, BfiFollowsThePtxPseudoCode) {
  for (DataType type : {DataType::B32, DataType::B64}) {
    unsigned bits = isa::bit_width(type);
    check_all(
        make_instr(Opcode::Bfi, type, 4), small_and_edge(bits),
        [&](const auto& s) {
          unsigned msb = bits - 1, pos = s[2] & 0xff, len = s[3] & 0xff;
          uint64_t f = s[1];
          for (unsigned i = 0; i < len && pos + i <= msb; ++i)
            f = (f & ~(uint64_t{1} << (pos + i))) | (bit(s[0], i) << (pos + i));
          return f;
        },
        20000);
  }
}

TEST(IntBits, FnsFindsTheNthSetBit) {
  std::vector<uint64_t> vals = {0xaaaaaaaau, 0,  0xffffffffu, 0x80000001u,     1, 2,
                                3,           31, 32,          0xffffffffu - 1, 5};
  check_all(make_instr(Opcode::Fns, DataType::B32, 3), vals, [&](const auto& s) {
    uint32_t mask = s[0], base = s[1];
    int32_t offset = static_cast<int32_t>(s[2]);
    if (base > 31) return uint64_t{0xffffffff};
    if (offset == 0) return bit(mask, base) ? uint64_t{base} : uint64_t{0xffffffff};
    int64_t count = (offset > 0 ? int64_t{offset} : -int64_t{offset}) - 1;
    for (int pos = base; pos >= 0 && pos<32; pos += offset> 0 ? 1 : -1) {
      if (bit(mask, pos)) {
        if (count == 0) return uint64_t(pos);
        --count;
      }
    }
    return uint64_t{0xffffffff};
  });
}

TEST(IntBits, LogicOnRegisters) {
  for (DataType t : {DataType::B16, DataType::B32, DataType::B64, DataType::U32, DataType::S64}) {
    unsigned bits = isa::bit_width(t);
    auto vals = edge_values(bits);
    check_all(make_instr(Opcode::And, t, 2), vals, [](const auto& s) { return s[0] & s[1]; });
    check_all(make_instr(Opcode::Or, t, 2), vals, [](const auto& s) { return s[0] | s[1]; });
    check_all(make_instr(Opcode::Xor, t, 2), vals, [](const auto& s) { return s[0] ^ s[1]; });
    check_all(make_instr(Opcode::Not, t, 1), vals, [&](const auto& s) { return truncate(~s[0], bits); });
    check_all(make_instr(Opcode::Cnot, t, 1), vals, [](const auto& s) { return uint64_t{s[0] == 0}; });
  }
}

TEST(IntBits, Lop3EvaluatesTheTruthTable) {
  // Truth tables are F(0xf0, 0xcc, 0xaa): e.g. 0x80 = a & b & c, 0xfe = a | b | c, 0x96 = a ^ b ^ c.
  std::vector<uint64_t> vals = {0,    0xffffffffu, 0xf0f0f0f0u, 0x12345678u, 0xcccccccc, 0xaaaaaaaau,
                                0x96, 0x80,        0xfe,        0x1e,        0x01,       0x3c};
  check_lanes<32>(make_instr(Opcode::Lop3, DataType::B32, 4), vals, [&](const auto& s) {
    uint64_t r = 0;
    for (unsigned i = 0; i < 32; ++i) {
      unsigned idx = bit(s[0], i) << 2 | bit(s[1], i) << 1 | bit(s[2], i);
      r |= uint64_t{((s[3] & 0xff) >> idx) & 1} << i;
    }
    return r;
  });
  auto lop = [](uint32_t a, uint32_t b, uint32_t c, uint32_t lut) {
    isa::Instr in = make_instr(Opcode::Lop3, DataType::B32, 4);
    in.src[3] = isa::Operand::immediate(lut);
    Rig<32> rig;
    rig.src[0].fill(a);
    rig.src[1].fill(b);
    rig.src[2].fill(c);
    rig.src[3].fill(lut);
    rig.run(select<32>(in), in);
    return rig.dst[0][0];
  };
  EXPECT_EQ(lop(0xf0, 0xcc, 0xaa, 0x80), 0x80u);  // a & b & c
  EXPECT_EQ(lop(0xf0, 0xcc, 0xaa, 0xfe), 0xfeu);  // a | b | c
  EXPECT_EQ(lop(0xf0, 0xcc, 0xaa, 0x96), 0x96u);  // a ^ b ^ c
  EXPECT_EQ(lop(0x12345678, 0xffff0000, 0, 0xc0), 0x12340000u);
}

TEST(IntBits, ShiftsClampLargeAmounts) {
  for (DataType t : {DataType::B16, DataType::U16, DataType::S16, DataType::B32, DataType::U32, DataType::S32,
                     DataType::B64, DataType::U64, DataType::S64}) {
    unsigned bits = isa::bit_width(t);
    auto vals = small_and_edge(bits);
    vals.push_back(0xffffffffu);
    vals.push_back(0x100000001u);  // amount only uses the low 32 bits: 1
    check_all(make_instr(Opcode::Shl, t, 2), vals, [&](const auto& s) {
      uint64_t n = truncate(s[1], 32);
      return n >= bits ? 0 : truncate(s[0] << n, bits);
    });
    check_all(make_instr(Opcode::Shr, t, 2), vals, [&](const auto& s) {
      uint64_t n = truncate(s[1], 32);
      if (isa::is_signed(t)) {
        int64_t v = sign_extend(s[0], bits);
        return truncate(static_cast<uint64_t>(n >= bits ? (v < 0 ? -1 : 0) : v >> n), bits);
      }
      return n >= bits ? 0 : truncate(s[0], bits) >> n;
    });
  }
}

TEST(IntBits, ShfFunnelShiftsPerPtx) {
  for (bool left : {false, true}) {
    for (bool clamp : {false, true}) {
      isa::Instr in = make_instr(Opcode::Shf, DataType::B32, 3);
      in.mods.shf_left = left;
      in.mods.shf_clamp = clamp;
      check_all(in, small_and_edge(32), [&](const auto& s) {
        uint64_t c = truncate(s[2], 32);
        uint64_t n = clamp ? std::min<uint64_t>(c, 32) : c & 31;
        uint64_t wide = (truncate(s[1], 32) << 32) | truncate(s[0], 32);
        if (left) return n == 0 ? truncate(s[1], 32) : truncate((wide << n) >> 32, 32);
        return truncate(wide >> n, 32);
      });
    }
  }
  // PTX examples: a 64-bit rotate built from two shf.
  isa::Instr in = make_instr(Opcode::Shf, DataType::B32, 3);
  in.mods.shf_left = true;
  Rig<32> rig;
  rig.src[0].fill(0x89abcdefu);
  rig.src[1].fill(0x01234567u);
  rig.src[2].fill(36);  // wraps to 4
  rig.run(select<32>(in), in);
  EXPECT_EQ(rig.dst[0][0], 0x12345678u);
  in.mods.shf_clamp = true;
  rig.run(select<32>(in), in);
  EXPECT_EQ(rig.dst[0][0], 0x89abcdefu);  // clamped to 32: the high word is a
}

uint32_t run_prmt(uint32_t a, uint32_t b, uint32_t c, isa::PrmtMode mode) {
  isa::Instr in = make_instr(Opcode::Prmt, DataType::B32, 3);
  in.mods.prmt = mode;
  Rig<32> rig;
  rig.src[0].fill(a);
  rig.src[1].fill(b);
  rig.src[2].fill(c);
  rig.run(select<32>(in), in);
  return static_cast<uint32_t>(rig.dst[0][31]);
}

TEST(IntBits, PrmtDefaultModePicksAndSignExtendsBytes) {
  EXPECT_EQ(run_prmt(0x03020100, 0x07060504, 0x7531, isa::PrmtMode::Default), 0x07050301u);  // CUB's example
  EXPECT_EQ(run_prmt(0x03020100, 0x07060504, 0x3210, isa::PrmtMode::Default), 0x03020100u);
  EXPECT_EQ(run_prmt(0x03020100, 0x07060504, 0x4567, isa::PrmtMode::Default), 0x04050607u);
  EXPECT_EQ(run_prmt(0x80017f00, 0, 0x8b9a, isa::PrmtMode::Default), 0x00ff0000u);  // sign of bytes 2,1,3,0
  EXPECT_EQ(run_prmt(0x80017f00, 0, 0xba98, isa::PrmtMode::Default), 0xff000000u);  // only byte 3 is negative
  EXPECT_EQ(run_prmt(0x11223344, 0x55667788, 0xffff0000, isa::PrmtMode::Default),
            0x44444444u);  // upper c ignored
}

TEST(IntBits, PrmtModesFollowThePtxTable) {
  uint32_t a = 0x33221100, b = 0x77665544;  // byte k holds 0xkk
  struct Row {
    isa::PrmtMode mode;
    uint32_t expected[4];
  };
  const Row rows[] = {
      {isa::PrmtMode::F4e, {0x33221100, 0x44332211, 0x55443322, 0x66554433}},
      {isa::PrmtMode::B4e, {0x55667700, 0x66770011, 0x77001122, 0x00112233}},
      {isa::PrmtMode::Rc8, {0x00000000, 0x11111111, 0x22222222, 0x33333333}},
      {isa::PrmtMode::Ecl, {0x33221100, 0x33221111, 0x33222222, 0x33333333}},
      {isa::PrmtMode::Ecr, {0x00000000, 0x11111100, 0x22221100, 0x33221100}},
      {isa::PrmtMode::Rc16, {0x11001100, 0x33223322, 0x11001100, 0x33223322}},
  };
  for (const auto& row : rows) {
    for (uint32_t c = 0; c < 4; ++c) {
      EXPECT_EQ(run_prmt(a, b, c | 0xfffffff0u * (c & 1), row.mode), row.expected[c])
          << "mode " << static_cast<int>(row.mode) << " c " << c;
    }
  }
}

TEST(IntBits, Dp4aAndDp2aPerSignedness) {
  auto ext = [](uint64_t v, unsigned pos, unsigned bits, bool s) -> int64_t {
    uint64_t e = (v >> pos) & ((uint64_t{1} << bits) - 1);
    return s ? sign_extend(e, bits) : static_cast<int64_t>(e);
  };
  for (DataType ta : {DataType::U32, DataType::S32}) {
    for (DataType tb : {DataType::U32, DataType::S32}) {
      bool sa = ta == DataType::S32, sb = tb == DataType::S32;
      auto vals = edge_values(32, 3);
      check_all(make_instr(Opcode::Dp4a, ta, 3, tb), vals, [&](const auto& s) {
        int64_t sum = static_cast<int64_t>(truncate(s[2], 32));
        for (unsigned k = 0; k < 4; ++k) sum += ext(s[0], 8 * k, 8, sa) * ext(s[1], 8 * k, 8, sb);
        return truncate(static_cast<uint64_t>(sum), 32);
      });
      for (bool hi : {false, true}) {
        isa::Instr in = make_instr(Opcode::Dp2a, ta, 3, tb);
        in.mods.mul = hi ? isa::MulMode::Hi : isa::MulMode::Lo;
        check_all(in, vals, [&](const auto& s) {
          int64_t sum = static_cast<int64_t>(truncate(s[2], 32));
          for (unsigned k = 0; k < 2; ++k)
            sum += ext(s[0], 16 * k, 16, sa) * ext(s[1], 8 * (k + (hi ? 2 : 0)), 8, sb);
          return truncate(static_cast<uint64_t>(sum), 32);
        });
      }
    }
  }
}

TEST(IntBits, PredicateLogicWritesActiveLanesOfTheMask) {
  for (Opcode op : {Opcode::And, Opcode::Or, Opcode::Xor, Opcode::Not}) {
    isa::Instr in = make_instr(op, DataType::Pred, op == Opcode::Not ? 1 : 2);
    in.dst[0] = isa::Operand::pred(0);
    in.src[0] = isa::Operand::pred(1);
    if (op != Opcode::Not) in.src[1] = isa::Operand::pred(2);
    Rig<64> rig;
    rig.src_mask[0] = 0xff00ff00ff00ff00u;
    rig.src_mask[1] = 0xf0f0f0f0f0f0f0f0u;
    rig.dst_mask[0] = 0x123456789abcdef0u;
    uint64_t exec = 0x00000000ffffffffu;
    rig.run(select<64>(in), in, exec);
    uint64_t a = rig.src_mask[0], b = rig.src_mask[1];
    uint64_t r = op == Opcode::And ? a & b : op == Opcode::Or ? a | b : op == Opcode::Xor ? a ^ b : ~a;
    EXPECT_EQ(rig.dst_mask[0], (0x123456789abcdef0u & ~exec) | (r & exec)) << isa::info(op).mnemonic;
  }
}

TEST(IntBits, InvalidBitCombinationsAreRejected) {
  EXPECT_NE(rejection(make_instr(Opcode::Popc, DataType::B16, 1)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Bfe, DataType::U16, 3)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Shf, DataType::B64, 3)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Prmt, DataType::B16, 3)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Cnot, DataType::Pred, 1)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Dp4a, DataType::U32, 3, DataType::U16)), "");
  EXPECT_NE(rejection(make_instr(Opcode::Shl, DataType::F32, 2)), "");
}

}  // namespace
}  // namespace canopy::gpu::alu::testing
