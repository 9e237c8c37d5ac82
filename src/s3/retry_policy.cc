#include "s3/retry_policy.h"

#include <algorithm>

#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c::s3 {

RetryKind ClassifyTransportError(const Status& status) {
  if (status.code() == StatusCode::kDeadlineExceeded) return RetryKind::kTimeout;
  if (status.code() == StatusCode::kUnavailable || status.retryable()) return RetryKind::kStandard;
  return RetryKind::kNone;
}

RetryKind ClassifyHttpError(const S3ErrorInfo& info, const std::string& used_region) {
  if (IsWrongRegion(info, used_region)) return RetryKind::kWrongRegion;
  if (IsClockSkewCode(info.code)) return RetryKind::kClockSkew;
  if (IsExpiredTokenCode(info.code)) return RetryKind::kExpiredToken;
  const std::string& c = info.code;
  if (c == "SlowDown" || c == "RequestTimeout" || c == "InternalError" ||
      c == "ServiceUnavailable" || c == "Throttling" || c == "ThrottlingException" ||
      c == "RequestLimitExceeded" || c == "TooManyRequestsException") {
    return RetryKind::kStandard;
  }
  if (info.http_status == 429) return RetryKind::kStandard;
  if (info.http_status >= 500 && info.http_status != 501) return RetryKind::kStandard;
  return RetryKind::kNone;
}

Duration BackoffDelay(int retry_index, double random01, std::chrono::milliseconds max_backoff,
                      std::chrono::milliseconds base) {
  int shift = std::clamp(retry_index - 1, 0, 30);
  double ceiling = std::min(static_cast<double>(max_backoff.count()),
                            static_cast<double>(base.count()) * static_cast<double>(1ull << shift));
  double ms = std::clamp(random01, 0.0, 1.0) * ceiling;
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(ms));
}

std::optional<Duration> ParseRetryAfter(const std::string& value, WallTime now) {
  std::string_view v = Trim(value);
  if (v.empty()) return std::nullopt;
  if (auto secs = ParseUint64(v)) return std::chrono::seconds(*secs);
  if (auto t = ParseHttpDate(v)) {
    if (*t <= now) return Duration(0);
    return std::chrono::duration_cast<Duration>(*t - now);
  }
  return std::nullopt;
}

bool RetryQuota::TryAcquire(int cost) {
  std::lock_guard<std::mutex> lock(mu_);
  if (tokens_ < cost) return false;
  tokens_ -= cost;
  return true;
}

void RetryQuota::OnSuccess(int acquired) {
  std::lock_guard<std::mutex> lock(mu_);
  tokens_ = std::min(capacity_, tokens_ + (acquired > 0 ? acquired : kNoRetryIncrement));
}

int RetryQuota::available() const {
  std::lock_guard<std::mutex> lock(mu_);
  return tokens_;
}

}  // namespace s3c::s3
