// Load-time validation and predecoding of native code for one warp width.
#include <map>
#include <string>

#include "gpu/alu/mma_ops.h"
#include "gpu/exec/exec_module.h"
#include "gpu/exec/texture_instr.h"
#include "gpu/memory/address_map.h"
#include "isa/disasm.h"
#include "isa/services.h"

namespace canopy::gpu {

using isa::Opcode;
using isa::Space;

uint64_t function_address(uint32_t module_id, uint32_t function_index) {
  return kFunctionAddressBase + ((uint64_t{module_id} << 20) | function_index) * 16;
}

std::string describe_instr(const isa::Instr& in) {
  std::string text = std::string("'").append(isa::disassemble(in)) + "'";
  if (in.line) text += " (PTX line " + std::to_string(in.line) + ")";
  return text;
}

namespace {

ExecKind kind_of(Opcode op) {
  switch (op) {
    case Opcode::S2R: return ExecKind::S2R;
    case Opcode::Ld: return ExecKind::Ld;
    case Opcode::St: return ExecKind::St;
    case Opcode::Atom: return ExecKind::Atom;
    case Opcode::Red: return ExecKind::Red;
    case Opcode::Cvta: return ExecKind::Cvta;
    case Opcode::Fence: return ExecKind::Fence;
    case Opcode::Bra: return ExecKind::Bra;
    case Opcode::Call: return ExecKind::Call;
    case Opcode::Ret: return ExecKind::Ret;
    case Opcode::Exit: return ExecKind::Exit;
    case Opcode::Bar: return ExecKind::Bar;
    case Opcode::Trap: return ExecKind::Trap;
    case Opcode::Shfl: return ExecKind::Shfl;
    case Opcode::Vote: return ExecKind::Vote;
    case Opcode::Activemask: return ExecKind::Activemask;
    case Opcode::WarpSync: return ExecKind::WarpSync;
    case Opcode::Match: return ExecKind::Match;
    case Opcode::Redux: return ExecKind::Redux;
    case Opcode::Syscall: return ExecKind::Syscall;
    case Opcode::Mma: return ExecKind::Mma;
    case Opcode::Ldmatrix: return ExecKind::Ldmatrix;
    case Opcode::CpAsync: case Opcode::CpAsyncCommit: case Opcode::CpAsyncWait: case Opcode::CpAsyncArrive:
    case Opcode::MbarInit: case Opcode::MbarInval: case Opcode::MbarArrive: case Opcode::MbarTestWait:
    case Opcode::MbarTryWait: case Opcode::MbarPending: case Opcode::Nanosleep:
      return ExecKind::Async;
    case Opcode::Tex: return ExecKind::Tex;
    case Opcode::Suld: return ExecKind::Suld;
    case Opcode::Sust: return ExecKind::Sust;
    case Opcode::Txq: return ExecKind::Txq;
    default: return is_alu_opcode(op) ? ExecKind::Alu : ExecKind::Nop;
  }
}

isa::Instr sentinel(Opcode op) {
  isa::Instr in;
  in.op = op;
  return in;
}

bool service_known(uint64_t id) {
  return id <= UINT32_MAX && isa::find_service(static_cast<isa::Service>(id)) != nullptr;
}

bool is_atom_type(isa::DataType t) {
  using isa::DataType;
  switch (t) {
    case DataType::U32: case DataType::S32: case DataType::B32: case DataType::F32:
    case DataType::U64: case DataType::S64: case DataType::B64: case DataType::F64:
      return true;
    default:
      return false;
  }
}

// Builds the executable form of one function; every check that can be done once is done here.
template <int W>
class FunctionDecoder {
 public:
  FunctionDecoder(const isa::Module& m, uint32_t index) : module_(m), fn_(m.functions[index]) {
    out_.source = &fn_;
    out_.index = index;
  }

  Expected<ExecFunction<W>> run() {
    if (fn_.num_preds > 64 * 1024 || fn_.num_regs > 64 * 1024)
      return make_error("function '" + fn_.name + "': register count out of range");
    out_.code.reserve(fn_.code.size() + 1);
    for (uint32_t pc = 0; pc < fn_.code.size(); ++pc) {
      auto decoded = decode(pc, fn_.code[pc]);
      if (!decoded.ok())
        return make_error("function '" + fn_.name + "' instruction " + std::to_string(pc) + " " +
                          describe_instr(fn_.code[pc]) + ": " + decoded.error().message);
      out_.code.push_back(*decoded);
    }
    // Falling off the end behaves like the function's natural end.
    static const isa::Instr kSentinelExit = sentinel(Opcode::Exit);
    static const isa::Instr kSentinelRet = sentinel(Opcode::Ret);
    ExecInstr<W> end;
    end.kind = fn_.is_kernel ? ExecKind::Exit : ExecKind::Ret;
    end.instr = fn_.is_kernel ? &kSentinelExit : &kSentinelRet;
    out_.code.push_back(end);
    return std::move(out_);
  }

