// nvcc's spellings: long options take one or two dashes and their value after '=' or as the next
// argument (`-arch=sm_80`, `--gpu-architecture sm_80`); -I/-D/-U/-L/-l/-O also take it attached.
#include "toolchain/cc_options.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace canopy::toolchain {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// nvcc splits -Xcompiler/-Xlinker values at commas, and the shell it runs them through splits them at
// spaces ("-Xcompiler '-Wall -Wextra'").
std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : value) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(current);
  return parts;
}

// Options spelled as words (nvcc style) that take a value. Names are without leading dashes.
constexpr std::string_view kValued[] = {"arch",
                                        "gpu-architecture",
                                        "gencode",
                                        "generate-code",
                                        "code",
                                        "gpu-code",
                                        "output-file",
                                        "std",
                                        "x",
                                        "language",
                                        "Xcompiler",
                                        "compiler-options",
                                        "Xlinker",
                                        "linker-options",
                                        "Xptxas",
                                        "ptxas-options",
                                        "keep-dir",
                                        "maxrregcount",
                                        "ccbin",
                                        "compiler-bindir",
                                        "rdc",
                                        "relocatable-device-code",
                                        "fmad",
                                        "ftz",
                                        "prec-div",
                                        "prec-sqrt",
                                        "MF",
                                        "MT",
                                        "MQ",
                                        "include",
                                        "pre-include",
                                        "canopy-link-driver",
                                        "canopy-link-flag",
                                        "default-stream",
                                        "machine",
                                        "threads",
                                        "diag-suppress",
                                        "Xcudafe",
                                        "Xnvlink",
                                        "Xarchive",
                                        "include-path",
                                        "define-macro",
                                        "undefine-macro",
                                        "library",
                                        "library-path",
                                        "optimize",
                                        "output-directory",
                                        "odir",
                                        "split-compile"};

// Flags without a value that are accepted and change nothing (clang already behaves this way, or
// the option concerns NVIDIA tools that do not exist here).
constexpr std::string_view kIgnoredFlags[] = {"expt-relaxed-constexpr",
                                              "expt-extended-lambda",
                                              "extended-lambda",
                                              "m64",
                                              "Wno-deprecated-gpu-targets",
                                              "Wdefault-stream-launch",
                                              "Wext-lambda-captures-this",
                                              "Wmissing-launch-bounds",
                                              "restrict",
                                              "source-in-ptx",
                                              "keep-device-functions",
                                              "disable-warnings-for-headers",
                                              "forward-unknown-to-host-compiler",
                                              "display-error-number",
                                              "no-display-error-number",
                                              "time"};

bool is_valued(std::string_view name) {
  return std::find(std::begin(kValued), std::end(kValued), name) != std::end(kValued);
}

bool is_ignored_flag(std::string_view name) {
  return std::find(std::begin(kIgnoredFlags), std::end(kIgnoredFlags), name) != std::end(kIgnoredFlags);
}

bool parse_bool(const std::string& v, bool& out) {
  if (v == "true" || v == "1") {
    out = true;
    return true;
  }
  if (v == "false" || v == "0") {
    out = false;
    return true;
  }
  return false;
}

