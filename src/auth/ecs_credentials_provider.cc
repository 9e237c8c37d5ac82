#include "s3c/auth/ecs_credentials_provider.h"

#include <fmt/format.h>

#include "auth/credential_json.h"
#include "auth/remote_call.h"
#include "auth/text_file.h"
#include "s3c/common/strings.h"

namespace s3c {

constexpr const char* kEcsName = "container credentials (ECS)";

namespace auth_internal {

std::string UrlHost(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return "";
    return ToLower(rest.substr(1, close - 1));
  }
  return ToLower(rest.substr(0, rest.find(':')));
}

bool IsAllowedContainerHttpHost(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "169.254.170.2" || host == "169.254.170.23" ||
      host == "fd00:ec2::23") {
    return true;
  }
  // 127.0.0.0/8, written as a dotted quad.
  auto parts = Split(host, '.');
  if (parts.size() != 4 || parts[0] != "127") return false;
  for (const auto& p : parts) {
    auto v = ParseUint64(p);
    if (!v || *v > 255) return false;
  }
  return true;
}

}  // namespace auth_internal

EcsCredentialsProvider::EcsCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                                               CredentialsOptions options)
    : env_(env), clock_(clock), http_(http), options_(std::move(options)) {}

Result<std::string> EcsCredentialsProvider::ResolveUrl() const {
  if (auto rel = env_.GetOr("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", ""); !rel.empty()) {
    return auth_internal::JoinUrl(options_.ecs_endpoint, rel[0] == '/' ? rel : "/" + rel);
  }
  std::string full = env_.GetOr("AWS_CONTAINER_CREDENTIALS_FULL_URI", "");
  if (full.empty()) {
    return NotFoundError(fmt::format(
        "{}: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are "
        "not set",
        kEcsName));
  }
  std::string host = auth_internal::UrlHost(full);
  std::string scheme = ToLower(full.substr(0, full.find("://")));
  if (host.empty() || (scheme != "http" && scheme != "https")) {
    return InvalidArgumentError(fmt::format(
        "{}: AWS_CONTAINER_CREDENTIALS_FULL_URI '{}' is not an http(s) URL", kEcsName, full));
  }
  if (scheme == "http" && !auth_internal::IsAllowedContainerHttpHost(host)) {
    return InvalidArgumentError(fmt::format(
        "{}: AWS_CONTAINER_CREDENTIALS_FULL_URI host '{}' is not allowed over http (use https, "
        "a loopback address, 169.254.170.2 or 169.254.170.23)",
        kEcsName, host));
  }
  return full;
}

Result<std::string> EcsCredentialsProvider::AuthorizationToken() const {
  std::string token;
  if (auto file = env_.GetOr("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", ""); !file.empty()) {
    auto text = auth_internal::ReadTextFile(file, "container authorization token file");
    if (!text.ok()) {
      return UnauthenticatedError(fmt::format("{}: {}", kEcsName, text.status().message()));
    }
    token = std::string(Trim(*text));
  } else {
    token = env_.GetOr("AWS_CONTAINER_AUTHORIZATION_TOKEN", "");
  }
  if (token.find_first_of("\r\n") != std::string::npos) {
    return InvalidArgumentError(
        fmt::format("{}: the authorization token contains a line break", kEcsName));
  }
  return token;
}

Result<Credentials> EcsCredentialsProvider::GetCredentials() {
  S3C_ASSIGN_OR_RETURN(std::string url, ResolveUrl());
  S3C_ASSIGN_OR_RETURN(std::string token, AuthorizationToken());
  HttpRequest req;
  req.method = "GET";
  req.url = url;
  req.headers.Set("Accept", "application/json");
  if (!token.empty()) req.headers.Set("Authorization", token);
  req.connect_timeout = options_.connect_timeout;
  req.request_timeout = options_.http_timeout;
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, auth_internal::SendRequest(http_, std::move(req),
                                                                     kEcsName, "GET credentials"));
  if (resp.status < 200 || resp.status >= 300) {
    std::string code, message;
    if (auto doc = auth_internal::ParseCredentialJson(resp.body); doc.ok()) {
      code = doc->GetString("code").value_or(doc->GetString("Code").value_or(""));
      message = doc->GetString("message").value_or(doc->GetString("Message").value_or(""));
    }
    return auth_internal::RemoteError(kEcsName, "GET credentials", url, resp, code, message);
  }
  S3C_ASSIGN_OR_RETURN(Credentials c, auth_internal::ParseCredentialsJson(resp.body, kEcsName));
  if (c.expiration && *c.expiration <= clock_.Now()) {
    return UnavailableError(fmt::format("{}: {} returned expired credentials", kEcsName, url))
        .SetRetryable(true);
  }
  c.provider = "ecs";
  return c;
}

}  // namespace s3c
