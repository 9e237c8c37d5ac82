// Temporary credentials from STS AssumeRoleWithWebIdentity with an OIDC token read from a file
// (EKS IRSA and similar): $AWS_WEB_IDENTITY_TOKEN_FILE + $AWS_ROLE_ARN (+ $AWS_ROLE_SESSION_NAME),
// or a profile's web_identity_token_file + role_arn.
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html
#pragma once

#include <optional>
#include <string>

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c {

struct WebIdentityParams {
  std::string name;  // for messages
  std::string token_file;
  std::string role_arn;
  std::string role_session_name;  // "" = "s3c-session-<unix seconds>"
  int duration_seconds = 0;
};

class WebIdentityCredentialsProvider final : public CredentialsProvider {
 public:
  // Reads the parameters from the environment at each call.
  WebIdentityCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                                 CredentialsOptions options);
  // Fixed parameters (a profile).
  WebIdentityCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                                 CredentialsOptions options, WebIdentityParams params);
  // From the environment: NotFound unless both AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are
  // set. The token file is read at every call (it is rotated); an unreadable or empty one is
  // Unauthenticated. STS errors per RemoteError (an invalid token is Unauthenticated).
  Result<Credentials> GetCredentials() override;

 private:
  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
  std::optional<WebIdentityParams> params_;
};

}  // namespace s3c
