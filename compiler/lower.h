// Lowering one PTX function body to native instructions over virtual registers. The Lowerer walks the
// statements with a scope chain (nested blocks shadow names), resolves operands, and hands each
// instruction to its family's lowering (lower_alu.cpp, lower_mem.cpp, lower_ctrl.cpp, lower_warp.cpp).
// The first error is recorded with its PTX position and stops the walk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/modifiers.h"
#include "compiler/symbols.h"
#include "compiler/vcode.h"
#include "ptx/ast.h"
#include "support/expected.h"

namespace canopy::compiler {

// What a name stands for inside a function.
struct Binding {
  enum class Kind : uint8_t {
    Gpr,          // index = virtual GPR, type = declared type
    Pred,         // index = virtual predicate
    Variable,     // index = isa::Module variable (global, const or shared)
    Local,        // offset = frame offset of a .local variable
    KernelParam,  // offset = offset in the kernel parameter buffer
    FrameParam,   // offset = frame offset of this .func's parameter or return value
    OutParam,     // decl = a call-sequence .param; frame offset known once a call binds it
    Prototype,    // proto = a .callprototype
    Function,     // index = FuncSig index
  };
  Kind kind = Kind::Gpr;
  uint32_t index = 0;
  uint64_t offset = 0;
  ptx::Type type = ptx::Type::None;
  const ptx::VarDecl* decl = nullptr;
  const ptx::CallPrototype* proto = nullptr;
};

// A memory operand resolved to the native addressing form.
struct MemRef {
  isa::Operand addr;  // register or None
  int64_t offset = 0;
  isa::Space space = isa::Space::Generic;
  bool frame_relative = false;
  const ptx::VarDecl* out_param = nullptr;  // call-sequence .param: offset fixed up once bound
  bool outgoing = false;
};

class Lowerer {
 public:
  Lowerer(const ptx::Module& module, const isa::Module& out, const ModuleSymbols& syms, const FuncSig& sig);
  // Lowers the body; the function's frame holds params, returns and .local variables (no spills yet).
  Expected<VFunction> run();

  // ---- used by the instruction families ----
  const ptx::Instruction& cur() const { return *cur_; }
  bool failed() const { return error_.has_value(); }
  void fail(SourceLoc loc, const std::string& message);
  void fail(const std::string& message) { fail(cur_->loc, message); }
  bool is_kernel() const { return fn_.is_kernel; }

  // Appends an instruction carrying the current PTX instruction's guard and line; returns its index.
  size_t emit(isa::Opcode op, isa::DataType type);
  isa::Instr& at(size_t i) { return fn_.code[i].in; }
  VInstr& vat(size_t i) { return fn_.code[i]; }

  // Operand resolution. Sources may emit code first (s2r for special registers, address of a symbol).
  isa::Operand src(const ptx::Operand& o, isa::DataType type);
  isa::Operand pred_src(const ptx::Operand& o);  // a `!p` operand is negated into a temporary
  isa::Operand dst(const ptx::Operand& o, isa::DataType type);
  isa::Operand pred_dst(const ptx::Operand& o);
  uint32_t new_gpr(unsigned bits = 64) { return fn_.new_gpr(bits); }
  uint32_t new_pred() { return fn_.new_pred(); }
  std::optional<Binding> lookup(const std::string& name);
  MemRef mem(const ptx::Operand& o, std::optional<isa::Space> space);
  void apply_mem(size_t i, const MemRef& m);
  // Declared width of a GPR operand's register (64 if unknown).
  unsigned reg_bits(const ptx::Operand& o);
  bool expect_operands(size_t n);
  bool expect_operands(size_t lo, size_t hi);
  bool check_leftover(ParsedMods& m);
  isa::DataType single_type(ParsedMods& m);  // exactly one type modifier expected
  uint32_t label_id(const std::string& name, SourceLoc loc);
  uint32_t final_ret_label() const { return final_ret_label_; }
  // Emits code that materializes the address of a bound symbol into a new register.
  isa::Operand symbol_address(const Binding& b, int64_t addend, isa::DataType type);
  const isa::Module& out_module() const { return out_; }
  const ModuleSymbols& syms() const { return syms_; }
  // Call-sequence parameters bound by `call`: offset of the decl inside the callee's frame.
  void bind_out_param(const ptx::VarDecl* decl, uint32_t offset) { out_param_offset_[decl] = offset; }

