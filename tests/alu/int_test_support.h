// Test rig for integer ALU handlers: builds an instruction, selects its handler through the integer
// selector and runs it over lanes of values, checking every lane against a host reference.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "gpu/alu/alu_internal.h"
#include "gpu/alu/lanes.h"

namespace canopy::gpu::alu::testing {

using isa::DataType;
using isa::Opcode;

inline isa::Instr make_instr(Opcode op, DataType type, int nsrc, DataType type2 = DataType::None) {
  isa::Instr in;
  in.op = op;
  in.type = type;
  in.type2 = type2;
  in.ndst = 1;
  in.nsrc = static_cast<uint8_t>(nsrc);
  in.dst[0] = isa::Operand::reg(0);
  for (int i = 0; i < nsrc; ++i) in.src[i] = isa::Operand::reg(static_cast<uint32_t>(i + 1));
  return in;
}

inline uint64_t truncate(uint64_t v, unsigned bits) { return zero_extend(v, bits); }
inline int64_t sign_extend(uint64_t v, unsigned bits) {
  if (bits >= 64) return static_cast<int64_t>(v);
  uint64_t m = uint64_t{1} << (bits - 1);
  v = truncate(v, bits);
  return static_cast<int64_t>((v ^ m) - m);
}

// Interesting values of a given width: zero, one, all ones, extremes, powers of two, patterns and a few
// random values from a fixed seed. All are zero-extended to the width (the register convention).
inline std::vector<uint64_t> edge_values(unsigned bits, int random_count = 4) {
  uint64_t top = uint64_t{1} << (bits - 1);
  std::vector<uint64_t> v = {0,
                             1,
                             2,
                             3,
                             ~uint64_t{0},
                             top,
                             top - 1,
                             top + 1,
                             ~uint64_t{0} - 1,
                             0x5555555555555555u,
                             0xaaaaaaaaaaaaaaaau,
                             0x80,
                             0xff,
                             0x7fff,
                             0x10000,
                             0x12345678abcdef01u};
  std::mt19937_64 rng(12345 + bits);
  for (int i = 0; i < random_count; ++i) v.push_back(rng());
  for (auto& x : v) x = truncate(x, bits);
  return v;
}

// A warp's worth of register rows and predicate masks that an instruction runs on.
template <int W>
struct Rig {
  std::array<std::array<uint64_t, W>, 4> src{};
  std::array<std::array<uint64_t, W>, 4> dst{};
  std::array<uint64_t, 4> src_mask{};  // used for sources of kind Pred
  std::array<uint64_t, 4> dst_mask{};  // used for destinations of kind Pred
  uint64_t carry = 0;

  AluOperands<W> operands(const isa::Instr& in, uint64_t exec) {
    AluOperands<W> o;
    for (int i = 0; i < 4; ++i) {
      o.src[i] = in.src[i].kind == isa::OperandKind::Pred ? &src_mask[i] : src[i].data();
      o.dst[i] = in.dst[i].kind == isa::OperandKind::Pred ? &dst_mask[i] : dst[i].data();
    }
    o.carry = &carry;
    o.exec = exec;
    return o;
  }
  void run(AluHandler<W> h, const isa::Instr& in, uint64_t exec = full_lane_mask<W>()) {
    h(in, operands(in, exec));
  }
};

template <int W>
AluHandler<W> select(const isa::Instr& in) {
  std::string why;
  AluHandler<W> h = select_integer_handler<W>(in, &why);
  EXPECT_NE(h, nullptr) << "no handler: " << why;
  return h;
}

// Why the integer selector rejects `in` (empty if it accepted it or said it is not ours).
inline std::string rejection(const isa::Instr& in) {
  std::string why;
  if (select_integer_handler<32>(in, &why)) return "";
  return why;
}

using Ref = std::function<uint64_t(const std::array<uint64_t, 4>&)>;

// Runs `in` over every combination of `values` for its nsrc register sources (or `count` random
// combinations when there are more than max_full), W lanes at a time, and compares every lane with ref.
template <int W>
void check_lanes(const isa::Instr& in, const std::vector<uint64_t>& values, const Ref& ref,
                 size_t max_full = 5000) {
  AluHandler<W> h = select<W>(in);
  if (!h) return;
  int n = in.nsrc;
  size_t total = 1;
  for (int i = 0; i < n; ++i) total *= values.size();
  bool exhaustive = total <= max_full;
  if (!exhaustive) total = max_full;
  std::mt19937 rng(7);
  std::vector<std::array<uint64_t, 4>> cases(total);
  for (size_t c = 0; c < total; ++c) {
    size_t k = c;
    for (int i = 0; i < n; ++i) {
      size_t pick = exhaustive ? k % values.size() : rng() % values.size();
      k /= values.size();
      cases[c][i] = values[pick];
    }
  }
  for (size_t base = 0; base < total; base += W) {
    Rig<W> rig;
    for (int l = 0; l < W; ++l) {
      const auto& cs = cases[(base + l) % total];
      for (int i = 0; i < n; ++i) rig.src[i][l] = cs[i];
    }
    rig.run(h, in);
    for (int l = 0; l < W; ++l) {
      const auto& cs = cases[(base + l) % total];
      uint64_t want = ref(cs);
      ASSERT_EQ(rig.dst[0][l], want) << isa::info(in.op).mnemonic << " lane " << l << std::hex << " a=0x"
                                     << cs[0] << " b=0x" << cs[1] << " c=0x" << cs[2] << " d=0x" << cs[3];
    }
  }
}

// Both warp widths.
inline void check_all(const isa::Instr& in, const std::vector<uint64_t>& values, const Ref& ref,
                      size_t max_full = 5000) {
  check_lanes<32>(in, values, ref, max_full);
  check_lanes<64>(in, values, ref, max_full);
}

}  // namespace canopy::gpu::alu::testing
