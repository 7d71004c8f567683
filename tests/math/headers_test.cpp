// The math headers in every compilation mode: this file is plain C++ (no __CUDA__), where
// crt/canopy_math.h must be harmless next to <cmath>; the clang device/host passes over cu/include_*.cu
// (which put <cmath> before and after the math headers) ran at build time, and their PTX must finalize.
#include <cmath>

#include "crt/canopy_math.h"
#include "math_functions.h"
#include "math_harness.h"

namespace canopy::math_test {
namespace {

TEST(Headers, HarmlessInPlainCxx) {
  EXPECT_EQ(std::sin(0.0), 0.0);
  EXPECT_EQ(sqrtf(4.0f), 2.0f);
#ifdef CANOPY_CRT_CANOPY_MATH_API_H
  ADD_FAILURE() << "device math declared outside CUDA compilation";
#endif
}

TEST(Headers, IncludeOrderVariantsCompileAndFinalize) {
  for (const char* stem : {"include_before", "include_after"}) {
    std::string path = std::string(CANOPY_MATH_PTX_DIR) + "/" + stem + ".ptx";
    std::string ptx = read_text(path);
    ASSERT_FALSE(ptx.empty()) << path;
    EXPECT_EQ(ptx.find(".extern .func"), std::string::npos) << stem << ": calls a function nobody defines";
    auto module = compiler::compile_ptx(ptx, path);
    EXPECT_TRUE(module.ok()) << (module.ok() ? "" : module.error().message);
    std::ifstream host(std::string(CANOPY_MATH_PTX_DIR) + "/" + stem + ".host.o");
    EXPECT_TRUE(host.good()) << stem << ": host pass output missing";
  }
}

TEST(Headers, KernelModuleHasNoUnresolvedCalls) {
  std::string ptx = read_text(std::string(CANOPY_MATH_PTX_DIR) + "/math_kernels.ptx");
  ASSERT_FALSE(ptx.empty());
  EXPECT_EQ(ptx.find(".extern .func"), std::string::npos);
  EXPECT_TRUE(MathDevice::get().ok());
}

}  // namespace
}  // namespace canopy::math_test
