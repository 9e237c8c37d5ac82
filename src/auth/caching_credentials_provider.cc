#include "s3c/auth/caching_credentials_provider.h"

namespace s3c {

CachingCredentialsProvider::CachingCredentialsProvider(std::unique_ptr<CredentialsProvider> inner,
                                                       Clock& clock, Duration refresh_ahead)
    : inner_(std::move(inner)), clock_(clock), refresh_ahead_(refresh_ahead) {}

bool CachingCredentialsProvider::Fresh(const Credentials& c, WallTime now) const {
  return !c.expiration || now < *c.expiration - refresh_ahead_;
}

bool CachingCredentialsProvider::Usable(const Credentials& c, WallTime now) {
  return !c.expiration || now < *c.expiration;
}

Result<Credentials> CachingCredentialsProvider::GetCredentials() {
  std::optional<Credentials> current;
  {
    std::lock_guard<std::mutex> lock(mu_);
    current = cached_;
  }
  if (current && Fresh(*current, clock_.Now())) return *current;

  std::unique_lock<std::mutex> refresh(refresh_mu_, std::try_to_lock);
  if (!refresh.owns_lock()) {
    // Another thread is refreshing: use what we have while it is still valid, else wait.
    if (current && Usable(*current, clock_.Now())) return *current;
    refresh.lock();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    current = cached_;
  }
  if (current && Fresh(*current, clock_.Now())) return *current;  // refreshed while we waited

  Result<Credentials> fetched = inner_->GetCredentials();
  std::lock_guard<std::mutex> lock(mu_);
  if (fetched.ok()) {
    cached_ = *fetched;
    return fetched;
  }
  if (cached_ && Usable(*cached_, clock_.Now())) return *cached_;
  return fetched.status();
}

void CachingCredentialsProvider::Invalidate() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    cached_.reset();
  }
  inner_->Invalidate();
}

}  // namespace s3c
