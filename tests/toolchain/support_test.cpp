// Locating the toolchain, running processes, quoting, and canopy run's options.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "toolchain/paths.h"
#include "toolchain/process.h"
#include "toolchain/run_options.h"

namespace canopy::toolchain {
namespace {

namespace fs = std::filesystem;

void touch(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "x";
}

const BuildTreeLayout kBuild{"/build/inc", "/build/sdk", "/build/lib"};

TEST(Paths, UsesTheBuildTreeWithoutAnInstalledLayout) {
  ToolchainPaths p = locate_toolchain("/nowhere/bin/canopy", kBuild, {"lib"}, "my-clang", "");
  EXPECT_EQ(p.clang, "my-clang");
  EXPECT_EQ(p.include_dir, "/build/inc");
  EXPECT_EQ(p.sdk_dir, "/build/sdk");
  EXPECT_EQ(p.lib_dir, "/build/lib");
}

TEST(Paths, PrefersTheInstalledLayoutNextToTheExecutable) {
  Expected<TempDir> dir = TempDir::create("canopy-paths-test");
  ASSERT_TRUE(dir.ok());
  fs::path prefix = dir->path();
  touch(prefix / "include/canopy/cuda/cuda_runtime.h");
  touch(prefix / "share/canopy/cuda-sdk/version.txt");
  touch(prefix / "lib64/libcanopy_cudart.so");
  std::string exe = (prefix / "bin/canopy").string();
  ToolchainPaths p = locate_toolchain(exe, kBuild, {"lib", "lib64"}, "", "");
  EXPECT_EQ(p.include_dir, (prefix / "include/canopy/cuda").string());
  EXPECT_EQ(p.sdk_dir, (prefix / "share/canopy/cuda-sdk").string());
  EXPECT_EQ(p.lib_dir, (prefix / "lib64").string());
  // Without the runtime library the layout is incomplete: the build tree is used.
  EXPECT_EQ(locate_toolchain(exe, kBuild, {"lib"}, "", "").include_dir, "/build/inc");
}

TEST(Paths, DefaultClangIsClang14WhenOnPath) {
  Expected<TempDir> dir = TempDir::create("canopy-paths-test");
  ASSERT_TRUE(dir.ok());
  EXPECT_EQ(locate_toolchain("", kBuild, {}, "", dir->path()).clang, "clang++");
  fs::path fake = fs::path(dir->path()) / "clang++-14";
  touch(fake);
  fs::permissions(fake, fs::perms::owner_all);
  EXPECT_EQ(locate_toolchain("", kBuild, {}, "", "/nonexistent:" + dir->path()).clang, "clang++-14");
  EXPECT_EQ(find_in_path("clang++-14", "/nonexistent:" + dir->path()), dir->path());
}

TEST(Paths, HostTargetIsTheBuildsTripleUnlessOverridden) {
  EXPECT_EQ(host_target(""), CANOPY_TEST_HOST_TARGET);
  EXPECT_FALSE(host_target("").empty());  // every supported build knows its triple
  EXPECT_EQ(host_target("mips64el-linux-gnuabi64"), "mips64el-linux-gnuabi64");
}

TEST(Process, ReportsExitStatusAndStartFailures) {
  Expected<int> ok = run_process({"true"});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 0);
  Expected<int> bad = run_process({"false"});
  ASSERT_TRUE(bad.ok());
  EXPECT_NE(*bad, 0);
  Expected<int> missing = run_process({"/nonexistent/canopy-no-such-program"});
#ifdef CANOPY_TEST_UNDER_EMULATOR
  // qemu-user runs posix_spawn's vfork-style clone as a fork, so the failed exec cannot be reported to
  // the parent: it shows as the child's exit status 127 (still a failure for canopy cc).
  EXPECT_TRUE(!missing.ok() || *missing == 127);
#else
  EXPECT_FALSE(missing.ok());
#endif
}

TEST(Process, QuotesOnlyWhatAShellWouldSplit) {
  EXPECT_EQ(quote_command({"clang++-14", "-DX=1", "a b.cu", "it's", ""}),
            "clang++-14 -DX=1 'a b.cu' 'it'\\''s' ''");
}

TEST(Process, TempDirIsRemovedWithItsContents) {
  std::string path;
  {
    Expected<TempDir> dir = TempDir::create("canopy-temp-test");
    ASSERT_TRUE(dir.ok());
    path = dir->path();
    touch(fs::path(path) / "sub/file.o");
    EXPECT_TRUE(fs::exists(path));
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(RunOptions, SetsTheRuntimeVariables) {
  Expected<RunOptions> o = parse_run_args(
      {"--gpu", "a100", "--threads=4", "--stats", "--stats-json", "s.json", "--", "./app", "-x", "1"});
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->command, (std::vector<std::string>{"./app", "-x", "1"}));
  std::vector<std::pair<std::string, std::string>> expected{{"CANOPY_GPU", "a100"},
                                                            {"CANOPY_HOST_THREADS", "4"},
                                                            {"CANOPY_STATS", "1"},
                                                            {"CANOPY_STATS_JSON", "s.json"}};
  EXPECT_EQ(run_environment(*o), expected);
}

TEST(RunOptions, ProgramMayFollowWithoutDoubleDash) {
  Expected<RunOptions> o = parse_run_args({"--stats", "./app", "--stats"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->command, (std::vector<std::string>{"./app", "--stats"}));
  EXPECT_EQ(run_environment(*o).size(), 1u);
}

TEST(RunOptions, RejectsBadInput) {
  EXPECT_FALSE(parse_run_args({}).ok());
  EXPECT_FALSE(parse_run_args({"--threads", "0", "./app"}).ok());
  EXPECT_FALSE(parse_run_args({"--threads", "many", "./app"}).ok());
  EXPECT_FALSE(parse_run_args({"--gpu"}).ok());
  EXPECT_FALSE(parse_run_args({"--bogus", "./app"}).ok());
  EXPECT_FALSE(parse_run_args({"--stats=1", "./app"}).ok());
  EXPECT_TRUE(parse_run_args({"--help"}).ok());
}

}  // namespace
}  // namespace canopy::toolchain
