// Hand-made working code for finalizer unit tests: instructions over virtual registers and labels
// given as plain indices.
#pragma once

#include <cstdint>
#include <vector>

#include "compiler/vcode.h"

namespace canopy::compiler::test {

using isa::Opcode;
using isa::Operand;

// Builds a function instruction by instruction; registers and labels are plain indices.
class Code {
 public:
  explicit Code(uint32_t gprs, uint32_t preds, uint32_t labels) {
    fn_.num_gpr = gprs;
    fn_.num_pred = preds;
    fn_.gpr_bits.assign(gprs, 32);
    fn_.num_labels = labels;
  }
  Code& op(Opcode o, std::vector<Operand> dst, std::vector<Operand> src, uint32_t guard = isa::kNoGuard) {
    VInstr v;
    v.in.op = o;
    v.in.type = isa::DataType::U32;
    v.in.guard = guard;
    v.in.ndst = static_cast<uint8_t>(dst.size());
    v.in.nsrc = static_cast<uint8_t>(src.size());
    for (size_t i = 0; i < dst.size(); ++i) v.in.dst[i] = dst[i];
    for (size_t i = 0; i < src.size(); ++i) v.in.src[i] = src[i];
    fn_.code.push_back(v);
    return *this;
  }
  Code& store(uint32_t addr, uint32_t value) {
    op(Opcode::St, {}, {Operand::reg(value)});
    fn_.code.back().in.addr = Operand::reg(addr);
    return *this;
  }
  Code& label(uint32_t l) {
    VInstr v;
    v.is_label = true;
    v.label = l;
    fn_.code.push_back(v);
    return *this;
  }
  Code& bra(uint32_t l, uint32_t guard = isa::kNoGuard) {
    op(Opcode::Bra, {}, {}, guard);
    fn_.code.back().label = l;
    return *this;
  }
  Code& exit() { return op(Opcode::Exit, {}, {}); }
  const VFunction& fn() const { return fn_; }

 private:
  VFunction fn_;
};

inline Operand r(uint32_t i) { return Operand::reg(i); }
inline Operand p(uint32_t i) { return Operand::pred(i); }
inline Operand imm(uint64_t v) { return Operand::immediate(v); }

}  // namespace canopy::compiler::test
