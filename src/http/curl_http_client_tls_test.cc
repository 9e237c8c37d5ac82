// TLS verification against `openssl s_server` serving a self-signed certificate made in the test.
// Skips when the openssl binary is absent.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "s3c/http/http_client.h"
#include "support/host_program.h"
#include "support/rgw_env.h"

extern char** environ;

namespace s3c {
namespace {

int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// A self-signed certificate for 127.0.0.1 and an `openssl s_server -www` using it.
class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    S3C_PROGRAM_OR_SKIP("openssl");
    cert_ = dir_.path() + "/cert.pem";
    key_ = dir_.path() + "/key.pem";
    std::string gen =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
        "-nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
        "-keyout '" +
        key_ + "' -out '" + cert_ + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(gen.c_str()), 0) << "openssl req failed";

    for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
      port_ = FreeLoopbackPort();
      StartServer();
      for (int i = 0; i < 500 && pid_ > 0; ++i) {
        if (Accepts(port_)) return;
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = -1;  // port taken: try another
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      StopServer();
    }
    FAIL() << "openssl s_server did not start";
  }

  void TearDown() override { StopServer(); }

  void StartServer() {
    std::string accept = "127.0.0.1:" + std::to_string(port_);
    std::vector<std::string> args = {"openssl", "s_server", "-accept", accept, "-www",
                                     "-cert",   cert_,      "-key",    key_,   "-quiet"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    if (posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    pid_ = pid;
  }

  void StopServer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  std::string Url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

  Result<HttpResponse> Get(HttpClientOptions options) {
    auto client = MakeCurlHttpClient(std::move(options));
    if (!client.ok()) return client.status();
    HttpRequest req;
    req.url = Url();
    req.request_timeout = std::chrono::milliseconds(20000);
    return (*client)->Send(std::move(req));
  }

  testing::TempDir dir_;
  std::string cert_;
  std::string key_;
  int port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(TlsServerTest, DefaultVerificationRejectsASelfSignedCertificate) {
  auto resp = Get(HttpClientOptions{});
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), StatusCode::kFailedPrecondition) << resp.status().ToString();
  EXPECT_FALSE(resp.status().retryable());
  EXPECT_NE(resp.status().message().find("AWS_CA_BUNDLE"), std::string::npos);
  EXPECT_NE(resp.status().message().find("verify_tls=false"), std::string::npos);
}

TEST_F(TlsServerTest, CaBundleWithTheCertificateSucceeds) {
  HttpClientOptions options;
  options.ca_bundle = cert_;
  auto resp = Get(options);
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 200);
  EXPECT_NE(resp->body.find("<HTML>"), std::string::npos);
}

TEST_F(TlsServerTest, VerificationOptOutSucceeds) {
  HttpClientOptions options;
  options.verify_tls = false;
  auto resp = Get(options);
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 200);
}

}  // namespace
}  // namespace s3c

namespace s3c {
namespace {

size_t Occurrences(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

// The warning is process-wide, so the check runs in a freshly executed child process.
TEST(TlsOptOutWarningTest, WarnsOnceForTheFirstClientWithoutVerification) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ::testing::internal::CaptureStderr();
        HttpClientOptions options;
        options.verify_tls = false;
        auto a = MakeCurlHttpClient(options);
        auto b = MakeCurlHttpClient(options);
        auto verified = MakeCurlHttpClient(HttpClientOptions{});
        std::string err = ::testing::internal::GetCapturedStderr();
        bool all_ok = a.ok() && b.ok() && verified.ok();
        std::_Exit(all_ok ? static_cast<int>(10 + Occurrences(err, "verify_tls=false")) : 1);
      },
      ::testing::ExitedWithCode(11), "");
}

}  // namespace
}  // namespace s3c
