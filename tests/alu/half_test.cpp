// Half precision (.f16, .bf16, .f16x2, .bf16x2) through the float selector, against an independent
// reference: every format value decoded from the IEEE definition into a sorted table, results computed
// exactly as a double plus an exact error term (TwoSum), and rounded by searching the table. Covers
// every rounding mode, .ftz, .sat, NaN (canonical 0x7fff results, min/max/.NaN rules, unordered
// comparisons), infinities, subnormals, overflow, signed zeros, packed halves, setp p|q and set.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "gpu/alu/alu_internal.h"
#include "isa/names.h"
#include "tests/alu/bare_instr.h"

namespace canopy::gpu {
namespace {

using isa::CmpOp;
using isa::DataType;
using isa::Opcode;
using isa::Rounding;

// ---- reference -------------------------------------------------------------------------------------

struct RefFormat {
  int exp_bits, mant_bits;
  uint16_t inf() const { return static_cast<uint16_t>(((1u << exp_bits) - 1) << mant_bits); }
  // The value of a finite encoding, from the definition (-1)^s * 2^(e - bias) * 1.m (or subnormal).
  double decode(uint16_t b) const {
    const int bias = (1 << (exp_bits - 1)) - 1;
    const int e = (b >> mant_bits) & ((1 << exp_bits) - 1);
    const int m = b & ((1 << mant_bits) - 1);
    const double v = e == 0 ? std::ldexp(m, 1 - bias - mant_bits) : std::ldexp((1 << mant_bits) + m, e - bias - mant_bits);
    return (b & 0x8000) ? -v : v;
  }
  bool is_nan(uint16_t b) const { return (b & 0x7fff) > inf(); }
  bool is_subnormal_or_zero(uint16_t b) const { return (b & inf()) == 0; }
};
constexpr RefFormat kRefF16{5, 10};
constexpr RefFormat kRefBF16{8, 7};

// Sorted magnitudes of every finite encoding 0..inf-1, plus 2^(emax+1) standing for "overflow".
std::vector<double> magnitudes(const RefFormat& f) {
  std::vector<double> t;
  for (uint32_t b = 0; b < f.inf(); ++b) t.push_back(f.decode(static_cast<uint16_t>(b)));
  t.push_back(std::ldexp(1.0, 1 << (f.exp_bits - 1)));
  return t;
}

// Rounds the exact value s + e (|e| at most half an ulp of s, both doubles) into f; zero_sign is the
// sign an exact zero takes.
uint16_t ref_round(const RefFormat& f, double s, double e, Rounding r, bool zero_sign) {
  static const std::vector<double> t16 = magnitudes(kRefF16), tbf = magnitudes(kRefBF16);
  const std::vector<double>& t = f.exp_bits == 5 ? t16 : tbf;
  if (s == 0 && e == 0) return zero_sign ? 0x8000 : 0;
  const bool neg = s < 0 || (s == 0 && e < 0);
  const uint16_t sign = neg ? 0x8000 : 0;
  const double ms = std::fabs(s), me = neg ? -e : e;  // magnitude = ms + me
  const bool up = (r == Rounding::Rp && !neg) || (r == Rounding::Rm && neg);
  const bool down = r == Rounding::Rz || (r == Rounding::Rp && neg) || (r == Rounding::Rm && !neg);
  const size_t top = t.size() - 1;  // index of the overflow stand-in
  if (ms > t[top] || (ms == t[top] && me >= 0)) return sign | (down ? f.inf() - 1 : f.inf());
  // lo: the largest table entry below or equal to the magnitude.
  size_t lo = static_cast<size_t>(std::upper_bound(t.begin(), t.end(), ms) - t.begin()) - 1;
  if (t[lo] == ms && me < 0) --lo;
  const size_t hi = lo + 1;
  uint16_t pick;
  if (t[lo] == ms && me == 0) {
    pick = static_cast<uint16_t>(lo);
  } else if (down) {
    pick = static_cast<uint16_t>(lo);
  } else if (up) {
    pick = static_cast<uint16_t>(hi);
  } else {
    const double mid = (t[lo] + t[hi]) / 2;  // exact: neighbours differ by one quantum
    const int c = ms > mid ? 1 : (ms < mid ? -1 : (me > 0 ? 1 : (me < 0 ? -1 : 0)));
    pick = static_cast<uint16_t>(c > 0 ? hi : (c < 0 ? lo : ((lo & 1) ? hi : lo)));
  }
  if (pick >= top) return sign | f.inf();
  return sign | pick;
}

struct Exact {
  double s, e;
};
Exact two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}

enum class Op { Add, Sub, Mul, Fma };

// The reference result of op on encodings (NaN rules: any NaN or invalid operation -> 0x7fff).
uint16_t ref_arith(const RefFormat& f, Op op, uint16_t a, uint16_t b, uint16_t c, Rounding r) {
  if (f.is_nan(a) || f.is_nan(b) || (op == Op::Fma && f.is_nan(c))) return 0x7fff;
  const double x = f.is_nan(a) ? 0 : ((a & 0x7fff) == f.inf() ? ((a & 0x8000) ? -INFINITY : INFINITY) : f.decode(a));
  double y = (b & 0x7fff) == f.inf() ? ((b & 0x8000) ? -INFINITY : INFINITY) : f.decode(b);
  const double z = (c & 0x7fff) == f.inf() ? ((c & 0x8000) ? -INFINITY : INFINITY) : f.decode(c);
  if (op == Op::Sub) y = -y;
  double p = x, q = y;  // exact terms of the sum p + q
  if (op == Op::Mul || op == Op::Fma) {
    p = x * y;  // exact: at most 2 * 11 significant bits, far from double's range limits
    q = op == Op::Fma ? z : 0.0;
    if (std::isnan(p)) return 0x7fff;  // 0 * inf
  }
  const bool rm = r == Rounding::Rm;
  if (std::isinf(p) || std::isinf(q)) {
    if (std::isinf(p) && std::isinf(q) && (p > 0) != (q > 0)) return 0x7fff;  // inf - inf
    const bool neg = std::isinf(p) ? p < 0 : q < 0;
    return (neg ? 0x8000 : 0) | f.inf();
  }
  if (op == Op::Mul) return ref_round(f, p, 0, r, std::signbit(p));
  const bool zero_sign = std::signbit(p) == std::signbit(q) ? std::signbit(p) : rm;
  const Exact ex = two_sum(p, q);
  return ref_round(f, ex.s, ex.e, r, zero_sign);
}

// ---- running the ALU --------------------------------------------------------------------------------

using alu_test::make;

struct Rows {
  std::array<std::array<uint64_t, 32>, 3> src{};
  std::array<uint64_t, 32> dst{};
  uint64_t p = 0, q = 0, pred_in = 0;
};

AluHandler<32> select(const isa::Instr& in, std::string* why = nullptr) {
  std::string local;
  return alu::select_float_handler<32>(in, why ? why : &local);
}

void run(const isa::Instr& in, Rows& r, uint64_t exec = 0xffffffffu, bool pred_dst = false) {
  std::string why;
  AluHandler<32> h = select(in, &why);
  ASSERT_NE(h, nullptr) << why;
  AluOperands<32> o;
  for (int i = 0; i < 3; ++i) o.src[i] = r.src[i].data();
  if (in.mods.boolop != isa::BoolOp::None) o.src[2] = &r.pred_in;
  o.dst[0] = pred_dst ? &r.p : r.dst.data();
  o.dst[1] = &r.q;
  o.exec = exec;
  h(in, o);
}

// Interesting encodings of a format: zeros, subnormals, normals near 1, the largest finite values,
// infinities and NaNs of both signs.
std::vector<uint16_t> specials(const RefFormat& f) {
  const uint16_t inf = f.inf(), one = f.exp_bits == 5 ? 0x3c00 : 0x3f80;
  std::vector<uint16_t> v = {0,   1,   2,       3,         static_cast<uint16_t>((1u << f.mant_bits) - 1),
                             static_cast<uint16_t>(1u << f.mant_bits), one,
                             static_cast<uint16_t>(one + 1), static_cast<uint16_t>(one - 1),
                             static_cast<uint16_t>(inf - 1), static_cast<uint16_t>(inf - 2), inf,
                             static_cast<uint16_t>(inf + 1), 0x7fff, static_cast<uint16_t>(one + (1u << f.mant_bits))};
  const size_t n = v.size();
  for (size_t i = 0; i < n; ++i) v.push_back(static_cast<uint16_t>(v[i] | 0x8000));
  return v;
}

// Operand triples: all special combinations plus random encodings (biased to nearby exponents so
// that sums round non-trivially).
std::vector<std::array<uint16_t, 3>> operands(const RefFormat& f, int random_count) {
  std::vector<std::array<uint16_t, 3>> out;
  const auto sp = specials(f);
  for (uint16_t a : sp)
    for (uint16_t b : sp) out.push_back({a, b, sp[(a + b) % sp.size()]});
  std::mt19937 rng(1234);
  for (int i = 0; i < random_count; ++i) {
    const uint16_t a = static_cast<uint16_t>(rng());
    const uint16_t near = static_cast<uint16_t>((a & 0x8000 ? 0 : 0x8000) ^ (a + static_cast<int>(rng() % 2048) - 1024));
    const uint16_t b = (i & 1) ? static_cast<uint16_t>(rng()) : near;
    out.push_back({a, b, static_cast<uint16_t>((i & 2) ? rng() : (b ^ 0x8000) + (rng() % 64))});
  }
  return out;
}

// Runs op over the triples, 32 lanes at a time; the packed form carries a different triple in the
// high half of each lane.
void check_arith(DataType type, Op op, Rounding rnd) {
  const bool bf = type == DataType::BF16 || type == DataType::BF16x2;
  const bool x2 = type == DataType::F16x2 || type == DataType::BF16x2;
  const RefFormat& f = bf ? kRefBF16 : kRefF16;
  const Opcode opc = op == Op::Add ? Opcode::Add : op == Op::Sub ? Opcode::Sub : op == Op::Mul ? Opcode::Mul : Opcode::Fma;
  isa::Instr in = make(opc, type, op == Op::Fma ? 3 : 2);
  in.mods.rnd = rnd;
  const auto ops = operands(f, 20000);
  const size_t per = x2 ? 64 : 32;
  int failures = 0;
  for (size_t base = 0; base + per <= ops.size() && failures < 10; base += per) {
    Rows r;
    for (int l = 0; l < 32; ++l)
      for (int k = 0; k < 3; ++k)
        r.src[k][l] = ops[base + l][k] | (x2 ? uint64_t{ops[base + 32 + l][k]} << 16 : 0);
    run(in, r);
    for (int l = 0; l < 32; ++l)
      for (int h = 0; h < (x2 ? 2 : 1); ++h) {
        const auto& t = ops[base + static_cast<size_t>(32 * h + l)];
        const uint16_t want = ref_arith(f, op, t[0], t[1], t[2], rnd);
        const uint16_t got = static_cast<uint16_t>(r.dst[l] >> (16 * h));
        if (got != want && ++failures < 10)
          ADD_FAILURE() << isa::name(type) << " op " << int(op) << " rnd " << int(rnd) << std::hex << " a=" << t[0]
                        << " b=" << t[1] << " c=" << t[2] << " got " << got << " want " << want;
      }
    if (x2) {
      for (int l = 0; l < 32; ++l) EXPECT_EQ(r.dst[l] >> 32, 0u);  // zero-extended
    }
  }
}

TEST(Half, F16ArithmeticMatchesReferenceInEveryRoundingMode) {
  for (Op op : {Op::Add, Op::Sub, Op::Mul, Op::Fma})
    for (Rounding r : {Rounding::None, Rounding::Rn, Rounding::Rz, Rounding::Rm, Rounding::Rp})
      check_arith(DataType::F16, op, r);
}

TEST(Half, BF16ArithmeticMatchesReferenceInEveryRoundingMode) {
  for (Op op : {Op::Add, Op::Sub, Op::Mul, Op::Fma})
    for (Rounding r : {Rounding::Rn, Rounding::Rz, Rounding::Rm, Rounding::Rp}) check_arith(DataType::BF16, op, r);
}

TEST(Half, PackedFormsComputeEachHalf) {
  for (Op op : {Op::Add, Op::Sub, Op::Mul, Op::Fma}) {
    check_arith(DataType::F16x2, op, Rounding::Rn);
    check_arith(DataType::BF16x2, op, Rounding::Rn);
  }
}

TEST(Half, ExhaustiveF16ProductsWithOne) {
  // x * 1 == x for every non-NaN f16; NaN gives the canonical NaN.
  isa::Instr in = make(Opcode::Mul, DataType::F16, 2);
  for (uint32_t base = 0; base < 0x10000; base += 32) {
    Rows r;
    for (int l = 0; l < 32; ++l) {
      r.src[0][l] = base + l;
      r.src[1][l] = 0x3c00;
    }
    run(in, r);
    for (int l = 0; l < 32; ++l) {
      const auto x = static_cast<uint16_t>(base + l);
      EXPECT_EQ(r.dst[l], kRefF16.is_nan(x) ? 0x7fffu : x) << std::hex << x;
    }
  }
}

uint64_t one_lane(isa::Instr in, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  Rows r;
  r.src[0][0] = a;
  r.src[1][0] = b;
  r.src[2][0] = c;
  run(in, r, 1);
  return r.dst[0];
}

TEST(Half, NaNHandling) {
  const isa::Instr add16 = make(Opcode::Add, DataType::F16, 2), addbf = make(Opcode::Add, DataType::BF16, 2);
  EXPECT_EQ(one_lane(add16, 0x7e01, 0x3c00), 0x7fffu);  // a quiet NaN with payload -> canonical
  EXPECT_EQ(one_lane(add16, 0x3c00, 0xfc01), 0x7fffu);  // signalling negative NaN -> canonical
  EXPECT_EQ(one_lane(add16, 0x7c00, 0xfc00), 0x7fffu);  // inf - inf
  EXPECT_EQ(one_lane(make(Opcode::Mul, DataType::F16, 2), 0x7c00, 0x8000), 0x7fffu);  // inf * -0
  EXPECT_EQ(one_lane(make(Opcode::Fma, DataType::F16, 3), 0x7c00, 0x3c00, 0xfc00), 0x7fffu);
  EXPECT_EQ(one_lane(addbf, 0x7fc1, 0x3f80), 0x7fffu);
  EXPECT_EQ(one_lane(addbf, 0x7f80, 0xff80), 0x7fffu);
  // Packed: a NaN in one half does not disturb the other.
  EXPECT_EQ(one_lane(make(Opcode::Add, DataType::F16x2, 2), 0x3c007e00, 0x3c003c00), 0x40007fffu);
  // neg/abs are sign operations: NaN bits are kept (sign flipped / cleared).
  EXPECT_EQ(one_lane(make(Opcode::Neg, DataType::F16, 1), 0x7e01), 0xfe01u);
  EXPECT_EQ(one_lane(make(Opcode::Abs, DataType::BF16, 1), 0xffc1), 0x7fc1u);
  EXPECT_EQ(one_lane(make(Opcode::Neg, DataType::BF16x2, 1), 0x80003f80), 0x0000bf80u);
  // min/max: one NaN -> the other operand; two NaNs -> canonical; .NaN -> canonical.
  isa::Instr mn = make(Opcode::Min, DataType::F16, 2), mx = make(Opcode::Max, DataType::BF16, 2);
  EXPECT_EQ(one_lane(mn, 0x7e01, 0x4000), 0x4000u);
  EXPECT_EQ(one_lane(mn, 0x4000, 0xfe01), 0x4000u);
  EXPECT_EQ(one_lane(mn, 0x7e01, 0xfe01), 0x7fffu);
  EXPECT_EQ(one_lane(mx, 0x7fc0, 0xc000), 0xc000u);
  mn.mods.nan = true;
  mx.mods.nan = true;
  EXPECT_EQ(one_lane(mn, 0x7e01, 0x4000), 0x7fffu);
  EXPECT_EQ(one_lane(mx, 0x4000, 0x7fc0), 0x7fffu);
  EXPECT_EQ(one_lane(mn, 0x3c00, 0x4000), 0x3c00u);
  // ex2/tanh of NaN.
  isa::Instr ex2 = make(Opcode::Ex2, DataType::F16, 1);
  ex2.mods.approx = true;
  EXPECT_EQ(one_lane(ex2, 0x7d00), 0x7fffu);
}

TEST(Half, MinMaxOrderAndSignedZero) {
  isa::Instr mn = make(Opcode::Min, DataType::F16x2, 2), mx = make(Opcode::Max, DataType::F16x2, 2);
  // halves: (low) -0 vs +0, (high) -2 vs 1
  EXPECT_EQ(one_lane(mn, 0xc0008000, 0x3c000000), 0xc0008000u);
  EXPECT_EQ(one_lane(mx, 0xc0008000, 0x3c000000), 0x3c000000u);
  EXPECT_EQ(one_lane(make(Opcode::Min, DataType::BF16, 2), 0xff80, 0x7f80), 0xff80u);
  EXPECT_EQ(one_lane(make(Opcode::Max, DataType::BF16, 2), 0x0001, 0x8001), 0x0001u);
}

TEST(Half, FtzAndSaturate) {
  isa::Instr add = make(Opcode::Add, DataType::F16, 2);
  EXPECT_EQ(one_lane(add, 0x0001, 0x0001), 0x0002u);  // subnormals kept by default
  add.mods.ftz = true;
  EXPECT_EQ(one_lane(add, 0x0001, 0x0001), 0x0000u);  // inputs flushed
  EXPECT_EQ(one_lane(add, 0x8001, 0x0000), 0x0000u);  // -0 + +0 = +0
  isa::Instr mul = make(Opcode::Mul, DataType::F16, 2);
  mul.mods.ftz = true;
  EXPECT_EQ(one_lane(mul, 0x0400, 0x3800), 0x0000u);  // 2^-14 * 0.5: subnormal result flushed
  mul.mods.ftz = false;
  EXPECT_EQ(one_lane(mul, 0x0400, 0x3800), 0x0200u);
  EXPECT_EQ(one_lane(mul, 0x8400, 0x3800), 0x8200u);
  isa::Instr sat = make(Opcode::Fma, DataType::F16x2, 3);
  sat.mods.sat = true;
  // low: 2*1+0 = 2 -> 1; high: -1*1+0 -> +0
  EXPECT_EQ(one_lane(sat, 0xbc004000, 0x3c003c00, 0), 0x00003c00u);
  isa::Instr sat1 = make(Opcode::Add, DataType::F16, 2);
  sat1.mods.sat = true;
  EXPECT_EQ(one_lane(sat1, 0x7c00, 0xfc00), 0x0000u);  // NaN -> +0
  EXPECT_EQ(one_lane(sat1, 0x3800, 0x0000), 0x3800u);  // 0.5 unchanged
  // Overflow to infinity and the directed-mode largest finite value.
  isa::Instr big = make(Opcode::Add, DataType::F16, 2);
  EXPECT_EQ(one_lane(big, 0x7bff, 0x7bff), 0x7c00u);
  big.mods.rnd = Rounding::Rz;
  EXPECT_EQ(one_lane(big, 0x7bff, 0x7bff), 0x7bffu);
  EXPECT_EQ(one_lane(big, 0xfbff, 0xfbff), 0xfbffu);
  // x - x is +0, except -0 when rounding toward -inf.
  isa::Instr sub = make(Opcode::Sub, DataType::BF16, 2);
  EXPECT_EQ(one_lane(sub, 0x4000, 0x4000), 0x0000u);
  sub.mods.rnd = Rounding::Rm;
  EXPECT_EQ(one_lane(sub, 0x4000, 0x4000), 0x8000u);
}

TEST(Half, Ex2AndTanhApproxAreWithinOneUlp) {
  for (DataType t : {DataType::F16, DataType::BF16}) {
    const RefFormat& f = t == DataType::F16 ? kRefF16 : kRefBF16;
    for (Opcode op : {Opcode::Ex2, Opcode::Tanh}) {
      isa::Instr in = make(op, t, 1);
      in.mods.approx = true;
      for (uint32_t base = 0; base < 0x10000; base += 32) {
        Rows r;
        for (int l = 0; l < 32; ++l) r.src[0][l] = base + l;
        run(in, r);
        for (int l = 0; l < 32; ++l) {
          const auto x = static_cast<uint16_t>(base + l);
          const auto got = static_cast<uint16_t>(r.dst[l]);
          if (f.is_nan(x)) {
            EXPECT_EQ(got, 0x7fff);
            continue;
          }
          const double v = (x & 0x7fff) == f.inf() ? ((x & 0x8000) ? -INFINITY : INFINITY) : f.decode(x);
          const double want = op == Opcode::Ex2 ? std::exp2(v) : std::tanh(v);
          const uint16_t ref = ref_round(f, want, 0, Rounding::Rn, std::signbit(want));
          const int diff = std::abs(int(got & 0x7fff) - int(ref & 0x7fff));
          EXPECT_TRUE((got & 0x8000) == (ref & 0x8000) && diff <= 1) << std::hex << x << " " << got << " " << ref;
        }
      }
    }
  }
}

bool ref_compare(CmpOp c, double x, double y) {
  const bool u = std::isnan(x) || std::isnan(y);
  switch (c) {
    case CmpOp::Eq: return !u && x == y;
    case CmpOp::Ne: return !u && x != y;
    case CmpOp::Lt: return !u && x < y;
    case CmpOp::Le: return !u && x <= y;
    case CmpOp::Gt: return !u && x > y;
    case CmpOp::Ge: return !u && x >= y;
    case CmpOp::Equ: return u || x == y;
    case CmpOp::Neu: return u || x != y;
    case CmpOp::Ltu: return u || x < y;
    case CmpOp::Leu: return u || x <= y;
    case CmpOp::Gtu: return u || x > y;
    case CmpOp::Geu: return u || x >= y;
    case CmpOp::Num: return !u;
    case CmpOp::Nan: return u;
    default: return false;
  }
}

double ref_value(const RefFormat& f, uint16_t b) {
  if (f.is_nan(b)) return NAN;
  if ((b & 0x7fff) == f.inf()) return (b & 0x8000) ? -INFINITY : INFINITY;
  return f.decode(b);
}

TEST(Half, SetpPackedWritesOnePredicatePerHalfAndSetPacksResults) {
  const CmpOp cmps[] = {CmpOp::Eq,  CmpOp::Ne,  CmpOp::Lt,  CmpOp::Le,  CmpOp::Gt,  CmpOp::Ge,  CmpOp::Equ,
                        CmpOp::Neu, CmpOp::Ltu, CmpOp::Leu, CmpOp::Gtu, CmpOp::Geu, CmpOp::Num, CmpOp::Nan};
  for (bool bf : {false, true}) {
    const RefFormat& f = bf ? kRefBF16 : kRefF16;
    const auto sp = specials(f);
    for (CmpOp c : cmps) {
      for (size_t base = 0; base + 64 <= sp.size() * sp.size(); base += 64) {
        Rows r;
        auto pair = [&](size_t i) { return std::array<uint16_t, 2>{sp[i / sp.size()], sp[i % sp.size()]}; };
        for (int l = 0; l < 32; ++l) {
          const auto lo = pair(base + l), hi = pair(base + 32 + l);
          r.src[0][l] = lo[0] | uint64_t{hi[0]} << 16;
          r.src[1][l] = lo[1] | uint64_t{hi[1]} << 16;
        }
        isa::Instr setp = make(Opcode::Setp, bf ? DataType::BF16x2 : DataType::F16x2, 2, 2);
        setp.mods.cmp = c;
        run(setp, r, 0xffffffffu, true);
        isa::Instr set = make(Opcode::Set, bf ? DataType::BF16x2 : DataType::F16x2, 2);
        set.type2 = set.type;
        set.mods.cmp = c;
        run(set, r);
        const uint64_t one = bf ? 0x3f80 : 0x3c00;
        for (int l = 0; l < 32; ++l) {
          const auto lo = pair(base + l), hi = pair(base + 32 + l);
          const bool wl = ref_compare(c, ref_value(f, lo[0]), ref_value(f, lo[1]));
          const bool wh = ref_compare(c, ref_value(f, hi[0]), ref_value(f, hi[1]));
          EXPECT_EQ((r.p >> l) & 1, uint64_t{wl}) << int(c) << std::hex << " " << lo[0] << " " << lo[1];
          EXPECT_EQ((r.q >> l) & 1, uint64_t{wh}) << int(c) << std::hex << " " << hi[0] << " " << hi[1];
          EXPECT_EQ(r.dst[l], (wl ? one : 0) | (wh ? one << 16 : 0));
        }
      }
    }
  }
}

TEST(Half, ScalarSetpWithBoolOpAndSetResultTypes) {
  isa::Instr setp = make(Opcode::Setp, DataType::F16, 3, 2);
  setp.mods.cmp = CmpOp::Lt;
  setp.mods.boolop = isa::BoolOp::And;
  Rows r;
  for (int l = 0; l < 32; ++l) {
    r.src[0][l] = l < 16 ? 0x3c00 : 0x7e00;  // 1.0 or NaN
    r.src[1][l] = 0x4000;                    // 2.0
  }
  r.pred_in = 0x0000ff0fu;
  r.p = 0xdead0000u;
  run(setp, r, 0x0000ffffu, true);
  EXPECT_EQ(r.p, 0xdead0000u | (0xffffu & 0xff0fu));        // lanes < 16 true, inactive lanes kept
  EXPECT_EQ(r.q & 0xffffu, 0u);                               // !cmp & c: cmp true everywhere active
  isa::Instr set = make(Opcode::Set, DataType::U32, 2);
  set.type2 = DataType::F16x2;
  set.mods.cmp = CmpOp::Ge;
  EXPECT_EQ(one_lane(set, 0x7e004000, 0x3c004000), 0x0000ffffu);  // NaN >= 1 false; 2 >= 2 true
  set.type = DataType::F32;
  set.type2 = DataType::F16;
  EXPECT_EQ(one_lane(set, 0x4000, 0x3c00), 0x3f800000u);
  set.type = DataType::F16;
  EXPECT_EQ(one_lane(set, 0x4000, 0x3c00), 0x3c00u);
  set.type = DataType::BF16;
  set.type2 = DataType::BF16;
  EXPECT_EQ(one_lane(set, 0x4000, 0x3f80), 0x3f80u);
  // .ftz comparisons flush subnormal operands: 2^-24 == 0.
  isa::Instr eq = make(Opcode::Setp, DataType::F16, 2);
  eq.mods.cmp = CmpOp::Eq;
  Rows z;
  z.src[0][0] = 0x0001;
  run(eq, z, 1, true);
  EXPECT_EQ(z.p & 1, 0u);
  eq.mods.ftz = true;
  run(eq, z, 1, true);
  EXPECT_EQ(z.p & 1, 1u);
}

TEST(Half, RejectedForms) {
  std::string why;
  isa::Instr in = make(Opcode::Add, DataType::BF16, 2);
  in.mods.sat = true;
  EXPECT_EQ(select(in, &why), nullptr);
  EXPECT_NE(why.find(".sat"), std::string::npos);
  in = make(Opcode::Add, DataType::BF16, 2);
  in.mods.ftz = true;
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Div, DataType::F16, 2);
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Ex2, DataType::F16, 1);  // needs .approx
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Add, DataType::F16, 2);
  in.mods.approx = true;
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Min, DataType::F16, 2);
  in.mods.rnd = Rounding::Rz;
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Setp, DataType::F16x2, 2, 1);  // needs p|q
  in.mods.cmp = CmpOp::Eq;
  EXPECT_EQ(select(in, &why), nullptr);
  EXPECT_NE(why.find("p|q"), std::string::npos);
  in = make(Opcode::Setp, DataType::F16, 2);
  in.mods.cmp = CmpOp::Lo;
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Set, DataType::F32, 2);
  in.type2 = DataType::F16x2;
  EXPECT_EQ(select(in), nullptr);
  in = make(Opcode::Mad, DataType::F16, 3);
  EXPECT_EQ(select(in), nullptr);
}

}  // namespace
}  // namespace canopy::gpu
