// A manual clock for tests: time moves only when Advance() is called; SleepFor advances it, so
// retry and expiry waits cost no real time. Thread-safe (one mutex). Header-only: test support
// links no product library (tests/support/CMakeLists.txt).
#pragma once

#include <chrono>
#include <mutex>

#include "s3c/common/clock.h"

namespace s3c {

class FakeClock final : public Clock, public Sleeper {
 public:
  explicit FakeClock(WallTime start = WallTime(std::chrono::seconds(1'700'000'000)))
      : wall_(start) {}

  WallTime Now() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return wall_;
  }
  MonoTime MonotonicNow() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return MonoTime(mono_);
  }
  void SleepFor(Duration d) override { Advance(d); }

  void Advance(Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    wall_ += std::chrono::duration_cast<WallTime::duration>(d);
    mono_ += d;
    slept_ += d;
  }
  void SetWall(WallTime t) {
    std::lock_guard<std::mutex> lock(mu_);
    wall_ = t;
  }
  Duration total_slept() const {
    std::lock_guard<std::mutex> lock(mu_);
    return slept_;
  }

 private:
  mutable std::mutex mu_;
  WallTime wall_;
  Duration mono_{0};
  Duration slept_{0};
};

}  // namespace s3c
