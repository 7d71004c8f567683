// Canopy native ISA: the decoded form of an instruction, shared by the finalizer (which builds it),
// the encoder/decoder (which (de)serialize it) and the engine (which predecodes and runs it).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace canopy::isa {

enum class Opcode : uint8_t {
#define CANOPY_OP(name, mnemonic, unit, max_dst, max_src, form, summary) name,
#include "isa/opcodes.def"
#undef CANOPY_OP
  Count
};

enum class Unit : uint8_t { IntAlu, IntMul, Fp32, Fp64, Fp16, Sfu, Conv, Mem, Ctrl, Sync, Warp, Tensor };
enum class Form : uint8_t { Alu, Mem, Branch, Call, Sys };

struct OpcodeInfo {
  std::string_view mnemonic;
  Unit unit;
  uint8_t max_dst;
  uint8_t max_src;
  Form form;
  std::string_view summary;
};

// The table row for an opcode (derived from opcodes.def).
const OpcodeInfo& info(Opcode op);

// Value types. B* are untyped bits (treated as unsigned by integer ops).
enum class DataType : uint8_t {
  None,
  U8, U16, U32, U64,
  S8, S16, S32, S64,
  B8, B16, B32, B64,
  F16, F32, F64, BF16,
  F16x2, BF16x2, TF32,
  Pred,
  S4, U4, B1,  // sub-byte mma operands only
  Count
};

constexpr unsigned bit_width(DataType t) {
  switch (t) {
    case DataType::U8: case DataType::S8: case DataType::B8: return 8;
    case DataType::U16: case DataType::S16: case DataType::B16: case DataType::F16: case DataType::BF16: return 16;
    case DataType::U32: case DataType::S32: case DataType::B32: case DataType::F32: case DataType::F16x2:
    case DataType::BF16x2: case DataType::TF32: return 32;
    case DataType::U64: case DataType::S64: case DataType::B64: case DataType::F64: return 64;
    case DataType::Pred: case DataType::B1: return 1;
    case DataType::S4: case DataType::U4: return 4;
    default: return 0;
  }
}
constexpr bool is_signed(DataType t) {
  return t == DataType::S8 || t == DataType::S16 || t == DataType::S32 || t == DataType::S64 ||
         t == DataType::S4;
}
constexpr bool is_float(DataType t) {
  return t == DataType::F16 || t == DataType::F32 || t == DataType::F64 || t == DataType::BF16 ||
         t == DataType::F16x2 || t == DataType::BF16x2 || t == DataType::TF32;
}

// Rounding: IEEE modes for floats (rn rz rm rp; rna for cvt to tf32), integer-rounding modes for
// float->float/int conversions (rni rzi rmi rpi). None = the instruction's default.
enum class Rounding : uint8_t { None, Rn, Rz, Rm, Rp, Rna, Rni, Rzi, Rmi, Rpi };

enum class CmpOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge, Lo, Ls, Hi, Hs, Equ, Neu, Ltu, Leu, Gtu, Geu, Num, Nan };
enum class BoolOp : uint8_t { None, And, Or, Xor };
enum class MulMode : uint8_t { Lo, Hi, Wide };
enum class Space : uint8_t { Generic, Global, Shared, Local, Const, Param, ParamKernel };
enum class CacheOp : uint8_t { None, Ca, Cg, Cs, Lu, Cv, Wb, Wt, Nc };
enum class AtomOp : uint8_t { Add, Sub, Exch, Cas, And, Or, Xor, Min, Max, Inc, Dec };
enum class Scope : uint8_t { Cta, Gpu, Sys, Cluster };
enum class MemOrder : uint8_t { Relaxed, Acquire, Release, AcqRel, SeqCst, Weak, Volatile };
enum class PrmtMode : uint8_t { Default, F4e, B4e, Rc8, Ecl, Ecr, Rc16 };
enum class BarOp : uint8_t { Sync, Arrive, RedPopc, RedAnd, RedOr };
enum class TestClass : uint8_t { Finite, Infinite, Number, NotANumber, Normal, Subnormal };
enum class ShflMode : uint8_t { Up, Down, Bfly, Idx };
enum class VoteMode : uint8_t { All, Any, Uni, Ballot };
// mma shapes (PTX spelling m<M>n<N>k<K>); the fragment layouts are the PTX ISA's for each shape.
enum class MmaShape : uint8_t { M8n8k16, M16n8k8, M16n8k16, M16n8k32, M16n8k4, M8n8k32, M16n8k64, M8n8k128,
                                M16n8k128, M16n8k256 };
// Texture and surface geometry (tex, suld, sust, txq): PTX .1d .2d .3d .a1d .a2d.
enum class TexGeom : uint8_t { D1, D2, D3, A1d, A2d };
// What an out-of-range surface access does (suld/sust): fault, use the nearest element, or read zero /
// drop the store.
enum class SurfClamp : uint8_t { Trap, Clamp, Zero };
// txq/suq: the queried property of a texture or surface object.
enum class TexQuery : uint8_t { Width, Height, Depth, NumLayers };

