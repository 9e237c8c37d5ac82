// The retry layer through the public API, against a scripted transport.
#include <gtest/gtest.h>

#include "s3/testing/s3_client_fixture.h"
#include "s3c/common/log.h"
#include "s3c/common/time_format.h"

namespace s3c::s3::testing {
namespace {

using std::chrono::milliseconds;

GetObjectRequest Get(const std::string& key = "k") {
  GetObjectRequest r;
  r.bucket = "b";
  r.key = key;
  return r;
}

TEST_F(S3ClientTest, RetriesTransientErrorsWithJitteredBackoff) {
  auto client = MakeClient();
  http.Push(ErrorReply(503, "SlowDown"));
  http.Push(ErrorReply(500, "InternalError"));
  http.Push(Xml(200, "data", {{"ETag", "\"e\""}}));
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "data");
  EXPECT_EQ(http.request_count(), 3u);
  EXPECT_EQ(Count("GetObject"), 3u);
  EXPECT_EQ(stats.Snapshot().retries, 2u);
  EXPECT_EQ(stats.Snapshot().bytes_downloaded, 4u + ErrorReply(503, "SlowDown").body.size() +
                                                   ErrorReply(500, "InternalError").body.size());
  // random 0.5: 0.5 * 100 ms, then 0.5 * 200 ms.
  EXPECT_EQ(clock.total_slept(), milliseconds(150));
}

TEST_F(S3ClientTest, StopsAfterMaxAttemptsWithContext) {
  auto client = MakeClient();
  for (int i = 0; i < 3; ++i) http.Push(ErrorReply(503, "SlowDown"));
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(r.status().retryable());
  EXPECT_EQ(r.status().context().attempts, 3);
  EXPECT_EQ(r.status().context().operation, "GetObject");
  EXPECT_EQ(r.status().context().resource, "s3://b/k");
  EXPECT_EQ(r.status().context().request_id, "req-SlowDown");
  EXPECT_EQ(http.request_count(), 3u);
}

TEST_F(S3ClientTest, TransportResetIsRetried) {
  auto client = MakeClient();
  FakeReply reset;
  reset.transport_error = UnavailableError("connection reset by peer");
  reset.transport_error.SetRetryable(true);
  http.Push(reset);
  FakeReply timeout;
  timeout.transport_error = DeadlineExceededError("timed out");
  http.Push(timeout);
  http.Push(Xml(200, "ok"));
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Count("GetObject"), 3u);
}

TEST_F(S3ClientTest, NonRetryableErrorIsOneAttempt) {
  auto client = MakeClient();
  http.Push(ErrorReply(404, "NoSuchKey", ""));
  Result<GetObjectResult> r = client->GetObject(Get("missing"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), "the key does not exist");
  EXPECT_EQ(r.status().context().attempts, 1);
  EXPECT_EQ(r.status().context().resource, "s3://b/missing");
  EXPECT_EQ(http.request_count(), 1u);
  EXPECT_EQ(clock.total_slept(), Duration(0));
}

TEST_F(S3ClientTest, RetryQuotaExhaustionStopsRetries) {
  auto client = MakeClient();
  http.SetHandler([](const RecordedRequest&) { return ErrorReply(503, "SlowDown"); });
  // 500 tokens / (2 retries x 5 tokens) = 50 calls that retry fully.
  for (int i = 0; i < 50; ++i) {
    Result<GetObjectResult> r = client->GetObject(Get());
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.status().context().attempts, 3) << i;
  }
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().context().attempts, 1);
  EXPECT_NE(r.status().message().find("retry quota exhausted"), std::string::npos);
  EXPECT_EQ(Count("GetObject"), 151u);
  // A success refills one token: the next failing call may retry once... only with 5 tokens.
  http.SetHandler([](const RecordedRequest&) { return Xml(200, "x"); });
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client->GetObject(Get()).ok());
  http.SetHandler([](const RecordedRequest&) { return ErrorReply(503, "SlowDown"); });
  EXPECT_EQ(client->GetObject(Get()).status().context().attempts, 2);
}

TEST_F(S3ClientTest, RetryAfterIsHonoured) {
  auto client = MakeClient();
  http.Push(ErrorReply(503, "SlowDown", "", {{"Retry-After", "2"}}));
  http.Push(Xml(200, "ok"));
  ASSERT_TRUE(client->GetObject(Get()).ok());
  EXPECT_EQ(clock.total_slept(), std::chrono::seconds(2));
}

TEST_F(S3ClientTest, RetryAfterIsCappedByMaxBackoff) {
  S3ClientOptions o;
  o.max_backoff = milliseconds(500);
  auto client = MakeClient(o);
  http.Push(ErrorReply(429, "TooManyRequests", "", {{"Retry-After", "60"}}));
  http.Push(Xml(200, "ok"));
  ASSERT_TRUE(client->GetObject(Get()).ok());
  EXPECT_EQ(clock.total_slept(), milliseconds(500));
}

