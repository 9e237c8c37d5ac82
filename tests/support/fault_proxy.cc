#include "support/fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "support/http_wire.h"

namespace s3c::testing {
namespace {

using wire::Message;
using wire::SendAll;
using wire::Wire;

std::string ErrorResponse(Fault fault, const std::string& method, const std::string& target,
                          size_t request_number, bool close) {
  const bool slow = fault == Fault::kSlowDown503;
  std::string request_id = "fault-proxy-" + std::to_string(request_number);
  // S3 error document: https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
  std::string body = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>") +
                     (slow ? "SlowDown" : "InternalError") + "</Code><Message>" +
                     (slow ? "Please reduce your request rate."
                           : "We encountered an internal error. Please try again.") +
                     "</Message><Resource>" + target + "</Resource><RequestId>" + request_id +
                     "</RequestId></Error>";
  std::string out = slow ? "HTTP/1.1 503 Slow Down\r\n" : "HTTP/1.1 500 Internal Server Error\r\n";
  out += "Content-Type: application/xml\r\nx-amz-request-id: " + request_id +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  if (method != "HEAD") out += body;
  return out;
}

bool BreaksConnection(Fault f) {
  return f == Fault::kResetBeforeResponse || f == Fault::kCutBodyMidStream;
}

// True when the plan can end a connection without a complete response (see the header).
bool PlanEndsConnections(const FaultPlan& plan) {
  if (BreaksConnection(plan.fault) && plan.rate > 0 && plan.script.empty()) return true;
  return std::any_of(plan.script.begin(), plan.script.end(), BreaksConnection);
}

}  // namespace

const char* FaultName(Fault fault) {
  switch (fault) {
    case Fault::kNone:
      return "none";
    case Fault::kSlowDown503:
      return "503 SlowDown";
    case Fault::kInternalError500:
      return "500 InternalError";
    case Fault::kResetBeforeResponse:
      return "reset before response";
    case Fault::kCutBodyMidStream:
      return "body cut mid-stream";
    case Fault::kDelay:
      return "delay";
  }
  return "?";
}

FaultProxy::FaultProxy(std::string upstream_host, int upstream_port, FaultPlan plan)
    : upstream_host_(upstream_host == "localhost" ? "127.0.0.1" : std::move(upstream_host)),
      upstream_port_(upstream_port) {
  SetPlan(std::move(plan));
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 128) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("FaultProxy: cannot listen on 127.0.0.1");
    std::abort();
  }
  port_ = ntohs(addr.sin_port);
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

FaultProxy::~FaultProxy() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  accept_thread_.join();
  ::close(listen_fd_);
  std::vector<Worker> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    workers.swap(workers_);
  }
  for (Worker& w : workers) w.thread.join();
}

std::string FaultProxy::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FaultProxy::SetPlan(FaultPlan plan) {
  std::lock_guard<std::mutex> lock(mu_);
  if (PlanEndsConnections(plan)) {
    for (Worker& w : workers_) {
      w.client->retired = true;
      if (w.client->idle) ::shutdown(w.client->fd, SHUT_RDWR);
    }
  }
  rng_.seed(plan.seed);
  plan_ = std::move(plan);
  script_pos_ = 0;
}

void FaultProxy::SetRequestHook(RequestHook hook) {
  std::lock_guard<std::mutex> lock(mu_);
  hook_ = std::move(hook);
}

void FaultProxy::ResetCounters() {
  std::lock_guard<std::mutex> lock(mu_);
  seen_ = 0;
  faults_.clear();
  record_.clear();
}

size_t FaultProxy::requests_seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

size_t FaultProxy::faults_injected() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t total = 0;
  for (const auto& [kind, n] : faults_) total += n;
  return total;
}

std::map<Fault, size_t> FaultProxy::faults_by_kind() const {
  std::lock_guard<std::mutex> lock(mu_);
  return faults_;
}

std::vector<ProxiedRequest> FaultProxy::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return record_;
}

size_t FaultProxy::connections_accepted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_;
}

void FaultProxy::TrackFd(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  open_fds_.push_back(fd);
  if (stop_) ::shutdown(fd, SHUT_RDWR);
}

void FaultProxy::UntrackFd(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
}

void FaultProxy::AcceptLoop() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    wire::SetNoDelay(fd);
    std::lock_guard<std::mutex> lock(mu_);
    // Reap finished workers so long tests do not pile up exited threads.
    for (auto it = workers_.begin(); it != workers_.end();) {
      if (it->client->done.load()) {
        it->thread.join();
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
    open_fds_.push_back(fd);
    auto client = std::make_shared<Client>();
    client->fd = fd;
    client->number = ++connections_;
    workers_.push_back(Worker{std::thread([this, client] {
                                ServeClient(*client);
                                client->done.store(true);
                              }),
                              client});
  }
}

int FaultProxy::ConnectUpstream() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(upstream_port_));
  if (fd < 0 || ::inet_pton(AF_INET, upstream_host_.c_str(), &addr.sin_addr) != 1 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    if (fd >= 0) ::close(fd);
    return -1;
  }
  wire::SetNoDelay(fd);
  TrackFd(fd);
  return fd;
}

void FaultProxy::SleepMs(int ms) {
  std::unique_lock<std::mutex> lock(mu_);
  stop_cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_.load(); });
}

