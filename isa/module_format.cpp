#include "isa/module_format.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>

#include "isa/encoding.h"

namespace canopy::isa {

namespace {

// Smallest encoded size of each record, used to reject counts that cannot fit in the remaining bytes
// before anything is allocated for them.
constexpr size_t kMinString = 4;
constexpr size_t kMinParam = kMinString + 12;
constexpr size_t kMinVariable = kMinString + 1 + 1 + 4 + 8 + 8 + 4;
constexpr size_t kMinFunction = kMinString + 1 + 5 * 4 + 6 * 4 + 6 * 4 + 4 + 4 + 4 + 4;
constexpr size_t kMinInstr = 4;
constexpr size_t kCodeRelocationSize = 4 + 4 + 1 + 1 + 4 + 8;
constexpr size_t kDataRelocationSize = 4 + 8 + 1 + 1 + 4 + 8;
constexpr size_t kHeaderSize = 4 + 4 + 8;

// ---- writing --------------------------------------------------------------------------------------

void write_param(ByteWriter& w, const ParamInfo& p) {
  w.str(p.name);
  w.u32(p.offset);
  w.u32(p.size);
  w.u32(p.align);
}

void write_variable(ByteWriter& w, const Variable& v) {
  w.str(v.name);
  w.u8(static_cast<uint8_t>(v.space));
  w.u8(static_cast<uint8_t>((v.is_extern ? 1 : 0) | (v.is_visible ? 2 : 0)));
  w.u32(v.align);
  w.u64(v.size);
  w.u64(v.offset);
  w.u32(static_cast<uint32_t>(v.init.size()));
  w.bytes(v.init.data(), v.init.size());
}

void write_function(ByteWriter& w, const Function& f) {
  w.str(f.name);
  w.u8(f.is_kernel ? 1 : 0);
  for (uint32_t v : {f.num_regs, f.num_preds, f.local_bytes, f.param_bytes, f.return_bytes}) w.u32(v);
  for (uint32_t v : f.reqntid) w.u32(v);
  for (uint32_t v : f.maxntid) w.u32(v);
  for (uint32_t v :
       {f.min_ctas_per_sm, f.max_regs, f.source_line, f.shared_bytes, f.spill_stores, f.spill_loads})
    w.u32(v);
  w.u32(static_cast<uint32_t>(f.params.size()));
  for (const ParamInfo& p : f.params) write_param(w, p);
  w.u32(static_cast<uint32_t>(f.returns.size()));
  for (const ParamInfo& p : f.returns) write_param(w, p);
  std::vector<uint8_t> code;
  for (const Instr& in : f.code) encode(in, code);
  w.u32(static_cast<uint32_t>(f.code.size()));
  w.u32(static_cast<uint32_t>(code.size()));
  w.bytes(code.data(), code.size());
}

}  // namespace

std::vector<uint8_t> write_module(const Module& m) {
  std::vector<uint8_t> out;
  ByteWriter w(out);
  for (char c : kModuleMagic) w.u8(static_cast<uint8_t>(c));
  w.u32(Module::kFormatVersion);
  w.u64(0);  // total size, patched below
  w.str(m.source_name);
  w.str(m.ptx_target);
  w.u32(m.ptx_version);
  w.u64(m.const_bank_bytes);
  w.u64(m.shared_static_bytes);
  w.u32(static_cast<uint32_t>(m.source_files.size()));
  for (const std::string& s : m.source_files) w.str(s);
  w.u32(static_cast<uint32_t>(m.variables.size()));
  for (const Variable& v : m.variables) write_variable(w, v);
  w.u32(static_cast<uint32_t>(m.functions.size()));
  for (const Function& f : m.functions) write_function(w, f);
  w.u32(static_cast<uint32_t>(m.code_relocations.size()));
  for (const CodeRelocation& r : m.code_relocations) {
    w.u32(r.function);
    w.u32(r.instr);
    w.u8(r.operand);
    w.u8(r.is_function ? 1 : 0);
    w.u32(r.symbol);
    w.i64(r.addend);
  }
  w.u32(static_cast<uint32_t>(m.data_relocations.size()));
  for (const DataRelocation& r : m.data_relocations) {
    w.u32(r.variable);
    w.u64(r.offset);
    w.u8(r.size);
    w.u8(r.is_function ? 1 : 0);
    w.u32(r.symbol);
    w.i64(r.addend);
  }
  const uint64_t total = out.size();
  for (unsigned i = 0; i < 8; ++i) out[8 + i] = static_cast<uint8_t>(total >> (8 * i));
  return out;
}

// ---- reading --------------------------------------------------------------------------------------

namespace {

// Parses the module body; each method returns an empty string on success or what went wrong.
class Parser {
 public:
  Parser(const uint8_t* data, size_t size) : r_(data, size, 0) {}

