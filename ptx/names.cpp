#include "ptx/names.h"

#include <array>
#include <utility>

namespace canopy::ptx {
namespace {

struct TypeInfo {
  Type type;
  std::string_view name;
  unsigned bits;
};

constexpr std::array<TypeInfo, 25> kTypes = {{
    {Type::B8, "b8", 8},
    {Type::B16, "b16", 16},
    {Type::B32, "b32", 32},
    {Type::B64, "b64", 64},
    {Type::B128, "b128", 128},
    {Type::U8, "u8", 8},
    {Type::U16, "u16", 16},
    {Type::U32, "u32", 32},
    {Type::U64, "u64", 64},
    {Type::S8, "s8", 8},
    {Type::S16, "s16", 16},
    {Type::S32, "s32", 32},
    {Type::S64, "s64", 64},
    {Type::F16, "f16", 16},
    {Type::F16x2, "f16x2", 32},
    {Type::BF16, "bf16", 16},
    {Type::BF16x2, "bf16x2", 32},
    {Type::TF32, "tf32", 32},
    {Type::F32, "f32", 32},
    {Type::F64, "f64", 64},
    {Type::Pred, "pred", 1},
    {Type::TexRef, "texref", 0},
    {Type::SamplerRef, "samplerref", 0},
    {Type::SurfRef, "surfref", 0},
    {Type::None, "", 0},
}};

constexpr std::array<std::pair<StateSpace, std::string_view>, 9> kSpaces = {{
    {StateSpace::Reg, "reg"},
    {StateSpace::Sreg, "sreg"},
    {StateSpace::Const, "const"},
    {StateSpace::Global, "global"},
    {StateSpace::Local, "local"},
    {StateSpace::Param, "param"},
    {StateSpace::Shared, "shared"},
    {StateSpace::Tex, "tex"},
    {StateSpace::Generic, "generic"},
}};

}  // namespace

std::optional<Type> type_from_name(std::string_view word) {
  if (word.empty()) return std::nullopt;
  for (const auto& t : kTypes)
    if (t.name == word) return t.type;
  return std::nullopt;
}

std::optional<StateSpace> space_from_name(std::string_view word) {
  for (const auto& s : kSpaces)
    if (s.second == word && s.first != StateSpace::Generic) return s.first;
  return std::nullopt;
}

std::string_view type_name(Type type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.name;
  return "";
}

std::string_view space_name(StateSpace space) {
  for (const auto& s : kSpaces)
    if (s.first == space) return s.second;
  return "";
}

unsigned type_bits(Type type) {
  for (const auto& t : kTypes)
    if (t.type == type) return t.bits;
  return 0;
}

}  // namespace canopy::ptx
