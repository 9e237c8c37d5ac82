// Caches another provider's credentials and refreshes them ahead of their expiration.
// Contract:
//  - Credentials without an expiration are kept until Invalidate().
//  - Expiring credentials are refreshed once Now() >= expiration - refresh_ahead (by the
//    injected Clock). While one thread refreshes, others that still hold unexpired credentials
//    get them without waiting; others wait for that refresh. One refresh at a time.
//  - A failed refresh while the cached credentials have not yet expired returns the cached ones
//    (the next call tries again); otherwise the error. Errors are not cached.
//  - Invalidate() drops the cached value (after S3 answered ExpiredToken) and forwards to the
//    wrapped provider. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "s3c/auth/credentials.h"
#include "s3c/common/clock.h"

namespace s3c {

class CachingCredentialsProvider final : public CredentialsProvider {
 public:
  static constexpr std::chrono::minutes kDefaultRefreshAhead{5};

  // clock must outlive the provider.
  CachingCredentialsProvider(std::unique_ptr<CredentialsProvider> inner, Clock& clock,
                             Duration refresh_ahead = kDefaultRefreshAhead);
  Result<Credentials> GetCredentials() override;
  void Invalidate() override;

 private:
  bool Fresh(const Credentials& c, WallTime now) const;
  static bool Usable(const Credentials& c, WallTime now);

  std::unique_ptr<CredentialsProvider> inner_;
  Clock& clock_;
  Duration refresh_ahead_;
  std::mutex refresh_mu_;  // held for the duration of one refresh
  std::mutex mu_;          // guards cached_
  std::optional<Credentials> cached_;
};

}  // namespace s3c
