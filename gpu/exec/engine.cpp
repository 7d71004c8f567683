// The engine for one warp width: predecoding and the distribution of a launch's CTAs over host threads.
#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>

#include "gpu/exec/cta_runner.h"
#include "gpu/exec/launch.h"
#include "gpu/exec/worker_pool.h"

namespace canopy::gpu {

namespace {

template <int W>
class Engine final : public EngineBase {
 public:
  explicit Engine(unsigned host_threads) : pool_(host_threads) {
    for (unsigned i = 0; i < pool_.size(); ++i) runners_.push_back(std::make_unique<CtaRunner<W>>());
  }

  Expected<std::unique_ptr<ExecModuleBase>> predecode(const isa::Module& module, uint32_t module_id) override {
    auto m = predecode_module<W>(module, module_id);
    if (!m.ok()) return m.error();
    return std::unique_ptr<ExecModuleBase>(std::move(m).value());
  }

  unsigned host_threads() const override { return pool_.size(); }

  // CTAs are handed out in increasing linear order. After a fault in CTA f, CTAs above f are skipped but
  // every CTA below f still runs, so the reported fault (lowest faulting CTA) is the same for every
  // thread count.
  LaunchOutcome launch(const LaunchSpec& spec) override {
    if (spec.cooperative) return launch_cooperative(spec);
    const uint64_t total = uint64_t{spec.grid.x} * spec.grid.y * spec.grid.z;
    std::atomic<uint64_t> next{0};
    std::atomic<uint64_t> fault_cta{std::numeric_limits<uint64_t>::max()};
    std::mutex fault_mutex;
    std::optional<Fault> fault;
    for (auto& r : runners_) r->begin_launch(spec);
    pool_.run([&](unsigned worker) {
      CtaRunner<W>& runner = *runners_[worker];
      for (;;) {
        uint64_t cta = next.fetch_add(1);
        if (cta >= total || cta > fault_cta.load()) break;
        auto f = runner.run(cta);
        if (!f) continue;
        std::lock_guard<std::mutex> lock(fault_mutex);
        if (cta < fault_cta.load()) {
          fault_cta.store(cta);
          fault = std::move(f);
        }
      }
    });
    LaunchOutcome out = collect(runners_, fault_cta.load(), spec);
    out.fault = std::move(fault);
    return out;
  }

 private:
  // Cooperative launch: every CTA is resident at once (the device checked that the grid fits), so CTAs
  // may wait for each other, as a grid-wide barrier does. They run interleaved on the calling thread, a
  // scheduling round each in CTA order, until all finish; a CTA that spins yields (kYieldBranches), so
  // the ones it waits for progress. One thread: deterministic. The first fault ends the launch.
  LaunchOutcome launch_cooperative(const LaunchSpec& spec) {
    const uint64_t total = uint64_t{spec.grid.x} * spec.grid.y * spec.grid.z;
    std::vector<std::unique_ptr<CtaRunner<W>>> ctas;
    ctas.reserve(total);
    for (uint64_t i = 0; i < total; ++i) {
      ctas.push_back(std::make_unique<CtaRunner<W>>());
      ctas.back()->begin_launch(spec);
      ctas.back()->start(i);
    }
    std::vector<bool> done(total, false);
    uint64_t live = total, fault_cta = std::numeric_limits<uint64_t>::max();
    std::optional<Fault> fault;
    while (live && !fault) {
      for (uint64_t i = 0; i < total && !fault; ++i) {
        if (done[i]) continue;
        CtaStatus s = ctas[i]->step();
        if (s == CtaStatus::Done) {
          done[i] = true;
          --live;
        } else if (s == CtaStatus::Faulted) {
          fault = ctas[i]->cta_fault();
          fault_cta = i;
        }
      }
    }
    LaunchOutcome out = collect(ctas, fault_cta, spec);
    out.fault = std::move(fault);
    return out;
  }

  // Statistics and printf text of a launch's runners (printf: CTA order, none above `fault_cta`).
  static LaunchOutcome collect(const std::vector<std::unique_ptr<CtaRunner<W>>>& runners, uint64_t fault_cta,
                               const LaunchSpec& spec) {
    LaunchOutcome out;
    for (auto& r : runners) {
      const CtaCounters& c = r->counters();
      out.warp_instructions += c.warp_instructions;
      out.thread_instructions += c.thread_instructions;
      out.fence_instructions += c.fence_instructions;
      out.barrier_instructions += c.barrier_instructions;
      out.lane_yields += c.lane_yields;
      out.ctas += c.ctas;
    }
    if (std::any_of(runners.begin(), runners.end(),
                    [](auto& r) { return !r->printf_buffer().chunks().empty(); })) {
      std::vector<const PrintfBuffer*> printf_buffers;
      for (auto& r : runners) printf_buffers.push_back(&r->printf_buffer());
      // CTAs above a faulting one may or may not have run (it depends on the thread count): drop their text.
      out.printf_output = merge_printf(printf_buffers, fault_cta, spec.printf_capacity);
    }
    return out;
  }

  WorkerPool pool_;
  std::vector<std::unique_ptr<CtaRunner<W>>> runners_;
};

}  // namespace

std::unique_ptr<EngineBase> make_engine(const GpuConfig& config, unsigned host_threads) {
  if (host_threads == 0) host_threads = 1;
  if (config.warp_size == 64) return std::make_unique<Engine<64>>(host_threads);
  return std::make_unique<Engine<32>>(host_threads);
}

}  // namespace canopy::gpu
