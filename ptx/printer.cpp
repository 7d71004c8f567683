#include "ptx/printer.h"

#include <string_view>

#include "ptx/float_bits.h"
#include "ptx/names.h"

namespace canopy::ptx {
namespace {

void append_hex(std::string& out, uint64_t bits, int digits) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  for (int i = digits - 1; i >= 0; --i) out += kDigits[(bits >> (4 * i)) & 0xf];
}

void append_f32(std::string& out, uint32_t bits) {
  out += "0f";
  append_hex(out, bits, 8);
}

void append_f64(std::string& out, uint64_t bits) {
  out += "0d";
  append_hex(out, bits, 16);
}

// "+8", "-8": the sign-and-magnitude spelling of an initializer's symbol offset.
void append_offset(std::string& out, int64_t offset) {
  if (offset < 0) {
    out += '-';
    out += std::to_string(0 - static_cast<uint64_t>(offset));
  } else {
    out += '+';
    out += std::to_string(offset);
  }
}

void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  out += '"';
}

bool is_signed_type(Type t) { return t == Type::S8 || t == Type::S16 || t == Type::S32 || t == Type::S64; }

bool has_any(const Instruction& inst, std::initializer_list<const char*> mods) {
  for (const char* m : mods)
    if (inst.has_modifier(m)) return true;
  return false;
}

// Instructions whose first two operands were written `d|p` (see parse_instruction).
bool has_dual_destination(const Instruction& inst) {
  const size_t n = inst.operands.size();
  if (inst.opcode == "setp") return n == (has_any(inst, {"and", "or", "xor"}) ? 5u : 4u);
  if (inst.opcode == "shfl") return n == (inst.has_modifier("sync") ? 6u : 5u);
  if (inst.opcode == "elect") return n == 3;
  if (inst.opcode == "match") return inst.has_modifier("all") && n == 4;
  return false;
}

class Printer {
 public:
  std::string run(const Module& m) {
    if (m.version_major != 0 || m.version_minor != 0)
      emit(".version ", std::to_string(m.version_major), ".", std::to_string(m.version_minor), "\n");
    if (!m.targets.empty()) {
      out_ += ".target ";
      for (size_t i = 0; i < m.targets.size(); ++i) emit(i ? ", " : "", m.targets[i]);
      out_ += "\n";
    }
    emit(".address_size ", std::to_string(m.address_size), "\n");
    for (const auto& [index, name] : m.files) {
      emit(".file ", std::to_string(index), " ");
      append_quoted(out_, name);
      out_ += "\n";
    }
    out_ += "\n";
    // Globals and functions interleave as in the source (by position), so a declaration still precedes
    // the initializer that names it; without positions, globals come first.
    size_t g = 0, f = 0;
    while (g < m.globals.size() || f < m.functions.size()) {
      if (f == m.functions.size() ||
          (g < m.globals.size() && !before(m.functions[f].loc, m.globals[g].loc))) {
        var_decl(m.globals[g++], "");
      } else {
        function(m.functions[f++]);
      }
    }
    for (const auto& alias : m.aliases) emit(".alias ", alias.alias, ", ", alias.aliasee, ";\n");
    return std::move(out_);
  }

 private:
  static bool before(SourceLoc a, SourceLoc b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
  }

  template <typename... Parts>
  void emit(const Parts&... parts) {
    ((out_ += std::string_view(parts)), ...);
  }

  void var_decl(const VarDecl& v, std::string_view indent) {
    out_ += indent;
    if (v.is_extern) out_ += ".extern ";
    if (v.is_visible) out_ += ".visible ";
    if (v.is_weak) out_ += ".weak ";
    if (v.is_common) out_ += ".common ";
    emit(".", space_name(v.space), " ");
    if (v.align) emit(".align ", std::to_string(v.align), " ");
    if (v.vector_width > 1) emit(".v", std::to_string(v.vector_width), " ");
    emit(".", type_name(v.type), " ", v.name);
    if (v.range_count) emit("<", std::to_string(v.range_count), ">");
    dims(v.dims);
    if (!v.init.empty()) {
      out_ += " = ";
      bool braces = !v.dims.empty() || v.vector_width > 1 || v.init.size() > 1;
      if (braces) out_ += "{";
      for (size_t i = 0; i < v.init.size(); ++i) {
        if (i) out_ += ", ";
        init_element(v.init[i], v.type);
      }
      if (braces) out_ += "}";
    }
    out_ += ";\n";
  }