 private:
  Expected<OperandRef> operand(const isa::Operand& op, bool is_dst) {
    switch (op.kind) {
      case isa::OperandKind::None: return OperandRef{};
      case isa::OperandKind::Reg:
        if (op.index >= fn_.num_regs)
          return make_error("register R" + std::to_string(op.index) + " beyond num_regs " + std::to_string(fn_.num_regs));
        return OperandRef{OperandRef::Reg, op.index};
      case isa::OperandKind::Pred:
        if (op.index >= fn_.num_preds)
          return make_error("predicate P" + std::to_string(op.index) + " beyond num_preds " + std::to_string(fn_.num_preds));
        return OperandRef{OperandRef::Pred, op.index};
      case isa::OperandKind::Imm: {
        if (is_dst) return make_error("immediate destination");
        auto [it, added] = rows_.emplace(op.imm, static_cast<uint32_t>(rows_.size()));
        if (added) out_.const_rows.insert(out_.const_rows.end(), W, op.imm);
        return OperandRef{OperandRef::Const, it->second};
      }
    }
    return make_error("bad operand kind");
  }

  Status check_memory(const isa::Instr& in, ExecInstr<W>& e) {
    unsigned bits = isa::bit_width(in.type);
    if (bits < 8) return make_error("memory access needs a type of 8 to 64 bits");
    e.elem_bytes = static_cast<uint8_t>(bits / 8);
    e.vec = in.mods.vec;
    Space s = in.mods.space;
    e.space = s;
    e.frame_relative = s == Space::Local && in.mods.frame_relative;
    e.offset = static_cast<uint64_t>(in.offset);
    if (in.addr.kind != isa::OperandKind::None && in.addr.kind != isa::OperandKind::Reg)
      return make_error("address must be a register or absent");
    switch (e.kind) {
      case ExecKind::Ld:
        if (e.vec != 1 && e.vec != 2 && e.vec != 4) return make_error("vector width must be 1, 2 or 4");
        if (in.ndst != e.vec) return make_error("load needs one destination per vector element");
        break;
      case ExecKind::St:
        if (e.vec != 1 && e.vec != 2 && e.vec != 4) return make_error("vector width must be 1, 2 or 4");
        if (in.nsrc != e.vec) return make_error("store needs one source per vector element");
        if (s == Space::Const || s == Space::Param || s == Space::ParamKernel)
          return make_error("store to a read-only state space");
        break;
      case ExecKind::Atom:
      case ExecKind::Red: {
        e.vec = 1;
        if (s != Space::Global && s != Space::Shared && s != Space::Generic)
          return make_error("atomics work on global, shared or generic addresses only");
        if (!is_atom_type(in.type)) return make_error("atomic type not supported (32/64-bit integer, f32, f64)");
        bool is_float = isa::is_float(in.type);
        auto op = in.mods.atom;
        if (is_float && op != isa::AtomOp::Add && op != isa::AtomOp::Exch && op != isa::AtomOp::Min &&
            op != isa::AtomOp::Max && op != isa::AtomOp::Cas)
          return make_error("atomic operation not defined on floating-point types");
        unsigned need = op == isa::AtomOp::Cas ? 2 : 1;
        if (in.nsrc != need) return make_error("atomic needs " + std::to_string(need) + " value source(s)");
        if (e.kind == ExecKind::Atom ? in.ndst != 1 : in.ndst != 0) return make_error("bad destination count");
        if (e.kind == ExecKind::Red && op == isa::AtomOp::Cas) return make_error("red.cas does not exist");
        break;
      }
      default:
        break;
    }
    e.access_bytes = static_cast<uint8_t>(e.elem_bytes * e.vec);
    e.sext_bits = e.kind == ExecKind::Ld ? static_cast<uint8_t>(sign_extension_bits(in, bits)) : 0;
    return Status::success();
  }

