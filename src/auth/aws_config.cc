#include "s3c/auth/aws_config.h"

#include <fmt/format.h>

#include "auth/text_file.h"
#include "s3c/common/strings.h"

namespace s3c {

AwsConfig::AwsConfig(const Env& env, SharedConfig shared, AwsConfigOptions options)
    : env_(&env), shared_(std::move(shared)), options_(std::move(options)) {
  if (!options_.profile.empty()) {
    profile_name_ = options_.profile;
    profile_explicit_ = profile_from_option_ = true;
  } else if (auto p = EnvValue("AWS_PROFILE")) {
    profile_name_ = *p;
    profile_explicit_ = true;
  } else {
    profile_name_ = "default";
  }
}

Result<AwsConfig> AwsConfig::Load(const Env& env, AwsConfigOptions options) {
  S3C_ASSIGN_OR_RETURN(SharedConfig shared, SharedConfig::Load(env));
  return FromShared(env, std::move(shared), std::move(options));
}

Result<AwsConfig> AwsConfig::FromShared(const Env& env, SharedConfig shared,
                                        AwsConfigOptions options) {
  AwsConfig cfg(env, std::move(shared), std::move(options));
  if (cfg.profile_explicit_ && cfg.profile() == nullptr) {
    Status s = InvalidArgumentError(
        fmt::format("the config profile '{}' (from {}) could not be found in {} or {}",
                    cfg.profile_name_, cfg.profile_from_option_ ? "--profile" : "AWS_PROFILE",
                    SharedConfig::ConfigFilePath(env), SharedConfig::CredentialsFilePath(env)));
    return s;
  }
  return cfg;
}

std::optional<std::string> AwsConfig::EnvValue(const char* name) const {
  std::string v = std::string(Trim(env_->GetOr(name, "")));
  if (v.empty()) return std::nullopt;
  return v;
}

std::optional<std::string> AwsConfig::ProfileValue(std::string_view key) const {
  const ConfigSection* p = profile();
  return p ? p->Get(key) : std::nullopt;
}

std::string AwsConfig::Region() const {
  if (!options_.region.empty()) return options_.region;
  if (auto v = EnvValue("AWS_REGION")) return *v;
  if (auto v = EnvValue("AWS_DEFAULT_REGION")) return *v;
  if (auto v = ProfileValue("region")) return *v;
  return "us-east-1";
}

std::optional<std::string> AwsConfig::S3EndpointUrl() const {
  if (!options_.endpoint_url.empty()) return options_.endpoint_url;
  if (IEquals(env_->GetOr("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""), "true")) {
    return std::nullopt;
  }
  if (auto v = EnvValue("AWS_ENDPOINT_URL_S3")) return v;
  if (auto v = EnvValue("AWS_ENDPOINT_URL")) return v;
  const ConfigSection* p = profile();
  if (p == nullptr) return std::nullopt;
  if (IEquals(p->Get("ignore_configured_endpoint_urls").value_or(""), "true")) {
    return std::nullopt;
  }
  if (auto v = p->GetSub("s3", "endpoint_url")) return v;
  if (auto services = p->Get("services")) {
    if (const ConfigSection* s = shared_.FindServices(*services)) {
      if (auto v = s->GetSub("s3", "endpoint_url")) return v;
    }
  }
  return p->Get("endpoint_url");
}

Result<std::optional<std::string>> AwsConfig::S3AddressingStyle() const {
  const ConfigSection* p = profile();
  std::optional<std::string> v = p ? p->GetSub("s3", "addressing_style") : std::nullopt;
  if (!v) return std::optional<std::string>();
  std::string style = ToLower(*v);
  if (style != "auto" && style != "path" && style != "virtual") {
    return InvalidArgumentError(
        fmt::format("profile '{}': s3.addressing_style must be auto, path or virtual, not '{}'",
                    profile_name_, *v));
  }
  return std::optional<std::string>(style);
}

std::optional<std::string> AwsConfig::CaBundle() const {
  std::optional<std::string> v = EnvValue("AWS_CA_BUNDLE");
  if (!v) v = ProfileValue("ca_bundle");
  if (!v) return std::nullopt;
  return auth_internal::ExpandHome(*env_, *v);
}

Result<std::optional<int>> AwsConfig::MaxAttempts() const {
  std::string source = "AWS_MAX_ATTEMPTS";
  std::optional<std::string> v = EnvValue("AWS_MAX_ATTEMPTS");
  if (!v) {
    v = ProfileValue("max_attempts");
    source = fmt::format("max_attempts in profile '{}'", profile_name_);
  }
  if (!v) return std::optional<int>();
  auto n = ParseInt64(*v);
  if (!n || *n < 1 || *n > 1000) {
    return InvalidArgumentError(
        fmt::format("{} must be an integer from 1 to 1000, not '{}'", source, *v));
  }
  return std::optional<int>(static_cast<int>(*n));
}

std::optional<std::string> AwsConfig::RetryMode() const {
  if (auto v = EnvValue("AWS_RETRY_MODE")) return v;
  return ProfileValue("retry_mode");
}

}  // namespace s3c
