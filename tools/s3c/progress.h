// A one-line progress bar on stderr, shown only when stderr is a terminal and not --quiet
// (never on a pipe). Thread-safe: transfers call Add() from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace s3c::cli {

class Progress {
 public:
  // enabled=false makes every call a no-op (counters still count).
  Progress(bool enabled, uint64_t total_bytes, uint64_t total_objects);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void AddBytes(uint64_t n) { bytes_.fetch_add(n, std::memory_order_relaxed); }
  void AddObject() { objects_.fetch_add(1, std::memory_order_relaxed); }
  void AddTotals(uint64_t bytes, uint64_t objects);
  uint64_t bytes() const { return bytes_.load(); }
  uint64_t objects() const { return objects_.load(); }
  void Finish();  // erases the bar

  // True when a bar should be shown (stderr is a tty and not quiet).
  static bool ShouldShow(bool quiet);

 private:
  void Loop();
  void Draw(bool final);

  bool enabled_;
  std::atomic<uint64_t> total_bytes_;
  std::atomic<uint64_t> total_objects_;
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> objects_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace s3c::cli
