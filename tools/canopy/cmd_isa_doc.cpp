#include <cstdio>
#include <cstring>
#include <string>

#include "isa/isa_doc.h"
#include "tools/canopy/commands.h"

namespace canopy::tools {

namespace {

constexpr const char* kUsage =
    "usage: canopy isa-doc [--check FILE]\n"
    "\n"
    "Prints the ISA reference (docs/isa.md), generated from the instruction table and the encoder.\n"
    "  --check FILE   exit 1 (and say so) if FILE differs from what would be printed\n";

bool read_file(const char* path, std::string& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (f == nullptr) return false;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

}  // namespace

int cmd_isa_doc(int argc, char** argv) {
  if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const std::string doc = isa::isa_markdown();
  if (argc == 1) {
    std::fwrite(doc.data(), 1, doc.size(), stdout);
    return 0;
  }
  if (argc != 3 || std::strcmp(argv[1], "--check") != 0) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string current;
  if (!read_file(argv[2], current)) {
    std::fprintf(stderr, "canopy isa-doc: cannot read %s\n", argv[2]);
    return 1;
  }
  if (current != doc) {
    std::fprintf(stderr, "canopy isa-doc: %s is out of date; regenerate it with `canopy isa-doc > %s`\n",
                 argv[2], argv[2]);
    return 1;
  }
  return 0;
}

}  // namespace canopy::tools
