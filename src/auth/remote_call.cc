#include "auth/remote_call.h"

#include <fmt/format.h>

#include "auth/credential_json.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c::auth_internal {
namespace {

bool IsOneOf(std::string_view code, std::initializer_list<std::string_view> codes) {
  for (std::string_view c : codes) {
    if (code == c) return true;
  }
  return false;
}

}  // namespace

Result<HttpResponse> SendRequest(HttpClient* http, HttpRequest request, std::string_view provider,
                                 std::string_view operation) {
  std::string url = request.url;
  if (http == nullptr) {
    return FailedPreconditionError(fmt::format("{}: no HTTP client to call {}", provider, url));
  }
  Result<HttpResponse> r = http->Send(std::move(request));
  if (r.ok()) return r;
  Status s(r.status().code(), fmt::format("{}: {}", provider, r.status().message()));
  s.SetRetryable(r.status().retryable());
  ErrorContext ctx;
  ctx.operation = std::string(operation);
  ctx.resource = url;
  s.SetContext(std::move(ctx));
  return s;
}

Status RemoteError(std::string_view provider, std::string_view operation, std::string_view url,
                   const HttpResponse& response, std::string_view code, std::string_view message) {
  int http = response.status;
  StatusCode sc;
  bool retryable = false;
  if (http >= 500 || http == 429 ||
      IsOneOf(code, {"Throttling", "ThrottlingException", "TooManyRequestsException",
                     "RequestLimitExceeded", "IDPCommunicationError", "ServiceUnavailable"})) {
    sc = StatusCode::kUnavailable;
    retryable = true;
  } else if (http == 401 ||
             IsOneOf(code, {"ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
                            "InvalidIdentityToken", "IDPRejectedClaim", "UnauthorizedException",
                            "SignatureDoesNotMatch", "UnrecognizedClientException"})) {
    sc = StatusCode::kUnauthenticated;
  } else if (http == 403 || IsOneOf(code, {"AccessDenied", "ForbiddenException"})) {
    sc = StatusCode::kPermissionDenied;
  } else if (http == 400) {
    sc = StatusCode::kInvalidArgument;
  } else {
    sc = StatusCode::kFailedPrecondition;
  }
  Status s(sc, fmt::format(
                   "{}: {}", provider,
                   message.empty() ? std::string_view("request failed") : message.substr(0, 400)));
  s.SetRetryable(retryable);
  ErrorContext ctx;
  ctx.operation = std::string(operation);
  ctx.resource = std::string(url);
  ctx.http_status = http;
  ctx.s3_code = std::string(code);
  ctx.request_id = response.headers.Get("x-amzn-requestid");
  s.SetContext(std::move(ctx));
  return s;
}

std::optional<WallTime> ParseExpiration(std::string_view text) {
  text = Trim(text);
  if (EndsWith(text, "UTC")) {
    std::string fixed(Trim(text.substr(0, text.size() - 3)));
    fixed += 'Z';
    return ParseIso8601(fixed);
  }
  return ParseIso8601(text);
}

Result<Credentials> ParseCredentialsJson(std::string_view body, std::string_view provider) {
  auto doc = ParseCredentialJson(body);
  if (!doc.ok()) {
    return UnauthenticatedError(fmt::format("{}: credentials response is not valid JSON ({})",
                                            provider, doc.status().message()));
  }
  if (doc->kind != JsonValue::Kind::kObject) {
    return UnauthenticatedError(
        fmt::format("{}: credentials response is not a JSON object", provider));
  }
  Credentials c;
  auto require = [&](std::string_view field) -> Result<std::string> {
    auto v = doc->GetString(field);
    if (!v || v->empty()) {
      return UnauthenticatedError(
          fmt::format("{}: credentials response has no {}", provider, field));
    }
    return *v;
  };
  S3C_ASSIGN_OR_RETURN(c.access_key_id, require("AccessKeyId"));
  S3C_ASSIGN_OR_RETURN(std::string secret, require("SecretAccessKey"));
  c.secret_access_key = SecretString(std::move(secret));
  auto token = doc->GetString("Token");
  if (!token) token = doc->GetString("SessionToken");
  if (token) c.session_token = SecretString(std::move(*token));
  if (auto exp = doc->GetString("Expiration"); exp && !exp->empty()) {
    c.expiration = ParseExpiration(*exp);
    if (!c.expiration) {
      return UnauthenticatedError(fmt::format(
          "{}: credentials response has an unreadable Expiration '{}'", provider, *exp));
    }
  }
  c.provider = std::string(provider);
  return c;
}

std::string JoinUrl(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  if (path.empty()) return std::string(base);
  if (path[0] != '/') return fmt::format("{}/{}", base, path);
  return fmt::format("{}{}", base, path);
}

}  // namespace s3c::auth_internal
