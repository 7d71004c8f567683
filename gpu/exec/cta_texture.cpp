// The meaning of tex, suld, sust and txq: each lane names a texture or surface object by handle (the
// launch's read-only TextureTable); texels are read and written through checked global memory. The
// sampling arithmetic is gpu/texture/texture_math.h; docs/engine.md ("Textures and surfaces") records
// the decisions.
#include <bit>
#include <cstring>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/texture_instr.h"
#include "isa/names.h"
#include "support/hex.h"

namespace canopy::gpu {

using isa::DataType;

std::string check_texture_instr(const isa::Instr& in) {
  const unsigned coords = tex_coords(in.mods.tex_geom) + (tex_layered(in.mods.tex_geom) ? 1 : 0);
  switch (in.op) {
    case isa::Opcode::Tex:
      if (in.ndst != 4) return "tex writes 4 registers";
      if (in.nsrc != coords) return "tex needs one source per coordinate of its geometry";
      if (in.type != DataType::F32 && in.type != DataType::S32 && in.type != DataType::U32)
        return "tex returns f32, s32 or u32";
      if (in.type2 != DataType::F32 && in.type2 != DataType::S32) return "tex coordinates are f32 or s32";
      return {};
    case isa::Opcode::Suld:
    case isa::Opcode::Sust: {
      if (tex_layered(in.mods.tex_geom)) return "layered surfaces are not supported";
      const unsigned bits = isa::bit_width(in.type);
      if (bits != 8 && bits != 16 && bits != 32 && bits != 64)
        return "surface elements are b8, b16, b32 or b64";
      if (in.mods.vec * bits > 128) return "a surface access moves at most 128 bits";
      if (in.op == isa::Opcode::Suld) {
        if (in.ndst != in.mods.vec) return "suld writes one register per element";
        if (in.nsrc != tex_coords(in.mods.tex_geom)) return "suld needs one source per coordinate";
      } else if (in.ndst != 0 || in.nsrc != (in.mods.vec * bits > 64 ? 4u : 3u)) {
        return "sust takes x, y|z, and the packed data in one register (two beyond 64 bits)";
      }
      return {};
    }
    case isa::Opcode::Txq:
      if (in.ndst != 1 || in.nsrc != 0) return "txq writes one register";
      return {};
    default:
      return "not a texture instruction";
  }
}

template <int W>
const TextureObject* CtaRunner<W>::texture_of(Warp<W>& w, const ExecInstr<W>& in, int lane, uint64_t handle) {
  const TextureObject* t = spec_.textures ? spec_.textures->find(handle) : nullptr;
  const char* what = isa::name(in.instr->op).data();
  if (!t) {
    fault(w, in, "invalid texture handle", lane, std::nullopt,
          std::string(what) + ": handle " + hex(handle) +
              " names no live texture or surface object (never created or destroyed)");
    return nullptr;
  }
  const bool wants_surface = in.kind == ExecKind::Suld || in.kind == ExecKind::Sust;
  if (in.kind != ExecKind::Txq && t->surface != wants_surface) {
    fault(w, in, "invalid texture handle", lane, std::nullopt,
          std::string(what) + ": handle " + hex(handle) + " is a " + (t->surface ? "surface" : "texture") +
              " object, not a " + (wants_surface ? "surface" : "texture") + " object");
    return nullptr;
  }
  return t;
}

template <int W>
bool CtaRunner<W>::read_texel(Warp<W>& w, const ExecInstr<W>& in, int lane, const TextureObject& t, int64_t x,
                              int64_t y, int64_t z, texmath::TexelValue& out) {
  const uint32_t bytes = t.format.bytes();
  const uint64_t address = t.base + static_cast<uint64_t>(z) * t.slice_pitch +
                           static_cast<uint64_t>(y) * t.row_pitch + static_cast<uint64_t>(x) * bytes;
  const uint8_t* p = spec_.global->translate(address, bytes);
  if (!p)
    return fault(w, in, "illegal address", lane, address,
                 "tex: texel (" + std::to_string(x) + ", " + std::to_string(y) + ", " + std::to_string(z) +
                     ") of the texture object: no live allocation contains it (its memory was freed)");
  out = texmath::decode_texel(p, t.format, t.normalized_read);
  return true;
}

namespace {

float f32_of(uint64_t bits) { return std::bit_cast<float>(static_cast<uint32_t>(bits)); }

}  // namespace

template <int W>
bool CtaRunner<W>::exec_tex_lane(Warp<W>& w, const ExecInstr<W>& in, int lane, const TextureObject& t) {
  using namespace texmath;
  const isa::Instr& ins = *in.instr;
  const bool layered = tex_layered(ins.mods.tex_geom);
  const unsigned ncoord = tex_coords(ins.mods.tex_geom);
  const bool int_coords = ins.type2 == DataType::S32;
  const uint32_t size[3] = {t.width, t.height, layered ? 1u : t.depth};
  uint64_t raw[3] = {0, 0, 0};
  for (unsigned a = 0; a < ncoord; ++a) raw[a] = operand_row(w, in.src[a + (layered ? 1 : 0)])[lane];
  int64_t layer = 0;
  if (layered && t.layered) {
    const auto l = static_cast<int32_t>(operand_row(w, in.src[0])[lane]);
    layer = l < 0 ? 0 : l >= static_cast<int64_t>(t.depth) ? t.depth - 1 : l;
  }
  auto integer_coord = [&](unsigned a) {
    return int_coords ? int64_t{static_cast<int32_t>(raw[a])} : point_index(sanitize(f32_of(raw[a])));
  };

  TexelValue zero;
  zero.f = {0, 0, 0, 0};
  TexelValue value = zero;
  if (t.linear_resource) {  // tex1Dfetch: integer index, no addressing, out of range reads zero
    const int64_t i = integer_coord(0);
    if (i >= 0 && i < t.width && !read_texel(w, in, lane, t, i, 0, 0, value)) return false;
    if (i < 0 || i >= t.width) value.is_float = t.yields_float();
  } else if (int_coords || t.filter == TexFilter::Point || !t.yields_float()) {
    int64_t idx[3] = {0, 0, 0};
    bool border = false;
    for (unsigned a = 0; a < 3; ++a) {
      const bool normalized = t.normalized_coords && !int_coords;
      if (a >= ncoord)
        idx[a] = 0;
      else if (int_coords)
        idx[a] = address_texel(integer_coord(a), size[a], effective_mode(t.address[a], false));
      else
        idx[a] = point_texel(f32_of(raw[a]), size[a], normalized, t.address[a]);
      border |= idx[a] == kBorder;
    }
    if (border) {
      value.is_float = t.yields_float();
    } else if (!read_texel(w, in, lane, t, idx[0], idx[1], layered ? layer : idx[2], value)) {
      return false;
    }
  } else {  // linear filtering over 2, 4 or 8 taps
    LinearTaps taps[3];
    for (unsigned a = 0; a < ncoord; ++a)
      taps[a] = linear_taps(texel_coordinate(f32_of(raw[a]), size[a], t.normalized_coords));
    TexelValue texel[8];
    float weight[8];
    const unsigned n = 1u << ncoord;
    for (unsigned k = 0; k < n; ++k) {
      int64_t idx[3] = {0, 0, layered ? layer : 0};
      bool border = false;
      weight[k] = 1.0f;
      for (unsigned a = 0; a < ncoord; ++a) {
        const unsigned hi = (k >> a) & 1;
        weight[k] *= hi ? taps[a].alpha : 1.0f - taps[a].alpha;
        idx[a] = address_texel(taps[a].i0 + hi, size[a], effective_mode(t.address[a], t.normalized_coords));
        border |= idx[a] == kBorder;
      }
      texel[k] = zero;
      if (!border && !read_texel(w, in, lane, t, idx[0], idx[1], idx[2], texel[k])) return false;
    }
    value.f = blend(texel, weight, n);
    value.is_float = true;
  }
  // Results in the instruction's type; a type that disagrees with the texture's converts numerically.
  for (unsigned c = 0; c < 4; ++c) {
    uint64_t bits;
    if (ins.type == DataType::F32) {
      const float f = value.is_float ? value.f[c] : static_cast<float>(value.i[c]);
      bits = std::bit_cast<uint32_t>(f);
    } else {
      const int32_t i = value.is_float ? static_cast<int32_t>(value.f[c]) : value.i[c];
      bits = static_cast<uint32_t>(i);
    }
    dst_row(w, in.dst[c])[lane] = bits;
  }
  return true;
}

template <int W>
bool CtaRunner<W>::exec_surface_lane(Warp<W>& w, const ExecInstr<W>& in, int lane, const TextureObject& t) {
  const isa::Instr& ins = *in.instr;
  const bool store = in.kind == ExecKind::Sust;
  const unsigned elem = isa::bit_width(ins.type) / 8;
  const unsigned access = elem * ins.mods.vec;
  const unsigned ncoord = tex_coords(ins.mods.tex_geom);
  int64_t x = static_cast<int32_t>(operand_row(w, in.src[0])[lane]), y = 0, z = 0;
  if (store) {
    const uint64_t yz = operand_row(w, in.src[1])[lane];
    if (ncoord > 1) y = static_cast<int32_t>(yz);
    if (ncoord > 2) z = static_cast<int32_t>(yz >> 32);
  } else {
    if (ncoord > 1) y = static_cast<int32_t>(operand_row(w, in.src[1])[lane]);
    if (ncoord > 2) z = static_cast<int32_t>(operand_row(w, in.src[2])[lane]);
  }
  const char* what = store ? "sust" : "suld";
  const int64_t row_bytes = int64_t{t.width} * t.format.bytes();
  if (x % access != 0)
    return fault(w, in, "misaligned address", lane, std::nullopt,
                 std::string(what) + ": byte coordinate x = " + std::to_string(x) +
                     " is not a multiple of the " + std::to_string(access) + "-byte access");
  const bool inside = x >= 0 && x + access <= row_bytes && y >= 0 && y < t.height && z >= 0 && z < t.depth;
  if (!inside) {
    switch (ins.mods.surf_clamp) {
      case isa::SurfClamp::Trap:
        return fault(w, in, "illegal address", lane, std::nullopt,
                     std::string(what) + ": surface coordinate (x " + std::to_string(x) + " bytes, y " +
                         std::to_string(y) + ", z " + std::to_string(z) + ") outside the " +
                         std::to_string(row_bytes) + "-byte x " + std::to_string(t.height) + " x " +
                         std::to_string(t.depth) + " surface (.trap)");
      case isa::SurfClamp::Clamp:
        if (row_bytes >= access) {
          const int64_t last = (row_bytes - access) / access * access;
          x = x < 0 ? 0 : x > last ? last : x;
          y = y < 0 ? 0 : y >= t.height ? t.height - 1 : y;
          z = z < 0 ? 0 : z >= t.depth ? t.depth - 1 : z;
          break;
        }
        [[fallthrough]];  // the access is wider than a row: no element to clamp to, act as .zero
      case isa::SurfClamp::Zero:
        if (!store)
          for (unsigned k = 0; k < ins.mods.vec; ++k) dst_row(w, in.dst[k])[lane] = 0;
        return true;
    }
  }
  const uint64_t address = t.base + static_cast<uint64_t>(z) * t.slice_pitch +
                           static_cast<uint64_t>(y) * t.row_pitch + static_cast<uint64_t>(x);
  uint8_t* p = spec_.global->translate(address, access);
  if (!p)
    return fault(
        w, in, "illegal address", lane, address,
        std::string(what) + ": no live allocation contains the surface element (its memory was freed)");
  if (store) {
    uint8_t data[16];
    const uint64_t lo = operand_row(w, in.src[2])[lane];
    const uint64_t hi = access > 8 ? operand_row(w, in.src[3])[lane] : 0;
    std::memcpy(data, &lo, 8);
    std::memcpy(data + 8, &hi, 8);
    std::memcpy(p, data, access);
  } else {
    for (unsigned k = 0; k < ins.mods.vec; ++k) {
      uint64_t v = 0;
      std::memcpy(&v, p + k * elem, elem);
      dst_row(w, in.dst[k])[lane] = v;
    }
  }
  return true;
}

template <int W>
bool CtaRunner<W>::exec_texture(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const uint64_t* handles = operand_row(w, in.addr);
  const TextureObject* t = nullptr;
  uint64_t current = 0;
  for (uint64_t m = exec; m; m &= m - 1) {
    const int lane = std::countr_zero(m);
    if (!t || handles[lane] != current) {  // lanes usually agree on the object: look it up once
      current = handles[lane];
      t = texture_of(w, in, lane, current);
      if (!t) return false;
    }
    switch (in.kind) {
      case ExecKind::Tex:
        if (!exec_tex_lane(w, in, lane, *t)) return false;
        break;
      case ExecKind::Suld:
      case ExecKind::Sust:
        if (!exec_surface_lane(w, in, lane, *t)) return false;
        break;
      default: {  // txq
        const isa::TexQuery q = in.instr->mods.tex_query;
        const uint32_t v = q == isa::TexQuery::Width    ? t->width
                           : q == isa::TexQuery::Height ? t->height
                           : q == isa::TexQuery::Depth  ? (t->layered ? 1 : t->depth)
                                                        : (t->layered ? t->depth : 0);
        dst_row(w, in.dst[0])[lane] = v;
        break;
      }
    }
  }
  return true;
}

template bool CtaRunner<32>::exec_texture(Warp<32>&, const ExecInstr<32>&, uint64_t);
template bool CtaRunner<64>::exec_texture(Warp<64>&, const ExecInstr<64>&, uint64_t);

}  // namespace canopy::gpu
