// mov (registers, immediates, special registers, symbol addresses, vector pack/unpack) and cvt.
#include "compiler/lower.h"
#include "compiler/special_regs.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;

size_t emit_mov(Lowerer& L, DataType type, isa::Operand d, isa::Operand s) {
  size_t i = L.emit(Opcode::Mov, type);
  isa::Instr& in = L.at(i);
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 1;
  in.src[0] = s;
  return i;
}

// mov.b64 %rd, {%r1, %r2}  /  mov.b64 {%r1, %r2}, %rd
void lower_vector_mov(Lowerer& L, const ptx::Instruction& inst, DataType type) {
  const bool pack = inst.operands[1].kind == ptx::Operand::Kind::Vector;
  const ptx::Operand& vec = pack ? inst.operands[1] : inst.operands[0];
  const size_t n = vec.elements.size();
  const unsigned width = isa::bit_width(type);
  if ((n != 2 && n != 4) || width % n != 0 || width / n < 8)
    return L.fail(vec.loc, "vector operand of 'mov' must have 2 or 4 elements that split the type evenly");
  const DataType elem = bits_of_width(width / static_cast<unsigned>(n));
  if (pack) {
    std::array<isa::Operand, 4> s{};
    for (size_t k = 0; k < n; ++k) s[k] = L.src(vec.elements[k], elem);
    isa::Operand d = L.dst(inst.operands[0], type);
    if (L.failed()) return;
    size_t i = L.emit(Opcode::Pack, elem);
    L.at(i).ndst = 1;
    L.at(i).dst[0] = d;
    L.at(i).nsrc = static_cast<uint8_t>(n);
    L.at(i).src = s;
    return;
  }
  isa::Operand s = L.src(inst.operands[1], type);
  std::array<isa::Operand, 4> d{};
  for (size_t k = 0; k < n; ++k) d[k] = L.dst(vec.elements[k], elem);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Unpack, elem);
  L.at(i).ndst = static_cast<uint8_t>(n);
  L.at(i).dst = d;
  L.at(i).nsrc = 1;
  L.at(i).src[0] = s;
}

void lower_mov(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  const ptx::Operand& a = inst.operands[1];
  if (a.kind == ptx::Operand::Kind::Vector || inst.operands[0].kind == ptx::Operand::Kind::Vector)
    return lower_vector_mov(L, inst, type);
  if (a.kind == ptx::Operand::Kind::Register) {
    // Special registers go straight into the destination.
    if (auto sreg = find_special_register(a.name, a.component)) {
      isa::Operand d = L.dst(inst.operands[0], type);
      if (L.failed()) return;
      size_t i = L.emit(Opcode::S2R, sreg->type);
      L.at(i).ndst = 1;
      L.at(i).dst[0] = d;
      L.at(i).mods.sreg = sreg->reg;
      L.at(i).mods.sreg_comp = sreg->component;
      return;
    }
  }
  if (a.kind == ptx::Operand::Kind::Register) {
    // A texture reference's value is the texture object bound to it (clang's texture<> handles).
    if (auto handle = texref_handle(L, a.name, a.loc)) {
      isa::Operand d = L.dst(inst.operands[0], type);
      if (L.failed()) return;
      emit_mov(L, type, d, *handle);
      return;
    }
    if (L.failed()) return;
  }
  if (a.kind == ptx::Operand::Kind::Register || a.kind == ptx::Operand::Kind::SymbolOffset) {
    auto b = a.name == "_" ? std::nullopt : L.lookup(a.name);
    const int64_t addend = a.kind == ptx::Operand::Kind::SymbolOffset ? a.int_value : 0;
    // Global and function addresses too: an immediate patched at load time.
    bool relocated = b && ((b->kind == Binding::Kind::Variable &&
                            L.out_module().variables[b->index].space == isa::Space::Global) ||
                           b->kind == Binding::Kind::Function);
    if (relocated) {
      uint32_t symbol = b->index;
      bool is_function = b->kind == Binding::Kind::Function;
      if (is_function) {
        int32_t index = L.syms().sigs[b->index].index;
        if (index < 0) return L.fail(a.loc, "address of function '" + a.name + "' which has no body");
        symbol = static_cast<uint32_t>(index);
      }
      isa::Operand d = L.dst(inst.operands[0], type);
      if (L.failed()) return;
      size_t i = emit_mov(L, type, d, isa::Operand::immediate(0));
      L.vat(i).reloc = SymbolReloc{0, symbol, is_function, addend};
      return;
    }
  }
  isa::Operand s = L.src(a, type);
  isa::Operand d = L.dst(inst.operands[0], type);
  if (L.failed()) return;
  emit_mov(L, type, d, s);
}