  void dims(const std::vector<uint64_t>& d) {
    for (uint64_t n : d) emit("[", n ? std::to_string(n) : std::string(), "]");
  }

  void init_element(const InitElement& e, Type type) {
    if (!e.symbol.empty()) {
      if (e.generic)
        emit("generic(", e.symbol, ")");
      else
        out_ += e.symbol;
      if (e.offset) append_offset(out_, e.offset);
      return;
    }
    switch (type) {
      case Type::F32:
        return append_f32(out_, static_cast<uint32_t>(e.bits));
      case Type::F64:
        return append_f64(out_, e.bits);
      case Type::F16:
        return append_f32(out_, f16_bits_to_f32_bits(static_cast<uint16_t>(e.bits)));
      case Type::BF16:
        return append_f32(out_, bf16_bits_to_f32_bits(static_cast<uint16_t>(e.bits)));
      default:
        break;
    }
    unsigned width = type_bits(type);
    if (is_signed_type(type) && width <= 64 && ((e.bits >> (width - 1)) & 1)) {
      uint64_t magnitude = (width == 64 ? 0 - e.bits : (uint64_t{1} << width) - e.bits);
      emit("-", std::to_string(magnitude));
    } else {
      out_ += std::to_string(e.bits);
    }
  }

  void param(const Param& p, bool in_prototype) {
    out_ += p.space == StateSpace::Reg ? ".reg " : ".param ";
    if (p.align) emit(".align ", std::to_string(p.align), " ");
    emit(".", type_name(p.type), " ");
    if (p.is_ptr) {
      out_ += ".ptr ";
      if (p.ptr_space != StateSpace::Generic) emit(".", space_name(p.ptr_space), " ");
      if (p.ptr_align) emit(".align ", std::to_string(p.ptr_align), " ");
    }
    out_ += (in_prototype && p.name.empty()) ? "_" : p.name;
    dims(p.dims);
  }

  void param_list(const std::vector<Param>& params, bool in_prototype, const char* sep) {
    out_ += "(";
    for (size_t i = 0; i < params.size(); ++i) {
      out_ += i ? "," : "";
      out_ += sep;
      param(params[i], in_prototype);
    }
    if (!params.empty() && sep[0] == '\n') out_ += "\n";
    out_ += ")";
  }

  void function(const Function& f) {
    if (f.is_extern) out_ += ".extern ";
    if (f.is_visible) out_ += ".visible ";
    if (f.is_weak) out_ += ".weak ";
    out_ += f.is_entry ? ".entry " : ".func ";
    if (!f.is_entry && !f.returns.empty()) {
      param_list(f.returns, false, "");
      out_ += " ";
    }
    out_ += f.name;
    param_list(f.params, false, "\n\t");
    out_ += "\n";
    perf(f.perf);
    if (!f.has_body) {
      out_ += ";\n\n";
      return;
    }
    out_ += "{\n";
    last_loc_.reset();
    block(f.body, 1);
    out_ += "}\n\n";
  }

  void counts(const char* name, const std::vector<uint32_t>& v) {
    if (v.empty()) return;
    out_ += name;
    for (size_t i = 0; i < v.size(); ++i) emit(i ? ", " : " ", std::to_string(v[i]));
    out_ += "\n";
  }

  void perf(const PerfDirectives& p) {
    counts(".maxntid", p.maxntid);
    counts(".reqntid", p.reqntid);
    if (p.minnctapersm) emit(".minnctapersm ", std::to_string(p.minnctapersm), "\n");
    if (p.maxnctapersm) emit(".maxnctapersm ", std::to_string(p.maxnctapersm), "\n");
    if (p.maxnreg) emit(".maxnreg ", std::to_string(p.maxnreg), "\n");
    if (p.noreturn) out_ += ".noreturn\n";
    for (const auto& text : p.pragmas) {
      out_ += ".pragma ";
      append_quoted(out_, text);
      out_ += ";\n";
    }
  }

