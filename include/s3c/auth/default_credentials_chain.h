// The default credentials chain, in the AWS CLI's order
// (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html):
//   explicit keys > environment > web identity > profile (static, assume role, SSO,
//   credential_process) > container (ECS) > instance metadata (IMDS).
// A provider's NotFound moves on; any other error stops the chain with that error. When all
// are NotFound the result is Unauthenticated, listing what was tried and how to fix it.
// An explicit --profile (options.provider.profile) skips the environment keys, as the CLI does.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/common/secret.h"
#include "s3c/http/http_client.h"

namespace s3c {

struct DefaultCredentialsOptions {
  // Explicit keys (command line / pipeline config); used first when set.
  std::string access_key_id;
  SecretString secret_access_key;
  SecretString session_token;
  // --no-sign-request: MakeDefaultCredentialsProvider returns anonymous credentials.
  bool no_sign_request = false;
  CredentialsOptions provider;
};

class DefaultCredentialsChain final : public CredentialsProvider {
 public:
  // env, clock and http must outlive the chain.
  DefaultCredentialsChain(const Env& env, Clock& clock, HttpClient* http,
                          DefaultCredentialsOptions options);
  Result<Credentials> GetCredentials() override;
  void Invalidate() override;

  // The providers in order, by name (for tests and --verbose).
  std::vector<std::string> ProviderNames() const;

 private:
  std::vector<std::pair<std::string, std::unique_ptr<CredentialsProvider>>> providers_;
  std::vector<std::string> skipped_;  // providers left out, with the reason
};

// The chain behind a CachingCredentialsProvider, or anonymous credentials for
// options.no_sign_request.
std::unique_ptr<CredentialsProvider> MakeDefaultCredentialsProvider(
    const Env& env, Clock& clock, HttpClient* http, DefaultCredentialsOptions options);

}  // namespace s3c
