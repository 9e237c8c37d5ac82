// HttpClient over libcurl's multi interface (https://curl.se/libcurl/c/libcurl-multi.html):
// one event-loop thread owns the multi handle, every easy handle and every transfer. Other
// threads only touch the submit queue (under mu_) and wake the loop with curl_multi_wakeup.
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/curl_transfer.h"
#include "s3c/common/log.h"

namespace s3c {
namespace {

constexpr int kPollTimeoutMs = 1000;

Status GlobalInit() {
  static CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    return InternalError(std::string("curl_global_init failed: ") + curl_easy_strerror(code));
  }
  return Status::OK();
}

void WarnOnceTlsDisabled() {
  static std::atomic<bool> warned{false};
  if (!warned.exchange(true)) {
    Log(LogLevel::kWarn,
        "TLS certificate verification is disabled (verify_tls=false): connections can be "
        "intercepted. Prefer AWS_CA_BUNDLE for a private CA.");
  }
}

class CurlHttpClient : public HttpClient {
 public:
  CurlHttpClient(HttpClientOptions options, CURLM* multi)
      : options_(std::move(options)), multi_(multi) {
    loop_ = std::thread([this] { Loop(); });
  }

  ~CurlHttpClient() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_);
    loop_.join();
    curl_multi_cleanup(multi_);
  }

  Result<HttpResponse> Send(HttpRequest request) override {
    if (std::this_thread::get_id() == loop_.get_id()) {
      return FailedPreconditionError("HttpClient::Send called from a completion callback");
    }
    std::mutex m;
    std::condition_variable cv;
    std::optional<Result<HttpResponse>> out;
    Submit(std::move(request), [&](Result<HttpResponse> r) {
      std::lock_guard<std::mutex> lock(m);
      out.emplace(std::move(r));
      cv.notify_one();
    });
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [&] { return out.has_value(); });
    return std::move(*out);
  }

  void Submit(HttpRequest request, HttpCallback done) override {
    auto t = std::make_unique<CurlTransfer>(std::move(request), std::move(done));
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!stopping_) {
        submitted_.push_back(std::move(t));
      }
    }
    if (t) {
      t->done(CancelledError("HTTP client is shutting down"));
      return;
    }
    curl_multi_wakeup(multi_);
  }

 private:
  void Loop() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) break;
        for (auto& t : submitted_) waiting_.push_back(std::move(t));
        submitted_.clear();
      }
      StartWaiting();
      int running = 0;
      curl_multi_perform(multi_, &running);
      if (DrainFinished() > 0 && !waiting_.empty()) continue;  // free slots: start more now
      curl_multi_poll(multi_, nullptr, 0, kPollTimeoutMs, nullptr);
    }
    CancelEverything();
  }

  // Moves queued transfers into libcurl while fewer than max_in_flight run.
  void StartWaiting() {
    while (!waiting_.empty() && active_.size() < options_.max_in_flight) {
      std::unique_ptr<CurlTransfer> t = std::move(waiting_.front());
      waiting_.pop_front();
      CURL* easy = AcquireEasy();
      if (easy == nullptr) {
        t->done(ResourceExhaustedError("curl_easy_init failed"));
        continue;
      }
      Status s = SetupEasy(easy, *t, options_);
      if (s.ok()) {
        CURLMcode mc = curl_multi_add_handle(multi_, easy);
        if (mc != CURLM_OK) s = InternalError(curl_multi_strerror(mc));
      }
      if (!s.ok()) {
        ReleaseEasy(easy);
        t->done(std::move(s));
        continue;
      }
      active_.emplace(easy, std::move(t));
    }
  }

  // Completes every transfer libcurl reported done; returns how many.
  size_t DrainFinished() {
    size_t finished = 0;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;
      auto it = active_.find(easy);
      if (it == active_.end()) continue;
      std::unique_ptr<CurlTransfer> t = std::move(it->second);
      active_.erase(it);
      curl_multi_remove_handle(multi_, easy);
      ReleaseEasy(easy);
      Result<HttpResponse> result = FinishTransfer(code, *t);
      t->done(std::move(result));
      ++finished;
    }
    return finished;
  }

  void CancelEverything() {
    for (auto& [easy, t] : active_) {
      curl_multi_remove_handle(multi_, easy);
      curl_easy_cleanup(easy);
      t->done(CancelledError("HTTP client destroyed before the request finished"));
    }
    active_.clear();
    std::deque<std::unique_ptr<CurlTransfer>> rest;
    {
      std::lock_guard<std::mutex> lock(mu_);
      rest.swap(submitted_);
    }
    for (auto& t : waiting_) rest.push_back(std::move(t));
    waiting_.clear();
    for (auto& t : rest) t->done(CancelledError("HTTP client destroyed before the request ran"));
    for (CURL* easy : idle_easies_) curl_easy_cleanup(easy);
    idle_easies_.clear();
  }

  // Easy handles are reused: they keep their buffers and TLS session cache; the connection
  // pool itself belongs to the multi handle.
  CURL* AcquireEasy() {
    if (idle_easies_.empty()) return curl_easy_init();
    CURL* easy = idle_easies_.back();
    idle_easies_.pop_back();
    curl_easy_reset(easy);
    return easy;
  }

  void ReleaseEasy(CURL* easy) {
    if (idle_easies_.size() < options_.max_in_flight) {
      idle_easies_.push_back(easy);
    } else {
      curl_easy_cleanup(easy);
    }
  }

  const HttpClientOptions options_;
  CURLM* const multi_;
  std::thread loop_;

  std::mutex mu_;
  std::deque<std::unique_ptr<CurlTransfer>> submitted_;  // guarded by mu_
  bool stopping_ = false;                                // guarded by mu_

  // Event-loop thread only.
  std::deque<std::unique_ptr<CurlTransfer>> waiting_;
  std::unordered_map<CURL*, std::unique_ptr<CurlTransfer>> active_;
  std::vector<CURL*> idle_easies_;
};

}  // namespace

Result<std::unique_ptr<HttpClient>> MakeCurlHttpClient(HttpClientOptions options) {
  S3C_RETURN_IF_ERROR(GlobalInit());
  if (options.max_in_flight == 0 || options.max_connections == 0) {
    return InvalidArgumentError("HttpClientOptions: max_in_flight and max_connections must be > 0");
  }
  if (!options.ca_bundle.empty() && ::access(options.ca_bundle.c_str(), R_OK) != 0) {
    return FailedPreconditionError("CA bundle '" + options.ca_bundle +
                                   "' (AWS_CA_BUNDLE) is not a readable file");
  }
  if (!options.verify_tls) WarnOnceTlsDisabled();

  CURLM* multi = curl_multi_init();
  if (multi == nullptr) return ResourceExhaustedError("curl_multi_init failed");
  const long connections = static_cast<long>(options.max_connections);
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, connections);
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, connections);
  // HTTP/1.1 only: one request per connection at a time, no pipelining.
  curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);
  return std::unique_ptr<HttpClient>(new CurlHttpClient(std::move(options), multi));
}

}  // namespace s3c
