#include <cstdio>

#include "tools/canopy/commands.h"

namespace canopy::tools {

int cmd_ptxas(int, char**) {
  std::fprintf(stderr, "canopy: 'ptxas' is not built yet\n");
  return 1;
}

}  // namespace canopy::tools
