// Operand resolution for the Lowerer: registers, immediates, special registers, symbols, addresses.
#include <cstring>

#include "compiler/lower.h"
#include "compiler/special_regs.h"

namespace canopy::compiler {

namespace {

uint64_t f32_bits(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}
uint64_t f64_bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}
double f64_from(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}
float f32_from(uint64_t bits) {
  auto b = static_cast<uint32_t>(bits);
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
uint64_t truncate(uint64_t v, unsigned bits) { return bits >= 64 ? v : v & ((uint64_t{1} << bits) - 1); }

const char* kind_name(Binding::Kind k) {
  switch (k) {
    case Binding::Kind::Gpr:
      return "a register";
    case Binding::Kind::Pred:
      return "a predicate";
    case Binding::Kind::Variable:
      return "a variable";
    case Binding::Kind::Local:
      return "a .local variable";
    case Binding::Kind::KernelParam:
    case Binding::Kind::FrameParam:
    case Binding::Kind::OutParam:
      return "a parameter";
    case Binding::Kind::Prototype:
      return "a call prototype";
    case Binding::Kind::Function:
      return "a function";
  }
  return "a symbol";
}

}  // namespace

std::optional<uint64_t> immediate_bits(const ptx::Operand& o, isa::DataType type) {
  const unsigned width = type == isa::DataType::Pred ? 1 : isa::bit_width(type);
  if (o.kind == ptx::Operand::Kind::IntImm) {
    const auto v = static_cast<uint64_t>(o.int_value);
    if (type == isa::DataType::F32) return f32_bits(static_cast<float>(o.int_value));
    if (type == isa::DataType::F64) return f64_bits(static_cast<double>(o.int_value));
    if (type == isa::DataType::Pred) return v != 0 ? 1 : 0;
    return truncate(v, width == 0 ? 64 : width);
  }
  if (o.kind == ptx::Operand::Kind::FloatImm) {
    if (type == isa::DataType::F32)
      return o.is_double ? f32_bits(static_cast<float>(f64_from(o.float_bits))) : truncate(o.float_bits, 32);
    if (type == isa::DataType::F64)
      return o.is_double ? o.float_bits : f64_bits(static_cast<double>(f32_from(o.float_bits)));
    if (isa::is_float(type) || type == isa::DataType::Pred) return std::nullopt;  // f16 literals: use bits
    // Bit patterns of a float literal in an integer-typed operand (mov.b32 %r, 0f3F800000).
    const unsigned lit_bits = o.is_double ? 64 : 32;
    if (width != 0 && width < lit_bits) return std::nullopt;
    return o.float_bits;
  }
  return std::nullopt;
}

unsigned Lowerer::reg_bits(const ptx::Operand& o) {
  if (o.kind != ptx::Operand::Kind::Register) return 64;
  auto b = lookup(o.name);
  if (!b || b->kind != Binding::Kind::Gpr) return 64;
  unsigned bits = ptx_type_bits(b->type);
  return bits == 0 || bits > 64 ? 64 : bits;
}

isa::Operand Lowerer::symbol_address(const Binding& b, int64_t addend, isa::DataType type) {
  if (type == isa::DataType::None || isa::bit_width(type) < 32) type = isa::DataType::U64;
  switch (b.kind) {
    case Binding::Kind::Variable: {
      const isa::Variable& v = out_.variables[b.index];
      if (v.space != isa::Space::Global)
        return isa::Operand::immediate(v.offset + static_cast<uint64_t>(addend));
      uint32_t t = new_gpr();
      size_t i = emit(isa::Opcode::Mov, type);
      at(i).ndst = 1;
      at(i).dst[0] = isa::Operand::reg(t);
      at(i).nsrc = 1;
      at(i).src[0] = isa::Operand::immediate(0);
      vat(i).reloc = SymbolReloc{0, b.index, false, addend};
      return isa::Operand::reg(t);
    }
    case Binding::Kind::Function: {
      const FuncSig& sig = syms_.sigs[b.index];
      if (sig.index < 0) {
        fail("address of function '" + sig.decl->name + "' which has no body");
        return {};
      }
      uint32_t t = new_gpr();
      size_t i = emit(isa::Opcode::Mov, type);
      at(i).ndst = 1;
      at(i).dst[0] = isa::Operand::reg(t);
      at(i).nsrc = 1;
      at(i).src[0] = isa::Operand::immediate(0);
      vat(i).reloc = SymbolReloc{0, static_cast<uint32_t>(sig.index), true, addend};
      return isa::Operand::reg(t);
    }
    case Binding::Kind::KernelParam:
      return isa::Operand::immediate(b.offset + static_cast<uint64_t>(addend));
    case Binding::Kind::Local:
    case Binding::Kind::FrameParam: {
      uint32_t base = new_gpr(), t = new_gpr();
      size_t i = emit(isa::Opcode::S2R, type);
      at(i).ndst = 1;
      at(i).dst[0] = isa::Operand::reg(base);
      at(i).mods.sreg = isa::SpecialReg::FrameBase;
      size_t j = emit(isa::Opcode::Add, type);
      at(j).ndst = 1;
      at(j).dst[0] = isa::Operand::reg(t);
      at(j).nsrc = 2;
      at(j).src[0] = isa::Operand::reg(base);
      at(j).src[1] = isa::Operand::immediate(b.offset + static_cast<uint64_t>(addend));
      return isa::Operand::reg(t);
    }
    default:
      fail(std::string("cannot take the address of ") + kind_name(b.kind));
      return {};
  }
}

isa::Operand Lowerer::src(const ptx::Operand& o, isa::DataType type) {
  switch (o.kind) {
    case ptx::Operand::Kind::IntImm:
    case ptx::Operand::Kind::FloatImm: {
      auto bits = immediate_bits(o, type);
      if (!bits) {
        fail(o.loc, "literal does not fit an operand of this type");
        return {};
      }
      return isa::Operand::immediate(*bits);
    }
    case ptx::Operand::Kind::SymbolOffset: {
      auto b = lookup(o.name);
      if (!b) {
        fail(o.loc, "undefined symbol '" + o.name + "'");
        return {};
      }
      return symbol_address(*b, o.int_value, type);
    }
    case ptx::Operand::Kind::Register:
      break;
    default:
      fail(o.loc, "unexpected operand form");
      return {};
  }
  if (o.name == "_") {
    fail(o.loc, "'_' cannot be read");
    return {};
  }
  if (auto sreg = find_special_register(o.name, o.component)) {
    uint32_t t = new_gpr(isa::bit_width(sreg->type));
    size_t i = emit(isa::Opcode::S2R, sreg->type);
    at(i).ndst = 1;
    at(i).dst[0] = isa::Operand::reg(t);
    at(i).mods.sreg = sreg->reg;
    at(i).mods.sreg_comp = sreg->component;
    return isa::Operand::reg(t);
  }
  auto b = lookup(o.name);
  if (!b) {
    fail(o.loc, "undefined identifier '" + o.name + "'");
    return {};
  }
  if (!o.component.empty() && b->kind != Binding::Kind::Gpr) {
    fail(o.loc, "'" + o.name + "." + o.component + "' is not a special register");
    return {};
  }
  if (b->kind == Binding::Kind::Pred) {
    if (type != isa::DataType::Pred) {
      fail(o.loc, "predicate '" + o.name + "' used where a value is expected");
      return {};
    }
    if (!o.negated) return isa::Operand::pred(b->index);
    uint32_t t = new_pred();
    size_t i = emit(isa::Opcode::Not, isa::DataType::Pred);
    at(i).ndst = 1;
    at(i).dst[0] = isa::Operand::pred(t);
    at(i).nsrc = 1;
    at(i).src[0] = isa::Operand::pred(b->index);
    return isa::Operand::pred(t);
  }
  if (type == isa::DataType::Pred) {
    fail(o.loc, "'" + o.name + "' is " + kind_name(b->kind) + ", not a predicate");
    return {};
  }
  if (o.negated) {
    fail(o.loc, "'!' applies only to predicates");
    return {};
  }
  if (!o.component.empty()) {
    fail(o.loc, "register '" + o.name + "' has no component ." + o.component);
    return {};
  }
  if (b->kind == Binding::Kind::Gpr) return isa::Operand::reg(b->index);
  return symbol_address(*b, 0, type);
}

isa::Operand Lowerer::pred_src(const ptx::Operand& o) { return src(o, isa::DataType::Pred); }

isa::Operand Lowerer::dst(const ptx::Operand& o, isa::DataType type) {
  if (o.kind != ptx::Operand::Kind::Register || o.negated) {
    fail(o.loc, "destination must be a register");
    return {};
  }
  const bool want_pred = type == isa::DataType::Pred;
  if (o.name == "_")
    return want_pred ? isa::Operand::pred(new_pred()) : isa::Operand::reg(new_gpr(isa::bit_width(type)));
  auto b = lookup(o.name);
  if (!b) {
    fail(o.loc, "undefined register '" + o.name + "'");
    return {};
  }
  if (b->kind == Binding::Kind::Gpr && !want_pred && o.component.empty()) return isa::Operand::reg(b->index);
  if (b->kind == Binding::Kind::Pred && want_pred) return isa::Operand::pred(b->index);
  if (b->kind == Binding::Kind::Pred || b->kind == Binding::Kind::Gpr)
    fail(o.loc, "'" + o.name + "' is " + kind_name(b->kind) + ", expected " +
                    (want_pred ? "a predicate" : "a register"));
  else
    fail(o.loc, "'" + o.name + "' is " + kind_name(b->kind) + ", not a register");
  return {};
}

isa::Operand Lowerer::pred_dst(const ptx::Operand& o) { return dst(o, isa::DataType::Pred); }

MemRef Lowerer::mem(const ptx::Operand& o, std::optional<isa::Space> space) {
  MemRef r;
  if (o.kind != ptx::Operand::Kind::Address) {
    fail(o.loc, "expected an address operand [...]");
    return r;
  }
  if (!o.elements.empty()) {
    fail(o.loc, "texture/surface addressing is not supported");
    return r;
  }
  const isa::Space want = space.value_or(isa::Space::Generic);
  r.offset = o.address.offset;
  r.space = want;
  if (o.address.base.empty()) return r;
  auto b = lookup(o.address.base);
  if (!b) {
    fail(o.loc, "undefined identifier '" + o.address.base + "'");
    return r;
  }
  auto require = [&](std::initializer_list<isa::Space> ok, const char* what) {
    for (isa::Space s : ok)
      if (want == s) return true;
    fail(o.loc,
         "'" + o.address.base + "' is " + what + ", which this instruction's state space cannot access");
    return false;
  };
  switch (b->kind) {
    case Binding::Kind::Gpr:
      r.addr = isa::Operand::reg(b->index);
      if (want == isa::Space::Param) r.space = is_kernel() ? isa::Space::ParamKernel : isa::Space::Local;
      return r;
    case Binding::Kind::Variable: {
      const isa::Variable& v = out_.variables[b->index];
      if (v.space == isa::Space::Global) {
        if (!require({isa::Space::Generic, isa::Space::Global}, "in .global")) return r;
        r.addr = symbol_address(*b, 0, isa::DataType::U64);
        r.space = isa::Space::Global;
        return r;
      }
      if (v.space == isa::Space::Const && !require({isa::Space::Generic, isa::Space::Const}, "in .const"))
        return r;
      if (v.space == isa::Space::Shared && !require({isa::Space::Generic, isa::Space::Shared}, "in .shared"))
        return r;
      r.space = v.space;
      r.offset += static_cast<int64_t>(v.offset);
      return r;
    }
    case Binding::Kind::Local:
      if (!require({isa::Space::Generic, isa::Space::Local}, "in .local")) return r;
      r.space = isa::Space::Local;
      r.frame_relative = true;
      r.offset += static_cast<int64_t>(b->offset);
      return r;
    case Binding::Kind::KernelParam:
      if (!require({isa::Space::Param}, "a kernel parameter")) return r;
      r.space = isa::Space::ParamKernel;
      r.offset += static_cast<int64_t>(b->offset);
      return r;
    case Binding::Kind::FrameParam:
      if (!require({isa::Space::Param, isa::Space::Local}, "a parameter")) return r;
      r.space = isa::Space::Local;
      r.frame_relative = true;
      r.offset += static_cast<int64_t>(b->offset);
      return r;
    case Binding::Kind::OutParam:
      if (!require({isa::Space::Param}, "a call parameter")) return r;
      r.space = isa::Space::Local;
      r.frame_relative = true;
      r.outgoing = true;
      r.out_param = b->decl;
      return r;
    default:
      fail(o.loc, "'" + o.address.base + "' is " + kind_name(b->kind) + " and cannot be an address");
      return r;
  }
}

void Lowerer::apply_mem(size_t i, const MemRef& m) {
  isa::Instr& in = at(i);
  in.addr = m.addr;
  in.offset = m.offset;
  in.mods.space = m.space;
  in.mods.frame_relative = m.frame_relative;
  vat(i).outgoing = m.outgoing;
  if (m.out_param) fixups_.push_back({i, m.out_param, cur_->loc});
}

bool Lowerer::expect_operands(size_t n) { return expect_operands(n, n); }

bool Lowerer::expect_operands(size_t lo, size_t hi) {
  size_t n = cur_->operands.size();
  if (n >= lo && n <= hi) return true;
  std::string want = lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi);
  fail("'" + cur_->opcode + "' expects " + want + " operands, got " + std::to_string(n));
  return false;
}

bool Lowerer::check_leftover(ParsedMods& m) {
  if (!m.words.empty()) fail("unsupported modifier '." + m.words[0] + "' on '" + cur_->opcode + "'");
  return !failed();
}

isa::DataType Lowerer::single_type(ParsedMods& m) {
  if (m.types.size() != 1) {
    fail("'" + cur_->opcode + "' needs exactly one type modifier");
    return isa::DataType::None;
  }
  return m.types[0];
}

}  // namespace canopy::compiler
