// Harness of the device math tests: runs the kernels of cu/math_kernels.cu on the simulated GPU and
// measures their error against MPFR in ulps (CUDA's measure: the distance, in representable numbers,
// between the returned value and the correctly rounded result).
#pragma once

#include <gtest/gtest.h>
#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/finalize.h"
#include "gpu/device.h"

namespace canopy::math_test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One simulated GPU with the math kernels loaded, shared by the tests of this binary (test-only memo).
class MathDevice {
 public:
  static MathDevice& get() {
    static MathDevice device;
    return device;
  }

  bool ok() const { return ok_; }

  // Runs k_<name>(buffers..., n): `inputs` are uploaded, then `output_sizes` element-size buffers are
  // allocated; returns the outputs' bytes.
  std::vector<std::vector<uint8_t>> run(const std::string& name,
                                        const std::vector<std::vector<uint8_t>>& inputs,
                                        const std::vector<size_t>& output_sizes, uint32_t n) {
    std::vector<std::vector<uint8_t>> outputs;
    auto kernel = device_->find_kernel(module_, "k_" + name);
    if (!kernel.ok()) {
      ADD_FAILURE() << "no kernel k_" << name;
      return outputs;
    }
    std::vector<uint64_t> pointers;
    for (const auto& in : inputs) pointers.push_back(upload(in));
    for (size_t size : output_sizes) pointers.push_back(upload(std::vector<uint8_t>(size * n, 0)));
    const isa::Function& info = device_->kernel_info(*kernel);
    std::vector<uint8_t> params(info.param_bytes, 0);
    EXPECT_EQ(info.params.size(), pointers.size() + 1);
    if (info.params.size() != pointers.size() + 1) return outputs;
    for (size_t i = 0; i < pointers.size(); ++i)
      std::memcpy(params.data() + info.params[i].offset, &pointers[i], 8);
    int count = static_cast<int>(n);
    std::memcpy(params.data() + info.params.back().offset, &count, 4);
    gpu::Device::LaunchConfig config;
    config.block = {128, 1, 1};
    config.grid = {(n + 127) / 128, 1, 1};
    auto stats = device_->launch(*kernel, config, params);
    EXPECT_TRUE(stats.ok()) << (stats.ok() ? "" : stats.error().message);
    for (size_t i = 0; i < output_sizes.size(); ++i) {
      std::vector<uint8_t> host(output_sizes[i] * n);
      EXPECT_TRUE(device_->copy_to_host(host.data(), pointers[inputs.size() + i], host.size()).ok());
      outputs.push_back(std::move(host));
    }
    for (uint64_t p : pointers) (void)device_->free(p);
    return outputs;
  }

 private:
  MathDevice() {
    std::string path = std::string(CANOPY_MATH_PTX_DIR) + "/math_kernels.ptx";
    auto module = compiler::compile_ptx(read_text(path), path);
    if (!module.ok()) {
      ADD_FAILURE() << module.error().message;
      return;
    }
    auto config = gpu::preset("default");
    if (!config.ok()) return;
    gpu::DeviceOptions options;
    options.host_threads = 2;
    auto device = gpu::Device::create(*config, options);
    if (!device.ok()) return;
    device_ = std::move(device).value();
    auto id = device_->load_module(*module);
    if (!id.ok()) {
      ADD_FAILURE() << id.error().message;
      return;
    }
    module_ = *id;
    ok_ = true;
  }

  uint64_t upload(const std::vector<uint8_t>& bytes) {
    auto ptr = device_->malloc(std::max<size_t>(1, bytes.size()));
    EXPECT_TRUE(ptr.ok());
    if (!bytes.empty()) {
      EXPECT_TRUE(device_->copy_to_device(*ptr, bytes.data(), bytes.size()).ok());
    }
    return *ptr;
  }

  std::unique_ptr<gpu::Device> device_;
  gpu::ModuleId module_;
  bool ok_ = false;
};

template <typename T>
std::vector<uint8_t> as_bytes(const std::vector<T>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(T));
  if (!b.empty()) std::memcpy(b.data(), v.data(), b.size());
  return b;
}
template <typename T>
std::vector<T> from_bytes(const std::vector<uint8_t>& b) {
  std::vector<T> v(b.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), b.data(), b.size());
  return v;
}

// Runs a kernel whose inputs and single output all have type T.
template <typename T>
std::vector<T> run_same(const std::string& name, const std::vector<std::vector<T>>& inputs) {
  std::vector<std::vector<uint8_t>> bytes;
  for (const auto& in : inputs) bytes.push_back(as_bytes(in));
  auto out = MathDevice::get().run(name, bytes, {sizeof(T)}, static_cast<uint32_t>(inputs[0].size()));
  return out.empty() ? std::vector<T>(inputs[0].size()) : from_bytes<T>(out[0]);
}

// ---- ulps ----
inline int64_t ordinal(float x) {
  uint32_t b;
  std::memcpy(&b, &x, 4);
  int64_t mag = b & 0x7fffffffu;
  return (b >> 31) ? -mag : mag;
}
inline int64_t ordinal(double x) {
  uint64_t b;
  std::memcpy(&b, &x, 8);
  int64_t mag = static_cast<int64_t>(b & 0x7fffffffffffffffull);
  return (b >> 63) ? -mag : mag;
}
// Distance in ulps; a NaN on one side only counts as "infinitely" wrong.
template <typename T>
double ulp_distance(T got, T want) {
  if (std::isnan(got) || std::isnan(want)) return std::isnan(got) == std::isnan(want) ? 0.0 : 1e30;
  return std::fabs(static_cast<double>(ordinal(got) - ordinal(want)));
}

