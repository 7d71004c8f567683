// mma.sync and ldmatrix end to end (PTX finalized by Canopy, run on the device), element by element:
// each lane's fragment registers are filled from matrices through the PTX ISA's fragment layouts as
// written out below (from the ISA's figures, independently of isa/mma_layout.cpp), and every lane's
// D registers are checked against a CPU product. On 64-lane presets the instructions must fault.
#include <cmath>
#include <functional>
#include <random>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

struct Coord {
  unsigned row, col;
};
using Layout = std::function<Coord(unsigned lane, unsigned i)>;

enum class Elem { F16, BF16, TF32, S8, U8, F32, S32, S4, U4, B1 };
unsigned bits_of(Elem e) {
  switch (e) {
    case Elem::F16: case Elem::BF16: return 16;
    case Elem::S8: case Elem::U8: return 8;
    case Elem::S4: case Elem::U4: return 4;
    case Elem::B1: return 1;
    default: return 32;
  }
}
const char* ptx_name(Elem e) {
  static const char* names[] = {"f16", "bf16", "tf32", "s8", "u8", "f32", "s32", "s4", "u4", "b1"};
  return names[static_cast<int>(e)];
}

struct MmaCase {
  const char* shape;
  unsigned m, n, k;
  Elem d, a, b, c;
  bool satfinite;
  Layout la, lb, lc;
  const char* bop = nullptr;  // b1: "and" or "xor" (.popc)
};

// groupID and threadID_in_group, as the PTX ISA names them.
unsigned gid(unsigned lane) { return lane >> 2; }
unsigned tig(unsigned lane) { return lane % 4; }

Coord c_m16(unsigned l, unsigned i) { return {gid(l) + (i >= 2 ? 8u : 0u), tig(l) * 2 + i % 2}; }
Coord c_m8(unsigned l, unsigned i) { return {gid(l), tig(l) * 2 + i}; }
Coord a_f16_k16(unsigned l, unsigned i) {
  bool lower = i == 2 || i == 3 || i == 6 || i == 7;
  return {gid(l) + (lower ? 8u : 0u), tig(l) * 2 + (i & 1) + (i >= 4 ? 8u : 0u)};
}
Coord b_f16_k16(unsigned l, unsigned i) { return {tig(l) * 2 + (i & 1) + (i >= 2 ? 8u : 0u), gid(l)}; }
Coord a_f16_k8(unsigned l, unsigned i) { return {gid(l) + (i >= 2 ? 8u : 0u), tig(l) * 2 + (i & 1)}; }
Coord b_f16_k8(unsigned l, unsigned i) { return {tig(l) * 2 + i, gid(l)}; }
Coord a_tf32_k8(unsigned l, unsigned i) { return {gid(l) + (i == 1 || i == 3 ? 8u : 0u), tig(l) + (i >= 2 ? 4u : 0u)}; }
Coord b_tf32_k8(unsigned l, unsigned i) { return {tig(l) + (i == 1 ? 4u : 0u), gid(l)}; }
Coord a_tf32_k4(unsigned l, unsigned i) { return {gid(l) + (i == 1 ? 8u : 0u), tig(l)}; }
Coord b_tf32_k4(unsigned l, unsigned) { return {tig(l), gid(l)}; }
Coord a_i8_m8k16(unsigned l, unsigned i) { return {gid(l), tig(l) * 4 + i}; }
Coord b_i8_k16(unsigned l, unsigned i) { return {tig(l) * 4 + i, gid(l)}; }
Coord a_i8_k16(unsigned l, unsigned i) { return {gid(l) + (i >= 4 ? 8u : 0u), tig(l) * 4 + i % 4}; }
Coord a_i8_k32(unsigned l, unsigned i) {
  bool lower = (i >= 4 && i < 8) || i >= 12;
  return {gid(l) + (lower ? 8u : 0u), tig(l) * 4 + i % 4 + (i >= 8 ? 16u : 0u)};
}
Coord b_i8_k32(unsigned l, unsigned i) { return {tig(l) * 4 + i % 4 + (i >= 4 ? 16u : 0u), gid(l)}; }
// s4/u4: eight elements per register.
Coord a_i4_m8k32(unsigned l, unsigned i) { return {gid(l), tig(l) * 8 + i}; }
Coord b_i4_k32(unsigned l, unsigned i) { return {tig(l) * 8 + i, gid(l)}; }
Coord a_i4_k32(unsigned l, unsigned i) { return {gid(l) + (i >= 8 ? 8u : 0u), tig(l) * 8 + i % 8}; }
Coord a_i4_k64(unsigned l, unsigned i) {
  bool lower = (i >= 8 && i < 16) || i >= 24;
  return {gid(l) + (lower ? 8u : 0u), tig(l) * 8 + i % 8 + (i >= 16 ? 32u : 0u)};
}
Coord b_i4_k64(unsigned l, unsigned i) { return {tig(l) * 8 + i % 8 + (i >= 8 ? 32u : 0u), gid(l)}; }
// b1: 32 elements per register.
Coord a_b1_m8k128(unsigned l, unsigned i) { return {gid(l), tig(l) * 32 + i}; }
Coord b_b1_k128(unsigned l, unsigned i) { return {tig(l) * 32 + i, gid(l)}; }
Coord a_b1_k128(unsigned l, unsigned i) { return {gid(l) + (i >= 32 ? 8u : 0u), tig(l) * 32 + i % 32}; }
Coord a_b1_k256(unsigned l, unsigned i) {
  bool lower = (i >= 32 && i < 64) || i >= 96;
  return {gid(l) + (lower ? 8u : 0u), tig(l) * 32 + i % 32 + (i >= 64 ? 128u : 0u)};
}
Coord b_b1_k256(unsigned l, unsigned i) { return {tig(l) * 32 + i % 32 + (i >= 32 ? 128u : 0u), gid(l)}; }

