// Builds isa::Module objects by hand for engine tests, without the finalizer.
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "gpu/device.h"
#include "isa/module.h"

namespace canopy::gpu::testing {

using isa::DataType;
using isa::Opcode;
using isa::Operand;
using isa::Space;

inline Operand R(uint32_t i) { return Operand::reg(i); }
inline Operand P(uint32_t i) { return Operand::pred(i); }
inline Operand I(uint64_t v) { return Operand::immediate(v); }

// Appends instructions to one function; helpers return the instruction so tests can tweak modifiers.
class FnBuilder {
 public:
  explicit FnBuilder(std::string name, bool kernel = true) {
    fn.name = std::move(name);
    fn.is_kernel = kernel;
    fn.num_regs = 16;
    fn.num_preds = 4;
  }
  uint32_t pc() const { return static_cast<uint32_t>(fn.code.size()); }

  isa::Instr& emit(Opcode op, DataType t, std::initializer_list<Operand> dst, std::initializer_list<Operand> src) {
    isa::Instr in;
    in.op = op;
    in.type = t;
    for (const auto& d : dst) in.dst[in.ndst++] = d;
    for (const auto& s : src) in.src[in.nsrc++] = s;
    in.line = 100 + pc();  // a fake PTX line per instruction, to check fault reports
    fn.code.push_back(in);
    return fn.code.back();
  }
  isa::Instr& mov(Operand d, Operand s, DataType t = DataType::U64) { return emit(Opcode::Mov, t, {d}, {s}); }
  isa::Instr& add(Operand d, Operand a, Operand b, DataType t = DataType::U64) { return emit(Opcode::Add, t, {d}, {a, b}); }
  isa::Instr& sub(Operand d, Operand a, Operand b, DataType t = DataType::U64) { return emit(Opcode::Sub, t, {d}, {a, b}); }
  isa::Instr& mul(Operand d, Operand a, Operand b, DataType t = DataType::U64) { return emit(Opcode::Mul, t, {d}, {a, b}); }
  isa::Instr& and_(Operand d, Operand a, Operand b, DataType t = DataType::U32) { return emit(Opcode::And, t, {d}, {a, b}); }
  isa::Instr& setp(isa::CmpOp cmp, Operand p, Operand a, Operand b, DataType t = DataType::U32) {
    auto& in = emit(Opcode::Setp, t, {p}, {a, b});
    in.mods.cmp = cmp;
    return in;
  }
  isa::Instr& s2r(Operand d, isa::SpecialReg r, uint8_t comp = 0) {
    auto& in = emit(Opcode::S2R, DataType::U32, {d}, {});
    in.mods.sreg = r;
    in.mods.sreg_comp = comp;
    return in;
  }
  isa::Instr& ld(Space s, DataType t, std::initializer_list<Operand> dst, Operand addr, int64_t offset = 0) {
    auto& in = emit(Opcode::Ld, t, dst, {});
    in.mods.space = s;
    in.mods.vec = static_cast<uint8_t>(dst.size());
    in.addr = addr;
    in.offset = offset;
    return in;
  }
  isa::Instr& st(Space s, DataType t, Operand addr, int64_t offset, std::initializer_list<Operand> src) {
    auto& in = emit(Opcode::St, t, {}, src);
    in.mods.space = s;
    in.mods.vec = static_cast<uint8_t>(src.size());
    in.addr = addr;
    in.offset = offset;
    return in;
  }
  isa::Instr& atom(Space s, isa::AtomOp op, DataType t, Operand d, Operand addr, std::initializer_list<Operand> src) {
    auto& in = emit(Opcode::Atom, t, {d}, src);
    in.mods.space = s;
    in.mods.atom = op;
    in.addr = addr;
    return in;
  }
  // Branch to `target` (patched later via at()), guarded by P[guard] unless guard < 0.
  isa::Instr& bra(uint32_t target, int guard = -1, bool negated = false, uint32_t reconverge = isa::kNoTarget) {
    auto& in = emit(Opcode::Bra, DataType::None, {}, {});
    in.target = target;
    in.reconverge = reconverge;
    if (guard >= 0) {
      in.guard = static_cast<uint32_t>(guard);
      in.guard_negated = negated;
    }
    return in;
  }
  isa::Instr& call(uint32_t function) {
    auto& in = emit(Opcode::Call, DataType::None, {}, {});
    in.target = function;
    return in;
  }
  isa::Instr& bar(isa::BarOp op, Operand id, std::initializer_list<Operand> more = {}, std::initializer_list<Operand> dst = {}) {
    std::vector<Operand> src{id};
    src.insert(src.end(), more.begin(), more.end());
    auto& in = emit(Opcode::Bar, DataType::None, {}, {});
    for (const auto& s : src) in.src[in.nsrc++] = s;
    for (const auto& d : dst) in.dst[in.ndst++] = d;
    in.mods.bar = op;
    return in;
  }
  isa::Instr& op(Opcode o) { return emit(o, DataType::None, {}, {}); }
  isa::Instr& at(uint32_t pc) { return fn.code[pc]; }
  // Guards the last instruction with P[p].
  void guard_last(uint32_t p, bool negated = false) {
    fn.code.back().guard = p;
    fn.code.back().guard_negated = negated;
  }

