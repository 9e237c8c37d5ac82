// CurlHttpClient against the loopback TestHttpServer: methods, bodies, sinks, concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

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

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

HttpRequest Request(std::string method, std::string url) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  return r;
}

TEST(CurlHttpClientTest, GetReturnsStatusHeadersAndBody) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.headers = {{"ETag", "\"e1\""}, {"X-Amz-Request-Id", "rid"}};
    r.body = "hello";
    return r;
  });
  auto client = NewClient();
  HttpRequest req = Request("GET", server.url() + "/bucket/key?versionId=3&x=a%20b");
  req.headers.Set("X-Amz-Date", "20240101T000000Z");
  auto resp = client->Send(std::move(req));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 200);
  EXPECT_EQ(resp->body, "hello");
  EXPECT_EQ(resp->bytes_received, 5u);
  EXPECT_EQ(resp->headers.Get("etag"), "\"e1\"");
  EXPECT_EQ(resp->headers.Get("x-amz-request-id"), "rid");
  EXPECT_EQ(resp->headers.Get("content-length"), "5");

  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].target, "/bucket/key?versionId=3&x=a%20b");
  EXPECT_EQ(seen[0].headers["x-amz-date"], "20240101T000000Z");
  EXPECT_EQ(seen[0].headers["user-agent"], "s3c/0.1");
  EXPECT_EQ(seen[0].headers.count("expect"), 0u);
  EXPECT_EQ(seen[0].headers.count("accept-encoding"), 0u);
}

TEST(CurlHttpClientTest, PutUploadsExactBytesWithoutExpectContinue) {
  TestHttpServer server([](const TestHttpRequest&) { return TestHttpResponse{}; });
  auto client = NewClient();
  const std::string payload = RandomBytes((3 << 20) + 17, 1);
  HttpRequest req = Request("PUT", server.url() + "/b/k");
  req.headers.Set("Content-Type", "application/octet-stream");
  req.body = MakeBufferBody(payload);
  auto resp = client->Send(std::move(req));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 200);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].headers["content-length"], std::to_string(payload.size()));
  EXPECT_EQ(seen[0].headers["content-type"], "application/octet-stream");
  EXPECT_EQ(seen[0].headers.count("expect"), 0u);
  EXPECT_EQ(seen[0].headers.count("transfer-encoding"), 0u);
  EXPECT_TRUE(seen[0].body == payload);
}

TEST(CurlHttpClientTest, PostDeleteAndEmptyPut) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.status = 204;
    return r;
  });
  auto client = NewClient();
  HttpRequest post = Request("POST", server.url() + "/b?delete");
  post.body = MakeBufferBody(std::string("<Delete/>"));
  ASSERT_TRUE(client->Send(std::move(post)).ok());
  auto del = client->Send(Request("DELETE", server.url() + "/b/k"));
  ASSERT_TRUE(del.ok()) << del.status().ToString();
  EXPECT_EQ(del->status, 204);
  ASSERT_TRUE(client->Send(Request("PUT", server.url() + "/newbucket")).ok());

  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/b?delete");
  EXPECT_EQ(seen[0].body, "<Delete/>");
  EXPECT_EQ(seen[0].headers["content-length"], "9");
  EXPECT_EQ(seen[1].method, "DELETE");
  EXPECT_EQ(seen[1].body, "");
  EXPECT_EQ(seen[2].method, "PUT");
  EXPECT_EQ(seen[2].headers["content-length"], "0");
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(CurlHttpClientTest, HeadReturnsHeadersWithoutBody) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.headers = {{"Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT"}};
    r.body = std::string(12345, 'x');  // only its length is announced on HEAD
    return r;
  });
  auto client = NewClient();
  auto resp = client->Send(Request("HEAD", server.url() + "/b/k"));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 200);
  EXPECT_EQ(resp->headers.Get("Content-Length"), "12345");
  EXPECT_EQ(resp->headers.Get("last-modified"), "Mon, 01 Jan 2024 00:00:00 GMT");
  EXPECT_EQ(resp->body, "");
  EXPECT_EQ(resp->bytes_received, 0u);
  EXPECT_EQ(server.requests().at(0).method, "HEAD");
  // The connection stays usable after a body-less response.
  ASSERT_TRUE(client->Send(Request("GET", server.url() + "/b/k")).ok());
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(CurlHttpClientTest, StreamingSinkSeesEveryByte) {
  const std::string payload = RandomBytes((5 << 20) + 3, 2);
  TestHttpServer server([&](const TestHttpRequest&) {
    TestHttpResponse r;
    r.body = payload;
    return r;
  });
  auto client = NewClient();
  std::string received;
  size_t calls = 0;
  HttpRequest req = Request("GET", server.url() + "/big");
  req.sink = [&](const char* data, size_t n) {
    received.append(data, n);
    ++calls;
    return Status::OK();
  };
  auto resp = client->Send(std::move(req));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->body, "");
  EXPECT_EQ(resp->bytes_received, payload.size());
  EXPECT_GT(calls, 1u);
  EXPECT_TRUE(received == payload);
}

TEST(CurlHttpClientTest, ErrorStatusIsAResponseAndItsBodyBypassesTheSink) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.status = 404;
    r.body = "<Error><Code>NoSuchKey</Code></Error>";
    return r;
  });
  auto client = NewClient();
  size_t sink_bytes = 0;
  HttpRequest req = Request("GET", server.url() + "/b/missing");
  req.sink = [&](const char*, size_t n) {
    sink_bytes += n;
    return Status::OK();
  };
  auto resp = client->Send(std::move(req));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 404);
  EXPECT_EQ(resp->body, "<Error><Code>NoSuchKey</Code></Error>");
  EXPECT_EQ(sink_bytes, 0u);
}

