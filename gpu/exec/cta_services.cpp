// Device services behind `syscall`: vprintf (device printf) and __assertfail (device assert).
//
// The parameter block is where a callee's frame would start (isa/services.h gives the layout). Every
// device address a service reads (format, arguments, %s strings, assert texts) goes through the same
// checks as a load, lane by lane in ascending order; the first bad one is a precise fault and the
// instruction then has no effect at all (no text, no result), as for any faulting access.
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/device_printf.h"
#include "gpu/memory/address_map.h"
#include "gpu/memory/device_heap.h"
#include "isa/services.h"
#include "support/hex.h"

namespace canopy::gpu {

namespace {

// The longest assert message, file or function name read from the device (longer ones are cut).
constexpr uint64_t kMaxAssertText = 4096;

uint64_t block_bytes(const isa::ServiceInfo& s) {
  if (s.return_size) return uint64_t{s.return_offset} + s.return_size;
  return uint64_t{s.param_offset[s.num_params - 1]} + s.param_size[s.num_params - 1];
}

uint64_t read_le(const uint8_t* p, unsigned bytes) {
  if (bytes == 4) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

}  // namespace

template <int W>
bool CtaRunner<W>::exec_syscall(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec) {
  const isa::ServiceInfo& service = *isa::find_service(static_cast<isa::Service>(in.target));  // predecode checked
  const uint64_t block = in.offset + (in.frame_relative ? w.frame_base : 0);
  const uint64_t bytes = block_bytes(service);
  const int lane = std::countr_zero(exec);
  if (block % 8 != 0)
    return fault(
        w, in, "misaligned address", lane, kLocalWindowBase + block,
        std::string(service.name) + " parameter block at local offset " + hex(block) + " not 8-byte aligned");
  if (block > spec_.local_bytes || bytes > spec_.local_bytes - block)
    return fault(w, in, "illegal address", lane, kLocalWindowBase + block,
                 std::string(service.name) + " parameter block [" + hex(block) + ", +" +
                     std::to_string(bytes) + ") outside the thread's " + std::to_string(spec_.local_bytes) +
                     " bytes of local memory");
  switch (service.id) {
    case isa::Service::AssertFail: return exec_assert(w, in, exec, block);
    case isa::Service::Malloc: case isa::Service::Free: return exec_heap(w, in, exec, block, service);
    default: return exec_vprintf(w, in, exec, block);
  }
}

// malloc and free, lane by lane in ascending order (so one host thread gives the same addresses every
// run). A free of an address malloc did not return faults before any lane's free takes effect.
template <int W>
bool CtaRunner<W>::exec_heap(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint64_t block,
                             const isa::ServiceInfo& s) {
  DeviceHeap* heap = spec_.heap;
  auto argument = [&](int lane) { return read_le(local_.thread(w.first_thread + lane) + block, 8); };
  if (s.id == isa::Service::Free) {
    for (int lane = 0; lane < W; ++lane) {
      if (!((exec >> lane) & 1)) continue;
      const uint64_t p = argument(lane);
      if (p == 0) continue;
      if (!heap || !heap->owns(p))
        return fault(w, in, "invalid free", lane, p, "free() of " + hex(p) + ", which malloc() did not return");
    }
    for (int lane = 0; lane < W; ++lane)
      if ((exec >> lane) & 1) heap->release(argument(lane));
    return true;
  }
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    const uint64_t p = heap ? heap->allocate(argument(lane)) : 0;
    std::memcpy(local_.thread(w.first_thread + lane) + block + s.return_offset, &p, sizeof p);
  }
  local_.written(block + s.return_offset + s.return_size);
  return true;
}

template <int W>
bool CtaRunner<W>::exec_vprintf(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint64_t block) {
  const isa::ServiceInfo& s = isa::kVprintfService;
  // The lanes' texts back to back, so nothing is published before every lane has succeeded.
  std::string text;
  std::array<uint64_t, W> text_end{};
  std::array<int32_t, W> result{};

  struct LaneArguments final : PrintfSource {
    CtaRunner& runner;
    Warp<W>& warp;
    const ExecInstr<W>& instr;
    int lane;
    uint64_t base;
    LaneArguments(CtaRunner& r, Warp<W>& w, const ExecInstr<W>& i, int l, uint64_t b)
        : runner(r), warp(w), instr(i), lane(l), base(b) {}
    bool argument(uint64_t offset, unsigned bytes, uint64_t& bits) override {
      return runner.service_load(warp, instr, lane, base + offset, bytes, "printf argument", bits);
    }
    bool string(uint64_t address, uint64_t max_bytes, std::string& out) override {
      out.clear();
      return runner.service_string(warp, instr, lane, address, max_bytes, "printf %s argument", out);
    }
  };

  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    const uint8_t* params = local_.thread(w.first_thread + lane) + block;
    const uint64_t format_address = read_le(params + s.param_offset[0], 8);
    const uint64_t args = read_le(params + s.param_offset[1], 8);
    if (format_address == 0) {
      result[lane] = -1;  // CUDA: a null format prints nothing and returns -1
    } else {
      std::string format;
      if (!service_string(w, in, lane, format_address, ~uint64_t{0}, "printf format", format)) return false;
      LaneArguments source(*this, w, in, lane, args);
      std::optional<int> used = format_device_printf(format, source, text);
      if (!used) return false;
      result[lane] = *used;
    }
    text_end[lane] = text.size();
  }