TEST_F(S3ClientTest, ClockSkewIsCorrectedFromDateAndResigned) {
  auto client = MakeClient();
  WallTime server_time = clock.Now() + std::chrono::minutes(20);
  http.Push(ErrorReply(403, "RequestTimeTooSkewed", "", {{"Date", FormatHttpDate(server_time)}}));
  http.Push(Xml(200, "ok"));
  http.Push(Xml(200, "ok"));
  ASSERT_TRUE(client->GetObject(Get()).ok());
  ASSERT_TRUE(client->GetObject(Get()).ok());
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].headers.Get("x-amz-date"), FormatAmzDate(clock.Now()));
  EXPECT_EQ(reqs[1].headers.Get("x-amz-date"), FormatAmzDate(server_time));
  EXPECT_EQ(reqs[2].headers.Get("x-amz-date"), FormatAmzDate(server_time));
  EXPECT_EQ(clock.total_slept(), Duration(0));
}

TEST_F(S3ClientTest, ClockSkewRetriedOnlyOnce) {
  auto client = MakeClient();
  std::string date = FormatHttpDate(clock.Now() + std::chrono::hours(1));
  http.Push(ErrorReply(403, "RequestTimeTooSkewed", "", {{"Date", date}}));
  http.Push(ErrorReply(403, "RequestTimeTooSkewed", "", {{"Date", date}}));
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(r.status().context().hint.find("clock"), std::string::npos);
  EXPECT_EQ(http.request_count(), 2u);
}

TEST_F(S3ClientTest, ExpiredTokenInvalidatesCredentialsOnce) {
  auto client = MakeClient();
  http.Push(ErrorReply(400, "ExpiredToken"));
  http.Push(Xml(200, "ok"));
  ASSERT_TRUE(client->GetObject(Get()).ok());
  EXPECT_EQ(creds.invalidations.load(), 1);
  std::vector<RecordedRequest> reqs = http.requests();
  EXPECT_EQ(reqs[0].headers.Get("x-amz-security-token"), "session-token-0");
  EXPECT_EQ(reqs[1].headers.Get("x-amz-security-token"), "session-token-1");

  http.Push(ErrorReply(400, "ExpiredToken"));
  http.Push(ErrorReply(400, "ExpiredToken"));
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(r.status().context().attempts, 2);
  EXPECT_EQ(creds.invalidations.load(), 2);
  EXPECT_EQ(http.request_count(), 4u);
}

TEST_F(S3ClientTest, WrongRegionIsRetriedOnceAndRemembered) {
  SetLogLevel(LogLevel::kError);
  auto client = MakeClient();
  http.Push(Xml(301, "", {{"x-amz-bucket-region", "eu-west-2"}}));
  http.Push(Xml(200, ""));
  Result<bool> exists = client->BucketExists("b");
  ASSERT_TRUE(exists.ok()) << exists.status().ToString();
  EXPECT_TRUE(*exists);
  http.Push(Xml(200, "x"));
  ASSERT_TRUE(client->GetObject(Get()).ok());
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_NE(reqs[0].headers.Get("Authorization").find("/us-east-1/s3/aws4_request"),
            std::string::npos);
  EXPECT_NE(reqs[1].headers.Get("Authorization").find("/eu-west-2/s3/aws4_request"),
            std::string::npos);
  EXPECT_NE(reqs[2].headers.Get("Authorization").find("/eu-west-2/s3/aws4_request"),
            std::string::npos);

  // A second redirect within one call is not followed.
  http.Push(
      ErrorReply(400, "AuthorizationHeaderMalformed", "", {{"x-amz-bucket-region", "ap-south-1"}}));
  http.Push(
      ErrorReply(400, "AuthorizationHeaderMalformed", "", {{"x-amz-bucket-region", "us-west-1"}}));
  Result<GetObjectResult> r = client->GetObject(Get());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().context().attempts, 2);
  EXPECT_NE(r.status().context().hint.find("us-west-1"), std::string::npos);
  SetLogLevel(LogLevel::kInfo);
}

TEST_F(S3ClientTest, CompleteWith200ErrorIsRetriedThenFails) {
  auto client = MakeClient();
  FakeReply in200 = ErrorReply(200, "InternalError", "We encountered an internal error.");
  http.Push(in200);
  http.Push(Xml(200,
                "<CompleteMultipartUploadResult><ETag>\"x-2\"</ETag>"
                "</CompleteMultipartUploadResult>"));
  Result<std::string> etag =
      client->CompleteMultipartUpload("b", "k", "u1", {{2, "e2", ""}, {1, "e1", ""}});
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
  EXPECT_EQ(*etag, "x-2");
  EXPECT_EQ(Count("CompleteMultipartUpload"), 2u);
  std::string body = http.requests()[0].body;
  EXPECT_LT(body.find("<PartNumber>1</PartNumber>"), body.find("<PartNumber>2</PartNumber>"));

  http.Push(ErrorReply(200, "AccessDenied", "nope"));
  Result<std::string> failed = client->CompleteMultipartUpload("b", "k", "u1", {{1, "e1", ""}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(failed.status().context().http_status, 200);
  EXPECT_EQ(failed.status().context().s3_code, "AccessDenied");
  EXPECT_EQ(Count("CompleteMultipartUpload"), 3u);
}

}  // namespace
}  // namespace s3c::s3::testing
