// AWS Signature Version 4 for S3 (header signing and presigned URLs).
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-signing.html and
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// The individual stages are exposed in sigv4_internal.h for the test vectors.
#pragma once

#include <chrono>
#include <string>

#include "s3c/auth/credentials.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/http/http_client.h"

namespace s3c {

inline constexpr const char* kUnsignedPayload = "UNSIGNED-PAYLOAD";
inline constexpr const char* kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

struct SigningParams {
  std::string region;            // e.g. "us-east-1"
  std::string service = "s3";
  WallTime time;
  // Hex SHA-256 of the body, kUnsignedPayload, or "" to compute it from request.body.
  std::string payload_hash;
};

// Adds x-amz-date, x-amz-content-sha256 (service "s3"), x-amz-security-token (when present),
// Host (when absent: from the URL, default ports omitted) and Authorization to request, replacing
// any earlier values (re-signing a retried request is safe). The URL must already be
// percent-encoded as sent on the wire; its path is used as the canonical URI without re-encoding
// (S3 rule) and the query is re-sorted. Every header present is signed except hop-by-hop ones and
// User-Agent/Expect. With payload_hash "" the whole body is read (then rewound) to hash it: pass
// kUnsignedPayload or a precomputed hash for large bodies. Anonymous credentials leave the request
// unsigned. Errors: InvalidArgument (bad URL, missing keys or region), the body's read errors.
Status SignRequest(HttpRequest& request, const Credentials& creds, const SigningParams& params);

// Returns request.url with X-Amz-* query parameters that authorize it for `expires`
// (1 s .. 7 days, else InvalidArgument). Only the host header is signed, payload
// UNSIGNED-PAYLOAD (or params.payload_hash when set). The session token, if any, is a signed
// query parameter. Anonymous credentials return the URL unchanged. The result carries a
// credential: log it only through RedactSecrets().
Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& creds,
                               const SigningParams& params, std::chrono::seconds expires);

}  // namespace s3c
