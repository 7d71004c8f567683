// Register allocation checked by an independent oracle: a forward simulation of which virtual
// register's value each physical register holds, over the allocated code's own control flow. It
// reads operands straight off the instructions and shares no liveness, def/use or copy code with the
// allocator, so a bug there makes the allocator wrong without making the checker agree.
#include "compiler/regalloc.h"

#include <gtest/gtest.h>

#include "compiler/emit.h"
#include "compiler/lower.h"
#include "compiler_test_util.h"
#include "vcode_builder.h"
#include "ptx/parser.h"

namespace canopy::compiler::test {
namespace {

struct Lowered {
  std::string name;
  VFunction fn;
};

std::vector<Lowered> lower_all(const std::string& text) {
  std::vector<Lowered> out;
  Expected<ptx::Module> parsed = ptx::parse(text, "test.ptx");
  EXPECT_TRUE(parsed.ok());
  if (!parsed) return out;
  isa::Module m;
  ModuleSymbols syms;
  EXPECT_TRUE(build_symbols(*parsed, m, syms).ok());
  for (const FuncSig& sig : syms.sigs) {
    if (sig.index < 0) continue;
    Lowerer lowerer(*parsed, m, syms, sig);
    Expected<VFunction> fn = lowerer.run();
    EXPECT_TRUE(fn.ok()) << (fn.ok() ? "" : fn.error().message);
    if (fn) out.push_back({sig.decl->name, std::move(fn).value()});
  }
  return out;
}

// The registers of one class an instruction reads and writes, in operand order.
struct Access {
  std::vector<uint32_t> reads, writes;
};

Access access_of(const isa::Instr& in, isa::OperandKind kind) {
  Access a;
  for (unsigned i = 0; i < in.nsrc; ++i)
    if (in.src[i].kind == kind) a.reads.push_back(in.src[i].index);
  if (in.addr.kind == kind) a.reads.push_back(in.addr.index);
  if (kind == isa::OperandKind::Pred && in.guard != isa::kNoGuard) a.reads.push_back(in.guard);
  for (unsigned i = 0; i < in.ndst; ++i)
    if (in.dst[i].kind == kind) a.writes.push_back(in.dst[i].index);
  return a;
}

// Successor instructions, from the ISA's meaning of each control instruction (calls return; a
// guarded branch or exit may fall through).
std::vector<uint32_t> successors(const VFunction& fn, const std::vector<uint32_t>& label_at, uint32_t i) {
  std::vector<uint32_t> out;
  const VInstr& v = fn.code[i];
  const bool guarded = v.in.guard != isa::kNoGuard;
  bool falls = true;
  if (!v.is_label && v.in.op == isa::Opcode::Bra) {
    out.push_back(label_at[v.label]);
    falls = guarded;
  } else if (!v.is_label &&
             (v.in.op == isa::Opcode::Exit || v.in.op == isa::Opcode::Ret || v.in.op == isa::Opcode::Trap)) {
    falls = guarded;
  }
  if (falls && i + 1 < fn.code.size()) out.push_back(i + 1);
  return out;
}

// A mov whose destination ends up holding its source's value: an unguarded whole-register copy, or a
// narrower one whose source's declared width fits (the bits it drops are not part of the value).
bool copies_value(const VFunction& fn, const isa::Instr& in, isa::OperandKind kind) {
  if (in.op != isa::Opcode::Mov || in.guard != isa::kNoGuard || in.ndst != 1 || in.nsrc != 1) return false;
  if (in.src[0].kind != kind || in.dst[0].kind != kind) return false;
  if (kind == isa::OperandKind::Pred) return true;
  const unsigned width = isa::bit_width(in.type);
  return width == 64 || fn.gpr_bits[in.src[0].index] <= width;
}

// Returns a description of the first read of a virtual register whose physical register no longer
// holds its value, or "" if the allocation is sound. State per instruction: holds[v] = "colour[v]
// holds v's current value"; a register never written yet holds any value, so everything starts true
// and control-flow joins take the intersection.
std::string find_clobber_in(const VFunction& fn, isa::OperandKind kind, const std::vector<uint32_t>& colour,
                            uint32_t limit) {
  const uint32_t nvregs = static_cast<uint32_t>(colour.size());
  const auto n = static_cast<uint32_t>(fn.code.size());
  std::vector<uint32_t> label_at(fn.num_labels, n);
  for (uint32_t i = 0; i < n; ++i)
    if (fn.code[i].is_label) label_at[fn.code[i].label] = i;
  std::vector<std::vector<uint32_t>> sharing(limit);  // physical register -> virtual registers on it
  for (uint32_t v = 0; v < nvregs; ++v)
    if (colour[v] < limit) sharing[colour[v]].push_back(v);

  std::vector<std::vector<bool>> in(n + 1, std::vector<bool>(nvregs, true));
  std::vector<bool> queued(n, true);
  std::vector<uint32_t> work;
  for (uint32_t i = n; i-- > 0;) work.push_back(i);
  auto where = [&](uint32_t i) { return "instr " + std::to_string(i) + " (PTX line " + std::to_string(fn.code[i].in.line) + ")"; };
  while (!work.empty()) {
    const uint32_t i = work.back();
    work.pop_back();
    queued[i] = false;
    std::vector<bool> s = in[i];
    const VInstr& v = fn.code[i];
    if (!v.is_label) {
      const Access acc = access_of(v.in, kind);
      for (uint32_t r : acc.reads) {
        if (colour[r] >= limit) return where(i) + " reads v" + std::to_string(r) + " from no register";
        if (!s[r]) return where(i) + " reads v" + std::to_string(r) + ", but its register was overwritten";
      }
      // Several results may be written one by one, each after its own computation: none may land on
      // another result's or a source's register.
      if (acc.writes.size() > 1)
        for (size_t x = 0; x < acc.writes.size(); ++x) {
          for (size_t y = x + 1; y < acc.writes.size(); ++y)
            if (colour[acc.writes[x]] == colour[acc.writes[y]]) return where(i) + " writes two results to one register";
          for (uint32_t r : acc.reads)
            if (r != acc.writes[x] && colour[r] == colour[acc.writes[x]])
              return where(i) + " writes a result over its source v" + std::to_string(r);
        }
      const bool copy = copies_value(fn, v.in, kind);
      for (uint32_t d : acc.writes) {
        if (colour[d] >= limit) return where(i) + " writes v" + std::to_string(d) + " to no register";
        const bool same_register = copy && colour[v.in.src[0].index] == colour[d];
        // Unless the content is unchanged (a copy within one register), the others sharing it lose it.
        if (!same_register)
          for (uint32_t other : sharing[colour[d]])
            if (other != d) s[other] = false;
        if (copy)
          s[d] = s[v.in.src[0].index] || v.in.src[0].index == d;
        else if (v.in.guard == isa::kNoGuard)
          s[d] = true;
        // A guarded write holds d either way only if the register held d before: s[d] stays.
      }
    }
    for (uint32_t next : successors(fn, label_at, i)) {
      bool changed = false;
      for (uint32_t r = 0; r < nvregs; ++r)
        if (in[next][r] && !s[r]) {
          in[next][r] = false;
          changed = true;
        }
      if (changed && !queued[next]) {
        queued[next] = true;
        work.push_back(next);
      }
    }
  }
  return "";
}

std::string find_clobber(const VFunction& fn, const Assignment& a) {
  std::string bad = find_clobber_in(fn, isa::OperandKind::Reg, a.gpr, a.num_regs);
  if (bad.empty()) bad = find_clobber_in(fn, isa::OperandKind::Pred, a.pred, a.num_preds);
  return bad;
}

TEST(RegAlloc, AllocationOfRealKernelsRespectsLiveness) {
  for (Lowered& l : lower_all(read_test_file("compiler/kernels.ptx"))) {
    Expected<Assignment> a = assign_registers(l.fn, 255, 64);
    ASSERT_TRUE(a.ok()) << l.name;
    EXPECT_EQ(find_clobber(l.fn, *a), "") << l.name;
    EXPECT_EQ(l.fn.spill_stores, 0u) << l.name;
  }
}

TEST(RegAlloc, SpillingUnderATinyBudgetStaysSound) {
  uint32_t total_spills = 0;
  for (Lowered& l : lower_all(read_test_file("compiler/kernels.ptx"))) {
    Expected<Assignment> a = assign_registers(l.fn, 4, 64);
    ASSERT_TRUE(a.ok()) << l.name << ": " << (a.ok() ? "" : a.error().message);
    EXPECT_LE(a->num_regs, 4u) << l.name;
    EXPECT_EQ(find_clobber(l.fn, *a), "") << l.name;
    total_spills += l.fn.spill_stores;
    if (l.fn.spill_stores > 0) {
      EXPECT_GT(l.fn.spill_loads, 0u) << l.name;
    }
  }
  EXPECT_GT(total_spills, 0u);
}

TEST(RegAlloc, SpillSlotsLiveInTheFrameAndAreReported) {
  isa::Module m = compile_or_die(read_test_file("compiler/kernels.ptx"), FinalizeOptions{3, 64});
  bool spilled = false;
  for (const KernelResources& r : resource_usage(m)) {
    EXPECT_LE(r.registers, 3u) << r.name;
    if (r.spill_stores > 0) {
      spilled = true;
      EXPECT_GE(r.local_bytes, 8u) << r.name;
    }
  }
  EXPECT_TRUE(spilled);
  for (const isa::Function& f : m.functions)
    for (const isa::Instr& in : f.code)
      if ((in.op == isa::Opcode::Ld || in.op == isa::Opcode::St) && in.mods.space == isa::Space::Local &&
          in.mods.frame_relative) {
        EXPECT_LT(static_cast<uint64_t>(in.offset), f.local_bytes + 64u) << f.name;
      }
}

TEST(RegAlloc, MaxnregDirectiveLimitsTheBudget) {
  std::string text = read_test_file("compiler/kernels.ptx");
  const std::string head = ".visible .entry _Z6matmulPKfS0_Pfi(";
  size_t at = text.find(head);
  ASSERT_NE(at, std::string::npos);
  size_t body = text.find('{', at);
  text.insert(body, " .maxnreg 5\n");
  isa::Module m = compile_or_die(text);
  for (const isa::Function& f : m.functions)
    if (f.name == "_Z6matmulPKfS0_Pfi") {
      EXPECT_LE(f.num_regs, 5u);
      EXPECT_GT(f.spill_stores, 0u);
    }
}

TEST(RegAlloc, PredicatesThatDoNotFitAreAnError) {
  std::string body = ".reg .pred %p<4>; .reg .b32 %r1;\n mov.u32 %r1, %tid.x;\n";
  for (int i = 0; i < 3; ++i)
    body += "setp.eq.u32 %p" + std::to_string(i) + ", %r1, " + std::to_string(i) + ";\n";
  body += "@%p0 st.global.u32 [0], %r1;\n@%p1 st.global.u32 [0], %r1;\n@%p2 st.global.u32 [0], %r1;\n";
  Expected<isa::Module> m = compile_ptx(kernel(body), "test.ptx", FinalizeOptions{255, 2});
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("predicates"), std::string::npos);
  EXPECT_TRUE(compile_ptx(kernel(body), "test.ptx", FinalizeOptions{255, 3}).ok());
}

TEST(RegAlloc, RealKernelsUseFewRegisters) {
  isa::Module m = compile_or_die(read_test_file("compiler/kernels.ptx"));
  for (const KernelResources& r : resource_usage(m)) {
    EXPECT_LE(r.registers, 16u) << r.name;
    EXPECT_EQ(r.spill_stores, 0u) << r.name;
  }
  EXPECT_LE(m.functions[0].num_regs, 5u);  // vec_add
}

TEST(RegAlloc, GuardedDefinitionKeepsTheOldValueAlive) {
  // %r2 is conditionally overwritten: its first value must survive past the guarded mov, so the
  // temporary %r3 may not share its register.
  auto lowered = lower_all(kernel(R"(
    .reg .b32 %r<4>; .reg .pred %p1;
    mov.u32 %r1, %tid.x;
    mov.u32 %r2, 7;
    setp.eq.u32 %p1, %r1, 0;
    add.u32 %r3, %r1, 1;
    @%p1 mov.u32 %r2, %r3;
    st.global.u32 [0], %r2;)"));
  ASSERT_EQ(lowered.size(), 1u);
  Expected<Assignment> a = assign_registers(lowered[0].fn, 255, 64);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(find_clobber(lowered[0].fn, *a), "");
}

// The checker itself: assignments that are wrong by construction must be reported.
TEST(RegAllocChecker, ReportsAValueOverwrittenBeforeItsLastRead) {
  for (Lowered& l : lower_all(read_test_file("compiler/kernels.ptx"))) {
    Expected<Assignment> a = assign_registers(l.fn, 255, 64);
    ASSERT_TRUE(a.ok()) << l.name;
    if (a->num_regs < 2) continue;
    Assignment one = *a;  // every GPR on R0
    for (uint32_t& c : one.gpr)
      if (c != kNone) c = 0;
    one.num_regs = 1;
    EXPECT_NE(find_clobber(l.fn, one), "") << l.name;
  }
}

TEST(RegAllocChecker, AGuardedWriteDoesNotEndTheOldValue) {
  // v0 = 7; v1 = 9; @p0 v0 = v1; store v0 at v2. With v1 on v0's register the store reads 9 when p0 is
  // false; on its own register the old 7 survives.
  using test::imm;
  using test::p;
  using test::r;
  test::Code c(3, 1, 0);
  c.op(isa::Opcode::Mov, {r(0)}, {imm(7)}).op(isa::Opcode::Mov, {r(2)}, {imm(64)});
  c.op(isa::Opcode::Setp, {p(0)}, {r(2), imm(64)}).op(isa::Opcode::Mov, {r(1)}, {imm(9)});
  c.op(isa::Opcode::Mov, {r(0)}, {r(1)}, 0).store(2, 0).exit();
  Assignment a;
  a.gpr = {0, 1, 2};
  a.pred = {0};
  a.num_regs = 3;
  a.num_preds = 1;
  EXPECT_EQ(find_clobber(c.fn(), a), "");
  a.gpr = {0, 0, 1};
  a.num_regs = 2;
  EXPECT_NE(find_clobber(c.fn(), a), "");
  // An unguarded copy may share its source's register.
  c = test::Code(3, 0, 0);
  c.op(isa::Opcode::Mov, {r(0)}, {imm(7)}).op(isa::Opcode::Mov, {r(2)}, {imm(64)});
  c.op(isa::Opcode::Mov, {r(1)}, {r(0)}).store(2, 0).store(2, 1).exit();
  a.gpr = {0, 0, 1};
  a.pred = {};
  a.num_preds = 0;
  EXPECT_EQ(find_clobber(c.fn(), a), "");
}

}  // namespace
}  // namespace canopy::compiler::test
