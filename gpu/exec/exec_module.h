// The predecoded form of a module: per function a vector of executable instructions with the ALU
// handler chosen, operands resolved to register/predicate/constant-row indices, and immediates
// materialized as broadcast rows, so the hot loop never interprets modifiers or operand kinds twice.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "gpu/alu/alu.h"
#include "isa/module.h"
#include "support/expected.h"

namespace canopy::gpu {

enum class ExecKind : uint8_t {
  Alu, S2R, Ld, St, Atom, Red, Cvta, Fence, Bra, Call, Ret, Exit, Bar, Trap, Nop,
  Shfl, Vote, Activemask, WarpSync, Match, Redux,
  Syscall,  // device services (printf, assert): rare, handled outside the hot loop
  Mma, Ldmatrix,  // warp-collective matrix instructions (cta_matrix.cpp)
  Async,          // cp.async, mbarrier, nanosleep (cta_async.cpp)
  Tex, Suld, Sust, Txq,  // texture and surface objects (cta_texture.cpp)
};

// Where an operand lives: a general register row of the current window, a predicate mask of the
// current window, or a row of the function's constant table.
struct OperandRef {
  enum Kind : uint8_t { None, Reg, Pred, Const };
  Kind kind = None;
  uint32_t index = 0;
};

// The fields the hot loop reads come first, so a typical instruction touches one or two cache lines.
template <int W>
struct ExecInstr {
  ExecKind kind = ExecKind::Nop;
  uint8_t ndst = 0;
  uint8_t nsrc = 0;
  bool guard_negated = false;
  uint32_t guard = isa::kNoGuard;
  AluHandler<W> alu = nullptr;
  std::array<OperandRef, 4> dst{};
  std::array<OperandRef, 4> src{};
  uint32_t target = isa::kNoTarget;  // branch: instruction index; call: function index; syscall: service
  uint32_t reconverge = isa::kNoTarget;
  // Memory instructions: copied out of `instr` so an access never needs the original record.
  OperandRef addr{};
  uint8_t elem_bytes = 0;     // bytes per element
  uint8_t vec = 1;            // elements
  uint8_t access_bytes = 0;   // elem_bytes * vec: the alignment every lane's address needs (a power of 2)
  uint8_t sext_bits = 0;      // ld: sign-extend the element to this register width (0 = zero-extend)
  isa::Space space = isa::Space::Generic;
  bool frame_relative = false;  // local access relative to the warp's frame base
  uint64_t offset = 0;          // byte offset added to the address (two's complement)
  const isa::Instr* instr = nullptr;     // the original (types, modifiers, line)
};

template <int W>
struct ExecFunction {
  const isa::Function* source = nullptr;
  uint32_t index = 0;
  std::vector<ExecInstr<W>> code;        // plus one sentinel (exit for kernels, ret for functions)
  std::vector<uint64_t> const_rows;      // W lanes per row
};

// Type-erased so the device can hold modules of either warp width.
struct ExecModuleBase {
  virtual ~ExecModuleBase() = default;
};

template <int W>
struct ExecModule : ExecModuleBase {
  const isa::Module* source = nullptr;   // owned by the device's loaded-module record
  uint32_t module_id = 0;                // for function addresses
  std::vector<ExecFunction<W>> functions;
};

// Validates and predecodes every function of `module` (which must outlive the result).
template <int W>
Expected<std::unique_ptr<ExecModule<W>>> predecode_module(const isa::Module& module, uint32_t module_id);

// Opaque function addresses for indirect calls: kFunctionAddressBase + (module << 20 | index) * 16.
uint64_t function_address(uint32_t module_id, uint32_t function_index);

// "add.s32 (PTX line 12)" style description for errors.
std::string describe_instr(const isa::Instr& in);

}  // namespace canopy::gpu
