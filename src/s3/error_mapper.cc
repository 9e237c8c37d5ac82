#include "s3/error_mapper.h"

#include <fmt/format.h>

#include "s3/xml_parsers.h"
#include "s3c/common/strings.h"

namespace s3c::s3 {
namespace {

struct Mapping {
  StatusCode code;
  const char* message;  // used when the server sent none
  const char* hint;
};

Mapping ForCode(const std::string& c, int http_status) {
  using SC = StatusCode;
  if (c == "NoSuchKey") return {SC::kNotFound, "the key does not exist", ""};
  if (c == "NoSuchBucket") {
    return {SC::kNotFound, "the bucket does not exist",
            "check the bucket name (and the endpoint / region)"};
  }
  if (c == "NoSuchUpload") {
    return {SC::kNotFound, "the multipart upload does not exist (completed or aborted)", ""};
  }
  if (c == "NotFound") return {SC::kNotFound, "not found", ""};
  if (c == "SignatureDoesNotMatch") {
    return {SC::kPermissionDenied, "the request signature does not match",
            "check the secret key and that the machine's clock is right"};
  }
  if (c == "InvalidAccessKeyId") {
    return {SC::kPermissionDenied, "the access key id is unknown to the server",
            "check the access key id (and that it belongs to this endpoint)"};
  }
  if (c == "AccessDenied" || c == "AllAccessDisabled" || c == "Forbidden") {
    return {SC::kPermissionDenied, "access denied",
            "check that the credentials' policy allows this action on this resource"};
  }
  if (c == "RequestTimeTooSkewed") {
    return {SC::kPermissionDenied, "the request time differs too much from the server's time",
            "check that the machine's clock is right"};
  }
  if (c == "ExpiredToken" || c == "TokenRefreshRequired") {
    return {SC::kUnauthenticated, "the session token has expired",
            "refresh the credentials (new session token)"};
  }
  if (c == "InvalidToken") {
    return {SC::kUnauthenticated, "the session token is invalid", "check the session token"};
  }
  if (c == "PermanentRedirect" || c == "AuthorizationHeaderMalformed" || c == "Redirect" ||
      c == "TemporaryRedirect" || c == "IllegalLocationConstraintException") {
    return {SC::kFailedPrecondition, "the bucket is in another region",
            "set the region to the bucket's region"};
  }
  if (c == "PreconditionFailed") {
    return {SC::kFailedPrecondition, "a precondition (If-Match / If-None-Match) failed", ""};
  }
  if (c == "ConditionalRequestConflict" || c == "OperationAborted") {
    return {SC::kAborted, "a concurrent conflicting operation is in progress",
            "retry the whole operation"};
  }
  if (c == "BucketAlreadyExists") {
    return {SC::kAlreadyExists, "the bucket name is taken (by another account)",
            "choose another bucket name"};
  }
  if (c == "BucketAlreadyOwnedByYou") return {SC::kAlreadyExists, "you already own the bucket", ""};
  if (c == "BucketNotEmpty") return {SC::kFailedPrecondition, "the bucket is not empty", ""};
  if (c == "InvalidRange") return {SC::kOutOfRange, "the range is outside the object", ""};
  if (c == "SlowDown" || c == "Throttling" || c == "ThrottlingException" ||
      c == "RequestLimitExceeded" || c == "TooManyRequestsException") {
    return {SC::kUnavailable, "the server asked to slow down", "lower the request rate"};
  }
  if (c == "InternalError" || c == "ServiceUnavailable" || c == "RequestTimeout") {
    return {SC::kUnavailable, "the server failed transiently", ""};
  }
  if (c == "BadDigest" || c == "InvalidDigest" || c == "XAmzContentSHA256Mismatch") {
    return {SC::kDataLoss, "the body did not match its checksum", ""};
  }
  if (c == "EntityTooSmall") {
    return {SC::kInvalidArgument, "a multipart part is smaller than the minimum (5 MiB)", ""};
  }
  if (c == "EntityTooLarge") return {SC::kInvalidArgument, "the body is too large", ""};
  if (c == "InvalidPart" || c == "InvalidPartOrder") {
    return {SC::kInvalidArgument, "a listed part is missing or out of order", ""};
  }
  if (c == "InvalidBucketName") return {SC::kInvalidArgument, "the bucket name is invalid", ""};
  if (c == "NotImplemented") {
    return {SC::kUnimplemented, "the server does not implement this request", ""};
  }
  if (c == "MethodNotAllowed") return {SC::kFailedPrecondition, "method not allowed", ""};
  // Unknown code: decide from the HTTP status.
  if (http_status == 304) return {SC::kFailedPrecondition, "not modified", ""};
  if (http_status == 404) return {SC::kNotFound, "not found", ""};
  if (http_status == 403) return {SC::kPermissionDenied, "access denied", ""};
  if (http_status == 401) return {SC::kUnauthenticated, "unauthenticated", ""};
  if (http_status == 301 || http_status == 307) {
    return {SC::kFailedPrecondition, "the bucket is in another region or endpoint",
            "set the region to the bucket's region"};
  }
  if (http_status == 409) return {SC::kAborted, "conflict", ""};
  if (http_status == 412) return {SC::kFailedPrecondition, "precondition failed", ""};
  if (http_status == 416) return {SC::kOutOfRange, "range not satisfiable", ""};
  if (http_status == 429) return {SC::kUnavailable, "too many requests", "lower the request rate"};
  if (http_status == 501) return {SC::kUnimplemented, "not implemented", ""};
  if (http_status >= 500) return {SC::kUnavailable, "the server failed", ""};
  if (http_status >= 400) return {SC::kInvalidArgument, "the server rejected the request", ""};
  return {SC::kUnknown, "unexpected response", ""};
}

}  // namespace

std::string DefaultCodeForStatus(int http_status) {
  switch (http_status) {
    case 301:
      return "PermanentRedirect";
    case 304:
      return "NotModified";
    case 400:
      return "BadRequest";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 409:
      return "Conflict";
    case 412:
      return "PreconditionFailed";
    case 416:
      return "InvalidRange";
    case 429:
      return "SlowDown";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    default:
      return "";
  }
}

S3ErrorInfo ExtractErrorInfo(const HttpResponse& response) {
  S3ErrorInfo info;
  info.http_status = response.status;
  info.request_id = response.headers.Get("x-amz-request-id");
  info.region = response.headers.Get("x-amz-bucket-region");
  if (!response.body.empty()) {
    Result<S3ErrorDocument> doc = ParseErrorDocument(response.body);
    if (doc.ok()) {
      info.code = doc->code;
      info.message = doc->message;
      if (info.request_id.empty()) info.request_id = doc->request_id;
      if (info.region.empty()) info.region = doc->region;
    }
  }
  if (info.code.empty()) info.code = DefaultCodeForStatus(response.status);
  return info;
}

bool IsExpiredTokenCode(const std::string& code) {
  return code == "ExpiredToken" || code == "InvalidToken" || code == "TokenRefreshRequired" ||
         code == "ExpiredTokenException";
}

bool IsClockSkewCode(const std::string& code) {
  return code == "RequestTimeTooSkewed" || code == "RequestExpired" || code == "RequestInTheFuture";
}

bool IsWrongRegion(const S3ErrorInfo& info, const std::string& used_region) {
  if (info.region.empty() || info.region == used_region) return false;
  return info.http_status == 301 || info.http_status == 307 || info.http_status == 400 ||
         info.http_status == 403 || info.code == "PermanentRedirect" ||
         info.code == "AuthorizationHeaderMalformed";
}

Status MapS3Error(const S3ErrorInfo& info, const std::string& operation,
                  const std::string& resource, int attempts) {
  Mapping m = ForCode(info.code, info.http_status);
  std::string message = info.message.empty() ? m.message : info.message;
  std::string hint = m.hint;
  if (!info.region.empty() &&
      (m.code == StatusCode::kFailedPrecondition && info.http_status != 412)) {
    hint =
        fmt::format("the bucket is in region {}: set the region to {}", info.region, info.region);
  }
  Status s(m.code, message);
  bool retryable = m.code == StatusCode::kUnavailable;
  s.SetRetryable(retryable);
  ErrorContext ctx;
  ctx.operation = operation;
  ctx.resource = resource;
  ctx.http_status = info.http_status;
  ctx.s3_code = info.code;
  ctx.request_id = info.request_id;
  ctx.attempts = attempts;
  ctx.hint = hint;
  s.SetContext(std::move(ctx));
  return s;
}

}  // namespace s3c::s3
