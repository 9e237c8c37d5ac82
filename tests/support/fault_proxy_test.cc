#include "support/fault_proxy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "support/test_http_server.h"

namespace s3c::testing {
namespace {

// A raw HTTP/1.1 client over one TCP connection, so tests see exactly what the proxy sent.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }

  bool Send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }

  struct Response {
    int status = 0;
    std::string head;
    std::string body;
    uint64_t content_length = 0;
  };

  // Reads one response with a Content-Length body; nullopt if the connection ended first.
  // `partial` receives whatever body bytes arrived before the end.
  std::optional<Response> Read(bool head_request = false, std::string* partial = nullptr) {
    Response r;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    r.head = buf_.substr(0, end + 4);
    buf_.erase(0, end + 4);
    r.status = std::atoi(r.head.c_str() + 9);
    size_t cl = r.head.find("Content-Length: ");
    if (cl != std::string::npos)
      r.content_length = std::strtoull(r.head.c_str() + cl + 16, nullptr, 10);
    uint64_t want = head_request ? 0 : r.content_length;
    while (buf_.size() < want) {
      if (!Fill()) {
        if (partial) *partial = buf_;
        return std::nullopt;
      }
    }
    r.body = buf_.substr(0, want);
    buf_.erase(0, want);
    return r;
  }

  // True when the peer closed the connection (EOF or reset) with nothing more to read.
  bool ClosedByPeer() { return buf_.empty() && !Fill(); }
  const std::string& leftover() const { return buf_; }

 private:
  bool Fill() {
    char tmp[65536];
    ssize_t n = ::recv(fd_, tmp, sizeof(tmp), 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string Get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:1\r\n" + extra + "\r\n";
}

std::string Put(const std::string& target, const std::string& body) {
  return "PUT " + target +
         " HTTP/1.1\r\nHost: h\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

class FaultProxyTest : public ::testing::Test {
 protected:
  FaultProxyTest()
      : body_(std::string(10000, 'x') + "END"), server_([this](const TestHttpRequest& req) {
          TestHttpResponse r;
          if (req.method == "HEAD") {
            r.headers.emplace_back("Content-Length", "4242");
            return r;
          }
          r.headers.emplace_back("ETag", "\"abc\"");
          r.headers.emplace_back("X-Seen-Host",
                                 req.headers.count("host") ? req.headers.at("host") : "");
          r.body = req.method == "PUT" ? "stored:" + std::to_string(req.body.size()) : body_;
          return r;
        }) {}

  std::string body_;
  TestHttpServer server_;
};

TEST_F(FaultProxyTest, RelaysRequestsAndResponsesOverKeepAliveConnections) {
  FaultProxy proxy("127.0.0.1", server_.port(), {});
  RawClient c(proxy.port());
  ASSERT_TRUE(c.connected());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.Send(Get("/b/k?x=" + std::to_string(i), "Host: ignored\r\n")));
    auto r = c.Read();
    ASSERT_TRUE(r.has_value()) << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, body_);
    EXPECT_NE(r->head.find("ETag: \"abc\""), std::string::npos) << r->head;
  }
  // The Host header reaches the upstream unchanged (SigV4 signs it).
  EXPECT_NE(server_.requests()[0].headers.at("host").find("127.0.0.1:1"), std::string::npos);
  EXPECT_EQ(server_.request_count(), 3u);
  EXPECT_EQ(server_.connection_count(), 1u);  // one upstream keep-alive connection
  EXPECT_EQ(proxy.requests_seen(), 3u);
  EXPECT_EQ(proxy.faults_injected(), 0u);
  EXPECT_EQ(proxy.connections_accepted(), 1u);
  auto rec = proxy.requests();
  ASSERT_EQ(rec.size(), 3u);
  EXPECT_EQ(rec[2].method, "GET");
  EXPECT_EQ(rec[2].target, "/b/k?x=2");
  EXPECT_EQ(rec[2].fault, Fault::kNone);
}

TEST_F(FaultProxyTest, ForwardsContentLengthAndChunkedBodies) {
  FaultProxy proxy("127.0.0.1", server_.port(), {});
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Put("/b/one", "hello world")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "stored:11");
  ASSERT_TRUE(
      c.Send("PUT /b/two HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
             "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));
  r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "stored:11");
  auto seen = server_.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].body, "hello world");
  EXPECT_EQ(seen[1].body, "hello world");
  EXPECT_EQ(proxy.requests()[1].body_bytes, 11u);
}

TEST_F(FaultProxyTest, AnswersExpectContinueItself) {
  FaultProxy proxy("127.0.0.1", server_.port(), {});
  RawClient c(proxy.port());
  ASSERT_TRUE(
      c.Send("PUT /b/k HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n"
             "Content-Length: 3\r\n\r\n"));
  auto interim = c.Read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.Send("abc"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "stored:3");
}

