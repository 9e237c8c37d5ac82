#include "s3/retry_policy.h"

#include <gtest/gtest.h>

#include "s3c/common/time_format.h"

namespace s3c::s3 {
namespace {

using std::chrono::milliseconds;

TEST(RetryPolicy, BackoffIsFullJitterCappedAtMax) {
  const milliseconds max{20000};
  EXPECT_EQ(BackoffDelay(1, 0.0, max), Duration(0));
  EXPECT_EQ(BackoffDelay(1, 0.5, max), milliseconds(50));
  EXPECT_EQ(BackoffDelay(2, 0.5, max), milliseconds(100));
  EXPECT_EQ(BackoffDelay(3, 0.25, max), milliseconds(100));
  EXPECT_EQ(BackoffDelay(20, 0.5, max), milliseconds(10000));
  EXPECT_EQ(BackoffDelay(1, 0.999999, milliseconds(30)) <= milliseconds(30), true);
  for (int i = 1; i < 40; ++i) {
    for (double r : {0.0, 0.1, 0.5, 0.999}) {
      Duration d = BackoffDelay(i, r, max);
      EXPECT_GE(d, Duration(0));
      EXPECT_LE(d, max);
      double exp = 100.0 * static_cast<double>(1ull << std::min(i - 1, 30));
      double ceiling = std::min(20000.0, exp);
      double ms = std::chrono::duration<double, std::milli>(d).count();
      EXPECT_LE(ms, ceiling * r + 1e-6);
    }
  }
}

TEST(RetryPolicy, RetryAfter) {
  WallTime now = *ParseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT");
  EXPECT_EQ(ParseRetryAfter("3", now), Duration(std::chrono::seconds(3)));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), Duration(0));
  EXPECT_EQ(ParseRetryAfter("Sun, 30 Aug 2015 12:36:05 GMT", now),
            Duration(std::chrono::seconds(5)));
  EXPECT_EQ(ParseRetryAfter("Sun, 30 Aug 2015 12:35:00 GMT", now), Duration(0));
  EXPECT_EQ(ParseRetryAfter("", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", now), std::nullopt);
}

TEST(RetryPolicy, QuotaRunsOutAndRefunds) {
  RetryQuota q(12);
  EXPECT_TRUE(q.TryAcquire(kRetryCost));
  EXPECT_TRUE(q.TryAcquire(kRetryCost));
  EXPECT_FALSE(q.TryAcquire(kRetryCost));
  EXPECT_EQ(q.available(), 2);
  EXPECT_FALSE(q.TryAcquire(kTimeoutRetryCost));
  q.OnSuccess(kRetryCost);
  EXPECT_EQ(q.available(), 7);
  q.OnSuccess(0);
  EXPECT_EQ(q.available(), 8);
  q.OnSuccess(100);
  EXPECT_EQ(q.available(), 12);  // capped
}

TEST(RetryPolicy, Classification) {
  auto info = [](int status, std::string code, std::string region = "") {
    S3ErrorInfo i;
    i.http_status = status;
    i.code = std::move(code);
    i.region = std::move(region);
    return i;
  };
  EXPECT_EQ(ClassifyHttpError(info(503, "SlowDown"), "r"), RetryKind::kStandard);
  EXPECT_EQ(ClassifyHttpError(info(500, "InternalError"), "r"), RetryKind::kStandard);
  EXPECT_EQ(ClassifyHttpError(info(502, ""), "r"), RetryKind::kStandard);
  EXPECT_EQ(ClassifyHttpError(info(429, ""), "r"), RetryKind::kStandard);
  EXPECT_EQ(ClassifyHttpError(info(400, "RequestTimeout"), "r"), RetryKind::kStandard);
  EXPECT_EQ(ClassifyHttpError(info(200, "InternalError"), "r"), RetryKind::kStandard);
  EXPECT_EQ(ClassifyHttpError(info(501, "NotImplemented"), "r"), RetryKind::kNone);
  EXPECT_EQ(ClassifyHttpError(info(404, "NoSuchKey"), "r"), RetryKind::kNone);
  EXPECT_EQ(ClassifyHttpError(info(403, "SignatureDoesNotMatch"), "r"), RetryKind::kNone);
  EXPECT_EQ(ClassifyHttpError(info(403, "RequestTimeTooSkewed"), "r"), RetryKind::kClockSkew);
  EXPECT_EQ(ClassifyHttpError(info(400, "ExpiredToken"), "r"), RetryKind::kExpiredToken);
  EXPECT_EQ(ClassifyHttpError(info(301, "PermanentRedirect", "eu-west-1"), "r"),
            RetryKind::kWrongRegion);
  EXPECT_EQ(ClassifyTransportError(UnavailableError("reset").SetRetryable(true)),
            RetryKind::kStandard);
  EXPECT_EQ(ClassifyTransportError(DeadlineExceededError("timeout")), RetryKind::kTimeout);
  EXPECT_EQ(ClassifyTransportError(InvalidArgumentError("bad url")), RetryKind::kNone);
}

}  // namespace
}  // namespace s3c::s3