  void block(const Block& b, int depth) {
    const std::string indent(static_cast<size_t>(depth), '\t');
    for (const auto& statement : b.statements) {
      if (const auto* inst = std::get_if<Instruction>(&statement)) {
        instruction(*inst, indent);
      } else if (const auto* label = std::get_if<Label>(&statement)) {
        emit(label->name, ":\n");
      } else if (const auto* var = std::get_if<VarDecl>(&statement)) {
        var_decl(*var, indent);
      } else if (const auto* proto = std::get_if<CallPrototype>(&statement)) {
        emit(indent, proto->name, " : .callprototype ");
        param_list(proto->returns, true, "");
        out_ += " _ ";
        param_list(proto->params, true, "");
        out_ += ";\n";
      } else if (const auto* pragma = std::get_if<Pragma>(&statement)) {
        emit(indent, ".pragma ");
        append_quoted(out_, pragma->text);
        out_ += ";\n";
      } else if (const auto* inner = std::get_if<std::unique_ptr<Block>>(&statement)) {
        emit(indent, "{\n");
        if (*inner) block(**inner, depth + 1);
        emit(indent, "}\n");
      }
    }
  }

  void instruction(const Instruction& inst, const std::string& indent) {
    if (inst.debug && (!last_loc_ || last_loc_->file != inst.debug->file ||
                       last_loc_->line != inst.debug->line || last_loc_->column != inst.debug->column)) {
      emit(indent, ".loc ", std::to_string(inst.debug->file), " ", std::to_string(inst.debug->line), " ",
           std::to_string(inst.debug->column), "\n");
      last_loc_ = inst.debug;
    }
    out_ += indent;
    if (inst.guard) emit(inst.guard->negated ? "@!" : "@", inst.guard->predicate, " ");
    out_ += inst.opcode;
    for (const auto& m : inst.modifiers) emit(".", m);
    const bool dual = has_dual_destination(inst);
    for (size_t i = 0; i < inst.operands.size(); ++i) {
      out_ += i == 0 ? "\t" : (dual && i == 1 ? "|" : ", ");
      operand(inst.operands[i]);
    }
    out_ += ";\n";
  }

  void operand_list(const std::vector<Operand>& elements, char open, char close) {
    out_ += open;
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i) out_ += ", ";
      operand(elements[i]);
    }
    out_ += close;
  }

  void operand(const Operand& op) {
    switch (op.kind) {
      case Operand::Kind::Register:
        if (op.negated) out_ += '!';
        out_ += op.name;
        if (!op.component.empty()) emit(".", op.component);
        return;
      case Operand::Kind::IntImm:
        out_ += std::to_string(op.int_value);
        return;
      case Operand::Kind::FloatImm:
        if (op.is_double) return append_f64(out_, op.float_bits);
        return append_f32(out_, static_cast<uint32_t>(op.float_bits));
      case Operand::Kind::Address:
        out_ += "[";
        if (op.address.base.empty()) {
          out_ += std::to_string(op.address.offset);
        } else {
          out_ += op.address.base;
          if (op.address.offset) emit("+", std::to_string(op.address.offset));  // ptxas wants "+-8"
        }
        for (const auto& part : op.elements) {
          out_ += ", ";
          operand(part);
        }
        out_ += "]";
        return;
      case Operand::Kind::Vector:
        return operand_list(op.elements, '{', '}');
      case Operand::Kind::ParamList:
        return operand_list(op.elements, '(', ')');
      case Operand::Kind::SymbolOffset:
        emit(op.name, "+", std::to_string(op.int_value));
        return;
    }
  }

  std::string out_;
  std::optional<DebugLoc> last_loc_;
};

}  // namespace

std::string print(const Module& module) { return Printer().run(module); }

}  // namespace canopy::ptx