  // cp.async, mbarrier and nanosleep (cta_async.cpp).
  Status check_async(const isa::Instr& in, ExecInstr<W>& e) {
    if (in.addr.kind != isa::OperandKind::None && in.addr.kind != isa::OperandKind::Reg)
      return make_error("address must be a register or absent");
    e.space = in.mods.space;
    e.offset = static_cast<uint64_t>(in.offset);
    auto needs = [&](unsigned ndst, unsigned nsrc) { return in.ndst == ndst && in.nsrc == nsrc; };
    auto has_src = [&](unsigned i) { return e.src[i].kind == OperandRef::Reg || e.src[i].kind == OperandRef::Const; };
    switch (in.op) {
      case Opcode::CpAsync:
        if (in.type != isa::DataType::B32 || (in.mods.vec != 1 && in.mods.vec != 2 && in.mods.vec != 4))
          return make_error("cp.async copies 4, 8 or 16 bytes (b32 x 1, 2 or 4)");
        if (in.mods.cache == isa::CacheOp::Cg && in.mods.vec != 4) return make_error("cp.async.cg copies 16 bytes");
        if (in.mods.space != Space::Global) return make_error("cp.async reads global memory");
        if (!needs(0, 2) || !has_src(0) || !has_src(1))
          return make_error("cp.async takes a shared destination and a source size");
        e.elem_bytes = 4;
        e.vec = in.mods.vec;
        e.access_bytes = static_cast<uint8_t>(4 * in.mods.vec);
        return Status::success();
      case Opcode::CpAsyncCommit:
        if (!needs(0, 0)) return make_error("cp.async.commit takes no operands");
        return Status::success();
      case Opcode::CpAsyncWait:
        if (!needs(0, 1) || in.src[0].kind != isa::OperandKind::Imm || in.src[0].imm > UINT32_MAX)
          return make_error("cp.async.wait takes an immediate group count");
        e.target = static_cast<uint32_t>(in.src[0].imm);
        return Status::success();
      case Opcode::Nanosleep:
        if (!needs(0, 1) || !has_src(0)) return make_error("nanosleep takes a duration");
        return Status::success();
      case Opcode::MbarPending:
        if (!needs(1, 1) || e.dst[0].kind != OperandRef::Reg || !has_src(0))
          return make_error("mbarrier.pending_count takes d, state");
        return Status::success();
      default:
        break;
    }
    if (in.mods.space != Space::Shared && in.mods.space != Space::Generic)
      return make_error("mbarrier objects are shared (or generic) addresses");
    bool shape_ok = false;
    switch (in.op) {
      case Opcode::CpAsyncArrive: case Opcode::MbarInval: shape_ok = needs(0, 0); break;
      case Opcode::MbarInit: shape_ok = needs(0, 1) && has_src(0); break;
      case Opcode::MbarArrive:
        shape_ok = in.ndst <= 1 && in.nsrc == 1 && has_src(0) && (in.ndst == 0 || e.dst[0].kind == OperandRef::Reg);
        break;
      case Opcode::MbarTestWait: case Opcode::MbarTryWait:
        shape_ok = needs(1, 1) && e.dst[0].kind == OperandRef::Pred && has_src(0);
        break;
      default: break;
    }
    if (!shape_ok) return make_error("bad operands for " + std::string(isa::info(in.op).mnemonic));
    e.access_bytes = 8;
    return Status::success();
  }

  // Loads of signed 8/16/32-bit elements sign-extend to type2's width (32 bits if type2 is None) when
  // that is wider than the element; 0 means the element is zero-extended.
  static unsigned sign_extension_bits(const isa::Instr& in, unsigned bits) {
    if (!isa::is_signed(in.type) || bits >= 64) return 0;
    unsigned to = in.type2 != isa::DataType::None ? isa::bit_width(in.type2) : 32;
    return to > bits ? to : 0;
  }

