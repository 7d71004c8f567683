// A fixed pool of host threads created with the device. run(job) calls job(i) for participant 0 (the
// calling thread) and for every pool thread i that wakes up while the job is still open, and returns
// when all of those are done.
//
// The job closes when the calling thread's own job(0) returns. A pool thread that wakes after that
// skips it: on a busy host a sleeping thread may take milliseconds to be scheduled, and a small launch
// must not wait for a helper that could no longer find any work (job(i) has to tolerate running on any
// subset of participants; it claims its work from a shared counter).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace canopy::gpu {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned participants);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(threads_.size()) + 1; }
  void run(const std::function<void(unsigned)>& job);

 private:
  void worker_loop(unsigned index);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const std::function<void(unsigned)>* job_ = nullptr;  // non-null while the job is open
  uint64_t generation_ = 0;
  unsigned running_ = 0;  // pool threads inside job(i)
  bool stopping_ = false;
};

}  // namespace canopy::gpu
