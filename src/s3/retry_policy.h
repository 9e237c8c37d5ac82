// Standard-mode retry rules
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): max attempts,
// exponential backoff with full jitter, a retry quota so an outage cannot turn into a retry storm,
// Retry-After, and the special one-shot retries (clock skew, expired session token, wrong region).
// Pure logic: the executor owns the loop.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "s3/error_mapper.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"

namespace s3c::s3 {

enum class RetryKind {
  kNone,          // final: report the error
  kStandard,      // transient: backoff, costs kRetryCost quota tokens
  kTimeout,       // transport timeout: backoff, costs kTimeoutRetryCost tokens
  kClockSkew,     // correct the clock offset from the Date header and re-sign at once
  kExpiredToken,  // Invalidate() the credentials and re-sign at once
  kWrongRegion,   // re-send once to the region the server named
};

inline constexpr int kQuotaCapacity = 500;
inline constexpr int kRetryCost = 5;
inline constexpr int kTimeoutRetryCost = 10;
inline constexpr int kNoRetryIncrement = 1;
inline constexpr std::chrono::milliseconds kBackoffBase{100};

// For a transport failure (non-OK Result from HttpClient).
RetryKind ClassifyTransportError(const Status& status);
// For an HTTP error response of a request signed for `used_region`.
RetryKind ClassifyHttpError(const S3ErrorInfo& info, const std::string& used_region);

// Full jitter: random01 * min(max_backoff, base * 2^(retry_index-1)); retry_index >= 1.
Duration BackoffDelay(int retry_index, double random01, std::chrono::milliseconds max_backoff,
                      std::chrono::milliseconds base = kBackoffBase);

// Retry-After as delta-seconds or an HTTP date; nullopt when absent or unparsable.
std::optional<Duration> ParseRetryAfter(const std::string& value, WallTime now);

// The token bucket shared by every request of one client. Thread-safe.
class RetryQuota {
 public:
  explicit RetryQuota(int capacity = kQuotaCapacity) : capacity_(capacity), tokens_(capacity) {}
  // Takes cost tokens; false (and takes nothing) when fewer remain.
  bool TryAcquire(int cost);
  // A request succeeded: refunds what its retries took, or kNoRetryIncrement when it took none.
  void OnSuccess(int acquired);
  int available() const;

 private:
  mutable std::mutex mu_;
  int capacity_;
  int tokens_;
};

}  // namespace s3c::s3