TEST_F(FaultProxyTest, HeadResponseHasNoBody) {
  FaultProxy proxy("127.0.0.1", server_.port(), {});
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send("HEAD /b/k HTTP/1.1\r\nHost: h\r\n\r\n"));
  auto r = c.Read(/*head_request=*/true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->content_length, 4242u);
  ASSERT_TRUE(c.Send(Get("/b/k")));  // the connection is still in sync
  r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, body_);
}

TEST_F(FaultProxyTest, ScriptInjectsErrorsInOrderWithoutReachingUpstream) {
  FaultPlan plan;
  plan.script = {Fault::kSlowDown503, Fault::kInternalError500, Fault::kNone, Fault::kSlowDown503};
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  RawClient c(proxy.port());
  std::vector<int> statuses;
  std::vector<std::string> bodies;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.Send(Get("/b/k")));
    auto r = c.Read();
    ASSERT_TRUE(r) << i;
    statuses.push_back(r->status);
    bodies.push_back(r->body);
  }
  EXPECT_EQ(statuses, (std::vector<int>{503, 500, 200, 503, 200}));
  EXPECT_NE(bodies[0].find("<Error><Code>SlowDown</Code>"), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find("<Resource>/b/k</Resource>"), std::string::npos);
  EXPECT_NE(bodies[1].find("<Error><Code>InternalError</Code>"), std::string::npos);
  EXPECT_EQ(server_.request_count(), 2u);
  EXPECT_EQ(proxy.requests_seen(), 5u);
  EXPECT_EQ(proxy.faults_injected(), 3u);
  auto kinds = proxy.faults_by_kind();
  EXPECT_EQ(kinds[Fault::kSlowDown503], 2u);
  EXPECT_EQ(kinds[Fault::kInternalError500], 1u);
}

TEST_F(FaultProxyTest, ErrorToHeadRequestCarriesNoBody) {
  FaultPlan plan;
  plan.script = {Fault::kSlowDown503};
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send("HEAD /b/k HTTP/1.1\r\nHost: h\r\n\r\n"));
  auto r = c.Read(/*head_request=*/true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_GT(r->content_length, 0u);
  ASSERT_TRUE(c.Send(Get("/b/k")));
  r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, body_);
}

TEST_F(FaultProxyTest, ResetClosesWithoutAnswerAndForcesFreshConnections) {
  FaultPlan plan;
  plan.script = {Fault::kNone, Fault::kResetBeforeResponse};
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  {
    RawClient c(proxy.port());
    ASSERT_TRUE(c.Send(Get("/b/k")));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, body_);
    // A plan that can reset closes after every response (see the header).
    EXPECT_NE(r->head.find("Connection: close"), std::string::npos) << r->head;
    EXPECT_TRUE(c.ClosedByPeer());
  }
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Get("/b/k")));
  EXPECT_FALSE(c.Read().has_value());
  EXPECT_EQ(c.leftover(), "");
  EXPECT_EQ(server_.request_count(), 1u);
  EXPECT_EQ(proxy.faults_by_kind()[Fault::kResetBeforeResponse], 1u);
  EXPECT_EQ(proxy.connections_accepted(), 2u);
}

TEST_F(FaultProxyTest, PlanThatBreaksConnectionsRetiresIdleKeepAliveConnections) {
  FaultProxy proxy("127.0.0.1", server_.port(), {});
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Get("/b/k")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->head.find("Connection: close"), std::string::npos);
  FaultPlan plan;
  plan.rate = 0.5;
  plan.fault = Fault::kCutBodyMidStream;
  proxy.SetPlan(plan);
  EXPECT_TRUE(c.ClosedByPeer());  // closed before another request could be read
  EXPECT_EQ(proxy.requests_seen(), 1u);
}

