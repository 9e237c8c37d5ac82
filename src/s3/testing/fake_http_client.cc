#include "s3/testing/fake_http_client.h"

#include <fmt/format.h>

namespace s3c::s3::testing {

void FakeHttpClient::Push(FakeReply reply) {
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(reply));
}

void FakeHttpClient::SetHandler(Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  handler_ = std::move(handler);
}

Result<HttpResponse> FakeHttpClient::Send(HttpRequest request) {
  Result<HttpResponse> out = InternalError("no reply");
  Submit(std::move(request), [&out](Result<HttpResponse> r) { out = std::move(r); });
  return out;
}

void FakeHttpClient::Submit(HttpRequest request, HttpCallback done) {
  RecordedRequest rec;
  rec.method = request.method;
  rec.url = request.url;
  rec.headers = request.headers;
  if (request.body) {
    if (!request.body->Rewind().ok()) return done(InternalError("rewind failed"));
    char buf[4096];
    while (true) {
      Result<size_t> n = request.body->Read(buf, sizeof(buf));
      if (!n.ok()) return done(n.status());
      if (*n == 0) break;
      rec.body.append(buf, *n);
    }
  }
  FakeReply reply;
  {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(rec);
    if (!queue_.empty()) {
      reply = std::move(queue_.front());
      queue_.pop_front();
    } else if (handler_) {
      Handler h = handler_;
      reply = h(rec);
    } else {
      reply = FakeReply{500, {}, "<Error><Code>InternalError</Code></Error>", {}};
      reply.transport_error =
          InternalError(fmt::format("no scripted reply for {} {}", rec.method, rec.url));
    }
  }
  HttpResponse resp;
  resp.status = reply.status;
  for (auto& [k, v] : reply.headers) resp.headers.Add(k, v);
  if (request.on_headers) request.on_headers(resp.status, resp.headers);
  bool to_sink = request.sink && resp.status >= 200 && resp.status < 300;
  if (to_sink) {
    if (!reply.body.empty()) {
      Status s = request.sink(reply.body.data(), reply.body.size());
      if (!s.ok()) return done(s);
    }
  } else {
    resp.body = reply.body;
  }
  resp.bytes_received = reply.body.size();
  if (!reply.transport_error.ok()) return done(reply.transport_error);
  done(std::move(resp));
}

std::vector<RecordedRequest> FakeHttpClient::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t FakeHttpClient::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

FakeReply Xml(int status, std::string body,
              std::vector<std::pair<std::string, std::string>> headers) {
  return FakeReply{status, std::move(headers), std::move(body), {}};
}

FakeReply ErrorReply(int status, const std::string& code, const std::string& message,
                     std::vector<std::pair<std::string, std::string>> headers) {
  headers.emplace_back("x-amz-request-id", "req-" + code);
  return Xml(status,
             fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{}</Code>"
                         "<Message>{}</Message><RequestId>req-{}</RequestId></Error>",
                         code, message, code),
             std::move(headers));
}

}  // namespace s3c::s3::testing
