#include "support/hex.h"
#include "isa/disasm.h"

#include <cstdio>
#include <string_view>
#include <vector>

#include "isa/encoding.h"
#include "isa/names.h"

namespace canopy::isa {

namespace {

std::string hex4(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string label(uint32_t index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "L%04llx", static_cast<unsigned long long>(index));
  return buf;
}

// How targets are spelled: bare hex indices for a lone instruction, labels and names in a listing.
struct Context {
  const Module* module = nullptr;
};

const ModsField& field(std::string_view field_name) {
  for (const ModsField& f : mods_fields())
    if (f.name == field_name) return f;
  return mods_fields()[0];  // unreachable: every name used below is in the table
}

uint64_t bit(std::string_view field_name) { return uint64_t{1} << field(field_name).bit; }

// Appends the modes that define what the opcode does, printed even when they equal the default;
// returns the mods-word bits it consumed.
uint64_t opcode_modifiers(const Instr& in, std::vector<std::string_view>& out) {
  const Mods& m = in.mods;
  const Mods d{};
  switch (in.op) {
    case Opcode::Setp:
    case Opcode::Set:
      out.push_back(name(m.cmp));
      if (m.boolop != BoolOp::None) out.push_back(name(m.boolop));
      return bit("cmp") | bit("boolop");
    case Opcode::Ld:
    case Opcode::St:
    case Opcode::Atom:
    case Opcode::Red:
      if (m.order != d.order) out.push_back(name(m.order));
      if (m.scope != d.scope) out.push_back(name(m.scope));
      if (m.space != d.space) out.push_back(name(m.space));
      if (m.cache != d.cache) out.push_back(name(m.cache));
      if (m.vec != d.vec) out.push_back(field("vec").value_name(m.vec));
      if (in.op == Opcode::Atom || in.op == Opcode::Red) out.push_back(name(m.atom));
      return bit("order") | bit("scope") | bit("space") | bit("cache") | bit("vec") | bit("frame_relative") |
             (in.op == Opcode::Atom || in.op == Opcode::Red ? bit("atom") : 0);
    case Opcode::Fence:
      out.push_back(name(m.order));
      out.push_back(name(m.scope));
      return bit("order") | bit("scope");
    case Opcode::Cvta:
      if (m.cvta_to_space) out.push_back("to");
      out.push_back(name(m.space));
      return bit("cvta_to_space") | bit("space");
    case Opcode::Mul:
    case Opcode::Mad:
    case Opcode::Mul24:
    case Opcode::Mad24:
    case Opcode::MadC:
    case Opcode::Dp2a:
      if (!is_float(in.type) || m.mul != d.mul) out.push_back(name(m.mul));
      if (in.op == Opcode::MadC && !m.carry_in) out.push_back("noci");
      return bit("mul") | (in.op == Opcode::MadC ? bit("carry_in") : 0);
    case Opcode::AddC:
    case Opcode::SubC:
      if (!m.carry_in) out.push_back("noci");  // carry-in is what the mnemonic says
      return bit("carry_in");
    case Opcode::Shf:
      out.push_back(m.shf_left ? "l" : "r");
      out.push_back(m.shf_clamp ? "clamp" : "wrap");
      return bit("shf_left") | bit("shf_clamp");
    case Opcode::Bar:
      out.push_back(name(m.bar));
      return bit("bar");
    case Opcode::Testp:
      out.push_back(name(m.testp));
      return bit("testp");
    case Opcode::Shfl:
      out.push_back(name(m.shfl));
      return bit("shfl");
    case Opcode::Vote:
    case Opcode::Match:
      out.push_back(name(m.vote));
      return bit("vote");
    case Opcode::Redux:
      out.push_back(name(m.atom));
      return bit("atom");
    case Opcode::S2R:
      return bit("sreg") | bit("sreg_comp");  // printed as the source operand
    case Opcode::Mma:
      out.push_back(name(m.mma_shape));
      out.push_back(field("mma_half").value_name(m.mma_half));
      if (m.atom == AtomOp::And || m.atom == AtomOp::Xor) {  // b1: PTX .and.popc / .xor.popc
        out.push_back(name(m.atom));
        out.push_back("popc");
      }
      return bit("mma_shape") | bit("mma_half") | bit("mma_btype") | bit("mma_ctype") |
             bit("atom");  // types: instruction()
    case Opcode::Ldmatrix:
      out.push_back(m.vec == 4 ? "x4" : m.vec == 2 ? "x2" : "x1");
      if (m.trans) out.push_back("trans");
      if (m.space != d.space) out.push_back(name(m.space));
      return bit("vec") | bit("trans") | bit("space");
    case Opcode::Tex:
    case Opcode::Suld:
    case Opcode::Sust:
    case Opcode::Txq:
      out.push_back(name(m.tex_geom));
      if (m.vec != d.vec) out.push_back(field("vec").value_name(m.vec));
      if (in.op == Opcode::Suld || in.op == Opcode::Sust) out.push_back(name(m.surf_clamp));
      if (in.op == Opcode::Txq) out.push_back(name(m.tex_query));
      return bit("tex_geom") | bit("vec") | (in.op == Opcode::Suld || in.op == Opcode::Sust ? bit("surf_clamp") : 0) |
             (in.op == Opcode::Txq ? bit("tex_query") : 0);
    default:
      return 0;
  }
}

// Everything else that is set or differs from its default, rounding first, then flags, then modes.
void other_modifiers(const Instr& in, uint64_t consumed, std::vector<std::string_view>& out) {
  static constexpr std::string_view kOrder[] = {
      "rnd",     "approx",   "full",      "ftz",      "sat",       "nan",           "shiftamt",
      "uniform", "carry_in", "carry_out", "shf_left", "shf_clamp", "cvta_to_space", "frame_relative"};
  const Mods d{};
  for (std::string_view n : kOrder) {
    const ModsField& f = field(n);
    if (!(consumed & bit(n)) && f.get(in.mods) != f.get(d)) out.push_back(f.value_name(f.get(in.mods)));
    consumed |= bit(n);
  }
  for (const ModsField& f : mods_fields())
    if (!(consumed & (uint64_t{1} << f.bit)) && f.get(in.mods) != f.get(d))
      out.push_back(f.value_name(f.get(in.mods)));
}

std::string operand(const Operand& o) {
  switch (o.kind) {
    case OperandKind::Reg:
      return "R" + std::to_string(o.index);
    case OperandKind::Pred:
      return "P" + std::to_string(o.index);
    case OperandKind::Imm:
      return hex(o.imm);
    default:
      return "_";
  }
}

std::string operand_group(const Operand* ops, unsigned n, bool braced) {
  std::string s = braced && n > 1 ? "{" : "";
  for (unsigned i = 0; i < n; ++i) s += (i ? ", " : "") + operand(ops[i]);
  return braced && n > 1 ? s + "}" : s;
}

std::string address(const Instr& in) {
  std::string s = "[";
  if (in.mods.frame_relative) s += "frame";
  if (!in.addr.is_none()) s += (in.mods.frame_relative ? "+" : "") + operand(in.addr);
  const bool has_base = in.mods.frame_relative || !in.addr.is_none();
  const auto off = static_cast<uint64_t>(in.offset);
  if (in.offset < 0)
    s += "-" + hex(0 - off);
  else if (in.offset > 0 || !has_base)
    s += (has_base ? "+" : "") + hex(off);
  return s + "]";
}

std::string sreg_operand(const Mods& m) {
  std::string s = "%" + std::string(name(m.sreg));
  const bool vector = m.sreg == SpecialReg::Tid || m.sreg == SpecialReg::Ntid ||
                      m.sreg == SpecialReg::Ctaid || m.sreg == SpecialReg::Nctaid;
  if (vector || m.sreg_comp != 0) s += "." + std::string(field("sreg_comp").value_name(m.sreg_comp));
  return s;
}

std::string target_text(uint32_t target, const Context& ctx) {
  if (target == kNoTarget) return "none";
  return ctx.module ? label(target) : hex(target);
}

std::string operands(const Instr& in, const Context& ctx) {
  std::vector<std::string> parts;
  const bool braced = in.mods.vec > 1;
  if (in.ndst) parts.push_back(operand_group(in.dst.data(), in.ndst, braced));
  const Form form = info(in.op).form;
  if (form == Form::Mem || !in.addr.is_none() || (in.offset != 0 && form != Form::Branch))
    parts.push_back(address(in));
  if (in.op == Opcode::S2R) parts.push_back(sreg_operand(in.mods));
  if (form == Form::Call && in.target != kNoTarget) {
    const bool named = ctx.module && in.target < ctx.module->functions.size();
    parts.push_back(named ? ctx.module->functions[in.target].name : hex(in.target));
  }
  if (in.nsrc) {
    if (braced && in.op == Opcode::St)
      parts.push_back(operand_group(in.src.data(), in.nsrc, true));
    else
      for (unsigned i = 0; i < in.nsrc; ++i) parts.push_back(operand(in.src[i]));
  }
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  if (form == Form::Branch) {
    s += (s.empty() ? "" : ", ") + target_text(in.target, ctx);
    if (in.reconverge != kNoTarget) s += " (reconverge " + target_text(in.reconverge, ctx) + ")";
  }
  return s;
}

std::string instruction(const Instr& in, const Context& ctx) {
  std::string s;
  if (in.guard != kNoGuard)
    s += std::string(in.guard_negated ? "@!P" : "@P") + std::to_string(in.guard) + " ";
  s += name(in.op);
  std::vector<std::string_view> mods;
  other_modifiers(in, opcode_modifiers(in, mods), mods);
  for (std::string_view m : mods) (s += '.') += m;
  if (in.type != DataType::None) (s += '.') += name(in.type);
  if (in.type2 != DataType::None) (s += '.') += name(in.type2);
  if (in.op == Opcode::Mma) {  // PTX order: .dtype.atype.btype.ctype
    (s += '.') += name(in.mods.mma_btype != DataType::None ? in.mods.mma_btype : in.type2);
    (s += '.') += name(in.mods.mma_ctype != DataType::None ? in.mods.mma_ctype : in.type);
  }
  const std::string ops = operands(in, ctx);
  if (!ops.empty()) s += " " + ops;
  return s;
}

}  // namespace

std::string disassemble(const Instr& in) { return instruction(in, Context{}); }

// ---- listings -------------------------------------------------------------------------------------

namespace {

constexpr size_t kCommentColumn = 56;

int function_index(const Function& f, const Module& m) {
  for (size_t i = 0; i < m.functions.size(); ++i)
    if (&m.functions[i] == &f) return static_cast<int>(i);
  return m.find_function(f.name);
}

std::string symbol_text(uint32_t symbol, bool is_function, int64_t addend, const Module& m) {
  std::string s = "&";
  if (is_function)
    s += symbol < m.functions.size() ? m.functions[symbol].name : "function#" + std::to_string(symbol);
  else
    s += symbol < m.variables.size() ? m.variables[symbol].name : "variable#" + std::to_string(symbol);
  const auto a = static_cast<uint64_t>(addend);
  if (addend > 0) s += "+" + hex(a);
  if (addend < 0) s += "-" + hex(0 - a);
  return s;
}

std::string comment(const Instr& in, uint32_t index, int fn, const Module& m) {
  std::vector<std::string> notes;
  if (in.line != 0) notes.push_back("line " + std::to_string(in.line));
  for (const CodeRelocation& r : m.code_relocations)
    if (fn >= 0 && r.function == static_cast<uint32_t>(fn) && r.instr == index)
      notes.push_back("src" + std::to_string(r.operand) + " = " +
                      symbol_text(r.symbol, r.is_function, r.addend, m));
  std::string s;
  for (size_t i = 0; i < notes.size(); ++i) s += (i ? "; " : "") + notes[i];
  return s;
}

std::string param_list(std::string_view what, const std::vector<ParamInfo>& params) {
  std::string s;
  for (const ParamInfo& p : params)
    s += "// " + std::string(what) + " " + p.name + ": offset " + std::to_string(p.offset) + ", size " +
         std::to_string(p.size) + ", align " + std::to_string(p.align) + "\n";
  return s;
}

std::string function_header(const Function& f, const Module& m) {
  std::string s = (f.is_kernel ? ".entry " : ".func ") + f.name;
  if (f.source_line) s += "  // line " + std::to_string(f.source_line);
  s += "\n// " + std::string(f.is_kernel ? "kernel" : "function") + ": regs " + std::to_string(f.num_regs) +
       ", preds " + std::to_string(f.num_preds);
  // Shared memory belongs to kernels; a .func uses that of whichever kernel calls it.
  if (f.is_kernel) s += ", shared " + std::to_string(f.shared_bytes) + " bytes";
  s += ", local " + std::to_string(f.local_bytes) + " bytes, const " + std::to_string(m.const_bank_bytes) +
       " bytes, params " + std::to_string(f.param_bytes) + " bytes";
  if (!f.is_kernel) s += ", returns " + std::to_string(f.return_bytes) + " bytes";
  if (f.spill_stores || f.spill_loads)
    s += ", spills " + std::to_string(f.spill_stores) + " stores / " + std::to_string(f.spill_loads) +
         " loads";
  s += "\n" + param_list("param", f.params) + param_list("return", f.returns);
  auto triple = [](const std::array<uint32_t, 3>& t) {
    return std::to_string(t[0]) + ", " + std::to_string(t[1]) + ", " + std::to_string(t[2]);
  };
  if (f.reqntid[0]) s += "// .reqntid " + triple(f.reqntid) + "\n";
  if (f.maxntid[0]) s += "// .maxntid " + triple(f.maxntid) + "\n";
  if (f.min_ctas_per_sm) s += "// .minnctapersm " + std::to_string(f.min_ctas_per_sm) + "\n";
  if (f.max_regs) s += "// .maxnreg " + std::to_string(f.max_regs) + "\n";
  return s;
}

std::string variable_line(const Variable& v, size_t index, const Module& m) {
  std::string s = v.is_extern ? ".extern " : v.is_visible ? ".visible " : "";
  s += "." + std::string(name(v.space)) + " .align " + std::to_string(v.align) + " .b8 " + v.name + "[" +
       std::to_string(v.size) + "]";
  std::vector<std::string> notes;
  if (v.space != Space::Global) notes.push_back("offset " + hex(v.offset));
  if (!v.init.empty()) notes.push_back("init " + std::to_string(v.init.size()) + " bytes");
  for (const DataRelocation& r : m.data_relocations)
    if (r.variable == index)
      notes.push_back("[" + hex(r.offset) + "] = " + symbol_text(r.symbol, r.is_function, r.addend, m) +
                      " (" + std::to_string(r.size) + " bytes)");
  for (size_t i = 0; i < notes.size(); ++i) s += (i ? "; " : "  // ") + notes[i];
  return s + "\n";
}

}  // namespace

std::string disassemble(const Function& f, const Module& m) {
  const Context ctx{&m};
  const int fn = function_index(f, m);
  std::vector<bool> is_target(f.code.size(), false);
  for (const Instr& in : f.code)
    if (info(in.op).form == Form::Branch)
      for (uint32_t t : {in.target, in.reconverge})
        if (t < is_target.size()) is_target[t] = true;
  std::string s = function_header(f, m) + "{\n";
  for (uint32_t i = 0; i < f.code.size(); ++i) {
    if (is_target[i]) s += label(i) + ":\n";
    std::string line = "  /*" + hex4(i) + "*/  " + instruction(f.code[i], ctx);
    const std::string note = comment(f.code[i], i, fn, m);
    if (!note.empty())
      line +=
          std::string(line.size() < kCommentColumn ? kCommentColumn - line.size() : 1, ' ') + "// " + note;
    s += line + "\n";
  }
  return s + "}\n";
}

std::string disassemble(const Module& m) {
  std::string s = "// Canopy native module (format version " + std::to_string(Module::kFormatVersion) + ")\n";
  s += "// source " + (m.source_name.empty() ? std::string("(unknown)") : m.source_name) + ", target " +
       (m.ptx_target.empty() ? std::string("(none)") : m.ptx_target) + ", PTX ISA " +
       std::to_string(m.ptx_version / 10) + "." + std::to_string(m.ptx_version % 10) + "\n";
  s += "// constant bank " + std::to_string(m.const_bank_bytes) + " bytes, static shared " +
       std::to_string(m.shared_static_bytes) + " bytes, " + std::to_string(m.functions.size()) +
       " functions, " + std::to_string(m.variables.size()) + " variables\n";
  for (size_t i = 0; i < m.source_files.size(); ++i)
    s += "// .file " + std::to_string(i) + " \"" + m.source_files[i] + "\"\n";
  if (!m.variables.empty()) s += "\n";
  for (size_t i = 0; i < m.variables.size(); ++i) s += variable_line(m.variables[i], i, m);
  for (const Function& f : m.functions) (s += '\n') += disassemble(f, m);
  return s;
}

}  // namespace canopy::isa
