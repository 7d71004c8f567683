#include <cstdio>

#include "tools/canopy/commands.h"

namespace canopy::tools {

int cmd_exec(int, char**) {
  std::fprintf(stderr, "canopy: 'exec' is not built yet\n");
  return 1;
}

}  // namespace canopy::tools
