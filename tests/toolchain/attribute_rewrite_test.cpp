#include "toolchain/attribute_rewrite.h"

#include <gtest/gtest.h>

namespace canopy::toolchain {
namespace {

TEST(AttributeRewrite, MovesAlignasBeforeTheStorageKeywords) {
  EXPECT_EQ(move_alignas_first("__shared__ alignas(16) float a[32];"), "alignas(16) __shared__  float a[32];");
  EXPECT_EQ(move_alignas_first("  static __shared__ alignas(sizeof(float4)) char b[64];"),
            "  alignas(sizeof(float4)) static __shared__  char b[64];");
  EXPECT_EQ(move_alignas_first("extern __shared__ alignas(16) int s[]; __device__ alignas(8) int g;"),
            "alignas(16) extern __shared__  int s[]; alignas(8) __device__  int g;");
}

TEST(AttributeRewrite, KeepsLineBreaks) {
  const std::string source = "__shared__\n  alignas(16)\nfloat a[4];\nint x;";
  auto out = move_alignas_first(source);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(std::count(out->begin(), out->end(), '\n'), std::count(source.begin(), source.end(), '\n'));
  EXPECT_NE(out->find("alignas(16) __shared__"), std::string::npos);
}

TEST(AttributeRewrite, LeavesEverythingElse) {
  for (const char* source : {"alignas(16) __shared__ float a[4];", "__shared__ __align__(16) float a[4];",
                             "struct alignas(16) S { int x; };", "int shared_alignas(int);", ""})
    EXPECT_FALSE(move_alignas_first(source).has_value()) << source;
}

}  // namespace
}  // namespace canopy::toolchain
