// State spaces: const bank and symbols, global variables and relocations, static + dynamic shared,
// per-thread local frames, kernel parameters, and generic addressing through cvta.
#include "gpu/memory/address_map.h"
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

isa::Variable variable(std::string name, Space space, uint64_t size, uint64_t offset, std::vector<uint8_t> init = {}) {
  isa::Variable v;
  v.name = std::move(name);
  v.space = space;
  v.size = size;
  v.offset = offset;
  v.init = std::move(init);
  v.align = 8;
  return v;
}

std::vector<uint8_t> bytes_of(std::initializer_list<uint32_t> words) {
  std::vector<uint8_t> out;
  for (uint32_t w : words)
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(w >> (8 * i)));
  return out;
}

class Spaces : public ::testing::TestWithParam<const char*> {
 protected:
  TestDevice dev{GetParam(), 1};
};

// out[tid] = table[tid % 4] from the constant bank; the host then rewrites the table through
// symbol_address (cudaMemcpyToSymbol) and the next launch sees it.
TEST_P(Spaces, ConstBankIsInitializedAndWritableThroughItsSymbol) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.and_(R(3), R(0), I(3));
  b.mul(R(3), R(3), I(4), DataType::U64);
  b.ld(Space::Const, DataType::U32, {R(4)}, R(3), 16);
  element_address(b, 5, 10, 0, 4);
  b.st(Space::Global, DataType::U32, R(5), 0, {R(4)});
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn});
  m.const_bank_bytes = 32;
  m.variables.push_back(variable("pad", Space::Const, 16, 0));
  m.variables.push_back(variable("table", Space::Const, 16, 16, bytes_of({7, 8, 9, 10})));
  auto id = dev->load_module(m);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto k = *dev->find_kernel(*id, "k");
  uint64_t out = dev.alloc(32);
  ASSERT_TRUE(dev->launch(k, {{1}, {8}, 0}, pack_params({out}, b.fn)).ok());
  EXPECT_EQ(dev.read<uint32_t>(out, 8), (std::vector<uint32_t>{7, 8, 9, 10, 7, 8, 9, 10}));
  auto sym = dev->symbol_address(*id, "table");
  ASSERT_TRUE(sym.ok());
  EXPECT_EQ(*dev->symbol_size(*id, "table"), 16u);
  dev.write(*sym, std::vector<uint32_t>{1, 2, 3, 4});
  ASSERT_TRUE(dev->launch(k, {{1}, {4}, 0}, pack_params({out}, b.fn)).ok());
  EXPECT_EQ(dev.read<uint32_t>(out, 4), (std::vector<uint32_t>{1, 2, 3, 4}));
  EXPECT_FALSE(dev->symbol_address(*id, "nope").ok());
}

// A .global pointer table initialized with the address of another global (data relocation) and
// code that takes a global's address (code relocation).
TEST_P(Spaces, GlobalVariablesAndRelocations) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  uint32_t mov_table = b.pc();
  b.mov(R(1), I(0));
  b.ld(Space::Global, DataType::U64, {R(2)}, R(1), 8);  // table[1] = &data + 4
  b.ld(Space::Global, DataType::U32, {R(3)}, R(2), 0);  // data[1]
  b.st(Space::Global, DataType::U32, R(10), 0, {R(3)});
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn});
  m.variables.push_back(variable("data", Space::Global, 8, 0, bytes_of({111, 222})));
  m.variables.push_back(variable("table", Space::Global, 16, 0));
  m.data_relocations.push_back({1, 8, 8, 0, false, 4});
  m.code_relocations.push_back({0, mov_table, 0, 1, false, 0});
  auto id = dev->load_module(m);
  ASSERT_TRUE(id.ok()) << id.error().message;
  uint64_t out = dev.alloc(4);
  ASSERT_TRUE(dev->launch(*dev->find_kernel(*id, "k"), {{1}, {1}, 0}, pack_params({out}, b.fn)).ok());
  EXPECT_EQ(dev.read<uint32_t>(out, 1)[0], 222u);
  uint64_t data = *dev->symbol_address(*id, "data");
  EXPECT_EQ(dev.read<uint64_t>(*dev->symbol_address(*id, "table"), 2)[1], data + 4);
  uint64_t used = dev->memory_used();
  EXPECT_TRUE(dev->unload_module(*id).ok());
  EXPECT_LT(dev->memory_used(), used);
  EXPECT_FALSE(dev->unload_module(*id).ok());
  EXPECT_FALSE(dev->find_kernel(*id, "k").ok());
}

