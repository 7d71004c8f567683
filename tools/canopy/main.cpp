#include <cstdio>
#include <cstring>
#include <string_view>

#include "tools/canopy/commands.h"

namespace {

struct Subcommand {
  std::string_view name;
  int (*run)(int, char**);
  std::string_view summary;
};

constexpr Subcommand kSubcommands[] = {
    {"ptxas", canopy::tools::cmd_ptxas, "finalize PTX into a native Canopy module"},
    {"objdump", canopy::tools::cmd_objdump, "disassemble a native module (or PTX, finalized first)"},
    {"exec", canopy::tools::cmd_exec, "run one kernel on the simulated GPU"},
    {"devices", canopy::tools::cmd_devices, "list the GPU presets"},
    {"cc", canopy::tools::cmd_cc, "compile and link CUDA programs (an nvcc-style driver over clang)"},
    {"run", canopy::tools::cmd_run, "run a CUDA program on a chosen simulated GPU"},
    {"isa-doc", canopy::tools::cmd_isa_doc, "print the ISA reference (docs/isa.md) from the ISA table"},
};

int usage(FILE* out) {
  std::fprintf(out, "usage: canopy <command> [args]\n\ncommands:\n");
  for (const auto& c : kSubcommands)
    std::fprintf(out, "  %-10.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  std::fprintf(out, "\n'canopy <command> --help' describes a command.\n");
  return out == stdout ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage(stderr);
  std::string_view name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") return usage(stdout);
  if (name == "--version") {
    std::printf("canopy 0.1.0\n");
    return 0;
  }
  for (const auto& c : kSubcommands)
    if (c.name == name) return c.run(argc - 1, argv + 1);
  std::fprintf(stderr, "canopy: unknown command '%s'\n", argv[1]);
  return usage(stderr);
}
