#include "s3c/common/status.h"
#include "s3c/common/status_message.h"

#include <gtest/gtest.h>

namespace s3c {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgumentError("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  S3C_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(StatusTest, OkHasNoState) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ToStringCarriesContextAndHint) {
  Status s = NotFoundError("the object does not exist");
  ErrorContext c;
  c.operation = "GetObject";
  c.resource = "s3://b/k";
  c.http_status = 404;
  c.s3_code = "NoSuchKey";
  c.request_id = "tx1";
  c.attempts = 1;
  c.hint = "check the key";
  s.SetContext(c);
  EXPECT_EQ(s.ToString(),
            "NotFound: GetObject s3://b/k: HTTP 404 NoSuchKey (request id tx1, 1 attempt): the "
            "object does not exist. Hint: check the key");
}

TEST(StatusTest, CopiesAreIndependent) {
  Status a = UnavailableError("x");
  Status b = a;
  b.SetRetryable(true);
  EXPECT_FALSE(a.retryable());
  EXPECT_TRUE(b.retryable());
}

TEST(StatusTest, WithMessageKeepsCodeRetryableAndContext) {
  Status s(StatusCode::kPermissionDenied, "access denied");
  s.SetRetryable(true);
  ErrorContext ctx;
  ctx.operation = "GetObject";
  ctx.resource = "s3://b/k";
  ctx.hint = "check the policy";
  s.SetContext(ctx);
  Status named = WithMessage(s, "pipeline p: " + s.message());
  EXPECT_EQ(named.code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(named.retryable());
  EXPECT_EQ(named.ToString(),
            "PermissionDenied: GetObject s3://b/k: pipeline p: access denied. Hint: check the policy");
  EXPECT_EQ(s.message(), "access denied");  // the original is unchanged
  EXPECT_TRUE(WithMessage(Status::OK(), "x").ok());
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "odd");
}

TEST(ResultTest, OkStatusBecomesInternalError) {
  Result<int> r{Status::OK()};
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace s3c
