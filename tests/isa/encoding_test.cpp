#include "isa/encoding.h"

#include <gtest/gtest.h>

#include "isa/disasm.h"
#include "isa_test_util.h"

namespace canopy::isa {
namespace {

using testing::alu;
using testing::random_instr;
using testing::Rng;

Expected<Instr> decode_all(const std::vector<uint8_t>& bytes) {
  size_t pos = 0;
  auto in = decode(bytes.data(), bytes.size(), pos);
  if (in && pos != bytes.size()) return make_error("decode stopped early");
  return in;
}

TEST(Encoding, EveryOpcodeRoundTripsRandomInstructions) {
  Rng rng(0xC0FFEE);
  for (size_t op = 0; op < enum_count<Opcode>(); ++op) {
    for (int trial = 0; trial < 200; ++trial) {
      const Instr in = random_instr(static_cast<Opcode>(op), rng);
      ASSERT_TRUE(validate(in).ok()) << disassemble(in);
      std::vector<uint8_t> bytes;
      encode(in, bytes);
      auto out = decode_all(bytes);
      ASSERT_TRUE(out.ok()) << name(in.op) << ": " << out.error().message;
      ASSERT_EQ(*out, in) << disassemble(in) << " came back as " << disassemble(*out);
    }
  }
}

TEST(Encoding, StreamOfInstructionsDecodesInOrder) {
  Rng rng(7);
  std::vector<Instr> ins;
  std::vector<uint8_t> bytes;
  for (int i = 0; i < 500; ++i) {
    ins.push_back(random_instr(static_cast<Opcode>(rng.below(enum_count<Opcode>())), rng));
    encode(ins.back(), bytes);
  }
  size_t pos = 0;
  for (const Instr& expected : ins) {
    auto in = decode(bytes.data(), bytes.size(), pos);
    ASSERT_TRUE(in.ok()) << in.error().message;
    EXPECT_EQ(*in, expected);
  }
  EXPECT_EQ(pos, bytes.size());
}

TEST(Encoding, ExtremeFieldValuesRoundTrip) {
  Instr in = alu(Opcode::Mov, DataType::B64, {Operand::reg(0xffffffffu)}, {Operand::immediate(~0ull)});
  in.guard = 0xfffffffeu;
  in.offset = INT64_MIN;
  in.addr = Operand::reg(0xffffffffu);
  in.target = 0xfffffffeu;
  in.reconverge = 0;
  in.line = 0xffffffffu;
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  auto out = decode_all(bytes);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out, in);
}

TEST(Encoding, CommonInstructionIsCompact) {
  Instr in = alu(Opcode::Add, DataType::S32, {Operand::reg(3)}, {Operand::reg(1), Operand::immediate(4)});
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  EXPECT_EQ(bytes.size(), 4u + 2 + 2 + 2);  // header + three 2-byte operands
  const Instr nop{};
  bytes.clear();
  encode(nop, bytes);
  EXPECT_EQ(bytes.size(), 4u);
}

TEST(Encoding, HeaderIsLittleEndianWithDocumentedFields) {
  Instr in = alu(Opcode::Add, DataType::S32, {Operand::reg(3)}, {Operand::reg(1), Operand::reg(2)});
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  const uint32_t header = bytes[0] | bytes[1] << 8 | bytes[2] << 16 | uint32_t{bytes[3]} << 24;
  EXPECT_EQ(enc::kOpcode.get(header), static_cast<uint32_t>(Opcode::Add));
  EXPECT_EQ(bytes[0], static_cast<uint8_t>(Opcode::Add));
  EXPECT_EQ(enc::kType.get(header), static_cast<uint32_t>(DataType::S32));
  EXPECT_EQ(enc::kNdst.get(header), 1u);
  EXPECT_EQ(enc::kNsrc.get(header), 2u);
  EXPECT_EQ(header >> 24, 0u);  // nothing optional present
  EXPECT_EQ(bytes[4], 0x05);    // descriptor: kind reg, index class u8
  EXPECT_EQ(bytes[5], 3);
}

TEST(Encoding, DecodeRejectsOpcodeOutOfRange) {
  std::vector<uint8_t> bytes = {static_cast<uint8_t>(enum_count<Opcode>()), 0, 0, 0};
  size_t pos = 0;
  auto in = decode(bytes.data(), bytes.size(), pos);
  ASSERT_FALSE(in.ok());
  EXPECT_NE(in.error().message.find("opcode"), std::string::npos);
  bytes[0] = 0xff;
  pos = 0;
  EXPECT_FALSE(decode(bytes.data(), bytes.size(), pos).ok());
}

TEST(Encoding, DecodeRejectsTypeOutOfRange) {
  const uint32_t header = enc::kOpcode.put(uint32_t(Opcode::Add)) | enc::kType.put(31);
  std::vector<uint8_t> bytes;
  ByteWriter(bytes).u32(header);
  size_t pos = 0;
  EXPECT_FALSE(decode(bytes.data(), bytes.size(), pos).ok());
}

TEST(Encoding, DecodeRejectsTooManyOperands) {
  // nop takes no operands; mov at most one destination and one source.
  for (auto [op, ndst, nsrc] : {std::tuple{Opcode::Nop, 1u, 0u},
                                {Opcode::Mov, 2u, 0u},
                                {Opcode::Mov, 1u, 2u},
                                {Opcode::Ld, 5u, 0u}}) {
    const uint32_t header = enc::kOpcode.put(uint32_t(op)) | enc::kNdst.put(ndst) | enc::kNsrc.put(nsrc);
    std::vector<uint8_t> bytes;
    ByteWriter(bytes).u32(header);
    bytes.resize(bytes.size() + 20, 0);  // operands of kind none
    size_t pos = 0;
    auto in = decode(bytes.data(), bytes.size(), pos);
    EXPECT_FALSE(in.ok()) << name(op) << " " << ndst << " " << nsrc;
  }
}

TEST(Encoding, DecodeRejectsBadModifierValues) {
  Instr in = alu(Opcode::Ld, DataType::U32, {Operand::reg(1)}, {});
  in.mods.vec = 2;
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  // header, mods word (varint, 2 bytes for bit 8), vec value byte
  ASSERT_EQ(bytes[6], 2);
  bytes[6] = 3;
  EXPECT_FALSE(decode_all(bytes).ok());
  bytes[6] = 2;
  ASSERT_TRUE(decode_all(bytes).ok());

  Instr setp = alu(Opcode::Setp, DataType::S32, {Operand::pred(0)}, {Operand::reg(0), Operand::reg(1)});
  setp.mods.cmp = CmpOp::Ne;
  bytes.clear();
  encode(setp, bytes);
  ASSERT_EQ(bytes[4], 0x02);  // mods word: cmp present
  ASSERT_EQ(bytes[5], static_cast<uint8_t>(CmpOp::Ne));
  bytes[5] = static_cast<uint8_t>(enum_count<CmpOp>());
  EXPECT_FALSE(decode_all(bytes).ok());
}

TEST(Encoding, DecodeRejectsUnknownModifierBitsAndReservedOperandBit) {
  Instr in = alu(Opcode::Mov, DataType::U32, {Operand::reg(1)}, {Operand::reg(2)});
  in.mods.ftz = true;
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  ASSERT_EQ(bytes[4], 0x10);  // mods word = ftz
  // The mods word (LEB128) with only the first bit past the defined fields set. (A bit of a defined field
  // would make the decoder read a value and might succeed, whatever the bit means.)
  std::vector<uint8_t> bad = bytes;
  std::vector<uint8_t> word(kModsWordBits / 7, 0x80);
  word.push_back(static_cast<uint8_t>(1u << (kModsWordBits % 7)));
  bad.erase(bad.begin() + 4);
  bad.insert(bad.begin() + 4, word.begin(), word.end());
  EXPECT_FALSE(decode_all(bad).ok());
  bad = bytes;
  bad[5] |= 0x80;  // reserved bit of the first operand descriptor
  EXPECT_FALSE(decode_all(bad).ok());
}

TEST(Encoding, DecodeRejectsImmediateAddress) {
  Instr in = alu(Opcode::Ld, DataType::U32, {Operand::reg(1)}, {});
  in.addr = Operand::immediate(0x100);
  EXPECT_FALSE(validate(in).ok());
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  EXPECT_FALSE(decode_all(bytes).ok());
}

TEST(Encoding, EveryTruncationIsRejectedWithoutReadingPastTheEnd) {
  Rng rng(99);
  for (int trial = 0; trial < 300; ++trial) {
    const Instr in = random_instr(static_cast<Opcode>(rng.below(enum_count<Opcode>())), rng);
    std::vector<uint8_t> bytes;
    encode(in, bytes);
    for (size_t len = 0; len < bytes.size(); ++len) {
      // A fresh exact-size copy, so ASan catches any read past `len`.
      std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(len));
      size_t pos = 0;
      EXPECT_FALSE(decode(cut.data(), cut.size(), pos).ok()) << "length " << len << " of " << bytes.size();
    }
  }
}

