// HttpClient: one interface over the transport (docs/architecture.md: http).
// Contract:
//  - Send() is synchronous; Submit() is asynchronous. Both are safe to call from many threads.
//    Many requests are in flight at once on reused connections without a thread per request.
//  - A transport failure (connect refused, reset, timeout, TLS error) is a non-OK Status with
//    code Unavailable (or DeadlineExceeded for timeouts) and retryable() set. Any HTTP status,
//    including 4xx/5xx, is a successful HttpResponse: classifying it is the caller's job.
//  - Nothing here retries (one retry layer: s3/).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c {

// Header names keep the case they were given; lookups are case-insensitive.
class HttpHeaders {
 public:
  void Set(std::string name, std::string value);  // replaces any header of that name
  void Add(std::string name, std::string value);  // appends
  void Remove(std::string_view name);
  const std::string* Find(std::string_view name) const;  // first match, or nullptr
  std::string Get(std::string_view name) const;          // "" when absent
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// Receives response body bytes as they arrive (on the transport's thread: keep it cheap).
// Returning a non-OK Status aborts the transfer with that Status.
using BodySink = std::function<Status(const char* data, size_t n)>;

// Supplies request body bytes. Called with a buffer; returns bytes written (0 = end).
// Must be restartable: the client calls Rewind() before every transfer that uses it (so a retry
// may re-submit the same source) and when the transport re-sends it on a fresh connection.
// A source is used by one transfer at a time.
class BodySource {
 public:
  virtual ~BodySource() = default;
  virtual uint64_t size() const = 0;
  virtual Result<size_t> Read(char* out, size_t n) = 0;
  virtual Status Rewind() = 0;
};

// A body held in memory; shares the bytes (cheap to copy for retries).
std::shared_ptr<BodySource> MakeBufferBody(std::shared_ptr<const std::string> bytes);
std::shared_ptr<BodySource> MakeBufferBody(std::string bytes);
// A body over external memory that outlives every use of the request.
std::shared_ptr<BodySource> MakeSpanBody(const char* data, size_t size);
// The bytes [offset, offset + size) of a file (e.g. one multipart-upload part); read on demand.
std::shared_ptr<BodySource> MakeFileRangeBody(std::shared_ptr<RandomAccessFile> file,
                                              uint64_t offset, uint64_t size);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute, already percent-encoded as it goes on the wire
  HttpHeaders headers;
  std::shared_ptr<BodySource> body;  // null = no body (PUT/POST then send Content-Length: 0)
  // Optional streaming sink for a 2xx response body; when null, or when the status is not 2xx
  // (an error document the caller wants to parse), the body is collected into
  // HttpResponse::body instead.
  BodySink sink;
  // Optional: called once with the status and headers of the final response before its first
  // body byte is delivered (on the transport thread). A streaming caller learns the ETag of a
  // body that may break mid-stream (the failed transfer returns only a Status).
  std::function<void(int status, const HttpHeaders& headers)> on_headers;
  // Zero = the client's default.
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds request_timeout{0};  // whole request
  // Abort when fewer than 1 byte/s flows for this long (a stalled connection).
  std::chrono::milliseconds idle_timeout{0};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;             // empty when the request had a sink and the status was 2xx
  uint64_t bytes_received = 0;  // body bytes delivered (to body or sink)
};

using HttpCallback = std::function<void(Result<HttpResponse>)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(HttpRequest request) = 0;
  // done runs exactly once, on a transport thread, when the request finished or failed (also
  // when the client is destroyed first: then with Cancelled). done must not call Send() on the
  // same client (it would wait on its own thread); it may call Submit().
  virtual void Submit(HttpRequest request, HttpCallback done) = 0;
};

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{0};  // 0 = none (large transfers)
  std::chrono::milliseconds idle_timeout{30000};
  size_t max_connections = 64;  // total connections kept in the pool
  size_t max_in_flight = 64;    // requests running at once; others queue
  bool verify_tls = true;       // false only by explicit opt-out (warns once)
  std::string ca_bundle;        // PEM file path (AWS_CA_BUNDLE); "" = system store
  std::string user_agent = "s3c/0.1";
};

// libcurl multi-interface client: one event-loop thread drives every transfer.
Result<std::unique_ptr<HttpClient>> MakeCurlHttpClient(HttpClientOptions options);

}  // namespace s3c
