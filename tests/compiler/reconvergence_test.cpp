// Reconvergence points in compiled real PTX, checked by path search on the native code: every path from
// a conditional branch to the function's end passes its reconvergence point, and no earlier point on the
// fall-through side is passed by every path (immediacy).
#include <gtest/gtest.h>

#include <set>

#include "compiler_test_util.h"

namespace canopy::compiler::test {
namespace {

using isa::Opcode;

std::vector<uint32_t> successors(const isa::Function& f, uint32_t i) {
  const isa::Instr& in = f.code[i];
  std::vector<uint32_t> s;
  const bool guarded = in.guard != isa::kNoGuard;
  if (in.op == Opcode::Bra) s.push_back(in.target);
  const bool ends =
      in.op == Opcode::Bra || in.op == Opcode::Exit || in.op == Opcode::Ret || in.op == Opcode::Trap;
  if ((!ends || guarded) && i + 1 < f.code.size()) s.push_back(i + 1);
  return s;
}

// True if some path from `from` reaches an exit without passing `avoid`.
bool escapes(const isa::Function& f, uint32_t from, uint32_t avoid) {
  std::vector<bool> seen(f.code.size(), false);
  std::vector<uint32_t> work{from};
  while (!work.empty()) {
    uint32_t i = work.back();
    work.pop_back();
    if (i == avoid || seen[i]) continue;
    seen[i] = true;
    auto s = successors(f, i);
    if (s.empty()) return true;
    for (uint32_t n : s) work.push_back(n);
  }
  return false;
}

TEST(Reconvergence, PointsPostDominateTheirBranchesInRealKernels) {
  isa::Module m = compile_or_die(read_test_file("compiler/kernels.ptx"));
  int checked = 0;
  for (const isa::Function& f : m.functions) {
    for (uint32_t i = 0; i < f.code.size(); ++i) {
      const isa::Instr& in = f.code[i];
      if (in.op != Opcode::Bra) continue;
      if (in.guard == isa::kNoGuard) {
        EXPECT_EQ(in.reconverge, isa::kNoTarget);
        continue;
      }
      ++checked;
      if (in.reconverge == isa::kNoTarget) {
        // Only the exit post-dominates: some two paths must leave without a common instruction.
        continue;
      }
      ASSERT_LT(in.reconverge, f.code.size());
      EXPECT_FALSE(escapes(f, in.target, in.reconverge)) << f.name << " @" << i;
      EXPECT_FALSE(escapes(f, i + 1, in.reconverge)) << f.name << " @" << i;
      // Immediacy: no instruction strictly before the reconvergence point on the fall-through path is
      // itself passed by every path from both sides (unless it is the reconvergence point).
      for (uint32_t j = i + 1; j < in.reconverge && j < f.code.size(); ++j) {
        bool both = !escapes(f, in.target, j) && !escapes(f, i + 1, j);
        bool after = !escapes(f, j, in.reconverge);
        EXPECT_FALSE(both && after && j != in.reconverge) << f.name << " @" << i << " earlier point " << j;
      }
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(Reconvergence, IfThenReconvergesAtTheJoin) {
  isa::Module m = compile_or_die(kernel(R"(
    .reg .b32 %r1; .reg .pred %p1;
    mov.u32 %r1, %tid.x;
    setp.eq.u32 %p1, %r1, 0;
    @%p1 bra $L_skip;
    st.global.u32 [0], %r1;
$L_skip:
    st.global.u32 [4], %r1;
    ret;)"));
  const isa::Function& f = m.functions[0];
  isa::Instr bra = first_op(f, Opcode::Bra);
  EXPECT_EQ(bra.target, 4u);
  EXPECT_EQ(bra.reconverge, 4u);
}

TEST(Reconvergence, EarlyExitOnOneSideReconvergesAtTheExitOnly) {
  isa::Module m = compile_or_die(kernel(R"(
    .reg .b32 %r1; .reg .pred %p1;
    mov.u32 %r1, %tid.x;
    setp.eq.u32 %p1, %r1, 0;
    @%p1 bra $L_out;
    st.global.u32 [0], %r1;
    exit;
$L_out:
    st.global.u32 [4], %r1;
    ret;)"));
  EXPECT_EQ(first_op(m.functions[0], Opcode::Bra).reconverge, isa::kNoTarget);
}

TEST(Reconvergence, LoopBackEdgeReconvergesAfterTheLoop) {
  isa::Module m = compile_or_die(kernel(R"(
    .reg .b32 %r<3>; .reg .pred %p1;
    mov.u32 %r1, %tid.x;
    mov.u32 %r2, 0;
$L_head:
    add.u32 %r2, %r2, %r1;
    add.u32 %r1, %r1, -1;
    setp.ne.u32 %p1, %r1, 0;
    @%p1 bra $L_head;
    st.global.u32 [0], %r2;)"));
  const isa::Function& f = m.functions[0];
  isa::Instr bra = first_op(f, Opcode::Bra);
  EXPECT_EQ(bra.target, 2u);
  EXPECT_EQ(bra.reconverge, 6u);
  EXPECT_EQ(f.code[6].op, Opcode::St);
}

}  // namespace
}  // namespace canopy::compiler::test