// Static shared at [0, 20), dynamic from 32 (20 rounded up to 16): each thread writes both through
// generic pointers made by cvta.shared, and reads them back with ld.shared after cvta.to.shared.
TEST_P(Spaces, StaticAndDynamicSharedThroughGenericAddresses) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.mul(R(3), R(0), I(4), DataType::U64);
  b.add(R(4), R(3), I(32), DataType::U64);  // dynamic slot offset
  auto& to_generic = b.emit(Opcode::Cvta, DataType::U64, {R(5)}, {R(4)});
  to_generic.mods.space = Space::Shared;
  b.st(Space::Generic, DataType::U32, R(5), 0, {R(0)});
  b.s2r(R(6), isa::SpecialReg::DynamicSmemSize);
  b.s2r(R(7), isa::SpecialReg::TotalSmemSize);
  b.st(Space::Shared, DataType::U32, Operand{}, 0, {R(7)});
  auto& back = b.emit(Opcode::Cvta, DataType::U64, {R(8)}, {R(5)});
  back.mods.space = Space::Shared;
  back.mods.cvta_to_space = true;
  b.ld(Space::Shared, DataType::U32, {R(9)}, R(8), 0);
  b.ld(Space::Shared, DataType::U32, {R(11)}, Operand{}, 0);
  b.add(R(9), R(9), R(6), DataType::U32);
  b.add(R(9), R(9), R(11), DataType::U32);
  element_address(b, 12, 10, 0, 4);
  b.st(Space::Global, DataType::U32, R(12), 0, {R(9)});
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn});
  m.shared_static_bytes = m.functions[0].shared_bytes = 20;
  uint64_t out = dev.alloc(64 * 4);
  auto s = dev.run(m, "k", {1}, {64}, pack_params({out}, b.fn), 64 * 4);
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = dev.read<uint32_t>(out, 64);
  for (uint32_t t = 0; t < 64; ++t) EXPECT_EQ(v[t], t + 256 + (32 + 256)) << t;
  // Beyond the dynamic size: the same kernel with 1 byte less of dynamic shared memory faults.
  EXPECT_FALSE(dev.run(m, "k", {1}, {64}, pack_params({out}, b.fn), 64 * 4 - 4).ok());
}

// Each thread keeps its own local frame: st.local/ld.local frame-relative, and a generic pointer to
// its frame (s2r FrameBase + cvta.local) reads the same bytes.
TEST_P(Spaces, LocalFramesArePerThreadAndReachableGenerically) {
  FnBuilder b("k");
  b.fn.local_bytes = 16;
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  global_index(b, 0, 1, 2);
  b.mul(R(3), R(0), I(5), DataType::U32);
  b.st(Space::Local, DataType::U32, Operand{}, 8, {R(3)}).mods.frame_relative = true;
  b.s2r(R(4), isa::SpecialReg::FrameBase);
  b.add(R(4), R(4), I(8), DataType::U64);
  auto& cv = b.emit(Opcode::Cvta, DataType::U64, {R(5)}, {R(4)});
  cv.mods.space = Space::Local;
  b.ld(Space::Generic, DataType::U32, {R(6)}, R(5), 0);
  b.ld(Space::Local, DataType::U32, {R(7)}, R(4), 0);  // absolute local address
  b.add(R(6), R(6), R(7), DataType::U32);
  element_address(b, 8, 10, 0, 4);
  b.st(Space::Global, DataType::U32, R(8), 0, {R(6)});
  b.op(Opcode::Exit);
  uint64_t out = dev.alloc(100 * 4);
  auto s = dev.run(module_of({b.fn}), "k", {1}, {100}, pack_params({out}, b.fn));
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto v = dev.read<uint32_t>(out, 100);
  for (uint32_t t = 0; t < 100; ++t) EXPECT_EQ(v[t], 10 * t) << t;
}

