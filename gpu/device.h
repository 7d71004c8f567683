// The embedding API of the simulated GPU: device memory, module loading and kernel launches. The CUDA
// runtime is built on it; tests and `canopy exec` use it directly. A Device is not thread-safe for
// concurrent calls from several host threads (calls are serialized by an internal lock).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpu/config/gpu_config.h"
#include "gpu/device_types.h"
#include "gpu/texture/texture_object.h"
#include "isa/module.h"
#include "support/expected.h"

namespace canopy::gpu {

struct DeviceOptions {
  unsigned host_threads = 0;  // CTA worker threads; 0 = std::thread::hardware_concurrency()
  uint64_t printf_buffer_bytes = 1 << 20;  // device printf text kept until taken (cudaLimitPrintfFifoSize)
};

struct ModuleId {
  uint32_t value = 0;
  friend bool operator==(const ModuleId&, const ModuleId&) = default;
};

struct KernelId {
  uint32_t module = 0;
  uint32_t function = 0;
  friend bool operator==(const KernelId&, const KernelId&) = default;
};

struct AllocationInfo {
  uint64_t base = 0;
  uint64_t size = 0;
};

class Device {
 public:
  static Expected<std::unique_ptr<Device>> create(const GpuConfig& config, const DeviceOptions& options = {});
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  const GpuConfig& config() const;
  unsigned host_threads() const;

  // Global memory. Addresses are 256-byte aligned device addresses, never host pointers.
  Expected<uint64_t> malloc(uint64_t bytes);
  Status free(uint64_t address);
  Status copy_to_device(uint64_t dst, const void* src, uint64_t bytes);
  Status copy_to_host(void* dst, uint64_t src, uint64_t bytes);
  Status copy_device_to_device(uint64_t dst, uint64_t src, uint64_t bytes);
  Status memset(uint64_t dst, uint8_t value, uint64_t bytes);
  std::optional<AllocationInfo> allocation_containing(uint64_t address) const;
  uint64_t memory_used() const;

  // Host memory the device may access at the same numeric address (CUDA managed, mapped and registered
  // host memory): the range becomes an allocation backed by the caller's buffer, checked like any other.
  // Fails if the range overlaps a device allocation or a generic window. The buffer must outlive the mapping.
  Status map_host_memory(void* host, uint64_t bytes);
  Status unmap_host_memory(void* host);

  // Texture and surface objects (gpu/texture/texture_object.h): the resource must lie inside one live
  // allocation when created; kernels reach it through the returned opaque nonzero handle (never reused),
  // and every texel access is checked again when it happens (the memory may be freed meanwhile).
  Expected<uint64_t> create_texture_object(const TextureObject& object);
  Status destroy_texture_object(uint64_t handle);
  std::optional<TextureObject> texture_object(uint64_t handle) const;

  // Modules: load allocates .global variables and the constant bank, applies relocations and
  // predecodes every function for this device's warp width; invalid code is rejected.
  Expected<ModuleId> load_module(const isa::Module& module);
  Status unload_module(ModuleId id);
  Expected<KernelId> find_kernel(ModuleId module, std::string_view name);
  // Device address of a .global or .const variable (usable with the copy functions).
  Expected<uint64_t> symbol_address(ModuleId module, std::string_view name);
  Expected<uint64_t> symbol_size(ModuleId module, std::string_view name);
  const isa::Function& kernel_info(KernelId kernel) const;

  struct LaunchConfig {
    Dim3 grid, block;
    uint32_t dynamic_shared = 0;
    // Every CTA resident at once, so CTAs may wait for each other (grid-wide barriers). The caller
    // bounds the grid by what fits on the device (cudaLaunchCooperativeKernel's occupancy check).
    bool cooperative = false;
  };
  // Runs the kernel to completion. `params` is the packed parameter buffer (Function::params).
  // Bad configurations fail without running; a device fault fails with Fault::message() and is kept
  // in last_fault().
  Expected<KernelStats> launch(KernelId kernel, const LaunchConfig& config, const std::vector<uint8_t>& params);
  std::optional<Fault> last_fault() const;
  // Text written by device printf since the last call (launch order, then CTA, warp and lane order);
  // the call clears it. The CUDA runtime prints it at synchronization points.
  std::string take_printf_output();
  // Output beyond this many untaken bytes is dropped, whole printf records at a time (later ones first).
  void set_printf_buffer_size(uint64_t bytes);
  uint64_t printf_buffer_size() const;
  // The device malloc heap (cudaLimitMallocHeapSize, 8 MiB by default): fixed once a kernel that calls
  // malloc or free has been launched.
  Status set_malloc_heap_size(uint64_t bytes);
  uint64_t malloc_heap_size() const;
  const std::vector<KernelStats>& history() const;  // one entry per launch that ran (faulted ones too)

 private:
  struct Impl;
  explicit Device(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace canopy::gpu
