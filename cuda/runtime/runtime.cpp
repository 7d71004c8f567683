// The runtime's global state: creation from the environment, the device and its modules, kernel and
// symbol resolution, printf flushing, sticky faults and the work done at process exit.
#include "cuda/runtime/runtime.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <cstring>
#include <string>

#include "gpu/config/gpu_config.h"

namespace canopy::cudart {

namespace {

// Runs after every __cudaUnregisterFatBinary (registered earlier, so atexit runs it later): modules are
// unloaded by then, but the device and its printf text remain.
void at_exit() {
  Runtime& rt = Runtime::get();
  std::lock_guard<std::mutex> lock(rt.mutex);
  if (rt.has_device()) rt.flush_printf();
  report_stats_from_environment(rt.stats);
}

Expected<gpu::GpuConfig> chip_from_environment() {
  const char* name = std::getenv("CANOPY_GPU");
  if (!name || !*name) return gpu::preset("default");
  Expected<gpu::GpuConfig> config = gpu::preset(name);
  if (config.ok()) return config;
  config = gpu::load_config_file(name);
  if (!config.ok()) return make_error("CANOPY_GPU='" + std::string(name) + "': " + config.error().message);
  return config;
}

// The chip (CANOPY_GPU) and the simulation options: CANOPY_STRICT_MEMORY=1 (canopy run --strict-memory).
Expected<gpu::GpuConfig> config_from_environment() {
  Expected<gpu::GpuConfig> config = chip_from_environment();
  if (!config.ok()) return config;
  const char* strict = std::getenv("CANOPY_STRICT_MEMORY");
  config->strict_memory = strict && std::string_view(strict) == "1";
  return config;
}

Expected<unsigned> host_threads_from_environment() {
  const char* text = std::getenv("CANOPY_HOST_THREADS");
  if (!text || !*text) return 0u;
  char* end = nullptr;
  unsigned long value = std::strtoul(text, &end, 10);
  if (*end != '\0' || value > 1024 || text[0] == '-')
    return make_error("CANOPY_HOST_THREADS='" + std::string(text) + "' is not a thread count (0..1024)");
  return static_cast<unsigned>(value);
}

}  // namespace

Runtime& Runtime::get() {
  // Never destroyed: atexit handlers and static destructors of the program may still call the API.
  static Runtime* runtime = new Runtime();
  return *runtime;
}

Runtime::Runtime() {
  limits[cudaLimitPrintfFifoSize] = 1 << 20;
  limits[cudaLimitMallocHeapSize] = 8 << 20;
  limits[cudaLimitDevRuntimeSyncDepth] = 2;
  limits[cudaLimitDevRuntimePendingLaunchCount] = 2048;
  limits[cudaLimitMaxL2FetchGranularity] = 64;
  std::atexit(at_exit);
}

const Expected<gpu::GpuConfig>& Runtime::config() {
  if (!config_) {
    config_ = config_from_environment();
    if (config_->ok()) limits[cudaLimitStackSize] = (*config_)->local_bytes_per_thread;
  }
  return *config_;
}

gpu::Device* Runtime::device() {
  if (!device_ && !init_failed_) create_device();
  return device_.get();
}

void Runtime::create_device() {
  const Expected<gpu::GpuConfig>& cfg = config();
  Expected<unsigned> threads = host_threads_from_environment();
  if (!cfg.ok() || !threads.ok()) {
    init_error_ = !cfg.ok() ? cfg.error().message : threads.error().message;
  } else {
    gpu::GpuConfig c = *cfg;
    // cudaDeviceSetLimit(cudaLimitStackSize) before the device exists takes effect.
    c.local_bytes_per_thread = static_cast<uint32_t>(limits[cudaLimitStackSize]);
    auto device = gpu::Device::create(c, gpu::DeviceOptions{*threads});
    if (device.ok()) {
      device_ = std::move(device).value();
      ++generation_;
      for (auto& f : fatbins)
        if (f->live) ensure_loaded(*f);
      return;
    }
    init_error_ = device.error().message;
  }
  init_failed_ = true;
  std::fprintf(stderr, "canopy: cannot initialize the CUDA device: %s\n", init_error_.c_str());
}

void Runtime::reset_device() {
  if (device_) flush_printf();
  release_graphs(*this);  // their memory goes with the device
  device_.reset();
  init_failed_ = false;
  sticky = cudaSuccess;
  for (auto& f : fatbins) f->loaded.reset();
  release_host_allocations();
  streams.clear();
  stream_attributes.clear();
  default_pool = CUmemPoolHandle_st{};
  events.clear();
  arrays.clear();  // their memory and the texture objects went with the device
  textures.clear();
  for (auto& [host, ref] : texture_references) ref.bound = 0, ref.offset = 0;
}

bool Runtime::ensure_loaded(FatbinRecord& fatbin) {
  if (fatbin.loaded && fatbin.loaded_generation == generation_) return true;
  if (!fatbin.module || !device_) return false;
  auto id = device_->load_module(*fatbin.module);
  if (!id.ok()) {
    if (fatbin.error.empty()) {
      fatbin.error = id.error().message;
      std::fprintf(stderr, "canopy: cannot load the device code of %s: %s\n", fatbin.source.c_str(),
                   fatbin.error.c_str());
    }
    return false;
  }
  fatbin.loaded = *id;
  fatbin.loaded_generation = generation_;
  return true;
}

cudaError_t Runtime::resolve_kernel(const void* stub, ResolvedKernel& out) {
  auto it = kernels.find(stub);
  if (!stub || it == kernels.end() || !it->second.fatbin->live) return cudaErrorInvalidDeviceFunction;
  KernelEntry& entry = it->second;
  if (!entry.fatbin->module) return cudaErrorInvalidKernelImage;
  if (!device() || !ensure_loaded(*entry.fatbin)) return cudaErrorNoKernelImageForDevice;
  auto id = device_->find_kernel(*entry.fatbin->loaded, entry.name);
  if (!id.ok()) return cudaErrorInvalidDeviceFunction;
  out.entry = &entry;
  out.id = *id;
  out.function = &device_->kernel_info(*id);
  out.module = entry.fatbin->module.get();
  return cudaSuccess;
}

cudaError_t Runtime::resolve_symbol(const void* symbol, uint64_t& address, uint64_t& size) {
  auto it = variables.find(symbol);
  if (!symbol || it == variables.end() || !it->second.fatbin->live) return cudaErrorInvalidSymbol;
  FatbinRecord& fatbin = *it->second.fatbin;
  if (!device() || !ensure_loaded(fatbin)) return cudaErrorInvalidSymbol;
  auto a = device_->symbol_address(*fatbin.loaded, it->second.name);
  auto s = device_->symbol_size(*fatbin.loaded, it->second.name);
  if (!a.ok() || !s.ok()) return cudaErrorInvalidSymbol;
  address = *a;
  size = *s;
  return cudaSuccess;
}

void Runtime::flush_printf() {
  if (!device_) return;
  std::string text = device_->take_printf_output();
  if (text.empty()) return;
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

void Runtime::record_fault(const gpu::Fault& fault) {
  if (sticky != cudaSuccess) return;
  sticky = error_for_fault(fault);
  flush_printf();  // what the kernel printed before it failed comes first
  if (fault.kind == "assert")
    std::fprintf(stderr, "%s\n", fault.detail.c_str());
  else
    std::fprintf(stderr, "canopy: device fault: %s\n", fault.message().c_str());
  std::fflush(stderr);
}

bool Runtime::valid_stream(cudaStream_t stream) const {
  return stream == nullptr || stream == cudaStreamLegacy || stream == cudaStreamPerThread ||
         streams.count(stream) != 0;
}

}  // namespace canopy::cudart
