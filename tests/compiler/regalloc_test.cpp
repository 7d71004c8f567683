// Register allocation checked against liveness computed independently of the interference graph:
// a definition may never land on a register that holds another live value.
#include "compiler/regalloc.h"

#include <gtest/gtest.h>

#include "compiler/cfg.h"
#include "compiler/emit.h"
#include "compiler/liveness.h"
#include "compiler/lower.h"
#include "compiler_test_util.h"
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

// Returns a description of the first clobber, or "" if the allocation is sound.
std::string find_clobber(const VFunction& fn, const Assignment& a) {
  Cfg cfg = build_cfg(fn);
  for (RegClass rc : {RegClass::Gpr, RegClass::Pred}) {
    const std::vector<uint32_t>& colour = rc == RegClass::Gpr ? a.gpr : a.pred;
    const uint32_t limit = rc == RegClass::Gpr ? a.num_regs : a.num_preds;
    Liveness lv = compute_liveness(fn, cfg, rc);
    std::vector<uint32_t> uses, defs;
    for (size_t b = 0; b < cfg.blocks.size(); ++b) {
      Bitset live = lv.live_out[b];
      for (uint32_t i = cfg.blocks[b].end; i > cfg.blocks[b].begin; --i) {
        const VInstr& v = fn.code[i - 1];
        if (v.is_label) continue;
        instr_defs(v.in, rc, defs);
        instr_uses(v.in, rc, uses);
        // A copy that preserves the value may share its source's register.
        uint32_t copy_src = kNone;
        const isa::OperandKind k = rc == RegClass::Gpr ? isa::OperandKind::Reg : isa::OperandKind::Pred;
        if (v.in.op == isa::Opcode::Mov && v.in.guard == isa::kNoGuard && v.in.nsrc == 1 &&
            v.in.src[0].kind == k && v.in.dst[0].kind == k &&
            (rc == RegClass::Pred || isa::bit_width(v.in.type) == 64 ||
             fn.gpr_bits[v.in.src[0].index] <= isa::bit_width(v.in.type)))
          copy_src = v.in.src[0].index;
        for (uint32_t d : defs) {
          if (colour[d] >= limit) return "register out of range at " + std::to_string(i - 1);
          std::string bad;
          live.for_each([&](uint32_t l) {
            if (l == d || l == copy_src || !bad.empty()) return;
            if (colour[l] == colour[d])
              bad = "instr " + std::to_string(i - 1) + " writes v" + std::to_string(d) + " over live v" +
                    std::to_string(l);
          });
          if (!bad.empty()) return bad;
        }
        if (v.in.guard == isa::kNoGuard)
          for (uint32_t d : defs) live.reset(d);
        for (uint32_t u : uses) live.set(u);
      }
    }
  }
  return "";
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

}  // namespace
}  // namespace canopy::compiler::test
