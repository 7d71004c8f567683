// atom/red on global and shared memory: every operation's PTX semantics, and contention across CTAs
// and host threads.
#include <algorithm>
#include <bit>
#include <cmath>

#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

using isa::AtomOp;

// 64 CTAs x 128 threads add 1 to one counter and record the old value: the old values are a
// permutation of 0..8191, and the counter and statistics are identical for 1 and 2 host threads.
TEST(Atomics, ManyCtasIncrementOneCounterIdenticallyOnAnyThreadCount) {
  std::vector<KernelStats> stats;
  for (unsigned threads : {1u, 2u}) {
    TestDevice dev("default", threads);
    FnBuilder b("k");
    add_params(b.fn, {8, 8});
    load_param(b, R(10), b.fn, 0);
    load_param(b, R(11), b.fn, 1);
    global_index(b, 0, 1, 2);
    b.atom(Space::Global, AtomOp::Add, DataType::U32, R(3), R(10), {I(1)});
    b.emit(Opcode::Red, DataType::U64, {}, {R(1)}).mods.space = Space::Global;
    b.fn.code.back().addr = R(10);
    b.fn.code.back().offset = 8;
    element_address(b, 5, 11, 1, 4);
    b.st(Space::Global, DataType::U32, R(5), 0, {R(3)});
    b.op(Opcode::Exit);
    const uint32_t n = 64 * 128;
    uint64_t counter = dev.alloc(16), out = dev.alloc(n * 4);
    auto s = dev.run(module_of({b.fn}), "k", {64}, {128}, pack_params({counter, out}, b.fn));
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto c = dev.read<uint64_t>(counter, 2);
    EXPECT_EQ(c[0], n);
    EXPECT_EQ(c[1], uint64_t{n} * (n - 1) / 2);
    auto old = dev.read<uint32_t>(out, n);
    std::sort(old.begin(), old.end());
    for (uint32_t i = 0; i < n; ++i) ASSERT_EQ(old[i], i);
    stats.push_back(*s);
  }
  EXPECT_EQ(stats[0].warp_instructions, stats[1].warp_instructions);
  EXPECT_EQ(stats[0].thread_instructions, stats[1].thread_instructions);
  EXPECT_EQ(stats[0].thread_instructions, 64u * 128 * 13);  // 13 instructions per thread
}

struct AtomCase {
  AtomOp op;
  DataType type;
  uint64_t initial, b, c;
  uint64_t expected;  // memory after the operation (the old value must come back as `initial`)
};

uint64_t f32(float f) { return std::bit_cast<uint32_t>(f); }
uint64_t f64(double d) { return std::bit_cast<uint64_t>(d); }

const AtomCase kCases[] = {
    {AtomOp::Add, DataType::U32, 0xffffffff, 2, 0, 1},
    {AtomOp::Add, DataType::S64, 5, uint64_t(-7), 0, uint64_t(-2)},
    {AtomOp::Min, DataType::S32, 5, 0xfffffffd, 0, 0xfffffffd},
    {AtomOp::Min, DataType::U32, 5, 0xfffffffd, 0, 5},
    {AtomOp::Max, DataType::S32, 5, 0xfffffffd, 0, 5},
    {AtomOp::Max, DataType::U64, 5, ~uint64_t{0}, 0, ~uint64_t{0}},
    {AtomOp::Max, DataType::S64, 5, ~uint64_t{0}, 0, 5},
    {AtomOp::Inc, DataType::U32, 7, 7, 0, 0},    // old >= b wraps to 0
    {AtomOp::Inc, DataType::U32, 3, 7, 0, 4},
    {AtomOp::Dec, DataType::U32, 0, 9, 0, 9},    // old == 0 wraps to b
    {AtomOp::Dec, DataType::U32, 12, 9, 0, 9},   // old > b wraps to b
    {AtomOp::Dec, DataType::U32, 5, 9, 0, 4},
    {AtomOp::Exch, DataType::B64, 5, 0x123456789, 0, 0x123456789},
    {AtomOp::Cas, DataType::B32, 5, 5, 77, 77},
    {AtomOp::Cas, DataType::B32, 5, 6, 77, 5},
    {AtomOp::Cas, DataType::B64, 1ull << 40, 1ull << 40, 3, 3},
    {AtomOp::And, DataType::B32, 0xff, 0x0f0, 0, 0xf0},
    {AtomOp::Or, DataType::B64, 0xff00000000, 0x0f, 0, 0xff0000000f},
    {AtomOp::Xor, DataType::B32, 0xff, 0x0f, 0, 0xf0},
    {AtomOp::Add, DataType::F32, f32(1.5f), f32(2.25f), 0, f32(3.75f)},
    {AtomOp::Add, DataType::F32, f32(1e-39f), f32(0.0f), 0, f32(0.0f)},  // f32 add flushes subnormals
    {AtomOp::Add, DataType::F64, f64(0.1), f64(0.2), 0, f64(0.1 + 0.2)},
    {AtomOp::Min, DataType::F32, f32(-0.0f), f32(0.0f), 0, f32(-0.0f)},
    {AtomOp::Max, DataType::F64, f64(1.0), f64(NAN), 0, f64(1.0)},
};

