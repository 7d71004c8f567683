#include "toolchain/plan.h"

#include <filesystem>
#include <set>

#include "toolchain/process.h"

namespace canopy::toolchain {

namespace {

namespace fs = std::filesystem;
using Args = std::vector<std::string>;

void append(Args& to, const Args& from) { to.insert(to.end(), from.begin(), from.end()); }

std::string stem_of(const std::string& path) { return fs::path(path).stem().string(); }

bool is_source(const Input& in) { return in.kind != InputKind::Object; }

bool is_cxx_standard(const std::string& std) { return std.find("++") != std::string::npos; }

class Planner {
 public:
  Planner(const CcOptions& o, const ToolchainPaths& p, std::string work_dir)
      : o_(o), p_(p), work_(std::move(work_dir)) {}

  Expected<Plan> run() {
    size_t sources = 0, cuda_sources = 0;
    for (const Input& in : o_.inputs) {
      sources += is_source(in);
      cuda_sources += in.kind == InputKind::Cuda;
    }
    bool device_only = o_.phase == Phase::Ptx || o_.phase == Phase::Cubin || o_.phase == Phase::Fatbin;
    size_t outputs = device_only ? cuda_sources : sources;
    if (o_.phase != Phase::Link && !o_.output.empty() && outputs > 1)
      return make_error("canopy cc: cannot use -o with several output files (" + std::to_string(outputs) +
                        ")");
    if (o_.phase != Phase::Link && sources == 0) return make_error("canopy cc: no source files to compile");
    for (const Input& in : o_.inputs) {
      if (!is_source(in)) continue;
      if (device_only && in.kind != InputKind::Cuda)
        return make_error("canopy cc: '" + in.path +
                          "' is not CUDA; -ptx, -cubin and -fatbin take .cu files");
      if (Status s = plan_source(in); !s) return s.error();
    }
    if (o_.phase == Phase::Link) plan_link();
    return std::move(plan_);
  }

 private:
  // An intermediate file name in the work directory, unique within this plan.
  std::string intermediate(const std::string& input, const std::string& extension) {
    std::string stem = stem_of(input);
    std::string name = stem;
    for (int n = 2; !stems_.insert(name + extension).second; ++n) name = stem + "-" + std::to_string(n);
    return (fs::path(work_) / (name + extension)).string();
  }

  std::string final_output(const std::string& input, const std::string& extension) const {
    return o_.output.empty() ? stem_of(input) + extension : o_.output;
  }

  Status plan_source(const Input& in) {
    switch (o_.phase) {
      case Phase::Preprocess:
      case Phase::Dependencies:
        plan_.jobs.push_back(
            command(host_compile(in, o_.phase == Phase::Preprocess ? "-E" : nullptr, o_.output)));
        return {};
      case Phase::Ptx:
        plan_.jobs.push_back(command(device_compile(in, final_output(in.path, ".ptx"))));
        return {};
      case Phase::Cubin:
      case Phase::Fatbin: {
        std::string ptx = intermediate(in.path, ".ptx");
        plan_.jobs.push_back(command(device_compile(in, ptx)));
        bool cubin = o_.phase == Phase::Cubin;
        std::string out = final_output(in.path, cubin ? ".cnb" : ".cnfb");
        plan_.jobs.push_back(finalize(in, ptx, cubin ? out : keep_cnb(in), cubin ? "" : out));
        return {};
      }
      case Phase::Compile:
        compile_object(in, final_output(in.path, ".o"));
        return {};
      case Phase::Link:
        link_objects_.push_back(intermediate(in.path, ".o"));
        compile_object(in, link_objects_.back());
        return {};
    }
    return {};
  }

  std::string keep_cnb(const Input& in) { return o_.keep ? intermediate(in.path, ".cnb") : std::string(); }

  void compile_object(const Input& in, const std::string& object) {
    if (in.kind != InputKind::Cuda) {
      plan_.jobs.push_back(command(host_compile(in, "-c", object)));
      return;
    }
    std::string ptx = intermediate(in.path, ".ptx");
    std::string fatbin = intermediate(in.path, ".cnfb");
    plan_.jobs.push_back(command(device_compile(in, ptx)));
    plan_.jobs.push_back(finalize(in, ptx, keep_cnb(in), fatbin));
    Args host = host_compile(in, "-c", object);
    host.insert(host.end() - 4, {"-Xclang", "-fcuda-include-gpubinary", "-Xclang", fatbin});
    plan_.jobs.push_back(command(std::move(host)));
  }

  Args cuda_common() const {
    Args a{"--cuda-gpu-arch=" + o_.gpu_arch, "--cuda-path=" + p_.sdk_dir, "-nocudainc", "-nocudalib",
           "-Wno-unknown-cuda-version",
           // nvcc accepts variadic device declarations (SFINAE helpers in libcu++ and Thrust).
           "-Xclang", "-fcuda-allow-variadic-functions"};
    return a;
  }

  // Canopy's include dir comes before the user's so that a real CUDA include path cannot shadow it.
  Args preprocessor(const Input& in) const {
    Args a = in.kind == InputKind::Cuda ? cuda_macros(o_) : host_macros();
    a.push_back("-I" + p_.include_dir);
    if (in.kind == InputKind::Cuda) append(a, {"-include", "cuda_runtime.h"});
    append(a, o_.preprocessor);
    return a;
  }

  Args language_standard(const Input& in) const {
    if (in.kind == InputKind::C)
      return o_.std.empty() || is_cxx_standard(o_.std) ? Args{} : Args{"-std=" + o_.std};
    if (!o_.std.empty() && !is_cxx_standard(o_.std)) return {};
    return {"-std=" + (o_.std.empty() ? std::string("c++17") : o_.std)};
  }

