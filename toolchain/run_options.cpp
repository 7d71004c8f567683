#include "toolchain/run_options.h"

#include <algorithm>

namespace canopy::toolchain {

namespace {

bool is_positive_number(const std::string& s) {
  return !s.empty() && s.size() <= 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) && std::stoul(s) > 0;
}

}  // namespace

Expected<RunOptions> parse_run_args(const std::vector<std::string>& args) {
  RunOptions o;
  size_t i = 0;
  auto value = [&](const std::string& name, std::string& out) -> Status {
    if (i + 1 >= args.size()) return make_error("canopy run: " + name + " needs a value");
    out = args[++i];
    return {};
  };
  for (; i < args.size(); ++i) {
    std::string a = args[i];
    std::string attached;
    if (size_t eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      attached = a.substr(eq + 1);
      a.resize(eq);
      if (a != "--gpu" && a != "--threads" && a != "--stats-json")
        return make_error("canopy run: option '" + a + "' takes no value");
    }
    auto take = [&](std::string& out) -> Status {
      if (!attached.empty()) {
        out = attached;
        return {};
      }
      return value(a, out);
    };
    Status s;
    if (a == "--") {
      ++i;
      break;
    } else if (a == "--gpu") {
      s = take(o.gpu);
    } else if (a == "--threads") {
      s = take(o.threads);
      if (s && !is_positive_number(o.threads))
        return make_error("canopy run: --threads needs a positive number, not '" + o.threads + "'");
    } else if (a == "--stats") {
      o.stats = true;
    } else if (a == "--strict-memory") {
      o.strict_memory = true;
    } else if (a == "--stats-json") {
      s = take(o.stats_json);
    } else if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (!a.empty() && a[0] == '-') {
      return make_error("canopy run: unknown option '" + a + "' (put the program after --)");
    } else {
      break;
    }
    if (!s) return s.error();
  }
  o.command.assign(args.begin() + static_cast<std::ptrdiff_t>(std::min(i, args.size())), args.end());
  if (o.command.empty() && !o.help) return make_error("canopy run: no program given");
  return o;
}

std::vector<std::pair<std::string, std::string>> run_environment(const RunOptions& o) {
  std::vector<std::pair<std::string, std::string>> env;
  if (!o.gpu.empty()) env.emplace_back("CANOPY_GPU", o.gpu);
  if (!o.threads.empty()) env.emplace_back("CANOPY_HOST_THREADS", o.threads);
  if (o.stats) env.emplace_back("CANOPY_STATS", "1");
  if (o.strict_memory) env.emplace_back("CANOPY_STRICT_MEMORY", "1");
  if (!o.stats_json.empty()) env.emplace_back("CANOPY_STATS_JSON", o.stats_json);
  return env;
}

std::string run_help_text() {
  return "usage: canopy run [--gpu PRESET|FILE.json] [--threads N] [--stats] [--stats-json FILE] "
         "[--strict-memory] -- PROGRAM [ARGS...]\n"
         "Runs a program built with 'canopy cc' on the chosen simulated GPU: sets CANOPY_GPU, "
         "CANOPY_HOST_THREADS,\n"
         "CANOPY_STATS=1, CANOPY_STATS_JSON and CANOPY_STRICT_MEMORY=1 for libcanopy_cudart, then executes "
         "PROGRAM.\n"
         "--strict-memory: every access outside an allocation faults (by default allocations are packed into\n"
         "2 MiB mappings as with the CUDA driver, and only accesses outside mapped memory fault).\n";
}

}  // namespace canopy::toolchain
