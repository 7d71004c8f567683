// Job planning: the exact commands canopy cc would run for a command line (docs/cuda.md's flags).
#include "toolchain/plan.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace canopy::toolchain {
namespace {

const ToolchainPaths kPaths{"clang++-14", "/inc", "/sdk", "/lib", ""};

Plan plan(std::vector<std::string> args) {
  Expected<CcOptions> o = parse_cc_args(args);
  EXPECT_TRUE(o.ok()) << (o.ok() ? "" : o.error().message);
  if (!o) return {};
  Expected<Plan> p = plan_cc(*o, kPaths, "/w");
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  return p.ok() ? *p : Plan{};
}

std::string plan_error(std::vector<std::string> args) {
  Expected<CcOptions> o = parse_cc_args(args);
  if (!o) return o.error().message;
  Expected<Plan> p = plan_cc(*o, kPaths, "/w");
  return p.ok() ? std::string("<planned>") : p.error().message;
}

// The argv of job `index` (a copy: the plan is a temporary).
std::vector<std::string> job_argv(std::vector<std::string> args, size_t index) {
  Plan p = plan(std::move(args));
  return index < p.jobs.size() ? p.jobs[index].argv : std::vector<std::string>{};
}

bool has(const std::vector<std::string>& argv, const std::string& arg) {
  return std::find(argv.begin(), argv.end(), arg) != argv.end();
}

// True if `seq` appears contiguously in argv.
bool has_sequence(const std::vector<std::string>& argv, const std::vector<std::string>& seq) {
  return std::search(argv.begin(), argv.end(), seq.begin(), seq.end()) != argv.end();
}

TEST(Plan, CompilingCudaRunsDeviceFinalizeAndHostJobs) {
  Plan p = plan({"-c", "dir/k.cu"});
  ASSERT_EQ(p.jobs.size(), 3u);
  const auto& device = p.jobs[0].argv;
  EXPECT_EQ(device[0], "clang++-14");
  EXPECT_TRUE(has_sequence(device, {"-x", "cuda", "--cuda-device-only"}));
  for (const char* flag :
       {"--cuda-gpu-arch=sm_80", "--cuda-path=/sdk", "-nocudainc", "-nocudalib", "-Wno-unknown-cuda-version",
        "-O3", "-std=c++17", "-I/inc", "-D__NVCC__", "-D__CUDACC__", "-D__CUDACC_VER_MAJOR__=11",
        "-D__CUDACC_VER_MINOR__=5", "-D__CUDACC_VER_BUILD__=0", "-D__CANOPY__=1"})
    EXPECT_TRUE(has(device, flag)) << flag;
  EXPECT_TRUE(has_sequence(device, {"-Xclang", "-target-sdk-version=11.5"}));
  EXPECT_TRUE(has_sequence(device, {"-include", "cuda_runtime.h"}));
  EXPECT_TRUE(has_sequence(device, {"-S", "-o", "/w/k.ptx", "dir/k.cu"}));

  ASSERT_EQ(p.jobs[1].kind, Job::Kind::Finalize);
  EXPECT_EQ(p.jobs[1].finalize.ptx_path, "/w/k.ptx");
  EXPECT_EQ(p.jobs[1].finalize.fatbin_path, "/w/k.cnfb");
  EXPECT_EQ(p.jobs[1].finalize.source_name, "dir/k.cu");
  EXPECT_TRUE(p.jobs[1].finalize.cnb_path.empty());

  const auto& host = p.jobs[2].argv;
  EXPECT_TRUE(has_sequence(host, {"-x", "cuda", "--cuda-host-only"}));
  EXPECT_FALSE(has(host, "-target-sdk-version=11.5"));
  EXPECT_TRUE(has_sequence(host, {"-Xclang", "-fcuda-include-gpubinary", "-Xclang", "/w/k.cnfb"}));
  EXPECT_TRUE(has_sequence(host, {"-c", "-o", "k.o", "dir/k.cu"}));
  EXPECT_TRUE(has(host, "-D__CUDACC__") && has(host, "--cuda-path=/sdk"));
  for (const auto* job : {&device, &host})
    EXPECT_TRUE(has_sequence(*job, {"-Xclang", "-fcuda-allow-variadic-functions"}));
}

TEST(Plan, CanopyIncludeDirComesBeforeUserIncludes) {
  const auto device = job_argv({"-I/usr/local/cuda/include", "-c", "k.cu"}, 0);
  auto ours = std::find(device.begin(), device.end(), "-I/inc");
  auto theirs = std::find(device.begin(), device.end(), "-I/usr/local/cuda/include");
  ASSERT_TRUE(ours != device.end() && theirs != device.end());
  EXPECT_LT(ours, theirs);
}

TEST(Plan, LinkCompilesToWorkDirAndLinksRuntimeInInputOrder) {
  Plan p = plan({"a.cu", "-lfoo", "b.cpp", "c.o", "-Lmylib", "-Xlinker", "--as-needed", "-o", "app"});
  ASSERT_EQ(p.jobs.size(), 5u);  // a.cu: 3 jobs, b.cpp: 1, link: 1
  const auto& link = p.jobs.back().argv;
  std::vector<std::string> expected{"clang++-14",
                                    "-o",
                                    "app",
                                    "-Lmylib",
                                    "/w/a.o",
                                    "-lfoo",
                                    "/w/b.o",
                                    "c.o",
                                    "-Wl,--as-needed",
                                    "-L/lib",
                                    "-lcanopy_cudart",
                                    "-Wl,-rpath,/lib"};
  EXPECT_EQ(link, expected);
}

TEST(Plan, DefaultOutputIsAOut) {
  EXPECT_TRUE(has_sequence(plan({"a.cu"}).jobs.back().argv, {"-o", "a.out"}));
}

TEST(Plan, HostSourcesCompileAsPlainCxxWithCanopyHeadersVisible) {
  Plan p = plan({"-c", "m.cpp", "-DX"});
  ASSERT_EQ(p.jobs.size(), 1u);
  const auto& argv = p.jobs[0].argv;
  EXPECT_TRUE(has_sequence(argv, {"-x", "c++"}));
  EXPECT_TRUE(has(argv, "-I/inc") && has(argv, "-DX") && has(argv, "-D__NVCC__") &&
              has(argv, "-D__CANOPY__=1"));
  EXPECT_FALSE(has(argv, "-D__CUDACC__"));
  EXPECT_FALSE(has(argv, "cuda_runtime.h"));
  EXPECT_FALSE(has(argv, "--cuda-host-only"));
  EXPECT_TRUE(has_sequence(argv, {"-c", "-o", "m.o", "m.cpp"}));

  const auto c = job_argv({"-c", "-std=c++14", "x.c"}, 0);
  EXPECT_TRUE(has_sequence(c, {"-x", "c"}));
  EXPECT_FALSE(has(c, "-std=c++14"));
}

TEST(Plan, HostFlagsGoToHostJobsOnly) {
  Plan p = plan({"-Xcompiler", "-Wshadow", "-O2", "-g", "-c", "k.cu"});
  EXPECT_FALSE(has(p.jobs[0].argv, "-Wshadow"));
  EXPECT_FALSE(has(p.jobs[0].argv, "-O2"));
  EXPECT_FALSE(has(p.jobs[0].argv, "-g"));
  EXPECT_TRUE(has(p.jobs[2].argv, "-Wshadow") && has(p.jobs[2].argv, "-O2") && has(p.jobs[2].argv, "-g"));
}

TEST(Plan, DeviceFlagsFollowDebugFastMathAndFmad) {
  const auto g = job_argv({"-G", "-c", "k.cu"}, 0);
  EXPECT_TRUE(has(g, "-O0") && !has(g, "-O3"));
  const auto li = job_argv({"-lineinfo", "-c", "k.cu"}, 0);
  EXPECT_TRUE(has(li, "-gline-tables-only") && has(li, "-O3"));
  const Plan fm = plan({"--use_fast_math", "-fmad=false", "-c", "k.cu"});
  EXPECT_TRUE(has(fm.jobs[0].argv, "-D__USE_FAST_MATH__=1") && has(fm.jobs[2].argv, "-D__USE_FAST_MATH__=1"));
  EXPECT_TRUE(has(fm.jobs[0].argv, "-ffp-contract=off"));
  EXPECT_TRUE(has(plan({"-arch=sm_75", "-c", "k.cu"}).jobs[2].argv, "--cuda-gpu-arch=sm_75"));
}

TEST(Plan, PtxCubinAndFatbinPhases) {
  Plan ptx = plan({"-ptx", "k.cu"});
  ASSERT_EQ(ptx.jobs.size(), 1u);
  EXPECT_TRUE(has_sequence(ptx.jobs[0].argv, {"-S", "-o", "k.ptx", "k.cu"}));

  Plan cubin = plan({"-cubin", "--maxrregcount=32", "-o", "out.cnb", "k.cu"});
  ASSERT_EQ(cubin.jobs.size(), 2u);
  EXPECT_EQ(cubin.jobs[1].finalize.cnb_path, "out.cnb");
  EXPECT_TRUE(cubin.jobs[1].finalize.fatbin_path.empty());
  EXPECT_EQ(cubin.jobs[1].finalize.max_registers, 32u);

  Plan fatbin = plan({"-fatbin", "k.cu"});
  EXPECT_EQ(fatbin.jobs[1].finalize.fatbin_path, "k.cnfb");
  EXPECT_NE(plan_error({"-ptx", "m.cpp"}).find("not CUDA"), std::string::npos);
}

TEST(Plan, KeepAlsoWritesTheNativeModule) {
  Plan p = plan({"--keep", "-c", "k.cu"});
  EXPECT_EQ(p.jobs[1].finalize.cnb_path, "/w/k.cnb");
}

TEST(Plan, SameStemsGetDistinctIntermediates) {
  Plan p = plan({"a/x.cu", "b/x.cu"});
  const auto& link = p.jobs.back().argv;
  EXPECT_TRUE(has(link, "/w/x.o") && has(link, "/w/x-2.o"));
  EXPECT_EQ(p.jobs[1].finalize.fatbin_path, "/w/x.cnfb");
  EXPECT_EQ(p.jobs[4].finalize.fatbin_path, "/w/x-2.cnfb");
}

TEST(Plan, OutputNameWithSeveralOutputsIsAnError) {
  EXPECT_NE(plan_error({"-c", "a.cu", "b.cu", "-o", "x.o"}).find("several output"), std::string::npos);
  EXPECT_EQ(plan({"-c", "a.cu", "b.cpp"}).jobs.size(), 4u);
  EXPECT_NE(plan_error({"-c", "x.o"}).find("no source"), std::string::npos);
}

TEST(Plan, SharedLibrariesArePositionIndependent) {
  Plan p = plan({"-shared", "-o", "libk.so", "k.cu"});
  EXPECT_TRUE(has(p.jobs[2].argv, "-fPIC"));
  EXPECT_TRUE(has(p.jobs.back().argv, "-shared"));
}

TEST(Plan, LinkDriverOverrideAndFlags) {
  Plan p = plan({"--canopy-link-driver=g++", "--canopy-link-flag=-fsanitize=address,undefined", "k.cu"});
  const auto& link = p.jobs.back().argv;
  EXPECT_EQ(link[0], "g++");
  EXPECT_EQ(link[1], "-fsanitize=address,undefined");
  EXPECT_EQ(p.jobs[0].argv[0], "clang++-14");
}

// The target of every clang job is the host canopy runs on: a cross-built canopy (under qemu) drives the
// build host's clang for its own host (docs/hosts.md).
Plan plan_for_target(std::vector<std::string> args, const std::string& target) {
  ToolchainPaths paths = kPaths;
  paths.target = target;
  Expected<CcOptions> o = parse_cc_args(args);
  EXPECT_TRUE(o.ok());
  if (!o) return {};
  Expected<Plan> p = plan_cc(*o, paths, "/w");
  EXPECT_TRUE(p.ok());
  return p.ok() ? *p : Plan{};
}

TEST(Plan, EveryClangJobTargetsTheHostTriple) {
  const std::string flag = "--target=aarch64-linux-gnu";
  Plan p = plan_for_target({"a.cu", "b.cpp", "c.c", "-o", "app"}, "aarch64-linux-gnu");
  ASSERT_EQ(p.jobs.size(), 6u);  // a.cu: device, finalize, host; b.cpp; c.c; link
  for (const Job& job : p.jobs) {
    if (job.kind != Job::Kind::Command) continue;
    ASSERT_GE(job.argv.size(), 2u);
    EXPECT_EQ(job.argv[0], "clang++-14");
    EXPECT_EQ(job.argv[1], flag) << describe_job(job);
    EXPECT_EQ(std::count(job.argv.begin(), job.argv.end(), flag), 1);
  }
  // The CUDA jobs stay CUDA jobs: the triple is their host side's; the device side is nvptx64.
  EXPECT_TRUE(has_sequence(p.jobs[0].argv, {flag, "-x", "cuda", "--cuda-device-only"}));
  EXPECT_TRUE(has_sequence(p.jobs[2].argv, {flag, "-x", "cuda", "--cuda-host-only"}));
  for (const char* phase : {"-E", "-M", "-ptx"})
    EXPECT_EQ(plan_for_target({phase, "k.cu"}, "mips64el-linux-gnuabi64").jobs[0].argv[1],
              "--target=mips64el-linux-gnuabi64")
        << phase;
}

TEST(Plan, NoTargetFlagWhenTheTripleIsUnknownOrTheLinkDriverIsNotClang) {
  for (const Job& job : plan({"a.cu", "b.cpp"}).jobs)
    for (const std::string& arg : job.argv) EXPECT_NE(arg.rfind("--target", 0), 0u) << arg;
  Plan p = plan_for_target({"--canopy-link-driver=g++", "k.cu"}, "x86_64-linux-gnu");
  EXPECT_EQ(p.jobs.back().argv[0], "g++");
  EXPECT_FALSE(has(p.jobs.back().argv, "--target=x86_64-linux-gnu"));
  EXPECT_TRUE(has(p.jobs[0].argv, "--target=x86_64-linux-gnu"));
}

TEST(Plan, DependencyAndPreprocessPhasesRunTheHostSide) {
  Plan m = plan({"-M", "k.cu"});
  ASSERT_EQ(m.jobs.size(), 1u);
  EXPECT_TRUE(has(m.jobs[0].argv, "-M") && has(m.jobs[0].argv, "--cuda-host-only"));
  EXPECT_FALSE(has(m.jobs[0].argv, "-o"));
  Plan md = plan({"-MD", "-MF", "k.d", "-c", "k.cu"});
  EXPECT_TRUE(has_sequence(md.jobs[2].argv, {"-MD", "-MF", "k.d"}));
  EXPECT_FALSE(has(md.jobs[0].argv, "-MD"));
  Plan e = plan({"-E", "k.cu"});
  EXPECT_TRUE(has(e.jobs[0].argv, "-E"));
}

TEST(Plan, DescribesFinalizeJobs) {
  Plan p = plan({"--maxrregcount", "64", "-c", "k.cu"});
  EXPECT_EQ(describe_job(p.jobs[1]),
            "canopy-finalize /w/k.ptx --maxrregcount 64 --fatbin /w/k.cnfb --source k.cu");
}

}  // namespace
}  // namespace canopy::toolchain
