#include "s3c/auth/env_credentials_provider.h"

#include <fmt/format.h>

#include "auth/remote_call.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

// The first of the names that is set and non-empty, with its name.
std::pair<std::string, std::string> FirstSet(const Env& env,
                                             std::initializer_list<const char*> names) {
  for (const char* n : names) {
    std::string v(Trim(env.GetOr(n, "")));
    if (!v.empty()) return {n, v};
  }
  return {"", ""};
}

}  // namespace

Result<Credentials> EnvCredentialsProvider::GetCredentials() {
  auto [key_var, key] = FirstSet(env_, {"AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"});
  auto [secret_var, secret] = FirstSet(env_, {"AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY"});
  if (key.empty() && secret.empty()) {
    return NotFoundError("environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  }
  if (key.empty()) {
    return InvalidArgumentError(
        fmt::format("environment: {} is set but AWS_ACCESS_KEY_ID is not", secret_var));
  }
  if (secret.empty()) {
    return InvalidArgumentError(
        fmt::format("environment: {} is set but AWS_SECRET_ACCESS_KEY is not", key_var));
  }
  Credentials c;
  c.access_key_id = std::move(key);
  c.secret_access_key = SecretString(std::move(secret));
  auto [token_var, token] = FirstSet(env_, {"AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"});
  c.session_token = SecretString(std::move(token));
  if (auto exp = env_.GetOr("AWS_CREDENTIAL_EXPIRATION", ""); !exp.empty()) {
    c.expiration = auth_internal::ParseExpiration(exp);
    if (!c.expiration) {
      return InvalidArgumentError(
          fmt::format("environment: AWS_CREDENTIAL_EXPIRATION '{}' is not an ISO 8601 time", exp));
    }
  }
  c.provider = "environment";
  return c;
}

}  // namespace s3c
