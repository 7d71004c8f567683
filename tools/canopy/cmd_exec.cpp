// `canopy exec`: runs one kernel of a PTX file or native module on the simulated GPU, with arguments
// given on the command line, and prints buffers and statistics. Meant for trying kernels without a
// host program; CUDA programs use the runtime instead.
#include <CLI/CLI.hpp>

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "compiler/finalize.h"
#include "gpu/device.h"
#include "isa/module_format.h"
#include "tools/canopy/commands.h"

namespace canopy::tools {
namespace {

enum class ElemType { I32, U32, I64, U64, F32, F64 };

struct ElemInfo {
  const char* name;
  ElemType type;
  uint32_t size;
};
constexpr ElemInfo kElemTypes[] = {{"i32", ElemType::I32, 4}, {"u32", ElemType::U32, 4}, {"i64", ElemType::I64, 8},
                                   {"u64", ElemType::U64, 8}, {"f32", ElemType::F32, 4}, {"f64", ElemType::F64, 8}};

const ElemInfo* find_type(const std::string& name) {
  for (const auto& t : kElemTypes)
    if (name == t.name) return &t;
  return nullptr;
}

// Encodes `value` (a number written on the command line) as `type`.
Expected<std::vector<uint8_t>> encode_value(const ElemInfo& type, const std::string& text) {
  std::vector<uint8_t> bytes(type.size);
  try {
    size_t used = 0;
    switch (type.type) {
      case ElemType::I32: { int32_t v = static_cast<int32_t>(std::stoll(text, &used, 0)); std::memcpy(bytes.data(), &v, 4); break; }
      case ElemType::U32: { uint32_t v = static_cast<uint32_t>(std::stoull(text, &used, 0)); std::memcpy(bytes.data(), &v, 4); break; }
      case ElemType::I64: { int64_t v = std::stoll(text, &used, 0); std::memcpy(bytes.data(), &v, 8); break; }
      case ElemType::U64: { uint64_t v = std::stoull(text, &used, 0); std::memcpy(bytes.data(), &v, 8); break; }
      case ElemType::F32: { float v = std::stof(text, &used); std::memcpy(bytes.data(), &v, 4); break; }
      case ElemType::F64: { double v = std::stod(text, &used); std::memcpy(bytes.data(), &v, 8); break; }
    }
    if (used != text.size()) return make_error("bad number '" + text + "'");
  } catch (const std::exception&) {
    return make_error("bad number '" + text + "'");
  }
  return bytes;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, sep)) parts.push_back(part);
  return parts;
}

struct Buffer {
  const ElemInfo* type;
  uint64_t count;
  uint64_t address;
};

// `buf:TYPE:COUNT[:INIT]` with INIT = zero | iota | random | a number (every element).
Expected<Buffer> make_buffer(gpu::Device& device, const std::vector<std::string>& parts) {
  if (parts.size() < 3 || parts.size() > 4) return make_error("buffer argument is buf:TYPE:COUNT[:INIT]");
  const ElemInfo* type = find_type(parts[1]);
  if (!type) return make_error("unknown element type '" + parts[1] + "'");
  uint64_t count = 0;
  try {
    count = std::stoull(parts[2]);
  } catch (const std::exception&) {
    return make_error("bad element count '" + parts[2] + "'");
  }
  if (count == 0 || count > (uint64_t{1} << 30)) return make_error("element count out of range");
  std::string init = parts.size() == 4 ? parts[3] : "zero";
  std::vector<uint8_t> host(count * type->size, 0);
  std::mt19937_64 rng(1);
  for (uint64_t i = 0; i < count && init != "zero"; ++i) {
    std::string text = init == "iota" ? std::to_string(i) : init == "random" ? std::to_string(rng() % 1000) : init;
    auto bytes = encode_value(*type, text);
    if (!bytes.ok()) return bytes.error();
    std::memcpy(host.data() + i * type->size, bytes->data(), type->size);
  }
  auto address = device.malloc(host.size());
  if (!address.ok()) return address.error();
  auto status = device.copy_to_device(*address, host.data(), host.size());
  if (!status.ok()) return status.error();
  return Buffer{type, count, *address};
}

void print_buffer(gpu::Device& device, const Buffer& buffer, size_t index, uint64_t limit) {
  uint64_t n = std::min(buffer.count, limit);
  std::vector<uint8_t> host(n * buffer.type->size);
  if (!device.copy_to_host(host.data(), buffer.address, host.size()).ok()) return;
  std::printf("arg %zu (%s[%" PRIu64 "]):", index, buffer.type->name, buffer.count);
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t* p = host.data() + i * buffer.type->size;
    switch (buffer.type->type) {
      case ElemType::I32: { int32_t v; std::memcpy(&v, p, 4); std::printf(" %d", v); break; }
      case ElemType::U32: { uint32_t v; std::memcpy(&v, p, 4); std::printf(" %u", v); break; }
      case ElemType::I64: { int64_t v; std::memcpy(&v, p, 8); std::printf(" %" PRId64, v); break; }
      case ElemType::U64: { uint64_t v; std::memcpy(&v, p, 8); std::printf(" %" PRIu64, v); break; }
      case ElemType::F32: { float v; std::memcpy(&v, p, 4); std::printf(" %g", v); break; }
      case ElemType::F64: { double v; std::memcpy(&v, p, 8); std::printf(" %g", v); break; }
    }
  }
  std::printf(buffer.count > n ? " ...\n" : "\n");
}