 private:
  struct RangeDecl {
    std::string prefix;
    uint32_t count;
    ptx::Type type;
  };
  struct Scope {
    std::unordered_map<std::string, Binding> names;
    std::vector<RangeDecl> ranges;
  };
  struct LabelInfo {
    uint32_t id;
    bool defined;
    SourceLoc first_use;
  };
  struct Fixup {
    size_t instr;
    const ptx::VarDecl* decl;
    SourceLoc loc;
  };

  void lower_block(const ptx::Block& block, int depth);
  void declare(const ptx::VarDecl& d);
  void lower_instruction(const ptx::Instruction& inst);
  void emit_prologue();
  void emit_epilogue();
  void apply_fixups();
  Binding bind_register(ptx::Type type);

  const ptx::Module& module_;
  const isa::Module& out_;
  const ModuleSymbols& syms_;
  const FuncSig& sig_;
  const ptx::Function& f_;
  VFunction fn_;
  std::vector<Scope> scopes_;
  std::unordered_map<std::string, LabelInfo> labels_;
  std::vector<Fixup> fixups_;
  std::unordered_map<const ptx::VarDecl*, uint32_t> out_param_offset_;
  std::vector<std::pair<uint32_t, uint32_t>> reg_params_, reg_returns_;  // (vreg, frame offset)
  const ptx::Instruction* cur_ = nullptr;
  ptx::Instruction prologue_inst_;
  uint32_t guard_ = isa::kNoGuard;
  bool guard_negated_ = false;
  uint32_t final_ret_label_ = kNone;
  std::optional<Error> error_;
};

// Instruction families: each returns false if the opcode is not theirs.
bool lower_alu(Lowerer& L, const ptx::Instruction& inst);
bool lower_compare(Lowerer& L, const ptx::Instruction& inst);
bool lower_cvt_mov(Lowerer& L, const ptx::Instruction& inst);
bool lower_memory(Lowerer& L, const ptx::Instruction& inst);
bool lower_control(Lowerer& L, const ptx::Instruction& inst);
bool lower_warp(Lowerer& L, const ptx::Instruction& inst);
bool lower_matrix(Lowerer& L, const ptx::Instruction& inst);  // mma, ldmatrix, wmma
bool lower_async(Lowerer& L, const ptx::Instruction& inst);   // cp.async, mbarrier, nanosleep
bool lower_texture(Lowerer& L, const ptx::Instruction& inst);  // tex, suld, sust, txq, suq
bool lower_video(Lowerer& L, const ptx::Instruction& inst);    // vadd4 ... vabsdiff4, vmin4, vmax4
// When `name` is a .texref variable: a register loaded with the texture object its cell holds
// (lower_texture.cpp); nullopt for anything else.
std::optional<isa::Operand> texref_handle(Lowerer& L, const std::string& name, SourceLoc loc);

// Appends the .relu / .satfinite clamp of a half-precision result d (lower_half.cpp); false (and the
// lowerer failed) if the type is not a half type.
bool emit_half_clamps(Lowerer& L, isa::DataType t, isa::Operand d, bool relu, bool satfinite);

// Immediate bits of a literal for an operand of `type` (integers truncated to the width, float
// literals converted to the type's format). Fails for literal/type pairs that have no meaning.
std::optional<uint64_t> immediate_bits(const ptx::Operand& o, isa::DataType type);

}  // namespace canopy::compiler