TEST_F(FaultProxyTest, CutSendsHeadersAndHalfTheBody) {
  FaultPlan plan;
  plan.script = {Fault::kCutBodyMidStream, Fault::kCutBodyMidStream};
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  {
    RawClient c(proxy.port());
    ASSERT_TRUE(c.Send(Get("/b/k")));
    std::string partial;
    EXPECT_FALSE(c.Read(false, &partial).has_value());
    EXPECT_EQ(partial, body_.substr(0, body_.size() / 2));
  }
  {
    // Without a body the status line itself is cut.
    RawClient c(proxy.port());
    ASSERT_TRUE(c.Send("HEAD /b/k HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_FALSE(c.Read(true).has_value());
    EXPECT_EQ(c.leftover(), "HTTP/1.");  // half of "HTTP/1.1 200 OK"
  }
  EXPECT_EQ(server_.request_count(), 2u);  // a cut request did reach the upstream
  EXPECT_EQ(proxy.faults_by_kind()[Fault::kCutBodyMidStream], 2u);
}

TEST_F(FaultProxyTest, SeededRateIsDeterministic) {
  auto run = [&](uint64_t seed) {
    FaultPlan plan;
    plan.rate = 0.3;
    plan.fault = Fault::kSlowDown503;
    plan.seed = seed;
    FaultProxy proxy("127.0.0.1", server_.port(), plan);
    RawClient c(proxy.port());
    std::string pattern;
    for (int i = 0; i < 100; ++i) {
      EXPECT_TRUE(c.Send("HEAD /b/k HTTP/1.1\r\nHost: h\r\n\r\n"));
      auto r = c.Read(/*head_request=*/true);
      pattern += (r && r->status == 503) ? 'F' : '.';
    }
    EXPECT_EQ(proxy.faults_injected(),
              static_cast<size_t>(std::count(pattern.begin(), pattern.end(), 'F')));
    return pattern;
  };
  std::string a = run(7);
  EXPECT_EQ(a, run(7));
  EXPECT_NE(a, run(8));
  auto faults = std::count(a.begin(), a.end(), 'F');
  EXPECT_GT(faults, 10);  // 30% of 100, far from both ends
  EXPECT_LT(faults, 60);
}

TEST_F(FaultProxyTest, OnlyMethodLimitsEligibleRequests) {
  FaultPlan plan;
  plan.script = {Fault::kInternalError500};
  plan.only_method = "PUT";
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Get("/b/k")));
  EXPECT_EQ(c.Read()->status, 200);
  ASSERT_TRUE(c.Send(Put("/b/k", "x")));
  EXPECT_EQ(c.Read()->status, 500);
  ASSERT_TRUE(c.Send(Put("/b/k", "x")));
  EXPECT_EQ(c.Read()->status, 200);
  EXPECT_EQ(proxy.requests_seen(), 3u);
  EXPECT_EQ(proxy.faults_injected(), 1u);
}

TEST_F(FaultProxyTest, DelayWaitsThenForwards) {
  FaultPlan plan;
  plan.script = {Fault::kDelay};
  plan.delay_ms = 200;
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  RawClient c(proxy.port());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(c.Send(Get("/b/k")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, body_);
  // A lower bound only: the proxy must have waited at least delay_ms.
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_EQ(proxy.faults_by_kind()[Fault::kDelay], 1u);
}

TEST_F(FaultProxyTest, RecordsSelectedHeadersButNoSecrets) {
  FaultProxy proxy("127.0.0.1", server_.port(), {});
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Get("/b/k",
                         "Range: bytes=5-\r\nIf-Match: \"abc\"\r\n"
                         "Authorization: AWS4-HMAC-SHA256 Credential=AK/x\r\n"
                         "X-Amz-Security-Token: secret-token\r\n")));
  ASSERT_TRUE(c.Read());
  auto rec = proxy.requests();
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].headers.at("range"), "bytes=5-");
  EXPECT_EQ(rec[0].headers.at("if-match"), "\"abc\"");
  EXPECT_EQ(rec[0].headers.count("authorization"), 0u);
  EXPECT_EQ(rec[0].headers.count("x-amz-security-token"), 0u);
  // ... while the upstream still gets them.
  EXPECT_EQ(server_.requests()[0].headers.at("x-amz-security-token"), "secret-token");
}

TEST_F(FaultProxyTest, SetPlanRestartsScriptAndResetCountersClears) {
  FaultPlan plan;
  plan.script = {Fault::kSlowDown503};
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Get("/b/k")));
  EXPECT_EQ(c.Read()->status, 503);
  proxy.SetPlan(plan);
  ASSERT_TRUE(c.Send(Get("/b/k")));
  EXPECT_EQ(c.Read()->status, 503);
  EXPECT_EQ(proxy.faults_injected(), 2u);
  proxy.ResetCounters();
  EXPECT_EQ(proxy.requests_seen(), 0u);
  EXPECT_EQ(proxy.faults_injected(), 0u);
  EXPECT_TRUE(proxy.requests().empty());
}

TEST_F(FaultProxyTest, RequestHookRunsBeforeTheRequestIsForwarded) {
  FaultPlan plan;
  plan.script = {Fault::kNone, Fault::kSlowDown503};
  FaultProxy proxy("127.0.0.1", server_.port(), plan);
  std::vector<std::string> seen;  // "fault upstream-count" at hook time
  proxy.SetRequestHook([&](const ProxiedRequest& r) {
    seen.push_back(std::string(FaultName(r.fault)) + " " + std::to_string(server_.request_count()));
  });
  RawClient c(proxy.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.Send(Get("/b/k")));
    ASSERT_TRUE(c.Read());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"none 0", "503 SlowDown 1", "none 1"}));
}

TEST(FaultProxyUpstreamDown, ClosesClientWhenUpstreamRefuses) {
  int port;
  {
    TestHttpServer gone([](const TestHttpRequest&) { return TestHttpResponse{}; });
    port = gone.port();
  }
  FaultProxy proxy("127.0.0.1", port, {});
  RawClient c(proxy.port());
  ASSERT_TRUE(c.Send(Get("/b/k")));
  EXPECT_FALSE(c.Read().has_value());
  EXPECT_EQ(proxy.requests_seen(), 1u);
  EXPECT_EQ(proxy.faults_injected(), 0u);
}

}  // namespace
}  // namespace s3c::testing
