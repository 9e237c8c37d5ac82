// A scripted HttpClient for unit tests: replies come from a queue (or a handler) and are
// delivered inline on the calling thread; every request is recorded with its body bytes.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "s3c/http/http_client.h"

namespace s3c::s3::testing {

struct FakeReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set: after delivering `body` (to the sink, or dropped) the transfer fails with it.
  Status transport_error;
};

struct RecordedRequest {
  std::string method;
  std::string url;
  HttpHeaders headers;
  std::string body;
};

class FakeHttpClient final : public HttpClient {
 public:
  using Handler = std::function<FakeReply(const RecordedRequest&)>;

  void Push(FakeReply reply);
  void SetHandler(Handler handler);  // used when the queue is empty

  Result<HttpResponse> Send(HttpRequest request) override;
  void Submit(HttpRequest request, HttpCallback done) override;

  std::vector<RecordedRequest> requests() const;
  size_t request_count() const;

 private:
  mutable std::mutex mu_;
  std::deque<FakeReply> queue_;
  Handler handler_;
  std::vector<RecordedRequest> requests_;
};

FakeReply Xml(int status, std::string body,
              std::vector<std::pair<std::string, std::string>> headers = {});
FakeReply ErrorReply(int status, const std::string& code, const std::string& message = "",
                     std::vector<std::pair<std::string, std::string>> headers = {});

}  // namespace s3c::s3::testing