  isa::Function fn;
};

// Adds `ptr` kernel params (u64 each) to a kernel.
inline void add_params(isa::Function& fn, std::initializer_list<uint32_t> sizes) {
  uint32_t offset = 0;
  int i = 0;
  for (uint32_t size : sizes) {
    offset = (offset + size - 1) / size * size;
    std::string name = "p";  // (not "p" + to_string(): GCC 12 warns falsely there, -Wrestrict)
    name += std::to_string(i++);
    fn.params.push_back({name, offset, size, size});
    offset += size;
  }
  fn.param_bytes = offset;
}

inline std::vector<uint8_t> pack_params(std::initializer_list<uint64_t> values, const isa::Function& fn) {
  std::vector<uint8_t> buf(fn.param_bytes, 0);
  size_t i = 0;
  for (uint64_t v : values) {
    std::memcpy(buf.data() + fn.params[i].offset, &v, fn.params[i].size);
    ++i;
  }
  return buf;
}

// R_dst = param[index] (a u64 or u32 kernel parameter).
inline void load_param(FnBuilder& b, Operand dst, const isa::Function& fn, size_t index) {
  b.ld(Space::ParamKernel, fn.params[index].size == 8 ? DataType::U64 : DataType::U32, {dst}, Operand{},
       fn.params[index].offset);
}

struct TestDevice {
  std::unique_ptr<Device> device;

  // strict_memory: every access outside an allocation faults (else allocations share 2 MiB mappings).
  explicit TestDevice(const std::string& preset_name = "default", unsigned threads = 1, bool strict_memory = false) {
    auto config = preset(preset_name);
    EXPECT_TRUE(config.ok());
    config->strict_memory = strict_memory;
    DeviceOptions options;
    options.host_threads = threads;
    auto d = Device::create(*config, options);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    device = std::move(d).value();
  }
  Device* operator->() { return device.get(); }

  uint64_t alloc(uint64_t bytes) {
    auto a = device->malloc(bytes);
    EXPECT_TRUE(a.ok());
    EXPECT_TRUE(device->memset(*a, 0, bytes).ok());
    return *a;
  }
  template <typename T>
  std::vector<T> read(uint64_t address, size_t count) {
    std::vector<T> out(count);
    EXPECT_TRUE(device->copy_to_host(out.data(), address, count * sizeof(T)).ok());
    return out;
  }
  template <typename T>
  void write(uint64_t address, const std::vector<T>& v) {
    EXPECT_TRUE(device->copy_to_device(address, v.data(), v.size() * sizeof(T)).ok());
  }
  // Loads a module with one kernel and launches it.
  Expected<KernelStats> run(const isa::Module& m, const std::string& kernel, Dim3 grid, Dim3 block,
                            std::vector<uint8_t> params, uint32_t dynamic_shared = 0) {
    auto id = device->load_module(m);
    if (!id.ok()) return id.error();
    auto k = device->find_kernel(*id, kernel);
    if (!k.ok()) return k.error();
    return device->launch(*k, {grid, block, dynamic_shared}, params);
  }
};

inline isa::Module module_of(std::initializer_list<isa::Function> fns) {
  isa::Module m;
  m.source_name = "test.ptx";
  for (const auto& f : fns) m.functions.push_back(f);
  return m;
}

}  // namespace canopy::gpu::testing

namespace canopy::gpu::testing {

// R[gid] = ctaid.x * ntid.x + tid.x and R[tid] = tid.x (u32 values), using R[tmp].
inline void global_index(FnBuilder& b, uint32_t tid, uint32_t gid, uint32_t tmp) {
  b.s2r(R(tid), isa::SpecialReg::Tid, 0);
  b.s2r(R(gid), isa::SpecialReg::Ctaid, 0);
  b.s2r(R(tmp), isa::SpecialReg::Ntid, 0);
  b.mul(R(gid), R(gid), R(tmp), DataType::U32);
  b.add(R(gid), R(gid), R(tid), DataType::U32);
}

// R[dst] = R[base] + R[index] * size (u64).
inline void element_address(FnBuilder& b, uint32_t dst, uint32_t base, uint32_t index, uint64_t size) {
  b.mul(R(dst), R(index), I(size), DataType::U64);
  b.add(R(dst), R(dst), R(base), DataType::U64);
}

}  // namespace canopy::gpu::testing
