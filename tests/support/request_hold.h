// Holds one chosen request inside a FaultProxy (fault_proxy.h), so a test can act at an exact
// point of a client's sequence of requests (kill the client while its commit record is in
// flight, for example). Installed as the proxy's request hook (see Hook()), it blocks the first
// request whose method equals `method` and whose target (path and query) contains
// `target_part`: that request is not forwarded until Release(). Later matching requests and
// all others pass untouched. `on_hold` runs once, on the held request's thread, before it
// blocks. Release() (idempotent) lets the held request proceed as the proxy's plan says; a
// proxy must not be destroyed while a request is held and not released (its destructor joins
// the connection threads). Thread-safe.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "support/fault_proxy.h"

namespace s3c::testing {

class RequestHold {
 public:
  using OnHold = std::function<void(const ProxiedRequest&)>;
  RequestHold(std::string method, std::string target_part, OnHold on_hold);
  RequestHold(const RequestHold&) = delete;
  RequestHold& operator=(const RequestHold&) = delete;

  // The hook to pass to FaultProxy::SetRequestHook; it refers to this object, which must
  // outlive the proxy's use of it.
  FaultProxy::RequestHook Hook();
  void Release();
  bool held() const;  // a matching request arrived (held now or released)

 private:
  void OnRequest(const ProxiedRequest& request);

  const std::string method_;
  const std::string target_part_;
  const OnHold on_hold_;
  mutable std::mutex mu_;
  std::condition_variable released_cv_;
  bool held_ = false;
  bool released_ = false;
};

}  // namespace s3c::testing
