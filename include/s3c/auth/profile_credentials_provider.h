// Credentials from a named profile of the shared config files
// (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html). In the profile, first
// match wins (as the AWS CLI resolves it):
//   role_arn + web_identity_token_file          -> AssumeRoleWithWebIdentity
//   role_arn + source_profile | credential_source -> AssumeRole signed with the source
//       (source_profile may chain further roles; source_profile naming the profile itself
//       uses its static keys; credential_source is Environment, Ec2InstanceMetadata or
//       EcsContainer)
//   sso_session (+ [sso-session]) or legacy sso_start_url -> IAM Identity Center
//   aws_access_key_id + aws_secret_access_key (+ aws_session_token) -> static keys
//   credential_process                           -> run the command
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "s3c/auth/aws_config.h"
#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c {

class ProfileCredentialsProvider final : public CredentialsProvider {
 public:
  // The profile is options.profile, else $AWS_PROFILE, else "default". The files are read at
  // each call (wrap in CachingCredentialsProvider). env, clock, http must outlive it.
  ProfileCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                             CredentialsOptions options);
  // NotFound when the "default" profile is absent or a profile holds no credential settings;
  // InvalidArgument for a named profile that is missing or a broken profile (missing
  // source_profile, cycle, half a key pair, unsupported mfa_serial); otherwise the error of the
  // source it uses.
  Result<Credentials> GetCredentials() override;

  // The provider the selected profile resolves to, without calling it (exposed for tests).
  Result<std::unique_ptr<CredentialsProvider>> Resolve() const;

 private:
  Result<std::unique_ptr<CredentialsProvider>> Build(const AwsConfig& cfg,
                                                     const CredentialsOptions& options,
                                                     const std::string& name,
                                                     std::vector<std::string>& chain) const;
  Result<std::unique_ptr<CredentialsProvider>> BuildAssumeRole(
      const AwsConfig& cfg, const CredentialsOptions& options, const ConfigSection& profile,
      std::vector<std::string>& chain) const;
  Result<std::unique_ptr<CredentialsProvider>> BuildSso(const AwsConfig& cfg,
                                                        const CredentialsOptions& options,
                                                        const ConfigSection& profile) const;

  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
};

}  // namespace s3c
