// Counts every S3 request by operation name, with bytes up/down and retries
// (docs/architecture.md section 4: requests are a cost). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace s3c {

struct RequestStatsSnapshot {
  std::map<std::string, uint64_t> requests;  // "GetObject" -> attempts sent (retries included)
  uint64_t retries = 0;                       // attempts beyond the first, all operations
  uint64_t bytes_uploaded = 0;                // request bodies sent
  uint64_t bytes_downloaded = 0;              // response bodies received
  uint64_t total_requests() const;
};

class RequestStats {
 public:
  // One attempt of `operation` was sent (call once per attempt, retries included).
  void RecordAttempt(const std::string& operation, bool is_retry);
  void AddBytes(uint64_t uploaded, uint64_t downloaded);
  RequestStatsSnapshot Snapshot() const;
  void Reset();

 private:
  mutable std::mutex mu_;
  RequestStatsSnapshot s_;
};

}  // namespace s3c