TEST(Encoding, DecodeRejectsOverlongVarints) {
  Instr in = alu(Opcode::Nop, DataType::None, {}, {});
  in.line = 5;
  std::vector<uint8_t> bytes;
  encode(in, bytes);
  ASSERT_EQ(bytes.size(), 5u);
  bytes.back() = 0x85;  // the line varint now needs more bytes: ten continuation bytes
  bytes.insert(bytes.end(), 10, 0x80);
  EXPECT_FALSE(decode_all(bytes).ok());
  bytes.resize(5);
  bytes.back() = 0xff;
  bytes.insert(bytes.end(), {0xff, 0xff, 0xff, 0x7f});  // 35 bits: wider than the 32-bit line
  EXPECT_FALSE(decode_all(bytes).ok());
}

TEST(Encoding, RandomBytesNeverCrashTheDecoder) {
  Rng rng(1234);
  for (int trial = 0; trial < 5000; ++trial) {
    std::vector<uint8_t> bytes(rng.below(40));
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.next());
    size_t pos = 0;
    auto in = decode(bytes.data(), bytes.size(), pos);
    if (in) {
      EXPECT_LE(pos, bytes.size());
      EXPECT_TRUE(validate(*in).ok());
    }
  }
}

TEST(Encoding, ModsFieldsAreInBitOrderAndCoverEveryModifier) {
  const auto fields = mods_fields();
  ASSERT_EQ(fields.size(), kModsWordBits);
  for (size_t i = 0; i < fields.size(); ++i) EXPECT_EQ(fields[i].bit, i) << fields[i].name;
  // Setting each field away from its default changes Mods, so no field is left out of the table.
  for (const ModsField& f : fields) {
    Mods m;
    uint8_t v = 0;
    while (!f.valid(v) || v == f.get(Mods{})) ++v;
    f.set(m, v);
    EXPECT_NE(m, Mods{}) << f.name;
    EXPECT_EQ(f.get(m), v) << f.name;
  }
}

TEST(ByteIo, VarintsAndZigzagRoundTrip) {
  std::vector<uint8_t> bytes;
  ByteWriter w(bytes);
  const uint64_t values[] = {0, 1, 127, 128, 300, 0xffffffffu, ~0ull};
  const int64_t signed_values[] = {0, -1, 1, -64, 64, INT64_MIN, INT64_MAX};
  for (uint64_t v : values) w.varint(v);
  for (int64_t v : signed_values) w.svarint(v);
  EXPECT_EQ(bytes[0], 0);
  EXPECT_EQ(bytes[3], 0x80);  // 128 = 0x80 0x01
  EXPECT_EQ(bytes[4], 0x01);
  ByteReader r(bytes.data(), bytes.size());
  for (uint64_t v : values) {
    uint64_t got;
    ASSERT_TRUE(r.varint(got));
    EXPECT_EQ(got, v);
  }
  for (int64_t v : signed_values) {
    int64_t got;
    ASSERT_TRUE(r.svarint(got));
    EXPECT_EQ(got, v);
  }
  EXPECT_EQ(r.remaining(), 0u);
  uint8_t b;
  EXPECT_FALSE(r.u8(b));
}

}  // namespace
}  // namespace canopy::isa