// ---- MPFR references ----
template <typename T>
constexpr int kRefPrecision = sizeof(T) == 4 ? 128 : 192;

using Mpfr1 = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);
using Mpfr2 = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);

class Mp {
 public:
  explicit Mp(int precision) { mpfr_init2(v_, precision); }
  ~Mp() { mpfr_clear(v_); }
  Mp(const Mp&) = delete;
  Mp& operator=(const Mp&) = delete;
  mpfr_ptr get() { return v_; }

 private:
  mpfr_t v_;
};

template <typename T>
T round_to(mpfr_srcptr v) {
  if constexpr (sizeof(T) == 4) {
    return mpfr_get_flt(v, MPFR_RNDN);
  } else {
    return mpfr_get_d(v, MPFR_RNDN);
  }
}

template <typename T>
T reference1(Mpfr1 f, T x) {
  Mp a(kRefPrecision<T>), r(kRefPrecision<T>);
  mpfr_set_d(a.get(), static_cast<double>(x), MPFR_RNDN);
  f(r.get(), a.get(), MPFR_RNDN);
  return round_to<T>(r.get());
}
template <typename T>
T reference2(Mpfr2 f, T x, T y) {
  Mp a(kRefPrecision<T>), b(kRefPrecision<T>), r(kRefPrecision<T>);
  mpfr_set_d(a.get(), static_cast<double>(x), MPFR_RNDN);
  mpfr_set_d(b.get(), static_cast<double>(y), MPFR_RNDN);
  f(r.get(), a.get(), b.get(), MPFR_RNDN);
  return round_to<T>(r.get());
}

// ---- inputs ----
class Rng {  // splitmix64: deterministic on every host
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1p-53; }

 private:
  uint64_t state_;
};

template <typename T>
T from_raw_bits(uint64_t b) {
  if constexpr (sizeof(T) == 4) {
    uint32_t u = static_cast<uint32_t>(b);
    float f;
    std::memcpy(&f, &u, 4);
    return f;
  } else {
    double d;
    std::memcpy(&d, &b, 8);
    return d;
  }
}

template <typename T>
T step_ulps(T x, int k) {
  for (; k > 0; --k) x = std::nextafter(x, std::numeric_limits<T>::infinity());
  for (; k < 0; ++k) x = std::nextafter(x, -std::numeric_limits<T>::infinity());
  return x;
}

// Where a function is interesting: [lo, hi] sampled uniformly and log-uniformly in magnitude, points
// around `centers` (a few ulps either side), plus special values and random bit patterns over the whole
// format.
struct Domain {
  double lo, hi;
  std::vector<double> centers = {};
  double log_max = 0;  // when set, log-uniform magnitudes go up to it (beyond [lo, hi])
};

template <typename T>
std::vector<T> special_values() {
  using L = std::numeric_limits<T>;
  std::vector<T> v = {T(0),
                      -T(0),
                      L::infinity(),
                      -L::infinity(),
                      L::quiet_NaN(),
                      L::denorm_min(),
                      -L::denorm_min(),
                      L::min(),
                      -L::min(),
                      L::max(),
                      -L::max(),
                      T(1),
                      T(-1),
                      T(0.5),
                      T(-0.5),
                      T(2),
                      T(-2),
                      T(3),
                      T(-3),
                      T(10),
                      T(-10),
                      T(0.25),
                      step_ulps(L::min(), -1)};
  return v;
}

template <typename T>
std::vector<T> make_inputs(const Domain& d, size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<T> v = special_values<T>();
  for (double c : d.centers) {
    T t = static_cast<T>(c);
    for (int k = -3; k <= 3; ++k) v.push_back(step_ulps(t, k));
  }
  const double lmag = d.log_max > 0 ? d.log_max : std::max(std::fabs(d.lo), std::fabs(d.hi));
  const bool both_signs = d.lo < 0 && d.hi > 0;
  while (v.size() < n) {
    uint64_t kind = rng.next() % 8;
    double x;
    if (kind == 0) {
      x = static_cast<double>(from_raw_bits<T>(rng.next()));  // full range, NaNs and infinities included
    } else if (kind <= 3) {
      x = d.lo + (d.hi - d.lo) * rng.uniform();
    } else {  // log-uniform magnitude in [tiny, lmag]
      double tiny = static_cast<double>(std::numeric_limits<T>::denorm_min());
      double lg = std::log2(tiny) + (std::log2(lmag) - std::log2(tiny)) * rng.uniform();
      x = std::exp2(lg);
      if (both_signs && (rng.next() & 1)) x = -x;
      if (!both_signs && d.hi <= 0) x = -x;
      if (d.log_max == 0 && (x < d.lo || x > d.hi)) x = d.lo + (d.hi - d.lo) * rng.uniform();
    }
    v.push_back(static_cast<T>(x));
  }
  v.resize(n);
  return v;
}

// Accumulates the worst error of one function.
struct ErrorStats {
  double max_ulps = 0;
  size_t count = 0;
  std::string worst;
  template <typename T>
  void add(T got, T want, const std::string& input) {
    ++count;
    double u = ulp_distance(got, want);
    if (u > max_ulps) {
      max_ulps = u;
      char text[200];
      std::snprintf(text, sizeof text, "%s -> got %a, want %a", input.c_str(), static_cast<double>(got),
                    static_cast<double>(want));
      worst = text;
    }
  }
};

inline void print_row(const std::string& name, double bound, const ErrorStats& s) {
  std::printf("[math] | %-12s | %4g | %4g | %6zu |\n", name.c_str(), bound, s.max_ulps, s.count);
}

}  // namespace canopy::math_test
