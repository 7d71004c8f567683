// Texture and surface instructions over texture/surface objects (docs/finalizer.md, "Textures and
// surfaces"): tex, suld.b, sust.b, txq and suq. The object is a .u64 handle register (the unified
// mode's texture objects). A texture reference (.texref) is an 8-byte .global cell holding the texture
// object the runtime bound to it (cudaBindTexture*): `mov.u64 %rd, texref` and `tex ... [texref, c]`
// load it. Surface references (.surfref) are not supported.
//
//   tex.{1d,2d,3d,a1d,a2d}.v4.{f32,s32,u32}.{f32,s32}  d, [h, c]       -> tex (4 results)
//   suld.b.{1d,2d,3d}{.v2,.v4}.{b8,b16,b32,b64}{.trap,.clamp,.zero} d, [h, c] -> suld
//   sust.b.{1d,2d,3d}{.v2,.v4}.{b8,b16,b32,b64}{.trap,.clamp,.zero} [h, c], a -> pack + sust
//   txq.{width,height,depth,array_size}.b32 d, [h]   (suq the same on surfaces) -> txq
#include "compiler/lower.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::Opcode;
using isa::TexGeom;

std::optional<TexGeom> take_geometry(ParsedMods& m) {
  switch (m.take_any({"1d", "2d", "3d", "a1d", "a2d"})) {
    case 0:
      return TexGeom::D1;
    case 1:
      return TexGeom::D2;
    case 2:
      return TexGeom::D3;
    case 3:
      return TexGeom::A1d;
    case 4:
      return TexGeom::A2d;
    default:
      return std::nullopt;
  }
}

// Coordinates a geometry takes, layer index included, and the PTX vector length that carries them.
unsigned coord_count(TexGeom g) {
  return g == TexGeom::D1 ? 1 : g == TexGeom::D3 || g == TexGeom::A2d ? 3 : 2;
}
unsigned vector_length(TexGeom g) { return g == TexGeom::D3 || g == TexGeom::A2d ? 4 : coord_count(g); }

}  // namespace

std::optional<isa::Operand> texref_handle(Lowerer& L, const std::string& name, SourceLoc loc) {
  auto b = L.lookup(name);
  if (!b || b->kind != Binding::Kind::Variable || !L.syms().texrefs.count(b->index)) return std::nullopt;
  ptx::Operand cell;
  cell.kind = ptx::Operand::Kind::Address;
  cell.address.base = name;
  cell.loc = loc;
  MemRef ref = L.mem(cell, isa::Space::Global);
  if (L.failed()) return std::nullopt;
  const isa::Operand handle = isa::Operand::reg(L.new_gpr(64));
  size_t i = L.emit(Opcode::Ld, DataType::U64);
  L.apply_mem(i, ref);
  L.at(i).ndst = 1;
  L.at(i).dst[0] = handle;
  return handle;
}

