// SignRequest and PresignUrl: SigV4 header signing and presigned URLs.
// Specs: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html and
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
#include "s3c/auth/sigv4.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "auth/sigv4_internal.h"
#include "s3c/auth/crypto.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c {
namespace sigv4 {
namespace {

constexpr size_t kHashChunk = 64 * 1024;

// Hex SHA-256 of the whole body; the body is rewound before and after so the transport (and a
// retry) reads it from the start.
Result<std::string> HashBody(const std::shared_ptr<BodySource>& body) {
  if (!body) return std::string(kEmptyPayloadSha256);
  S3C_RETURN_IF_ERROR(body->Rewind());
  Sha256Hasher hasher;
  std::string buf(kHashChunk, '\0');
  uint64_t total = 0;
  while (true) {
    S3C_ASSIGN_OR_RETURN(size_t n, body->Read(buf.data(), buf.size()));
    if (n == 0) break;
    hasher.Update(buf.data(), n);
    total += n;
  }
  S3C_RETURN_IF_ERROR(body->Rewind());
  if (total != body->size()) {
    return Status(
        StatusCode::kDataLoss,
        fmt::format("request body yielded {} bytes but declares {}", total, body->size()));
  }
  return HexEncode(hasher.Finish());
}

Status CheckCredentials(const Credentials& creds, const SigningParams& params) {
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  fmt::format("credentials from provider '{}' have no access key id or secret key",
                              creds.provider));
  }
  if (params.region.empty()) {
    return Status(StatusCode::kInvalidArgument, "SigV4 signing needs a region");
  }
  if (params.service.empty()) {
    return Status(StatusCode::kInvalidArgument, "SigV4 signing needs a service name");
  }
  return Status::OK();
}

std::string CanonicalUriFor(const UrlParts& url, const SigningParams& params,
                            const SignOptions& options) {
  return params.service == "s3" ? CanonicalUriS3(url.path)
                                : CanonicalUriGeneric(url.path, options.normalize_path);
}

Stages Finish(std::string canonical_request, const CanonicalHeaders& headers,
              const Credentials& creds, const SigningParams& params) {
  Stages st;
  std::string amz_date = FormatAmzDate(params.time);
  std::string date_stamp = FormatDateStamp(params.time);
  st.scope = CredentialScope(date_stamp, params.region, params.service);
  st.canonical_request = std::move(canonical_request);
  st.string_to_sign = StringToSign(amz_date, st.scope, st.canonical_request);
  std::string key = SigningKey(creds.secret_access_key, date_stamp, params.region, params.service);
  st.signature = SignatureHex(key, st.string_to_sign);
  st.signed_headers = headers.signed_headers;
  return st;
}

}  // namespace

Result<Stages> SignRequestStages(HttpRequest& request, const Credentials& creds,
                                 const SigningParams& params, const SignOptions& options) {
  if (creds.anonymous) return Stages{};
  S3C_RETURN_IF_ERROR(CheckCredentials(creds, params));
  S3C_ASSIGN_OR_RETURN(UrlParts url, SplitUrl(request.url));
  std::string payload_hash = params.payload_hash;
  if (payload_hash.empty()) {
    S3C_ASSIGN_OR_RETURN(payload_hash, HashBody(request.body));
  }

  HttpHeaders& h = request.headers;
  h.Remove("Authorization");  // a re-sign (retry, refreshed credentials) replaces everything
  h.Set("X-Amz-Date", FormatAmzDate(params.time));
  if (creds.session_token.empty()) {
    h.Remove("X-Amz-Security-Token");
  } else {
    h.Set("X-Amz-Security-Token", creds.session_token.Reveal());
  }
  if (params.service == "s3" || options.content_sha256_header) {
    h.Set("x-amz-content-sha256", payload_hash);
  }
  if (h.Find("Host") == nullptr) h.Set("Host", HostHeaderValue(url));

  HeaderList to_sign;
  for (const auto& [name, value] : h.entries()) {
    std::string lower = ToLower(name);
    if (!IsSignableHeader(lower)) continue;
    if (options.omit_session_token && lower == "x-amz-security-token") continue;
    to_sign.emplace_back(name, value);
  }
  CanonicalHeaders headers = MakeCanonicalHeaders(to_sign);
  std::string creq = CanonicalRequest(request.method, CanonicalUriFor(url, params, options),
                                      CanonicalQuery(url.query), headers, payload_hash);
  Stages st = Finish(std::move(creq), headers, creds, params);
  h.Set("Authorization",
        AuthorizationValue(creds.access_key_id, st.scope, st.signed_headers, st.signature));
  return st;
}