bool parse_register_count(const std::string& text, uint32_t& out) {
  if (text.empty() || text.size() > 3 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  unsigned long v = std::strtoul(text.c_str(), nullptr, 10);
  if (v == 0 || v > 255) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

std::optional<InputKind> language_named(const std::string& v, bool& ok) {
  ok = true;
  if (v == "cu" || v == "cuda") return InputKind::Cuda;
  if (v == "c++" || v == "cpp") return InputKind::Cxx;
  if (v == "c") return InputKind::C;
  if (v != "none") ok = false;
  return std::nullopt;
}

class Parser {
 public:
  explicit Parser(const std::vector<std::string>& args) : args_(args) {}

  Expected<CcOptions> run() {
    for (i_ = 0; i_ < args_.size(); ++i_) {
      if (Status s = one(args_[i_]); !s) return s.error();
    }
    if (options_.inputs.empty() && !options_.show_version && !options_.show_help && !options_.print_paths)
      return make_error("canopy cc: no input files");
    return std::move(options_);
  }

 private:
  Status one(const std::string& arg) {
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      options_.inputs.push_back({arg, classify_input(arg, language_)});
      return {};
    }
    if (Status s; attached(arg, s)) return s;
    std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos && is_valued(name.substr(0, eq))) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (is_valued(name)) {
      if (!value) {
        if (i_ + 1 >= args_.size()) return make_error("canopy cc: option '" + arg + "' needs a value");
        value = args_[++i_];
      }
      return valued(name, *value);
    }
    return flag(arg, name);
  }

  // -I/-D/-U/-L/-l/-O with the value attached or next; -W warnings; -M dependency flags.
  bool attached(const std::string& arg, Status& status) {
    if (arg.size() < 2 || arg[1] == '-' || arg == "-lineinfo" || arg == "-lib") return false;
    char c = arg[1];
    if (c != 'I' && c != 'D' && c != 'U' && c != 'L' && c != 'l' && c != 'O') return false;
    std::string value = arg.substr(2);
    if (value.empty() && c != 'O') {
      if (i_ + 1 >= args_.size()) {
        status = make_error("canopy cc: option '" + arg + "' needs a value");
        return true;
      }
      value = args_[++i_];
    }
    status = short_valued(c, value);
    return true;
  }

  Status short_valued(char c, const std::string& value) {
    switch (c) {
      case 'I':
      case 'D':
      case 'U':
        options_.preprocessor.push_back(std::string("-") + c + value);
        return {};
      case 'L':
        options_.library_dirs.push_back(value);
        return {};
      case 'l':
        options_.inputs.push_back({"-l" + value, InputKind::Object});
        return {};
      default:  // 'O'
        if (value.empty()) {
          options_.opt_level.assign(1,
                                    '3');  // (assigning a literal trips GCC 12's -Wrestrict false positive)
          return {};
        }
        if (value != "0" && value != "1" && value != "2" && value != "3" && value != "s" && value != "z")
          return make_error("canopy cc: unknown optimization level '-O" + value + "'");
        options_.opt_level = value;
        return {};
    }
  }

  Status valued(const std::string& name, const std::string& value) {
    CcOptions& o = options_;
    if (name == "arch" || name == "gpu-architecture" || name == "code" || name == "gpu-code" ||
        name == "gencode" || name == "generate-code") {
      o.architectures.push_back(name + "=" + value);
      // A -code/code= value names what is embedded; the PTX target follows the architecture asked for.
      o.gpu_arch = ptx_target_for(value, o.gpu_arch);
    } else if (name == "output-file") {
      o.output = value;
    } else if (name == "std") {
      o.std = value;
    } else if (name == "x" || name == "language") {
      bool ok = false;
      language_ = language_named(value, ok);
      if (!ok) return make_error("canopy cc: unknown language '" + value + "' (use cu, c++, c or none)");
    } else if (name == "Xcompiler" || name == "compiler-options") {
      for (auto& part : split_list(value)) o.host_flags.push_back(part);
    } else if (name == "Xlinker" || name == "linker-options") {
      for (auto& part : split_list(value)) o.linker_flags.push_back("-Wl," + part);
    } else if (name == "Xptxas" || name == "ptxas-options") {
      return ptxas_options(value);
    } else if (name == "keep-dir") {
      o.keep = true;
      o.keep_dir = value;
    } else if (name == "maxrregcount") {
      uint32_t n = 0;
      if (!parse_register_count(value, n))
        return make_error("canopy cc: --maxrregcount needs a number from 1 to 255");
      o.max_registers = n;
    } else if (name == "rdc" || name == "relocatable-device-code") {
      // Accepted so that build lines written for nvcc work (cuda-samples all pass -rdc=true);
      // each translation unit's device code is still finalized on its own, so a device
      // function called from another file is reported by the finalizer as undefined.
      bool rdc = false;
      if (!parse_bool(value, rdc)) return make_error("canopy cc: -rdc takes true or false");
    } else if (name == "fmad") {
      if (!parse_bool(value, o.fmad)) return make_error("canopy cc: -fmad takes true or false");
    } else if (name == "MF" || name == "MT" || name == "MQ") {
      o.dependency_flags.push_back("-" + name);
      o.dependency_flags.push_back(value);
    } else if (name == "include" || name == "pre-include") {
      o.preprocessor.push_back("-include");
      o.preprocessor.push_back(value);
    } else if (name == "include-path" || name == "define-macro" || name == "undefine-macro") {
      return short_valued(name == "include-path" ? 'I' : name == "define-macro" ? 'D' : 'U', value);
    } else if (name == "library") {
      return short_valued('l', value);
    } else if (name == "library-path") {
      return short_valued('L', value);
    } else if (name == "optimize") {
      return short_valued('O', value);
    } else if (name == "canopy-link-driver") {
      o.link_driver = value;
    } else if (name == "canopy-link-flag") {
      o.link_driver_flags.push_back(value);
    } else if (name == "machine" && value != "64") {
      return make_error("canopy cc: only 64-bit code is supported (-m" + value + ")");
    } else if (name == "odir" || name == "output-directory" || name == "split-compile") {
      return make_error("canopy cc: option '-" + name + "' is not supported");
    }
    // ftz, prec-div, prec-sqrt, ccbin, default-stream, threads, diag-suppress, Xcudafe, Xnvlink,
    // Xarchive: accepted; they concern NVIDIA's tools or match what Canopy does anyway.
    return {};
  }

  Status ptxas_options(const std::string& value) {
    std::vector<std::string> parts = split_list(value);
    for (size_t k = 0; k < parts.size(); ++k) {
      const std::string& p = parts[k];
      if (p == "-v" || p == "--verbose") {
        options_.ptxas_verbose = true;
      } else if (starts_with(p, "--maxrregcount") || starts_with(p, "-maxrregcount")) {
        std::string n = p.find('=') != std::string::npos ? p.substr(p.find('=') + 1)
                        : k + 1 < parts.size()           ? parts[++k]
                                                         : "";
        uint32_t count = 0;
        if (!parse_register_count(n, count))
          return make_error("canopy cc: --maxrregcount needs a number from 1 to 255");
        options_.max_registers = count;
      }
    }
    return {};
  }

  Status set_phase(Phase phase, const std::string& arg) {
    if (options_.phase != Phase::Link && options_.phase != phase)
      return make_error("canopy cc: '" + arg +
                        "' conflicts with an earlier phase option (-c, -ptx, -cubin, -E, -M)");
    options_.phase = phase;
    return {};
  }

  Status flag(const std::string& arg, const std::string& name) {
    CcOptions& o = options_;
    if (name == "o") {
      if (i_ + 1 >= args_.size()) return make_error("canopy cc: option '-o' needs a value");
      o.output = args_[++i_];
    } else if (name == "c" || name == "compile") {
      return set_phase(Phase::Compile, arg);
    } else if (name == "ptx") {
      return set_phase(Phase::Ptx, arg);
    } else if (name == "cubin") {
      return set_phase(Phase::Cubin, arg);
    } else if (name == "fatbin") {
      return set_phase(Phase::Fatbin, arg);
    } else if (name == "E" || name == "preprocess") {
      return set_phase(Phase::Preprocess, arg);
    } else if (name == "M" || name == "MM" || name == "generate-dependencies") {
      o.dependency_flags.push_back(name == "MM" ? "-MM" : "-M");
      return set_phase(Phase::Dependencies, arg);
    } else if (name == "MD" || name == "MMD" || name == "MP" ||
               name == "generate-dependencies-with-compile") {
      o.dependency_flags.push_back(name == "generate-dependencies-with-compile" ? "-MD" : "-" + name);
    } else if (name == "g" || name == "debug") {
      o.host_debug = true;
    } else if (name == "G" || name == "device-debug") {
      o.device_debug = true;
    } else if (name == "lineinfo" || name == "generate-line-info") {
      o.line_info = true;
    } else if (starts_with(arg, "-std=")) {
      o.std = arg.substr(5);
    } else if (name == "shared") {
      o.shared = true;
    } else if (name == "fPIC" || name == "fpic" || name == "fPIE" || name == "fpie") {
      o.host_flags.push_back("-" + name);
    } else if (name == "keep" || name == "save-temps") {
      o.keep = true;
    } else if (name == "v" || name == "verbose") {
      o.verbose = true;
    } else if (name == "dryrun") {
      o.dry_run = true;
    } else if (name == "resource-usage") {
      o.ptxas_verbose = true;
    } else if (name == "version" || name == "V") {
      o.show_version = true;
    } else if (name == "h" || name == "help") {
      o.show_help = true;
    } else if (name == "canopy-print-paths") {
      o.print_paths = true;
    } else if (name == "use_fast_math" || name == "use-fast-math") {
      o.use_fast_math = true;
    } else if (name == "w" || name == "disable-warnings") {
      o.warnings.push_back("-w");
    } else if (name == "Werror" || starts_with(name, "Werror=")) {
      return werror(name);
    } else if (name == "dc" || name == "device-c") {
      return set_phase(Phase::Compile, arg);  // -c with -rdc=true (see -rdc above)
    } else if (name == "dlink" || name == "device-link" || name == "lib") {
      return make_error("canopy cc: '" + arg +
                        "' (relocatable device code / device linking) is not supported; "
                        "compile each file with -c and link the objects");
    } else if (is_ignored_flag(name)) {
      return {};
    } else if (starts_with(arg, "-W") && arg.size() > 2) {
      o.warnings.push_back(arg);
    } else {
      return make_error("canopy cc: unknown option '" + arg +
                        "' (pass host compiler options with -Xcompiler)");
    }
    return {};
  }

  // nvcc spells it -Werror=KIND (all-warnings, cross-execution-space-call, ...); clang-style -Werror=GROUP
  // is forwarded as is.
  Status werror(const std::string& name) {
    if (name == "Werror" || name == "Werror=all-warnings") {
      options_.warnings.push_back("-Werror");
    } else if (name != "Werror=cross-execution-space-call" && name != "Werror=reorder" &&
               name != "Werror=default-stream-launch" && name != "Werror=deprecated-declarations" &&
               name != "Werror=ext-lambda-captures-this") {
      options_.warnings.push_back("-" + name);
    }
    return {};
  }

  const std::vector<std::string>& args_;
  size_t i_ = 0;
  std::optional<InputKind> language_;
  CcOptions options_;
};

}  // namespace

