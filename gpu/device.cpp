// Device creation, global-memory API and kernel launches.
#include "support/hex.h"
#include "gpu/device.h"

#include <chrono>
#include <cstring>
#include <thread>
#include <utility>

#include "gpu/device_impl.h"
#include "gpu/memory/address_map.h"

namespace canopy::gpu {

namespace {

std::string dim(const Dim3& d) {
  return std::string("(") + std::to_string(d.x) + "," + std::to_string(d.y) + "," + std::to_string(d.z) + ")";
}

Expected<uint8_t*> checked_range(const GlobalMemory& memory, uint64_t address, uint64_t bytes, const char* what) {
  if (bytes == 0) return static_cast<uint8_t*>(nullptr);
  uint8_t* p = memory.translate(address, bytes);
  if (!p)
    return make_error(std::string(what) + ": [" + hex(address) + ", +" + std::to_string(bytes) +
                      ") is not inside one live device allocation");
  return p;
}

}  // namespace

std::string Fault::message() const {
  std::string m = kind + " in kernel '" + kernel + "'";
  if (!function.empty() && function != kernel) m += " (in function '" + function + "')";
  m += " at pc " + std::to_string(pc);
  if (!disassembly.empty()) m += " '" + disassembly + "'";
  if (ptx_line) m += " (PTX line " + std::to_string(ptx_line) + ")";
  m += ", block " + dim(block) + ", thread " + dim(thread);
  if (has_address) m += ", address " + hex(address);
  if (!detail.empty()) m += ": " + detail;
  return m;
}

Device::Device(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Device::~Device() = default;

Expected<std::unique_ptr<Device>> Device::create(const GpuConfig& config, const DeviceOptions& options) {
  if (Status s = validate_config(config); !s) return make_error("GPU config '" + config.name + "': " + s.error().message);
  unsigned threads = options.host_threads ? options.host_threads : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  if (threads > 1024) return make_error("host_threads above 1024");
  auto impl = std::make_unique<Impl>(config, threads);
  impl->printf_limit = options.printf_buffer_bytes;
  return std::unique_ptr<Device>(new Device(std::move(impl)));
}

const GpuConfig& Device::config() const { return impl_->config; }
unsigned Device::host_threads() const { return impl_->engine->host_threads(); }

Expected<uint64_t> Device::malloc(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->memory.allocate(bytes);
}

Status Device::free(uint64_t address) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const auto& m : impl_->modules)
    if (m)
      for (uint64_t a : m->allocations)
        if (a == address) return make_error("invalid device pointer " + hex(address) + ": owned by a loaded module");
  return impl_->memory.release(address);
}

uint64_t Device::memory_used() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->memory.used_bytes();
}

Status Device::copy_to_device(uint64_t dst, const void* src, uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto p = checked_range(impl_->memory, dst, bytes, "copy to device");
  if (!p.ok()) return p.error();
  if (bytes) std::memcpy(*p, src, bytes);
  return Status::success();
}

Status Device::copy_to_host(void* dst, uint64_t src, uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto p = checked_range(impl_->memory, src, bytes, "copy to host");
  if (!p.ok()) return p.error();
  if (bytes) std::memcpy(dst, *p, bytes);
  return Status::success();
}

Status Device::copy_device_to_device(uint64_t dst, uint64_t src, uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto s = checked_range(impl_->memory, src, bytes, "copy device to device (source)");
  if (!s.ok()) return s.error();
  auto d = checked_range(impl_->memory, dst, bytes, "copy device to device (destination)");
  if (!d.ok()) return d.error();
  if (bytes) std::memmove(*d, *s, bytes);
  return Status::success();
}

Status Device::memset(uint64_t dst, uint8_t value, uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto p = checked_range(impl_->memory, dst, bytes, "memset");
  if (!p.ok()) return p.error();
  if (bytes) std::memset(*p, value, bytes);
  return Status::success();
}

Status Device::map_host_memory(void* host, uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  // The device address is the host address itself, so one pointer works on both sides.
  const auto address = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(host));
  return impl_->memory.map_borrowed(address, bytes, static_cast<uint8_t*>(host));
}

Status Device::unmap_host_memory(void* host) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->memory.unmap_borrowed(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(host)));
}

std::optional<AllocationInfo> Device::allocation_containing(uint64_t address) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Allocation* a = impl_->memory.find(address);
  if (!a) return std::nullopt;
  return AllocationInfo{a->base, a->size};
}

std::optional<Fault> Device::last_fault() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->last_fault;
}

const std::vector<KernelStats>& Device::history() const { return impl_->history; }

std::string Device::take_printf_output() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return std::exchange(impl_->printf_output, {});
}

void Device::set_printf_buffer_size(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->printf_limit = bytes;
}

Status Device::set_malloc_heap_size(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (impl_->heap) return make_error("the device malloc heap already exists (a kernel using malloc has run)");
  impl_->heap_bytes = bytes;
  return Status::success();
}

uint64_t Device::malloc_heap_size() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->heap_bytes;
}

uint64_t Device::printf_buffer_size() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->printf_limit;
}

