#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "s3c/common/clock.h"
#include "s3c/common/strings.h"

namespace s3c::cli {

bool Progress::ShouldShow(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

namespace {
int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             SystemClock::Instance().MonotonicNow().time_since_epoch())
      .count();
}
}  // namespace

Progress::Progress(bool enabled, uint64_t total_bytes, uint64_t total_objects)
    : enabled_(enabled), total_bytes_(total_bytes), total_objects_(total_objects),
      start_ns_(NowNs()) {
  if (enabled_) thread_ = std::thread([this] { Loop(); });
}

void Progress::Restart(const std::string& label, uint64_t total_bytes, uint64_t total_objects) {
  std::lock_guard<std::mutex> lock(mu_);
  label_ = label;
  start_ns_ = NowNs();
  total_bytes_ = total_bytes;
  total_objects_ = total_objects;
  bytes_ = 0;
  objects_ = 0;
  rows_ = -1;
}

void Progress::Set(uint64_t bytes, uint64_t objects, int64_t rows) {
  bytes_ = bytes;
  objects_ = objects;
  rows_ = rows;
}

Progress::~Progress() { Finish(); }

void Progress::AddTotals(uint64_t bytes, uint64_t objects) {
  total_bytes_.fetch_add(bytes);
  total_objects_.fetch_add(objects);
}

void Progress::Finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
    Draw(true);
  }
}

void Progress::Loop() {
  MonoTime start = SystemClock::Instance().MonotonicNow();
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
    // Skip the first half second so quick commands never flash a bar.
    if (SystemClock::Instance().MonotonicNow() - start > std::chrono::milliseconds(500)) Draw(false);
  }
}

// Called with mu_ held (from Loop).
void Progress::Draw(bool final) {
  if (final) {
    std::fputs("\r\033[K", stderr);
    return;
  }
  const uint64_t total = total_bytes_.load();
  // Bytes counted from responses may pass the listing's total (a Parquet footer read twice):
  // never shown above it.
  const uint64_t done = total > 0 ? std::min(bytes_.load(), total) : bytes_.load();
  const double seconds = static_cast<double>(NowNs() - start_ns_) / 1e9;
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string line = "\r";
  if (!label_.empty()) line += label_ + " ";
  if (total > 0) {
    const int pct = static_cast<int>(done * 100 / total);
    const int filled = pct * 30 / 100;
    line += fmt::format("[{}{}] {:3}% {} / {}  {} / {} objects", std::string(filled, '#'),
                        std::string(30 - filled, ' '), pct, FormatBytes(done), FormatBytes(total),
                        objects_.load(), total_objects_.load());
  } else {
    line += fmt::format("{}  {} objects", FormatBytes(done), objects_.load());
  }
  if (const int64_t rows = rows_.load(); rows >= 0) line += fmt::format("  {} rows", rows);
  if (rate > 0) {
    line += fmt::format("  {}/s", FormatBytes(static_cast<uint64_t>(rate)));
    if (total > done) {
      line += fmt::format("  ETA {}s", static_cast<int64_t>((total - done) / rate + 0.5));
    }
  }
  line += "\033[K";
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace s3c::cli
