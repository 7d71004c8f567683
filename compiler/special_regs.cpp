#include "compiler/special_regs.h"

#include <string_view>

namespace canopy::compiler {

std::optional<SpecialRegInfo> find_special_register(const std::string& name, const std::string& component) {
  using S = isa::SpecialReg;
  using T = isa::DataType;
  struct Entry {
    std::string_view name;
    S reg;
    bool vector;
    T type;
  };
  static constexpr Entry kRegs[] = {
      {"%tid", S::Tid, true, T::U32},
      {"%ntid", S::Ntid, true, T::U32},
      {"%ctaid", S::Ctaid, true, T::U32},
      {"%nctaid", S::Nctaid, true, T::U32},
      {"%laneid", S::LaneId, false, T::U32},
      {"%warpid", S::WarpId, false, T::U32},
      {"%nwarpid", S::NWarpId, false, T::U32},
      {"%smid", S::SmId, false, T::U32},
      {"%nsmid", S::NSmId, false, T::U32},
      {"%gridid", S::GridId, false, T::U64},
      {"%clock", S::Clock, false, T::U32},
      {"%clock64", S::Clock64, false, T::U64},
      {"%globaltimer", S::GlobalTimer, false, T::U64},
      {"%lanemask_eq", S::LanemaskEq, false, T::U32},
      {"%lanemask_le", S::LanemaskLe, false, T::U32},
      {"%lanemask_lt", S::LanemaskLt, false, T::U32},
      {"%lanemask_ge", S::LanemaskGe, false, T::U32},
      {"%lanemask_gt", S::LanemaskGt, false, T::U32},
      {"%dynamic_smem_size", S::DynamicSmemSize, false, T::U32},
      {"%total_smem_size", S::TotalSmemSize, false, T::U32},
      {"WARP_SZ", S::WarpSize, false, T::U32},
  };
  for (const Entry& e : kRegs) {
    if (name != e.name) continue;
    if (!e.vector) {
      if (!component.empty()) return std::nullopt;
      return SpecialRegInfo{e.reg, 0, e.type};
    }
    if (component == "x") return SpecialRegInfo{e.reg, 0, e.type};
    if (component == "y") return SpecialRegInfo{e.reg, 1, e.type};
    if (component == "z") return SpecialRegInfo{e.reg, 2, e.type};
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace canopy::compiler
