#include "isa/encoding.h"

#include <string>
#include <type_traits>

#include "isa/names.h"

namespace canopy::isa {

// ---- byte I/O ------------------------------------------------------------------------------------

void ByteWriter::le(uint64_t v, unsigned nbytes) {
  for (unsigned i = 0; i < nbytes; ++i) out_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void ByteWriter::varint(uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<uint8_t>(v));
}

void ByteWriter::svarint(int64_t v) {
  const auto u = static_cast<uint64_t>(v);
  varint((u << 1) ^ (v < 0 ? ~uint64_t{0} : uint64_t{0}));
}

void ByteWriter::str(std::string_view s) {
  u32(static_cast<uint32_t>(s.size()));
  bytes(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

bool ByteReader::le(uint64_t& v, unsigned nbytes) {
  if (remaining() < nbytes) return false;
  uint64_t r = 0;
  for (unsigned i = 0; i < nbytes; ++i) r |= uint64_t{data_[pos_ + i]} << (8 * i);
  pos_ += nbytes;
  v = r;
  return true;
}

bool ByteReader::u8(uint8_t& v) {
  if (remaining() < 1) return false;
  v = data_[pos_++];
  return true;
}
bool ByteReader::u16(uint16_t& v) {
  uint64_t r;
  if (!le(r, 2)) return false;
  v = static_cast<uint16_t>(r);
  return true;
}
bool ByteReader::u32(uint32_t& v) {
  uint64_t r;
  if (!le(r, 4)) return false;
  v = static_cast<uint32_t>(r);
  return true;
}
bool ByteReader::u64(uint64_t& v) { return le(v, 8); }
bool ByteReader::i64(int64_t& v) {
  uint64_t r;
  if (!le(r, 8)) return false;
  v = static_cast<int64_t>(r);
  return true;
}

bool ByteReader::varint(uint64_t& v, unsigned max_bits) {
  uint64_t r = 0;
  size_t p = pos_;
  for (unsigned i = 0; i < 10; ++i) {
    if (p >= size_) return false;
    const uint8_t byte = data_[p++];
    const uint64_t bits = byte & 0x7f;
    const unsigned shift = 7 * i;
    if (shift == 63 && bits > 1) return false;  // beyond 64 bits
    r |= bits << shift;
    if ((byte & 0x80) == 0) {
      if (max_bits < 64 && (r >> max_bits) != 0) return false;
      pos_ = p;
      v = r;
      return true;
    }
  }
  return false;
}

bool ByteReader::svarint(int64_t& v) {
  uint64_t u;
  if (!varint(u)) return false;
  const uint64_t decoded = (u >> 1) ^ ((u & 1) ? ~uint64_t{0} : uint64_t{0});
  v = static_cast<int64_t>(decoded);
  return true;
}

bool ByteReader::bytes(size_t n, const uint8_t*& p) {
  if (remaining() < n) return false;
  p = data_ + pos_;
  pos_ += n;
  return true;
}

bool ByteReader::str(std::string& s) {
  uint32_t n;
  const size_t start = pos_;
  const uint8_t* p;
  if (!u32(n) || !bytes(n, p)) {
    pos_ = start;
    return false;
  }
  s.assign(reinterpret_cast<const char*>(p), n);
  return true;
}

// ---- the mods field table -------------------------------------------------------------------------

namespace {

template <auto Member>
uint8_t get_field(const Mods& m) {
  return static_cast<uint8_t>(m.*Member);
}
template <auto Member>
void set_field(Mods& m, uint8_t v) {
  using T = std::remove_cvref_t<decltype(m.*Member)>;
  m.*Member = static_cast<T>(v);
}
template <typename E>
bool below_count(uint8_t v) {
  return v < enum_count<E>();
}
template <typename E>
std::string_view enum_name(uint8_t v) {
  return name(static_cast<E>(v));
}
bool is_flag_value(uint8_t v) { return v < 2; }
bool is_vec_width(uint8_t v) { return v == 1 || v == 2 || v == 4; }
bool is_component(uint8_t v) { return v < 3; }
std::string_view vec_name(uint8_t v) { return v == 2 ? "v2" : v == 4 ? "v4" : v == 1 ? "v1" : "?"; }
std::string_view component_name(uint8_t v) { return v == 0 ? "x" : v == 1 ? "y" : v == 2 ? "z" : "?"; }
bool is_half_index(uint8_t v) { return v < 2; }
std::string_view half_name(uint8_t v) { return v == 0 ? "lo" : v == 1 ? "hi" : "?"; }
std::string_view btype_name(uint8_t v) { return v < enum_count<DataType>() ? name(static_cast<DataType>(v)) : "?"; }

#define CANOPY_FLAG(field, bit, spelling, meaning)                                          \
  ModsField {                                                                               \
#field, bit, true, get_field < &Mods::field>, set_field < &Mods::field>, is_flag_value, \
        [](uint8_t) -> std::string_view { return spelling; }, meaning                       \
  }
#define CANOPY_ENUM(field, bit, Enum, meaning)                                                     \
  ModsField {                                                                                      \
#field, bit, false, get_field < &Mods::field>, set_field < &Mods::field>, below_count < Enum>, \
        enum_name < Enum>, meaning                                                                 \
  }

constexpr ModsField kModsFields[] = {
    CANOPY_ENUM(rnd, 0, Rounding, "rounding mode (none = the instruction's default)"),
    CANOPY_ENUM(cmp, 1, CmpOp, "comparison of setp/set"),
    CANOPY_ENUM(space, 2, Space, "state space of ld/st/atom/red/cvta"),
    CANOPY_ENUM(mul, 3, MulMode, "integer mul/mad/mul24/mad24/madc/dp2a: which part of the product"),
    CANOPY_FLAG(ftz, 4, "ftz", "flush f32 subnormal inputs and results to sign-preserving zero"),
    CANOPY_FLAG(sat, 5, "sat", "saturate: floats clamp to [0, 1] (NaN -> 0), s32 clamps to its range"),
    CANOPY_FLAG(approx, 6, "approx", "fast approximate form (rcp, sqrt, div, sin, ...)"),
    CANOPY_ENUM(boolop, 7, BoolOp, "setp/set: combine the result with predicate src2"),
    ModsField{"vec", 8, false, get_field<&Mods::vec>, set_field<&Mods::vec>, is_vec_width, vec_name,
              "ld/st: elements per access (1, 2 or 4)"},
    CANOPY_FLAG(frame_relative, 9, "frame", "local address relative to the current call frame base"),
    CANOPY_FLAG(carry_in, 10, "ci", "addc/subc/madc: add the CC flag (shown by the mnemonic)"),
    CANOPY_FLAG(carry_out, 11, "cc", "write the carry/borrow out into the CC flag"),
    CANOPY_ENUM(sreg, 12, SpecialReg, "s2r: the special register read"),
    ModsField{"sreg_comp", 13, false, get_field<&Mods::sreg_comp>, set_field<&Mods::sreg_comp>, is_component,
              component_name, "s2r: component of a vector special register (0 = x, 1 = y, 2 = z)"},
    CANOPY_ENUM(atom, 14, AtomOp,
                "atom/red operation; redux: add, min, max, and, or, xor; b1 mma: and, xor (popc)"),
    CANOPY_ENUM(scope, 15, Scope, "memory scope of atom/red/fence and of ordered ld/st"),
    CANOPY_ENUM(order, 16, MemOrder, "memory ordering semantics of ld/st/atom/red/fence"),
    CANOPY_ENUM(cache, 17, CacheOp, "cache operator of ld/st (a hint; none = default)"),
    CANOPY_FLAG(full, 18, "full", "div.full.f32: approximate division with full range"),
    CANOPY_FLAG(nan, 19, "NaN", "min/max: a NaN input gives NaN"),
    CANOPY_FLAG(uniform, 20, "uni", "bra.uni: the branch is known not to diverge"),
    CANOPY_FLAG(shiftamt, 21, "shiftamt", "bfind: return the left-shift amount instead of the bit position"),
    CANOPY_FLAG(shf_left, 22, "l", "shf: funnel shift left (else right, shown as .r)"),
    CANOPY_FLAG(shf_clamp, 23, "clamp", "shf: clamp the shift amount to 32 (else wrap, shown as .wrap)"),
    CANOPY_FLAG(cvta_to_space, 24, "to", "cvta.to.<space>: generic to space (else space to generic)"),
    CANOPY_ENUM(prmt, 25, PrmtMode, "prmt mode (default = the general byte selector)"),
    CANOPY_ENUM(bar, 26, BarOp, "bar: sync, arrive or a reduction"),
    CANOPY_ENUM(testp, 27, TestClass, "testp: the class tested"),
    CANOPY_ENUM(shfl, 28, ShflMode, "shfl: lane selection mode"),
    CANOPY_ENUM(vote, 29, VoteMode, "vote: the reduction; match: any or all"),
    CANOPY_ENUM(mma_shape, 30, MmaShape, "mma: the shape, which fixes the fragment layouts"),
    ModsField{"mma_half", 31, false, get_field<&Mods::mma_half>, set_field<&Mods::mma_half>, is_half_index,
              half_name, "mma: which 8-row half of an M=16 shape the instruction computes (lo = rows 0-7)"},
    ModsField{"mma_btype", 32, false, get_field<&Mods::mma_btype>, set_field<&Mods::mma_btype>,
              below_count<DataType>, btype_name, "mma: B element type (none = type2)"},
    ModsField{"mma_ctype", 33, false, get_field<&Mods::mma_ctype>, set_field<&Mods::mma_ctype>,
              below_count<DataType>, btype_name, "mma: C element type (none = type)"},
    CANOPY_FLAG(trans, 34, "trans", "ldmatrix: deliver the transposed matrices"),
    CANOPY_ENUM(tex_geom, 35, TexGeom, "tex/suld/sust/txq: texture or surface dimensionality (a1d/a2d: layered)"),
    CANOPY_ENUM(surf_clamp, 36, SurfClamp, "suld/sust: out-of-range access traps, clamps or reads zero"),
    CANOPY_ENUM(tex_query, 37, TexQuery, "txq: the queried property"),
    CANOPY_FLAG(parity, 38, "parity", "mbarrier.test_wait/try_wait: src0 is a phase parity, not a state token"),
    CANOPY_FLAG(noinc, 39, "noinc", "cp.async.arrive: the arrival counts toward the pending count (no increment)"),
    CANOPY_FLAG(drop, 40, "drop", "mbarrier.arrive: arrive_drop, also lowering the expected count"),
};
#undef CANOPY_FLAG
#undef CANOPY_ENUM

// Field i owns bit i: every bit below kModsWordBits has exactly one field.
constexpr bool fields_in_bit_order() {
  unsigned next = 0;
  for (const ModsField& f : kModsFields) {
    if (f.bit != next) return false;
    next = f.bit + 1;
  }
  return next == kModsWordBits;
}
static_assert(fields_in_bit_order(), "one bit per field, in order, up to kModsWordBits");

}  // namespace

std::span<const ModsField> mods_fields() { return kModsFields; }

// ---- validation -----------------------------------------------------------------------------------

namespace {

Error field_error(std::string_view what, uint64_t value) {
  return make_error(std::string(what) + " " + std::to_string(value) + " is out of range");
}

}  // namespace

Status validate(const Instr& in) {
  const auto op = static_cast<size_t>(in.op);
  if (op >= enum_count<Opcode>()) return field_error("opcode", op);
  if (static_cast<size_t>(in.type) >= enum_count<DataType>()) return field_error("type", uint64_t(in.type));
  if (static_cast<size_t>(in.type2) >= enum_count<DataType>())
    return field_error("type2", uint64_t(in.type2));
  const OpcodeInfo& oi = info(in.op);
  if (in.ndst > oi.max_dst || in.nsrc > oi.max_src)
    return make_error(std::string(oi.mnemonic) + " takes at most " + std::to_string(oi.max_dst) +
                      " destinations and " + std::to_string(oi.max_src) + " sources, not " +
                      std::to_string(in.ndst) + " and " + std::to_string(in.nsrc));
  for (const ModsField& f : kModsFields)
    if (!f.valid(f.get(in.mods))) return field_error("modifier " + std::string(f.name), f.get(in.mods));
  for (const Operand& o : in.dst)
    if (static_cast<size_t>(o.kind) >= enum_count<OperandKind>()) return field_error("operand kind", 0);
  for (const Operand& o : in.src)
    if (static_cast<size_t>(o.kind) >= enum_count<OperandKind>()) return field_error("operand kind", 0);
  if (in.addr.kind != OperandKind::None && in.addr.kind != OperandKind::Reg)
    return make_error("the address operand must be a register or none");
  return Status::success();
}

// ---- encode ---------------------------------------------------------------------------------------

namespace {

unsigned index_class(uint32_t index) { return index == 0 ? 0 : index <= 0xff ? 1 : index <= 0xffff ? 2 : 3; }

unsigned imm_class(uint64_t imm) {
  const auto s = static_cast<int64_t>(imm);
  if (imm == 0) return 0;
  if (imm <= 0xff) return 1;
  if (s >= -0x80 && s < 0) return 5;
  if (imm <= 0xffff) return 2;
  if (s >= -0x8000 && s < 0) return 6;
  if (imm <= 0xffffffffu) return 3;
  if (s >= -0x80000000ll && s < 0) return 7;
  return 4;
}

constexpr unsigned kIndexBytes[4] = {0, 1, 2, 4};
constexpr unsigned kImmBytes[8] = {0, 1, 2, 4, 8, 1, 2, 4};

void put_le(ByteWriter& w, uint64_t v, unsigned nbytes) {
  for (unsigned i = 0; i < nbytes; ++i) w.u8(static_cast<uint8_t>(v >> (8 * i)));
}

void encode_operand(const Operand& o, ByteWriter& w) {
  const unsigned ic = index_class(o.index);
  const unsigned mc = imm_class(o.imm);
  w.u8(static_cast<uint8_t>(enc::kOperandKind.put(static_cast<uint32_t>(o.kind)) | enc::kIndexClass.put(ic) |
                            enc::kImmClass.put(mc)));
  put_le(w, o.index, kIndexBytes[ic]);
  put_le(w, o.imm, kImmBytes[mc]);
}

void encode_mods(const Mods& m, ByteWriter& w) {
  static const Mods kDefaults{};
  uint64_t word = 0;
  for (const ModsField& f : kModsFields) {
    const uint8_t v = f.get(m);
    if (f.is_flag ? v != 0 : v != f.get(kDefaults)) word |= uint64_t{1} << f.bit;
  }
  w.varint(word);
  for (const ModsField& f : kModsFields)
    if (!f.is_flag && ((word >> f.bit) & 1)) w.u8(f.get(m));
}

}  // namespace

void encode(const Instr& in, std::vector<uint8_t>& out) {
  using namespace enc;
  const bool has_guard = in.guard != kNoGuard;
  const bool has_mods = !(in.mods == Mods{});
  const bool has_addr = !in.addr.is_none() || in.addr.index != 0 || in.addr.imm != 0;
  const uint32_t header =
      kOpcode.put(static_cast<uint32_t>(in.op)) | kType.put(static_cast<uint32_t>(in.type)) |
      kType2.put(static_cast<uint32_t>(in.type2)) | kNdst.put(in.ndst) | kNsrc.put(in.nsrc) |
      kHasGuard.put(has_guard) | kGuardNegated.put(in.guard_negated) | kHasAddr.put(has_addr) |
      kHasOffset.put(in.offset != 0) | kHasTarget.put(in.target != kNoTarget) |
      kHasReconverge.put(in.reconverge != kNoTarget) | kHasLine.put(in.line != 0) | kHasMods.put(has_mods);
  ByteWriter w(out);
  w.u32(header);
  if (has_guard) w.varint(in.guard);
  if (has_mods) encode_mods(in.mods, w);
  for (unsigned i = 0; i < in.ndst && i < in.dst.size(); ++i) encode_operand(in.dst[i], w);
  for (unsigned i = 0; i < in.nsrc && i < in.src.size(); ++i) encode_operand(in.src[i], w);
  if (has_addr) encode_operand(in.addr, w);
  if (in.offset != 0) w.svarint(in.offset);
  if (in.target != kNoTarget) w.varint(in.target);
  if (in.reconverge != kNoTarget) w.varint(in.reconverge);
  if (in.line != 0) w.varint(in.line);
}

// ---- decode ---------------------------------------------------------------------------------------

namespace {

Error decode_error(size_t start, std::string_view what) {
  return make_error("instruction at byte " + std::to_string(start) + ": " + std::string(what));
}

bool get_le(ByteReader& r, uint64_t& v, unsigned nbytes) {
  v = 0;
  for (unsigned i = 0; i < nbytes; ++i) {
    uint8_t b;
    if (!r.u8(b)) return false;
    v |= uint64_t{b} << (8 * i);
  }
  return true;
}

// Returns an empty string on success, else what was wrong.
std::string_view decode_operand(ByteReader& r, Operand& o) {
  uint8_t desc;
  if (!r.u8(desc)) return "truncated operand";
  if (enc::kReserved.get(desc) != 0) return "reserved operand descriptor bit set";
  uint64_t index, imm;
  const unsigned mc = enc::kImmClass.get(desc);
  if (!get_le(r, index, kIndexBytes[enc::kIndexClass.get(desc)]) || !get_le(r, imm, kImmBytes[mc]))
    return "truncated operand";
  if (mc >= 5) {  // sign-extend from the stored width
    const unsigned bits = 8 * kImmBytes[mc];
    const uint64_t sign = uint64_t{1} << (bits - 1);
    imm = (imm ^ sign) - sign;
  }
  o.kind = static_cast<OperandKind>(enc::kOperandKind.get(desc));
  o.index = static_cast<uint32_t>(index);
  o.imm = imm;
  return {};
}

std::string decode_mods(ByteReader& r, Mods& m) {
  uint64_t word;
  if (!r.varint(word)) return "truncated or malformed modifier word";
  uint64_t known = 0;
  for (const ModsField& f : kModsFields) known |= uint64_t{1} << f.bit;
  if ((word & ~known) != 0) return "unknown modifier bits set";
  for (const ModsField& f : kModsFields) {
    if (((word >> f.bit) & 1) == 0) continue;
    uint8_t v = 1;
    if (!f.is_flag && !r.u8(v)) return "truncated modifier value";
    if (!f.valid(v))
      return "modifier " + std::string(f.name) + " value " + std::to_string(v) + " out of range";
    f.set(m, v);
  }
  return {};
}

}  // namespace

Expected<Instr> decode(const uint8_t* data, size_t size, size_t& pos) {
  using namespace enc;
  const size_t start = pos;
  if (pos > size) return decode_error(start, "position past the end");
  ByteReader r(data, size, pos);
  uint32_t h;
  if (!r.u32(h)) return decode_error(start, "truncated header");
  Instr in;
  if (kOpcode.get(h) >= enum_count<Opcode>())
    return decode_error(start, "opcode " + std::to_string(kOpcode.get(h)) + " out of range");
  if (kType.get(h) >= enum_count<DataType>() || kType2.get(h) >= enum_count<DataType>())
    return decode_error(start, "data type out of range");
  in.op = static_cast<Opcode>(kOpcode.get(h));
  in.type = static_cast<DataType>(kType.get(h));
  in.type2 = static_cast<DataType>(kType2.get(h));
  const OpcodeInfo& oi = info(in.op);
  if (kNdst.get(h) > oi.max_dst || kNsrc.get(h) > oi.max_src)
    return decode_error(start, "operand count exceeds what " + std::string(oi.mnemonic) + " takes");
  in.ndst = static_cast<uint8_t>(kNdst.get(h));
  in.nsrc = static_cast<uint8_t>(kNsrc.get(h));
  in.guard_negated = kGuardNegated.get(h) != 0;
  uint64_t v;
  if (kHasGuard.get(h)) {
    if (!r.varint(v, 32)) return decode_error(start, "truncated or malformed guard");
    in.guard = static_cast<uint32_t>(v);
  }
  if (kHasMods.get(h)) {
    if (auto err = decode_mods(r, in.mods); !err.empty()) return decode_error(start, err);
  }
  for (unsigned i = 0; i < in.ndst; ++i)
    if (auto err = decode_operand(r, in.dst[i]); !err.empty()) return decode_error(start, err);
  for (unsigned i = 0; i < in.nsrc; ++i)
    if (auto err = decode_operand(r, in.src[i]); !err.empty()) return decode_error(start, err);
  if (kHasAddr.get(h))
    if (auto err = decode_operand(r, in.addr); !err.empty()) return decode_error(start, err);
  if (kHasOffset.get(h) && !r.svarint(in.offset)) return decode_error(start, "truncated or malformed offset");
  if (kHasTarget.get(h)) {
    if (!r.varint(v, 32)) return decode_error(start, "truncated or malformed target");
    in.target = static_cast<uint32_t>(v);
  }
  if (kHasReconverge.get(h)) {
    if (!r.varint(v, 32)) return decode_error(start, "truncated or malformed reconvergence point");
    in.reconverge = static_cast<uint32_t>(v);
  }
  if (kHasLine.get(h)) {
    if (!r.varint(v, 32)) return decode_error(start, "truncated or malformed line");
    in.line = static_cast<uint32_t>(v);
  }
  if (Status s = validate(in); !s.ok()) return decode_error(start, s.error().message);
  pos = r.pos();
  return in;
}

}  // namespace canopy::isa
