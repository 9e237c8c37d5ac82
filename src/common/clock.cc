#include "s3c/common/clock.h"

#include <thread>

namespace s3c {

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

void SystemSleeper::SleepFor(Duration d) { std::this_thread::sleep_for(d); }

SystemSleeper& SystemSleeper::Instance() {
  static SystemSleeper sleeper;
  return sleeper;
}

double SystemRandom::NextDouble() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen_);
}

SystemRandom& SystemRandom::Instance() {
  static SystemRandom random;
  return random;
}

WallTime FakeClock::Now() const {
  std::lock_guard<std::mutex> lock(mu_);
  return wall_;
}

MonoTime FakeClock::MonotonicNow() const {
  std::lock_guard<std::mutex> lock(mu_);
  return MonoTime(mono_);
}

void FakeClock::Advance(Duration d) {
  std::lock_guard<std::mutex> lock(mu_);
  wall_ += std::chrono::duration_cast<WallTime::duration>(d);
  mono_ += d;
  slept_ += d;
}

void FakeClock::SetWall(WallTime t) {
  std::lock_guard<std::mutex> lock(mu_);
  wall_ = t;
}

Duration FakeClock::total_slept() const {
  std::lock_guard<std::mutex> lock(mu_);
  return slept_;
}

}  // namespace s3c
