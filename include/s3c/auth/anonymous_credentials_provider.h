// Unsigned requests (public buckets, --no-sign-request).
#pragma once

#include "s3c/auth/credentials.h"

namespace s3c {

class AnonymousCredentialsProvider final : public CredentialsProvider {
 public:
  // Always Credentials::Anonymous().
  Result<Credentials> GetCredentials() override;
};

}  // namespace s3c