InputKind classify_input(const std::string& path, std::optional<InputKind> forced) {
  if (forced) return *forced;
  if (ends_with(path, ".cu")) return InputKind::Cuda;
  if (ends_with(path, ".cpp") || ends_with(path, ".cc") || ends_with(path, ".cxx") || ends_with(path, ".C") ||
      ends_with(path, ".c++"))
    return InputKind::Cxx;
  if (ends_with(path, ".c")) return InputKind::C;
  return InputKind::Object;
}

std::string ptx_target_for(const std::string& arch_value, const std::string& current) {
  // The value may be "sm_75", "compute_75", "arch=compute_75,code=sm_75", "[sm_75,compute_75]"; with
  // arch= that part decides.
  std::string text = arch_value;
  if (size_t arch = text.find("arch="); arch != std::string::npos) text = text.substr(arch + 5);
  size_t sm = text.find("sm_"), compute = text.find("compute_");
  size_t at = std::min(sm, compute);
  if (at == std::string::npos) return current;
  std::string digits = text.substr(at + (at == sm ? 3 : 8), 3);
  while (!digits.empty() && !(digits.back() >= '0' && digits.back() <= '9')) digits.pop_back();
  for (std::string_view known : {"70", "72", "75", "80", "86"})
    if (digits == known) return "sm_" + digits;
  return current;
}

