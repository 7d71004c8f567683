// Whole modules from clang's PTX: well-formed by the module format's rules, with and without spilling.
#include <gtest/gtest.h>

#include "compiler_test_util.h"
#include "isa/module_format.h"

namespace canopy::compiler::test {
namespace {

class RealPtx : public ::testing::TestWithParam<std::string> {};

TEST_P(RealPtx, CompilesToAVerifiedModuleThatRoundTrips) {
  for (uint32_t budget : {255u, 6u, 4u}) {  // 4: shfl.sync reads four registers (value, b, c, mask)
    isa::Module m = compile_or_die(read_test_file(GetParam()), FinalizeOptions{budget, 64});
    ASSERT_FALSE(m.functions.empty());
    Status ok = isa::verify_module(m);
    EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.error().message);
    std::vector<uint8_t> bytes = isa::write_module(m);
    Expected<isa::Module> back = isa::read_module(bytes.data(), bytes.size());
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->functions.size(), m.functions.size());
    for (const isa::Function& f : m.functions) {
      EXPECT_LE(f.num_regs, budget) << f.name;
      EXPECT_GT(f.code.size(), 0u);
      for (const isa::Instr& in : f.code) EXPECT_NE(in.line, 0u) << f.name;
      if (!f.is_kernel) {
        EXPECT_EQ(find_ops(f, isa::Opcode::Ret).size(), 1u) << f.name;
        EXPECT_EQ(f.code.back().op, isa::Opcode::Ret) << f.name;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ClangAndNvcc, RealPtx,
                         ::testing::Values("compiler/kernels.ptx", "compiler/features.ptx",
                                           "ptx/clang14_fib.ptx", "ptx/clang14_reduce.ptx",
                                           "ptx/nvcc_fib.ptx", "ptx/nvcc_reduce.ptx",
                                           "ptx/nvcc_math_atomics.ptx", "ptx/nvcc_local_array.ptx"));

TEST(Module, HeaderFieldsComeFromThePtx) {
  isa::Module m = compile_or_die(read_test_file("compiler/kernels.ptx"));
  EXPECT_EQ(m.ptx_target, "sm_70");
  EXPECT_EQ(m.ptx_version, 64u);
  EXPECT_NE(m.source_name.find("test.ptx"), std::string::npos);
}

}  // namespace
}  // namespace canopy::compiler::test
