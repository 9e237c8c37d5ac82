// A fault-injecting HTTP/1.1 reverse proxy for tests (docs/architecture.md section 5, "fault" tier).
// It listens on 127.0.0.1 (a free port), reads each request from the client, and either forwards
// it to the upstream over its own keep-alive connection and relays the response, or injects a
// fault instead. The Host header is forwarded unchanged: SigV4 signs it, so the client signs for
// the proxy's host:port, and a path-style S3 server (RGW) does not route on the host.
//
// Faults:
//  - kSlowDown503 / kInternalError500: an S3 <Error> document (SlowDown / InternalError); the
//    request does not reach the upstream.
//  - kResetBeforeResponse: the client socket is reset (RST) after the whole request was read;
//    the request does not reach the upstream.
//  - kCutBodyMidStream: the request is forwarded; the client gets the upstream's headers and
//    half of the body, then the socket is closed. A response without a body is cut in the
//    middle of its status line instead (the client cannot tell whether the request took
//    effect), so every cut is visible to the client.
//  - kDelay: waits delay_ms, then forwards normally.
//
// Connection reuse: libcurl silently re-sends a request once when a *reused* connection closes
// before any response byte arrives (its stale-connection race handling), which would make the
// proxy see a request the S3 client never counted. So while the plan can inject
// kResetBeforeResponse or kCutBodyMidStream, the proxy answers with "Connection: close" and
// closes after every response, and SetPlan to such a plan retires the keep-alive connections
// opened before (closed before reading another request, which the proxy then does not count):
// every faulted request arrives on a fresh connection and its failure is final.
//
// Thread per client connection; every method is thread-safe. Only loopback addresses are used.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace s3c::testing {

enum class Fault {
  kNone,
  kSlowDown503,
  kInternalError500,
  kResetBeforeResponse,
  kCutBodyMidStream,
  kDelay
};

const char* FaultName(Fault fault);

struct FaultPlan {
  double rate = 0.0;  // probability that an eligible request gets `fault` (seeded)
  Fault fault = Fault::kNone;
  std::vector<Fault> script;  // if non-empty: the i-th eligible request gets script[i], then
                              // kNone (rate is then ignored)
  int delay_ms = 0;           // for kDelay; with fault == kNone, latency added to every request
  uint64_t seed = 1;
  std::string only_method;  // "" = any; else only requests with this method are eligible
};

// One request as the proxy received it. Header names are lower-cased; Authorization and
// X-Amz-Security-Token are not recorded.
struct ProxiedRequest {
  std::string method;
  std::string target;  // path + "?" + query exactly as received
  std::map<std::string, std::string> headers;
  uint64_t body_bytes = 0;  // decoded request body size
  Fault fault = Fault::kNone;
  size_t connection = 0;  // 1-based client connection number
};

class FaultProxy {
 public:
  FaultProxy(std::string upstream_host, int upstream_port, FaultPlan plan);
  ~FaultProxy();  // stops accepting, closes every socket, joins every thread
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  std::string url() const;  // "http://127.0.0.1:PORT"

  // Replaces the plan and restarts its script position and random sequence (counters and the
  // request record are kept; see ResetCounters).
  void SetPlan(FaultPlan plan);
  void ResetCounters();
  // Runs on the connection's thread for every request, after its fault was chosen and before
  // the proxy acts on it (a test can change the upstream's state at an exact point).
  using RequestHook = std::function<void(const ProxiedRequest&)>;
  void SetRequestHook(RequestHook hook);

  size_t requests_seen() const;    // complete requests read from clients
  size_t faults_injected() const;  // every kind, kDelay included
  std::map<Fault, size_t> faults_by_kind() const;
  std::vector<ProxiedRequest> requests() const;  // in arrival order
  size_t connections_accepted() const;

 private:
  // One client connection; retired and idle are guarded by mu_.
  struct Client {
    int fd = -1;
    size_t number = 0;
    bool retired = false;  // close before reading another request
    bool idle = false;     // waiting for the next request
    std::atomic<bool> done{false};
  };
  struct Worker {
    std::thread thread;
    std::shared_ptr<Client> client;
  };

  void AcceptLoop();
  void ServeClient(Client& client);
  // False when the connection was retired by SetPlan: close it without answering.
  bool BeginWait(Client& client);
  bool EndWait(Client& client);
  // Picks the fault for one request and records it; returns the fault and the extra latency.
  Fault Decide(ProxiedRequest record, int* delay_ms, bool* close_after, RequestHook* hook);
  void SleepMs(int ms);
  int ConnectUpstream();
  void TrackFd(int fd);
  void UntrackFd(int fd);

  const std::string upstream_host_;
  const int upstream_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread accept_thread_;

  mutable std::mutex mu_;
  std::condition_variable stop_cv_;
  FaultPlan plan_;
  size_t script_pos_ = 0;
  std::mt19937_64 rng_;
  size_t seen_ = 0;
  std::map<Fault, size_t> faults_;
  std::vector<ProxiedRequest> record_;
  RequestHook hook_;
  size_t connections_ = 0;
  std::vector<Worker> workers_;
  std::vector<int> open_fds_;
};

}  // namespace s3c::testing
