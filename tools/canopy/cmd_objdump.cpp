#include <cstdio>

#include "tools/canopy/commands.h"

namespace canopy::tools {

int cmd_objdump(int, char**) {
  std::fprintf(stderr, "canopy: 'objdump' is not built yet\n");
  return 1;
}

}  // namespace canopy::tools
