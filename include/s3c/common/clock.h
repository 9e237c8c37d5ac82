// Clock, Sleeper and Random are injected (docs/architecture.md, convention 6): tests pass fakes
// (tests/support/fake_clock.h), production passes the System* singletons. Nothing outside
// common/ reads the time directly.
// Thread-safety: every implementation is callable from several threads at once (one client
// serves every thread and reads its clock from transport and timer threads).
// Lifetimes: users hold these by pointer and never own them; the System* instances live until
// the process exits.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace s3c {

using WallTime = std::chrono::system_clock::time_point;
using MonoTime = std::chrono::steady_clock::time_point;
using Duration = std::chrono::nanoseconds;

// Thread-safe (above).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime Now() const = 0;           // wall clock, for signatures and expiry
  virtual MonoTime MonotonicNow() const = 0;  // for timeouts and elapsed time
};

// Thread-safe (above); SleepFor blocks only the calling thread.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepFor(Duration d) = 0;
};

// Uniform random numbers; thread-safe.
class Random {
 public:
  virtual ~Random() = default;
  // A uniformly distributed value in [0, 1).
  virtual double NextDouble() = 0;
};

class SystemClock final : public Clock {
 public:
  WallTime Now() const override { return std::chrono::system_clock::now(); }
  MonoTime MonotonicNow() const override { return std::chrono::steady_clock::now(); }
  static SystemClock& Instance();
};

class SystemSleeper final : public Sleeper {
 public:
  void SleepFor(Duration d) override;
  static SystemSleeper& Instance();
};

class SystemRandom final : public Random {
 public:
  double NextDouble() override;
  static SystemRandom& Instance();

 private:
  std::mutex mu_;
  std::mt19937_64 gen_{std::random_device{}()};
};

}  // namespace s3c
