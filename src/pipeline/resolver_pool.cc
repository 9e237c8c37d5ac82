// ResolverPool (resolver_pool.h).
#include "pipeline/resolver_pool.h"

#include <fmt/format.h>

namespace s3c::pipeline {
namespace {

// What makes two settings reach S3 differently. Secrets are part of the key (compared, never
// printed: the key stays inside the pool).
std::string SettingsKey(const StoreResolverOptions& o) {
  const S3StackOptions& s = o.s3;
  return fmt::format("{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", s.endpoint_url, s.region,
                     s.profile, s.no_sign_request, s.url_style, s.access_key_id,
                     s.secret_access_key.Reveal(), s.session_token.Reveal(), s.role_arn,
                     s.external_id, s.concurrency, s.part_size, o.s3_read_chunk_size);
}

// An endpoint's own settings win; what it leaves unset comes from `defaults`. Explicit keys
// exclude the defaults' profile and anonymous access (they would replace the keys).
StoreResolverOptions WithDefaults(StoreResolverOptions endpoint,
                                  const StoreResolverOptions& defaults) {
  S3StackOptions& e = endpoint.s3;
  const S3StackOptions& d = defaults.s3;
  const bool own_credentials = !e.access_key_id.empty() || e.no_sign_request || !e.profile.empty();
  if (e.endpoint_url.empty()) e.endpoint_url = d.endpoint_url;
  if (e.region.empty()) e.region = d.region;
  if (!own_credentials) {
    e.profile = d.profile;
    e.no_sign_request = d.no_sign_request;
  }
  if (e.url_style.empty() || e.url_style == "auto") e.url_style = d.url_style;
  e.concurrency = d.concurrency;
  if (e.max_attempts == 0) e.max_attempts = d.max_attempts;
  if (e.checksum.empty()) e.checksum = d.checksum;
  if (e.part_size == 0) e.part_size = d.part_size;
  e.verify_tls = d.verify_tls;
  return endpoint;
}

}  // namespace

Result<StoreResolver*> ResolverPool::For(const StoreResolverOptions& endpoint) {
  const StoreResolverOptions options =
      defaults_ != nullptr ? WithDefaults(endpoint, *defaults_) : endpoint;
  std::string key = SettingsKey(options);
  auto it = resolvers_.find(key);
  if (it != resolvers_.end()) return it->second.get();
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<StoreResolver> made, StoreResolver::Make(options, env_));
  StoreResolver* out = made.get();
  resolvers_.emplace(std::move(key), std::move(made));
  return out;
}

StoreRequestStats ResolverPool::RequestStatistics() const {
  StoreRequestStats total;
  for (const auto& [key, resolver] : resolvers_) total += resolver->RequestStatistics();
  return total;
}

}  // namespace s3c::pipeline
