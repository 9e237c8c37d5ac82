// Maps an S3 error response (HTTP status + S3 error code) to a Status code with Abseil's
// meaning, a message a person can read, a hint, and the retryable bit.
// Codes: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList
#pragma once

#include <string>

#include "s3c/common/status.h"
#include "s3c/http/http_client.h"

namespace s3c::s3 {

struct S3ErrorInfo {
  int http_status = 0;
  std::string code;        // "" when the response had no body (HEAD)
  std::string message;     // "" on RGW: built from the code
  std::string request_id;  // x-amz-request-id
  std::string region;      // region S3 says the bucket lives in, if it said
};

// Reads status, request id, region header and (when present) the <Error> document.
S3ErrorInfo ExtractErrorInfo(const HttpResponse& response);

// The Status for an error response of `operation` on `resource` ("s3://bucket/key").
// attempts is recorded in the context.
Status MapS3Error(const S3ErrorInfo& info, const std::string& operation,
                  const std::string& resource, int attempts);

// The S3 code a response without a body stands for (HEAD 404 -> NotFound semantics).
std::string DefaultCodeForStatus(int http_status);

// True for codes that mean "the signing credentials' session token expired or is invalid".
bool IsExpiredTokenCode(const std::string& code);
// True for the clock-skew family.
bool IsClockSkewCode(const std::string& code);
// True when the response names another region for the bucket.
bool IsWrongRegion(const S3ErrorInfo& info, const std::string& used_region);

}  // namespace s3c::s3
