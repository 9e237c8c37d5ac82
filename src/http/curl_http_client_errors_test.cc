// CurlHttpClient failure paths: each transport failure maps to the documented Status.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "s3c/http/http_client.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

std::unique_ptr<HttpClient> NewClient(HttpClientOptions options = {}) {
  auto client = MakeCurlHttpClient(std::move(options));
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return std::move(client).value();
}

HttpRequest Get(std::string url) {
  HttpRequest r;
  r.url = std::move(url);
  return r;
}

// A loopback port nothing listens on: bound (so no one else takes it) but never listening.
class ClosedPort {
 public:
  ClosedPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~ClosedPort() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(CurlHttpClientErrorsTest, DelayBeyondRequestTimeoutIsDeadlineExceeded) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.delay_ms = 30000;
    return r;
  });
  auto client = NewClient();
  HttpRequest req = Get(server.url() + "/slow");
  req.request_timeout = std::chrono::milliseconds(200);
  auto resp = client->Send(std::move(req));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kDeadlineExceeded) << resp.status().ToString();
  EXPECT_TRUE(resp.status().retryable());
  EXPECT_NE(resp.status().message().find("GET " + server.url() + "/slow"), std::string::npos)
      << resp.status().message();
}

TEST(CurlHttpClientErrorsTest, StalledConnectionHitsTheIdleTimeout) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.delay_ms = 30000;
    return r;
  });
  HttpClientOptions options;
  options.idle_timeout = std::chrono::milliseconds(1000);
  auto client = NewClient(options);
  auto resp = client->Send(Get(server.url() + "/stall"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kDeadlineExceeded) << resp.status().ToString();
  EXPECT_TRUE(resp.status().retryable());
}

TEST(CurlHttpClientErrorsTest, ConnectionRefusedIsUnavailable) {
  ClosedPort closed;
  auto client = NewClient();
  auto resp = client->Send(Get("http://127.0.0.1:" + std::to_string(closed.port()) + "/k"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kUnavailable) << resp.status().ToString();
  EXPECT_TRUE(resp.status().retryable());
  EXPECT_NE(resp.status().message().find("onnect"), std::string::npos) << resp.status().message();
}

TEST(CurlHttpClientErrorsTest, ResetBeforeResponseIsUnavailable) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.reset_before_response = true;
    return r;
  });
  auto client = NewClient();
  auto resp = client->Send(Get(server.url() + "/reset"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kUnavailable) << resp.status().ToString();
  EXPECT_TRUE(resp.status().retryable());
}

TEST(CurlHttpClientErrorsTest, TruncatedBodyIsRetryable) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.body = std::string(100000, 'z');
    r.truncate_body_at = 1000;
    return r;
  });
  auto client = NewClient();
  auto resp = client->Send(Get(server.url() + "/trunc"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kUnavailable) << resp.status().ToString();
  EXPECT_TRUE(resp.status().retryable());

  size_t sunk = 0;
  HttpRequest with_sink = Get(server.url() + "/trunc");
  with_sink.sink = [&](const char*, size_t n) {
    sunk += n;
    return Status::OK();
  };
  auto resp2 = client->Send(std::move(with_sink));
  ASSERT_FALSE(resp2.ok());
  EXPECT_TRUE(resp2.status().retryable());
  EXPECT_EQ(sunk, 1000u);
}

TEST(CurlHttpClientErrorsTest, SinkErrorAbortsWithThatStatus) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.body = std::string(8 << 20, 'q');
    return r;
  });
  auto client = NewClient();
  size_t calls = 0;
  HttpRequest req = Get(server.url() + "/big");
  req.sink = [&](const char*, size_t) {
    ++calls;
    return DataLossError("disk full");
  };
  auto resp = client->Send(std::move(req));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(resp.status().message(), "disk full");
  EXPECT_EQ(calls, 1u);
  // The client stays usable.
  auto again = client->Send(Get(server.url() + "/big"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->body.size(), size_t{8} << 20);
}

class FailingBody : public BodySource {
 public:
  uint64_t size() const override { return 100; }
  Result<size_t> Read(char*, size_t) override { return UnavailableError("source went away"); }
  Status Rewind() override { return Status::OK(); }
};

TEST(CurlHttpClientErrorsTest, BodySourceErrorAbortsWithThatStatus) {
  TestHttpServer server([](const TestHttpRequest&) { return TestHttpResponse{}; });
  auto client = NewClient();
  HttpRequest req = Get(server.url() + "/up");
  req.method = "PUT";
  req.body = std::make_shared<FailingBody>();
  auto resp = client->Send(std::move(req));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(resp.status().message(), "source went away");
  EXPECT_EQ(server.request_count(), 0u);
}

TEST(CurlHttpClientErrorsTest, MalformedUrlIsInvalidArgument) {
  auto client = NewClient();
  auto resp = client->Send(Get("ftp://127.0.0.1/x"));
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kInvalidArgument) << resp.status().ToString();
  EXPECT_FALSE(resp.status().retryable());
}

}  // namespace
}  // namespace s3c
