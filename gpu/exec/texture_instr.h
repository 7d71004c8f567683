// Load-time checks of tex / suld / sust / txq (their meaning is gpu/exec/cta_texture.cpp).
#pragma once

#include <string>

#include "isa/isa.h"

namespace canopy::gpu {

// Spatial coordinates of a geometry (layered forms take the layer index first, as an extra source).
inline unsigned tex_coords(isa::TexGeom g) {
  switch (g) {
    case isa::TexGeom::D1:
    case isa::TexGeom::A1d:
      return 1;
    case isa::TexGeom::D2:
    case isa::TexGeom::A2d:
      return 2;
    default:
      return 3;
  }
}
inline bool tex_layered(isa::TexGeom g) { return g == isa::TexGeom::A1d || g == isa::TexGeom::A2d; }

// Empty if `in` is a well-formed texture or surface instruction, else why not.
std::string check_texture_instr(const isa::Instr& in);

}  // namespace canopy::gpu
