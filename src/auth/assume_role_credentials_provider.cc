#include "s3c/auth/assume_role_credentials_provider.h"

#include <fmt/format.h>

#include "auth/sts_client.h"

namespace s3c {

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(
    const Env& env, Clock& clock, HttpClient* http, CredentialsOptions options,
    std::unique_ptr<CredentialsProvider> source, AssumeRoleParams params)
    : env_(env),
      clock_(clock),
      http_(http),
      options_(std::move(options)),
      source_(std::move(source)),
      params_(std::move(params)) {}

Result<Credentials> AssumeRoleCredentialsProvider::GetCredentials() {
  std::string name = fmt::format("{} (assume role {})", params_.name, params_.role_arn);
  if (params_.role_arn.empty()) return InvalidArgumentError(params_.name + ": role_arn is empty");
  if (params_.duration_seconds != 0 &&
      (params_.duration_seconds < 900 || params_.duration_seconds > 43200)) {
    return InvalidArgumentError(fmt::format(
        "{}: duration_seconds must be from 900 to 43200, not {}", name, params_.duration_seconds));
  }
  Result<Credentials> source = source_->GetCredentials();
  if (!source.ok()) {
    Status s = source.status();
    if (s.code() != StatusCode::kNotFound) return s;
    return UnauthenticatedError(fmt::format("{}: no source credentials: {}", name, s.message()));
  }
  if (source->anonymous) {
    return InvalidArgumentError(name + ": anonymous source credentials cannot assume a role");
  }
  S3C_ASSIGN_OR_RETURN(auto sts, auth_internal::ResolveStsEndpoint(
                                     env_, options_, auth_internal::StsRegion(env_, options_)));
  auth_internal::AssumeRoleRequest req;
  req.role_arn = params_.role_arn;
  req.role_session_name = params_.role_session_name.empty()
                              ? auth_internal::DefaultRoleSessionName(clock_)
                              : params_.role_session_name;
  req.external_id = params_.external_id;
  req.duration_seconds = params_.duration_seconds;
  return auth_internal::StsAssumeRole(http_, clock_, sts, options_, *source, req, name);
}

}  // namespace s3c
