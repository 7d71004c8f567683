// Text names of the ISA's enums, spelled as in PTX where PTX has a spelling ("f32", "rn", "global",
// "acq_rel", "tid"), without the leading '.' or '%'. Used by the disassembler, docs/isa.md and
// error messages. Every value of every enum has a non-empty name; out-of-range values give "?".
#pragma once

#include <cstddef>
#include <string_view>

#include "isa/isa.h"

namespace canopy::isa {

// Number of values of each enum of isa.h (the ones without a Count member are derived from their
// last enumerator, so a value appended to isa.h must be appended here too; a test checks the names).
template <typename E>
constexpr size_t enum_count();
template <>
constexpr size_t enum_count<Opcode>() {
  return static_cast<size_t>(Opcode::Count);
}
template <>
constexpr size_t enum_count<DataType>() {
  return static_cast<size_t>(DataType::Count);
}
template <>
constexpr size_t enum_count<SpecialReg>() {
  return static_cast<size_t>(SpecialReg::Count);
}
template <>
constexpr size_t enum_count<Unit>() {
  return static_cast<size_t>(Unit::Tensor) + 1;
}
template <>
constexpr size_t enum_count<Form>() {
  return static_cast<size_t>(Form::Sys) + 1;
}
template <>
constexpr size_t enum_count<Rounding>() {
  return static_cast<size_t>(Rounding::Rpi) + 1;
}
template <>
constexpr size_t enum_count<CmpOp>() {
  return static_cast<size_t>(CmpOp::Nan) + 1;
}
template <>
constexpr size_t enum_count<BoolOp>() {
  return static_cast<size_t>(BoolOp::Xor) + 1;
}
template <>
constexpr size_t enum_count<MulMode>() {
  return static_cast<size_t>(MulMode::Wide) + 1;
}
template <>
constexpr size_t enum_count<Space>() {
  return static_cast<size_t>(Space::ParamKernel) + 1;
}
template <>
constexpr size_t enum_count<CacheOp>() {
  return static_cast<size_t>(CacheOp::Nc) + 1;
}
template <>
constexpr size_t enum_count<AtomOp>() {
  return static_cast<size_t>(AtomOp::Dec) + 1;
}
template <>
constexpr size_t enum_count<Scope>() {
  return static_cast<size_t>(Scope::Cluster) + 1;
}
template <>
constexpr size_t enum_count<MemOrder>() {
  return static_cast<size_t>(MemOrder::Volatile) + 1;
}
template <>
constexpr size_t enum_count<PrmtMode>() {
  return static_cast<size_t>(PrmtMode::Rc16) + 1;
}
template <>
constexpr size_t enum_count<BarOp>() {
  return static_cast<size_t>(BarOp::RedOr) + 1;
}
template <>
constexpr size_t enum_count<TestClass>() {
  return static_cast<size_t>(TestClass::Subnormal) + 1;
}
template <>
constexpr size_t enum_count<ShflMode>() {
  return static_cast<size_t>(ShflMode::Idx) + 1;
}
template <>
constexpr size_t enum_count<VoteMode>() {
  return static_cast<size_t>(VoteMode::Ballot) + 1;
}
template <>
constexpr size_t enum_count<MmaShape>() {
  return static_cast<size_t>(MmaShape::M16n8k256) + 1;
}
template <>
constexpr size_t enum_count<TexGeom>() {
  return static_cast<size_t>(TexGeom::A2d) + 1;
}
template <>
constexpr size_t enum_count<SurfClamp>() {
  return static_cast<size_t>(SurfClamp::Zero) + 1;
}
template <>
constexpr size_t enum_count<TexQuery>() {
  return static_cast<size_t>(TexQuery::NumLayers) + 1;
}
template <>
constexpr size_t enum_count<OperandKind>() {
  return static_cast<size_t>(OperandKind::Imm) + 1;
}

std::string_view name(Opcode op);      // the mnemonic: "add", "ld", "s2r"
std::string_view name(Unit u);         // "int-alu", "sfu", ...
std::string_view name(Form f);         // "alu", "mem", "branch", "call", "sys"
std::string_view name(DataType t);     // "f32", "u64", "pred"; None = "none"
std::string_view name(Rounding r);     // "rn", "rzi"; None = "none"
std::string_view name(CmpOp c);        // "lt", "geu", "nan"
std::string_view name(BoolOp b);       // "and"; None = "none"
std::string_view name(MulMode m);      // "lo", "hi", "wide"
std::string_view name(Space s);        // "global", "shared", "param::entry" (ParamKernel), "generic"
std::string_view name(CacheOp c);      // "ca", "cg", "nc"; None = "none"
std::string_view name(AtomOp a);       // "add", "exch", "cas", "inc"
std::string_view name(Scope s);        // "cta", "gpu", "sys", "cluster"
std::string_view name(MemOrder o);     // "relaxed", "acquire", "acq_rel", "sc", "weak", "volatile"
std::string_view name(PrmtMode p);     // "f4e", "rc16"; Default = "default"
std::string_view name(BarOp b);        // "sync", "arrive", "red.popc", "red.and", "red.or"
std::string_view name(TestClass t);    // "finite", "notanumber", "subnormal"
std::string_view name(ShflMode s);     // "up", "down", "bfly", "idx"
std::string_view name(VoteMode v);     // "all", "any", "uni", "ballot"
std::string_view name(MmaShape s);     // "m16n8k16"
std::string_view name(TexGeom g);      // "1d", "2d", "3d", "a1d", "a2d"
std::string_view name(SurfClamp c);    // "trap", "clamp", "zero"
std::string_view name(TexQuery q);     // "width", "height", "depth", "array_size"
std::string_view name(SpecialReg r);   // "tid", "laneid", "lanemask_lt", "framebase"
std::string_view name(OperandKind k);  // "none", "reg", "pred", "imm"

}  // namespace canopy::isa
