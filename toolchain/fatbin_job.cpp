#include "toolchain/fatbin_job.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "isa/fatbin.h"
#include "isa/module_format.h"

namespace canopy::toolchain {

namespace {

std::vector<uint8_t> bytes_of(std::string_view text) { return {text.begin(), text.end()}; }

Expected<std::string> read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error("canopy cc: cannot read '" + path + "'");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

Status write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!file.flush()) return make_error("canopy cc: cannot write '" + path + "'");
  return {};
}

compiler::FinalizeOptions options_for(const FinalizeJob& job) {
  compiler::FinalizeOptions options;
  if (job.max_registers) options.max_registers = *job.max_registers;
  return options;
}

void print_resources(const isa::Module& m, std::FILE* out) {
  for (const compiler::KernelResources& r : compiler::resource_usage(m)) {
    std::fprintf(out, "canopy-ptxas info    : Compiling entry function '%s'\n", r.name.c_str());
    std::fprintf(out, "canopy-ptxas info    : Function properties for %s\n", r.name.c_str());
    std::fprintf(out, "    %u bytes stack frame, %u bytes spill stores, %u bytes spill loads\n",
                 r.local_bytes, r.spill_stores * 8, r.spill_loads * 8);
    std::fprintf(
        out, "canopy-ptxas info    : Used %u registers, %u bytes smem, %u bytes cmem[0], %u bytes param\n",
        r.registers, r.shared_bytes, r.const_bytes, r.param_bytes);
  }
}

std::vector<uint8_t> wrap(std::vector<uint8_t> native, std::string_view ptx, const std::string& source_name) {
  return isa::write_fatbin({{isa::FatbinKind::NativeModule, std::move(native)},
                            {isa::FatbinKind::PtxText, bytes_of(ptx)},
                            {isa::FatbinKind::SourceName, bytes_of(source_name)}});
}

}  // namespace

Expected<std::vector<uint8_t>> build_fatbin(std::string_view ptx, const std::string& ptx_name,
                                            const std::string& source_name,
                                            const compiler::FinalizeOptions& options) {
  Expected<isa::Module> module = compiler::compile_ptx(ptx, ptx_name, options);
  if (!module) return module.error();
  return wrap(isa::write_module(*module), ptx, source_name);
}

Status run_finalize_job(const FinalizeJob& job, std::FILE* report) {
  Expected<std::string> ptx = read_text(job.ptx_path);
  if (!ptx) return ptx.error();
  Expected<isa::Module> module = compiler::compile_ptx(*ptx, job.ptx_path, options_for(job));
  if (!module) return module.error();
  std::vector<uint8_t> native = isa::write_module(*module);
  if (job.print_resources && report) print_resources(*module, report);
  if (!job.cnb_path.empty())
    if (Status s = write_bytes(job.cnb_path, native); !s) return s;
  if (job.fatbin_path.empty()) return {};
  return write_bytes(job.fatbin_path, wrap(std::move(native), *ptx, job.source_name));
}

}  // namespace canopy::toolchain
