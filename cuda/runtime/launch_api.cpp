// Kernel launches and function attributes. A launch is checked with CUDA's error codes, its arguments are
// packed by the kernel's parameter layout, and it runs to completion; a device fault becomes the sticky
// error while the launch itself reports success, like an asynchronous failure on a real GPU.
//
// Launch-check codes (CUDA 11 behaviour): bad grid/block shapes and too many threads per block give
// cudaErrorInvalidConfiguration; more dynamic shared memory than the function allows
// (cudaFuncAttributeMaxDynamicSharedMemorySize, by default the 48 KiB-style per-block limit minus static
// shared memory) gives cudaErrorInvalidValue; exceeding __launch_bounds__/.reqntid or the register file
// gives cudaErrorLaunchOutOfResources.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "cuda/runtime/kernel_limits.h"
#include "cuda/runtime/runtime.h"
#include "cuda_runtime_api.h"

using namespace canopy;
using namespace canopy::cudart;

namespace {

cudaError_t check_configuration(const gpu::GpuConfig& c, const ResolvedKernel& k, dim3 grid, dim3 block,
                                size_t shared) {
  if (!grid.x || !grid.y || !grid.z || !block.x || !block.y || !block.z) return cudaErrorInvalidConfiguration;
  if (block.x > c.max_block_dim[0] || block.y > c.max_block_dim[1] || block.z > c.max_block_dim[2])
    return cudaErrorInvalidConfiguration;
  if (grid.x > c.max_grid_dim[0] || grid.y > c.max_grid_dim[1] || grid.z > c.max_grid_dim[2])
    return cudaErrorInvalidConfiguration;
  const uint64_t threads = uint64_t{block.x} * block.y * block.z;
  if (threads > c.max_threads_per_block) return cudaErrorInvalidConfiguration;

  const isa::Function& f = *k.function;
  if (shared > max_dynamic_shared(c, f, *k.entry) ||
      static_shared_bytes(f) + shared > c.shared_per_block_optin)
    return cudaErrorInvalidValue;

  if (f.reqntid[0] && (block.x != f.reqntid[0] || block.y != (f.reqntid[1] ? f.reqntid[1] : 1) ||
                       block.z != (f.reqntid[2] ? f.reqntid[2] : 1)))
    return cudaErrorLaunchOutOfResources;
  if (threads > static_cast<uint64_t>(max_threads_per_block(c, f))) return cudaErrorLaunchOutOfResources;
  if (block_registers(c, f, threads) > c.regs_per_block) return cudaErrorLaunchOutOfResources;
  return cudaSuccess;
}

// argv[i] points at argument i; each lands at its offset in the parameter buffer.
cudaError_t pack_arguments(const isa::Function& f, void** args, std::vector<uint8_t>& buffer) {
  buffer.assign(f.param_bytes, 0);
  if (f.params.empty()) return cudaSuccess;
  if (!args) return cudaErrorInvalidValue;
  for (size_t i = 0; i < f.params.size(); ++i) {
    const isa::ParamInfo& p = f.params[i];
    if (!args[i] || p.offset > buffer.size() || p.size > buffer.size() - p.offset)
      return cudaErrorInvalidValue;
    std::memcpy(buffer.data() + p.offset, args[i], p.size);
  }
  return cudaSuccess;
}

bool launch_blocking() {
  static const bool blocking = [] {
    const char* v = std::getenv("CUDA_LAUNCH_BLOCKING");
    return v && std::string_view(v) == "1";
  }();
  return blocking;
}

}  // namespace