namespace {

// The handle register of `[h, ...]`, or the object a texture reference `[texref, ...]` holds.
std::optional<isa::Operand> object_handle(Lowerer& L, const ptx::Operand& a) {
  if (a.kind != ptx::Operand::Kind::Address || a.address.base.empty() || a.address.offset != 0) {
    L.fail(a.loc, "'" + L.cur().opcode + "' needs [handle, coordinates] with a .u64 object handle register");
    return std::nullopt;
  }
  if (auto h = texref_handle(L, a.address.base, a.loc)) return h;
  if (L.failed()) return std::nullopt;
  auto b = L.lookup(a.address.base);
  if (b && b->kind != Binding::Kind::Gpr) {
    L.fail(a.loc,
           "'" + a.address.base +
               "' is not a register or a texture reference (surface references are not supported)");
    return std::nullopt;
  }
  ptx::Operand r;
  r.kind = ptx::Operand::Kind::Register;
  r.name = a.address.base;
  r.loc = a.loc;
  isa::Operand h = L.src(r, DataType::U64);
  if (L.failed()) return std::nullopt;
  return h;
}

// The coordinate operands after the handle: a vector (or, for one coordinate, a lone operand).
std::vector<const ptx::Operand*> coordinates(Lowerer& L, const ptx::Operand& a, TexGeom g) {
  std::vector<const ptx::Operand*> out;
  const unsigned want = vector_length(g);
  if (a.elements.size() == 1) {
    const ptx::Operand& c = a.elements[0];
    if (c.kind == ptx::Operand::Kind::Vector && c.elements.size() == want)
      for (const ptx::Operand& e : c.elements) out.push_back(&e);
    else if (want == 1 && c.kind != ptx::Operand::Kind::Vector)
      out.push_back(&c);
  }
  if (out.size() != want) {
    L.fail(a.loc, "'" + L.cur().opcode + "' needs " + std::to_string(want) + " coordinate" +
                      (want > 1 ? "s" : "") + " in braces after the handle");
    out.clear();
  } else {
    out.resize(coord_count(g));  // 3d and a2d pad their vector to four; the last element is ignored
  }
  return out;
}

std::vector<const ptx::Operand*> destinations(Lowerer& L, const ptx::Operand& o, unsigned n) {
  std::vector<const ptx::Operand*> out;
  if (o.kind == ptx::Operand::Kind::Vector && o.elements.size() == n)
    for (const ptx::Operand& e : o.elements) out.push_back(&e);
  else if (n == 1 && o.kind == ptx::Operand::Kind::Register)
    out.push_back(&o);
  if (out.size() != n)
    L.fail(o.loc, "'" + L.cur().opcode + "' needs " +
                      (n == 1 ? std::string("one destination register")
                              : "a vector of " + std::to_string(n) + " destinations"));
  return out;
}

void lower_tex(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  auto geom = take_geometry(m);
  if (!geom) return L.fail("'tex' needs a geometry: .1d, .2d, .3d, .a1d or .a2d");
  if (m.vec != 4) return L.fail("'tex' needs .v4");
  if (m.take("level") || m.take("grad") || m.take("base"))
    return L.fail("'tex' mipmap forms (.base, .level, .grad) are not supported");
  if (!L.check_leftover(m)) return;
  if (m.types.size() != 2) return L.fail("'tex' needs a result type and a coordinate type (.v4.f32.f32)");
  const DataType dtype = m.types[0], ctype = m.types[1];
  if (dtype != DataType::F32 && dtype != DataType::S32 && dtype != DataType::U32)
    return L.fail("'tex' returns .f32, .s32 or .u32");
  if (ctype != DataType::F32 && ctype != DataType::S32) return L.fail("'tex' coordinates are .f32 or .s32");
  if (!L.expect_operands(2)) return;
  auto d = destinations(L, inst.operands[0], 4);
  if (L.failed()) return;
  auto h = object_handle(L, inst.operands[1]);
  if (!h) return;
  auto c = coordinates(L, inst.operands[1], *geom);
  if (L.failed()) return;
  std::vector<isa::Operand> srcs;
  for (size_t k = 0; k < c.size(); ++k) {
    const bool layer = k == 0 && (*geom == TexGeom::A1d || *geom == TexGeom::A2d);
    srcs.push_back(L.src(*c[k], layer ? DataType::S32 : ctype));
  }
  std::vector<isa::Operand> dst;
  for (const ptx::Operand* o : d)
    dst.push_back(o->kind == ptx::Operand::Kind::Register && o->name == "_" ? isa::Operand::reg(L.new_gpr(32))
                                                                            : L.dst(*o, dtype));
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Tex, dtype);
  isa::Instr& in = L.at(i);
  in.type2 = ctype;
  in.mods.tex_geom = *geom;
  in.mods.vec = 4;
  in.addr = *h;
  in.ndst = 4;
  for (unsigned k = 0; k < 4; ++k) in.dst[k] = dst[k];
  in.nsrc = static_cast<uint8_t>(srcs.size());
  for (size_t k = 0; k < srcs.size(); ++k) in.src[k] = srcs[k];
}

struct SurfaceForm {
  TexGeom geom;
  DataType type;
  uint8_t vec;
  isa::SurfClamp clamp;
};

std::optional<SurfaceForm> surface_form(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const std::string& op = inst.opcode;
  if (m.take("p"))
    return L.fail("'" + op + ".p' (formatted access) is not supported; use ." + op.substr(2) + ".b"),
           std::nullopt;
  if (!m.take("b")) return L.fail("'" + op + "' needs .b (unformatted access)"), std::nullopt;
  auto geom = take_geometry(m);
  if (!geom) return L.fail("'" + op + "' needs a geometry: .1d, .2d or .3d"), std::nullopt;
  if (*geom == TexGeom::A1d || *geom == TexGeom::A2d)
    return L.fail("layered surfaces (.a1d, .a2d) are not supported"), std::nullopt;
  const int clamp = m.take_any({"trap", "clamp", "zero"});
  if (!L.check_leftover(m)) return std::nullopt;
  const DataType t = L.single_type(m);
  if (L.failed()) return std::nullopt;
  if (t != DataType::B8 && t != DataType::B16 && t != DataType::B32 && t != DataType::B64)
    return L.fail("'" + op + "' moves .b8, .b16, .b32 or .b64 elements"), std::nullopt;
  if (m.vec * isa::bit_width(t) > 128)
    return L.fail("'" + op + "' moves at most 128 bits (.v4.b64 is not allowed)"), std::nullopt;
  return SurfaceForm{*geom, t, m.vec, clamp < 0 ? isa::SurfClamp::Trap : static_cast<isa::SurfClamp>(clamp)};
}

void set_surface_mods(isa::Instr& in, const SurfaceForm& f, isa::Operand h) {
  in.mods.tex_geom = f.geom;
  in.mods.vec = f.vec;
  in.mods.surf_clamp = f.clamp;
  in.addr = h;
}

