#include "s3c/auth/profile_credentials_provider.h"

#include <fmt/format.h>

#include <algorithm>

#include "s3c/auth/assume_role_credentials_provider.h"
#include "s3c/auth/ecs_credentials_provider.h"
#include "s3c/auth/env_credentials_provider.h"
#include "s3c/auth/imds_credentials_provider.h"
#include "s3c/auth/process_credentials_provider.h"
#include "s3c/auth/sso_credentials_provider.h"
#include "s3c/auth/static_credentials_provider.h"
#include "s3c/auth/web_identity_credentials_provider.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

constexpr size_t kMaxRoleChain = 8;

using ProviderPtr = std::unique_ptr<CredentialsProvider>;

std::string Quoted(const std::string& name) { return fmt::format("profile '{}'", name); }

bool HasStaticKeys(const ConfigSection& p) {
  return p.Get("aws_access_key_id") || p.Get("aws_secret_access_key");
}

ProviderPtr StaticFrom(const ConfigSection& p) {
  return std::make_unique<StaticCredentialsProvider>(
      p.Get("aws_access_key_id").value_or(""),
      SecretString(p.Get("aws_secret_access_key").value_or("")),
      SecretString(p.Get("aws_session_token").value_or("")), Quoted(p.name));
}

}  // namespace

ProfileCredentialsProvider::ProfileCredentialsProvider(const Env& env, Clock& clock,
                                                       HttpClient* http, CredentialsOptions options)
    : env_(env), clock_(clock), http_(http), options_(std::move(options)) {}

Result<std::unique_ptr<CredentialsProvider>> ProfileCredentialsProvider::Resolve() const {
  AwsConfigOptions cfg_options;
  cfg_options.profile = options_.profile;
  cfg_options.region = options_.region;
  S3C_ASSIGN_OR_RETURN(AwsConfig cfg, AwsConfig::Load(env_, cfg_options));
  if (cfg.profile() == nullptr) {
    return NotFoundError(fmt::format("{}: not in {} or {}", Quoted(cfg.profile_name()),
                                     SharedConfig::ConfigFilePath(env_),
                                     SharedConfig::CredentialsFilePath(env_)));
  }
  CredentialsOptions options = options_;
  options.region = cfg.Region();  // STS calls use the selected profile's region
  std::vector<std::string> chain;
  return Build(cfg, options, cfg.profile_name(), chain);
}

Result<Credentials> ProfileCredentialsProvider::GetCredentials() {
  S3C_ASSIGN_OR_RETURN(ProviderPtr provider, Resolve());
  return provider->GetCredentials();
}

Result<ProviderPtr> ProfileCredentialsProvider::Build(const AwsConfig& cfg,
                                                      const CredentialsOptions& options,
                                                      const std::string& name,
                                                      std::vector<std::string>& chain) const {
  const ConfigSection* p = cfg.shared().FindProfile(name);
  if (p == nullptr) {
    return InvalidArgumentError(
        fmt::format("{}: source_profile '{}' does not exist", Quoted(chain.back()), name));
  }
  if (std::find(chain.begin(), chain.end(), name) != chain.end()) {
    chain.push_back(name);
    return InvalidArgumentError(fmt::format("source_profile cycle: {}", Join(chain, " -> ")));
  }
  if (chain.size() >= kMaxRoleChain) {
    return InvalidArgumentError(fmt::format("{}: more than {} chained source_profile roles",
                                            Quoted(chain.front()), kMaxRoleChain));
  }
  chain.push_back(name);
  if (p->Get("role_arn")) return BuildAssumeRole(cfg, options, *p, chain);
  if (p->Get("sso_session") || p->Get("sso_start_url")) return BuildSso(cfg, options, *p);
  if (HasStaticKeys(*p)) return StaticFrom(*p);
  if (auto cmd = p->Get("credential_process")) {
    return ProviderPtr(std::make_unique<ProcessCredentialsProvider>(*cmd, Quoted(name)));
  }
  std::string what = fmt::format(
      "{}: no credentials in it (aws_access_key_id, role_arn, sso_session, sso_start_url or "
      "credential_process)",
      Quoted(name));
  if (chain.size() > 1) return InvalidArgumentError(what + " but it is used as source_profile");
  return NotFoundError(what);
}

