// Keys from the environment: AWS_ACCESS_KEY_ID (alias AWS_ACCESS_KEY), AWS_SECRET_ACCESS_KEY
// (alias AWS_SECRET_KEY), AWS_SESSION_TOKEN (legacy alias AWS_SECURITY_TOKEN) and the optional
// AWS_CREDENTIAL_EXPIRATION (ISO 8601).
#pragma once

#include "s3c/auth/credentials.h"
#include "s3c/common/env.h"

namespace s3c {

class EnvCredentialsProvider final : public CredentialsProvider {
 public:
  // env must outlive the provider.
  explicit EnvCredentialsProvider(const Env& env) : env_(env) {}
  // NotFound when neither key variable is set; InvalidArgument when only one is, or the
  // expiration is unreadable.
  Result<Credentials> GetCredentials() override;

 private:
  const Env& env_;
};

}  // namespace s3c
