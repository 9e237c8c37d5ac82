#include "s3c/auth/imds_credentials_provider.h"

#include <fmt/format.h>

#include "auth/json_value.h"
#include "auth/remote_call.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

constexpr const char* kImdsName = "EC2 instance metadata (IMDS)";
constexpr const char* kTokenPath = "/latest/api/token";
constexpr const char* kRolePath = "/latest/meta-data/iam/security-credentials/";
constexpr const char* kTokenTtlSeconds = "21600";

bool IsOk(int status) { return status >= 200 && status < 300; }

}  // namespace

ImdsCredentialsProvider::ImdsCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                                                 CredentialsOptions options)
    : env_(env), clock_(clock), http_(http), options_(std::move(options)) {
  if (options_.imds_timeout.count() <= 0) {
    auto secs = ParseInt64(env_.GetOr("AWS_METADATA_SERVICE_TIMEOUT", ""));
    options_.imds_timeout = std::chrono::seconds(secs && *secs > 0 ? *secs : 1);
  }
  if (options_.imds_attempts <= 0) {
    auto n = ParseInt64(env_.GetOr("AWS_METADATA_SERVICE_NUM_ATTEMPTS", ""));
    options_.imds_attempts = n && *n > 0 && *n <= 10 ? static_cast<int>(*n) : 1;
  }
}

std::string ImdsCredentialsProvider::Endpoint() const {
  if (!options_.imds_endpoint.empty()) return options_.imds_endpoint;
  if (auto e = env_.GetOr("AWS_EC2_METADATA_SERVICE_ENDPOINT", ""); !e.empty()) return e;
  if (IEquals(env_.GetOr("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", ""), "ipv6")) {
    return "http://[fd00:ec2::254]";
  }
  return "http://169.254.169.254";
}

// Up to imds_attempts tries on transport failures and 5xx answers (IMDS is local and fast; a
// second try covers a throttled or restarting agent).
Result<HttpResponse> ImdsCredentialsProvider::Send(const std::string& method,
                                                   const std::string& path,
                                                   const std::string& token,
                                                   const char* operation) const {
  Result<HttpResponse> last = UnavailableError("not sent");
  for (int attempt = 0; attempt < options_.imds_attempts; ++attempt) {
    HttpRequest req;
    req.method = method;
    req.url = auth_internal::JoinUrl(Endpoint(), path);
    if (method == "PUT") {
      req.headers.Set("X-aws-ec2-metadata-token-ttl-seconds", kTokenTtlSeconds);
      req.body = MakeBufferBody(std::string());
    }
    if (!token.empty()) req.headers.Set("X-aws-ec2-metadata-token", token);
    req.connect_timeout = options_.imds_timeout;
    req.request_timeout = options_.imds_timeout * 2;
    last = auth_internal::SendRequest(http_, std::move(req), kImdsName, operation);
    if (last.ok() && last->status < 500) return last;
  }
  return last;
}

Result<std::string> ImdsCredentialsProvider::FetchToken() const {
  std::string url = auth_internal::JoinUrl(Endpoint(), kTokenPath);
  auto resp = Send("PUT", kTokenPath, "", "PUT api/token");
  if (!resp.ok()) {
    return NotFoundError(fmt::format("{}: no metadata service reachable at {} ({})", kImdsName,
                                     Endpoint(), resp.status().message()));
  }
  if (IsOk(resp->status)) {
    std::string token(Trim(resp->body));
    if (!token.empty()) return token;
    return UnavailableError(fmt::format("{}: empty session token from {}", kImdsName, url))
        .SetRetryable(true);
  }
  if ((resp->status == 404 || resp->status == 405) &&
      !IEquals(env_.GetOr("AWS_EC2_METADATA_V1_DISABLED", ""), "true")) {
    return std::string();  // IMDSv1 fallback
  }
  return auth_internal::RemoteError(kImdsName, "PUT api/token", url, *resp, "", "");
}

Result<Credentials> ImdsCredentialsProvider::GetCredentials() {
  if (IEquals(Trim(env_.GetOr("AWS_EC2_METADATA_DISABLED", "")), "true")) {
    return NotFoundError(fmt::format("{}: disabled by AWS_EC2_METADATA_DISABLED", kImdsName));
  }
  S3C_ASSIGN_OR_RETURN(std::string token, FetchToken());

  S3C_ASSIGN_OR_RETURN(HttpResponse roles, Send("GET", kRolePath, token, "GET role name"));
  std::string roles_url = auth_internal::JoinUrl(Endpoint(), kRolePath);
  if (roles.status == 404) {
    return NotFoundError(fmt::format("{}: no IAM role is attached to this instance", kImdsName));
  }
  if (!IsOk(roles.status)) {
    return auth_internal::RemoteError(kImdsName, "GET role name", roles_url, roles, "", "");
  }
  std::string role(Trim(Split(roles.body, '\n').front()));
  if (role.empty()) {
    return NotFoundError(fmt::format("{}: no IAM role is attached to this instance", kImdsName));
  }
  if (role.find_first_of("/?#%") != std::string::npos) {
    return UnavailableError(fmt::format("{}: unexpected role name from {}", kImdsName, roles_url));
  }

  std::string creds_path = std::string(kRolePath) + role;
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, Send("GET", creds_path, token, "GET credentials"));
  std::string creds_url = auth_internal::JoinUrl(Endpoint(), creds_path);
  if (!IsOk(resp.status)) {
    return auth_internal::RemoteError(kImdsName, "GET credentials", creds_url, resp, "", "");
  }
  if (auto doc = auth_internal::JsonValue::Parse(resp.body); doc.ok()) {
    std::string code = doc->GetString("Code").value_or("Success");
    if (code != "Success") {
      return UnavailableError(
                 fmt::format("{}: role {} credentials have Code '{}'", kImdsName, role, code))
          .SetRetryable(true);
    }
  }
  S3C_ASSIGN_OR_RETURN(Credentials c, auth_internal::ParseCredentialsJson(resp.body, kImdsName));
  if (c.expiration && *c.expiration <= clock_.Now()) {
    return UnavailableError(fmt::format("{}: role {} has expired credentials", kImdsName, role))
        .SetRetryable(true);
  }
  c.provider = "imds";
  return c;
}

}  // namespace s3c
