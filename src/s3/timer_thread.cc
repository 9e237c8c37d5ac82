#include "s3/timer_thread.h"

#include <algorithm>

namespace s3c::s3 {

TimerThread::TimerThread(Clock* clock, Sleeper* sleeper)
    : clock_(clock), sleeper_(sleeper), thread_([this] { Loop(); }) {}

TimerThread::~TimerThread() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void TimerThread::RunAfter(Duration delay, std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    tasks_.emplace(clock_->MonotonicNow() + std::max(delay, Duration(0)), std::move(task));
  }
  cv_.notify_all();
}

void TimerThread::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
    if (tasks_.empty() && stop_) return;
    auto first = tasks_.begin();
    Duration remaining = first->first - clock_->MonotonicNow();
    if (remaining > Duration(0) && !stop_) {
      lock.unlock();
      sleeper_->SleepFor(std::min(remaining, kSlice));
      lock.lock();
      continue;
    }
    std::function<void()> task = std::move(first->second);
    tasks_.erase(first);
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace s3c::s3
