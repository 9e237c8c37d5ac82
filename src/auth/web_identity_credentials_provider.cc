#include "s3c/auth/web_identity_credentials_provider.h"

#include <fmt/format.h>

#include "auth/sts_client.h"
#include "auth/text_file.h"
#include "s3c/common/strings.h"

namespace s3c {

WebIdentityCredentialsProvider::WebIdentityCredentialsProvider(const Env& env, Clock& clock,
                                                               HttpClient* http,
                                                               CredentialsOptions options)
    : env_(env), clock_(clock), http_(http), options_(std::move(options)) {}

WebIdentityCredentialsProvider::WebIdentityCredentialsProvider(const Env& env, Clock& clock,
                                                               HttpClient* http,
                                                               CredentialsOptions options,
                                                               WebIdentityParams params)
    : env_(env),
      clock_(clock),
      http_(http),
      options_(std::move(options)),
      params_(std::move(params)) {}

Result<Credentials> WebIdentityCredentialsProvider::GetCredentials() {
  WebIdentityParams p;
  if (params_) {
    p = *params_;
  } else {
    p.name = "web identity";
    p.token_file = env_.GetOr("AWS_WEB_IDENTITY_TOKEN_FILE", "");
    p.role_arn = env_.GetOr("AWS_ROLE_ARN", "");
    p.role_session_name = env_.GetOr("AWS_ROLE_SESSION_NAME", "");
    if (p.token_file.empty() && p.role_arn.empty()) {
      return NotFoundError(
          "web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set");
    }
    if (p.token_file.empty() || p.role_arn.empty()) {
      return NotFoundError(
          fmt::format("web identity: {} is set but {} is not",
                      p.role_arn.empty() ? "AWS_WEB_IDENTITY_TOKEN_FILE" : "AWS_ROLE_ARN",
                      p.role_arn.empty() ? "AWS_ROLE_ARN" : "AWS_WEB_IDENTITY_TOKEN_FILE"));
    }
  }
  if (p.token_file.empty() || p.role_arn.empty()) {
    return InvalidArgumentError(
        fmt::format("{}: web_identity_token_file and role_arn are both required", p.name));
  }
  std::string path = auth_internal::ExpandHome(env_, p.token_file);
  auto token = auth_internal::ReadTextFile(path, "web identity token file");
  if (!token.ok()) {
    return UnauthenticatedError(fmt::format("{}: {}", p.name, token.status().message()));
  }
  std::string token_text(Trim(*token));
  if (token_text.empty()) {
    return UnauthenticatedError(
        fmt::format("{}: web identity token file {} is empty", p.name, path));
  }
  S3C_ASSIGN_OR_RETURN(auto sts, auth_internal::ResolveStsEndpoint(
                                     env_, options_, auth_internal::StsRegion(env_, options_)));
  auth_internal::AssumeRoleRequest req;
  req.role_arn = p.role_arn;
  req.role_session_name = p.role_session_name.empty()
                              ? auth_internal::DefaultRoleSessionName(clock_)
                              : p.role_session_name;
  req.duration_seconds = p.duration_seconds;
  req.web_identity_token = std::move(token_text);
  return auth_internal::StsAssumeRoleWithWebIdentity(
      http_, sts, options_, req, fmt::format("{} (assume role {})", p.name, p.role_arn));
}

}  // namespace s3c
