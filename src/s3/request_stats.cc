#include "s3c/s3/request_stats.h"

namespace s3c {

uint64_t RequestStatsSnapshot::total_requests() const {
  uint64_t total = 0;
  for (const auto& [op, n] : requests) total += n;
  return total;
}

void RequestStats::RecordAttempt(const std::string& operation, bool is_retry) {
  std::lock_guard<std::mutex> lock(mu_);
  ++s_.requests[operation];
  if (is_retry) ++s_.retries;
}

void RequestStats::AddBytes(uint64_t uploaded, uint64_t downloaded) {
  std::lock_guard<std::mutex> lock(mu_);
  s_.bytes_uploaded += uploaded;
  s_.bytes_downloaded += downloaded;
}

RequestStatsSnapshot RequestStats::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return s_;
}

void RequestStats::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  s_ = RequestStatsSnapshot{};
}

}  // namespace s3c
