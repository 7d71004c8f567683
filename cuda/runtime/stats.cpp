// Statistics: accumulation per kernel name, the stderr table and the JSON document.
#include "cuda/runtime/stats.h"

#include <cxxabi.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

namespace canopy::cudart {

namespace {

std::string dim(const gpu::Dim3& d) {
  char text[48];
  std::snprintf(text, sizeof text, "(%u,%u,%u)", static_cast<unsigned>(d.x), static_cast<unsigned>(d.y),
                static_cast<unsigned>(d.z));
  return text;
}

// The C++ name a programmer wrote ("reduce(int const*, int*, int)"), as profilers show it; C names and
// anything the demangler rejects stay as they are.
std::string demangle(const std::string& name) {
  int status = 0;
  char* text = abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status);
  std::string result = (status == 0 && text) ? std::string(text) : name;
  std::free(text);
  return result;
}

nlohmann::ordered_json dim_json(const gpu::Dim3& d) { return nlohmann::ordered_json::array({d.x, d.y, d.z}); }

}  // namespace

void Stats::record(const gpu::KernelStats& launch) {
  auto [it, inserted] = index_.emplace(launch.name, kernels_.size());
  if (inserted) {
    kernels_.emplace_back();
    kernels_.back().name = launch.name;
  }
  KernelSummary& k = kernels_[it->second];
  k.launches += 1;
  k.grid = launch.grid;
  k.block = launch.block;
  k.warp_instructions += launch.warp_instructions;
  k.thread_instructions += launch.thread_instructions;
  k.sim_seconds += launch.sim_seconds;
}

std::string Stats::table() const {
  std::string out = "canopy: kernel statistics\n";
  char line[512];
  std::snprintf(line, sizeof line, "%9s %20s %16s %16s %18s %11s  %s\n", "launches", "grid (last)",
                "block (last)", "warp instr", "thread instr", "sim s", "kernel");
  out += line;
  uint64_t launches = 0, warp = 0, thread = 0;
  double seconds = 0;
  for (const KernelSummary& k : kernels_) {
    std::snprintf(line, sizeof line, "%9" PRIu64 " %20s %16s %16" PRIu64 " %18" PRIu64 " %11.6f  ",
                  k.launches, dim(k.grid).c_str(), dim(k.block).c_str(), k.warp_instructions,
                  k.thread_instructions, k.sim_seconds);
    out += line;
    out += demangle(k.name);  // names last: they can be long
    out += '\n';
    launches += k.launches;
    warp += k.warp_instructions;
    thread += k.thread_instructions;
    seconds += k.sim_seconds;
  }
  std::snprintf(line, sizeof line,
                "%9" PRIu64 " %20s %16s %16" PRIu64 " %18" PRIu64 " %11.6f  total (%zu kernels)\n", launches,
                "", "", warp, thread, seconds, kernels_.size());
  out += line;
  return out;
}

std::string Stats::json() const {
  nlohmann::ordered_json kernels = nlohmann::ordered_json::array();
  uint64_t launches = 0, warp = 0, thread = 0;
  double seconds = 0;
  for (const KernelSummary& k : kernels_) {
    nlohmann::ordered_json j;
    j["name"] = demangle(k.name);
    j["mangled_name"] = k.name;
    j["launches"] = k.launches;
    j["grid"] = dim_json(k.grid);
    j["block"] = dim_json(k.block);
    j["warp_instructions"] = k.warp_instructions;
    j["thread_instructions"] = k.thread_instructions;
    j["sim_seconds"] = k.sim_seconds;
    kernels.push_back(std::move(j));
    launches += k.launches;
    warp += k.warp_instructions;
    thread += k.thread_instructions;
    seconds += k.sim_seconds;
  }
  nlohmann::ordered_json totals;
  totals["kernels"] = kernels_.size();
  totals["launches"] = launches;
  totals["warp_instructions"] = warp;
  totals["thread_instructions"] = thread;
  totals["sim_seconds"] = seconds;
  nlohmann::ordered_json root;
  root["kernels"] = std::move(kernels);
  root["totals"] = std::move(totals);
  return root.dump(2) + "\n";
}

void report_stats_from_environment(const Stats& stats) {
  const char* print = std::getenv("CANOPY_STATS");
  if (print && *print && std::strcmp(print, "0") != 0) {
    std::fflush(stdout);  // the program's own output first, as it was written before exit
    std::string text = stats.table();
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
  }
  const char* path = std::getenv("CANOPY_STATS_JSON");
  if (path && *path) {
    std::ofstream out(path, std::ios::binary);
    out << stats.json();
    if (!out) std::fprintf(stderr, "canopy: cannot write statistics to '%s'\n", path);
  }
}

}  // namespace canopy::cudart
