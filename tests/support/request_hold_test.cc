#include "support/request_hold.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "support/test_http_server.h"

namespace s3c::testing {
namespace {

// Sends one request with "Connection: close" to 127.0.0.1:port and returns everything the
// peer sent back until it closed ("" when the connection failed).
std::string Exchange(int port, const std::string& method, const std::string& target) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string got;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    const std::string req = method + " " + target +
                            " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
      char buf[4096];
      ssize_t n;
      while ((n = ::recv(fd, buf, sizeof(buf), 0)) > 0) got.append(buf, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return got;
}

TEST(RequestHold, HoldsOnlyTheFirstMatchUntilReleased) {
  TestHttpServer server([](const TestHttpRequest& r) {
    TestHttpResponse resp;
    resp.body = r.method + " " + r.target;
    return resp;
  });
  std::string held_target;
  RequestHold hold("PUT", "_s3c/commits/", [&](const ProxiedRequest& r) { held_target = r.target; });
  FaultProxy proxy("127.0.0.1", server.port(), {});
  proxy.SetRequestHook(hold.Hook());

  auto first = std::async(std::launch::async,
                          [&] { return Exchange(proxy.port(), "PUT", "/b/out/_s3c/commits/0.json"); });
  for (int i = 0; i < 500 && !hold.held(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(hold.held());
  EXPECT_EQ(held_target, "/b/out/_s3c/commits/0.json");
  // Other methods, other paths and a second match all pass while the first is held.
  EXPECT_NE(Exchange(proxy.port(), "GET", "/b/out/_s3c/commits/0.json").find("200"), std::string::npos);
  EXPECT_NE(Exchange(proxy.port(), "PUT", "/b/out/part-1.csv").find("PUT /b/out/part-1.csv"),
            std::string::npos);
  EXPECT_NE(Exchange(proxy.port(), "PUT", "/b/out/_s3c/commits/1.json").find("200"), std::string::npos);
  EXPECT_EQ(server.request_count(), 3u);  // the held request has not reached the upstream
  EXPECT_EQ(first.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);

  hold.Release();
  EXPECT_NE(first.get().find("PUT /b/out/_s3c/commits/0.json"), std::string::npos);
  EXPECT_EQ(server.request_count(), 4u);
}

TEST(RequestHold, NoMatchHoldsNothing) {
  TestHttpServer server([](const TestHttpRequest&) { return TestHttpResponse{}; });
  RequestHold hold("PUT", "_SUCCESS", nullptr);
  FaultProxy proxy("127.0.0.1", server.port(), {});
  proxy.SetRequestHook(hold.Hook());
  EXPECT_NE(Exchange(proxy.port(), "GET", "/b/_SUCCESS").find("200"), std::string::npos);
  EXPECT_NE(Exchange(proxy.port(), "PUT", "/b/data").find("200"), std::string::npos);
  EXPECT_FALSE(hold.held());
  EXPECT_EQ(server.request_count(), 2u);
}

}  // namespace
}  // namespace s3c::testing