cudaError_t canopy::cudart::prepare_launch(Runtime& rt, const void* func, dim3 grid, dim3 block, void** args,
                                           size_t shared, bool cooperative, PreparedLaunch& out) {
  ResolvedKernel& k = out.kernel;
  if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
  gpu::Device& device = *rt.device();
  if (cudaError_t e = check_configuration(device.config(), k, grid, block, shared); e != cudaSuccess)
    return e;
  if (cooperative) {
    // Every block must be resident at once: at most the occupancy calculator's blocks per SM on each SM.
    const gpu::GpuConfig& c = device.config();
    const uint64_t resident = uint64_t(blocks_per_sm(c, *k.function, static_cast<int>(block.x * block.y * block.z),
                                                     shared)) * c.sm_count;
    if (uint64_t{grid.x} * grid.y * grid.z > resident) return cudaErrorCooperativeLaunchTooLarge;
  }
  if (cudaError_t e = pack_arguments(*k.function, args, out.params); e != cudaSuccess) return e;
  out.config = gpu::Device::LaunchConfig{};
  out.config.grid = {grid.x, grid.y, grid.z};
  out.config.block = {block.x, block.y, block.z};
  out.config.dynamic_shared = static_cast<uint32_t>(shared);
  out.config.cooperative = cooperative;
  return cudaSuccess;
}

cudaError_t canopy::cudart::make_kernel_node(Runtime& rt, const void* func, dim3 grid, dim3 block, void** args,
                                             size_t shared, KernelNode& out) {
  PreparedLaunch prepared;
  if (cudaError_t e = prepare_launch(rt, func, grid, block, args, shared, false, prepared); e != cudaSuccess)
    return e;
  KernelNode node;
  node.func = func;
  node.grid = grid;
  node.block = block;
  node.shared = static_cast<unsigned>(shared);
  node.params = std::move(prepared.params);
  for (const isa::ParamInfo& p : prepared.kernel.function->params) node.offsets.push_back(p.offset);
  out = node;  // the copy points args into its own parameter buffer
  return cudaSuccess;
}

cudaError_t canopy::cudart::run_kernel(Runtime& rt, const PreparedLaunch& launch) {
  gpu::Device& device = *rt.device();
  const ResolvedKernel& k = launch.kernel;
  // CUDA flushes the printf buffer when a kernel is launched (the previous kernels' output appears),
  // and with CUDA_LAUNCH_BLOCKING=1 every launch is a synchronization point.
  rt.flush_printf();
  const size_t ran_before = device.history().size();
  auto result = device.launch(k.id, launch.config, launch.params);
  if (launch_blocking()) rt.flush_printf();
  if (device.history().size() > ran_before) {
    const gpu::KernelStats& stats = device.history().back();
    rt.stats.record(stats);
    rt.sim_clock += stats.sim_seconds;
  }
  if (result.ok()) return cudaSuccess;
  if (device.history().size() > ran_before && device.history().back().faulted) {
    if (auto fault = device.last_fault()) rt.record_fault(*fault);
    return cudaSuccess;  // reported by the next synchronizing call, as an asynchronous error
  }
  // A limit the checks above do not model (the per-thread local memory frame).
  std::fprintf(stderr, "canopy: cannot launch kernel '%s': %s\n", k.entry->name.c_str(),
               result.error().message.c_str());
  return cudaErrorLaunchOutOfResources;
}

namespace {

// A launch on a stream: it runs, or under capture it becomes a kernel node with its arguments copied.
cudaError_t launch(Runtime& rt, const void* func, dim3 grid, dim3 block, void** args, size_t shared,
                   cudaStream_t stream, bool cooperative = false) {
  if (!rt.valid_stream(stream)) return cudaErrorInvalidResourceHandle;
  StreamCapture* capture = rt.capture_of(stream);
  if (!capture) {
    PreparedLaunch prepared;
    if (cudaError_t e = prepare_launch(rt, func, grid, block, args, shared, cooperative, prepared); e != cudaSuccess)
      return e;
    return run_kernel(rt, prepared);
  }
  if (cooperative) return cudaErrorStreamCaptureUnsupported;  // a kernel node is an ordinary launch
  KernelNode node;
  if (cudaError_t e = make_kernel_node(rt, func, grid, block, args, shared, node); e != cudaSuccess) return e;
  return capture_node(rt, *capture, std::move(node));
}

}  // namespace