Result<Presigned> PresignStages(const HttpRequest& request, const Credentials& creds,
                                const SigningParams& params, std::chrono::seconds expires,
                                const SignOptions& options) {
  if (expires < std::chrono::seconds(1) || expires > kMaxPresignExpiry) {
    return Status(StatusCode::kInvalidArgument,
                  fmt::format("presigned URL expiry must be 1 to {} seconds, got {}",
                              kMaxPresignExpiry.count(), expires.count()));
  }
  std::string base = request.url.substr(0, request.url.find('#'));
  if (creds.anonymous) return Presigned{Stages{}, base};
  S3C_RETURN_IF_ERROR(CheckCredentials(creds, params));
  S3C_ASSIGN_OR_RETURN(UrlParts url, SplitUrl(request.url));

  HeaderList to_sign;
  if (options.presign_all_headers) {
    for (const auto& [name, value] : request.headers.entries()) {
      if (IsSignableHeader(ToLower(name))) to_sign.emplace_back(name, value);
    }
  }
  if (request.headers.Find("Host") == nullptr || !options.presign_all_headers) {
    const std::string* host = request.headers.Find("Host");
    to_sign.emplace_back("host", host != nullptr ? *host : HostHeaderValue(url));
  }
  CanonicalHeaders headers = MakeCanonicalHeaders(to_sign);

  std::string payload_hash = params.payload_hash;
  if (payload_hash.empty()) {
    if (params.service == "s3") {
      payload_hash = kUnsignedPayload;
    } else {
      S3C_ASSIGN_OR_RETURN(payload_hash, HashBody(request.body));
    }
  }

  std::string date_stamp = FormatDateStamp(params.time);
  ParamList added = {
      {"X-Amz-Algorithm", std::string(kAlgorithm)},
      {"X-Amz-Credential",
       creds.access_key_id + "/" + CredentialScope(date_stamp, params.region, params.service)},
      {"X-Amz-Date", FormatAmzDate(params.time)},
      {"X-Amz-SignedHeaders", headers.signed_headers},
      {"X-Amz-Expires", std::to_string(expires.count())},
  };
  bool has_token = !creds.session_token.empty();
  if (has_token && !options.omit_session_token) {
    added.emplace_back("X-Amz-Security-Token", creds.session_token.Reveal());
  }
  ParamList all = ParseQuery(url.query);
  all.insert(all.end(), added.begin(), added.end());
  std::string creq = CanonicalRequest(request.method, CanonicalUriFor(url, params, options),
                                      CanonicalQuery(all), headers, payload_hash);
  Presigned out{Finish(std::move(creq), headers, creds, params), std::move(base)};

  if (has_token && options.omit_session_token) {
    added.emplace_back("X-Amz-Security-Token", creds.session_token.Reveal());
  }
  added.emplace_back("X-Amz-Signature", out.stages.signature);
  char sep = out.url.find('?') == std::string::npos ? '?' : '&';
  if (out.url.back() == '?' || out.url.back() == '&') sep = '\0';
  for (const auto& [name, value] : added) {
    if (sep != '\0') out.url += sep;
    sep = '&';
    out.url += name;
    out.url += '=';
    out.url += UriEncode(value, /*keep_slash=*/false);
  }
  return out;
}

}  // namespace sigv4

Status SignRequest(HttpRequest& request, const Credentials& creds, const SigningParams& params) {
  return sigv4::SignRequestStages(request, creds, params, sigv4::SignOptions{}).status();
}

Result<std::string> PresignUrl(const HttpRequest& request, const Credentials& creds,
                               const SigningParams& params, std::chrono::seconds expires) {
  S3C_ASSIGN_OR_RETURN(sigv4::Presigned presigned,
                       sigv4::PresignStages(request, creds, params, expires, sigv4::SignOptions{}));
  return std::move(presigned.url);
}

}  // namespace s3c
