// RequestHold (request_hold.h).
#include "support/request_hold.h"

#include <utility>

namespace s3c::testing {

RequestHold::RequestHold(std::string method, std::string target_part, OnHold on_hold)
    : method_(std::move(method)), target_part_(std::move(target_part)),
      on_hold_(std::move(on_hold)) {}

FaultProxy::RequestHook RequestHold::Hook() {
  return [this](const ProxiedRequest& request) { OnRequest(request); };
}

void RequestHold::OnRequest(const ProxiedRequest& request) {
  if (request.method != method_ || request.target.find(target_part_) == std::string::npos) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (held_) return;  // only the first match is held
    held_ = true;
  }
  if (on_hold_) on_hold_(request);
  std::unique_lock<std::mutex> lock(mu_);
  released_cv_.wait(lock, [this] { return released_; });
}

void RequestHold::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  released_ = true;
  released_cv_.notify_all();
}

bool RequestHold::held() const {
  std::lock_guard<std::mutex> lock(mu_);
  return held_;
}

}  // namespace s3c::testing