void lower_suld(Lowerer& L, const ptx::Instruction& inst) {
  auto f = surface_form(L, inst);
  if (!f || !L.expect_operands(2)) return;
  auto d = destinations(L, inst.operands[0], f->vec);
  if (L.failed()) return;
  auto h = object_handle(L, inst.operands[1]);
  if (!h) return;
  auto c = coordinates(L, inst.operands[1], f->geom);
  if (L.failed()) return;
  std::vector<isa::Operand> srcs, dst;
  for (const ptx::Operand* o : c) srcs.push_back(L.src(*o, DataType::S32));
  for (const ptx::Operand* o : d) dst.push_back(L.dst(*o, f->type));
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Suld, f->type);
  isa::Instr& in = L.at(i);
  set_surface_mods(in, *f, *h);
  in.ndst = f->vec;
  for (unsigned k = 0; k < f->vec; ++k) in.dst[k] = dst[k];
  in.nsrc = static_cast<uint8_t>(srcs.size());
  for (size_t k = 0; k < srcs.size(); ++k) in.src[k] = srcs[k];
}

isa::Operand emit_pack(Lowerer& L, DataType elem, const std::vector<isa::Operand>& parts) {
  isa::Operand d = isa::Operand::reg(L.new_gpr(64));
  size_t i = L.emit(Opcode::Pack, elem);
  isa::Instr& in = L.at(i);
  in.ndst = 1;
  in.dst[0] = d;
  in.nsrc = static_cast<uint8_t>(parts.size());
  for (size_t k = 0; k < parts.size(); ++k) in.src[k] = parts[k];
  return d;
}

void lower_sust(Lowerer& L, const ptx::Instruction& inst) {
  auto f = surface_form(L, inst);
  if (!f || !L.expect_operands(2)) return;
  auto h = object_handle(L, inst.operands[0]);
  if (!h) return;
  auto c = coordinates(L, inst.operands[0], f->geom);
  if (L.failed()) return;
  std::vector<const ptx::Operand*> a;
  const ptx::Operand& v = inst.operands[1];
  if (v.kind == ptx::Operand::Kind::Vector && v.elements.size() == f->vec)
    for (const ptx::Operand& e : v.elements) a.push_back(&e);
  else if (f->vec == 1 && v.kind != ptx::Operand::Kind::Vector && v.kind != ptx::Operand::Kind::Address)
    a.push_back(&v);
  if (a.size() != f->vec)
    return L.fail(v.loc,
                  "'sust' needs " + std::to_string(f->vec) + " source value" + (f->vec > 1 ? "s" : ""));
  std::vector<isa::Operand> coords, values;
  for (const ptx::Operand* o : c) coords.push_back(L.src(*o, DataType::S32));
  for (const ptx::Operand* o : a) values.push_back(L.src(*o, f->type));
  if (L.failed()) return;
  // y and z share one source (y low, z high); the elements are packed little-endian into 64-bit words.
  isa::Operand yz = coords.size() == 3   ? emit_pack(L, DataType::B32, {coords[1], coords[2]})
                    : coords.size() == 2 ? coords[1]
                                         : isa::Operand::immediate(0);
  const unsigned bits = isa::bit_width(f->type);
  const unsigned per_word = 64 / bits;
  std::vector<isa::Operand> words;
  for (size_t k = 0; k < values.size(); k += per_word) {
    std::vector<isa::Operand> part(values.begin() + k,
                                   values.begin() + std::min(values.size(), k + per_word));
    words.push_back(
        part.size() == 1 ? part[0] : emit_pack(L, f->type == DataType::B32 ? DataType::B32 : f->type, part));
  }
  size_t i = L.emit(Opcode::Sust, f->type);
  isa::Instr& in = L.at(i);
  set_surface_mods(in, *f, *h);
  in.nsrc = static_cast<uint8_t>(2 + words.size());
  in.src[0] = coords[0];
  in.src[1] = yz;
  for (size_t k = 0; k < words.size(); ++k) in.src[2 + k] = words[k];
}

void lower_query(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  const int q = m.take_any({"width", "height", "depth", "array_size"});
  if (q < 0) return L.fail("'" + inst.opcode + "' supports .width, .height, .depth and .array_size");
  if (!L.check_leftover(m)) return;
  const DataType t = L.single_type(m);
  if (L.failed()) return;
  if (t != DataType::B32) return L.fail("'" + inst.opcode + "' needs .b32");
  if (!L.expect_operands(2)) return;
  const ptx::Operand& a = inst.operands[1];
  if (!a.elements.empty()) return L.fail(a.loc, "'" + inst.opcode + "' takes [handle] only");
  auto h = object_handle(L, a);
  if (!h) return;
  isa::Operand d = L.dst(inst.operands[0], DataType::U32);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Txq, DataType::U32);
  isa::Instr& in = L.at(i);
  in.mods.tex_query = static_cast<isa::TexQuery>(q);
  in.addr = *h;
  in.ndst = 1;
  in.dst[0] = d;
}

}  // namespace

bool lower_texture(Lowerer& L, const ptx::Instruction& inst) {
  const std::string& op = inst.opcode;
  if (op == "tex")
    lower_tex(L, inst);
  else if (op == "suld")
    lower_suld(L, inst);
  else if (op == "sust")
    lower_sust(L, inst);
  else if (op == "txq" || op == "suq")
    lower_query(L, inst);
  else
    return false;
  return true;
}

}  // namespace canopy::compiler
