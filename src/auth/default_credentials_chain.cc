#include "s3c/auth/default_credentials_chain.h"

#include <fmt/format.h>

#include "s3c/auth/anonymous_credentials_provider.h"
#include "s3c/auth/caching_credentials_provider.h"
#include "s3c/auth/ecs_credentials_provider.h"
#include "s3c/auth/env_credentials_provider.h"
#include "s3c/auth/imds_credentials_provider.h"
#include "s3c/auth/profile_credentials_provider.h"
#include "s3c/auth/static_credentials_provider.h"
#include "s3c/auth/web_identity_credentials_provider.h"
#include "s3c/common/strings.h"

namespace s3c {

constexpr const char* kFixHint =
    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile from ~/.aws/config or "
    "~/.aws/credentials with --profile NAME (or AWS_PROFILE), or pass --no-sign-request for a "
    "public bucket";

DefaultCredentialsChain::DefaultCredentialsChain(const Env& env, Clock& clock, HttpClient* http,
                                                 DefaultCredentialsOptions options) {
  const CredentialsOptions& po = options.provider;
  if (!options.access_key_id.empty() || !options.secret_access_key.empty()) {
    providers_.emplace_back("explicit keys", std::make_unique<StaticCredentialsProvider>(
                                                 options.access_key_id, options.secret_access_key,
                                                 options.session_token, "explicit keys"));
  }
  if (po.profile.empty()) {
    providers_.emplace_back("environment", std::make_unique<EnvCredentialsProvider>(env));
  } else {
    skipped_.push_back(fmt::format(
        "environment: AWS_ACCESS_KEY_ID not used because --profile {} was given", po.profile));
  }
  providers_.emplace_back("web identity",
                          std::make_unique<WebIdentityCredentialsProvider>(env, clock, http, po));
  providers_.emplace_back("profile",
                          std::make_unique<ProfileCredentialsProvider>(env, clock, http, po));
  providers_.emplace_back("ecs", std::make_unique<EcsCredentialsProvider>(env, clock, http, po));
  providers_.emplace_back("imds", std::make_unique<ImdsCredentialsProvider>(env, clock, http, po));
}

std::vector<std::string> DefaultCredentialsChain::ProviderNames() const {
  std::vector<std::string> names;
  for (const auto& [name, p] : providers_) names.push_back(name);
  return names;
}

Result<Credentials> DefaultCredentialsChain::GetCredentials() {
  std::vector<std::string> tried = skipped_;
  for (auto& [name, provider] : providers_) {
    Result<Credentials> r = provider->GetCredentials();
    if (r.ok()) return r;
    if (r.status().code() != StatusCode::kNotFound) return r.status();
    tried.push_back(r.status().message());
  }
  return UnauthenticatedError(
      fmt::format("no AWS credentials found. Tried: {}. To fix: {}", Join(tried, "; "), kFixHint));
}

void DefaultCredentialsChain::Invalidate() {
  for (auto& [name, provider] : providers_) provider->Invalidate();
}

std::unique_ptr<CredentialsProvider> MakeDefaultCredentialsProvider(
    const Env& env, Clock& clock, HttpClient* http, DefaultCredentialsOptions options) {
  if (options.no_sign_request) return std::make_unique<AnonymousCredentialsProvider>();
  return std::make_unique<CachingCredentialsProvider>(
      std::make_unique<DefaultCredentialsChain>(env, clock, http, std::move(options)), clock);
}

}  // namespace s3c
