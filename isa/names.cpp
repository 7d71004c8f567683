#include "isa/names.h"

#include <array>

namespace canopy::isa {

namespace {

// Looks a value up in its enum's name table. Tables are sized by enum_count, so a value appended to
// an enum without a name here shows up as "" (caught by tests), never as an out-of-bounds read.
template <typename E, size_t N>
std::string_view lookup(const std::array<std::string_view, N>& table, E value) {
  static_assert(N == enum_count<E>(), "name table size must match the enum");
  const auto index = static_cast<size_t>(value);
  return index < N ? table[index] : std::string_view("?");
}

constexpr std::array<std::string_view, enum_count<Opcode>()> kOpcodeNames = {{
#define CANOPY_OP(name, mnemonic, unit, max_dst, max_src, form, summary) mnemonic,
#include "isa/opcodes.def"
#undef CANOPY_OP
}};

constexpr std::array<std::string_view, enum_count<Unit>()> kUnitNames = {
    {"int-alu", "int-mul", "fp32", "fp64", "fp16", "sfu", "conv", "mem", "ctrl", "sync", "warp", "tensor"}};

constexpr std::array<std::string_view, enum_count<Form>()> kFormNames = {
    {"alu", "mem", "branch", "call", "sys"}};

constexpr std::array<std::string_view, enum_count<DataType>()> kDataTypeNames = {
    {"none", "u8",  "u16", "u32", "u64", "s8",   "s16",   "s32",    "s64",  "b8",  "b16",
     "b32",  "b64", "f16", "f32", "f64", "bf16", "f16x2", "bf16x2", "tf32", "pred", "s4",
     "u4",   "b1"}};

constexpr std::array<std::string_view, enum_count<Rounding>()> kRoundingNames = {
    {"none", "rn", "rz", "rm", "rp", "rna", "rni", "rzi", "rmi", "rpi"}};

constexpr std::array<std::string_view, enum_count<CmpOp>()> kCmpOpNames = {
    {"eq", "ne", "lt", "le", "gt", "ge", "lo", "ls", "hi", "hs", "equ", "neu", "ltu", "leu", "gtu", "geu",
     "num", "nan"}};

constexpr std::array<std::string_view, enum_count<BoolOp>()> kBoolOpNames = {{"none", "and", "or", "xor"}};

constexpr std::array<std::string_view, enum_count<MulMode>()> kMulModeNames = {{"lo", "hi", "wide"}};

constexpr std::array<std::string_view, enum_count<Space>()> kSpaceNames = {
    {"generic", "global", "shared", "local", "const", "param", "param::entry"}};

constexpr std::array<std::string_view, enum_count<CacheOp>()> kCacheOpNames = {
    {"none", "ca", "cg", "cs", "lu", "cv", "wb", "wt", "nc"}};

constexpr std::array<std::string_view, enum_count<AtomOp>()> kAtomOpNames = {
    {"add", "sub", "exch", "cas", "and", "or", "xor", "min", "max", "inc", "dec"}};

constexpr std::array<std::string_view, enum_count<Scope>()> kScopeNames = {{"cta", "gpu", "sys", "cluster"}};

constexpr std::array<std::string_view, enum_count<MemOrder>()> kMemOrderNames = {
    {"relaxed", "acquire", "release", "acq_rel", "sc", "weak", "volatile"}};

constexpr std::array<std::string_view, enum_count<PrmtMode>()> kPrmtModeNames = {
    {"default", "f4e", "b4e", "rc8", "ecl", "ecr", "rc16"}};

constexpr std::array<std::string_view, enum_count<BarOp>()> kBarOpNames = {
    {"sync", "arrive", "red.popc", "red.and", "red.or"}};

constexpr std::array<std::string_view, enum_count<TestClass>()> kTestClassNames = {
    {"finite", "infinite", "number", "notanumber", "normal", "subnormal"}};

constexpr std::array<std::string_view, enum_count<ShflMode>()> kShflModeNames = {
    {"up", "down", "bfly", "idx"}};

constexpr std::array<std::string_view, enum_count<VoteMode>()> kVoteModeNames = {
    {"all", "any", "uni", "ballot"}};

constexpr std::array<std::string_view, enum_count<MmaShape>()> kMmaShapeNames = {
    {"m8n8k16", "m16n8k8", "m16n8k16", "m16n8k32", "m16n8k4", "m8n8k32", "m16n8k64", "m8n8k128", "m16n8k128",
     "m16n8k256"}};

constexpr std::array<std::string_view, enum_count<TexGeom>()> kTexGeomNames = {{"1d", "2d", "3d", "a1d", "a2d"}};
constexpr std::array<std::string_view, enum_count<SurfClamp>()> kSurfClampNames = {{"trap", "clamp", "zero"}};
constexpr std::array<std::string_view, enum_count<TexQuery>()> kTexQueryNames = {
    {"width", "height", "depth", "array_size"}};

constexpr std::array<std::string_view, enum_count<SpecialReg>()> kSpecialRegNames = {{"tid",
                                                                                      "ntid",
                                                                                      "ctaid",
                                                                                      "nctaid",
                                                                                      "laneid",
                                                                                      "warpid",
                                                                                      "nwarpid",
                                                                                      "smid",
                                                                                      "nsmid",
                                                                                      "gridid",
                                                                                      "clock",
                                                                                      "clock64",
                                                                                      "globaltimer",
                                                                                      "lanemask_eq",
                                                                                      "lanemask_le",
                                                                                      "lanemask_lt",
                                                                                      "lanemask_ge",
                                                                                      "lanemask_gt",
                                                                                      "dynamic_smem_size",
                                                                                      "total_smem_size",
                                                                                      "warpsize",
                                                                                      "framebase"}};

constexpr std::array<std::string_view, enum_count<OperandKind>()> kOperandKindNames = {
    {"none", "reg", "pred", "imm"}};

}  // namespace

std::string_view name(Opcode op) { return lookup(kOpcodeNames, op); }
std::string_view name(Unit u) { return lookup(kUnitNames, u); }
std::string_view name(Form f) { return lookup(kFormNames, f); }
std::string_view name(DataType t) { return lookup(kDataTypeNames, t); }
std::string_view name(Rounding r) { return lookup(kRoundingNames, r); }
std::string_view name(CmpOp c) { return lookup(kCmpOpNames, c); }
std::string_view name(BoolOp b) { return lookup(kBoolOpNames, b); }
std::string_view name(MulMode m) { return lookup(kMulModeNames, m); }
std::string_view name(Space s) { return lookup(kSpaceNames, s); }
std::string_view name(CacheOp c) { return lookup(kCacheOpNames, c); }
std::string_view name(AtomOp a) { return lookup(kAtomOpNames, a); }
std::string_view name(Scope s) { return lookup(kScopeNames, s); }
std::string_view name(MemOrder o) { return lookup(kMemOrderNames, o); }
std::string_view name(PrmtMode p) { return lookup(kPrmtModeNames, p); }
std::string_view name(BarOp b) { return lookup(kBarOpNames, b); }
std::string_view name(TestClass t) { return lookup(kTestClassNames, t); }
std::string_view name(ShflMode s) { return lookup(kShflModeNames, s); }
std::string_view name(VoteMode v) { return lookup(kVoteModeNames, v); }
std::string_view name(MmaShape s) { return lookup(kMmaShapeNames, s); }
std::string_view name(TexGeom g) { return lookup(kTexGeomNames, g); }
std::string_view name(SurfClamp c) { return lookup(kSurfClampNames, c); }
std::string_view name(TexQuery q) { return lookup(kTexQueryNames, q); }
std::string_view name(SpecialReg r) { return lookup(kSpecialRegNames, r); }
std::string_view name(OperandKind k) { return lookup(kOperandKindNames, k); }

}  // namespace canopy::isa
