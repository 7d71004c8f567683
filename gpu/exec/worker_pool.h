// A fixed pool of host threads created with the device. run(job) calls job(i) once for every
// participant i in [0, size()), participant 0 being the calling thread, and returns when all are done.
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
  const std::function<void(unsigned)>* job_ = nullptr;
  uint64_t generation_ = 0;
  unsigned running_ = 0;
  bool stopping_ = false;
};

}  // namespace canopy::gpu
