#include "s3/error_mapper.h"

#include <gtest/gtest.h>

namespace s3c::s3 {
namespace {

HttpResponse Response(int status, std::string body,
                      std::vector<std::pair<std::string, std::string>> h = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  for (auto& [k, v] : h) r.headers.Add(k, v);
  return r;
}

Status MapResponse(const HttpResponse& r, const std::string& op = "GetObject") {
  return MapS3Error(ExtractErrorInfo(r), op, "s3://b/k", 2);
}

TEST(ErrorMapper, CodesHintsAndContext) {
  struct Case {
    int http;
    std::string code;
    StatusCode want;
    bool retryable;
    std::string hint_part;
  };
  const Case cases[] = {
      {403, "SignatureDoesNotMatch", StatusCode::kPermissionDenied, false,
       "check the secret key and that the machine's clock is right"},
      {403, "InvalidAccessKeyId", StatusCode::kPermissionDenied, false, "access key id"},
      {403, "AccessDenied", StatusCode::kPermissionDenied, false, "policy"},
      {404, "NoSuchBucket", StatusCode::kNotFound, false, "bucket name"},
      {404, "NoSuchKey", StatusCode::kNotFound, false, ""},
      {412, "PreconditionFailed", StatusCode::kFailedPrecondition, false, ""},
      {409, "ConditionalRequestConflict", StatusCode::kAborted, false, ""},
      {416, "InvalidRange", StatusCode::kOutOfRange, false, ""},
      {503, "SlowDown", StatusCode::kUnavailable, true, "rate"},
      {500, "InternalError", StatusCode::kUnavailable, true, ""},
      {400, "RequestTimeout", StatusCode::kUnavailable, true, ""},
      {400, "ExpiredToken", StatusCode::kUnauthenticated, false, "refresh"},
      {400, "EntityTooSmall", StatusCode::kInvalidArgument, false, ""},
      {409, "BucketAlreadyExists", StatusCode::kAlreadyExists, false, ""},
      {501, "NotImplemented", StatusCode::kUnimplemented, false, ""},
  };
  for (const Case& c : cases) {
    HttpResponse r = Response(c.http, "<Error><Code>" + c.code + "</Code></Error>",
                              {{"x-amz-request-id", "tx-9"}});
    Status s = MapResponse(r);
    EXPECT_EQ(s.code(), c.want) << c.code;
    EXPECT_EQ(s.retryable(), c.retryable) << c.code;
    EXPECT_EQ(s.context().s3_code, c.code);
    EXPECT_EQ(s.context().http_status, c.http);
    EXPECT_EQ(s.context().request_id, "tx-9");
    EXPECT_EQ(s.context().attempts, 2);
    EXPECT_EQ(s.context().operation, "GetObject");
    EXPECT_EQ(s.context().resource, "s3://b/k");
    EXPECT_FALSE(s.message().empty()) << c.code;  // RGW sends no Message: built from the code
    EXPECT_NE(s.context().hint.find(c.hint_part), std::string::npos)
        << c.code << ": " << s.context().hint;
  }
}

TEST(ErrorMapper, RgwEmptyMessageAndHeadWithoutBody) {
  Status s = MapResponse(Response(404,
                                  "<Error><Code>NoSuchKey</Code><Message></Message>"
                                  "<RequestId>tx1</RequestId></Error>"));
  EXPECT_EQ(s.message(), "the key does not exist");
  EXPECT_EQ(s.context().request_id, "tx1");

  Status head = MapResponse(Response(404, "", {{"x-amz-request-id", "tx2"}}), "HeadObject");
  EXPECT_EQ(head.code(), StatusCode::kNotFound);
  EXPECT_EQ(head.context().s3_code, "NotFound");
  EXPECT_EQ(head.context().request_id, "tx2");
  EXPECT_EQ(MapResponse(Response(403, "")).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(MapResponse(Response(503, "")).code(), StatusCode::kUnavailable);
  EXPECT_TRUE(MapResponse(Response(503, "")).retryable());
}

TEST(ErrorMapper, MessageFromServerWins) {
  Status s = MapResponse(Response(403,
                                  "<Error><Code>AccessDenied</Code><Message>Access Denied"
                                  "</Message></Error>"));
  EXPECT_EQ(s.message(), "Access Denied");
  EXPECT_NE(s.ToString().find("HTTP 403 AccessDenied"), std::string::npos) << s.ToString();
}

TEST(ErrorMapper, WrongRegion) {
  S3ErrorInfo redirect = ExtractErrorInfo(
      Response(301,
               "<Error><Code>PermanentRedirect</Code><Endpoint>b.s3.eu-west-2.amazonaws.com"
               "</Endpoint></Error>",
               {{"x-amz-bucket-region", "eu-west-2"}}));
  EXPECT_EQ(redirect.region, "eu-west-2");
  EXPECT_TRUE(IsWrongRegion(redirect, "us-east-1"));
  EXPECT_FALSE(IsWrongRegion(redirect, "eu-west-2"));
  S3ErrorInfo malformed = ExtractErrorInfo(Response(
      400, "<Error><Code>AuthorizationHeaderMalformed</Code><Region>ap-south-1</Region></Error>"));
  EXPECT_EQ(malformed.region, "ap-south-1");
  EXPECT_TRUE(IsWrongRegion(malformed, "us-east-1"));
  Status s = MapS3Error(redirect, "HeadBucket", "s3://b", 2);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.context().hint.find("eu-west-2"), std::string::npos);
  // A HEAD redirect has only the header.
  S3ErrorInfo head = ExtractErrorInfo(Response(301, "", {{"x-amz-bucket-region", "eu-north-1"}}));
  EXPECT_EQ(head.code, "PermanentRedirect");
  EXPECT_TRUE(IsWrongRegion(head, "us-east-1"));
}

}  // namespace
}  // namespace s3c::s3
