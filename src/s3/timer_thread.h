// One thread that runs delayed tasks (retry backoff) in deadline order.
// Time comes from the injected Clock and the waiting from the injected Sleeper (in slices of at
// most kSlice, so a task scheduled for sooner is not held up): with a FakeClock the waits
// advance fake time and tests stay deterministic. Tasks run on the timer thread; the destructor
// runs every pending task at once (their requests then fail fast or finish) and joins.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "s3c/common/clock.h"

namespace s3c::s3 {

class TimerThread {
 public:
  static constexpr Duration kSlice = std::chrono::milliseconds(10);

  TimerThread(Clock* clock, Sleeper* sleeper);
  ~TimerThread();
  TimerThread(const TimerThread&) = delete;
  TimerThread& operator=(const TimerThread&) = delete;

  void RunAfter(Duration delay, std::function<void()> task);

 private:
  void Loop();

  Clock* clock_;
  Sleeper* sleeper_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::multimap<MonoTime, std::function<void()>> tasks_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace s3c::s3
