// Profile selection and the settings other modules read from the environment and the shared
// config files. Precedence follows the AWS SDKs
// (https://docs.aws.amazon.com/sdkref/latest/guide/settings-reference.html):
//   explicit option > environment variable > profile setting > default.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "s3c/auth/shared_config.h"
#include "s3c/common/env.h"
#include "s3c/common/status.h"

namespace s3c {

struct AwsConfigOptions {
  std::string profile;       // --profile; "" = $AWS_PROFILE, then "default"
  std::string region;        // --region; "" = resolve
  std::string endpoint_url;  // --endpoint-url; "" = resolve
};

// An immutable snapshot: the files are read once by Load(). Copyable; thread-safe to read.
class AwsConfig {
 public:
  // Reads the shared files. A profile named explicitly (option or $AWS_PROFILE) that exists in
  // neither file is InvalidArgument; a missing "default" profile is fine.
  static Result<AwsConfig> Load(const Env& env, AwsConfigOptions options = {});
  // Same, over an already-parsed SharedConfig (tests, or callers that loaded it already).
  static Result<AwsConfig> FromShared(const Env& env, SharedConfig shared,
                                      AwsConfigOptions options = {});

  const std::string& profile_name() const { return profile_name_; }
  // True when the profile was named by --profile or $AWS_PROFILE (not the "default" fallback).
  bool profile_explicit() const { return profile_explicit_; }
  bool profile_from_option() const { return profile_from_option_; }
  const ConfigSection* profile() const { return shared_.FindProfile(profile_name_); }
  const SharedConfig& shared() const { return shared_; }
  // A key of the selected profile (nullopt when absent or empty).
  std::optional<std::string> ProfileValue(std::string_view key) const;

  // explicit > AWS_REGION > AWS_DEFAULT_REGION > profile region > "us-east-1".
  std::string Region() const;
  // The S3 endpoint URL, when one is configured: explicit > AWS_ENDPOINT_URL_S3 >
  // AWS_ENDPOINT_URL > profile s3.endpoint_url > [services] s3.endpoint_url > profile
  // endpoint_url. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true leaves only the explicit one.
  std::optional<std::string> S3EndpointUrl() const;
  // profile s3.addressing_style: "auto", "path" or "virtual" (InvalidArgument otherwise).
  Result<std::optional<std::string>> S3AddressingStyle() const;
  // AWS_CA_BUNDLE > profile ca_bundle ("~" expanded).
  std::optional<std::string> CaBundle() const;
  // AWS_MAX_ATTEMPTS > profile max_attempts; InvalidArgument unless an integer >= 1.
  Result<std::optional<int>> MaxAttempts() const;
  // AWS_RETRY_MODE > profile retry_mode ("legacy", "standard", "adaptive").
  std::optional<std::string> RetryMode() const;

 private:
  AwsConfig(const Env& env, SharedConfig shared, AwsConfigOptions options);
  std::optional<std::string> EnvValue(const char* name) const;

  const Env* env_;
  SharedConfig shared_;
  AwsConfigOptions options_;
  std::string profile_name_;
  bool profile_explicit_ = false;
  bool profile_from_option_ = false;
};

}  // namespace s3c