Expected<gpu::Dim3> parse_dim(const std::string& text) {
  auto parts = split(text, ',');
  if (parts.empty() || parts.size() > 3) return make_error("dimension is X[,Y[,Z]]: '" + text + "'");
  uint32_t v[3] = {1, 1, 1};
  for (size_t i = 0; i < parts.size(); ++i) {
    try {
      v[i] = static_cast<uint32_t>(std::stoul(parts[i]));
    } catch (const std::exception&) {
      return make_error("bad dimension '" + text + "'");
    }
  }
  return gpu::Dim3{v[0], v[1], v[2]};
}

Expected<isa::Module> load_any_module(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  if (bytes.size() >= 4 && bytes.compare(0, 4, "CNPY") == 0)
    return isa::read_module(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  return compiler::compile_ptx(bytes, path);
}

int fail(const std::string& message) {
  std::fprintf(stderr, "canopy exec: %s\n", message.c_str());
  return 1;
}

}  // namespace

int cmd_exec(int argc, char** argv) {
  CLI::App app{"Run one kernel of a PTX file or native module on the simulated GPU.\n"
               "Arguments, in parameter order: TYPE:VALUE (i32 u32 i64 u64 f32 f64) or\n"
               "buf:TYPE:COUNT[:INIT] for a device buffer (INIT = zero | iota | random | a number).",
               "canopy exec"};
  std::string file, kernel, grid_text = "1", block_text = "1", preset_name = "default";
  std::vector<std::string> arg_specs;
  uint32_t shared = 0;
  unsigned host_threads = 0;
  uint64_t print_count = 8;
  bool stats = false;
  app.add_option("file", file, "PTX file or native module (.cnb)")->required();
  app.add_option("-k,--kernel", kernel, "kernel name")->required();
  app.add_option("-g,--grid", grid_text, "grid dimensions X[,Y[,Z]]");
  app.add_option("-b,--block", block_text, "block dimensions X[,Y[,Z]]");
  app.add_option("-s,--shared", shared, "dynamic shared memory bytes");
  app.add_option("-a,--arg", arg_specs, "kernel argument (repeat, in order)");
  app.add_option("--gpu", preset_name, "GPU preset (see 'canopy devices')");
  app.add_option("--threads", host_threads, "host threads simulating CTAs (0 = all cores)");
  app.add_option("--print", print_count, "elements of each buffer to print after the run");
  app.add_flag("--stats", stats, "print instruction counts and simulation time");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  auto config = gpu::preset(preset_name);
  if (!config.ok()) config = gpu::load_config_file(preset_name);
  if (!config.ok()) return fail(config.error().message);
  gpu::DeviceOptions options;
  options.host_threads = host_threads;
  auto device = gpu::Device::create(*config, options);
  if (!device.ok()) return fail(device.error().message);
  auto module = load_any_module(file);
  if (!module.ok()) return fail(module.error().message);
  auto module_id = (*device)->load_module(*module);
  if (!module_id.ok()) return fail(module_id.error().message);
  auto kernel_id = (*device)->find_kernel(*module_id, kernel);
  if (!kernel_id.ok()) return fail(kernel_id.error().message);
  const isa::Function& info = (*device)->kernel_info(*kernel_id);
  if (arg_specs.size() != info.params.size())
    return fail(kernel + " takes " + std::to_string(info.params.size()) + " arguments, " +
                std::to_string(arg_specs.size()) + " given");

  std::vector<uint8_t> params(info.param_bytes, 0);
  std::vector<std::pair<size_t, Buffer>> buffers;
  for (size_t i = 0; i < arg_specs.size(); ++i) {
    auto parts = split(arg_specs[i], ':');
    std::vector<uint8_t> bytes;
    if (!parts.empty() && parts[0] == "buf") {
      auto buffer = make_buffer(**device, parts);
      if (!buffer.ok()) return fail("argument " + std::to_string(i) + ": " + buffer.error().message);
      buffers.emplace_back(i, *buffer);
      bytes.resize(8);
      std::memcpy(bytes.data(), &buffer->address, 8);
    } else {
      const ElemInfo* type = parts.size() == 2 ? find_type(parts[0]) : nullptr;
      if (!type) return fail("argument " + std::to_string(i) + ": expected TYPE:VALUE or buf:TYPE:COUNT[:INIT]");
      auto value = encode_value(*type, parts[1]);
      if (!value.ok()) return fail("argument " + std::to_string(i) + ": " + value.error().message);
      bytes = *value;
    }
    if (bytes.size() != info.params[i].size)
      return fail("argument " + std::to_string(i) + " is " + std::to_string(bytes.size()) + " bytes; parameter '" +
                  info.params[i].name + "' is " + std::to_string(info.params[i].size));
    std::memcpy(params.data() + info.params[i].offset, bytes.data(), bytes.size());
  }

  auto grid = parse_dim(grid_text);
  auto block = parse_dim(block_text);
  if (!grid.ok()) return fail(grid.error().message);
  if (!block.ok()) return fail(block.error().message);
  gpu::Device::LaunchConfig launch;
  launch.grid = *grid;
  launch.block = *block;
  launch.dynamic_shared = shared;
  auto result = (*device)->launch(*kernel_id, launch, params);
  if (!result.ok()) return fail(result.error().message);
  for (const auto& [index, buffer] : buffers) print_buffer(**device, buffer, index, print_count);
  if (stats) {
    std::printf("kernel %s grid (%u,%u,%u) block (%u,%u,%u) on %s: %" PRIu64 " warp-instructions, %" PRIu64
                " thread-instructions, %.3f ms simulated wall time (%.1f M thread-inst/s)\n",
                kernel.c_str(), grid->x, grid->y, grid->z, block->x, block->y, block->z, config->name.c_str(),
                result->warp_instructions, result->thread_instructions, result->sim_seconds * 1e3,
                result->sim_seconds > 0 ? result->thread_instructions / result->sim_seconds / 1e6 : 0.0);
  }
  return 0;
}

}  // namespace canopy::tools
