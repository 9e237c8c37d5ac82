// IAM Identity Center (SSO) role credentials, from the access token the AWS CLI caches after
// `aws sso login`. https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html
// Token cache: ~/.aws/sso/cache/<sha1 hex of the sso-session name, or of the start URL for the
// legacy form>.json with {"accessToken", "expiresAt"}. Then GetRoleCredentials:
// https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html
// The token is not refreshed here: an expired one asks the user to log in again.
#pragma once

#include <string>

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c {

struct SsoParams {
  std::string profile_name;  // for messages: "run aws sso login --profile NAME"
  std::string session_name;  // [sso-session NAME]; "" for the legacy profile form
  std::string start_url;
  std::string sso_region;
  std::string account_id;
  std::string role_name;
};

class SsoCredentialsProvider final : public CredentialsProvider {
 public:
  // env, clock and http must outlive the provider.
  SsoCredentialsProvider(const Env& env, Clock& clock, HttpClient* http, CredentialsOptions options,
                         SsoParams params);
  // Unauthenticated (with the login hint) when the cached token is missing, unreadable or
  // expired, or the portal rejects it; other portal errors per RemoteError.
  Result<Credentials> GetCredentials() override;

  // The token cache file for these params (exposed for tests).
  std::string CacheFilePath() const;

 private:
  Result<std::string> LoadToken() const;
  Status LoginError(std::string what) const;

  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
  SsoParams params_;
};

}  // namespace s3c
