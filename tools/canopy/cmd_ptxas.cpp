// canopy ptxas IN.ptx -o OUT.cnb [-v] [--maxrregcount N]: PTX -> native module file.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "compiler/finalize.h"
#include "isa/module_format.h"
#include "tools/canopy/commands.h"

namespace canopy::tools {

namespace {

int usage() {
  std::fprintf(stderr, "usage: canopy ptxas IN.ptx -o OUT.cnb [-v] [--maxrregcount N]\n");
  return 2;
}

bool parse_count(const char* text, uint32_t& out) {
  char* end = nullptr;
  unsigned long v = std::strtoul(text, &end, 10);
  if (!end || *end != '\0' || v == 0 || v > 255) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

void print_resources(const isa::Module& m) {
  for (const compiler::KernelResources& r : compiler::resource_usage(m)) {
    std::printf("canopy-ptxas info    : Compiling entry function '%s'\n", r.name.c_str());
    std::printf("canopy-ptxas info    : Function properties for %s\n", r.name.c_str());
    std::printf("    %u bytes stack frame, %u bytes spill stores, %u bytes spill loads\n", r.local_bytes,
                r.spill_stores * 8, r.spill_loads * 8);
    std::printf(
        "canopy-ptxas info    : Used %u registers, %u predicates, %u bytes smem, %u bytes cmem[0], "
        "%u bytes param, %u bytes lmem\n",
        r.registers, r.predicates, r.shared_bytes, r.const_bytes, r.param_bytes, r.local_bytes);
  }
}

}  // namespace

int cmd_ptxas(int argc, char** argv) {
  std::string in, out;
  bool verbose = false;
  compiler::FinalizeOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-o" && i + 1 < argc)
      out = argv[++i];
    else if (a == "-v" || a == "--verbose")
      verbose = true;
    else if ((a == "--maxrregcount" || a == "-maxrregcount") && i + 1 < argc) {
      if (!parse_count(argv[++i], options.max_registers)) {
        std::fprintf(stderr, "canopy ptxas: --maxrregcount needs a number from 1 to 255\n");
        return 2;
      }
    } else if (!a.empty() && a[0] == '-')
      return usage();
    else if (in.empty())
      in = a;
    else
      return usage();
  }
  if (in.empty() || out.empty()) return usage();
  std::ifstream file(in, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "canopy ptxas: cannot read '%s'\n", in.c_str());
    return 1;
  }
  std::stringstream text;
  text << file.rdbuf();
  Expected<isa::Module> m = compiler::compile_ptx(text.str(), in, options);
  if (!m) {
    std::fprintf(stderr, "%s\n", m.error().message.c_str());
    return 1;
  }
  if (Status s = isa::write_module_file(*m, out); !s) {
    std::fprintf(stderr, "canopy ptxas: %s\n", s.error().message.c_str());
    return 1;
  }
  if (verbose) print_resources(*m);
  return 0;
}

}  // namespace canopy::tools
