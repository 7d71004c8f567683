// Memory accesses the engine cannot prove valid in bulk (lanes spread over several allocations and
// generic windows, faulting lanes) take the exact per-lane path; these check that both paths agree with
// the documented semantics, and that local memory starts zero in every CTA and launch.
#include "gpu/memory/address_map.h"
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

struct Setup {
  const char* preset;
  unsigned threads;
};

class BulkAccess : public ::testing::TestWithParam<Setup> {
 protected:
  TestDevice dev{GetParam().preset, GetParam().threads};
};

// Each thread takes a generic address from table[gid], stores gid there, loads it back and writes what
// it read to out[gid].
isa::Function table_kernel() {
  FnBuilder b("k");
  add_params(b.fn, {8, 8});
  load_param(b, R(10), b.fn, 0);
  load_param(b, R(11), b.fn, 1);
  global_index(b, 0, 1, 2);
  element_address(b, 2, 10, 1, 8);
  b.ld(Space::Global, DataType::U64, {R(3)}, R(2));
  b.st(Space::Generic, DataType::U32, R(3), 0, {R(1)});
  b.ld(Space::Generic, DataType::U32, {R(4)}, R(3));
  element_address(b, 5, 11, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(4)});
  b.op(Opcode::Exit);
  return b.fn;
}

TEST_P(BulkAccess, WarpSpreadOverAllocationsAndSharedWindowAccessesEveryLane) {
  const uint32_t n = 128, block = 64;
  uint64_t a = dev.alloc(n * 4), b = dev.alloc(n * 4), out = dev.alloc(n * 4), table = dev.alloc(n * 8);
  std::vector<uint64_t> addresses(n);
  for (uint32_t g = 0; g < n; ++g)
    addresses[g] = g % 3 == 0 ? a + 4 * g : g % 3 == 1 ? kSharedWindowBase + 4 * (g % block) : b + 4 * g;
  dev.write(table, addresses);
  isa::Function k = table_kernel();
  auto s = dev.run(module_of({k}), "k", {n / block}, {block}, pack_params({table, out}, k), block * 4);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto got = dev.read<uint32_t>(out, n), in_a = dev.read<uint32_t>(a, n), in_b = dev.read<uint32_t>(b, n);
  for (uint32_t g = 0; g < n; ++g) {
    EXPECT_EQ(got[g], g) << g;
    EXPECT_EQ(in_a[g], g % 3 == 0 ? g : 0u) << g;
    EXPECT_EQ(in_b[g], g % 3 == 2 ? g : 0u) << g;
  }
}

TEST_P(BulkAccess, FaultNamesLowestFaultingLaneAndNoLaneStores) {
  const uint32_t n = 32;
  uint64_t a = dev.alloc(n * 4), out = dev.alloc(n * 4), table = dev.alloc(n * 8);
  isa::Function k = table_kernel();
  auto module = module_of({k});
  struct Case {
    uint32_t lane;
    uint64_t address;
    const char* kind;
  };
  // Lane 9 is 8 MiB past the end (beyond the 2 MiB mapping `a` lies in); lane 3, when bad, is misaligned.
  for (bool misaligned_lane_3 : {false, true}) {
    std::vector<uint64_t> addresses(n);
    for (uint32_t g = 0; g < n; ++g) addresses[g] = a + 4 * g;
    addresses[9] = a + (uint64_t{8} << 20);
    if (misaligned_lane_3) addresses[3] = a + 2;
    dev.write(table, addresses);
    const Case expect =
        misaligned_lane_3 ? Case{3, a + 2, "misaligned address"} : Case{9, a + (uint64_t{8} << 20), "illegal address"};
    auto s = dev.run(module, "k", {1}, {n}, pack_params({table, out}, k));
    ASSERT_FALSE(s.ok());
    auto f = dev->last_fault();
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->kind, expect.kind);
    EXPECT_EQ(f->thread.x, expect.lane);
    EXPECT_EQ(f->address, expect.address);
    EXPECT_EQ(dev.read<uint32_t>(a, n), std::vector<uint32_t>(n, 0));
  }
}

// out[gid] = the value at frame + 8 before this thread writes gid + 1 there: zero in every CTA and
// launch, whichever worker ran the CTA before and whatever block size the previous launch had.
TEST_P(BulkAccess, LocalMemoryStartsZeroInEveryCtaAndLaunch) {
  FnBuilder b("k");
  b.fn.local_bytes = 16;
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.ld(Space::Local, DataType::U32, {R(3)}, Operand{}, 8).mods.frame_relative = true;
  b.add(R(4), R(1), I(1), DataType::U32);
  b.st(Space::Local, DataType::U32, Operand{}, 8, {R(4)}).mods.frame_relative = true;
  b.st(Space::Local, DataType::U32, Operand{}, 1020, {R(4)}).mods.frame_relative = true;  // stack reserve
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(3)});
  b.op(Opcode::Exit);
  auto id = dev->load_module(module_of({b.fn}));
  ASSERT_TRUE(id.ok());
  auto k = dev->find_kernel(*id, "k");
  ASSERT_TRUE(k.ok());
  for (uint32_t block : {64u, 96u, 64u, 200u}) {
    const uint32_t ctas = 6, n = ctas * block;
    uint64_t out = dev.alloc(n * 4);
    dev.write(out, std::vector<uint32_t>(n, 0xdeadbeef));
    auto s = dev->launch(*k, {{ctas}, {block}, 0}, pack_params({out}, b.fn));
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(dev.read<uint32_t>(out, n), std::vector<uint32_t>(n, 0)) << "block " << block;
  }
}

INSTANTIATE_TEST_SUITE_P(Setups, BulkAccess,
                         ::testing::Values(Setup{"default", 1}, Setup{"default", 2}, Setup{"bi-v100", 1},
                                           Setup{"bi-v100", 2}),
                         [](const auto& info) {
                           return std::string(info.param.preset[0] == 'd' ? "w32" : "w64") + "_t" +
                                  std::to_string(info.param.threads);
                         });

}  // namespace
}  // namespace canopy::gpu::testing
