// Live virtual registers at block boundaries, per register class (GPRs and predicates are separate
// register files). A guarded definition does not kill: when the guard is false the old value survives.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/cfg.h"
#include "compiler/vcode.h"

namespace canopy::compiler {

enum class RegClass : uint8_t { Gpr, Pred };

class Bitset {
 public:
  explicit Bitset(uint32_t n = 0) : words_((n + 63) / 64, 0) {}
  bool test(uint32_t i) const { return (words_[i / 64] >> (i % 64)) & 1; }
  void set(uint32_t i) { words_[i / 64] |= uint64_t{1} << (i % 64); }
  void reset(uint32_t i) { words_[i / 64] &= ~(uint64_t{1} << (i % 64)); }
  // this |= other; returns whether anything changed.
  bool merge(const Bitset& other);
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (size_t w = 0; w < words_.size(); ++w)
      for (uint64_t bits = words_[w]; bits; bits &= bits - 1) fn(static_cast<uint32_t>(w * 64 + ctz(bits)));
  }
  friend bool operator==(const Bitset&, const Bitset&) = default;

 private:
  static unsigned ctz(uint64_t v) {
    unsigned n = 0;
    while (!(v & 1)) {
      v >>= 1;
      ++n;
    }
    return n;
  }
  std::vector<uint64_t> words_;
};

// The registers of class `rc` an instruction reads (sources, address, guard) and writes.
void instr_uses(const isa::Instr& in, RegClass rc, std::vector<uint32_t>& out);
void instr_defs(const isa::Instr& in, RegClass rc, std::vector<uint32_t>& out);

struct Liveness {
  std::vector<Bitset> live_in, live_out;  // per block
};

Liveness compute_liveness(const VFunction& fn, const Cfg& cfg, RegClass rc);

}  // namespace canopy::compiler
