#include "progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "s3c/common/clock.h"
#include "s3c/common/strings.h"

namespace s3c::cli {

bool Progress::ShouldShow(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(bool enabled, uint64_t total_bytes, uint64_t total_objects)
    : enabled_(enabled), total_bytes_(total_bytes), total_objects_(total_objects) {
  if (enabled_) thread_ = std::thread([this] { Loop(); });
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

void Progress::Draw(bool final) {
  if (final) {
    std::fputs("\r\033[K", stderr);
    return;
  }
  uint64_t total = total_bytes_.load();
  uint64_t done = bytes_.load();
  std::string line;
  if (total > 0) {
    int pct = static_cast<int>(done * 100 / total);
    int filled = pct * 30 / 100;
    line = fmt::format("\r[{}{}] {:3}% {} / {}  {} / {} objects\033[K", std::string(filled, '#'),
                       std::string(30 - filled, ' '), pct, FormatBytes(done), FormatBytes(total),
                       objects_.load(), total_objects_.load());
  } else {
    line = fmt::format("\r{}  {} objects\033[K", FormatBytes(done), objects_.load());
  }
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace s3c::cli
