// Deterministic random instructions and a sample module for the ISA tests.
#pragma once

#include <cstdint>
#include <random>

#include "isa/encoding.h"
#include "isa/isa.h"
#include "isa/module.h"
#include "isa/names.h"

namespace canopy::isa::testing {

// Raw mt19937_64 output is specified by the standard, so the sequence is the same on every host
// (std::uniform_int_distribution is not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  uint64_t next() { return engine_(); }
  uint64_t below(uint64_t n) { return next() % n; }
  bool coin() { return (next() & 1) != 0; }

  // A value of a random magnitude, so every size class of the encoding gets exercised.
  uint64_t any_u64() {
    switch (below(7)) {
      case 0:
        return 0;
      case 1:
        return below(0x100);
      case 2:
        return below(0x10000);
      case 3:
        return next() & 0xffffffffu;
      case 4:
        return 0 - (below(0x80) + 1);  // small negative
      case 5:
        return 0 - (below(0x80000000u) + 1);  // s32-range negative
      default:
        return next();
    }
  }
  uint32_t any_u32() { return static_cast<uint32_t>(below(4) == 0 ? 0xffffffffu : any_u64()); }

 private:
  std::mt19937_64 engine_;
};

inline Operand random_operand(Rng& rng) {
  Operand o;
  o.kind = static_cast<OperandKind>(rng.below(enum_count<OperandKind>()));
  o.index = static_cast<uint32_t>(rng.any_u64());
  o.imm = rng.coin() ? rng.any_u64() : 0;
  return o;
}

// A random instruction of opcode `op` that satisfies isa::validate.
inline Instr random_instr(Opcode op, Rng& rng) {
  Instr in;
  in.op = op;
  in.type = static_cast<DataType>(rng.below(enum_count<DataType>()));
  in.type2 = static_cast<DataType>(rng.below(enum_count<DataType>()));
  for (const ModsField& f : mods_fields()) {
    if (rng.below(3) == 0) continue;  // keep the default
    uint8_t v;
    do v = static_cast<uint8_t>(rng.below(32));
    while (!f.valid(v));
    f.set(in.mods, v);
  }
  if (rng.coin()) in.guard = rng.any_u32();
  in.guard_negated = rng.coin();
  in.ndst = static_cast<uint8_t>(rng.below(info(op).max_dst + 1u));
  in.nsrc = static_cast<uint8_t>(rng.below(info(op).max_src + 1u));
  for (unsigned i = 0; i < in.ndst; ++i) in.dst[i] = random_operand(rng);
  for (unsigned i = 0; i < in.nsrc; ++i) in.src[i] = random_operand(rng);
  if (rng.coin()) in.addr = Operand::reg(static_cast<uint32_t>(rng.any_u64()));
  switch (rng.below(4)) {
    case 0:
      in.offset = 0;
      break;
    case 1:
      in.offset = INT64_MIN;
      break;
    case 2:
      in.offset = INT64_MAX;
      break;
    default:
      in.offset = static_cast<int64_t>(rng.any_u64());
  }
  in.target = rng.any_u32();
  in.reconverge = rng.any_u32();
  in.line = rng.any_u32();
  return in;
}

inline Instr alu(Opcode op, DataType t, std::initializer_list<Operand> dst,
                 std::initializer_list<Operand> src) {
  Instr in;
  in.op = op;
  in.type = t;
  for (const Operand& o : dst) in.dst[in.ndst++] = o;
  for (const Operand& o : src) in.src[in.nsrc++] = o;
  return in;
}

// A module using every part of the format: a kernel calling two functions, global/const/shared
// variables with initializers, code and data relocations, source files and line numbers.
inline Module sample_module() {
  Module m;
  m.source_name = "sample.ptx";
  m.ptx_target = "sm_80";
  m.ptx_version = 78;
  m.source_files = {"sample.cu", "helpers.h"};
  m.const_bank_bytes = 64;
  m.shared_static_bytes = 1024;
  m.variables = {
      {"table", Space::Global, 16, 8, 0, {1, 2, 3, 4, 5, 6, 7, 8}, false, true},
      {"coeffs", Space::Const, 32, 4, 16, {0, 0, 0x80, 0x3f}, false, false},
      {"tile", Space::Shared, 1024, 16, 0, {}, false, false},
      {"dyn", Space::Shared, 0, 16, 0, {}, true, false},
  };

  Function k;
  k.name = "kernel";
  k.is_kernel = true;
  k.num_regs = 8;
  k.num_preds = 2;
  k.param_bytes = 16;
  k.params = {{"out", 0, 8, 8}, {"n", 8, 4, 4}};
  k.reqntid = {256, 1, 1};
  k.source_line = 10;
  k.shared_bytes = 1024;
  Instr s2r = alu(Opcode::S2R, DataType::U32, {Operand::reg(0)}, {});
  s2r.line = 12;
  Instr setp =
      alu(Opcode::Setp, DataType::U32, {Operand::pred(0)}, {Operand::reg(0), Operand::immediate(100)});
  setp.mods.cmp = CmpOp::Ge;
  setp.line = 13;
  Instr bra;
  bra.op = Opcode::Bra;
  bra.guard = 0;
  bra.target = 5;
  bra.reconverge = 5;
  bra.line = 13;
  Instr mov = alu(Opcode::Mov, DataType::U64, {Operand::reg(1)}, {Operand::immediate(0)});
  mov.line = 14;
  Instr call;
  call.op = Opcode::Call;
  call.target = 1;
  call.line = 15;
  Instr exit;
  exit.op = Opcode::Exit;
  exit.line = 17;
  k.code = {s2r, setp, bra, mov, call, exit};

  Function f;
  f.name = "helper";
  f.num_regs = 4;
  f.num_preds = 1;
  f.local_bytes = 24;
  f.param_bytes = 8;
  f.return_bytes = 4;
  f.params = {{"x", 0, 8, 8}};
  f.returns = {{"r", 8, 4, 4}};
  Instr ld = alu(Opcode::Ld, DataType::U64, {Operand::reg(0)}, {});
  ld.mods.space = Space::Local;
  ld.mods.frame_relative = true;
  Instr add =
      alu(Opcode::Add, DataType::S32, {Operand::reg(1)}, {Operand::reg(0), Operand::immediate(~0ull)});
  Instr st = alu(Opcode::St, DataType::U32, {}, {Operand::reg(1)});
  st.mods.space = Space::Local;
  st.mods.frame_relative = true;
  st.offset = 8;
  Instr ret;
  ret.op = Opcode::Ret;
  f.code = {ld, add, st, ret};

  Function g;
  g.name = "empty";
  Instr ret2;
  ret2.op = Opcode::Ret;
  g.code = {ret2};

  m.functions = {k, f, g};
  m.code_relocations = {{0, 3, 0, 0, false, 8}};
  m.data_relocations = {{0, 8, 8, 2, false, 0}, {0, 0, 4, 1, true, 0}};
  return m;
}

}  // namespace canopy::isa::testing
