#include "support/http_wire.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace s3c::testing::wire {
namespace {

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool ReadHeaders(Wire& w, Message* m) {
  m->head = m->start_line + "\r\n";
  std::string line;
  while (true) {
    if (!w.ReadLine(&line)) return false;
    m->head += line + "\r\n";
    if (line.empty()) return true;
    size_t colon = line.find(':');
    if (colon == std::string::npos) return false;
    m->headers.emplace_back(line.substr(0, colon), Trim(std::string_view(line).substr(colon + 1)));
  }
}

// RFC 9112 section 7.1: chunk-size [ext] CRLF data CRLF ... 0 CRLF trailers CRLF.
bool ReadChunked(Wire& w, Message* m) {
  std::string line;
  while (true) {
    if (!w.ReadLine(&line)) return false;
    m->body_raw += line + "\r\n";
    char* end = nullptr;
    uint64_t size = std::strtoull(line.c_str(), &end, 16);
    if (end == line.c_str()) return false;
    if (size == 0) break;
    if (!w.ReadExact(size, &m->body_raw)) return false;
    m->body_decoded += size;
    if (!w.ReadLine(&line) || !line.empty()) return false;
    m->body_raw += "\r\n";
  }
  while (true) {  // trailer section
    if (!w.ReadLine(&line)) return false;
    m->body_raw += line + "\r\n";
    if (line.empty()) return true;
  }
}

bool ReadLengthBody(Wire& w, Message* m) {
  std::string cl = m->Header("content-length");
  if (cl.empty()) return true;
  uint64_t n = std::strtoull(cl.c_str(), nullptr, 10);
  if (!w.ReadExact(n, &m->body_raw)) return false;
  m->body_decoded = n;
  return true;
}

}  // namespace

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void SetNoDelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

bool Wire::ReadLine(std::string* line) {
  while (true) {
    size_t nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      size_t end = (nl > pos_ && buf_[nl - 1] == '\r') ? nl - 1 : nl;
      line->assign(buf_, pos_, end - pos_);
      pos_ = nl + 1;
      return true;
    }
    if (!Fill()) return false;
  }
}

bool Wire::ReadExact(uint64_t n, std::string* out) {
  while (buf_.size() - pos_ < n) {
    if (!Fill()) return false;
  }
  out->append(buf_, pos_, n);
  pos_ += n;
  return true;
}

void Wire::ReadToEnd(std::string* out) {
  while (Fill()) {
  }
  out->append(buf_, pos_, std::string::npos);
  pos_ = buf_.size();
}

bool Wire::Fill() {
  if (pos_ > 0 && pos_ == buf_.size()) {
    buf_.clear();
    pos_ = 0;
  }
  char tmp[64 * 1024];
  while (true) {
    ssize_t n = ::recv(fd_, tmp, sizeof(tmp), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<size_t>(n));
    total_ += static_cast<uint64_t>(n);
    return true;
  }
}

std::string Message::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (Lower(k) == name) return v;
  }
  return "";
}

bool Message::HasToken(std::string_view name, std::string_view token) const {
  return Lower(Header(name)).find(token) != std::string::npos;
}

// Reads one request; answers "Expect: 100-continue" itself so the body arrives at once.
bool ReadRequest(Wire& w, int client_fd, Message* m) {
  do {
    if (!w.ReadLine(&m->start_line)) return false;
  } while (m->start_line.empty());
  if (!ReadHeaders(w, m)) return false;
  if (m->HasToken("expect", "100-continue")) {
    if (!SendAll(client_fd, "HTTP/1.1 100 Continue\r\n\r\n")) return false;
  }
  if (m->HasToken("transfer-encoding", "chunked")) return ReadChunked(w, m);
  return ReadLengthBody(w, m);
}

// Reads one final response (interim 1xx responses are skipped) to a request of `method`.
bool ReadResponse(Wire& w, const std::string& method, Message* m, int* status) {
  while (true) {
    *m = Message();
    if (!w.ReadLine(&m->start_line) || !ReadHeaders(w, m)) return false;
    size_t sp = m->start_line.find(' ');
    *status = sp == std::string::npos ? 0 : std::atoi(m->start_line.c_str() + sp + 1);
    if (*status >= 200 || *status == 0) break;
  }
  // RFC 9112 section 6.3: no body for HEAD, 204 and 304.
  if (method == "HEAD" || *status == 204 || *status == 304) return true;
  if (m->HasToken("transfer-encoding", "chunked")) return ReadChunked(w, m);
  if (!m->Header("content-length").empty()) return ReadLengthBody(w, m);
  m->body_until_close = true;
  w.ReadToEnd(&m->body_raw);
  m->body_decoded = m->body_raw.size();
  return true;
}

std::string BuildHead(const Message& m, bool force_close) {
  std::string head = m.start_line + "\r\n";
  for (const auto& [k, v] : m.headers) {
    if (force_close && Lower(k) == "connection") continue;
    head += k + ": " + v + "\r\n";
  }
  if (force_close) head += "Connection: close\r\n";
  return head + "\r\n";
}

}  // namespace s3c::testing::wire
