#include <cstdio>
#include <cstring>
#include <string>

#include "isa/disasm.h"
#include "isa/module_format.h"
#include "tools/canopy/commands.h"

namespace canopy::tools {

namespace {

constexpr const char* kUsage =
    "usage: canopy objdump FILE\n"
    "\n"
    "Disassembles a native Canopy module (.cnb, as written by `canopy ptxas -o`): the module header,\n"
    "its variables, and every function with instruction indices, branch labels, PTX line numbers and\n"
    "relocations. The syntax is described in docs/isa.md.\n";

bool starts_with_module_magic(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char magic[4] = {};
  const bool ok = std::fread(magic, 1, 4, f) == 4 && std::memcmp(magic, isa::kModuleMagic, 4) == 0;
  std::fclose(f);
  return ok;
}

// The module to disassemble. Native files are read directly; anything else is taken for PTX.
Expected<isa::Module> load(const std::string& path) {
  if (starts_with_module_magic(path)) return isa::read_module_file(path);
  // PTX input: once the finalizer exists, this is where the file is parsed and finalized with
  // canopy::compiler::finalize(...) and the resulting module disassembled.
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return isa::read_module_file(path);  // reports why it cannot be opened
  std::fclose(f);
  return make_error(path +
                    ": not a native Canopy module (PTX input needs the finalizer, which is not built yet)");
}

}  // namespace

int cmd_objdump(int argc, char** argv) {
  if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (argc != 2 || argv[1][0] == '-') {
    std::fputs(kUsage, stderr);
    return 2;
  }
  auto module = load(argv[1]);
  if (!module) {
    std::fprintf(stderr, "canopy objdump: %s\n", module.error().message.c_str());
    return 1;
  }
  const std::string text = isa::disassemble(*module);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

}  // namespace canopy::tools