Fault FaultProxy::Decide(ProxiedRequest record, int* delay_ms, bool* close_after,
                         RequestHook* hook) {
  std::lock_guard<std::mutex> lock(mu_);
  *hook = hook_;
  ++seen_;
  Fault fault = Fault::kNone;
  const bool eligible = plan_.only_method.empty() || plan_.only_method == record.method;
  if (eligible) {
    if (!plan_.script.empty()) {
      if (script_pos_ < plan_.script.size()) fault = plan_.script[script_pos_];
      ++script_pos_;
    } else if (plan_.rate > 0) {
      double draw = static_cast<double>(rng_() >> 11) * 0x1.0p-53;
      if (draw < plan_.rate) fault = plan_.fault;
    }
  }
  const bool script_delays =
      std::find(plan_.script.begin(), plan_.script.end(), Fault::kDelay) != plan_.script.end();
  *delay_ms = 0;
  if (fault == Fault::kDelay) {
    *delay_ms = plan_.delay_ms;
  } else if (plan_.fault == Fault::kNone && !script_delays) {
    *delay_ms = plan_.delay_ms;
  }
  *close_after = PlanEndsConnections(plan_);
  if (fault != Fault::kNone) ++faults_[fault];
  record.fault = fault;
  record_.push_back(std::move(record));
  return fault;
}

bool FaultProxy::BeginWait(Client& c) {
  std::lock_guard<std::mutex> lock(mu_);
  c.idle = !c.retired;
  return !c.retired;
}

bool FaultProxy::EndWait(Client& c) {
  std::lock_guard<std::mutex> lock(mu_);
  c.idle = false;
  return !c.retired;
}

void FaultProxy::ServeClient(Client& c) {
  const int fd = c.fd;
  const size_t connection_number = c.number;
  Wire client(fd);
  int up = -1;
  std::unique_ptr<Wire> upstream;
  size_t served_on_upstream = 0;
  auto drop_upstream = [&] {
    if (up < 0) return;
    UntrackFd(up);
    ::close(up);
    up = -1;
    upstream.reset();
  };
  bool reset = false;
  while (!stop_) {
    Message req;
    if (!BeginWait(c)) break;
    const bool got_request = wire::ReadRequest(client, fd, &req);
    if (!EndWait(c) || !got_request) break;
    ProxiedRequest rec;
    size_t sp1 = req.start_line.find(' ');
    size_t sp2 = req.start_line.find(' ', sp1 + 1);
    rec.method = req.start_line.substr(0, sp1);
    rec.target = req.start_line.substr(sp1 + 1, sp2 - sp1 - 1);
    for (const auto& [k, v] : req.headers) {
      std::string name = wire::Lower(k);
      if (name != "authorization" && name != "x-amz-security-token") rec.headers[name] = v;
    }
    rec.body_bytes = req.body_decoded;
    rec.connection = connection_number;
    const std::string method = rec.method;
    const std::string target = rec.target;
    int delay_ms = 0;
    bool close_after = false;
    RequestHook hook;
    ProxiedRequest copy = rec;
    Fault fault = Decide(std::move(rec), &delay_ms, &close_after, &hook);
    if (hook) {
      copy.fault = fault;
      hook(copy);
    }
    if (delay_ms > 0) SleepMs(delay_ms);
    if (stop_) break;
    close_after = close_after || req.HasToken("connection", "close");

    if (fault == Fault::kSlowDown503 || fault == Fault::kInternalError500) {
      if (!SendAll(fd, ErrorResponse(fault, method, target, requests_seen(), close_after)) ||
          close_after) {
        break;
      }
      continue;
    }
    if (fault == Fault::kResetBeforeResponse) {
      reset = true;
      break;
    }

    // Forward; a reused upstream connection that died before answering is replaced once.
    Message resp;
    int status = 0;
    bool got = false;
    for (int attempt = 0; attempt < 2 && !got && !stop_; ++attempt) {
      if (up < 0) {
        up = ConnectUpstream();
        if (up < 0) break;
        upstream = std::make_unique<Wire>(up);
        served_on_upstream = 0;
      }
      uint64_t before = upstream->bytes_read();
      got = SendAll(up, req.head) && SendAll(up, req.body_raw) &&
            wire::ReadResponse(*upstream, method, &resp, &status);
      if (!got) {
        const bool retry = served_on_upstream > 0 && upstream->bytes_read() == before;
        drop_upstream();
        if (!retry) break;
      }
    }
    if (!got) {
      std::fprintf(stderr, "FaultProxy: upstream %s:%d failed for %s %s\n", upstream_host_.c_str(),
                   upstream_port_, method.c_str(), target.c_str());
      break;
    }
    ++served_on_upstream;
    if (resp.body_until_close || resp.HasToken("connection", "close")) drop_upstream();

    if (fault == Fault::kCutBodyMidStream) {
      std::string head = wire::BuildHead(resp, false);
      if (resp.body_raw.size() >= 2) {
        SendAll(fd, head + resp.body_raw.substr(0, resp.body_raw.size() / 2));
      } else {
        // libcurl accepts a header block cut short as a complete response; a cut status line
        // is an "empty reply" (the response was lost after the upstream acted on the request).
        SendAll(fd, resp.start_line.substr(0, resp.start_line.size() / 2));
      }
      break;
    }
    const bool close_client =
        close_after || resp.body_until_close || resp.HasToken("connection", "close");
    if (!SendAll(fd, wire::BuildHead(resp, close_after) + resp.body_raw) || close_client) break;
  }
  drop_upstream();
  UntrackFd(fd);
  if (reset) {
    linger l{1, 0};  // close() then sends RST instead of FIN
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
  }
  ::close(fd);
}

}  // namespace s3c::testing
