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

}  // namespace s3c