Result<ProviderPtr> ProfileCredentialsProvider::BuildAssumeRole(
    const AwsConfig& cfg, const CredentialsOptions& options, const ConfigSection& p,
    std::vector<std::string>& chain) const {
  std::string name = Quoted(p.name);
  std::string role_arn = *p.Get("role_arn");
  if (p.Get("mfa_serial")) {
    return InvalidArgumentError(
        fmt::format("{}: mfa_serial is not supported (no prompt for an MFA code); use aws sts "
                    "get-session-token and export the temporary keys",
                    name));
  }
  int duration = 0;
  if (auto d = p.Get("duration_seconds")) {
    auto v = ParseInt64(*d);
    if (!v || *v < 900 || *v > 43200) {
      return InvalidArgumentError(
          fmt::format("{}: duration_seconds must be from 900 to 43200, not '{}'", name, *d));
    }
    duration = static_cast<int>(*v);
  }
  if (auto token_file = p.Get("web_identity_token_file")) {
    WebIdentityParams w;
    w.name = name;
    w.token_file = *token_file;
    w.role_arn = role_arn;
    w.role_session_name = p.Get("role_session_name").value_or("");
    w.duration_seconds = duration;
    return ProviderPtr(std::make_unique<WebIdentityCredentialsProvider>(env_, clock_, http_,
                                                                        options, std::move(w)));
  }
  auto source_profile = p.Get("source_profile");
  auto credential_source = p.Get("credential_source");
  if (source_profile && credential_source) {
    return InvalidArgumentError(
        fmt::format("{}: role_arn takes source_profile or credential_source, not both", name));
  }
  ProviderPtr source;
  if (source_profile) {
    if (*source_profile == p.name) {
      if (!HasStaticKeys(p)) {
        return InvalidArgumentError(fmt::format(
            "{}: source_profile names the profile itself but it has no static keys", name));
      }
      source = StaticFrom(p);
    } else {
      S3C_ASSIGN_OR_RETURN(source, Build(cfg, options, *source_profile, chain));
    }
  } else if (credential_source) {
    if (*credential_source == "Environment") {
      source = std::make_unique<EnvCredentialsProvider>(env_);
    } else if (*credential_source == "Ec2InstanceMetadata") {
      source = std::make_unique<ImdsCredentialsProvider>(env_, clock_, http_, options);
    } else if (*credential_source == "EcsContainer") {
      source = std::make_unique<EcsCredentialsProvider>(env_, clock_, http_, options);
    } else {
      return InvalidArgumentError(fmt::format(
          "{}: credential_source must be Environment, Ec2InstanceMetadata or EcsContainer, "
          "not '{}'",
          name, *credential_source));
    }
  } else {
    return InvalidArgumentError(
        fmt::format("{}: role_arn needs source_profile or credential_source", name));
  }
  AssumeRoleParams params;
  params.name = name;
  params.role_arn = role_arn;
  params.role_session_name = p.Get("role_session_name").value_or("");
  params.external_id = p.Get("external_id").value_or("");
  params.duration_seconds = duration;
  return ProviderPtr(std::make_unique<AssumeRoleCredentialsProvider>(
      env_, clock_, http_, options, std::move(source), std::move(params)));
}

Result<ProviderPtr> ProfileCredentialsProvider::BuildSso(const AwsConfig& cfg,
                                                         const CredentialsOptions& options,
                                                         const ConfigSection& p) const {
  SsoParams sso;
  sso.profile_name = p.name;
  sso.account_id = p.Get("sso_account_id").value_or("");
  sso.role_name = p.Get("sso_role_name").value_or("");
  if (auto session = p.Get("sso_session")) {
    const ConfigSection* s = cfg.shared().FindSsoSession(*session);
    if (s == nullptr) {
      return InvalidArgumentError(
          fmt::format("{}: sso_session '{}' has no [sso-session {}] section in {}", Quoted(p.name),
                      *session, *session, SharedConfig::ConfigFilePath(env_)));
    }
    sso.session_name = *session;
    sso.start_url = s->Get("sso_start_url").value_or("");
    sso.sso_region = s->Get("sso_region").value_or("");
  } else {
    sso.start_url = p.Get("sso_start_url").value_or("");
    sso.sso_region = p.Get("sso_region").value_or("");
  }
  return ProviderPtr(
      std::make_unique<SsoCredentialsProvider>(env_, clock_, http_, options, std::move(sso)));
}

}  // namespace s3c