// Special registers read by s2r. Components (x, y, z) go in Mods::sreg_comp.
enum class SpecialReg : uint8_t {
  Tid, Ntid, Ctaid, Nctaid, LaneId, WarpId, NWarpId, SmId, NSmId, GridId,
  Clock, Clock64, GlobalTimer, LanemaskEq, LanemaskLe, LanemaskLt, LanemaskGe, LanemaskGt,
  DynamicSmemSize, TotalSmemSize, WarpSize,
  FrameBase,  // the thread's current local-memory frame base (calls push frames); see docs/architecture.md
  Count
};

// Every modifier an instruction can carry. Each opcode reads only the fields that apply to it; the
// encoder writes only the fields that differ from these defaults (layout in docs/isa.md).
struct Mods {
  Rounding rnd = Rounding::None;
  bool ftz = false;
  bool sat = false;
  bool approx = false;      // .approx (rcp, sqrt, div, ...)
  bool full = false;        // div.full.f32
  bool nan = false;         // min/max.NaN
  bool uniform = false;     // bra.uni
  bool shiftamt = false;    // bfind.shiftamt
  bool carry_in = false;    // addc / subc / madc
  bool carry_out = false;   // .cc
  bool shf_left = false;
  bool shf_clamp = false;
  bool cvta_to_space = false;  // cvta.to.<space> (else cvta.<space>, i.e. to generic)
  bool frame_relative = false; // ld/st.local: address is relative to the current frame base
  CmpOp cmp = CmpOp::Eq;
  BoolOp boolop = BoolOp::None;
  MulMode mul = MulMode::Lo;
  Space space = Space::Generic;
  CacheOp cache = CacheOp::None;
  uint8_t vec = 1;          // 1, 2, 4 elements for ld/st
  AtomOp atom = AtomOp::Add;
  Scope scope = Scope::Gpu;
  MemOrder order = MemOrder::Relaxed;
  PrmtMode prmt = PrmtMode::Default;
  BarOp bar = BarOp::Sync;
  TestClass testp = TestClass::Finite;
  ShflMode shfl = ShflMode::Idx;
  VoteMode vote = VoteMode::All;
  SpecialReg sreg = SpecialReg::Tid;
  uint8_t sreg_comp = 0;    // 0=x 1=y 2=z
  MmaShape mma_shape = MmaShape::M16n8k16;  // mma
  uint8_t mma_half = 0;     // mma: rows 0-7 (0) or 8-15 (1) of an M=16 shape
  DataType mma_btype = DataType::None;  // mma: B element type (None = same as A, type2)
  DataType mma_ctype = DataType::None;  // mma: C element type (None = same as D, type)
  bool trans = false;       // ldmatrix.trans
  bool parity = false;      // mbarrier.test_wait/try_wait.parity: src0 is a phase parity, not a state token
  bool noinc = false;       // cp.async.mbarrier.arrive.noinc
  bool drop = false;        // mbarrier.arrive_drop
  TexGeom tex_geom = TexGeom::D1;          // tex/suld/sust/txq: dimensionality
  SurfClamp surf_clamp = SurfClamp::Trap;  // suld/sust: out-of-range behaviour
  TexQuery tex_query = TexQuery::Width;    // txq

  friend bool operator==(const Mods&, const Mods&) = default;
};

enum class OperandKind : uint8_t {
  None,
  Reg,    // general register R<index> (64-bit slot)
  Pred,   // predicate register P<index>
  Imm,    // immediate: raw bits in `imm`, interpreted by the instruction's type
};

struct Operand {
  OperandKind kind = OperandKind::None;
  uint32_t index = 0;
  uint64_t imm = 0;

  static Operand reg(uint32_t i) { return {OperandKind::Reg, i, 0}; }
  static Operand pred(uint32_t i) { return {OperandKind::Pred, i, 0}; }
  static Operand immediate(uint64_t bits) { return {OperandKind::Imm, 0, bits}; }
  bool is_none() const { return kind == OperandKind::None; }
  friend bool operator==(const Operand&, const Operand&) = default;
};

constexpr uint32_t kNoGuard = 0xffffffffu;
constexpr uint32_t kNoTarget = 0xffffffffu;

// One native instruction. Memory instructions address [addr + offset] where addr is a register
// (or None for an absolute address); values to store / compare-and-swap come in src.
struct Instr {
  Opcode op = Opcode::Nop;
  DataType type = DataType::None;   // operation type (destination type for cvt)
  DataType type2 = DataType::None;  // second type: cvt source, mul.wide/mad.wide source, set compare type, ...
  Mods mods;
  uint32_t guard = kNoGuard;        // predicate register index, or kNoGuard
  bool guard_negated = false;
  uint8_t ndst = 0;
  uint8_t nsrc = 0;
  std::array<Operand, 4> dst{};
  std::array<Operand, 4> src{};
  Operand addr{};                   // Mem form: base register, or None
  int64_t offset = 0;               // Mem form: byte offset
  uint32_t target = kNoTarget;      // Branch: instruction index; Call: function index
  uint32_t reconverge = kNoTarget;  // Branch: immediate post-dominator (instruction index), if divergent-capable
  uint32_t line = 0;                // PTX source line (0 = unknown)

  friend bool operator==(const Instr&, const Instr&) = default;
};

}  // namespace canopy::isa
