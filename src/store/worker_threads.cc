#include "worker_threads.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace s3c {

void RunOnWorkerThreads(size_t n, const std::function<void()>& work) {
  std::vector<std::thread> threads;
  for (size_t i = 0; i < std::max<size_t>(n, 1); ++i) threads.emplace_back(work);
  for (auto& t : threads) t.join();
}

}  // namespace s3c
