#include "compiler/modifiers.h"

#include <algorithm>

namespace canopy::compiler {

namespace {

std::optional<isa::DataType> type_word(std::string_view w) {
  using T = isa::DataType;
  static constexpr std::pair<std::string_view, T> kTypes[] = {
      {"u8", T::U8},     {"u16", T::U16},     {"u32", T::U32},       {"u64", T::U64},   {"s8", T::S8},
      {"s16", T::S16},   {"s32", T::S32},     {"s64", T::S64},       {"b8", T::B8},     {"b16", T::B16},
      {"b32", T::B32},   {"b64", T::B64},     {"f16", T::F16},       {"f32", T::F32},   {"f64", T::F64},
      {"bf16", T::BF16}, {"f16x2", T::F16x2}, {"bf16x2", T::BF16x2}, {"tf32", T::TF32}, {"pred", T::Pred},
      {"s4", T::S4},     {"u4", T::U4},       {"b1", T::B1}};
  for (const auto& [name, t] : kTypes)
    if (w == name) return t;
  return std::nullopt;
}

std::optional<isa::Rounding> rounding_word(std::string_view w) {
  using R = isa::Rounding;
  static constexpr std::pair<std::string_view, R> kModes[] = {
      {"rn", R::Rn},   {"rz", R::Rz},   {"rm", R::Rm},   {"rp", R::Rp},  {"rna", R::Rna},
      {"rni", R::Rni}, {"rzi", R::Rzi}, {"rmi", R::Rmi}, {"rpi", R::Rpi}};
  for (const auto& [name, r] : kModes)
    if (w == name) return r;
  return std::nullopt;
}

std::optional<isa::Space> space_word(std::string_view w) {
  using S = isa::Space;
  if (w == "global") return S::Global;
  if (w == "shared" || w == "shared::cta" || w == "shared::cluster") return S::Shared;
  if (w == "local") return S::Local;
  if (w == "const") return S::Const;
  if (w == "param" || w == "param::entry" || w == "param::func") return S::Param;
  return std::nullopt;
}

std::optional<isa::CacheOp> cache_word(std::string_view w) {
  using C = isa::CacheOp;
  static constexpr std::pair<std::string_view, C> kOps[] = {{"ca", C::Ca}, {"cg", C::Cg}, {"cs", C::Cs},
                                                            {"lu", C::Lu}, {"cv", C::Cv}, {"wb", C::Wb},
                                                            {"wt", C::Wt}, {"nc", C::Nc}};
  for (const auto& [name, c] : kOps)
    if (w == name) return c;
  return std::nullopt;
}

std::optional<isa::MemOrder> order_word(std::string_view w) {
  using M = isa::MemOrder;
  if (w == "relaxed") return M::Relaxed;
  if (w == "acquire") return M::Acquire;
  if (w == "release") return M::Release;
  if (w == "acq_rel") return M::AcqRel;
  if (w == "sc") return M::SeqCst;
  if (w == "weak") return M::Weak;
  if (w == "volatile") return M::Volatile;
  return std::nullopt;
}

std::optional<isa::Scope> scope_word(std::string_view w) {
  using S = isa::Scope;
  if (w == "cta") return S::Cta;
  if (w == "gpu") return S::Gpu;
  if (w == "sys") return S::Sys;
  if (w == "cluster") return S::Cluster;
  return std::nullopt;
}

}  // namespace

bool ParsedMods::take(std::string_view w) {
  auto it = std::find(words.begin(), words.end(), w);
  if (it == words.end()) return false;
  words.erase(it);
  return true;
}

int ParsedMods::take_any(std::initializer_list<std::string_view> options) {
  int i = 0;
  for (std::string_view o : options) {
    if (take(o)) return i;
    ++i;
  }
  return -1;
}

ParsedMods parse_modifiers(const std::vector<std::string>& modifiers) {
  ParsedMods m;
  for (const std::string& w : modifiers) {
    if (auto t = type_word(w))
      m.types.push_back(*t);
    else if (auto r = rounding_word(w))
      m.rnd = *r;
    else if (auto s = space_word(w))
      m.space = *s;
    else if (auto c = cache_word(w))
      m.cache = *c;
    else if (w == "v2" || w == "v4")
      m.vec = static_cast<uint8_t>(w[1] - '0');
    else if (auto o = order_word(w))
      m.order = *o;
    else if (auto sc = scope_word(w))
      m.scope = *sc;
    else if (w.find("::") != std::string::npos)
      continue;  // cache-eviction and prefetch-size hints
    else
      m.words.push_back(w);
  }
  return m;
}

isa::DataType to_isa_type(ptx::Type t) {
  using P = ptx::Type;
  using T = isa::DataType;
  switch (t) {
    case P::B8:
      return T::B8;
    case P::B16:
      return T::B16;
    case P::B32:
      return T::B32;
    case P::B64:
      return T::B64;
    case P::U8:
      return T::U8;
    case P::U16:
      return T::U16;
    case P::U32:
      return T::U32;
    case P::U64:
      return T::U64;
    case P::S8:
      return T::S8;
    case P::S16:
      return T::S16;
    case P::S32:
      return T::S32;
    case P::S64:
      return T::S64;
    case P::F16:
      return T::F16;
    case P::F16x2:
      return T::F16x2;
    case P::BF16:
      return T::BF16;
    case P::BF16x2:
      return T::BF16x2;
    case P::TF32:
      return T::TF32;
    case P::F32:
      return T::F32;
    case P::F64:
      return T::F64;
    case P::Pred:
      return T::Pred;
    default:
      return T::None;
  }
}

unsigned ptx_type_bits(ptx::Type t) {
  if (t == ptx::Type::B128) return 128;
  return isa::bit_width(to_isa_type(t));
}

isa::DataType unsigned_of_width(unsigned bits) {
  switch (bits) {
    case 8:
      return isa::DataType::U8;
    case 16:
      return isa::DataType::U16;
    case 32:
      return isa::DataType::U32;
    default:
      return isa::DataType::U64;
  }
}

isa::DataType signed_of_width(unsigned bits) {
  switch (bits) {
    case 8:
      return isa::DataType::S8;
    case 16:
      return isa::DataType::S16;
    case 32:
      return isa::DataType::S32;
    default:
      return isa::DataType::S64;
  }
}

isa::DataType bits_of_width(unsigned bits) {
  switch (bits) {
    case 8:
      return isa::DataType::B8;
    case 16:
      return isa::DataType::B16;
    case 32:
      return isa::DataType::B32;
    default:
      return isa::DataType::B64;
  }
}

}  // namespace canopy::compiler
