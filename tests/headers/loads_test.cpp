// Cache-hinted loads and stores (__ldg, __ldcg, __stcs, ...) over every scalar and vector type.
#include <cstdint>

#include "tests/kernels/harness.h"

namespace canopy::testing {
namespace {

class LoadsTest : public KernelTest {};

constexpr uint32_t kBytes = 256;  // per type; a multiple of every type's size
constexpr uint32_t kTypes = 30;

TEST_P(LoadsTest, EveryHintCopiesEveryTypeExactly) {
  std::vector<uint8_t> src(kBytes);
  for (uint32_t i = 0; i < kBytes; ++i) src[i] = uint8_t(i * 151 + 7);
  std::vector<uint8_t> expect;
  for (uint32_t t = 0; t < kTypes; ++t) expect.insert(expect.end(), src.begin(), src.end());
  const char* const kernels[] = {"_Z8copy_ldgPKcPcj", "_Z7copy_cgPKcPcj",     "_Z10copy_ca_wbPKcPcj",
                                 "_Z7copy_csPKcPcj",  "_Z10copy_lu_wtPKcPcj", "_Z7copy_cvPKcPcj"};
  uint64_t d_src = upload(src);
  for (const char* kernel : kernels) {
    uint64_t d_dst = upload(std::vector<uint8_t>(kBytes * kTypes, 0));
    auto run = launch("loads", kernel, {1, 1, 1}, {48, 1, 1}, 0, {d_src, d_dst, kBytes});
    ASSERT_TRUE(run.ok()) << kernel << ": " << run.error().message;
    EXPECT_EQ(download<uint8_t>(d_dst, kBytes * kTypes), expect) << kernel;
  }
}

TEST_P(LoadsTest, HintedLoadsSeeTheThreadsOwnEarlierStores) {
  uint64_t d_p = upload(std::vector<int32_t>(64, -1)), d_out = upload(std::vector<int32_t>(64));
  auto run = launch("loads", "_Z15store_then_loadPiS_", {1, 1, 1}, {64, 1, 1}, 0, {d_p, d_out});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto out = download<int32_t>(d_out, 64);
  for (int32_t t = 0; t < 64; ++t) EXPECT_EQ(out[t], 6 * t);
}

INSTANTIATE_TEST_SUITE_P(Setups, LoadsTest, CANOPY_KERNEL_SETUPS, setup_name);

}  // namespace
}  // namespace canopy::testing