class AtomOps : public ::testing::TestWithParam<Space> {};

// One thread applies each case to memory (global, or shared copied back through a register) and
// stores the old value next to the result.
TEST_P(AtomOps, EveryOperationFollowsPtxSemantics) {
  TestDevice dev;
  for (const AtomCase& c : kCases) {
    unsigned bytes = isa::bit_width(c.type) / 8;
    DataType bits = bytes == 4 ? DataType::B32 : DataType::B64;
    FnBuilder b("k");
    add_params(b.fn, {8});
    load_param(b, R(10), b.fn, 0);
    Operand cell = GetParam() == Space::Global ? R(10) : Operand{};
    if (GetParam() == Space::Shared) {
      b.ld(Space::Global, bits, {R(1)}, R(10), 0);
      b.st(Space::Shared, bits, Operand{}, 0, {R(1)});
    }
    if (c.op == AtomOp::Cas)
      b.atom(GetParam(), c.op, c.type, R(2), cell, {I(c.b), I(c.c)});
    else
      b.atom(GetParam(), c.op, c.type, R(2), cell, {I(c.b)});
    if (GetParam() == Space::Shared) {
      b.ld(Space::Shared, bits, {R(1)}, Operand{}, 0);
      b.st(Space::Global, bits, R(10), 0, {R(1)});
    }
    b.st(Space::Global, bits, R(10), 8, {R(2)});
    b.op(Opcode::Exit);
    isa::Module m = module_of({b.fn});
    m.shared_static_bytes = m.functions[0].shared_bytes = 8;
    uint64_t cell_addr = dev.alloc(16);
    dev.write(cell_addr, std::vector<uint64_t>{c.initial, 0});
    auto s = dev.run(m, "k", {1}, {1}, pack_params({cell_addr}, b.fn));
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto v = dev.read<uint64_t>(cell_addr, 2);
    uint64_t mask = bytes == 4 ? 0xffffffffu : ~uint64_t{0};
    EXPECT_EQ(v[0] & mask, c.expected) << "op " << int(c.op) << " type " << int(c.type) << " initial " << c.initial;
    EXPECT_EQ(v[1] & mask, c.initial & mask) << "old value, op " << int(c.op);
  }
}

INSTANTIATE_TEST_SUITE_P(Spaces, AtomOps, ::testing::Values(Space::Global, Space::Shared),
                         [](const auto& info) { return info.param == Space::Global ? "Global" : "Shared"; });

// Shared-memory histogram: every lane of every warp adds into 8 shared bins, then thread 0 copies them out.
TEST(Atomics, SharedHistogramUnderContention) {
  for (const char* p : {"default", "bi-v100"}) {
    TestDevice dev(p);
    FnBuilder b("k");
    add_params(b.fn, {8});
    load_param(b, R(10), b.fn, 0);
    global_index(b, 0, 1, 2);
    b.and_(R(3), R(0), I(7));
    b.mul(R(3), R(3), I(4), DataType::U64);
    b.emit(Opcode::Red, DataType::U32, {}, {I(1)}).mods.space = Space::Shared;
    b.fn.code.back().addr = R(3);
    b.bar(isa::BarOp::Sync, I(0));
    b.setp(isa::CmpOp::Lt, P(0), R(0), I(8));
    b.ld(Space::Shared, DataType::U32, {R(4)}, R(3), 0);
    b.guard_last(0);
    b.mul(R(5), R(0), I(4), DataType::U64);
    b.add(R(5), R(5), R(10), DataType::U64);
    b.emit(Opcode::Red, DataType::U32, {}, {R(4)}).mods.space = Space::Global;
    b.fn.code.back().addr = R(5);
    b.guard_last(0);
    b.op(Opcode::Exit);
    isa::Module m = module_of({b.fn});
    m.shared_static_bytes = m.functions[0].shared_bytes = 32;
    uint64_t out = dev.alloc(32);
    auto s = dev.run(m, "k", {5}, {256}, pack_params({out}, b.fn));
    ASSERT_TRUE(s.ok()) << s.error().message;
    for (uint32_t v : dev.read<uint32_t>(out, 8)) EXPECT_EQ(v, 5u * 256 / 8);
  }
}

}  // namespace
}  // namespace canopy::gpu::testing
