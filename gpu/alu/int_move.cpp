// Handler selection for data movement and selection: mov (incl. predicate masks), pack, unpack, selp,
// slct. Values of any type are just bits here.
#include "gpu/alu/int_handlers.h"
#include "gpu/alu/int_semantics.h"

namespace canopy::gpu::alu {

namespace {

using isa::DataType;

template <class U>
constexpr U identity(U a) {
  return a;
}

template <int W>
void move_predicate(const isa::Instr& in, const AluOperands<W>& o) {
  write_mask(o.dst[0], read_predicate<W>(in, o, 0), o.exec);
}

// pack: element k of kCount elements of type E goes to bits [k*|E|, (k+1)*|E|).
template <int W, class E, int kCount>
void pack(const isa::Instr&, const AluOperands<W>& o) {
  constexpr int kBits = isem::kBits<E>;
  write_lanes<W>(o.dst[0], o.exec, [&](int l) {
    uint64_t v = 0;
    for (int k = 0; k < kCount; ++k) v |= uint64_t{static_cast<E>(o.src[k][l])} << (k * kBits);
    return v;
  });
}

// unpack: the reverse of pack; a destination left out (nullptr, PTX `_`) is skipped.
template <int W, class E, int kCount>
void unpack(const isa::Instr&, const AluOperands<W>& o) {
  constexpr int kBits = isem::kBits<E>;
  const uint64_t* a = o.src[0];
  // Read every lane first: a destination may be the source register.
  uint64_t packed[W];
  for (int l = 0; l < W; ++l) packed[l] = a[l];
  for (int k = 0; k < kCount; ++k) {
    if (!o.dst[k]) continue;
    write_lanes<W>(o.dst[k], o.exec,
                   [&](int l) { return uint64_t{static_cast<E>(packed[l] >> (k * kBits))}; });
  }
}

template <int W, class U>
void selp(const isa::Instr& in, const AluOperands<W>& o) {
  uint64_t take_a[W];
  expand_mask<W>(read_predicate<W>(in, o, 2), take_a);
  const uint64_t *a = o.src[0], *b = o.src[1];
  write_lanes<W>(o.dst[0], o.exec,
                 [&](int l) { return uint64_t{static_cast<U>((a[l] & take_a[l]) | (b[l] & ~take_a[l]))}; });
}

enum class SlctKind { S32, F32, F32Ftz };

template <int W, class U, SlctKind kKind>
void slct(const isa::Instr&, const AluOperands<W>& o) {
  const uint64_t *a = o.src[0], *b = o.src[1], *c = o.src[2];
  write_lanes<W>(o.dst[0], o.exec, [&](int l) {
    uint32_t cv = static_cast<uint32_t>(c[l]);
    bool take_a = kKind == SlctKind::S32 ? isem::slct_s32_selects_a(cv)
                                         : isem::slct_f32_selects_a(cv, kKind == SlctKind::F32Ftz);
    return uint64_t{static_cast<U>(take_a ? a[l] : b[l])};
  });
}

template <int W, class E>
AluHandler<W> pick_pack(bool is_pack, int count) {
  if (is_pack) return count == 2 ? &pack<W, E, 2> : &pack<W, E, 4>;
  return count == 2 ? &unpack<W, E, 2> : &unpack<W, E, 4>;
}

template <int W>
AluHandler<W> select_pack(const isa::Instr& in, std::string* why) {
  bool is_pack = in.op == isa::Opcode::Pack;
  int count = is_pack ? in.nsrc : in.ndst;
  unsigned bits = isa::bit_width(in.type);
  if (count != 2 && count != 4) return reject<W>(why, in, "needs 2 or 4 elements");
  if (in.type == DataType::Pred || (bits != 8 && bits != 16 && bits != 32) || bits * count > 64) {
    return reject<W>(why, in, "element type must be 8, 16 or 32 bits and all elements fit in 64 bits");
  }
  switch (bits) {
    case 8:
      return pick_pack<W, uint8_t>(is_pack, count);
    case 16:
      return pick_pack<W, uint16_t>(is_pack, count);
    default:
      return pick_pack<W, uint32_t>(is_pack, count);
  }
}

template <int W>
AluHandler<W> select_slct(const isa::Instr& in, std::string* why) {
  unsigned bits = isa::bit_width(in.type);
  if (in.type == DataType::Pred || (bits != 16 && bits != 32 && bits != 64)) {
    return reject<W>(why, in, "type must be 16, 32 or 64 bits");
  }
  if (in.type2 != DataType::S32 && in.type2 != DataType::F32)
    return reject<W>(why, in, "type2 must be s32 or f32");
  if (in.mods.ftz && in.type2 != DataType::F32) return reject<W>(why, in, ".ftz needs an f32 c");
  SlctKind kind = in.type2 == DataType::S32 ? SlctKind::S32 : in.mods.ftz ? SlctKind::F32Ftz : SlctKind::F32;
  return by_width<W>(bits, [&]<class U>() -> AluHandler<W> {
    switch (kind) {
      case SlctKind::S32:
        return &slct<W, U, SlctKind::S32>;
      case SlctKind::F32:
        return &slct<W, U, SlctKind::F32>;
      case SlctKind::F32Ftz:
        return &slct<W, U, SlctKind::F32Ftz>;
    }
    return nullptr;
  });
}

}  // namespace

template <int W>
AluHandler<W> select_int_move(const isa::Instr& in, std::string* why) {
  unsigned bits = isa::bit_width(in.type);
  bool any_width = bits == 8 || bits == 16 || bits == 32 || bits == 64;
  switch (in.op) {
    case isa::Opcode::Mov:
      if (in.type == DataType::Pred) return &move_predicate<W>;
      if (!any_width) return reject<W>(why, in, "needs a type of 8, 16, 32 or 64 bits, or pred");
      return by_width<W>(bits, []<class U>() -> AluHandler<W> { return &run1<W, Lane<&identity<U>>>; });
    case isa::Opcode::Selp:
      if (!any_width) return reject<W>(why, in, "needs a type of 8, 16, 32 or 64 bits");
      return by_width<W>(bits, []<class U>() -> AluHandler<W> { return &selp<W, U>; });
    case isa::Opcode::Pack:
    case isa::Opcode::Unpack:
      return select_pack<W>(in, why);
    case isa::Opcode::Slct:
      return select_slct<W>(in, why);
    default:
      return reject<W>(why, in, "not a move instruction");
  }
}

template AluHandler<32> select_int_move<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_int_move<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
