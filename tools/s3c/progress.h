// A one-line progress bar on stderr, shown only when stderr is a terminal and not --quiet
// (never on a pipe): bytes and objects done of their totals, rows when counted, throughput and
// the time left. Thread-safe: transfers call Add() from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
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
  // For a run of steps (the pipelines of `s3c run`): the bar starts again under `label` with
  // these totals (0: unknown), its counts and its clock at zero.
  void Restart(const std::string& label, uint64_t total_bytes, uint64_t total_objects);
  // Absolute counts (rather than Add): what a step reports it has done so far.
  void Set(uint64_t bytes, uint64_t objects, int64_t rows);
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
  std::atomic<int64_t> rows_{-1};  // -1: not counted (not shown)
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::string label_;   // under mu_
  int64_t start_ns_ = 0;  // the monotonic clock at (re)start, under mu_
  std::thread thread_;
};

}  // namespace s3c::cli