TEST(CurlHttpClientTest, ManyConcurrentRequestsCompleteOnReusedConnections) {
  TestHttpServer server([](const TestHttpRequest& req) {
    TestHttpResponse r;
    r.body = "body-of" + req.target;
    return r;
  });
  HttpClientOptions options;
  options.max_in_flight = 32;
  options.max_connections = 32;
  auto client = NewClient(options);

  constexpr int kRequests = 200;
  std::mutex mu;
  std::condition_variable cv;
  int done = 0;
  std::vector<std::optional<Result<HttpResponse>>> results(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    client->Submit(Request("GET", server.url() + "/k/" + std::to_string(i)),
                   [&, i](Result<HttpResponse> r) {
                     std::lock_guard<std::mutex> lock(mu);
                     results[i].emplace(std::move(r));
                     ++done;
                     cv.notify_one();
                   });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return done == kRequests; });
  }
  for (int i = 0; i < kRequests; ++i) {
    ASSERT_TRUE(results[i]->ok()) << i << ": " << results[i]->status().ToString();
    EXPECT_EQ((*results[i])->body, "body-of/k/" + std::to_string(i));
  }
  EXPECT_EQ(server.request_count(), static_cast<size_t>(kRequests));
  EXPECT_LE(server.connection_count(), 32u) << server.connection_count();
  std::printf("200 requests used %zu connections\n", server.connection_count());
}

TEST(CurlHttpClientTest, MaxInFlightBoundsConcurrentRequests) {
  std::atomic<int> current{0};
  std::atomic<int> peak{0};
  TestHttpServer server([&](const TestHttpRequest&) {
    int now = ++current;
    int p = peak.load();
    while (now > p && !peak.compare_exchange_weak(p, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --current;
    return TestHttpResponse{};
  });
  HttpClientOptions options;
  options.max_in_flight = 2;
  auto client = NewClient(options);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 10; ++i) {
    threads.emplace_back([&] {
      if (client->Send(Request("GET", server.url() + "/x")).ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 10);
  EXPECT_LE(peak.load(), 2);
  EXPECT_LE(server.connection_count(), 2u);
  EXPECT_EQ(server.request_count(), 10u);
}

TEST(CurlHttpClientTest, SameBodySourceCanBeSentTwice) {
  TestHttpServer server([](const TestHttpRequest&) { return TestHttpResponse{}; });
  auto client = NewClient();
  auto body = MakeBufferBody(std::string("payload-123"));
  for (int i = 0; i < 2; ++i) {
    HttpRequest req = Request("PUT", server.url() + "/b/k");
    req.body = body;
    ASSERT_TRUE(client->Send(std::move(req)).ok());
  }
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].body, "payload-123");
  EXPECT_EQ(seen[1].body, "payload-123");
}

TEST(CurlHttpClientTest, ServerClosingTheConnectionIsHandled) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.body = "bye";
    r.close_connection = true;
    return r;
  });
  auto client = NewClient();
  for (int i = 0; i < 3; ++i) {
    auto resp = client->Send(Request("GET", server.url() + "/c"));
    ASSERT_TRUE(resp.ok()) << resp.status().ToString();
    EXPECT_EQ(resp->body, "bye");
  }
  EXPECT_EQ(server.connection_count(), 3u);
}

TEST(CurlHttpClientTest, DestroyingTheClientCancelsPendingRequests) {
  TestHttpServer server([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.delay_ms = 60000;
    return r;
  });
  std::optional<Result<HttpResponse>> result;
  {
    auto client = NewClient();
    client->Submit(Request("GET", server.url() + "/slow"),
                   [&](Result<HttpResponse> r) { result.emplace(std::move(r)); });
    while (server.request_count() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->status().code(), StatusCode::kCancelled);
}

TEST(CurlHttpClientTest, InvalidOptionsAreRejected) {
  HttpClientOptions options;
  options.max_in_flight = 0;
  auto client = MakeCurlHttpClient(options);
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), StatusCode::kInvalidArgument);

  HttpClientOptions bad_ca;
  bad_ca.ca_bundle = "/nonexistent/ca.pem";
  auto c2 = MakeCurlHttpClient(bad_ca);
  ASSERT_FALSE(c2.ok());
  EXPECT_EQ(c2.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(c2.status().message().find("AWS_CA_BUNDLE"), std::string::npos);
}

}  // namespace
}  // namespace s3c

namespace s3c {
namespace {

TEST(CurlHttpClientHeadersCallbackTest, OnHeadersRunsOnceBeforeTheFirstBodyByte) {
  testing::TestHttpServer server([](const testing::TestHttpRequest& req) {
    testing::TestHttpResponse r;
    r.headers = {{"ETag", "\"v1\""}};
    r.body = req.target == "/empty" ? "" : std::string(1 << 20, 'b');
    return r;
  });
  auto client = NewClient();
  std::vector<std::string> events;
  HttpRequest req = Request("GET", server.url() + "/obj");
  req.on_headers = [&](int status, const HttpHeaders& headers) {
    events.push_back("headers " + std::to_string(status) + " " + headers.Get("etag"));
  };
  req.sink = [&](const char*, size_t) {
    if (events.back() != "body") events.push_back("body");
    return Status::OK();
  };
  auto resp = client->Send(req);
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(events, (std::vector<std::string>{"headers 200 \"v1\"", "body"}));

  events.clear();
  req.url = server.url() + "/empty";
  ASSERT_TRUE(client->Send(req).ok());
  EXPECT_EQ(events, (std::vector<std::string>{"headers 200 \"v1\""}));
}

}  // namespace
}  // namespace s3c