// cvt.frnd.f16x2.f32 d, a, b (and .bf16x2): d = {hi: cvt(a), lo: cvt(b)}, lowered as two scalar
// conversions into 16-bit temporaries and a pack, so cvt keeps one meaning in the ALU.
void lower_cvt_pair(Lowerer& L, const ptx::Instruction& inst, ParsedMods& m, const isa::Mods& mods,
                    DataType dtype, DataType stype, bool relu, bool satfinite) {
  if (stype != DataType::F32) return L.fail("'cvt' to a packed half type converts two f32 values");
  if (mods.rnd != isa::Rounding::Rn && mods.rnd != isa::Rounding::Rz && mods.rnd != isa::Rounding::Rm &&
      mods.rnd != isa::Rounding::Rp)
    return L.fail("'cvt' to a packed half type needs .rn, .rz, .rm or .rp");
  if (!L.check_leftover(m) || !L.expect_operands(3)) return;
  const DataType elem = dtype == DataType::F16x2 ? DataType::F16 : DataType::BF16;
  isa::Operand a = L.src(inst.operands[1], stype), b = L.src(inst.operands[2], stype);
  isa::Operand d = L.dst(inst.operands[0], dtype);
  if (L.failed()) return;
  const isa::Operand hi = isa::Operand::reg(L.new_gpr(16)), lo = isa::Operand::reg(L.new_gpr(16));
  for (const auto& [t, s] : {std::pair{hi, a}, std::pair{lo, b}}) {
    size_t i = L.emit(Opcode::Cvt, elem);
    isa::Instr& in = L.at(i);
    in.type2 = stype;
    in.mods = mods;
    in.ndst = 1;
    in.dst[0] = t;
    in.nsrc = 1;
    in.src[0] = s;
  }
  size_t i = L.emit(Opcode::Pack, DataType::B16);
  isa::Instr& in = L.at(i);
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 2;
  in.src[0] = lo;
  in.src[1] = hi;
  emit_half_clamps(L, dtype, d, relu, satfinite);
}

void lower_cvt(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  isa::Mods mods;
  mods.ftz = m.take("ftz");
  mods.sat = m.take("sat");
  if (m.rnd) mods.rnd = *m.rnd;
  if (m.types.size() != 2) return L.fail("'cvt' needs a destination and a source type");
  const bool relu = m.take("relu"), satfinite = m.take("satfinite");
  const DataType dtype = m.types[0], stype = m.types[1];
  if (dtype == DataType::F16x2 || dtype == DataType::BF16x2)
    return lower_cvt_pair(L, inst, m, mods, dtype, stype, relu, satfinite);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  isa::Operand a = L.src(inst.operands[1], stype);
  isa::Operand d = L.dst(inst.operands[0], dtype);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Cvt, dtype);
  isa::Instr& in = L.at(i);
  in.type2 = stype;
  in.mods = mods;
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = 1;
  in.src[0] = a;
  emit_half_clamps(L, dtype, d, relu, satfinite);
}

}  // namespace

bool lower_cvt_mov(Lowerer& L, const ptx::Instruction& inst) {
  if (inst.opcode == "mov")
    lower_mov(L, inst);
  else if (inst.opcode == "cvt")
    lower_cvt(L, inst);
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
