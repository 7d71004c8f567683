// Precise faults: nothing is written by a faulting instruction, and the report names the kernel,
// instruction, PTX line, block, thread and address. Launch-configuration and load-time errors.
#include "gpu/memory/address_map.h"
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

using isa::CmpOp;

// out[gid] = gid + 1 for every thread (no bounds check).
isa::Function store_gid_kernel() {
  FnBuilder b("store_gid");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.add(R(3), R(1), I(1), DataType::U32);
  element_address(b, 5, 10, 1, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(3)});
  b.op(Opcode::Exit);
  return b.fn;
}

// Strict placement (canopy run --strict-memory): the first byte past an allocation faults.
TEST(Faults, OutOfBoundsStoreWritesNothingAndNamesTheThread) {
  TestDevice dev("default", 1, /*strict_memory=*/true);
  const uint32_t n = 40;  // 64 threads: warp 1 (threads 32..63) has lanes 8..31 out of bounds
  std::vector<uint8_t> pattern(n * 4, 0xAB), other(4096);
  for (size_t i = 0; i < other.size(); ++i) other[i] = static_cast<uint8_t>(i * 7);
  uint64_t before = dev.alloc(4096), a = dev.alloc(n * 4), after = dev.alloc(4096);
  dev.write(before, other);
  dev.write(a, pattern);
  dev.write(after, other);
  isa::Function k = store_gid_kernel();
  auto stats = dev.run(module_of({k}), "store_gid", {1}, {64}, pack_params({a}, k));
  ASSERT_FALSE(stats.ok());
  auto f = dev->last_fault();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->kind, "illegal address");
  EXPECT_EQ(f->kernel, "store_gid");
  EXPECT_EQ(f->pc, 9u);
  EXPECT_EQ(f->ptx_line, 109u);
  EXPECT_EQ(f->block, (Dim3{0, 0, 0}));
  EXPECT_EQ(f->thread, (Dim3{40, 0, 0}));
  EXPECT_EQ(f->address, a + 160);
  EXPECT_EQ(stats.error().message, f->message());
  for (const char* part : {"illegal address", "store_gid", "pc 9 ", "PTX line 109", "thread (40,0,0)", "st."})
    EXPECT_NE(f->message().find(part), std::string::npos) << part << " in " << f->message();

  auto got = dev.read<uint8_t>(a, n * 4);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t v;
    std::memcpy(&v, got.data() + 4 * i, 4);
    // Warp 0 ran before the fault; warp 1's store faulted as a whole, so threads 32..39 wrote nothing.
    EXPECT_EQ(v, i < 32 ? i + 1 : 0xABABABABu) << i;
  }
  EXPECT_EQ(dev.read<uint8_t>(before, 4096), other);
  EXPECT_EQ(dev.read<uint8_t>(after, 4096), other);
}

// Default (packed) placement, as the CUDA driver's: allocations 256-byte aligned inside 2 MiB mappings.
// Stores a little past a buffer do not fault; they land in its padding and in the next allocation, as
// they would on a GPU. The runtime's copies still check exact bounds.
TEST(Faults, StoresJustPastABufferLandInMappedMemoryAsOnAGpu) {
  TestDevice dev("default", 1);
  const uint32_t n = 40;
  uint64_t a = dev.alloc(n * 4), next = dev.alloc(64);
  EXPECT_EQ(next, a + 256);
  isa::Function k = store_gid_kernel();
  auto stats = dev.run(module_of({k}), "store_gid", {1}, {80}, pack_params({a}, k));
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_FALSE(dev->last_fault().has_value());
  std::vector<uint32_t> expect_a(n), expect_next(16);
  for (uint32_t i = 0; i < n; ++i) expect_a[i] = i + 1;
  for (uint32_t i = 0; i < 16; ++i) expect_next[i] = 64 + i + 1;  // threads 64..79
  EXPECT_EQ(dev.read<uint32_t>(a, n), expect_a);
  EXPECT_EQ(dev.read<uint32_t>(next, 16), expect_next);
  std::vector<uint8_t> sink(n * 4 + 4);
  EXPECT_FALSE(dev->copy_to_host(sink.data(), a, sink.size()).ok());  // one byte past: an API error
}

TEST(Faults, MisalignedLoadFaults) {
  TestDevice dev;
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  b.ld(Space::Global, DataType::U32, {R(1)}, R(10), 2);
  b.op(Opcode::Exit);
  uint64_t a = dev.alloc(64);
  auto stats = dev.run(module_of({b.fn}), "k", {1}, {1}, pack_params({a}, b.fn));
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(dev->last_fault()->kind, "misaligned address");
  EXPECT_EQ(dev->last_fault()->address, a + 2);
}

