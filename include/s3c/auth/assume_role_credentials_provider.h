// Temporary credentials from STS AssumeRole, signed with a source provider's credentials
// (a profile's role_arn + source_profile / credential_source).
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html
#pragma once

#include <memory>
#include <string>

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c {

struct AssumeRoleParams {
  std::string name;  // for messages, e.g. "profile 'dev'"
  std::string role_arn;
  std::string role_session_name;  // "" = "s3c-session-<unix seconds>"
  std::string external_id;        // "" = none
  int duration_seconds = 0;       // 0 = the STS default (1 hour)
};

class AssumeRoleCredentialsProvider final : public CredentialsProvider {
 public:
  // env, clock and http must outlive the provider. The STS region is options.region (else
  // $AWS_REGION / $AWS_DEFAULT_REGION / us-east-1); the endpoint per ResolveStsEndpoint.
  AssumeRoleCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                                CredentialsOptions options,
                                std::unique_ptr<CredentialsProvider> source,
                                AssumeRoleParams params);
  // Errors from the source provider pass through (NotFound becomes Unauthenticated: a role
  // without source credentials is a broken profile, not an absent one).
  Result<Credentials> GetCredentials() override;
  void Invalidate() override { source_->Invalidate(); }

 private:
  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
  std::unique_ptr<CredentialsProvider> source_;
  AssumeRoleParams params_;
};

}  // namespace s3c
