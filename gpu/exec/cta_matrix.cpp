// Warp-collective matrix instructions: mma (tensor-core multiply-accumulate) and ldmatrix. Both are
// .aligned in PTX: every lane of a 32-lane warp must execute them together, so a partial mask faults
// instead of computing with lanes that never supplied their fragment. The arithmetic and the layouts
// are gpu/alu/mma_ops.h; here the lanes' rows are gathered and scattered.
#include <bit>
#include <cstring>

#include "gpu/alu/lanes.h"
#include "gpu/alu/mma_ops.h"
#include "gpu/exec/cta_runner.h"
#include "support/hex.h"

namespace canopy::gpu {

template <int W>
bool CtaRunner<W>::require_full_warp(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, const char* what) {
  if (W != alu::kMmaLanes)
    return fault(w, in, "illegal instruction", 0, std::nullopt,
                 std::string(what) + " needs 32-lane warps (this preset's warps have " + std::to_string(W) + ")");
  constexpr uint64_t full = full_lane_mask<W>();
  if (exec == full) return true;
  const int missing = std::countr_zero(~exec & full);
  return fault(w, in, "illegal instruction", missing, std::nullopt,
               std::string(what) + " is warp-collective (.sync.aligned): lane " + std::to_string(missing) +
                   " is not executing it (active mask " + hex(exec) + ")");
}

template <int W>
bool CtaRunner<W>::exec_mma(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  if (!require_full_warp(w, in, exec, "mma")) return false;
  // Copies: the destination may alias a source.
  std::array<uint64_t, W> a, b, c, d;
  const uint64_t* rows[3] = {operand_row(w, in.src[0]), operand_row(w, in.src[1]), operand_row(w, in.src[2])};
  for (int lane = 0; lane < W; ++lane) a[lane] = rows[0][lane], b[lane] = rows[1][lane], c[lane] = rows[2][lane];
  alu::mma_execute(*in.instr, a.data(), b.data(), c.data(), d.data());
  uint64_t* out = dst_row(w, in.dst[0]);
  for (int lane = 0; lane < W; ++lane) out[lane] = d[lane];
  return true;
}

// ldmatrix.x{1,2,4}: lanes 0..8*num-1 supply the 16-byte rows (lane 8*j+r: row r of matrix j); every
// lane receives one 32-bit piece of each matrix.
template <int W>
bool CtaRunner<W>::exec_ldmatrix(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  if (!require_full_warp(w, in, exec, "ldmatrix")) return false;
  const unsigned num = in.ndst;
  const uint64_t row_lanes = num * 8 >= 64 ? ~uint64_t{0} : (uint64_t{1} << (num * 8)) - 1;
  if (!resolve_lanes(w, in, row_lanes, false)) return false;
  std::array<std::array<std::array<uint16_t, 8>, 8>, 4> m{};
  for (unsigned j = 0; j < num; ++j)
    for (unsigned r = 0; r < 8; ++r)
      for (unsigned e = 0; e < 8; ++e) {
        std::memcpy(&m[j][r][e], lane_ptr_[j * 8 + r] + 2 * e, sizeof(uint16_t));
      }
  const bool trans = in.instr->mods.trans;
  for (unsigned j = 0; j < num; ++j) {
    uint64_t* d = dst_row(w, in.dst[j]);
    for (int lane = 0; lane < W; ++lane) d[lane] = alu::ldmatrix_fragment(m[j], static_cast<unsigned>(lane), trans);
  }
  return true;
}

template bool CtaRunner<32>::exec_mma(Warp<32>&, const ExecInstr<32>&, uint64_t);
template bool CtaRunner<64>::exec_mma(Warp<64>&, const ExecInstr<64>&, uint64_t);
template bool CtaRunner<32>::exec_ldmatrix(Warp<32>&, const ExecInstr<32>&, uint64_t);
template bool CtaRunner<64>::exec_ldmatrix(Warp<64>&, const ExecInstr<64>&, uint64_t);

}  // namespace canopy::gpu