  Expected<ExecInstr<W>> decode(uint32_t pc, const isa::Instr& in) {
    if (in.op >= Opcode::Count) return make_error("unknown opcode");
    ExecInstr<W> e;
    e.instr = &in;
    e.kind = kind_of(in.op);
    if (in.ndst > 4 || in.nsrc > 4) return make_error("too many operands");
    e.ndst = in.ndst;
    e.nsrc = in.nsrc;
    for (unsigned i = 0; i < in.ndst; ++i) {
      auto r = operand(in.dst[i], true);
      if (!r.ok()) return r.error();
      e.dst[i] = *r;
    }
    for (unsigned i = 0; i < in.nsrc; ++i) {
      auto r = operand(in.src[i], false);
      if (!r.ok()) return r.error();
      e.src[i] = *r;
    }
    if (in.addr.kind != isa::OperandKind::None) {
      auto r = operand(in.addr, false);
      if (!r.ok()) return r.error();
      e.addr = *r;
    }
    if (in.guard != isa::kNoGuard) {
      if (in.guard >= fn_.num_preds) return make_error("guard predicate beyond num_preds");
      e.guard = in.guard;
      e.guard_negated = in.guard_negated;
    }
    const auto code_size = static_cast<uint32_t>(fn_.code.size());
    switch (e.kind) {
      case ExecKind::Alu: {
        std::string why;
        e.alu = select_alu_handler<W>(in, &why);
        if (!e.alu) return make_error("not supported by the ALU: " + (why.empty() ? "no handler" : why));
        break;
      }
      case ExecKind::Ld: case ExecKind::St: case ExecKind::Atom: case ExecKind::Red:
        if (Status s = check_memory(in, e); !s) return s.error();
        break;
      case ExecKind::S2R:
        if (in.mods.sreg >= isa::SpecialReg::Count || in.mods.sreg_comp > 2) return make_error("bad special register");
        if (in.ndst != 1 || e.dst[0].kind != OperandRef::Reg) return make_error("s2r needs one register destination");
        break;
      case ExecKind::Cvta:
        if (in.ndst != 1 || in.nsrc != 1 || e.dst[0].kind != OperandRef::Reg) return make_error("cvta takes d, a");
        if (in.mods.space != Space::Global && in.mods.space != Space::Shared && in.mods.space != Space::Local &&
            in.mods.space != Space::Const)
          return make_error("cvta supports global, shared, local and const");
        break;
      case ExecKind::Bra:
        if (in.target > code_size) return make_error("branch target out of range");
        if (in.reconverge != isa::kNoTarget && in.reconverge > code_size)
          return make_error("reconvergence point out of range");
        e.target = in.target;
        e.reconverge = in.reconverge;
        break;
      case ExecKind::Call:
        if (in.target == isa::kNoTarget) {
          if (in.nsrc < 1 || e.src[0].kind == OperandRef::None) return make_error("indirect call needs an address");
        } else if (in.target >= module_.functions.size()) {
          return make_error("call target out of range");
        } else if (module_.functions[in.target].is_kernel) {
          return make_error("call to a kernel");
        }
        e.target = in.target;
        break;
      case ExecKind::Bar:
        if (in.nsrc < 1) return make_error("bar needs a barrier id");
        if (in.mods.bar == isa::BarOp::RedPopc || in.mods.bar == isa::BarOp::RedAnd || in.mods.bar == isa::BarOp::RedOr) {
          if (in.nsrc < 3 || e.src[2].kind == OperandRef::None || in.ndst != 1)
            return make_error("bar.red needs a predicate source and a destination");
        }
        break;
      case ExecKind::Shfl:
        if (in.ndst < 1 || in.nsrc < 3 || e.dst[0].kind != OperandRef::Reg) return make_error("shfl takes d[, p], a, b, c");
        break;
      case ExecKind::Vote:
        if (in.ndst != 1 || in.nsrc < 1) return make_error("vote takes d, p[, membermask]");
        if (in.mods.vote == isa::VoteMode::Ballot && e.dst[0].kind != OperandRef::Reg)
          return make_error("vote.ballot writes a register");
        break;
      case ExecKind::Match:
        if (in.ndst < 1 || in.nsrc != 2 || e.dst[0].kind != OperandRef::Reg || e.src[0].kind == OperandRef::Pred ||
            (in.mods.vote != isa::VoteMode::Any && in.mods.vote != isa::VoteMode::All))
          return make_error("match takes .any or .all with d[, p], a, membermask");
        if (isa::bit_width(in.type) != 32 && isa::bit_width(in.type) != 64) return make_error("match needs b32 or b64");
        break;
      case ExecKind::Redux: {
        using isa::AtomOp;
        const AtomOp op = in.mods.atom;
        const bool arith = op == AtomOp::Add || op == AtomOp::Min || op == AtomOp::Max;
        const bool logic = op == AtomOp::And || op == AtomOp::Or || op == AtomOp::Xor;
        const bool typed = in.type == isa::DataType::U32 || in.type == isa::DataType::S32;
        if (in.ndst != 1 || in.nsrc != 2 || e.dst[0].kind != OperandRef::Reg || e.src[0].kind == OperandRef::Pred)
          return make_error("redux takes d, a, membermask");
        if (!(arith && typed) && !(logic && in.type == isa::DataType::B32))
          return make_error("redux needs add/min/max on u32/s32 or and/or/xor on b32");
        break;
      }
      case ExecKind::Syscall: {
        if (in.nsrc != 1 || in.src[0].kind != isa::OperandKind::Imm || !service_known(in.src[0].imm))
          return make_error("syscall needs a known service number");
        if (in.mods.space != Space::Local || in.addr.kind != isa::OperandKind::None)
          return make_error("syscall's parameter block must be a local address without a register");
        e.target = static_cast<uint32_t>(in.src[0].imm);
        e.space = Space::Local;
        e.frame_relative = in.mods.frame_relative;
        e.offset = static_cast<uint64_t>(in.offset);
        break;
      }
      case ExecKind::Activemask:
        if (in.ndst != 1 || e.dst[0].kind != OperandRef::Reg) return make_error("activemask takes d");
        break;
      case ExecKind::WarpSync:
        if (in.nsrc != 1 || e.src[0].kind == OperandRef::Pred || e.src[0].kind == OperandRef::None)
          return make_error("warpsync takes a member mask");
        break;
      case ExecKind::Mma:
        if (std::string why = alu::mma_check(in); !why.empty()) return make_error(why);
        if (e.dst[0].kind != OperandRef::Reg) return make_error("mma needs a register destination");
        break;
      case ExecKind::Ldmatrix:
        if (in.type != isa::DataType::B16) return make_error("ldmatrix loads .b16 matrices");
        if (in.mods.vec != 1 && in.mods.vec != 2 && in.mods.vec != 4) return make_error("ldmatrix loads 1, 2 or 4 matrices");
        if (in.ndst != in.mods.vec || in.nsrc != 0) return make_error("ldmatrix needs one destination per matrix");
        for (unsigned i = 0; i < in.ndst; ++i)
          if (e.dst[i].kind != OperandRef::Reg) return make_error("ldmatrix needs register destinations");
        if (in.mods.space != Space::Shared && in.mods.space != Space::Generic)
          return make_error("ldmatrix reads shared (or generic) addresses");
        if (in.addr.kind != isa::OperandKind::None && in.addr.kind != isa::OperandKind::Reg)
          return make_error("address must be a register or absent");
        e.space = in.mods.space;
        e.offset = static_cast<uint64_t>(in.offset);
        e.elem_bytes = 16;  // one matrix row per lane
        e.vec = 1;
        e.access_bytes = 16;
        break;
      case ExecKind::Async:
        if (Status s = check_async(in, e); !s) return s.error();
        break;
      case ExecKind::Tex: case ExecKind::Suld: case ExecKind::Sust: case ExecKind::Txq:
        if (std::string why = check_texture_instr(in); !why.empty()) return make_error(why);
        if (e.addr.kind != OperandRef::Reg) return make_error("the object handle must be a register");
        for (unsigned i = 0; i < in.ndst; ++i)
          if (e.dst[i].kind != OperandRef::Reg) return make_error("texture/surface results go to registers");
        for (unsigned i = 0; i < in.nsrc; ++i)
          if (e.src[i].kind == OperandRef::Pred || e.src[i].kind == OperandRef::None)
            return make_error("texture/surface operands must be registers or immediates");
        break;
      default:
        break;
    }
    (void)pc;
    return e;
  }

  const isa::Module& module_;
  const isa::Function& fn_;
  ExecFunction<W> out_;
  std::map<uint64_t, uint32_t> rows_;  // load time only
};

}  // namespace

template <int W>
Expected<std::unique_ptr<ExecModule<W>>> predecode_module(const isa::Module& module, uint32_t module_id) {
  auto result = std::make_unique<ExecModule<W>>();
  result->source = &module;
  result->module_id = module_id;
  if (module.functions.size() >= (1u << 20)) return make_error("too many functions in module");
  for (uint32_t i = 0; i < module.functions.size(); ++i) {
    auto fn = FunctionDecoder<W>(module, i).run();
    if (!fn.ok()) return fn.error();
    result->functions.push_back(std::move(fn).value());
  }
  return result;
}

template Expected<std::unique_ptr<ExecModule<32>>> predecode_module<32>(const isa::Module&, uint32_t);
template Expected<std::unique_ptr<ExecModule<64>>> predecode_module<64>(const isa::Module&, uint32_t);

}  // namespace canopy::gpu
