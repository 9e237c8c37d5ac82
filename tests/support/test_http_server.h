// A loopback HTTP/1.1 server for tests: binds 127.0.0.1 on a free port and answers every request
// with the handler's TestHttpResponse. One thread per connection (tests only); keep-alive,
// Content-Length and chunked request bodies. Fault injection through TestHttpResponse fields.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace s3c::testing {

struct TestHttpRequest {
  std::string method;
  std::string target;                          // path + "?" + query exactly as received
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct TestHttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Length is added for you
  std::string body;
  int delay_ms = 0;                    // wait before sending anything
  bool close_connection = false;       // close after this response
  bool reset_before_response = false;  // close the socket without answering
  size_t truncate_body_at = SIZE_MAX;  // announce full Content-Length, send only this many, close
};

class TestHttpServer {
 public:
  using Handler = std::function<TestHttpResponse(const TestHttpRequest&)>;

  explicit TestHttpServer(Handler handler);  // binds 127.0.0.1 on a free port, serves on threads
  ~TestHttpServer();                         // stops and joins
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:PORT"
  size_t request_count() const;
  size_t connection_count() const;                // TCP connections accepted so far
  std::vector<TestHttpRequest> requests() const;  // copies, in arrival order

 private:
  void AcceptLoop();
  void ServeConnection(int fd);
  bool StopRequested() const { return stop_.load(); }

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread accept_thread_;

  mutable std::mutex mu_;
  std::vector<TestHttpRequest> requests_;
  size_t connections_ = 0;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
};

}  // namespace s3c::testing
