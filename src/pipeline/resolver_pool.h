// The StoreResolvers of one run: one per distinct store setting (keys, endpoint, region,
// profile, anonymous access, URL style), so endpoints that share settings share one S3 stack
// (connections, credentials) and endpoints with their own keys never use another's.
// Not thread-safe: the runner's thread uses it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/store/store_resolver.h"

namespace s3c::pipeline {

class ResolverPool {
 public:
  // `defaults` (may be null: none) fill what an endpoint leaves unset (`s3c run`'s global
  // options: --endpoint-url, --region, --profile, ...).
  ResolverPool(const Env& env, const StoreResolverOptions* defaults)
      : env_(env), defaults_(defaults) {}

  // The resolver for an endpoint's `options` after the defaults (made on first use: it reads
  // the AWS config files then).
  Result<StoreResolver*> For(const StoreResolverOptions& options);

  // The requests of every resolver, summed.
  StoreRequestStats RequestStatistics() const;

 private:
  const Env& env_;
  const StoreResolverOptions* defaults_;
  std::map<std::string, std::unique_ptr<StoreResolver>> resolvers_;  // by SettingsKey
};

}  // namespace s3c::pipeline