  uint64_t begin = 0;
  for (int lane = 0; lane < W; ++lane) {
    if (!((exec >> lane) & 1)) continue;
    printf_.add(cta_linear_, std::string_view(text).substr(begin, text_end[lane] - begin));
    begin = text_end[lane];
    const auto r = static_cast<uint32_t>(result[lane]);
    std::memcpy(local_.thread(w.first_thread + lane) + block + s.return_offset, &r, sizeof r);
  }
  local_.written(block + s.return_offset + s.return_size);
  return true;
}

// The lowest asserting lane stops the kernel with CUDA's message as the fault's detail.
template <int W>
bool CtaRunner<W>::exec_assert(Warp<W>& w, const ExecInstr<W>& in, uint64_t exec, uint64_t block) {
  const isa::ServiceInfo& s = isa::kAssertFailService;
  const int lane = std::countr_zero(exec);
  const uint8_t* params = local_.thread(w.first_thread + lane) + block;
  std::string message, file, function;
  if (!service_string(w, in, lane, read_le(params + s.param_offset[0], 8), kMaxAssertText, "assert message",
                      message) ||
      !service_string(w, in, lane, read_le(params + s.param_offset[1], 8), kMaxAssertText, "assert file",
                      file) ||
      !service_string(w, in, lane, read_le(params + s.param_offset[3], 8), kMaxAssertText, "assert function",
                      function))
    return false;
  const uint64_t line = read_le(params + s.param_offset[2], 4);
  const Dim3 t = thread_of(w, lane);
  auto triple = [](const Dim3& d) {
    return std::string("[") + std::to_string(d.x) + "," + std::to_string(d.y) + "," + std::to_string(d.z) +
           "]";
  };
  return fault(w, in, "assert", lane, std::nullopt,
               file + ":" + std::to_string(line) + ": " + function + ": block: " + triple(ctaid_) +
                   ", thread: " + triple(t) + " Assertion `" + message + "` failed.");
}

// The host bytes behind generic address `address` as seen by `lane`, and how many bytes of the same
// region follow; nullptr (with the reason) if the address is in no live allocation or window.
template <int W>
uint8_t* CtaRunner<W>::service_region(Warp<W>& w, int lane, uint64_t address, uint64_t& available,
                                      std::string& why) {
  uint8_t* host = nullptr;
  uint64_t limit = 0, offset = 0;
  const char* space = nullptr;
  if (address - kSharedWindowBase < kWindowSize) {
    space = "shared", offset = address - kSharedWindowBase, limit = shared_bytes_, host = shared_.data();
  } else if (address - kLocalWindowBase < kWindowSize) {
    space = "local", offset = address - kLocalWindowBase, limit = spec_.local_bytes;
    host = local_.thread(w.first_thread + lane);
  } else if (address - kConstWindowBase < kWindowSize) {
    space = "const", offset = address - kConstWindowBase, limit = spec_.const_bytes, host = spec_.const_bank;
  } else {
    const Allocation* al = spec_.global->find_mapped(address, 1);
    if (!al) {
      why = "no live allocation contains it";
      return nullptr;
    }
    available = al->size - (address - al->base);
    return al->data + (address - al->base);
  }
  if (offset >= limit) {
    why = std::string(space) + " window is " + std::to_string(limit) + " bytes";
    return nullptr;
  }
  available = limit - offset;
  return host + offset;
}

template <int W>
bool CtaRunner<W>::service_load(Warp<W>& w, const ExecInstr<W>& in, int lane, uint64_t address,
                                unsigned bytes, const char* what, uint64_t& bits) {
  if (address % bytes != 0)
    return fault(w, in, "misaligned address", lane, address,
                 std::string(what) + ": load from generic address " + hex(address) +
                     " not aligned to the access size of " + std::to_string(bytes) + " bytes");
  uint64_t available = 0;
  std::string why;
  const uint8_t* p = service_region(w, lane, address, available, why);
  if (p && available < bytes) p = nullptr, why = "it runs past the end of its region";
  if (!p)
    return fault(w, in, "illegal address", lane, address,
                 std::string(what) + ": load from generic address " + hex(address) + " (" +
                     std::to_string(bytes) + " bytes): " + why);
  bits = read_le(p, bytes);
  return true;
}

// Reads up to the NUL (not included) or `max_bytes`; a string that runs out of its region faults at the
// first byte outside it.
template <int W>
bool CtaRunner<W>::service_string(Warp<W>& w, const ExecInstr<W>& in, int lane, uint64_t address,
                                  uint64_t max_bytes, const char* what, std::string& out) {
  while (out.size() < max_bytes) {
    uint64_t available = 0;
    std::string why;
    const uint8_t* p = service_region(w, lane, address, available, why);
    if (!p)
      return fault(w, in, "illegal address", lane, address,
                   std::string(what) + ": string read from generic address " + hex(address) + ": " + why);
    const uint64_t n = std::min<uint64_t>(available, max_bytes - out.size());
    if (const void* nul = std::memchr(p, 0, n)) {
      out.append(reinterpret_cast<const char*>(p), static_cast<const uint8_t*>(nul) - p);
      return true;
    }
    out.append(reinterpret_cast<const char*>(p), n);
    address += n;
  }
  return true;
}

template bool CtaRunner<32>::exec_syscall(Warp<32>&, const ExecInstr<32>&, uint64_t);
template bool CtaRunner<64>::exec_syscall(Warp<64>&, const ExecInstr<64>&, uint64_t);

}  // namespace canopy::gpu