namespace {

Status check_launch(const GpuConfig& c, const isa::Function& k, const Device::LaunchConfig& lc,
                    uint64_t static_shared, size_t param_size) {
  const Dim3& g = lc.grid;
  const Dim3& b = lc.block;
  if (!g.x || !g.y || !g.z || !b.x || !b.y || !b.z)
    return make_error("invalid launch configuration: zero grid or block dimension");
  if (b.x > c.max_block_dim[0] || b.y > c.max_block_dim[1] || b.z > c.max_block_dim[2])
    return make_error("invalid launch configuration: block " + dim(b) + " exceeds the maximum " +
                      dim({c.max_block_dim[0], c.max_block_dim[1], c.max_block_dim[2]}));
  if (g.x > c.max_grid_dim[0] || g.y > c.max_grid_dim[1] || g.z > c.max_grid_dim[2])
    return make_error("invalid launch configuration: grid " + dim(g) + " exceeds the maximum " +
                      dim({c.max_grid_dim[0], c.max_grid_dim[1], c.max_grid_dim[2]}));
  uint64_t threads = uint64_t{b.x} * b.y * b.z;
  if (threads > c.max_threads_per_block)
    return make_error("invalid launch configuration: " + std::to_string(threads) + " threads per block, maximum " +
                      std::to_string(c.max_threads_per_block));
  if (k.reqntid[0]) {
    Dim3 req{k.reqntid[0], std::max(1u, k.reqntid[1]), std::max(1u, k.reqntid[2])};
    if (!(req == b))
      return make_error("invalid launch configuration: block " + dim(b) + " differs from the kernel's .reqntid " + dim(req));
  }
  if (k.maxntid[0]) {
    uint64_t limit = uint64_t{k.maxntid[0]} * std::max(1u, k.maxntid[1]) * std::max(1u, k.maxntid[2]);
    if (threads > limit)
      return make_error("invalid launch configuration: " + std::to_string(threads) + " threads exceed .maxntid");
  }
  uint64_t shared = static_shared + lc.dynamic_shared;
  if (shared > c.shared_per_block_optin)
    return make_error("invalid launch configuration: " + std::to_string(shared) + " bytes of shared memory, maximum " +
                      std::to_string(c.shared_per_block_optin));
  // CUDA's limit on local memory per thread; it also bounds the engine's per-CTA local buffer.
  constexpr uint64_t kMaxLocalPerThread = 512 * 1024;
  if (uint64_t{k.local_bytes} + c.local_bytes_per_thread > kMaxLocalPerThread)
    return make_error("invalid launch configuration: kernel '" + k.name + "' needs " +
                      std::to_string(uint64_t{k.local_bytes} + c.local_bytes_per_thread) +
                      " bytes of local memory per thread (frame + stack), maximum 524288");
  if (param_size != k.param_bytes)
    return make_error("invalid launch configuration: parameter buffer is " + std::to_string(param_size) +
                      " bytes, kernel '" + k.name + "' takes " + std::to_string(k.param_bytes));
  return Status::success();
}

}  // namespace

Expected<KernelStats> Device::launch(KernelId kernel, const LaunchConfig& lc, const std::vector<uint8_t>& params) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  LoadedModule* lm = impl_->module(ModuleId{kernel.module});
  if (!lm || kernel.function >= lm->module->functions.size() || !lm->module->functions[kernel.function].is_kernel)
    return make_error("invalid kernel handle");
  const isa::Function& k = lm->module->functions[kernel.function];
  const GpuConfig& c = impl_->config;
  // The kernel's own static shared memory; its dynamic array starts right after, at a 16-byte boundary.
  uint64_t static_shared = (uint64_t{k.shared_bytes} + 15) / 16 * 16;
  if (Status s = check_launch(c, k, lc, static_shared, params.size()); !s) return s.error();

  LaunchSpec spec;
  spec.module = lm->exec.get();
  spec.kernel = kernel.function;
  spec.grid = lc.grid;
  spec.block = lc.block;
  spec.static_shared = static_cast<uint32_t>(static_shared);
  spec.dynamic_shared = lc.dynamic_shared;
  spec.local_bytes = uint64_t{k.local_bytes} + c.local_bytes_per_thread;
  spec.params = params.data();
  spec.param_bytes = params.size();
  spec.const_bank = lm->const_bank ? impl_->memory.translate(lm->const_bank, 1) : nullptr;
  spec.const_bytes = lm->module->const_bank_bytes;
  spec.global = &impl_->memory;
  spec.textures = &impl_->textures;
  spec.config = &c;
  spec.grid_id = ++impl_->launches;
  spec.cooperative = lc.cooperative;
  if (lm->uses_heap) {
    if (!impl_->heap) {
      auto base = impl_->memory.allocate(std::max<uint64_t>(impl_->heap_bytes, 16));
      if (!base.ok()) return make_error("cannot create the device malloc heap: " + base.error().message);
      impl_->heap = std::make_unique<DeviceHeap>(*base, impl_->heap_bytes);
    }
    spec.heap = impl_->heap.get();
  }
  const uint64_t printf_held = impl_->printf_output.size();
  spec.printf_capacity = impl_->printf_limit > printf_held ? impl_->printf_limit - printf_held : 0;

  auto start = std::chrono::steady_clock::now();
  LaunchOutcome out = impl_->engine->launch(spec);
  auto end = std::chrono::steady_clock::now();

  KernelStats stats;
  stats.name = k.name;
  stats.grid = lc.grid;
  stats.block = lc.block;
  stats.dynamic_shared = lc.dynamic_shared;
  stats.warp_instructions = out.warp_instructions;
  stats.thread_instructions = out.thread_instructions;
  stats.fence_instructions = out.fence_instructions;
  stats.barrier_instructions = out.barrier_instructions;
  stats.lane_yields = out.lane_yields;
  stats.ctas = out.ctas;
  stats.sim_seconds = std::chrono::duration<double>(end - start).count();
  stats.faulted = out.fault.has_value();
  impl_->history.push_back(stats);
  impl_->printf_output += out.printf_output;  // kept for faulted launches too (text before the fault)
  if (out.fault) {
    impl_->last_fault = out.fault;
    return make_error(out.fault->message());
  }
  return stats;
}

}  // namespace canopy::gpu