Expected<CcOptions> parse_cc_args(const std::vector<std::string>& args) { return Parser(args).run(); }

std::string cc_help_text() {
  return R"(usage: canopy cc [options] FILE...   (an nvcc-style CUDA compiler driver for the Canopy GPU)

Inputs: .cu (CUDA), .cpp/.cc/.cxx (C++), .c (C), anything else (.o/.a/.so) goes to the link.
Phases:  (default) compile and link an executable    -c  objects    -ptx  PTX    -cubin  native modules (.cnb)
         -fatbin  fat binaries (.cnfb)   -E  preprocess (host)   -M/-MM  print dependencies
Common:  -o FILE  -O0..3  -g  -G  -lineinfo  -I DIR  -D NAME[=V]  -U NAME  -include FILE  -L DIR  -l LIB
         -std=c++17  -x cu|c++|c|none  -shared  -fPIC  -w  -Werror  -W...
         -Xcompiler a,b (host compiler)   -Xlinker a,b (linker)   -Xptxas -v (resource usage)
         -arch=sm_XX / -gencode arch=compute_XX,code=sm_XX / -code=...: recorded; sm_70..sm_86 select the
         PTX target (default sm_80)   --maxrregcount N   --use_fast_math (defines __USE_FAST_MATH__)
         -fmad=false   -MD -MMD -MF F -MT T -MP   --keep  --keep-dir DIR   -v  --dryrun  --version
Accepted and ignored: --expt-relaxed-constexpr --expt-extended-lambda -rdc= -ftz= -prec-div=
         -prec-sqrt= -ccbin -m64 --default-stream   -dc (= -c)   Rejected: -dlink, -lib
Environment: CANOPY_CLANG (clang driver, default clang++-14), CANOPY_CC_LINKER (link driver),
         CANOPY_CC_TARGET (the host triple for clang's --target; default: the host canopy was built for).
)";
}

}  // namespace canopy::toolchain
