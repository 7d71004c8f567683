// Matrix instructions: mma.sync, ldmatrix and the wmma family (docs/finalizer.md, "Tensor cores").
//
// The native mma computes one 8-row half of an M=16 shape (or all of an M=8 one) from one 64-bit
// register each of A, B and C, so mma.sync packs the PTX fragment registers of each half into 64-bit
// temporaries, issues one mma per half and unpacks the results. In every M=16 layout the PTX A
// registers alternate between rows 0-7 (even registers) and rows 8-15 (odd ones), and the first half
// of the C/D registers holds rows 0-7. wmma fragments use the layouts of isa/mma_layout.h (built from
// the m16n8 mma layouts): wmma.load/store become per-lane loads/stores of each element, wmma.mma
// becomes the mma instructions of its two 8-column halves.
#include <algorithm>
#include <map>

#include "compiler/lower.h"
#include "isa/mma_layout.h"

namespace canopy::compiler {

namespace {

using isa::DataType;
using isa::FragCoord;
using isa::MmaOperand;
using isa::MmaShape;
using isa::Opcode;
using isa::WmmaShape;

bool is_int8(DataType t) { return t == DataType::S8 || t == DataType::U8; }
bool is_int4(DataType t) { return t == DataType::S4 || t == DataType::U4; }
bool is_integer(DataType t) { return is_int8(t) || is_int4(t) || t == DataType::B1; }
// Whether B type b may go with A type a: 8-bit and 4-bit integers mix signedness; others match.
bool ab_types_match(DataType a, DataType b) {
  return is_int8(a) ? is_int8(b) : is_int4(a) ? is_int4(b) : a == b;
}

unsigned elem_bits(DataType t) { return isa::bit_width(t); }  // tf32 is 32, f16/bf16 16, s8/u8 8

// Whether d/c are accumulator types for A/B type a.
bool accumulator_ok(DataType a, DataType acc) {
  if (is_integer(a)) return acc == DataType::S32;
  return acc == DataType::F32 || (acc == DataType::F16 && a == DataType::F16);
}

// The registers of a `{a, b, ...}` operand (a lone register counts as a vector of one).
std::vector<const ptx::Operand*> reg_list(Lowerer& L, const ptx::Operand& o, size_t n, const char* what) {
  std::vector<const ptx::Operand*> out;
  if (o.kind != ptx::Operand::Kind::Vector) {
    if (n == 1) out.push_back(&o);
  } else if (o.elements.size() == n) {
    for (const ptx::Operand& e : o.elements) out.push_back(&e);
  }
  if (out.size() != n) L.fail(o.loc, std::string(what) + " needs a vector of " + std::to_string(n) + " registers");
  return out;
}

std::vector<isa::Operand> sources(Lowerer& L, const std::vector<const ptx::Operand*>& ops) {
  std::vector<isa::Operand> out;
  for (const ptx::Operand* o : ops) out.push_back(L.src(*o, DataType::B32));
  return out;
}

std::vector<isa::Operand> dests(Lowerer& L, const std::vector<const ptx::Operand*>& ops) {
  std::vector<isa::Operand> out;
  for (const ptx::Operand* o : ops) out.push_back(L.dst(*o, DataType::B32));
  return out;
}

// Emits `op` into a new register from `srcs`; `index` receives the instruction's index.
isa::Operand emit_op(Lowerer& L, Opcode op, DataType type, std::initializer_list<isa::Operand> srcs,
                     size_t* index = nullptr) {
  isa::Operand d = isa::Operand::reg(L.new_gpr(64));
  size_t i = L.emit(op, type);
  isa::Instr& in = L.at(i);
  in.ndst = 1;
  in.dst[0] = d;
  for (const isa::Operand& s : srcs) in.src[in.nsrc++] = s;
  if (index) *index = i;
  return d;
}

isa::Operand imm(uint64_t v) { return isa::Operand::immediate(v); }

// One native-level multiply: PTX-ordered fragment registers of an mma.sync shape.
struct MmaJob {
  MmaShape shape;
  DataType d, a, b, c;
  bool satfinite = false;
  std::vector<isa::Operand> ra, rb, rc, rd;
  // >= 0: the registers are those of this 8-row half alone (wmma m8n32k16); the other half is not computed.
  int only_half = -1;
  isa::AtomOp bop = isa::AtomOp::Add;  // b1: And or Xor (.and.popc / .xor.popc)
};

// The registers of `regs` that hold rows 8*half..8*half+7.
std::vector<isa::Operand> half_of(const std::vector<isa::Operand>& regs, bool is_a, unsigned halves, unsigned half) {
  if (halves == 1) return regs;
  std::vector<isa::Operand> out;
  for (size_t j = 0; j < regs.size(); ++j)
    if (is_a ? j % 2 == half : j / (regs.size() / 2) == half) out.push_back(regs[j]);
  return out;
}

isa::Operand pack(Lowerer& L, const std::vector<isa::Operand>& regs) {
  if (regs.size() == 1) return regs[0];
  return emit_op(L, Opcode::Pack, DataType::B32, {regs[0], regs[1]});
}

// Packs every input first, so destinations that alias inputs of another half are read before written.
void lower_mma_jobs(Lowerer& L, const std::vector<MmaJob>& jobs) {
  struct Half {
    const MmaJob* job;
    unsigned half;
    isa::Operand a, b, c, d;
  };
  std::vector<Half> halves;
  for (const MmaJob& j : jobs) {
    const unsigned n = isa::mma_dims(j.shape).m / 8;
    const isa::Operand b = pack(L, j.rb);
    if (j.only_half >= 0) {
      halves.push_back({&j, static_cast<unsigned>(j.only_half), pack(L, j.ra), b, pack(L, j.rc), {}});
      continue;
    }
    for (unsigned h = 0; h < n; ++h)
      halves.push_back({&j, h, pack(L, half_of(j.ra, true, n, h)), b, pack(L, half_of(j.rc, false, n, h)), {}});
  }
  for (Half& h : halves) {
    const MmaJob& j = *h.job;
    size_t i = 0;
    h.d = emit_op(L, Opcode::Mma, j.d, {h.a, h.b, h.c}, &i);
    isa::Instr& in = L.at(i);
    in.type2 = j.a;
    in.mods.mma_shape = j.shape;
    in.mods.mma_half = static_cast<uint8_t>(h.half);
    if (j.b != j.a) in.mods.mma_btype = j.b;
    if (j.c != j.d) in.mods.mma_ctype = j.c;
    in.mods.sat = j.satfinite;
    in.mods.atom = j.bop;
  }
  for (const Half& h : halves) {
    const unsigned n = isa::mma_dims(h.job->shape).m / 8;
    std::vector<isa::Operand> d = h.job->only_half >= 0 ? h.job->rd : half_of(h.job->rd, false, n, h.half);
    size_t i = L.emit(d.size() == 1 ? Opcode::Mov : Opcode::Unpack, DataType::B32);
    isa::Instr& in = L.at(i);
    in.ndst = static_cast<uint8_t>(d.size());
    for (size_t k = 0; k < d.size(); ++k) in.dst[k] = d[k];
    in.nsrc = 1;
    in.src[0] = h.d;
  }
}

unsigned mma_regs(MmaShape s, DataType ab, MmaOperand op, DataType t) {
  return isa::mma_fragment_elements(s, ab, op) * elem_bits(t) / 32;
}

// mma.sync.aligned.shape.row.col{.satfinite}.dtype.atype.btype.ctype{.and.popc|.xor.popc} d, a, b, c
void lower_mma(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  if (!m.take("sync") || !m.take("aligned")) return L.fail("'mma' needs .sync.aligned");
  // In the order of isa::MmaShape.
  int shape = m.take_any({"m8n8k16", "m16n8k8", "m16n8k16", "m16n8k32", "m16n8k4", "m8n8k32", "m16n8k64",
                          "m8n8k128", "m16n8k128", "m16n8k256"});
  if (shape < 0)
    return L.fail("unsupported 'mma' shape (m8n8k16, m8n8k32, m8n8k128, m16n8k4, m16n8k8, m16n8k16, "
                  "m16n8k32, m16n8k64, m16n8k128, m16n8k256)");
  if (!m.take("row") || !m.take("col")) return L.fail("'mma' needs the .row.col layouts");
  MmaJob j;
  j.shape = static_cast<MmaShape>(shape);
  j.satfinite = m.take("satfinite");
  const int bop = m.take_any({"and", "xor"});
  const bool popc = m.take("popc");
  if ((bop >= 0) != popc) return L.fail("'mma' bit operations are .and.popc or .xor.popc");
  if (bop >= 0) j.bop = bop == 0 ? isa::AtomOp::And : isa::AtomOp::Xor;
  if (m.types.size() != 4) return L.fail("'mma' needs four types: .dtype.atype.btype.ctype");
  j.d = m.types[0], j.a = m.types[1], j.b = m.types[2], j.c = m.types[3];
  m.types.clear();
  if (!L.check_leftover(m) || !L.expect_operands(4)) return;
  if (!isa::mma_shape_takes(j.shape, j.a) || !ab_types_match(j.a, j.b))
    return L.fail("unsupported 'mma' A/B types for this shape");
  if (!accumulator_ok(j.a, j.d) || !accumulator_ok(j.a, j.c)) return L.fail("unsupported 'mma' accumulator type");
  if (j.satfinite && !(is_int8(j.a) || is_int4(j.a)))
    return L.fail("'.satfinite' needs 8- or 4-bit integer 'mma'");
  if ((j.a == DataType::B1) != (bop >= 0))
    return L.fail("'.b1' 'mma' needs .and.popc or .xor.popc (and only it does)");
  auto a = reg_list(L, inst.operands[1], mma_regs(j.shape, j.a, MmaOperand::A, j.a), "'mma' A");
  auto b = reg_list(L, inst.operands[2], mma_regs(j.shape, j.a, MmaOperand::B, j.b), "'mma' B");
  auto c = reg_list(L, inst.operands[3], mma_regs(j.shape, j.a, MmaOperand::C, j.c), "'mma' C");
  auto d = reg_list(L, inst.operands[0], mma_regs(j.shape, j.a, MmaOperand::C, j.d), "'mma' D");
  if (L.failed()) return;
  j.ra = sources(L, a), j.rb = sources(L, b), j.rc = sources(L, c);
  j.rd = dests(L, d);
  if (L.failed()) return;
  lower_mma_jobs(L, {j});
}

// ldmatrix.sync.aligned.m8n8.x{1,2,4}{.trans}{.shared}.b16 d, [a]
void lower_ldmatrix(Lowerer& L, const ptx::Instruction& inst) {
  ParsedMods m = parse_modifiers(inst.modifiers);
  if (!m.take("sync") || !m.take("aligned")) return L.fail("'ldmatrix' needs .sync.aligned");
  if (!m.take("m8n8")) return L.fail("'ldmatrix' supports the .m8n8 shape");
  int num = m.take_any({"x1", "x2", "x4"});
  if (num < 0) return L.fail("'ldmatrix' needs .x1, .x2 or .x4");
  const bool trans = m.take("trans");
  DataType type = L.single_type(m);
  if (!L.check_leftover(m) || !L.expect_operands(2)) return;
  if (type != DataType::B16) return L.fail("'ldmatrix' loads .b16 elements");
  if (m.space && *m.space != isa::Space::Shared) return L.fail("'ldmatrix' reads shared memory");
  const unsigned count = 1u << num;
  auto d = reg_list(L, inst.operands[0], count, "'ldmatrix' destination");
  MemRef ref = L.mem(inst.operands[1], m.space);
  if (L.failed()) return;
  std::vector<isa::Operand> dst = dests(L, d);
  if (L.failed()) return;
  size_t i = L.emit(Opcode::Ldmatrix, DataType::B16);
  L.apply_mem(i, ref);
  isa::Instr& in = L.at(i);
  in.mods.vec = static_cast<uint8_t>(count);
  in.mods.trans = trans;
  in.ndst = static_cast<uint8_t>(count);
  for (unsigned k = 0; k < count; ++k) in.dst[k] = dst[k];
}

// ---- wmma ----

// The shape word, as an isa::WmmaShape (-1: none).
int take_wmma_shape(ParsedMods& m) { return m.take_any({"m16n16k16", "m16n16k8", "m32n8k16", "m8n32k16"}); }
constexpr const char* kWmmaShapeError = "unsupported 'wmma' shape (m16n16k16, m16n16k8, m32n8k16, m8n32k16)";

struct WmmaFrag {
  WmmaShape shape;
  MmaOperand op;
  DataType elem;
  unsigned regs() const { return isa::wmma_fragment_elements(shape, elem, op) * elem_bits(elem) / 32; }
};

// The lane-dependent part of a fragment's coordinates: coord(lane, i) = coord(0, i) + g*dg + t*dt.
struct LaneTerms {
  FragCoord dg, dt;
};
LaneTerms lane_terms(const WmmaFrag& f) {
  FragCoord c0 = isa::wmma_fragment_coord(f.shape, f.elem, f.op, 0, 0);
  FragCoord c4 = isa::wmma_fragment_coord(f.shape, f.elem, f.op, 4, 0);
  FragCoord c1 = isa::wmma_fragment_coord(f.shape, f.elem, f.op, 1, 0);
  return {{c4.row - c0.row, c4.col - c0.col}, {c1.row - c0.row, c1.col - c0.col}};
}

// Parses the shape and the a/b/c-d and layout words shared by wmma.load and wmma.store.
struct WmmaAccess {
  WmmaFrag frag;
  bool col_major = false;
};

std::optional<WmmaAccess> wmma_access(Lowerer& L, ParsedMods& m, bool store) {
  WmmaAccess w;
  if (!m.take("sync") || !m.take("aligned")) return L.fail("'wmma' needs .sync.aligned"), std::nullopt;
  int which = store ? (m.take("d") ? 2 : -1) : m.take_any({"a", "b", "c"});
  if (which < 0) return L.fail(store ? "'wmma.store' needs .d" : "'wmma.load' needs .a, .b or .c"), std::nullopt;
  int layout = m.take_any({"row", "col"});
  if (layout < 0) return L.fail("'wmma' needs .row or .col"), std::nullopt;
  int shape = take_wmma_shape(m);
  if (shape < 0) return L.fail(kWmmaShapeError), std::nullopt;
  DataType type = L.single_type(m);
  if (L.failed()) return std::nullopt;
  w.frag = {static_cast<WmmaShape>(shape), static_cast<MmaOperand>(which), type};
  w.col_major = layout == 1;
  if (isa::wmma_fragment_elements(w.frag.shape, type, w.frag.op) == 0)
    return L.fail("unsupported 'wmma' fragment type for this shape"), std::nullopt;
  return w;
}

// Per element of the fragment: the address register and offset of its bytes.
struct ElementAddress {
  isa::Operand addr;
  int64_t offset;
};

std::vector<ElementAddress> element_addresses(Lowerer& L, const WmmaAccess& w, const MemRef& ref,
                                              const ptx::Operand* stride) {
  const WmmaFrag& f = w.frag;
  const unsigned es = elem_bits(f.elem) / 8;
  const isa::MmaDims dims = isa::wmma_dims(f.shape);
  // The matrix's rows and columns, for the default stride (a tightly packed matrix).
  const unsigned rows = f.op == MmaOperand::B ? dims.k : dims.m;
  const unsigned cols = f.op == MmaOperand::A ? dims.k : dims.n;
  isa::Operand ldm = stride ? L.src(*stride, DataType::U32) : imm(w.col_major ? rows : cols);
  auto major = [&](FragCoord c) { return w.col_major ? c.col : c.row; };
  auto minor = [&](FragCoord c) { return w.col_major ? c.row : c.col; };
  const LaneTerms lt = lane_terms(f);
  isa::Operand lane = isa::Operand::reg(L.new_gpr(32));
  {
    size_t i = L.emit(Opcode::S2R, DataType::U32);
    L.at(i).ndst = 1;
    L.at(i).dst[0] = lane;
    L.at(i).mods.sreg = isa::SpecialReg::LaneId;
  }
  isa::Operand g = emit_op(L, Opcode::Shr, DataType::U32, {lane, imm(2)});
  isa::Operand t = emit_op(L, Opcode::And, DataType::B32, {lane, imm(3)});
  isa::Operand stride_bytes = emit_op(L, Opcode::Mul, DataType::U64, {ldm, imm(es)});
  auto affine = [&](unsigned a, unsigned b) {  // g*a + t*b
    isa::Operand x = emit_op(L, Opcode::Mul, DataType::U64, {g, imm(a)});
    return emit_op(L, Opcode::Mad, DataType::U64, {t, imm(b), x});
  };
  isa::Operand base = ref.addr.is_none() ? imm(0) : ref.addr;
  isa::Operand lane_addr = emit_op(L, Opcode::Mad, DataType::U64, {affine(major(lt.dg), major(lt.dt)), stride_bytes, base});
  lane_addr = emit_op(L, Opcode::Mad, DataType::U64, {affine(minor(lt.dg), minor(lt.dt)), imm(es), lane_addr});
  std::map<unsigned, isa::Operand> by_major;
  std::vector<ElementAddress> out;
  const unsigned n = isa::wmma_fragment_elements(f.shape, f.elem, f.op);
  for (unsigned i = 0; i < n; ++i) {
    FragCoord c = isa::wmma_fragment_coord(f.shape, f.elem, f.op, 0, i);
    auto it = by_major.find(major(c));
    if (it == by_major.end()) {
      isa::Operand a = major(c) == 0 ? lane_addr
                                     : emit_op(L, Opcode::Mad, DataType::U64, {imm(major(c)), stride_bytes, lane_addr});
      it = by_major.emplace(major(c), a).first;
    }
    out.push_back({it->second, ref.offset + static_cast<int64_t>(minor(c) * es)});
  }
  return out;
}

size_t emit_access(Lowerer& L, Opcode op, DataType type, const MemRef& ref, const ElementAddress& e) {
  size_t i = L.emit(op, type);
  MemRef r = ref;
  r.addr = e.addr;
  r.offset = e.offset;
  L.apply_mem(i, r);
  return i;
}

// wmma.load.{a,b,c}.sync.aligned.layout.shape{.ss}.type {regs}, [p]{, stride}
void lower_wmma_load(Lowerer& L, const ptx::Instruction& inst, ParsedMods& m) {
  auto w = wmma_access(L, m, false);
  if (!w || !L.check_leftover(m) || !L.expect_operands(2, 3)) return;
  auto regs = reg_list(L, inst.operands[0], w->frag.regs(), "'wmma.load' fragment");
  MemRef ref = L.mem(inst.operands[1], m.space);
  if (L.failed()) return;
  auto addrs = element_addresses(L, *w, ref, inst.operands.size() == 3 ? &inst.operands[2] : nullptr);
  std::vector<isa::Operand> dst = dests(L, regs);
  if (L.failed()) return;
  const unsigned per_reg = std::min(4u, 32 / elem_bits(w->frag.elem));
  const DataType bits = bits_of_width(elem_bits(w->frag.elem));
  for (size_t r = 0; r < dst.size(); ++r) {
    if (per_reg == 1) {
      size_t i = emit_access(L, Opcode::Ld, bits, ref, addrs[r]);
      L.at(i).ndst = 1;
      L.at(i).dst[0] = dst[r];
      continue;
    }
    std::array<isa::Operand, 4> parts{};
    for (unsigned p = 0; p < per_reg; ++p) {
      parts[p] = isa::Operand::reg(L.new_gpr(elem_bits(w->frag.elem)));
      size_t i = emit_access(L, Opcode::Ld, bits, ref, addrs[r * per_reg + p]);
      L.at(i).ndst = 1;
      L.at(i).dst[0] = parts[p];
    }
    size_t i = L.emit(Opcode::Pack, bits);
    L.at(i).ndst = 1;
    L.at(i).dst[0] = dst[r];
    L.at(i).nsrc = static_cast<uint8_t>(per_reg);
    L.at(i).src = parts;
  }
}

// wmma.store.d.sync.aligned.layout.shape{.ss}.type [p], {regs}{, stride}
void lower_wmma_store(Lowerer& L, const ptx::Instruction& inst, ParsedMods& m) {
  auto w = wmma_access(L, m, true);
  if (!w || !L.check_leftover(m) || !L.expect_operands(2, 3)) return;
  auto regs = reg_list(L, inst.operands[1], w->frag.regs(), "'wmma.store' fragment");
  MemRef ref = L.mem(inst.operands[0], m.space);
  if (L.failed()) return;
  auto addrs = element_addresses(L, *w, ref, inst.operands.size() == 3 ? &inst.operands[2] : nullptr);
  std::vector<isa::Operand> src = sources(L, regs);
  if (L.failed()) return;
  const unsigned per_reg = std::min(4u, 32 / elem_bits(w->frag.elem));
  const DataType bits = bits_of_width(elem_bits(w->frag.elem));
  for (size_t r = 0; r < src.size(); ++r) {
    std::array<isa::Operand, 4> parts{src[r]};
    if (per_reg > 1) {
      size_t u = L.emit(Opcode::Unpack, bits);
      L.at(u).ndst = static_cast<uint8_t>(per_reg);
      for (unsigned p = 0; p < per_reg; ++p) L.at(u).dst[p] = parts[p] = isa::Operand::reg(L.new_gpr(32));
      L.at(u).nsrc = 1;
      L.at(u).src[0] = src[r];
    }
    for (unsigned p = 0; p < per_reg; ++p) {
      size_t i = emit_access(L, Opcode::St, bits, ref, addrs[r * per_reg + p]);
      L.at(i).nsrc = 1;
      L.at(i).src[0] = parts[p];
    }
  }
}

// wmma.mma.sync.aligned.alayout.blayout.shape.dtype.ctype (f16) or .dtype.atype.btype.ctype{.satfinite}
void lower_wmma_mma(Lowerer& L, const ptx::Instruction& inst, ParsedMods& m) {
  if (!m.take("sync") || !m.take("aligned")) return L.fail("'wmma' needs .sync.aligned");
  if (m.take_any({"row", "col"}) < 0 || m.take_any({"row", "col"}) < 0)
    return L.fail("'wmma.mma' needs the A and B layouts (.row/.col)");
  int shape = take_wmma_shape(m);
  if (shape < 0) return L.fail(kWmmaShapeError);
  const bool satfinite = m.take("satfinite");
  DataType d, a, b, c;
  if (m.types.size() == 2)
    d = m.types[0], c = m.types[1], a = b = DataType::F16;
  else if (m.types.size() == 4)
    d = m.types[0], a = m.types[1], b = m.types[2], c = m.types[3];
  else
    return L.fail("'wmma.mma' needs .dtype.ctype or .dtype.atype.btype.ctype");
  m.types.clear();
  if (!L.check_leftover(m) || !L.expect_operands(4)) return;
  const auto ws = static_cast<WmmaShape>(shape);
  if (isa::wmma_fragment_elements(ws, a, MmaOperand::A) == 0 || (is_int8(a) ? !is_int8(b) : a != b))
    return L.fail("unsupported 'wmma.mma' A/B types for this shape");
  if (!accumulator_ok(a, d) || !accumulator_ok(a, c)) return L.fail("unsupported 'wmma.mma' accumulator type");
  if (satfinite && !is_int8(a)) return L.fail("'.satfinite' needs integer 'wmma.mma'");
  const WmmaFrag fa{ws, MmaOperand::A, a}, fb{ws, MmaOperand::B, b}, fc{ws, MmaOperand::C, c}, fd{ws, MmaOperand::C, d};
  auto ra = reg_list(L, inst.operands[1], fa.regs(), "'wmma.mma' A");
  auto rb = reg_list(L, inst.operands[2], fb.regs(), "'wmma.mma' B");
  auto rc = reg_list(L, inst.operands[3], fc.regs(), "'wmma.mma' C");
  auto rd = reg_list(L, inst.operands[0], fd.regs(), "'wmma.mma' D");
  if (L.failed()) return;
  // f16 A and B may hold their elements several times over: only the first copy is read.
  const isa::WmmaTiles tiles = isa::wmma_tiles(ws);
  ra.resize(isa::wmma_tile_elements(ws, a, MmaOperand::A) * tiles.m * elem_bits(a) / 32);
  rb.resize(isa::wmma_tile_elements(ws, b, MmaOperand::B) * tiles.n * elem_bits(b) / 32);
  std::vector<isa::Operand> sa = sources(L, ra), sb = sources(L, rb), sc = sources(L, rc);
  std::vector<isa::Operand> sd = dests(L, rd);
  if (L.failed()) return;
  // Tile `i` of `n` equal slices of `v`.
  auto slice = [](const std::vector<isa::Operand>& v, size_t n, size_t i) {
    const size_t len = v.size() / n;
    return std::vector<isa::Operand>(v.begin() + i * len, v.begin() + (i + 1) * len);
  };
  std::vector<MmaJob> jobs;
  const size_t count = tiles.m * tiles.n;
  for (size_t tm = 0; tm < tiles.m; ++tm)
    for (size_t tn = 0; tn < tiles.n; ++tn) {
      const size_t tile = tm * tiles.n + tn;  // C/D tiles go along N first
      jobs.push_back({isa::wmma_base_shape(ws), d, a, b, c, satfinite, slice(sa, tiles.m, tm),
                      slice(sb, tiles.n, tn), slice(sc, count, tile), slice(sd, count, tile),
                      tiles.rows == 8 ? 0 : -1});
    }
  lower_mma_jobs(L, jobs);
}

}  // namespace

bool lower_matrix(Lowerer& L, const ptx::Instruction& inst) {
  const std::string& op = inst.opcode;
  if (op == "mma") {
    lower_mma(L, inst);
  } else if (op == "ldmatrix") {
    lower_ldmatrix(L, inst);
  } else if (op == "wmma") {
    ParsedMods m = parse_modifiers(inst.modifiers);
    if (m.take("load"))
      lower_wmma_load(L, inst, m);
    else if (m.take("store"))
      lower_wmma_store(L, inst, m);
    else if (m.take("mma"))
      lower_wmma_mma(L, inst, m);
    else
      L.fail("'wmma' needs .load, .store or .mma");
  } else {
    return false;
  }
  return true;
}

}  // namespace canopy::compiler
