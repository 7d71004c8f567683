// Handler selection for the carry chain: addc/subc/madc and the `.cc` forms of add/sub/mad. The CC
// flag is one bit per lane in AluOperands::carry (which the engine must provide for these forms);
// subtraction uses it as a borrow, as PTX defines sub.cc/subc.
#include "gpu/alu/int_handlers.h"
#include "gpu/alu/int_semantics.h"

namespace canopy::gpu::alu {

namespace {

using isa::DataType;
using isa::Opcode;

enum class CarryOp { Add, Sub, MadLo, MadHi };

template <int W, class U, bool kSigned, CarryOp kOp, bool kIn, bool kOut>
void carry_handler(const isa::Instr&, const AluOperands<W>& o) {
  uint64_t* d = o.dst[0];
  const uint64_t *a = o.src[0], *b = o.src[1], *c = o.src[2];
  uint64_t carry_in = kIn ? *o.carry : 0;
  uint64_t carry_out = 0;
  for_each_lane<W>(o.exec, [&](int l) {
    bool in = (carry_in >> l) & 1, out = false;
    U x = static_cast<U>(a[l]), y = static_cast<U>(b[l]);
    U r;
    if constexpr (kOp == CarryOp::Add) {
      r = isem::add_carry<U>(x, y, in, out);
    } else if constexpr (kOp == CarryOp::Sub) {
      r = isem::sub_borrow<U>(x, y, in, out);
    } else {
      U product = kOp == CarryOp::MadHi ? isem::mul_hi<U, kSigned>(x, y) : isem::mul_lo<U>(x, y);
      r = isem::add_carry<U>(product, static_cast<U>(c[l]), in, out);
    }
    d[l] = r;
    carry_out |= uint64_t{out} << l;
  });
  if constexpr (kOut) write_mask(o.carry, carry_out, o.exec);
}

template <int W, class U, bool S, CarryOp kOp>
AluHandler<W> pick_carry(bool in, bool out) {
  if (in) return out ? &carry_handler<W, U, S, kOp, true, true> : &carry_handler<W, U, S, kOp, true, false>;
  return out ? &carry_handler<W, U, S, kOp, false, true> : &carry_handler<W, U, S, kOp, false, false>;
}

}  // namespace

template <int W>
AluHandler<W> select_int_carry(const isa::Instr& in, std::string* why) {
  unsigned bits = isa::bit_width(in.type);
  if (!is_int_type(in.type) || (bits != 32 && bits != 64)) {
    return reject<W>(why, in, "carry forms need a 32 or 64-bit integer type");
  }
  if (in.mods.sat) return reject<W>(why, in, ".sat is not defined with the carry flag");
  bool mad = in.op == Opcode::Mad || in.op == Opcode::MadC;
  if (in.op == Opcode::Mul) return reject<W>(why, in, "mul has no carry form");
  if (mad && in.mods.mul == isa::MulMode::Wide)
    return reject<W>(why, in, "only .lo and .hi have carry forms");
  bool hi = in.mods.mul == isa::MulMode::Hi;
  bool sub = in.op == Opcode::Sub || in.op == Opcode::SubC;
  bool cin = in.mods.carry_in, cout = in.mods.carry_out;
  return by_int_type<W>(in.type, [&]<class U, bool S>() -> AluHandler<W> {
    if (mad)
      return hi ? pick_carry<W, U, S, CarryOp::MadHi>(cin, cout)
                : pick_carry<W, U, false, CarryOp::MadLo>(cin, cout);
    return sub ? pick_carry<W, U, false, CarryOp::Sub>(cin, cout)
               : pick_carry<W, U, false, CarryOp::Add>(cin, cout);
  });
}

template AluHandler<32> select_int_carry<32>(const isa::Instr&, std::string*);
template AluHandler<64> select_int_carry<64>(const isa::Instr&, std::string*);

}  // namespace canopy::gpu::alu
