// Host portability: what Canopy promises to be identical on x86-64, AArch64 and MIPS64el hosts (run
// under qemu-user by `make test-hosts`). Files are little-endian whatever the host, the lexer does not
// depend on the signedness of `char`, and decimal literals round the same everywhere. The expected
// bytes here are written out by hand, not produced by the code under test, except kImageDigest: a
// golden value from the module writer's own run, which pins determinism only (see below).
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "isa/encoding.h"
#include "isa/module.h"
#include "isa/module_format.h"
#include "ptx/lexer.h"

namespace canopy {
namespace {

// The host properties the bit-exact float code relies on (the rest is in the compiler flags:
// -ffp-contract=off -fno-fast-math).
TEST(HostAssumptions, FloatsAreIeeeBinary32And64AndBytesAreOctets) {
  EXPECT_TRUE(std::numeric_limits<float>::is_iec559);
  EXPECT_TRUE(std::numeric_limits<double>::is_iec559);
  EXPECT_EQ(CHAR_BIT, 8);
  EXPECT_EQ(sizeof(float), 4u);
  EXPECT_EQ(sizeof(double), 8u);
}

TEST(LittleEndianFiles, ByteWriterWritesLowByteFirst) {
  std::vector<uint8_t> out;
  isa::ByteWriter w(out);
  w.u16(0x0102);
  w.u32(0x03040506u);
  w.u64(0x0708090a0b0c0d0eull);
  w.i64(-2);
  const std::vector<uint8_t> want = {0x02, 0x01, 0x06, 0x05, 0x04, 0x03, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a,
                                     0x09, 0x08, 0x07, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(out, want);
}

TEST(LittleEndianFiles, ByteReaderReadsLowByteFirst) {
  const uint8_t bytes[] = {0x78, 0x56, 0x34, 0x12, 0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12};
  isa::ByteReader r(bytes, sizeof bytes);
  uint32_t a = 0;
  uint64_t b = 0;
  ASSERT_TRUE(r.u32(a));
  ASSERT_TRUE(r.u64(b));
  EXPECT_EQ(a, 0x12345678u);
  EXPECT_EQ(b, 0x123456789abcdef0ull);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(LittleEndianFiles, InstructionHeaderAndWideImmediateAreLittleEndian) {
  isa::Instr in;
  in.op = isa::Opcode::Mov;
  in.type = isa::DataType::U64;
  in.ndst = 1;
  in.nsrc = 1;
  in.dst[0] = isa::Operand::reg(3);
  in.src[0] = isa::Operand::immediate(0x0102030405060708ull);
  ASSERT_TRUE(isa::validate(in).ok());
  std::vector<uint8_t> out;
  isa::encode(in, out);
  ASSERT_GE(out.size(), 4u + 8u);
  // The header's low byte is the opcode, the next one starts with the type (docs/isa.md).
  EXPECT_EQ(out[0], static_cast<uint8_t>(isa::Opcode::Mov));
  EXPECT_EQ(out[1] & 0x1f, static_cast<uint8_t>(isa::DataType::U64));
  const std::vector<uint8_t> imm_le = {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01};
  EXPECT_TRUE(std::equal(out.end() - 8, out.end(), imm_le.begin())) << "the u64 immediate ends the encoding";
  size_t pos = 0;
  auto back = isa::decode(out.data(), out.size(), pos);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, in);
}

// A small module with a variable initializer and a wide immediate; its file image must be the same
// bytes on every host. kImageDigest was taken from write_module's own output, so it says the bytes did
// not change, not that they are right: the tests beside it check the header and the content by hand. If the
// format changes on purpose (Module::kFormatVersion), update kImageDigest.
isa::Module tiny_module() {
  isa::Module m;
  m.source_name = "tiny.ptx";
  m.ptx_target = "sm_70";
  m.ptx_version = 78;
  isa::Variable v;
  v.name = "table";
  v.space = isa::Space::Global;
  v.size = 8;
  v.align = 8;
  v.init = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
  m.variables.push_back(v);
  isa::Function f;
  f.name = "k";
  f.is_kernel = true;
  f.num_regs = 1;
  isa::Instr mov;
  mov.op = isa::Opcode::Mov;
  mov.type = isa::DataType::U64;
  mov.ndst = 1;
  mov.nsrc = 1;
  mov.dst[0] = isa::Operand::reg(0);
  mov.src[0] = isa::Operand::immediate(0xfedcba9876543210ull);
  mov.line = 7;
  isa::Instr exit;
  exit.op = isa::Opcode::Exit;
  f.code = {mov, exit};
  m.functions.push_back(f);
  return m;
}

uint64_t fnv1a(const std::vector<uint8_t>& bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint8_t b : bytes) h = (h ^ b) * 0x100000001b3ull;
  return h;
}

TEST(LittleEndianFiles, ModuleImageHasLittleEndianHeaderAndRoundTrips) {
  const isa::Module m = tiny_module();
  ASSERT_TRUE(isa::verify_module(m).ok());
  const std::vector<uint8_t> image = isa::write_module(m);
  ASSERT_GE(image.size(), 16u);
  const std::vector<uint8_t> head(image.begin(), image.begin() + 16);
  const uint64_t n = image.size();
  const std::vector<uint8_t> want = {'C',
                                     'N',
                                     'P',
                                     'Y',
                                     2,
                                     0,
                                     0,
                                     0,
                                     static_cast<uint8_t>(n),
                                     static_cast<uint8_t>(n >> 8),
                                     static_cast<uint8_t>(n >> 16),
                                     static_cast<uint8_t>(n >> 24),
                                     0,
                                     0,
                                     0,
                                     0};
  EXPECT_EQ(head, want);
  auto back = isa::read_module(image.data(), image.size());
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(isa::write_module(*back), image);
}

// The content, independently of the digest: the initializer bytes as given, the immediate in
// little-endian order, and the names, each somewhere in the image.
TEST(LittleEndianFiles, ModuleImageHoldsTheInitializerTheImmediateAndTheNames) {
  const std::vector<uint8_t> image = isa::write_module(tiny_module());
  auto holds = [&](const std::vector<uint8_t>& bytes) {
    return std::search(image.begin(), image.end(), bytes.begin(), bytes.end()) != image.end();
  };
  EXPECT_TRUE(holds({0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}));
  EXPECT_TRUE(holds({0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe}));
  for (std::string name : {"table", "tiny.ptx", "sm_70"}) EXPECT_TRUE(holds({name.begin(), name.end()})) << name;
}

TEST(LittleEndianFiles, ModuleImageIsTheSameBytesOnEveryHost) {
  // Golden value from write_module's own run (a determinism check): FNV-1a 64 of write_module(tiny_module()).
  constexpr uint64_t kImageDigest = 0xc01c4c118a59fca5ull;
  const std::vector<uint8_t> image = isa::write_module(tiny_module());
  EXPECT_EQ(fnv1a(image), kImageDigest)
      << std::hex << "digest 0x" << fnv1a(image) << ", " << std::dec << image.size() << " bytes";
}

// Bytes 0x80..0xff are negative where `char` is signed (x86-64) and positive where it is unsigned
// (AArch64): the lexer must treat them alike, as text inside comments and strings and as an error
// elsewhere.
TEST(CharSignedness, HighBytesInCommentsAndStringsAreText) {
  const std::string text = "// caf\xc3\xa9 \xff\xfe\n.file 1 \"d\xc3\xa9j\xe0.cu\" /* \x80\xbf */ ret;";
  ptx::LexResult r = ptx::tokenize(text);
  EXPECT_EQ(r.error, "");
  ASSERT_EQ(r.tokens.size(), 6u);
  EXPECT_EQ(r.tokens[0].text, ".file");
  EXPECT_EQ(r.tokens[2].kind, ptx::TokenKind::String);
  EXPECT_EQ(r.tokens[2].text, "\"d\xc3\xa9j\xe0.cu\"");
  EXPECT_EQ(r.tokens[3].text, "ret");
  EXPECT_EQ(r.tokens[3].line, 2u);
}

TEST(CharSignedness, HighByteInCodeIsReportedByItsUnsignedValue) {
  for (int byte : {0x80, 0xc3, 0xff}) {
    const std::string text = std::string("mov.u32 %r1, ") + static_cast<char>(byte) + ";";
    ptx::LexResult r = ptx::tokenize(text);
    ASSERT_FALSE(r.tokens.empty());
    EXPECT_EQ(r.tokens.back().kind, ptx::TokenKind::Error) << byte;
    EXPECT_NE(r.error.find("byte " + std::to_string(byte)), std::string::npos) << r.error;
  }
}

TEST(CharSignedness, HighByteEndsAnIdentifier) {
  ptx::LexResult r = ptx::tokenize("abc\xe9");
  ASSERT_GE(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[0].kind, ptx::TokenKind::Identifier);
  EXPECT_EQ(r.tokens[0].text, "abc");
  EXPECT_EQ(r.tokens[1].kind, ptx::TokenKind::Error);
}

// Decimal literals are converted by the library, not the FPU: hard-to-round cases must give the
// correctly rounded binary64 on every host.
TEST(DecimalLiterals, RoundCorrectlyOnEveryHost) {
  struct Case {
    const char* text;
    uint64_t bits;
  };
  const Case cases[] = {
      {"0.1", 0x3fb999999999999aull},
      {"1e23", 0x44b52d02c7e14af6ull},
      {"2.2250738585072011e-308", 0x000fffffffffffffull},  // largest subnormal
      {"9007199254740993.0", 0x4340000000000000ull},       // 2^53 + 1: tie, rounds to even
      {"4.9406564584124654e-324", 0x0000000000000001ull},  // smallest subnormal
  };
  for (const Case& c : cases) {
    ptx::LexResult r = ptx::tokenize(c.text);
    ASSERT_EQ(r.error, "") << c.text;
    ASSERT_GE(r.tokens.size(), 1u);
    EXPECT_EQ(r.tokens[0].kind, ptx::TokenKind::Float) << c.text;
    EXPECT_EQ(r.tokens[0].value, c.bits) << c.text;
  }
}

}  // namespace
}  // namespace canopy
