#include "s3c/auth/imds_credentials_provider.h"

#include <fmt/format.h>

#include "auth/credential_json.h"
#include "auth/remote_call.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

constexpr const char* kImdsName = "EC2 instance metadata (IMDS)";
constexpr const char* kTokenPath = "/latest/api/token";
constexpr const char* kRolePath = "/latest/meta-data/iam/security-credentials/";
constexpr const char* kTokenTtlSeconds = "21600";

bool IsOk(int status) { return status >= 200 && status < 300; }

// The session-token answers after which the SDKs fall back to IMDSv1: "a non-retryable condition
// (HTTP error codes 403, 404, 405)" (AWS SDKs and Tools reference, IMDS credential provider).
bool FallsBackToV1(int status) { return status == 403 || status == 404 || status == 405; }

// An HTTP error of the metadata service, its status in the message as well as the context: a
// caller that frames it (the S3 client) must not present it as another service's answer.
// `configured_attempts` were made for a 5xx answer; any other status was not retried (Send).
Status ImdsHttpError(const char* operation, const std::string& url, const HttpResponse& resp,
                     int configured_attempts) {
  int attempts = resp.status >= 500 ? configured_attempts : 1;
  return auth_internal::RemoteError(
      kImdsName, operation, url, resp, "",
      fmt::format("the metadata service answered HTTP {} to {} {} ({} attempt{})", resp.status,
                  operation, url, attempts, attempts == 1 ? "" : "s"));
}

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

// Up to imds_attempts tries (1 unless configured, at most 10, as the SDKs count them) on
// transport failures and 5xx answers; each try is bounded by imds_timeout to connect and twice
// that in all. IMDS is local and fast: a second try covers a throttled or restarting agent.
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

Result<std::string> ImdsCredentialsProvider::FetchToken(int* refused_status) const {
  std::string url = auth_internal::JoinUrl(Endpoint(), kTokenPath);
  auto resp = Send("PUT", kTokenPath, "", "PUT api/token");
  if (!resp.ok()) {
    // Refused, timed out, no route: not on EC2 (the common case), so the chain goes on.
    std::string_view why = resp.status().message();
    if (StartsWith(why, kImdsName)) why.remove_prefix(std::string_view(kImdsName).size() + 2);
    return NotFoundError(
        fmt::format("{}: no metadata service reachable at {} ({})", kImdsName, Endpoint(), why));
  }
  if (IsOk(resp->status)) {
    std::string token(Trim(resp->body));
    if (!token.empty()) return token;
    return UnavailableError(fmt::format("{}: empty session token from {}", kImdsName, url))
        .SetRetryable(true);
  }
  if (FallsBackToV1(resp->status) &&
      !IEquals(env_.GetOr("AWS_EC2_METADATA_V1_DISABLED", ""), "true")) {
    *refused_status = resp->status;
    return std::string();  // IMDSv1 fallback
  }
  return ImdsHttpError("PUT api/token", url, *resp, options_.imds_attempts);
}

Result<Credentials> ImdsCredentialsProvider::GetCredentials() {
  if (IEquals(Trim(env_.GetOr("AWS_EC2_METADATA_DISABLED", "")), "true")) {
    return NotFoundError(fmt::format("{}: disabled by AWS_EC2_METADATA_DISABLED", kImdsName));
  }
  int token_refused = 0;
  S3C_ASSIGN_OR_RETURN(std::string token, FetchToken(&token_refused));

  S3C_ASSIGN_OR_RETURN(HttpResponse roles, Send("GET", kRolePath, token, "GET role name"));
  std::string roles_url = auth_internal::JoinUrl(Endpoint(), kRolePath);
  if (roles.status == 404) {
    return NotFoundError(fmt::format("{}: no IAM role is attached to this instance", kImdsName));
  }
  // 403 to the token and to the role listing: the metadata service is turned off for this
  // instance (EC2 answers every request so), or what answers at this address is not one (a
  // proxy or firewall). Either way no credentials come from here: the chain goes on and reports
  // this line among the sources it tried.
  if (token_refused == 403 && roles.status == 403) {
    return NotFoundError(fmt::format(
        "{}: {} refused both the session token and the role listing with HTTP 403 (the metadata "
        "service is turned off for this instance, or something else answers at that address)",
        kImdsName, Endpoint()));
  }
  if (!IsOk(roles.status)) {
    return ImdsHttpError("GET role name", roles_url, roles, options_.imds_attempts);
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
    return ImdsHttpError("GET credentials", creds_url, resp, options_.imds_attempts);
  }
  if (auto doc = auth_internal::ParseCredentialJson(resp.body); doc.ok()) {
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