// Vector and narrow loads/stores, sign extension, and kernel parameters of several sizes.
TEST_P(Spaces, VectorNarrowSignedAccessesAndParams) {
  FnBuilder b("k");
  add_params(b.fn, {8, 4, 8});
  load_param(b, R(10), b.fn, 0);
  b.ld(Space::ParamKernel, DataType::U32, {R(1)}, Operand{}, b.fn.params[1].offset);
  b.ld(Space::ParamKernel, DataType::S64, {R(2)}, Operand{}, b.fn.params[2].offset);
  b.ld(Space::Global, DataType::U32, {R(3), R(4), R(5), R(6)}, R(10), 0);  // v4
  b.ld(Space::Global, DataType::S8, {R(7)}, R(10), 16);                   // 0xF0 -> 0xFFFFFFF0
  b.ld(Space::Global, DataType::S16, {R(8)}, R(10), 18).type2 = DataType::S64;
  b.ld(Space::Global, DataType::U8, {R(9)}, R(10), 16);
  b.add(R(3), R(3), R(1), DataType::U32);
  b.st(Space::Global, DataType::U32, R(10), 32, {R(6), R(5), R(4), R(3)});
  b.st(Space::Global, DataType::U64, R(10), 48, {R(7), R(8)});
  b.st(Space::Global, DataType::U64, R(10), 64, {R(9), R(2)});
  b.st(Space::Global, DataType::U16, R(10), 80, {R(7)});
  b.op(Opcode::Exit);
  uint64_t buf = dev.alloc(96);
  std::vector<uint8_t> init(96, 0);
  for (int i = 0; i < 4; ++i) init[4 * i] = static_cast<uint8_t>(i + 1);
  init[16] = 0xF0;
  init[18] = 0x00;
  init[19] = 0x80;
  dev.write(buf, init);
  auto s = dev.run(module_of({b.fn}), "k", {1}, {1}, pack_params({buf, 1000, uint64_t(-5)}, b.fn));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(dev.read<uint32_t>(buf + 32, 4), (std::vector<uint32_t>{4, 3, 2, 1001}));
  EXPECT_EQ(dev.read<uint64_t>(buf + 48, 4),
            (std::vector<uint64_t>{0xFFFFFFF0u, 0xFFFFFFFFFFFF8000ull, 0xF0, uint64_t(-5)}));
  EXPECT_EQ(dev.read<uint16_t>(buf + 80, 1)[0], 0xFFF0);
}

// Const addresses through the generic const window (cvta.const) and back.
TEST_P(Spaces, ConstWindowIsReadableGenericallyButNotWritable) {
  FnBuilder b("k");
  add_params(b.fn, {8});
  load_param(b, R(10), b.fn, 0);
  b.mov(R(1), I(4));
  auto& cv = b.emit(Opcode::Cvta, DataType::U64, {R(2)}, {R(1)});
  cv.mods.space = Space::Const;
  b.ld(Space::Generic, DataType::U32, {R(3)}, R(2), 0);
  b.st(Space::Global, DataType::U32, R(10), 0, {R(3)});
  b.st(Space::Global, DataType::U64, R(10), 8, {R(2)});
  b.st(Space::Generic, DataType::U32, R(2), 0, {R(3)});  // faults: const is read-only
  b.op(Opcode::Exit);
  isa::Module m = module_of({b.fn});
  m.const_bank_bytes = 8;
  m.variables.push_back(variable("c", Space::Const, 8, 0, bytes_of({5, 99})));
  uint64_t out = dev.alloc(16);
  auto s = dev.run(m, "k", {1}, {1}, pack_params({out}, b.fn));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(dev->last_fault()->kind, "illegal address");
  EXPECT_EQ(dev->last_fault()->pc, 6u);
  EXPECT_EQ(dev.read<uint32_t>(out, 1)[0], 99u);
  EXPECT_EQ(dev.read<uint64_t>(out + 8, 1)[0], kConstWindowBase + 4);
}

INSTANTIATE_TEST_SUITE_P(Widths, Spaces, ::testing::Values("default", "bi-v100"),
                         [](const auto& info) { return std::string(info.param) == "default" ? "W32" : "W64"; });

}  // namespace
}  // namespace canopy::gpu::testing
