#include <cstdio>

#include "tools/canopy/commands.h"

namespace canopy::tools {

int cmd_devices(int, char**) {
  std::fprintf(stderr, "canopy: 'devices' is not built yet\n");
  return 1;
}

}  // namespace canopy::tools
