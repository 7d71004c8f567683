// canopy cc's command line: nvcc's spellings parse into the intended options.
#include "toolchain/cc_options.h"

#include <gtest/gtest.h>

namespace canopy::toolchain {
namespace {

CcOptions parse(std::vector<std::string> args) {
  Expected<CcOptions> o = parse_cc_args(args);
  EXPECT_TRUE(o.ok()) << (o.ok() ? "" : o.error().message);
  return o.ok() ? *o : CcOptions{};
}

std::string parse_error(std::vector<std::string> args) {
  Expected<CcOptions> o = parse_cc_args(args);
  return o.ok() ? std::string("<parsed>") : o.error().message;
}

TEST(CcOptions, ArchSpellingsSelectSupportedPtxTargets) {
  EXPECT_EQ(parse({"-arch=sm_75", "a.cu"}).gpu_arch, "sm_75");
  EXPECT_EQ(parse({"-arch", "sm_86", "a.cu"}).gpu_arch, "sm_86");
  EXPECT_EQ(parse({"--gpu-architecture=compute_70", "a.cu"}).gpu_arch, "sm_70");
  EXPECT_EQ(parse({"-gencode", "arch=compute_72,code=sm_72", "a.cu"}).gpu_arch, "sm_72");
  EXPECT_EQ(parse({"-gencode=arch=compute_75,code=[sm_75,compute_75]", "a.cu"}).gpu_arch, "sm_75");
  EXPECT_EQ(parse({"a.cu"}).gpu_arch, "sm_80");
}

TEST(CcOptions, OtherArchitecturesAreRecordedButKeepSm80) {
  CcOptions o = parse({"-arch=sm_60", "-code=sm_90", "--gpu-architecture", "native", "a.cu"});
  EXPECT_EQ(o.gpu_arch, "sm_80");
  ASSERT_EQ(o.architectures.size(), 3u);
  EXPECT_EQ(o.architectures[0], "arch=sm_60");
  EXPECT_EQ(o.architectures[1], "code=sm_90");
  EXPECT_EQ(o.architectures[2], "gpu-architecture=native");
}

TEST(CcOptions, ShortOptionsTakeAttachedOrSeparateValues) {
  CcOptions o = parse({"-Iinc", "-I", "inc2", "-DX=1", "-D", "Y", "-UZ", "-Llibs", "-L", "libs2", "-lm", "-l",
                       "foo", "-lineinfo", "a.cu"});
  EXPECT_EQ(o.preprocessor, (std::vector<std::string>{"-Iinc", "-Iinc2", "-DX=1", "-DY", "-UZ"}));
  EXPECT_EQ(o.library_dirs, (std::vector<std::string>{"libs", "libs2"}));
  ASSERT_EQ(o.inputs.size(), 3u);
  EXPECT_EQ(o.inputs[0].path, "-lm");
  EXPECT_EQ(o.inputs[1].path, "-lfoo");
  EXPECT_EQ(o.inputs[2].path, "a.cu");
  EXPECT_TRUE(o.line_info);
}

TEST(CcOptions, XcompilerSplitsOnCommasAndXlinkerBecomesWl) {
  CcOptions o = parse({"-Xcompiler", "-Wall,-fopenmp", "--compiler-options=-O2", "-Xcompiler", "-g -Wextra",
                       "-Xlinker", "--as-needed", "-Xlinker=-z,now", "a.cu"});
  EXPECT_EQ(o.host_flags, (std::vector<std::string>{"-Wall", "-fopenmp", "-O2", "-g", "-Wextra"}));
  EXPECT_EQ(o.linker_flags, (std::vector<std::string>{"-Wl,--as-needed", "-Wl,-z", "-Wl,now"}));
}

TEST(CcOptions, LanguageOptionAppliesToFollowingInputs) {
  CcOptions o = parse({"a.cpp", "-x", "cu", "b.cpp", "c.c", "-x", "none", "d.cpp", "e.o", "f.c"});
  std::vector<InputKind> kinds;
  for (const Input& in : o.inputs) kinds.push_back(in.kind);
  EXPECT_EQ(kinds, (std::vector<InputKind>{InputKind::Cxx, InputKind::Cuda, InputKind::Cuda, InputKind::Cxx,
                                           InputKind::Object, InputKind::C}));
  EXPECT_NE(parse_error({"-x", "fortran", "a.f"}).find("unknown language"), std::string::npos);
}

TEST(CcOptions, ClassifiesInputsByExtension) {
  EXPECT_EQ(classify_input("k.cu", std::nullopt), InputKind::Cuda);
  EXPECT_EQ(classify_input("m.cc", std::nullopt), InputKind::Cxx);
  EXPECT_EQ(classify_input("m.cxx", std::nullopt), InputKind::Cxx);
  EXPECT_EQ(classify_input("m.c", std::nullopt), InputKind::C);
  EXPECT_EQ(classify_input("libx.a", std::nullopt), InputKind::Object);
  EXPECT_EQ(classify_input("libx.so", std::nullopt), InputKind::Object);
}

TEST(CcOptions, PhasesAndConflicts) {
  EXPECT_EQ(parse({"-c", "a.cu"}).phase, Phase::Compile);
  EXPECT_EQ(parse({"-ptx", "a.cu"}).phase, Phase::Ptx);
  EXPECT_EQ(parse({"--cubin", "a.cu"}).phase, Phase::Cubin);
  EXPECT_EQ(parse({"-fatbin", "a.cu"}).phase, Phase::Fatbin);
  EXPECT_EQ(parse({"-M", "a.cu"}).phase, Phase::Dependencies);
  EXPECT_EQ(parse({"-c", "-c", "a.cu"}).phase, Phase::Compile);
  EXPECT_NE(parse_error({"-c", "-ptx", "a.cu"}).find("conflicts"), std::string::npos);
}

// nvcc build lines pass -rdc=true and -dc; each file's device code is finalized on its own.
TEST(CcOptions, RelocatableDeviceCodeFlagsAreAcceptedDeviceLinkingIsNot) {
  EXPECT_EQ(parse({"-rdc=false", "a.cu"}).phase, Phase::Link);
  EXPECT_EQ(parse({"-rdc=true", "a.cu"}).phase, Phase::Link);
  EXPECT_EQ(parse({"--relocatable-device-code", "true", "a.cu"}).phase, Phase::Link);
  EXPECT_EQ(parse({"-dc", "a.cu"}).phase, Phase::Compile);
  EXPECT_NE(parse_error({"-rdc=maybe", "a.cu"}).find("true or false"), std::string::npos);
  EXPECT_NE(parse_error({"-dlink", "a.o"}).find("not supported"), std::string::npos);
}

TEST(CcOptions, UnknownOptionsAndMissingValuesAreErrors) {
  EXPECT_NE(parse_error({"-frobnicate", "a.cu"}).find("unknown option '-frobnicate'"), std::string::npos);
  EXPECT_NE(parse_error({"a.cu", "-o"}).find("needs a value"), std::string::npos);
  EXPECT_NE(parse_error({"a.cu", "-arch"}).find("needs a value"), std::string::npos);
  EXPECT_NE(parse_error({"-O4", "a.cu"}).find("optimization level"), std::string::npos);
  EXPECT_NE(parse_error({}).find("no input files"), std::string::npos);
  EXPECT_TRUE(parse({"--version"}).show_version);
}

TEST(CcOptions, RegisterLimitFromMaxrregcountAndXptxas) {
  EXPECT_EQ(parse({"--maxrregcount", "32", "a.cu"}).max_registers, 32u);
  EXPECT_EQ(parse({"-maxrregcount=64", "a.cu"}).max_registers, 64u);
  CcOptions o = parse({"-Xptxas", "-v,--maxrregcount=40", "a.cu"});
  EXPECT_EQ(o.max_registers, 40u);
  EXPECT_TRUE(o.ptxas_verbose);
  EXPECT_NE(parse_error({"--maxrregcount", "0", "a.cu"}).find("1 to 255"), std::string::npos);
  EXPECT_NE(parse_error({"--maxrregcount", "256", "a.cu"}).find("1 to 255"), std::string::npos);
}

TEST(CcOptions, AcceptedFlagsAndWarnings) {
  CcOptions o = parse({"--expt-relaxed-constexpr",
                       "--expt-extended-lambda",
                       "-m64",
                       "-ccbin",
                       "g++",
                       "-ftz=true",
                       "--use_fast_math",
                       "-fmad=false",
                       "-w",
                       "-Werror",
                       "-Wall",
                       "-Werror=all-warnings",
                       "-Werror=cross-execution-space-call",
                       "-Wno-deprecated-gpu-targets",
                       "-G",
                       "-g",
                       "-std=c++20",
                       "-O2",
                       "-shared",
                       "-fPIC",
                       "--keep-dir",
                       "k",
                       "-v",
                       "a.cu"});
  EXPECT_TRUE(o.use_fast_math);
  EXPECT_FALSE(o.fmad);
  EXPECT_EQ(o.warnings, (std::vector<std::string>{"-w", "-Werror", "-Wall", "-Werror"}));
  EXPECT_TRUE(o.device_debug && o.host_debug && o.shared && o.keep && o.verbose);
  EXPECT_EQ(o.keep_dir, "k");
  EXPECT_EQ(o.std, "c++20");
  EXPECT_EQ(o.opt_level, "2");
  EXPECT_EQ(o.host_flags, (std::vector<std::string>{"-fPIC"}));
}

TEST(CcOptions, DependencyFlagsAreCollected) {
  CcOptions o = parse({"-MD", "-MF", "a.d", "-MT", "a.o", "-MP", "-c", "a.cu"});
  EXPECT_EQ(o.dependency_flags, (std::vector<std::string>{"-MD", "-MF", "a.d", "-MT", "a.o", "-MP"}));
  EXPECT_EQ(o.phase, Phase::Compile);
}

TEST(CcOptions, HiddenLinkDriverOptions) {
  CcOptions o =
      parse({"--canopy-link-driver=g++", "--canopy-link-flag=-fsanitize=address,undefined", "a.cu"});
  EXPECT_EQ(o.link_driver, "g++");
  EXPECT_EQ(o.link_driver_flags, (std::vector<std::string>{"-fsanitize=address,undefined"}));
}

}  // namespace
}  // namespace canopy::toolchain