  // clang compiles for the host canopy runs on (a cross-built canopy: the foreign host). For CUDA it is
  // the host side's triple, which the device side (nvptx64) also follows for type layouts.
  Args target() const { return p_.target.empty() ? Args{} : Args{"--target=" + p_.target}; }

  Args device_compile(const Input& in, const std::string& ptx) const {
    Args a{p_.clang};
    append(a, target());
    append(a, {"-x", "cuda", "--cuda-device-only"});
    append(a, cuda_common());
    append(a, {"-Xclang", "-target-sdk-version=11.5"});
    append(a, language_standard(in));
    // Like nvcc, -O concerns host code; device code is optimized unless -G asks for debuggable code.
    a.push_back(o_.device_debug ? "-O0" : "-O3");
    if (o_.line_info || o_.device_debug) a.push_back("-gline-tables-only");
    if (!o_.fmad) a.push_back("-ffp-contract=off");
    append(a, preprocessor(in));
    append(a, o_.warnings);
    append(a, {"-S", "-o", ptx, in.path});
    return a;
  }

  // `action` is -c, -E or null (-M: the dependency flags say what to do). The last four arguments are
  // always [action-or-nothing..., -o, out, input] so callers can insert before them.
  Args host_compile(const Input& in, const char* action, const std::string& out) const {
    Args a{p_.clang};
    append(a, target());
    append(a, {"-x", in.kind == InputKind::Cuda ? "cuda" : in.kind == InputKind::C ? "c" : "c++"});
    if (in.kind == InputKind::Cuda) {
      a.push_back("--cuda-host-only");
      append(a, cuda_common());
    }
    append(a, language_standard(in));
    if (!o_.opt_level.empty()) a.push_back("-O" + o_.opt_level);
    if (o_.host_debug) a.push_back("-g");
    append(a, preprocessor(in));
    append(a, o_.warnings);
    append(a, o_.host_flags);
    if (o_.shared && !has_host_flag("-fPIC") && !has_host_flag("-fpic")) a.push_back("-fPIC");
    append(a, o_.dependency_flags);
    if (action) a.push_back(action);
    if (!out.empty()) append(a, {"-o", out});
    a.push_back(in.path);
    return a;
  }

  bool has_host_flag(const std::string& flag) const {
    for (const std::string& f : o_.host_flags)
      if (f == flag) return true;
    return false;
  }

  Args host_macros() const {
    return {"-D__NVCC__", "-D__CUDACC_VER_MAJOR__=11", "-D__CUDACC_VER_MINOR__=5", "-D__CUDACC_VER_BUILD__=0",
            "-D__CANOPY__=1"};
  }

  Job finalize(const Input& in, const std::string& ptx, const std::string& cnb,
               const std::string& fatbin) const {
    Job job;
    job.kind = Job::Kind::Finalize;
    job.finalize = {ptx, in.path, cnb, fatbin, o_.max_registers, o_.ptxas_verbose};
    return job;
  }

  static Job command(Args argv) {
    Job job;
    job.argv = std::move(argv);
    return job;
  }

  void plan_link() {
    Args a{o_.link_driver.empty() ? p_.clang : o_.link_driver};
    // Another link driver (CANOPY_CC_LINKER, --canopy-link-driver: often gcc) targets its own host.
    if (o_.link_driver.empty()) append(a, target());
    append(a, o_.link_driver_flags);
    if (o_.shared) a.push_back("-shared");
    if (o_.host_debug) a.push_back("-g");
    append(a, o_.host_flags);
    append(a, {"-o", o_.output.empty() ? std::string("a.out") : o_.output});
    for (const std::string& dir : o_.library_dirs) a.push_back("-L" + dir);
    size_t next_object = 0;
    for (const Input& in : o_.inputs) a.push_back(is_source(in) ? link_objects_[next_object++] : in.path);
    append(a, o_.linker_flags);
    append(a, {"-L" + p_.lib_dir, "-lcanopy_cudart", "-Wl,-rpath," + p_.lib_dir});
    plan_.jobs.push_back(command(std::move(a)));
  }

  const CcOptions& o_;
  const ToolchainPaths& p_;
  std::string work_;
  std::set<std::string> stems_;
  std::vector<std::string> link_objects_;
  Plan plan_;
};

}  // namespace

std::vector<std::string> cuda_macros(const CcOptions& options) {
  Args a{"-D__NVCC__",
         "-D__CUDACC__",
         "-D__CUDACC_VER_MAJOR__=11",
         "-D__CUDACC_VER_MINOR__=5",
         "-D__CUDACC_VER_BUILD__=0",
         "-D__CANOPY__=1"};
  if (options.use_fast_math) a.push_back("-D__USE_FAST_MATH__=1");
  return a;
}

Expected<Plan> plan_cc(const CcOptions& options, const ToolchainPaths& paths, const std::string& work_dir) {
  return Planner(options, paths, work_dir).run();
}

std::string describe_job(const Job& job) {
  if (job.kind == Job::Kind::Command) return quote_command(job.argv);
  const FinalizeJob& f = job.finalize;
  Args a{"canopy-finalize", f.ptx_path};
  if (f.max_registers) append(a, {"--maxrregcount", std::to_string(*f.max_registers)});
  if (!f.cnb_path.empty()) append(a, {"-o", f.cnb_path});
  if (!f.fatbin_path.empty()) append(a, {"--fatbin", f.fatbin_path, "--source", f.source_name});
  return quote_command(a);
}

}  // namespace canopy::toolchain
