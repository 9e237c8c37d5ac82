// Keys given explicitly (command line, pipeline config, a test).
#pragma once

#include <string>

#include "s3c/auth/credentials.h"

namespace s3c {

class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  // `name` is what Credentials::provider and error messages call this source.
  StaticCredentialsProvider(std::string access_key_id, SecretString secret_access_key,
                            SecretString session_token = {}, std::string name = "static");
  // NotFound when no key is set; InvalidArgument when only one of the pair is.
  Result<Credentials> GetCredentials() override;

 private:
  Credentials creds_;
};

}  // namespace s3c
