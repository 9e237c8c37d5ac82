// Minimal HTTP/1.1 message framing over a blocking socket (RFC 9112), for the fault proxy:
// reads requests and responses with Content-Length, chunked or close-delimited bodies and keeps
// their bytes as received, so they can be relayed unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3c::testing::wire {

std::string Lower(std::string s);
// Sends every byte (no SIGPIPE); false when the peer is gone.
bool SendAll(int fd, std::string_view data);
void SetNoDelay(int fd);

// Buffered blocking reads from one socket (not owned).
class Wire {
 public:
  explicit Wire(int fd) : fd_(fd) {}
  uint64_t bytes_read() const { return total_; }
  // One line without its CRLF; false on EOF or error before the line ended.
  bool ReadLine(std::string* line);
  // Appends exactly n bytes; false on EOF or error first.
  bool ReadExact(uint64_t n, std::string* out);
  // Appends everything until the peer closes.
  void ReadToEnd(std::string* out);

 private:
  bool Fill();

  int fd_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t total_ = 0;
};

// One HTTP message as read from the wire.
struct Message {
  std::string start_line;
  std::vector<std::pair<std::string, std::string>> headers;  // as received, values trimmed
  std::string head;      // raw start line + header lines + blank line
  std::string body_raw;  // body exactly as framed on the wire (chunked framing kept)
  uint64_t body_decoded = 0;
  bool body_until_close = false;  // response delimited by closing the connection

  std::string Header(std::string_view lower_name) const;  // first match, "" when absent
  bool HasToken(std::string_view lower_name, std::string_view token) const;
};

// Reads one request; answers "Expect: 100-continue" on client_fd itself so the body arrives
// at once. False when the connection ended first or the request is malformed.
bool ReadRequest(Wire& w, int client_fd, Message* m);
// Reads one final response to a request of `method` (interim 1xx responses are skipped).
bool ReadResponse(Wire& w, const std::string& method, Message* m, int* status);
// The start line and headers again; with force_close, "Connection: close" replaces any
// Connection header.
std::string BuildHead(const Message& m, bool force_close);

}  // namespace s3c::testing::wire