// Every CTA from 3 on stores out of bounds; the reported fault is CTA 3 for any host thread count.
TEST(Faults, LowestFaultingCtaIsReportedWhateverTheThreadCount) {
  for (unsigned threads : {1u, 2u, 3u}) {
    TestDevice dev("default", threads, /*strict_memory=*/true);
    uint64_t a = dev.alloc(3 * 32 * 4);
    isa::Function k = store_gid_kernel();
    auto stats = dev.run(module_of({k}), "store_gid", {16}, {32}, pack_params({a}, k));
    ASSERT_FALSE(stats.ok());
    auto f = dev->last_fault();
    EXPECT_EQ(f->block, (Dim3{3, 0, 0})) << threads;
    EXPECT_EQ(f->thread, (Dim3{0, 0, 0})) << threads;
    EXPECT_EQ(dev.read<uint32_t>(a, 96)[95], 96u);
  }
}

struct SpaceCase {
  Space space;
  uint64_t address;
};

TEST(Faults, AccessOutsideEveryWindowFaults) {
  for (SpaceCase c : {SpaceCase{Space::Shared, 64}, SpaceCase{Space::Local, 1024 + 64},
                      SpaceCase{Space::Generic, 0x1000}, SpaceCase{Space::Generic, kSharedWindowBase + 64},
                      SpaceCase{Space::Const, 0}, SpaceCase{Space::Global, kGlobalBase}}) {
    TestDevice dev;
    FnBuilder b("k");
    b.mov(R(1), I(c.address));
    b.ld(Space::Global, DataType::U32, {R(2)}, R(1), 0).mods.space = c.space;
    b.op(Opcode::Exit);
    isa::Module m = module_of({b.fn});
    m.shared_static_bytes = m.functions[0].shared_bytes = 64;
    auto stats = dev.run(m, "k", {1}, {1}, {});
    ASSERT_FALSE(stats.ok()) << c.address;
    EXPECT_EQ(dev->last_fault()->kind, "illegal address") << stats.error().message;
    EXPECT_EQ(dev->last_fault()->address, c.address);
  }
}

TEST(Faults, TrapFaults) {
  TestDevice dev;
  FnBuilder b("k");
  b.s2r(R(0), isa::SpecialReg::Tid);
  b.setp(CmpOp::Eq, P(0), R(0), I(5));
  b.op(Opcode::Trap);
  b.guard_last(0);
  b.op(Opcode::Exit);
  auto stats = dev.run(module_of({b.fn}), "k", {2}, {8}, {});
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(dev->last_fault()->kind, "trap");
  EXPECT_EQ(dev->last_fault()->thread, (Dim3{5, 0, 0}));
  EXPECT_EQ(dev->last_fault()->block, (Dim3{0, 0, 0}));
  EXPECT_EQ(dev->history().size(), 1u);
  EXPECT_TRUE(dev->history().back().faulted);
}

TEST(LaunchErrors, BadConfigurationsDoNotRun) {
  TestDevice dev;
  isa::Function k = store_gid_kernel();
  auto id = dev->load_module(module_of({k}));
  ASSERT_TRUE(id.ok());
  auto kid = *dev->find_kernel(*id, "store_gid");
  uint64_t a = dev.alloc(4);
  auto params = pack_params({a}, k);
  EXPECT_FALSE(dev->launch(kid, {{0}, {1}, 0}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1}, {1, 0, 1}, 0}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1}, {2048}, 0}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1}, {32, 32, 2}, 0}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1}, {1, 1, 65}, 0}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1, 65536, 1}, {1}, 0}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1}, {1}, 1u << 20}, params).ok());
  EXPECT_FALSE(dev->launch(kid, {{1}, {1}, 0}, {1, 2, 3}).ok());
  EXPECT_FALSE(dev->launch(KernelId{99, 0}, {{1}, {1}, 0}, params).ok());
  EXPECT_TRUE(dev->history().empty());
  EXPECT_FALSE(dev->last_fault().has_value());
  EXPECT_TRUE(dev->launch(kid, {{1}, {1}, 0}, params).ok());
  EXPECT_EQ(dev->history().size(), 1u);
}

TEST(LoadErrors, InvalidCodeIsRejectedWithTheInstruction) {
  TestDevice dev;
  auto expect_rejected = [&](isa::Function fn, const std::string& needle) {
    auto id = dev->load_module(module_of({fn}));
    ASSERT_FALSE(id.ok()) << needle;
    EXPECT_NE(id.error().message.find(needle), std::string::npos) << id.error().message;
  };
  {
    FnBuilder b("k");
    b.mov(R(3), I(1));
    b.fn.num_regs = 2;
    expect_rejected(b.fn, "R3");
  }
  {
    FnBuilder b("k");
    b.bra(57);
    expect_rejected(b.fn, "branch target");
  }
  {
    FnBuilder b("k");
    b.op(Opcode::Exit);
    b.add(R(0), R(1), R(2), DataType::Pred);
    expect_rejected(b.fn, "instruction 1");
  }
  {
    FnBuilder b("k");
    b.st(Space::Const, DataType::U32, R(0), 0, {R(1)});
    expect_rejected(b.fn, "read-only");
  }
  {
    FnBuilder b("k");
    b.op(Opcode::Exit).guard = 9;
    expect_rejected(b.fn, "guard");
  }
}

}  // namespace
}  // namespace canopy::gpu::testing