// Exact test values: multiples of 1/8 in [-2, 2] (f16/bf16), any f32 with random low bits (tf32,
// which mma must ignore), bytes (s8/u8), small integers (s32 C).
uint16_t f16_bits(float x) {  // rounded to nearest even; for zero and f16-normal magnitudes only
  if (x == 0) return 0;
  uint32_t u;
  std::memcpy(&u, &x, 4);
  uint32_t q = ((((u >> 23) & 0xffu) - 112u) << 10) | ((u >> 13) & 0x3ffu), rem = u & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (q & 1u))) ++q;
  return static_cast<uint16_t>(((u >> 16) & 0x8000u) | q);
}
float f16_value(uint16_t h) {
  if ((h & 0x7fff) == 0) return 0;
  if ((h & 0x7c00) == 0x7c00) return (h & 0x3ff) ? NAN : (h & 0x8000) ? -INFINITY : INFINITY;
  uint32_t u = ((h & 0x8000u) << 16) | ((((h >> 10) & 0x1fu) + 112u) << 23) | ((h & 0x3ffu) << 13);
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
float f32_of(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

// Values held as raw element bits, and their meaning.
double value_of(Elem e, uint64_t bits) {
  switch (e) {
    case Elem::F16: return f16_value(static_cast<uint16_t>(bits));
    case Elem::BF16: return f32_of(static_cast<uint32_t>(bits) << 16);
    case Elem::TF32: return f32_of(static_cast<uint32_t>(bits) & 0xffffe000u);
    case Elem::F32: return f32_of(static_cast<uint32_t>(bits));
    case Elem::S8: return static_cast<int8_t>(bits);
    case Elem::U8: return static_cast<uint8_t>(bits);
    case Elem::S32: return static_cast<int32_t>(bits);
    case Elem::S4: return static_cast<int>(bits & 0xf) - ((bits & 0x8) ? 16 : 0);
    case Elem::U4: return static_cast<double>(bits & 0xf);
    case Elem::B1: return static_cast<double>(bits & 1);
  }
  return 0;
}

uint64_t random_bits(Elem e, std::mt19937& rng) {
  float eighths = static_cast<float>(static_cast<int>(rng() % 33) - 16) / 8.0f;
  switch (e) {
    case Elem::F16: return f16_bits(eighths);
    case Elem::BF16: {
      uint32_t u;
      std::memcpy(&u, &eighths, 4);
      return u >> 16;
    }
    case Elem::TF32: {
      uint32_t u;
      std::memcpy(&u, &eighths, 4);
      return u | (rng() & 0x1fffu);  // low bits are not part of the tf32 value
    }
    case Elem::F32: {
      float x = eighths * 4;
      uint32_t u;
      std::memcpy(&u, &x, 4);
      return u;
    }
    case Elem::S8: case Elem::U8: return rng() & 0xff;
    case Elem::S4: case Elem::U4: return rng() & 0xf;
    case Elem::B1: return rng() & 1;
    case Elem::S32: return static_cast<uint32_t>(static_cast<int32_t>(rng() % 2001) - 1000);
  }
  return 0;
}

std::string mma_kernel(const MmaCase& c, unsigned na, unsigned nb, unsigned nc, unsigned nd) {
  auto list = [](const char* p, unsigned n) {
    std::string s = "{";
    for (unsigned i = 0; i < n; ++i) s += (i ? ", %" : "%") + std::string(p) + std::to_string(i);
    return s + "}";
  };
  std::string s = ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k(.param .u64 in, .param .u64 out)\n{\n";
  s += "  .reg .b32 %a<" + std::to_string(na) + ">, %b<" + std::to_string(nb) + ">, %c<" + std::to_string(nc) +
       ">, %d<" + std::to_string(nd) + ">, %lane;\n  .reg .b64 %in, %out, %off;\n";
  s += "  ld.param.u64 %in, [in];\n  ld.param.u64 %out, [out];\n  mov.u32 %lane, %laneid;\n";
  s += "  mul.wide.u32 %off, %lane, " + std::to_string(4 * (na + nb + nc)) + ";\n  add.u64 %in, %in, %off;\n";
  unsigned w = 0;
  for (auto [p, n] : {std::pair{"a", na}, {"b", nb}, {"c", nc}})
    for (unsigned i = 0; i < n; ++i, ++w)
      s += "  ld.global.b32 %" + std::string(p) + std::to_string(i) + ", [%in+" + std::to_string(4 * w) + "];\n";
  s += "  mma.sync.aligned." + std::string(c.shape) + ".row.col" + (c.satfinite ? ".satfinite" : "") + "." +
       ptx_name(c.d) + "." + ptx_name(c.a) + "." + ptx_name(c.b) + "." + ptx_name(c.c) +
       (c.bop ? "." + std::string(c.bop) + ".popc" : std::string()) + " " + list("d", nd) +
       ", " + list("a", na) + ", " + list("b", nb) + ", " + list("c", nc) + ";\n";
  s += "  mul.wide.u32 %off, %lane, " + std::to_string(4 * nd) + ";\n  add.u64 %out, %out, %off;\n";
  for (unsigned i = 0; i < nd; ++i)
    s += "  st.global.b32 [%out+" + std::to_string(4 * i) + "], %d" + std::to_string(i) + ";\n";
  return s + "  ret;\n}\n";
}

class MmaKernels : public KernelTest {
 protected:
  bool wide() const { return GetParam().preset != "default"; }

  Expected<gpu::KernelStats> run_ptx(const std::string& ptx, uint32_t threads, uint64_t in, uint64_t out) {
    auto m = compiler::compile_ptx(ptx, "mma.ptx");
    if (!m.ok()) return m.error();
    modules_.clear();
    module_ = std::move(m).value();
    auto id = device_->load_module(module_);
    if (!id.ok()) return id.error();
    auto k = device_->find_kernel(*id, "k");
    if (!k.ok()) return k.error();
    std::vector<uint8_t> params(16);
    std::memcpy(params.data(), &in, 8);
    std::memcpy(params.data() + 8, &out, 8);
    gpu::Device::LaunchConfig config;
    config.grid = {1};
    config.block = {threads};
    return device_->launch(*k, config, params);
  }

  void check(const MmaCase& c) {
    SCOPED_TRACE(std::string(c.shape) + "." + ptx_name(c.d) + "." + ptx_name(c.a) + "." + ptx_name(c.b) + "." +
                 ptx_name(c.c));
    std::mt19937 rng(42);
    const unsigned ea = c.m * c.k / 32, eb = c.k * c.n / 32, ec = c.m * c.n / 32;
    const unsigned na = ea * bits_of(c.a) / 32, nb = eb * bits_of(c.b) / 32, nc = ec * bits_of(c.c) / 32,
                   nd = ec * bits_of(c.d) / 32;
    std::vector<std::vector<uint64_t>> A(c.m, std::vector<uint64_t>(c.k)), B(c.k, std::vector<uint64_t>(c.n)),
        C(c.m, std::vector<uint64_t>(c.n));
    for (auto& r : A) for (auto& x : r) x = random_bits(c.a, rng);
    for (auto& r : B) for (auto& x : r) x = random_bits(c.b, rng);
    for (auto& r : C) for (auto& x : r) x = random_bits(c.c, rng);
    const bool is_int = c.d == Elem::S32;
    if (c.satfinite) C[0][0] = 0x7ffffff0u, C[1][1] = 0x80000010u;  // push past INT32_MAX / INT32_MIN
    if (!is_int) {  // inf * 0 gives NaN in D[0][0]; a NaN in A gives NaN in row 1
      A[0][0] = c.a == Elem::F16 ? 0x7c00 : c.a == Elem::BF16 ? 0x7f80 : 0x7f800000;
      for (unsigned k = 0; k < c.k; ++k) B[k][0] = 0;
      A[1][1] = c.a == Elem::F16 ? 0x7e00 : c.a == Elem::BF16 ? 0x7fc0 : 0x7fc00000;
    }
    // Per lane: A, B, C registers packed element by element (element i at bits (i % per) * width).
    std::vector<uint32_t> in(32 * (na + nb + nc), 0);
    auto pack = [&](unsigned lane, unsigned base, unsigned count, Elem e, const Layout& lay, auto get) {
      const unsigned per = 32 / bits_of(e);
      for (unsigned i = 0; i < count; ++i) {
        Coord co = lay(lane, i);
        in[lane * (na + nb + nc) + base + i / per] |= static_cast<uint32_t>(get(co) << ((i % per) * bits_of(e)));
      }
    };
    for (unsigned lane = 0; lane < 32; ++lane) {
      pack(lane, 0, ea, c.a, c.la, [&](Coord co) { return A[co.row][co.col]; });
      pack(lane, na, eb, c.b, c.lb, [&](Coord co) { return B[co.row][co.col]; });
      pack(lane, na + nb, ec, c.c, c.lc, [&](Coord co) { return C[co.row][co.col]; });
    }
    uint64_t din = upload(in), dout = upload(std::vector<uint32_t>(32 * nd, 0xdeadbeef));
    auto stats = run_ptx(mma_kernel(c, na, nb, nc, nd), 32, din, dout);
    if (wide()) {
      ASSERT_FALSE(stats.ok());
      EXPECT_NE(stats.error().message.find("32-lane warps"), std::string::npos) << stats.error().message;
      return;
    }
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    auto out = download<uint32_t>(dout, 32 * nd);
    const unsigned per = 32 / bits_of(c.d);
    for (unsigned lane = 0; lane < 32; ++lane)
      for (unsigned i = 0; i < ec; ++i) {
        Coord co = c.lc(lane, i);
        uint32_t got = (out[lane * nd + i / per] >> ((i % per) * bits_of(c.d))) &
                       (bits_of(c.d) == 32 ? 0xffffffffu : 0xffffu);
        if (is_int) {
          int64_t acc = static_cast<int64_t>(value_of(c.c, C[co.row][co.col]));
          for (unsigned k = 0; k < c.k; ++k) {
            const int64_t a = static_cast<int64_t>(value_of(c.a, A[co.row][k]));
            const int64_t b = static_cast<int64_t>(value_of(c.b, B[k][co.col]));
            acc += !c.bop ? a * b : std::string(c.bop) == "and" ? (a & b) : (a ^ b);
          }
          if (c.bop) acc = static_cast<int32_t>(static_cast<uint32_t>(acc));  // popc sums wrap
          if (c.satfinite) acc = std::clamp<int64_t>(acc, INT32_MIN, INT32_MAX);
          ASSERT_EQ(got, static_cast<uint32_t>(acc)) << "lane " << lane << " element " << i;
          continue;
        }
        double acc = value_of(c.c, C[co.row][co.col]);  // exact: the test's values sum exactly
        for (unsigned k = 0; k < c.k; ++k) acc += value_of(c.a, A[co.row][k]) * value_of(c.b, B[k][co.col]);
        uint32_t want;
        if (std::isnan(acc))
          want = c.d == Elem::F16 ? 0x7fffu : 0x7fffffffu;
        else if (c.d == Elem::F16)
          want = std::isinf(acc) ? (acc > 0 ? 0x7c00u : 0xfc00u) : f16_bits(static_cast<float>(acc));
        else {
          float f = static_cast<float>(acc);
          std::memcpy(&want, &f, 4);
        }
        ASSERT_EQ(got, want) << "lane " << lane << " element " << i << " (row " << co.row << ", col " << co.col << ")";
      }
  }

  isa::Module module_;
};

TEST_P(MmaKernels, FloatShapesMatchThePtxFragmentLayouts) {
  using E = Elem;
  check({"m16n8k16", 16, 8, 16, E::F32, E::F16, E::F16, E::F32, false, a_f16_k16, b_f16_k16, c_m16});
  check({"m16n8k16", 16, 8, 16, E::F16, E::F16, E::F16, E::F16, false, a_f16_k16, b_f16_k16, c_m16});
  check({"m16n8k16", 16, 8, 16, E::F32, E::F16, E::F16, E::F16, false, a_f16_k16, b_f16_k16, c_m16});
  check({"m16n8k16", 16, 8, 16, E::F32, E::BF16, E::BF16, E::F32, false, a_f16_k16, b_f16_k16, c_m16});
  check({"m16n8k8", 16, 8, 8, E::F32, E::F16, E::F16, E::F32, false, a_f16_k8, b_f16_k8, c_m16});
  check({"m16n8k8", 16, 8, 8, E::F32, E::BF16, E::BF16, E::F32, false, a_f16_k8, b_f16_k8, c_m16});
  check({"m16n8k8", 16, 8, 8, E::F32, E::TF32, E::TF32, E::F32, false, a_tf32_k8, b_tf32_k8, c_m16});
  check({"m16n8k4", 16, 8, 4, E::F32, E::TF32, E::TF32, E::F32, false, a_tf32_k4, b_tf32_k4, c_m16});
}

TEST_P(MmaKernels, IntegerShapesMatchThePtxFragmentLayouts) {
  using E = Elem;
  check({"m8n8k16", 8, 8, 16, E::S32, E::S8, E::S8, E::S32, false, a_i8_m8k16, b_i8_k16, c_m8});
  check({"m8n8k16", 8, 8, 16, E::S32, E::U8, E::S8, E::S32, false, a_i8_m8k16, b_i8_k16, c_m8});
  check({"m16n8k16", 16, 8, 16, E::S32, E::U8, E::U8, E::S32, false, a_i8_k16, b_i8_k16, c_m16});
  check({"m16n8k32", 16, 8, 32, E::S32, E::S8, E::U8, E::S32, false, a_i8_k32, b_i8_k32, c_m16});
  check({"m16n8k32", 16, 8, 32, E::S32, E::S8, E::S8, E::S32, true, a_i8_k32, b_i8_k32, c_m16});
  check({"m16n8k32", 16, 8, 32, E::S32, E::U8, E::U8, E::S32, false, a_i8_k32, b_i8_k32, c_m16});
}

// Sub-byte integers: the s4/u4 and b1 figures of the PTX ISA (e elements of consecutive k per register).
TEST_P(MmaKernels, SubByteShapesMatchThePtxFragmentLayouts) {
  using E = Elem;
  check({"m8n8k32", 8, 8, 32, E::S32, E::S4, E::S4, E::S32, false, a_i4_m8k32, b_i4_k32, c_m8});
  check({"m8n8k32", 8, 8, 32, E::S32, E::U4, E::S4, E::S32, true, a_i4_m8k32, b_i4_k32, c_m8});
  check({"m16n8k32", 16, 8, 32, E::S32, E::S4, E::U4, E::S32, false, a_i4_k32, b_i4_k32, c_m16});
  check({"m16n8k64", 16, 8, 64, E::S32, E::S4, E::S4, E::S32, true, a_i4_k64, b_i4_k64, c_m16});
  check({"m16n8k64", 16, 8, 64, E::S32, E::U4, E::U4, E::S32, false, a_i4_k64, b_i4_k64, c_m16});
  check({"m8n8k128", 8, 8, 128, E::S32, E::B1, E::B1, E::S32, false, a_b1_m8k128, b_b1_k128, c_m8, "xor"});
  check({"m8n8k128", 8, 8, 128, E::S32, E::B1, E::B1, E::S32, false, a_b1_m8k128, b_b1_k128, c_m8, "and"});
  check({"m16n8k128", 16, 8, 128, E::S32, E::B1, E::B1, E::S32, false, a_b1_k128, b_b1_k128, c_m16, "and"});
  check({"m16n8k256", 16, 8, 256, E::S32, E::B1, E::B1, E::S32, false, a_b1_k256, b_b1_k256, c_m16, "xor"});
}

// Four 8x8 b16 matrices whose rows sit at scrambled shared-memory slots; lane L supplies the address
// of row L % 8 of matrix L / 8 and gets, per matrix, elements (L/4, 2*(L%4)) and (L/4, 2*(L%4)+1) — or
// with .trans elements (2*(L%4), L/4) and (2*(L%4)+1, L/4) — low half first.
TEST_P(MmaKernels, LdmatrixDeliversThePtxFragments) {
  auto slot = [](unsigned row_id) { return (row_id * 5 + 3) % 32; };
  auto value = [](unsigned j, unsigned r, unsigned c) { return static_cast<uint16_t>(0x100 * j + 0x10 * r + c + 1); };
  for (const char* form : {"x1", "x2", "x4", "x1.trans", "x2.trans", "x4.trans"}) {
    SCOPED_TRACE(form);
    const unsigned num = form[1] - '0';
    const bool trans = std::string(form).find("trans") != std::string::npos;
    std::vector<uint16_t> rows(32 * 8);
    for (unsigned id = 0; id < 32; ++id)
      for (unsigned c = 0; c < 8; ++c) rows[slot(id) * 8 + c] = value(id / 8, id % 8, c);
    std::vector<uint32_t> in(rows.size() / 2);
    std::memcpy(in.data(), rows.data(), rows.size() * 2);
    std::string dl = "{";
    for (unsigned j = 0; j < num; ++j) dl += (j ? ", %d" : "%d") + std::to_string(j);
    dl += "}";
    std::string ptx =
        ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k(.param .u64 in, .param .u64 out)\n{\n"
        "  .reg .b32 %d<4>, %lane, %v;\n  .reg .b64 %in, %out, %off, %s;\n  .shared .align 16 .b8 smem[512];\n"
        "  ld.param.u64 %in, [in];\n  ld.param.u64 %out, [out];\n  mov.u32 %lane, %laneid;\n"
        // each lane copies 16 bytes (one row slot) into shared memory
        "  mul.wide.u32 %off, %lane, 16;\n  add.u64 %in, %in, %off;\n"
        "  mov.u64 %s, smem;\n  add.u64 %s, %s, %off;\n"
        "  ld.global.v4.b32 {%d0, %d1, %d2, %d3}, [%in];\n  st.shared.v4.b32 [%s], {%d0, %d1, %d2, %d3};\n"
        "  bar.sync 0;\n"
        // address of row (lane % 8) of matrix lane / 8: slot (id * 5 + 3) % 32
        "  mul.lo.u32 %v, %lane, 5;\n  add.u32 %v, %v, 3;\n  and.b32 %v, %v, 31;\n  mul.wide.u32 %off, %v, 16;\n"
        "  mov.u64 %s, smem;\n  add.u64 %s, %s, %off;\n"
        "  ldmatrix.sync.aligned.m8n8." + std::string(form) + ".shared.b16 " + dl + ", [%s];\n"
        "  mul.wide.u32 %off, %lane, 16;\n  add.u64 %out, %out, %off;\n";
    for (unsigned j = 0; j < num; ++j)
      ptx += "  st.global.b32 [%out+" + std::to_string(4 * j) + "], %d" + std::to_string(j) + ";\n";
    ptx += "  ret;\n}\n";
    uint64_t din = upload(in), dout = upload(std::vector<uint32_t>(32 * 4, 0));
    auto stats = run_ptx(ptx, 32, din, dout);
    if (wide()) {
      ASSERT_FALSE(stats.ok());
      continue;
    }
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    auto out = download<uint32_t>(dout, 32 * 4);
    for (unsigned lane = 0; lane < 32; ++lane)
      for (unsigned j = 0; j < num; ++j) {
        const unsigned g = lane / 4, t = lane % 4;
        uint32_t want = trans ? value(j, 2 * t, g) | static_cast<uint32_t>(value(j, 2 * t + 1, g)) << 16
                              : value(j, g, 2 * t) | static_cast<uint32_t>(value(j, g, 2 * t + 1)) << 16;
        ASSERT_EQ(out[lane * 4 + j], want) << "lane " << lane << " matrix " << j;
      }
  }
}

// mma.sync is .aligned: a warp with lanes missing faults instead of computing with absent fragments.
TEST_P(MmaKernels, PartialWarpFaults) {
  std::string ptx =
      ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k(.param .u64 in, .param .u64 out)\n{\n"
      "  .reg .b32 %a<4>, %b<2>, %c<4>, %lane;\n  .reg .pred %p;\n  mov.u32 %lane, %laneid;\n"
      "  setp.ge.u32 %p, %lane, 16;\n  @%p bra DONE;\n"
      "  mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%c0, %c1, %c2, %c3}, {%a0, %a1, %a2, %a3}, {%b0, %b1}, "
      "{%c0, %c1, %c2, %c3};\nDONE:\n  ret;\n}\n";
  auto stats = run_ptx(ptx, 32, 0, 0);
  ASSERT_FALSE(stats.ok());
  const std::string& msg = stats.error().message;
  EXPECT_NE(msg.find(wide() ? "32-lane warps" : "lane 16 is not executing it"), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(Setups, MmaKernels, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
