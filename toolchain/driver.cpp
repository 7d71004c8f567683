#include "toolchain/driver.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "toolchain/attribute_rewrite.h"
#include "toolchain/cc_options.h"
#include "toolchain/fatbin_job.h"
#include "toolchain/plan.h"
#include "toolchain/process.h"

namespace canopy::toolchain {

namespace {

void print_version() {
  std::printf(
      "canopy cc: the Canopy CUDA compiler driver, version 0.1.0 (clang 14 front end, CUDA 11.5 API)\n"
      "Cuda compilation tools, release 11.5, V11.5.0 (Canopy)\n");
}

void print_paths(const ToolchainPaths& p) {
  std::printf("clang: %s\ninclude: %s\nsdk: %s\nlib: %s\ntarget: %s\n", p.clang.c_str(),
              p.include_dir.c_str(), p.sdk_dir.c_str(), p.lib_dir.c_str(), p.target.c_str());
}

// Where intermediates go: the --keep directory, or a private temporary one (owned by `temp`).
Expected<std::string> work_directory(const CcOptions& o, std::optional<TempDir>& temp) {
  if (o.keep) {
    std::string dir = o.keep_dir.empty() ? "." : o.keep_dir;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return make_error("canopy cc: cannot create --keep-dir '" + dir + "': " + ec.message());
    return dir;
  }
  if (o.dry_run) return std::string("<tmp>");
  Expected<TempDir> dir = TempDir::create("canopy-cc");
  if (!dir) return make_error("canopy cc: " + dir.error().message);
  temp.emplace(std::move(*dir));
  return temp->path();
}

int run_job(const Job& job, const CcOptions& o) {
  if (o.verbose || o.dry_run) std::fprintf(stderr, "#$ %s\n", describe_job(job).c_str());
  if (o.dry_run) return 0;
  if (job.kind == Job::Kind::Finalize) {
    Status s = run_finalize_job(job.finalize, stderr);
    if (s) return 0;
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    std::fprintf(stderr, "canopy cc: note: the PTX above was generated from '%s'%s\n",
                 job.finalize.source_name.c_str(), o.keep ? "" : "; --keep keeps it");
    return 1;
  }
  Expected<int> rc = run_process(job.argv);
  if (!rc) {
    std::fprintf(stderr, "canopy cc: %s\n", rc.error().message.c_str());
    return 1;
  }
  return *rc;
}

// .cu inputs with `__shared__ alignas(...)` (see attribute_rewrite.h): the rewritten copy in the work
// directory, starting with a #line that names the original (so diagnostics and __FILE__ do), replaces the
// input in every job, and -iquote keeps its directory first for quoted includes.
Status rewrite_attributes(const CcOptions& o, const std::string& work, Plan& plan) {
  int count = 0;
  for (const Input& entry : o.inputs) {
    if (entry.kind != InputKind::Cuda) continue;
    const std::string& input = entry.path;
    const std::filesystem::path path(input);
    std::ifstream in(input, std::ios::binary);
    if (!in) continue;  // clang reports the missing file
    std::stringstream text;
    text << in.rdbuf();
    std::optional<std::string> rewritten = move_alignas_first(text.str());
    if (!rewritten) continue;
    const std::string copy = work + "/" + path.stem().string() + ".alignas" + std::to_string(count++) + ".cu";
    std::ofstream out(copy, std::ios::binary);
    out << "#line 1 \"" << input << "\"\n" << *rewritten;
    if (!out) return make_error("canopy cc: cannot write '" + copy + "'");
    std::string dir = path.parent_path().string();
    if (dir.empty()) dir = ".";
    for (Job& job : plan.jobs) {
      if (job.kind != Job::Kind::Command) continue;
      bool uses = false;
      for (std::string& arg : job.argv)
        if (arg == input) arg = copy, uses = true;
      if (uses) job.argv.insert(job.argv.begin() + 1, {"-iquote", dir});
    }
  }
  return Status::success();
}

}  // namespace

int run_cc(const std::vector<std::string>& args, const DriverEnvironment& env) {
  Expected<CcOptions> parsed = parse_cc_args(args);
  if (!parsed) {
    std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
    return 2;
  }
  CcOptions& o = *parsed;
  if (o.link_driver.empty()) o.link_driver = env.linker_override;
  if (o.show_help) std::fputs(cc_help_text().c_str(), stdout);
  if (o.show_version) print_version();
  ToolchainPaths paths =
      locate_toolchain(env.exe_path, env.build_tree, env.lib_dirs, env.clang_override, env.path_env);
  paths.target = host_target(env.target_override);
  if (o.print_paths) print_paths(paths);
  if (o.inputs.empty()) return 0;

  std::optional<TempDir> temp;
  Expected<std::string> work = work_directory(o, temp);
  if (!work) {
    std::fprintf(stderr, "%s\n", work.error().message.c_str());
    return 1;
  }
  Expected<Plan> plan = plan_cc(o, paths, *work);
  if (!plan) {
    std::fprintf(stderr, "%s\n", plan.error().message.c_str());
    return 2;
  }
  if (!o.dry_run) {
    if (Status s = rewrite_attributes(o, *work, *plan); !s) {
      std::fprintf(stderr, "%s\n", s.error().message.c_str());
      return 1;
    }
  }
  for (const Job& job : plan->jobs)
    if (int rc = run_job(job, o); rc != 0) return rc;
  return 0;
}

}  // namespace canopy::toolchain
