// Every stage of AWS Signature Version 4 as a pure function, so the test vectors can check each
// one. Spec:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// (general rules) and https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
// (S3: the canonical URI is the path as sent, encoded once, never normalized).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/auth/credentials.h"
#include "s3c/auth/sigv4.h"
#include "s3c/common/clock.h"
#include "s3c/common/secret.h"
#include "s3c/common/status.h"
#include "s3c/http/http_client.h"

namespace s3c::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::chrono::seconds kMaxPresignExpiry{7 * 24 * 3600};

using HeaderList = std::vector<std::pair<std::string, std::string>>;
using ParamList = std::vector<std::pair<std::string, std::string>>;

// ---- The URL ---------------------------------------------------------------------------------

struct UrlParts {
  std::string scheme;  // lower-case: "http" or "https"
  std::string host;    // as written; IPv6 literals keep their brackets
  std::string port;    // "" when the URL has none
  std::string path;    // as on the wire; "" when the URL has none
  std::string query;   // as on the wire, without '?'; "" when absent
};

// Splits "scheme://host[:port][/path][?query][#fragment]". InvalidArgument when there is no
// scheme or host. Userinfo ("user@") is refused: it would change the Host header.
Result<UrlParts> SplitUrl(std::string_view url);

// The Host header value: host, with ":port" unless it is the scheme's default (80, 443).
std::string HostHeaderValue(const UrlParts& url);

// ---- Canonical URI ---------------------------------------------------------------------------

// S3 rule: the path exactly as it is on the wire ("/" when empty). Not normalized, not encoded
// again: "/a%20b//c" stays "/a%20b//c".
std::string CanonicalUriS3(std::string_view wire_path);

// RFC 3986 section 5.2.4 dot-segment removal, plus the SigV4 rule that empty segments collapse
// ("//a//" -> "/a/"). A trailing slash (or a final "." / "..") leaves a trailing slash.
std::string NormalizePath(std::string_view path);

// Every other service: the path (normalized when asked) is URI-encoded once more, so a wire
// "%20" becomes "%2520" (the "double encoding" of the general rules).
std::string CanonicalUriGeneric(std::string_view wire_path, bool normalize);

// ---- Canonical query string ------------------------------------------------------------------

// Splits a wire query into decoded (name, value) pairs, in order. "a" and "a=" both give an
// empty value; '+' stays a literal plus (S3 does not use form encoding in URLs). A malformed
// escape ("%zz") is kept verbatim.
ParamList ParseQuery(std::string_view wire_query);

// name=value pairs, each side RFC 3986-encoded, sorted by encoded name then encoded value,
// joined by '&'.
std::string CanonicalQuery(const ParamList& decoded_params);
std::string CanonicalQuery(std::string_view wire_query);

// ---- Canonical headers -----------------------------------------------------------------------

// Trims the value and collapses each run of whitespace (spaces, tabs, and the line breaks of an
// obs-folded multi-line value) into one space; quoted strings are not special.
std::string CanonicalHeaderValue(std::string_view value);

// Whether SignRequest signs this header (lower-case name). Hop-by-hop headers and ones that
// proxies or the transport add or rewrite (user-agent, expect, x-amzn-trace-id, ...) are not.
bool IsSignableHeader(std::string_view lower_name);

struct CanonicalHeaders {
  std::string block;           // "name:value\n" per header, sorted by lower-case name
  std::string signed_headers;  // "host;x-amz-date"
};

// Canonicalizes every header given: names lower-cased, values canonicalized, repeated headers
// joined with ',' in their original order.
CanonicalHeaders MakeCanonicalHeaders(const HeaderList& headers);

// ---- Canonical request, string to sign, key and signature ------------------------------------

std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, const CanonicalHeaders& headers,
                             std::string_view payload_hash);

// "20150830/us-east-1/service/aws4_request"
std::string CredentialScope(std::string_view date_stamp, std::string_view region,
                            std::string_view service);

// "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256 of the canonical request>"
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"),
// raw bytes.
std::string SigningKey(const SecretString& secret, std::string_view date_stamp,
                       std::string_view region, std::string_view service);

// Lower-case hex HMAC-SHA256(signing key, string to sign).
std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign);

// "AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=a;b, Signature=hex"
std::string AuthorizationValue(std::string_view access_key_id, std::string_view scope,
                               std::string_view signed_headers, std::string_view signature);

// ---- Whole requests, with every stage kept ---------------------------------------------------

struct Stages {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // hex
  std::string signed_headers;
  std::string scope;
};

// Options beyond the public SigningParams, for non-S3 services and for the generic test suite.
struct SignOptions {
  // Non-S3 services only: remove dot segments and empty segments before double-encoding.
  bool normalize_path = true;
  // Also set and sign x-amz-content-sha256 for a non-S3 service (always set for "s3").
  bool content_sha256_header = false;
  // Send the session token but leave it out of the signature (services that append the token
  // after signing; never S3).
  bool omit_session_token = false;
  // Presigning only: sign every signable request header instead of host alone.
  bool presign_all_headers = false;
};

// SignRequest, returning what it computed. Anonymous credentials leave the request untouched and
// return empty stages.
Result<Stages> SignRequestStages(HttpRequest& request, const Credentials& creds,
                                 const SigningParams& params, const SignOptions& options);

struct Presigned {
  Stages stages;
  std::string url;
};

// PresignUrl, returning what it computed. Query parameters are appended in the order
// X-Amz-Algorithm, -Credential, -Date, -SignedHeaders, -Expires, [-Security-Token], -Signature.
// Payload: for "s3" params.payload_hash or else UNSIGNED-PAYLOAD; for other services
// params.payload_hash or else the SHA-256 of the body.
Result<Presigned> PresignStages(const HttpRequest& request, const Credentials& creds,
                                const SigningParams& params, std::chrono::seconds expires,
                                const SignOptions& options);

}  // namespace s3c::sigv4
