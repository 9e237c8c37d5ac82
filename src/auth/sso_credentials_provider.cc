#include "s3c/auth/sso_credentials_provider.h"

#include <fmt/format.h>

#include "auth/credential_json.h"
#include "auth/remote_call.h"
#include "auth/sha1.h"
#include "auth/text_file.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c {

using auth_internal::ParseCredentialJson;

SsoCredentialsProvider::SsoCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                                               CredentialsOptions options, SsoParams params)
    : env_(env),
      clock_(clock),
      http_(http),
      options_(std::move(options)),
      params_(std::move(params)) {}

std::string SsoCredentialsProvider::CacheFilePath() const {
  const std::string& key = params_.session_name.empty() ? params_.start_url : params_.session_name;
  return fmt::format("{}/.aws/sso/cache/{}.json", env_.Home(), auth_internal::Sha1Hex(key));
}

Status SsoCredentialsProvider::LoginError(std::string what) const {
  Status s =
      UnauthenticatedError(fmt::format("profile '{}' (SSO): {}; run `aws sso login --profile {}`",
                                       params_.profile_name, what, params_.profile_name));
  return s;
}

Result<std::string> SsoCredentialsProvider::LoadToken() const {
  std::string path = CacheFilePath();
  auto text = auth_internal::ReadTextFile(path, "SSO token cache");
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound) {
      return LoginError(fmt::format("no cached SSO token ({} does not exist)", path));
    }
    return LoginError(text.status().message());
  }
  auto doc = ParseCredentialJson(*text);
  if (!doc.ok() || doc->kind != JsonValue::Kind::kObject) {
    return LoginError(fmt::format("the SSO token cache {} is not valid JSON", path));
  }
  auto token = doc->GetString("accessToken");
  auto expires = doc->GetString("expiresAt");
  if (!token || token->empty() || !expires) {
    return LoginError(fmt::format("the SSO token cache {} has no accessToken/expiresAt", path));
  }
  auto expires_at = auth_internal::ParseExpiration(*expires);
  if (!expires_at) {
    return LoginError(fmt::format("the SSO token cache {} has an unreadable expiresAt", path));
  }
  if (*expires_at <= clock_.Now()) {
    return LoginError(fmt::format("the SSO token expired at {}", FormatIso8601(*expires_at)));
  }
  return *token;
}

Result<Credentials> SsoCredentialsProvider::GetCredentials() {
  std::string name = fmt::format("profile '{}' (SSO)", params_.profile_name);
  if (params_.account_id.empty() || params_.role_name.empty() || params_.sso_region.empty() ||
      params_.start_url.empty()) {
    return InvalidArgumentError(fmt::format(
        "{}: sso_start_url, sso_region, sso_account_id and sso_role_name are all required", name));
  }
  S3C_ASSIGN_OR_RETURN(std::string token, LoadToken());

  std::string portal = options_.sso_endpoint;
  if (portal.empty()) portal = env_.GetOr("AWS_ENDPOINT_URL_SSO", "");
  if (portal.empty())
    portal = fmt::format("https://portal.sso.{}.amazonaws.com", params_.sso_region);
  HttpRequest req;
  req.method = "GET";
  req.url = auth_internal::JoinUrl(
      portal,
      fmt::format("/federation/credentials?role_name={}&account_id={}",
                  UriEncode(params_.role_name, false), UriEncode(params_.account_id, false)));
  req.headers.Set("x-amz-sso_bearer_token", token);
  req.connect_timeout = options_.connect_timeout;
  req.request_timeout = options_.http_timeout;
  std::string url = req.url;
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, auth_internal::SendRequest(http_, std::move(req), name,
                                                                     "GetRoleCredentials"));
  auto doc = ParseCredentialJson(resp.body);
  if (resp.status < 200 || resp.status >= 300) {
    std::string code = resp.headers.Get("x-amzn-ErrorType");
    code = code.substr(0, code.find(':'));
    std::string message;
    if (doc.ok()) {
      message = doc->GetString("message").value_or(doc->GetString("Message").value_or(""));
      if (code.empty()) code = doc->GetString("__type").value_or("");
    }
    Status s = auth_internal::RemoteError(name, "GetRoleCredentials", url, resp, code, message);
    if (s.code() == StatusCode::kUnauthenticated) {
      Status login = LoginError("the portal rejected the SSO token");
      login.SetContext(s.context());
      return login;
    }
    return s;
  }
  const JsonValue* rc = doc.ok() ? doc->Find("roleCredentials") : nullptr;
  auto key = rc ? rc->GetString("accessKeyId") : std::nullopt;
  auto secret = rc ? rc->GetString("secretAccessKey") : std::nullopt;
  auto session = rc ? rc->GetString("sessionToken") : std::nullopt;
  const JsonValue* exp = rc ? rc->Find("expiration") : nullptr;
  std::optional<int64_t> exp_ms = exp ? exp->AsInt64() : std::nullopt;
  if (!key || key->empty() || !secret || secret->empty() || !session || !exp_ms) {
    return UnavailableError(fmt::format(
        "{}: GetRoleCredentials returned HTTP {} without roleCredentials", name, resp.status));
  }
  Credentials c;
  c.access_key_id = std::move(*key);
  c.secret_access_key = SecretString(std::move(*secret));
  c.session_token = SecretString(std::move(*session));
  c.expiration = WallTime(std::chrono::milliseconds(*exp_ms));
  c.provider = name;
  return c;
}

}  // namespace s3c
