// Every special register, on both warp widths, for a 3D grid of 3D blocks.
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

using isa::SpecialReg;

class SpecialRegs : public ::testing::TestWithParam<const char*> {
 protected:
  TestDevice dev{GetParam(), 1};
};

struct Read {
  SpecialReg reg;
  uint8_t comp;
};

constexpr Read kReads[] = {
    {SpecialReg::Tid, 0}, {SpecialReg::Tid, 1}, {SpecialReg::Tid, 2}, {SpecialReg::Ntid, 0},
    {SpecialReg::Ntid, 1}, {SpecialReg::Ntid, 2}, {SpecialReg::Ctaid, 0}, {SpecialReg::Ctaid, 1},
    {SpecialReg::Ctaid, 2}, {SpecialReg::Nctaid, 0}, {SpecialReg::Nctaid, 1}, {SpecialReg::Nctaid, 2},
    {SpecialReg::LaneId, 0}, {SpecialReg::WarpId, 0}, {SpecialReg::NWarpId, 0}, {SpecialReg::SmId, 0},
    {SpecialReg::NSmId, 0}, {SpecialReg::GridId, 0}, {SpecialReg::Clock, 0}, {SpecialReg::Clock64, 0},
    {SpecialReg::GlobalTimer, 0}, {SpecialReg::LanemaskEq, 0}, {SpecialReg::LanemaskLe, 0},
    {SpecialReg::LanemaskLt, 0}, {SpecialReg::LanemaskGe, 0}, {SpecialReg::LanemaskGt, 0},
    {SpecialReg::DynamicSmemSize, 0}, {SpecialReg::TotalSmemSize, 0}, {SpecialReg::WarpSize, 0},
    {SpecialReg::FrameBase, 0},
};
constexpr size_t kCount = sizeof(kReads) / sizeof(kReads[0]);

TEST_P(SpecialRegs, EveryRegisterHasItsDocumentedValue) {
  const Dim3 grid{3, 2, 2}, block{5, 4, 6};  // 120 threads: a partial last warp on both widths
  const uint32_t threads = 120, ctas = 12, w = dev->config().warp_size;
  FnBuilder b("k");
  b.fn.num_regs = 20;
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  // slot = (cta linear * threads + thread linear) * kCount * 8
  b.s2r(R(1), SpecialReg::Tid, 2);
  b.mul(R(1), R(1), I(4), DataType::U32);
  b.s2r(R(2), SpecialReg::Tid, 1);
  b.add(R(1), R(1), R(2), DataType::U32);
  b.mul(R(1), R(1), I(5), DataType::U32);
  b.s2r(R(2), SpecialReg::Tid, 0);
  b.add(R(1), R(1), R(2), DataType::U32);  // thread linear
  b.s2r(R(3), SpecialReg::Ctaid, 2);
  b.mul(R(3), R(3), I(2), DataType::U32);
  b.s2r(R(2), SpecialReg::Ctaid, 1);
  b.add(R(3), R(3), R(2), DataType::U32);
  b.mul(R(3), R(3), I(3), DataType::U32);
  b.s2r(R(2), SpecialReg::Ctaid, 0);
  b.add(R(3), R(3), R(2), DataType::U32);  // cta linear
  b.mul(R(3), R(3), I(threads), DataType::U32);
  b.add(R(1), R(1), R(3), DataType::U32);
  b.mul(R(1), R(1), I(kCount * 8), DataType::U64);
  b.add(R(1), R(1), R(10), DataType::U64);
  for (size_t i = 0; i < kCount; ++i) {
    auto& s = b.s2r(R(4), kReads[i].reg, kReads[i].comp);
    if (kReads[i].reg == SpecialReg::Clock64 || kReads[i].reg == SpecialReg::GlobalTimer ||
        kReads[i].reg >= SpecialReg::LanemaskEq)
      s.type = DataType::U64;
    b.st(Space::Global, DataType::U64, R(1), static_cast<int64_t>(i * 8), {R(4)});
  }
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn});
  m.shared_static_bytes = m.functions[0].shared_bytes = 24;
  uint64_t out = dev.alloc(uint64_t{ctas} * threads * kCount * 8);
  auto s = dev.run(m, "k", grid, block, pack_params({out}, b.fn), 100);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = dev.read<uint64_t>(out, size_t{ctas} * threads * kCount);
  const GpuConfig& c = dev->config();
  const uint64_t full = w == 64 ? ~uint64_t{0} : 0xffffffffu;
  for (uint32_t cta = 0; cta < ctas; ++cta) {
    for (uint32_t t = 0; t < threads; ++t) {
      const uint64_t* r = &v[(size_t{cta} * threads + t) * kCount];
      uint32_t lane = t % w;
      uint64_t expected[kCount] = {t % 5, (t / 5) % 4, t / 20, 5, 4, 6, cta % 3, (cta / 3) % 2, cta / 6, 3, 2, 2,
                                   lane, t / w, c.max_threads_per_sm / w, cta % c.sm_count, c.sm_count, 1,
                                   0, 0, 0, uint64_t{1} << lane, full & ((uint64_t{2} << lane) - 1),
                                   (uint64_t{1} << lane) - 1, full & ~((uint64_t{1} << lane) - 1),
                                   full & ~((uint64_t{2} << lane) - 1), 100, 32 + 100, w, 0};
      for (size_t i = 0; i < kCount; ++i) {
        if (kReads[i].reg == SpecialReg::Clock || kReads[i].reg == SpecialReg::Clock64 ||
            kReads[i].reg == SpecialReg::GlobalTimer)
          continue;
        ASSERT_EQ(r[i], expected[i]) << "register #" << i << " cta " << cta << " thread " << t;
      }
      // The clock counts the warp's issued instructions: deterministic and increasing.
      uint64_t clock = r[18], clock64 = r[19], timer = r[20];
      EXPECT_EQ(clock, 19 + 2 * 18 + 1);  // 19 prologue instructions, 2 per earlier read, itself
      EXPECT_EQ(clock64, clock + 2);
      EXPECT_EQ(timer, (clock64 + 2) * 1000 / c.clock_mhz);
    }
  }
}

TEST(SpecialRegsGrid, GridIdCountsLaunches) {
  TestDevice dev;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  b.s2r(R(1), SpecialReg::GridId).type = DataType::U64;
  b.st(Space::Global, DataType::U64, R(10), 0, {R(1)});
  b.op(Opcode::Exit);
  uint64_t out = dev.alloc(8);
  auto id = *dev->load_module(module_of({b.fn}));
  auto k = *dev->find_kernel(id, "k");
  for (uint64_t i = 1; i <= 3; ++i) {
    ASSERT_TRUE(dev->launch(k, {{1}, {1}, 0}, pack_params({out}, b.fn)).ok());
    EXPECT_EQ(dev.read<uint64_t>(out, 1)[0], i);
  }
  EXPECT_EQ(dev->history().size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Widths, SpecialRegs, ::testing::Values("default", "bi-v100"),
                         [](const auto& info) { return std::string(info.param) == "default" ? "W32" : "W64"; });

}  // namespace
}  // namespace canopy::gpu::testing