  std::string parse(Module& m);
  size_t pos() const { return r_.pos(); }

 private:
  std::string truncated(std::string_view what) {
    return "truncated file: cannot read " + std::string(what) + " at byte " + std::to_string(r_.pos());
  }
  std::string count(uint32_t& n, size_t min_size, std::string_view what);
  std::string flags(uint8_t& f, uint8_t allowed, std::string_view what);
  std::string param(ParamInfo& p);
  std::string variable(Variable& v);
  std::string function(Function& f);
  std::string code(Function& f);
  std::string relocations(Module& m);

  ByteReader r_;
};

std::string Parser::count(uint32_t& n, size_t min_size, std::string_view what) {
  if (!r_.u32(n)) return truncated(std::string(what) + " count");
  if (n > r_.remaining() / min_size)
    return "corrupt file: " + std::to_string(n) + " " + std::string(what) + " cannot fit in the remaining " +
           std::to_string(r_.remaining()) + " bytes";
  return {};
}

std::string Parser::flags(uint8_t& f, uint8_t allowed, std::string_view what) {
  if (!r_.u8(f)) return truncated(what);
  if ((f & ~allowed) != 0) return "corrupt file: unknown " + std::string(what) + " bits " + std::to_string(f);
  return {};
}

std::string Parser::param(ParamInfo& p) {
  if (!r_.str(p.name) || !r_.u32(p.offset) || !r_.u32(p.size) || !r_.u32(p.align))
    return truncated("parameter");
  return {};
}

std::string Parser::variable(Variable& v) {
  uint8_t space, fl;
  if (!r_.str(v.name) || !r_.u8(space)) return truncated("variable");
  if (space >= static_cast<uint8_t>(Space::ParamKernel) + 1)
    return "corrupt file: variable '" + v.name + "' has state space " + std::to_string(space) +
           " out of range";
  v.space = static_cast<Space>(space);
  if (auto e = flags(fl, 3, "variable flags"); !e.empty()) return e;
  v.is_extern = (fl & 1) != 0;
  v.is_visible = (fl & 2) != 0;
  uint32_t init_size;
  const uint8_t* init;
  if (!r_.u32(v.align) || !r_.u64(v.size) || !r_.u64(v.offset) || !r_.u32(init_size) ||
      !r_.bytes(init_size, init))
    return truncated("variable '" + v.name + "'");
  v.init.assign(init, init + init_size);
  return {};
}

std::string Parser::code(Function& f) {
  uint32_t ninstr, nbytes;
  if (auto e = count(ninstr, kMinInstr, "instructions"); !e.empty()) return e;
  const uint8_t* bytes;
  if (!r_.u32(nbytes) || !r_.bytes(nbytes, bytes)) return truncated("code of '" + f.name + "'");
  if (ninstr > nbytes / kMinInstr)
    return "corrupt file: " + std::to_string(ninstr) + " instructions cannot fit in " +
           std::to_string(nbytes) + " code bytes of '" + f.name + "'";
  f.code.reserve(ninstr);
  size_t pos = 0;
  for (uint32_t i = 0; i < ninstr; ++i) {
    auto in = decode(bytes, nbytes, pos);
    if (!in) return "function '" + f.name + "': " + in.error().message;
    f.code.push_back(*in);
  }
  if (pos != nbytes)
    return "corrupt file: code of '" + f.name + "' has " + std::to_string(nbytes - pos) +
           " bytes after its " + std::to_string(ninstr) + " instructions";
  return {};
}

std::string Parser::function(Function& f) {
  uint8_t fl;
  if (!r_.str(f.name)) return truncated("function name");
  if (auto e = flags(fl, 1, "function flags"); !e.empty()) return e;
  f.is_kernel = (fl & 1) != 0;
  bool ok = r_.u32(f.num_regs) && r_.u32(f.num_preds) && r_.u32(f.local_bytes) && r_.u32(f.param_bytes) &&
            r_.u32(f.return_bytes);
  for (uint32_t& v : f.reqntid) ok = ok && r_.u32(v);
  for (uint32_t& v : f.maxntid) ok = ok && r_.u32(v);
  ok = ok && r_.u32(f.min_ctas_per_sm) && r_.u32(f.max_regs) && r_.u32(f.source_line) &&
       r_.u32(f.shared_bytes) && r_.u32(f.spill_stores) && r_.u32(f.spill_loads);
  if (!ok) return truncated("function '" + f.name + "'");
  for (std::vector<ParamInfo>* list : {&f.params, &f.returns}) {
    uint32_t n;
    if (auto e = count(n, kMinParam, "parameters"); !e.empty()) return e;
    list->resize(n);
    for (ParamInfo& p : *list)
      if (auto e = param(p); !e.empty()) return e;
  }
  return code(f);
}

std::string Parser::relocations(Module& m) {
  uint32_t n;
  if (auto e = count(n, kCodeRelocationSize, "code relocations"); !e.empty()) return e;
  m.code_relocations.resize(n);
  for (CodeRelocation& rel : m.code_relocations) {
    uint8_t fl;
    if (!r_.u32(rel.function) || !r_.u32(rel.instr) || !r_.u8(rel.operand))
      return truncated("code relocation");
    if (auto e = flags(fl, 1, "relocation flags"); !e.empty()) return e;
    rel.is_function = (fl & 1) != 0;
    if (!r_.u32(rel.symbol) || !r_.i64(rel.addend)) return truncated("code relocation");
  }
  if (auto e = count(n, kDataRelocationSize, "data relocations"); !e.empty()) return e;
  m.data_relocations.resize(n);
  for (DataRelocation& rel : m.data_relocations) {
    uint8_t fl;
    if (!r_.u32(rel.variable) || !r_.u64(rel.offset) || !r_.u8(rel.size)) return truncated("data relocation");
    if (auto e = flags(fl, 1, "relocation flags"); !e.empty()) return e;
    rel.is_function = (fl & 1) != 0;
    if (!r_.u32(rel.symbol) || !r_.i64(rel.addend)) return truncated("data relocation");
  }
  return {};
}

std::string Parser::parse(Module& m) {
  if (!r_.str(m.source_name) || !r_.str(m.ptx_target) || !r_.u32(m.ptx_version) ||
      !r_.u64(m.const_bank_bytes) || !r_.u64(m.shared_static_bytes))
    return truncated("module header");
  uint32_t n;
  if (auto e = count(n, kMinString, "source files"); !e.empty()) return e;
  m.source_files.resize(n);
  for (std::string& s : m.source_files)
    if (!r_.str(s)) return truncated("source file name");
  if (auto e = count(n, kMinVariable, "variables"); !e.empty()) return e;
  m.variables.resize(n);
  for (Variable& v : m.variables)
    if (auto e = variable(v); !e.empty()) return e;
  if (auto e = count(n, kMinFunction, "functions"); !e.empty()) return e;
  m.functions.resize(n);
  for (Function& f : m.functions)
    if (auto e = function(f); !e.empty()) return e;
  return relocations(m);
}

Error module_error(const std::string& what) { return make_error("invalid module file: " + what); }

}  // namespace

Expected<Module> read_module(const uint8_t* data, size_t size) {
  if (size < kHeaderSize) return module_error("truncated file: " + std::to_string(size) + " bytes");
  if (std::memcmp(data, kModuleMagic, 4) != 0) return module_error("bad magic (not a Canopy module)");
  ByteReader r(data, size, 4);
  uint32_t version;
  uint64_t total;
  (void)r.u32(version);
  (void)r.u64(total);
  if (version != Module::kFormatVersion)
    return module_error("format version " + std::to_string(version) + ", this build reads version " +
                        std::to_string(Module::kFormatVersion));
  if (total != size)
    return module_error("the header says " + std::to_string(total) + " bytes but there are " +
                        std::to_string(size) + (total > size ? " (truncated)" : ""));
  Module m;
  Parser p(data + kHeaderSize, size - kHeaderSize);
  if (auto e = p.parse(m); !e.empty()) return module_error(e);
  if (p.pos() != size - kHeaderSize)
    return module_error(std::to_string(size - kHeaderSize - p.pos()) + " unexpected bytes at the end");
  if (Status s = verify_module(m); !s.ok()) return module_error(s.error().message);
  return m;
}

// ---- verification ---------------------------------------------------------------------------------

namespace {

std::string where(const Function& f, size_t i) {
  return "function '" + f.name + "' instruction " + std::to_string(i) + ": ";
}

std::string check_operand(const Operand& o, const Function& f) {
  if (o.kind == OperandKind::Reg && o.index >= f.num_regs)
    return "register R" + std::to_string(o.index) + " is outside num_regs " + std::to_string(f.num_regs);
  if (o.kind == OperandKind::Pred && o.index >= f.num_preds)
    return "predicate P" + std::to_string(o.index) + " is outside num_preds " + std::to_string(f.num_preds);
  return {};
}

std::string check_instr(const Instr& in, const Function& f, size_t num_functions) {
  if (Status s = validate(in); !s.ok()) return s.error().message;
  if (in.guard != kNoGuard && in.guard >= f.num_preds)
    return "guard P" + std::to_string(in.guard) + " is outside num_preds " + std::to_string(f.num_preds);
  for (unsigned i = 0; i < in.ndst; ++i)
    if (auto e = check_operand(in.dst[i], f); !e.empty()) return e;
  for (unsigned i = 0; i < in.nsrc; ++i)
    if (auto e = check_operand(in.src[i], f); !e.empty()) return e;
  if (auto e = check_operand(in.addr, f); !e.empty()) return e;
  const size_t n = f.code.size();
  if (in.op == Opcode::Bra && in.target != kNoTarget && in.target >= n)
    return "branch target " + std::to_string(in.target) + " is outside the function's " + std::to_string(n) +
           " instructions";
  if (in.op == Opcode::Bra && in.reconverge != kNoTarget && in.reconverge >= n)
    return "reconvergence point " + std::to_string(in.reconverge) + " is outside the function";
  if (in.op == Opcode::Call && in.target != kNoTarget && in.target >= num_functions)
    return "call target " + std::to_string(in.target) + " is not a function of the module";
  return {};
}

bool is_power_of_two(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

// Whether [offset, offset + size) fits in [0, limit), without overflow.
bool fits(uint64_t offset, uint64_t size, uint64_t limit) {
  return offset <= limit && size <= limit - offset;
}

std::string check_variable(const Variable& v, const Module& m) {
  const std::string what = "variable '" + v.name + "': ";
  if (v.space != Space::Global && v.space != Space::Const && v.space != Space::Shared)
    return what + "state space must be global, const or shared";
  if (!is_power_of_two(v.align))
    return what + "alignment " + std::to_string(v.align) + " is not a power of 2";
  if (v.init.size() > v.size) return what + "initializer is larger than the variable";
  if (v.space == Space::Const && !fits(v.offset, v.size, m.const_bank_bytes))
    return what + "lies outside the constant bank";
  if (v.space == Space::Shared && !v.is_extern && !fits(v.offset, v.size, m.shared_static_bytes))
    return what + "lies outside the static shared window";
  return {};
}

std::string check_function(const Function& f, const Module& m) {
  if (f.shared_bytes > m.shared_static_bytes)
    return "function '" + f.name + "': " + std::to_string(f.shared_bytes) +
           " bytes of static shared memory exceed the module's static shared window of " +
           std::to_string(m.shared_static_bytes);
  return {};
}

std::string check_relocations(const Module& m) {
  for (size_t i = 0; i < m.code_relocations.size(); ++i) {
    const CodeRelocation& r = m.code_relocations[i];
    const std::string what = "code relocation " + std::to_string(i) + ": ";
    if (r.function >= m.functions.size()) return what + "function index out of range";
    const Function& f = m.functions[r.function];
    if (r.instr >= f.code.size()) return what + "points outside the code of '" + f.name + "'";
    const Instr& in = f.code[r.instr];
    if (r.operand >= in.nsrc || in.src[r.operand].kind != OperandKind::Imm)
      return what + "operand " + std::to_string(r.operand) + " is not an immediate source";
    if (r.symbol >= (r.is_function ? m.functions.size() : m.variables.size())) return what + "unknown symbol";
  }
  for (size_t i = 0; i < m.data_relocations.size(); ++i) {
    const DataRelocation& r = m.data_relocations[i];
    const std::string what = "data relocation " + std::to_string(i) + ": ";
    if (r.variable >= m.variables.size()) return what + "variable index out of range";
    if (r.size != 4 && r.size != 8) return what + "size must be 4 or 8";
    if (!fits(r.offset, r.size, m.variables[r.variable].size)) return what + "points outside its variable";
    if (r.symbol >= (r.is_function ? m.functions.size() : m.variables.size())) return what + "unknown symbol";
  }
  return {};
}

}  // namespace

Status verify_module(const Module& m) {
  for (const Variable& v : m.variables)
    if (auto e = check_variable(v, m); !e.empty()) return make_error(e);
  for (const Function& f : m.functions) {
    if (auto e = check_function(f, m); !e.empty()) return make_error(e);
    for (size_t i = 0; i < f.code.size(); ++i)
      if (auto e = check_instr(f.code[i], f, m.functions.size()); !e.empty())
        return make_error(where(f, i) + e);
  }
  if (auto e = check_relocations(m); !e.empty()) return make_error(e);
  return Status::success();
}

Expected<Module> read_module_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return make_error("cannot open " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.insert(bytes.end(), buf, buf + n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return make_error("cannot read " + path);
  auto m = read_module(bytes.data(), bytes.size());
  if (!m) return make_error(path + ": " + m.error().message);
  return m;
}

Status write_module_file(const Module& m, const std::string& path) {
  const std::vector<uint8_t> bytes = write_module(m);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return make_error("cannot create " + path + ": " + std::strerror(errno));
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  const bool closed = std::fclose(f) == 0;
  if (!ok || !closed) return make_error("cannot write " + path);
  return Status::success();
}

}  // namespace canopy::isa
