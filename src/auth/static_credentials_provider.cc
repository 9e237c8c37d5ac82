#include "s3c/auth/static_credentials_provider.h"

#include <fmt/format.h>

namespace s3c {

StaticCredentialsProvider::StaticCredentialsProvider(std::string access_key_id,
                                                     SecretString secret_access_key,
                                                     SecretString session_token, std::string name) {
  creds_.access_key_id = std::move(access_key_id);
  creds_.secret_access_key = std::move(secret_access_key);
  creds_.session_token = std::move(session_token);
  creds_.provider = std::move(name);
}

Result<Credentials> StaticCredentialsProvider::GetCredentials() {
  if (creds_.access_key_id.empty() && creds_.secret_access_key.empty()) {
    return NotFoundError(fmt::format("{}: no access key given", creds_.provider));
  }
  if (creds_.access_key_id.empty() || creds_.secret_access_key.empty()) {
    return InvalidArgumentError(fmt::format(
        "{}: an access key id needs a secret access key and vice versa (only the {} is set)",
        creds_.provider, creds_.access_key_id.empty() ? "secret key" : "access key id"));
  }
  return creds_;
}

}  // namespace s3c
