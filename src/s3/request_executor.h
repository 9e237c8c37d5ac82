// The one retry loop of s3c (docs/architecture.md, convention 8). Every S3 request goes through
// Execute(): each attempt resolves the URL (remembering a bucket's region once the server named
// it), is re-signed with fresh time (corrected by the measured clock offset), is sent with
// HttpClient::Submit, and is classified by ClassifyTransportError / ClassifyHttpError. A
// retryable failure is re-scheduled on the timer thread after the backoff; sync callers wait.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "s3/endpoint_resolver.h"
#include "s3/retry_policy.h"
#include "s3/timer_thread.h"
#include "s3c/s3/s3_client.h"

namespace s3c::s3 {

// One logical S3 request.
struct S3Call {
  std::string operation;  // S3 action name, e.g. "GetObject" (stats, errors)
  std::string bucket;
  std::string key;
  std::string method = "GET";
  QueryParams query;
  HttpHeaders headers;
  std::shared_ptr<BodySource> body;
  std::string payload_sha256;  // hex SHA-256 of body when known (plain-http signing)
  BodySink sink;
  std::function<void(int, const HttpHeaders&)> on_headers;
  // Runs before every attempt is signed (attempt counts from 1); may adapt the request (a
  // ranged resume). A non-OK Status ends the call with it.
  std::function<Status(HttpRequest&, int attempt)> prepare;
  bool ok_304 = false;        // 304 Not Modified is a success (conditional GET)
  bool error_in_200 = false;  // a 200 whose body is <Error> is a failure (Complete, copies)
};

using S3CallDone = std::function<void(Result<HttpResponse>)>;

class RequestExecutor {
 public:
  RequestExecutor(const S3ClientOptions& options, const S3ClientDeps& deps);
  // Waits for calls in flight; pending retries end with Cancelled.
  ~RequestExecutor();

  // done runs exactly once, on a transport or timer thread (or inline when the first attempt
  // fails before sending). Errors carry a full ErrorContext.
  void Execute(S3Call call, S3CallDone done);
  Result<HttpResponse> ExecuteSync(S3Call call);

  std::string RegionFor(const std::string& bucket) const;
  bool UsesHttps() const;
  WallTime SigningTime() const;  // clock + measured offset
  Duration clock_offset() const { return Duration(clock_offset_ns_.load()); }
  // The Date header of the latest successful response (nullopt before one, or when the server
  // sends none): the server's clock, which the incremental strategies judge LastModified by.
  std::optional<WallTime> last_server_date() const;
  Result<Credentials> GetCredentials();
  RetryQuota& quota() { return quota_; }
  const S3ClientOptions& options() const { return options_; }
  const S3ClientDeps& deps() const { return deps_; }

 private:
  struct CallState;
  void StartAttempt(std::shared_ptr<CallState> st);
  void OnResult(std::shared_ptr<CallState> st, Result<HttpResponse> result);
  void Retry(std::shared_ptr<CallState> st, Duration delay);
  void Finish(std::shared_ptr<CallState> st, Result<HttpResponse> result);
  Status Fail(const CallState& st, Status status) const;

  S3ClientOptions options_;
  S3ClientDeps deps_;
  RetryQuota quota_;
  std::atomic<int64_t> clock_offset_ns_{0};
  std::atomic<int64_t> last_server_date_ns_{0};  // 0: none seen
  mutable std::mutex mu_;
  std::condition_variable idle_cv_;
  std::map<std::string, std::string> bucket_regions_;
  int in_flight_ = 0;
  bool shutting_down_ = false;
  TimerThread timer_;  // last: destroyed first, after the in-flight wait
};

std::string ResourceName(const std::string& bucket, const std::string& key);

}  // namespace s3c::s3
