#include "gpu/alu/mma_ops.h"

#include <algorithm>
#include <cfenv>
#include <cmath>

#include "gpu/alu/fp_soft.h"
#include "isa/names.h"

namespace canopy::gpu::alu {

using isa::DataType;
using isa::MmaShape;
using isa::mma_dims;
using isa::mma_fragment_coord;
using isa::mma_fragment_elements;
using isa::mma_shape_takes;

namespace {

bool is_int8(DataType t) { return t == DataType::S8 || t == DataType::U8; }
bool is_int4(DataType t) { return t == DataType::S4 || t == DataType::U4; }
bool is_integer(DataType t) { return is_int8(t) || is_int4(t) || t == DataType::B1; }

unsigned elem_bits(DataType t) { return t == DataType::TF32 ? 32 : isa::bit_width(t); }

DataType b_type(const isa::Instr& in) {
  return in.mods.mma_btype == DataType::None ? in.type2 : in.mods.mma_btype;
}
DataType c_type(const isa::Instr& in) {
  return in.mods.mma_ctype == DataType::None ? in.type : in.mods.mma_ctype;
}

// A value of an A/B element as a double (exact), tf32 reduced to its upper 19 bits.
double float_element(DataType t, uint64_t bits) {
  switch (t) {
    case DataType::F16: return fp::decode_to_double(fp::kF16, bits);
    case DataType::BF16: return fp::decode_to_double(fp::kBF16, bits);
    default: return fp::decode_to_double(fp::kF32, bits & 0xffffe000u);
  }
}

// fma(a, b, acc) rounded once to f32 (nearest even), acc an f32 value. a and b carry at most 11 significant
// bits (f16, bf16, tf32), so a * b is exact in double; when the double sum is exact too (TwoSum error 0)
// rounding it once is the fused result, otherwise (and for inf/NaN) the software fma decides. TwoSum needs
// the host in round-to-nearest (`host_rn`); no value here is a double subnormal, so flush modes do not
// matter.
double fma_f32(double a, double b, double acc, bool host_rn) {
  const double p = a * b, s = p + acc;
  const double bp = s - acc, err = (p - bp) + (acc - (s - bp));
  const uint64_t bits = host_rn && std::isfinite(s) && err == 0
                            ? fp::round_double(fp::kF32, s, fp::RoundMode::Rn)
                            : fp::soft_fma(fp::kF32, a, b, acc, true, fp::RoundMode::Rn);
  return fp::f32_bits_to_double(static_cast<uint32_t>(bits));
}

int64_t int_element(DataType t, uint64_t bits) {
  switch (t) {
    case DataType::S8:
      return static_cast<int8_t>(bits);
    case DataType::S4:
      return static_cast<int64_t>(bits & 0xf) - ((bits & 0x8) ? 16 : 0);
    case DataType::U4:
      return static_cast<int64_t>(bits & 0xf);
    case DataType::B1: return static_cast<int64_t>(bits & 1);
    default: return static_cast<int64_t>(bits & 0xff);
  }
}

// The slices of the operands one instruction reads (8 rows of A and C/D, up to K = 256), as raw element
// bits indexed [row][col]. Every element an instruction uses is written before it is read.
template <unsigned Rows, unsigned Cols>
struct Tile {
  std::array<std::array<uint64_t, Cols>, Rows> v;
};

// Walks lane `lane`'s elements of `op` that fall in `half` (rows 8*half..8*half+7 for A and C; all of B),
// in element order, calling f(coord, bit offset in the lane's register).
template <class F>
void for_each_packed(MmaShape s, DataType ab, MmaOperand op, unsigned half, unsigned width, unsigned lane,
                     F&& f) {
  const unsigned count = mma_fragment_elements(s, ab, op);
  unsigned offset = 0;
  for (unsigned i = 0; i < count; ++i) {
    FragCoord c = mma_fragment_coord(s, ab, op, lane, i);
    if (op != MmaOperand::B && c.row / 8 != half) continue;
    f(c, offset);
    offset += width;
  }
}

uint64_t field(uint64_t v, unsigned offset, unsigned width) {
  return width >= 64 ? v : (v >> offset) & ((uint64_t{1} << width) - 1);
}

}  // namespace

std::string mma_check(const isa::Instr& in) {
  const MmaShape s = in.mods.mma_shape;
  const DataType a = in.type2, b = b_type(in), c = c_type(in), d = in.type;
  if (in.ndst != 1 || in.nsrc != 3) return "mma takes d, a, b, c";
  if (!mma_shape_takes(s, a)) return "A type ." + std::string(isa::name(a)) + " is not an mma." + std::string(isa::name(s)) + " type";
  if (is_int8(a) ? !is_int8(b) : is_int4(a) ? !is_int4(b) : b != a) return "A and B types do not match";
  auto acc_ok = [&](DataType t) {
    if (is_integer(a)) return t == DataType::S32;
    return t == DataType::F32 || (t == DataType::F16 && a == DataType::F16);
  };
  if (!acc_ok(d) || !acc_ok(c)) return "accumulator types do not fit the A/B type";
  if (in.mods.sat && !(is_int8(a) || is_int4(a))) return ".satfinite is for 8- and 4-bit integer mma";
  if ((a == DataType::B1) != (in.mods.atom == isa::AtomOp::And || in.mods.atom == isa::AtomOp::Xor))
    return ".b1 mma needs the .and or .xor bit operation (and only it)";
  if (mma_dims(s).m == 8 && in.mods.mma_half != 0) return "an M=8 shape has one half";
  return {};
}

void mma_execute(const isa::Instr& in, const uint64_t* a, const uint64_t* b, const uint64_t* c, uint64_t* d) {
  const MmaShape s = in.mods.mma_shape;
  const DataType at = in.type2, bt = b_type(in), ct = c_type(in), dt = in.type;
  const unsigned half = in.mods.mma_half;
  const isa::MmaDims dims = mma_dims(s);
  Tile<8, 256> A;
  Tile<256, 8> B;
  Tile<8, 8> C, D;
  for (unsigned lane = 0; lane < kMmaLanes; ++lane) {
    for_each_packed(s, at, MmaOperand::A, half, elem_bits(at), lane,
                    [&](FragCoord f, unsigned off) { A.v[f.row % 8][f.col] = field(a[lane], off, elem_bits(at)); });
    for_each_packed(s, at, MmaOperand::B, half, elem_bits(bt), lane,
                    [&](FragCoord f, unsigned off) { B.v[f.row][f.col] = field(b[lane], off, elem_bits(bt)); });
    for_each_packed(s, at, MmaOperand::C, half, bit_width(ct), lane,
                    [&](FragCoord f, unsigned off) { C.v[f.row % 8][f.col] = field(c[lane], off, bit_width(ct)); });
  }
  const bool xor_popc = in.mods.atom == isa::AtomOp::Xor;
  const bool host_rn = std::fegetround() == FE_TONEAREST;
  // Floating-point elements are decoded once, not once per product.
  double Ad[8][256], Bd[256][8];
  if (!is_integer(at))
    for (unsigned k = 0; k < dims.k; ++k)
      for (unsigned i = 0; i < 8; ++i) {
        Ad[i][k] = float_element(at, A.v[i][k]);
        if (i < dims.n) Bd[k][i] = float_element(bt, B.v[k][i]);
      }
  for (unsigned r = 0; r < 8; ++r)
    for (unsigned n = 0; n < dims.n; ++n) {
      if (at == DataType::B1) {  // D = C + popc(A row op B column), wrapped to s32
        uint32_t acc = static_cast<uint32_t>(C.v[r][n]);
        for (unsigned k = 0; k < dims.k; ++k)
          acc += xor_popc ? (A.v[r][k] ^ B.v[k][n]) : (A.v[r][k] & B.v[k][n]);
        D.v[r][n] = acc;
        continue;
      }
      if (is_integer(at)) {
        int64_t acc = static_cast<int32_t>(C.v[r][n]);
        for (unsigned k = 0; k < dims.k; ++k) acc += int_element(at, A.v[r][k]) * int_element(bt, B.v[k][n]);
        if (in.mods.sat) acc = std::clamp<int64_t>(acc, INT32_MIN, INT32_MAX);
        D.v[r][n] = static_cast<uint32_t>(acc);
        continue;
      }
      double acc = ct == DataType::F16 ? fp::decode_to_double(fp::kF16, C.v[r][n])
                                       : fp::decode_to_double(fp::kF32, C.v[r][n]);
      for (unsigned k = 0; k < dims.k; ++k) acc = fma_f32(Ad[r][k], Bd[k][n], acc, host_rn);
      D.v[r][n] = dt == DataType::F16 ? fp::round_double(fp::kF16, acc, fp::RoundMode::Rn)
                                      : fp::round_double(fp::kF32, acc, fp::RoundMode::Rn);
    }
  for (unsigned lane = 0; lane < kMmaLanes; ++lane) {
    uint64_t out = 0;
    for_each_packed(s, at, MmaOperand::C, half, bit_width(dt), lane,
                    [&](FragCoord f, unsigned off) { out |= D.v[f.row % 8][f.col] << off; });
    d[lane] = out;
  }
}

uint32_t ldmatrix_fragment(const std::array<std::array<uint16_t, 8>, 8>& rows, unsigned lane, bool trans) {
  const unsigned g = (lane >> 2) & 7, t = lane & 3;
  if (trans) return rows[2 * t][g] | static_cast<uint32_t>(rows[2 * t + 1][g]) << 16;
  return rows[g][2 * t] | static_cast<uint32_t>(rows[g][2 * t + 1]) << 16;
}

}  // namespace canopy::gpu::alu
