#include "support/test_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace s3c::testing {
namespace {

constexpr int kPollMs = 50;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

const char* Reason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 416:
      return "Range Not Satisfiable";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool SendAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// Buffered reader over a socket that gives up when the server stops or the peer closes.
class Reader {
 public:
  Reader(int fd, const std::atomic<bool>& stop) : fd_(fd), stop_(stop) {}

  // Reads until buf_ holds at least `n` bytes. False on EOF, error or stop.
  bool Fill(size_t n) {
    while (buf_.size() < n) {
      if (!ReadSome()) return false;
    }
    return true;
  }

  // A line ending in CRLF (returned without it); nullopt on EOF/stop.
  std::optional<std::string> Line() {
    for (;;) {
      size_t pos = buf_.find("\r\n");
      if (pos != std::string::npos) {
        std::string line = buf_.substr(0, pos);
        buf_.erase(0, pos + 2);
        return line;
      }
      if (!ReadSome()) return std::nullopt;
    }
  }

  std::string Take(size_t n) {
    std::string out = buf_.substr(0, n);
    buf_.erase(0, n);
    return out;
  }

 private:
  bool ReadSome() {
    for (;;) {
      if (stop_.load()) return false;
      pollfd p{fd_, POLLIN, 0};
      int r = ::poll(&p, 1, kPollMs);
      if (r < 0 && errno != EINTR) return false;
      if (r <= 0) continue;
      char tmp[64 * 1024];
      ssize_t got = ::recv(fd_, tmp, sizeof tmp, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      buf_.append(tmp, static_cast<size_t>(got));
      return true;
    }
  }

  int fd_;
  const std::atomic<bool>& stop_;
  std::string buf_;
};

// Reads one request; nullopt when the connection ended or was malformed.
std::optional<TestHttpRequest> ReadRequest(Reader& reader, int fd) {
  std::optional<std::string> line = reader.Line();
  while (line && line->empty()) line = reader.Line();  // tolerate stray CRLF between requests
  if (!line) return std::nullopt;
  TestHttpRequest req;
  size_t sp1 = line->find(' ');
  size_t sp2 = line->rfind(' ');
  if (sp1 == std::string::npos || sp2 == sp1) return std::nullopt;
  req.method = line->substr(0, sp1);
  req.target = line->substr(sp1 + 1, sp2 - sp1 - 1);
  for (;;) {
    std::optional<std::string> h = reader.Line();
    if (!h) return std::nullopt;
    if (h->empty()) break;
    size_t colon = h->find(':');
    if (colon == std::string::npos) continue;
    std::string name = Lower(h->substr(0, colon));
    std::string value = Trim(h->substr(colon + 1));
    auto it = req.headers.find(name);
    if (it == req.headers.end()) {
      req.headers.emplace(std::move(name), std::move(value));
    } else {
      it->second += "," + value;
    }
  }
  auto expect = req.headers.find("expect");
  if (expect != req.headers.end() && Lower(expect->second) == "100-continue") {
    static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    if (!SendAll(fd, kContinue, sizeof kContinue - 1)) return std::nullopt;
  }
  auto te = req.headers.find("transfer-encoding");
  if (te != req.headers.end() && Lower(te->second).find("chunked") != std::string::npos) {
    for (;;) {
      std::optional<std::string> size_line = reader.Line();
      if (!size_line) return std::nullopt;
      size_t size = std::strtoull(size_line->c_str(), nullptr, 16);
      if (size == 0) {
        // Trailers until the empty line.
        for (;;) {
          std::optional<std::string> t = reader.Line();
          if (!t) return std::nullopt;
          if (t->empty()) break;
        }
        break;
      }
      if (!reader.Fill(size + 2)) return std::nullopt;
      req.body += reader.Take(size);
      reader.Take(2);
    }
    return req;
  }
  auto cl = req.headers.find("content-length");
  if (cl != req.headers.end()) {
    size_t n = std::strtoull(cl->second.c_str(), nullptr, 10);
    if (!reader.Fill(n)) return std::nullopt;
    req.body = reader.Take(n);
  }
  return req;
}

bool HasHeader(const TestHttpResponse& resp, const std::string& lower_name) {
  return std::any_of(resp.headers.begin(), resp.headers.end(),
                     [&](const auto& h) { return Lower(h.first) == lower_name; });
}

}  // namespace

TestHttpServer::TestHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) std::abort();
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 256) != 0) {
    std::perror("TestHttpServer bind/listen");
    std::abort();
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

TestHttpServer::~TestHttpServer() {
  stop_.store(true);
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes the accept loop's poll at once
  accept_thread_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    workers.swap(workers_);
  }
  for (std::thread& t : workers) t.join();
}

std::string TestHttpServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

size_t TestHttpServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

size_t TestHttpServer::connection_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_;
}

std::vector<TestHttpRequest> TestHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

void TestHttpServer::AcceptLoop() {
  while (!StopRequested()) {
    pollfd p{listen_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, kPollMs);
    if (r <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    int one = 1;  // head and body go out in separate writes: no Nagle delay between them
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::lock_guard<std::mutex> lock(mu_);
    ++connections_;
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { ServeConnection(fd); });
  }
}

void TestHttpServer::ServeConnection(int fd) {
  Reader reader(fd, stop_);
  bool keep_open = true;
  while (keep_open && !StopRequested()) {
    std::optional<TestHttpRequest> req = ReadRequest(reader, fd);
    if (!req) break;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(*req);
    }
    TestHttpResponse resp = handler_(*req);
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(resp.delay_ms);
    while (std::chrono::steady_clock::now() < until && !StopRequested()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (StopRequested()) break;
    if (resp.reset_before_response) {
      linger lg{1, 0};  // close with RST
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      break;
    }
    auto conn = req->headers.find("connection");
    bool client_close = conn != req->headers.end() && Lower(conn->second) == "close";
    bool truncate = resp.truncate_body_at < resp.body.size();
    keep_open = !resp.close_connection && !client_close && !truncate;

    std::string head =
        "HTTP/1.1 " + std::to_string(resp.status) + " " + Reason(resp.status) + "\r\n";
    for (const auto& [name, value] : resp.headers) head += name + ": " + value + "\r\n";
    if (!HasHeader(resp, "content-length")) {
      head += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
    }
    if (!keep_open) head += "Connection: close\r\n";
    head += "\r\n";
    bool head_only = req->method == "HEAD" || resp.status == 204 || resp.status == 304;
    size_t body_n = head_only ? 0 : std::min(resp.body.size(), resp.truncate_body_at);
    if (!SendAll(fd, head.data(), head.size()) || !SendAll(fd, resp.body.data(), body_n)) break;
  }
  std::lock_guard<std::mutex> lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  ::close(fd);
}

}  // namespace s3c::testing
