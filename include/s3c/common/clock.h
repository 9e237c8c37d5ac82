// Clock, Sleeper and Random are injected (docs/architecture.md, convention 6): tests pass fakes,
// production passes the System* singletons. Nothing outside common/ reads the time directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>

namespace s3c {

using WallTime = std::chrono::system_clock::time_point;
using MonoTime = std::chrono::steady_clock::time_point;
using Duration = std::chrono::nanoseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime Now() const = 0;           // wall clock, for signatures and expiry
  virtual MonoTime MonotonicNow() const = 0;  // for timeouts and elapsed time
};

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

// A manual clock for tests: time moves only when Advance() is called; SleepFor advances it.
class FakeClock final : public Clock, public Sleeper {
 public:
  explicit FakeClock(WallTime start = WallTime(std::chrono::seconds(1'700'000'000)))
      : wall_(start) {}
  WallTime Now() const override;
  MonoTime MonotonicNow() const override;
  void SleepFor(Duration d) override { Advance(d); }
  void Advance(Duration d);
  void SetWall(WallTime t);
  Duration total_slept() const;

 private:
  mutable std::mutex mu_;
  WallTime wall_;
  Duration mono_{0};
  Duration slept_{0};
};

}  // namespace s3c
