// AWS credentials and the provider interface (docs/architecture.md: auth).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "s3c/common/clock.h"
#include "s3c/common/secret.h"
#include "s3c/common/status.h"

namespace s3c {

struct Credentials {
  std::string access_key_id;
  SecretString secret_access_key;
  SecretString session_token;        // empty for long-term keys
  std::optional<WallTime> expiration;  // nullopt = does not expire
  std::string provider;              // which provider produced them, for messages ("env", ...)
  // Anonymous credentials: requests go unsigned (public buckets, --no-sign-request).
  bool anonymous = false;

  static Credentials Anonymous() {
    Credentials c;
    c.anonymous = true;
    c.provider = "anonymous";
    return c;
  }
};

// Contract: thread-safe. NotFound means "this provider has nothing to offer" (the chain moves
// on); any other error stops the chain (e.g. a profile that exists but is broken).
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  virtual Result<Credentials> GetCredentials() = 0;
  // Drops any cached value so the next call fetches anew (after ExpiredToken from S3).
  virtual void Invalidate() {}
};

}  // namespace s3c