extern "C" {

cudaError_t cudaLaunchKernel(const void* func, dim3 gridDim, dim3 blockDim, void** args, size_t sharedMem,
                             cudaStream_t stream) {
  return device_call(
      [&](Runtime& rt) { return launch(rt, func, gridDim, blockDim, args, sharedMem, stream); });
}

// All blocks resident together (the engine interleaves them on one host thread), so a grid-wide barrier
// (cooperative_groups::this_grid().sync()) completes; too many blocks: cudaErrorCooperativeLaunchTooLarge.
cudaError_t cudaLaunchCooperativeKernel(const void* func, dim3 gridDim, dim3 blockDim, void** args,
                                        size_t sharedMem, cudaStream_t stream) {
  return device_call(
      [&](Runtime& rt) { return launch(rt, func, gridDim, blockDim, args, sharedMem, stream, true); });
}

cudaError_t cudaFuncGetAttributes(cudaFuncAttributes* attr, const void* func) {
  return device_call([&](Runtime& rt) {
    if (!attr) return cudaErrorInvalidValue;
    ResolvedKernel k;
    if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
    const gpu::GpuConfig& c = rt.device()->config();
    const isa::Function& f = *k.function;
    std::memset(attr, 0, sizeof *attr);
    attr->sharedSizeBytes = f.shared_bytes;
    attr->constSizeBytes = k.module->const_bank_bytes;
    attr->localSizeBytes = f.local_bytes;
    attr->maxThreadsPerBlock = max_threads_per_block(c, f);
    attr->numRegs = static_cast<int>(f.num_regs);
    attr->ptxVersion = static_cast<int>(k.module->ptx_version);
    int sm = 0;
    if (std::sscanf(k.module->ptx_target.c_str(), "sm_%d", &sm) != 1) sm = 0;
    attr->binaryVersion = sm;
    attr->maxDynamicSharedSizeBytes = static_cast<int>(max_dynamic_shared(c, f, *k.entry));
    attr->preferredShmemCarveout = k.entry->carveout;
    return cudaSuccess;
  });
}

cudaError_t cudaFuncSetAttribute(const void* func, cudaFuncAttribute attr, int value) {
  return device_call([&](Runtime& rt) {
    ResolvedKernel k;
    if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
    const gpu::GpuConfig& c = rt.device()->config();
    switch (enum_value(attr)) {
      case cudaFuncAttributeMaxDynamicSharedMemorySize:
        if (value < 0 ||
            static_cast<uint64_t>(value) + static_shared_bytes(*k.function) > c.shared_per_block_optin)
          return cudaErrorInvalidValue;
        k.entry->max_dynamic_shared = value;
        return cudaSuccess;
      case cudaFuncAttributePreferredSharedMemoryCarveout:
        if (value < -1 || value > 100) return cudaErrorInvalidValue;
        k.entry->carveout = value;
        return cudaSuccess;
      default:
        return cudaErrorInvalidValue;
    }
  });
}

cudaError_t cudaFuncSetCacheConfig(const void* func, cudaFuncCache cacheConfig) {
  return device_call([&](Runtime& rt) {
    ResolvedKernel k;
    if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
    return static_cast<unsigned>(enum_value(cacheConfig)) > cudaFuncCachePreferEqual ? cudaErrorInvalidValue
                                                                                     : cudaSuccess;
  });
}

cudaError_t cudaFuncSetSharedMemConfig(const void* func, cudaSharedMemConfig config) {
  return device_call([&](Runtime& rt) {
    ResolvedKernel k;
    if (cudaError_t e = rt.resolve_kernel(func, k); e != cudaSuccess) return e;
    return static_cast<unsigned>(enum_value(config)) > cudaSharedMemBankSizeEightByte ? cudaErrorInvalidValue
                                                                                      : cudaSuccess;
  });
}

}  // extern "C"
