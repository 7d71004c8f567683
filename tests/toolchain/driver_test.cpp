// canopy cc end to end in process: real clang jobs against a stub cuda_runtime.h (data/stub_include), so
// the driver is checked independently of Canopy's real headers and runtime.
#include "toolchain/driver.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "isa/fatbin.h"
#include "isa/module_format.h"
#include "toolchain/fatbin_job.h"
#include "toolchain/process.h"

namespace canopy::toolchain {
namespace {

namespace fs = std::filesystem;

const std::string kData = CANOPY_SOURCE_DIR "/tests/toolchain/data";

DriverEnvironment test_environment() {
  DriverEnvironment env;
  env.build_tree = {kData + "/stub_include", CANOPY_TEST_SDK_DIR, "/nonexistent-lib"};
  env.clang_override = CANOPY_TEST_CLANGXX;
  return env;
}

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

class Driver : public ::testing::Test {
 protected:
  void SetUp() override {
    Expected<TempDir> dir = TempDir::create("canopy-driver-test");
    ASSERT_TRUE(dir.ok());
    dir_.emplace(std::move(*dir));
  }
  std::string out(const std::string& name) const { return dir_->path() + "/" + name; }
  std::optional<TempDir> dir_;
};

TEST_F(Driver, FatbinHoldsTheNativeModulePtxAndSourceName) {
  std::string cnfb = out("saxpy.cnfb");
  ASSERT_EQ(run_cc({"-fatbin", "-arch=sm_75", "-o", cnfb, kData + "/saxpy.cu"}, test_environment()), 0);
  std::vector<uint8_t> image = read_bytes(cnfb);
  Expected<std::vector<isa::FatbinEntryView>> entries = isa::read_fatbin(image.data(), image.size());
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  const isa::FatbinEntryView* native = isa::find_entry(*entries, isa::FatbinKind::NativeModule);
  const isa::FatbinEntryView* ptx = isa::find_entry(*entries, isa::FatbinKind::PtxText);
  const isa::FatbinEntryView* source = isa::find_entry(*entries, isa::FatbinKind::SourceName);
  ASSERT_TRUE(native && ptx && source);
  Expected<isa::Module> module = isa::read_module(native->data, native->size);
  ASSERT_TRUE(module.ok()) << module.error().message;
  std::string ptx_text(reinterpret_cast<const char*>(ptx->data), ptx->size);
  EXPECT_NE(ptx_text.find(".target sm_75"), std::string::npos);
  EXPECT_NE(ptx_text.find(".entry _Z5saxpyifPKfPf"), std::string::npos);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(source->data), source->size), kData + "/saxpy.cu");
}

TEST_F(Driver, CompileProducesAnObjectAndKeepsIntermediatesOnRequest) {
  std::string object = out("saxpy.o");
  std::string keep = out("keep");
  ASSERT_EQ(run_cc({"-c", "--keep-dir", keep, "-o", object, kData + "/saxpy.cu"}, test_environment()), 0);
  EXPECT_GT(fs::file_size(object), 0u);
  for (const char* name : {"saxpy.ptx", "saxpy.cnb", "saxpy.cnfb"})
    EXPECT_TRUE(fs::exists(keep + "/" + name)) << name;
  std::vector<uint8_t> cnb = read_bytes(keep + "/saxpy.cnb");
  EXPECT_TRUE(isa::read_module(cnb.data(), cnb.size()).ok());
}

TEST_F(Driver, PtxPhaseWritesPtx) {
  std::string ptx = out("k.ptx");
  ASSERT_EQ(run_cc({"-ptx", "-o", ptx, kData + "/saxpy.cu"}, test_environment()), 0);
  std::ifstream f(ptx);
  std::stringstream text;
  text << f.rdbuf();
  EXPECT_NE(text.str().find(".target sm_80"), std::string::npos);
}

TEST_F(Driver, DebugAndLineInfoPtxFinalizes) {
  EXPECT_EQ(run_cc({"-fatbin", "-lineinfo", "-o", out("l.cnfb"), kData + "/saxpy.cu"}, test_environment()),
            0);
  EXPECT_EQ(run_cc({"-fatbin", "-G", "-o", out("g.cnfb"), kData + "/saxpy.cu"}, test_environment()), 0);
}

TEST_F(Driver, DependenciesNameTheImplicitRuntimeHeader) {
  std::string deps = out("saxpy.d");
  ASSERT_EQ(run_cc({"-M", "-o", deps, kData + "/saxpy.cu"}, test_environment()), 0);
  std::ifstream f(deps);
  std::stringstream text;
  text << f.rdbuf();
  EXPECT_NE(text.str().find("stub_include/cuda_runtime.h"), std::string::npos) << text.str();
}

TEST_F(Driver, ClangErrorsFailTheDriver) {
  EXPECT_NE(run_cc({"-c", "-o", out("x.o"), kData + "/syntax_error.cu"}, test_environment()), 0);
  EXPECT_FALSE(fs::exists(out("x.o")));
}

TEST_F(Driver, BadCommandLinesFailWithoutRunningAnything) {
  EXPECT_EQ(run_cc({"-dlink", kData + "/saxpy.cu"}, test_environment()), 2);
  EXPECT_EQ(run_cc({"--bogus", kData + "/saxpy.cu"}, test_environment()), 2);
}

TEST_F(Driver, DryRunRunsNothing) {
  std::string object = out("dry.o");
  EXPECT_EQ(run_cc({"--dryrun", "-c", "-o", object, kData + "/saxpy.cu"}, test_environment()), 0);
  EXPECT_FALSE(fs::exists(object));
}

TEST_F(Driver, VerboseShowsTheTargetFromCanopyCcTarget) {
  DriverEnvironment env = test_environment();
  env.target_override = "mips64el-linux-gnuabi64";
  ::testing::internal::CaptureStderr();
  int rc = run_cc({"--dryrun", "-o", out("app"), kData + "/saxpy.cu"}, env);
  std::string shown = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 0);
  std::istringstream lines(shown);
  int clang_jobs = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("canopy-finalize") != std::string::npos) continue;
    ++clang_jobs;
    EXPECT_NE(line.find(" --target=mips64el-linux-gnuabi64 "), std::string::npos) << line;
  }
  EXPECT_EQ(clang_jobs, 3);  // device, host, link
}

TEST(FinalizeJob, FinalizerErrorsAreFileLineColumn) {
  FinalizeJob job;
  job.ptx_path = kData + "/bad_register.ptx";
  job.source_name = "bad.cu";
  Status s = run_finalize_job(job, nullptr);
  ASSERT_FALSE(s.ok());
  std::regex file_line_col("^" +
                           std::regex_replace(job.ptx_path, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                           R"(:\d+:\d+: .+)");
  EXPECT_TRUE(std::regex_search(s.error().message, file_line_col)) << s.error().message;
}

TEST(FinalizeJob, MissingPtxIsAnError) {
  FinalizeJob job;
  job.ptx_path = "/nonexistent/x.ptx";
  Status s = run_finalize_job(job, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("cannot read"), std::string::npos);
}

TEST(FinalizeJob, BuildFatbinFromText) {
  const char* ptx = ".version 7.0\n.target sm_80\n.address_size 64\n.visible .entry k()\n{\n\tret;\n}\n";
  Expected<std::vector<uint8_t>> image = build_fatbin(ptx, "k.ptx", "k.cu", {});
  ASSERT_TRUE(image.ok()) << image.error().message;
  Expected<uint64_t> size = isa::fatbin_size(image->data());
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, image->size());
}

}  // namespace
}  // namespace canopy::toolchain
