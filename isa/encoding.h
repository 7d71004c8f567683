// The binary encoding of one native instruction, and the little-endian byte I/O it (and the module
// file format) is built from. The layout is documented bit by bit in docs/isa.md, which is generated
// from the tables below (isa_markdown), so the documentation cannot drift from the code.
//
// An instruction is a 32-bit header followed by only the parts that are present:
//   header (u32 LE) | guard | mods | dst operands | src operands | address | offset | target |
//   reconverge | line
// Operand slots beyond ndst/nsrc are not part of the instruction and decode as empty Operands.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "isa/isa.h"
#include "support/expected.h"

namespace canopy::isa {

// ---- byte I/O ------------------------------------------------------------------------------------

// Appends little-endian integers, LEB128 varints and length-prefixed strings to a byte vector.
class ByteWriter {
 public:
  explicit ByteWriter(std::vector<uint8_t>& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) { le(v, 2); }
  void u32(uint32_t v) { le(v, 4); }
  void u64(uint64_t v) { le(v, 8); }
  void i64(int64_t v) { le(static_cast<uint64_t>(v), 8); }
  void varint(uint64_t v);  // unsigned LEB128: 7 bits per byte, low first, bit 7 = more follows
  void svarint(int64_t v);  // zigzag ((v << 1) ^ (v >> 63)), then varint
  void bytes(const uint8_t* data, size_t size) { out_.insert(out_.end(), data, data + size); }
  void str(std::string_view s);  // u32 LE length, then the bytes (no terminator)
  size_t size() const { return out_.size(); }

 private:
  void le(uint64_t v, unsigned nbytes);
  std::vector<uint8_t>& out_;
};

// Reads what ByteWriter writes. Every read checks the remaining size first and returns false
// (leaving the output untouched) instead of reading out of bounds.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size, size_t pos = 0) : data_(data), size_(size), pos_(pos) {}
  bool u8(uint8_t& v);
  bool u16(uint16_t& v);
  bool u32(uint32_t& v);
  bool u64(uint64_t& v);
  bool i64(int64_t& v);
  bool varint(uint64_t& v, unsigned max_bits = 64);  // rejects > 10 bytes and values wider than max_bits
  bool svarint(int64_t& v);
  bool bytes(size_t n, const uint8_t*& p);  // p points into the input; n <= remaining()
  bool str(std::string& s);
  size_t pos() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }

 private:
  bool le(uint64_t& v, unsigned nbytes);
  const uint8_t* data_;
  size_t size_;
  size_t pos_;
};

// ---- instruction encoding -------------------------------------------------------------------------

// A bit field of the instruction header or of the operand descriptor byte.
struct BitField {
  std::string_view name;
  unsigned shift;
  unsigned width;
  std::string_view meaning;
  constexpr uint32_t get(uint32_t word) const { return (word >> shift) & ((1u << width) - 1u); }
  constexpr uint32_t put(uint32_t value) const { return (value & ((1u << width) - 1u)) << shift; }
};

namespace enc {
inline constexpr BitField kOpcode{"opcode", 0, 8, "Opcode, the row of opcodes.def (0-based)"};
inline constexpr BitField kType{"type", 8, 5, "DataType of the operation (destination type for cvt)"};
inline constexpr BitField kType2{"type2", 13, 5, "second DataType (cvt source, wide source, compare type)"};
inline constexpr BitField kNdst{"ndst", 18, 3, "number of destination operands that follow (0..4)"};
inline constexpr BitField kNsrc{"nsrc", 21, 3, "number of source operands that follow (0..4)"};
inline constexpr BitField kHasGuard{"G", 24, 1, "guarded: a varint predicate index follows"};
inline constexpr BitField kGuardNegated{"N", 25, 1, "guard is negated (@!P)"};
inline constexpr BitField kHasAddr{"A", 26, 1, "an address operand follows the sources"};
inline constexpr BitField kHasOffset{"O", 27, 1, "a zigzag varint byte offset follows (absent = 0)"};
inline constexpr BitField kHasTarget{"T", 28, 1, "a varint target follows (absent = none)"};
inline constexpr BitField kHasReconverge{"R", 29, 1, "a varint reconvergence index follows (absent = none)"};
inline constexpr BitField kHasLine{"L", 30, 1, "a varint PTX source line follows (absent = 0)"};
inline constexpr BitField kHasMods{"M", 31, 1, "modifiers differ from the defaults: a mods word follows"};
inline constexpr BitField kHeader[] = {kOpcode,        kType,         kType2,   kNdst,      kNsrc,
                                       kHasGuard,      kGuardNegated, kHasAddr, kHasOffset, kHasTarget,
                                       kHasReconverge, kHasLine,      kHasMods};

// The operand descriptor byte. Size classes of the index: 0 = value 0 (no bytes), 1 = u8, 2 = u16,
// 3 = u32. Size classes of the immediate: 0 = value 0, 1 = u8, 2 = u16, 3 = u32, 4 = u64 (zero-
// extended), 5 = s8, 6 = s16, 7 = s32 (sign-extended to 64 bits). Index bytes come before imm bytes.
inline constexpr BitField kOperandKind{"kind", 0, 2, "OperandKind: 0 none, 1 reg, 2 pred, 3 imm"};
inline constexpr BitField kIndexClass{"index size", 2, 2, "size class of `index`"};
inline constexpr BitField kImmClass{"imm size", 4, 3, "size class of `imm`"};
inline constexpr BitField kReserved{"reserved", 7, 1, "must be 0"};
inline constexpr BitField kOperandDescriptor[] = {kOperandKind, kIndexClass, kImmClass, kReserved};
}  // namespace enc

// One field of Mods and how the mods word carries it. Flags (bool fields) are a bit of the word;
// every other field has a presence bit and, when present (value != the Mods{} default), one value byte.
// Value bytes follow the word in table order.
struct ModsField {
  std::string_view name;  // the Mods member
  unsigned bit;           // bit in the mods word
  bool is_flag;
  uint8_t (*get)(const Mods&);
  void (*set)(Mods&, uint8_t);
  bool (*valid)(uint8_t);                   // value range check used by the decoder
  std::string_view (*value_name)(uint8_t);  // spelling of a value (flags: the modifier name)
  std::string_view meaning;
};
std::span<const ModsField> mods_fields();
inline constexpr unsigned kModsWordBits = 38;  // bits at or above this must be zero

// Appends the encoding of `in` to `out`. `in` should satisfy validate(); fields wider than their
// encoding (see docs/isa.md) would otherwise be truncated and rejected by decode.
void encode(const Instr& in, std::vector<uint8_t>& out);

// Decodes one instruction at data[pos], advancing pos past it. Checks every field: opcode, type and
// modifier ranges, operand counts against the opcode's maxima, reserved bits, varint widths, and
// never reads past data + size. On error pos is unspecified.
Expected<Instr> decode(const uint8_t* data, size_t size, size_t& pos);

// The structural rules every instruction obeys (what decode enforces): enum values in range,
// ndst/nsrc within the opcode's maxima, vec in {1, 2, 4}, sreg_comp <= 2, addr a register or none.
Status validate(const Instr& in);

}  // namespace canopy::isa
