// The four-byte SIMD video instructions (vadd4, vsub4, vavrg4, vabsdiff4, vmin4, vmax4), lowered to byte
// extracts and 32-bit arithmetic, so each keeps the meaning of the native instructions it is made of:
//
//   vop4.dtype.atype.btype.add d, a, b, c   d = c + the sum over the four bytes of op(a_i, b_i)
//   vop4.dtype.atype.btype     d, a, b, c   byte i of d = op(a_i, b_i), its low 8 bits
//
// a_i, b_i: byte i of a and b, zero- or sign-extended as atype and btype say (PTX ISA, "SIMD video
// instructions"). vavrg rounds up ((x + y + 1) >> 1). Not supported (a positioned error): .sat, the
// destination mask and the byte selectors, and the two-halfword forms (vop2).
#include <string_view>

#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

enum class VideoOp { Add, Sub, Avrg, Absdiff, Min, Max };

struct VideoSpec {
  std::string_view name;
  VideoOp op;
};
constexpr VideoSpec kVideoOps[] = {{"vadd4", VideoOp::Add},         {"vsub4", VideoOp::Sub},
                                   {"vavrg4", VideoOp::Avrg},       {"vabsdiff4", VideoOp::Absdiff},
                                   {"vmin4", VideoOp::Min},         {"vmax4", VideoOp::Max}};

isa::Operand imm(uint64_t v) { return isa::Operand::immediate(v); }

// d = op(sources) into a new 32-bit register.
isa::Operand emit(Lowerer& L, Opcode op, DataType type, std::initializer_list<isa::Operand> sources) {
  const isa::Operand d = isa::Operand::reg(L.new_gpr(32));
  size_t i = L.emit(op, type);
  isa::Instr& in = L.at(i);
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = static_cast<uint8_t>(sources.size());
  size_t k = 0;
  for (const isa::Operand& s : sources) in.src[k++] = s;
  return d;
}

// op(x, y) of two extended bytes, exact in 32 bits.
isa::Operand element(Lowerer& L, VideoOp op, isa::Operand x, isa::Operand y) {
  switch (op) {
    case VideoOp::Add: return emit(L, Opcode::Add, DataType::S32, {x, y});
    case VideoOp::Sub: return emit(L, Opcode::Sub, DataType::S32, {x, y});
    case VideoOp::Avrg: {
      const isa::Operand sum = emit(L, Opcode::Add, DataType::S32, {x, y});
      const isa::Operand up = emit(L, Opcode::Add, DataType::S32, {sum, imm(1)});
      return emit(L, Opcode::Shr, DataType::S32, {up, imm(1)});
    }
    case VideoOp::Absdiff: return emit(L, Opcode::Sad, DataType::S32, {x, y, imm(0)});
    case VideoOp::Min: return emit(L, Opcode::Min, DataType::S32, {x, y});
    case VideoOp::Max: return emit(L, Opcode::Max, DataType::S32, {x, y});
  }
  return x;
}

bool is_word(DataType t) { return t == DataType::U32 || t == DataType::S32; }

}  // namespace

bool lower_video(Lowerer& L, const ptx::Instruction& inst) {
  const VideoSpec* spec = nullptr;
  for (const VideoSpec& v : kVideoOps)
    if (inst.opcode == v.name) spec = &v;
  if (!spec) return false;
  ParsedMods m = parse_modifiers(inst.modifiers);
  const bool accumulate = m.take("add");
  if (m.take("sat")) {
    L.fail("'" + inst.opcode + ".sat' is not supported");
    return true;
  }
  if (m.types.size() != 3 || !is_word(m.types[0]) || !is_word(m.types[1]) || !is_word(m.types[2])) {
    L.fail("'" + inst.opcode + "' needs three types (d, a, b), each .u32 or .s32");
    return true;
  }
  const DataType atype = m.types[1], btype = m.types[2];
  m.types.clear();
  if (!L.check_leftover(m) || !L.expect_operands(4)) return true;
  for (const ptx::Operand& o : inst.operands)
    if (o.kind == ptx::Operand::Kind::Register && !o.component.empty()) {
      L.fail(o.loc, "'" + inst.opcode + "' with a byte selector or mask is not supported");
      return true;
    }
  const isa::Operand a = L.src(inst.operands[1], DataType::U32);
  const isa::Operand b = L.src(inst.operands[2], DataType::U32);
  const isa::Operand c = L.src(inst.operands[3], DataType::U32);
  const isa::Operand d = L.dst(inst.operands[0], DataType::U32);
  if (L.failed()) return true;
  isa::Operand acc = c;
  for (unsigned byte = 0; byte < 4; ++byte) {
    const isa::Operand x = emit(L, Opcode::Bfe, atype, {a, imm(8 * byte), imm(8)});
    const isa::Operand y = emit(L, Opcode::Bfe, btype, {b, imm(8 * byte), imm(8)});
    const isa::Operand r = element(L, spec->op, x, y);
    acc = accumulate ? emit(L, Opcode::Add, DataType::U32, {acc, r})
                     : emit(L, Opcode::Bfi, DataType::B32, {r, acc, imm(8 * byte), imm(8)});
  }
  size_t i = L.emit(Opcode::Mov, DataType::U32);
  L.at(i).ndst = 1;
  L.at(i).dst[0] = d;
  L.at(i).nsrc = 1;
  L.at(i).src[0] = acc;
  return true;
}

}  // namespace canopy::compiler
