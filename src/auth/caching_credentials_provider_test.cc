// CachingCredentialsProvider in front of a provider that calls a loopback endpoint: requests are
// counted on the fake server as the FakeClock advances.
#include "s3c/auth/caching_credentials_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "auth/credentials_test_util.h"
#include "s3c/auth/ecs_credentials_provider.h"
#include "s3c/common/time_format.h"
#include "support/fake_clock.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

class CachingTest : public ::testing::Test {
 protected:
  CachingTest()
      : server_([this](const TestHttpRequest&) -> TestHttpResponse {
          if (fail_) return {500, {}, ""};
          std::string exp =
              expiring_ ? R"(,"Expiration":")" + FormatIso8601(clock_.Now() + minutes(60)) + "\""
                        : "";
          TestHttpResponse r{200,
                             {},
                             R"({"AccessKeyId":"ASIA)" + std::to_string(++served_) +
                                 R"(","SecretAccessKey":"ecsSecretKEY")" + exp + "}"};
          r.delay_ms = delay_ms_;
          return r;
        }),
        http_(testing::LoopbackClient()) {
    env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server_.url() + "/creds");
    CredentialsOptions o;
    cache_ = std::make_unique<CachingCredentialsProvider>(
        std::make_unique<EcsCredentialsProvider>(env_, clock_, http_.get(), o), clock_);
  }
  std::string Key() {
    auto c = cache_->GetCredentials();
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->access_key_id : "";
  }

  MapEnv env_;
  FakeClock clock_;
  std::atomic<bool> expiring_{true};
  std::atomic<bool> fail_{false};
  std::atomic<int> served_{0};
  int delay_ms_ = 0;
  TestHttpServer server_;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<CachingCredentialsProvider> cache_;
};

TEST_F(CachingTest, RefreshesOnlyWithinFiveMinutesOfExpiry) {
  EXPECT_EQ(Key(), "ASIA1");
  EXPECT_EQ(Key(), "ASIA1");
  EXPECT_EQ(server_.request_count(), 1u);
  clock_.Advance(minutes(54));  // 6 minutes left
  EXPECT_EQ(Key(), "ASIA1");
  EXPECT_EQ(server_.request_count(), 1u);
  clock_.Advance(minutes(1) + seconds(1));  // 4:59 left: refresh ahead
  EXPECT_EQ(Key(), "ASIA2");
  EXPECT_EQ(server_.request_count(), 2u);
  clock_.Advance(minutes(30));
  EXPECT_EQ(Key(), "ASIA2");
  EXPECT_EQ(server_.request_count(), 2u);
  clock_.Advance(minutes(40));  // past expiry
  EXPECT_EQ(Key(), "ASIA3");
  EXPECT_EQ(server_.request_count(), 3u);
}

TEST_F(CachingTest, InvalidateForcesARefresh) {
  EXPECT_EQ(Key(), "ASIA1");
  cache_->Invalidate();
  EXPECT_EQ(Key(), "ASIA2");
  EXPECT_EQ(Key(), "ASIA2");
  EXPECT_EQ(server_.request_count(), 2u);
}

TEST_F(CachingTest, NonExpiringCredentialsAreKeptUntilInvalidated) {
  expiring_ = false;
  EXPECT_EQ(Key(), "ASIA1");
  clock_.Advance(std::chrono::hours(24 * 365));
  EXPECT_EQ(Key(), "ASIA1");
  EXPECT_EQ(server_.request_count(), 1u);
  cache_->Invalidate();
  EXPECT_EQ(Key(), "ASIA2");
}

TEST_F(CachingTest, FailedRefreshKeepsUnexpiredCredentialsThenFails) {
  EXPECT_EQ(Key(), "ASIA1");
  fail_ = true;
  clock_.Advance(minutes(57));  // in the refresh window, still valid
  EXPECT_EQ(Key(), "ASIA1");
  EXPECT_EQ(server_.request_count(), 2u);  // it tried
  clock_.Advance(minutes(4));              // expired
  auto c = cache_->GetCredentials();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(server_.request_count(), 3u);
  fail_ = false;
  EXPECT_EQ(Key(), "ASIA2");  // errors are not cached
}

TEST_F(CachingTest, ConcurrentCallersShareOneRefresh) {
  delay_ms_ = 100;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto c = cache_->GetCredentials();
      if (c.ok() && c->access_key_id == "ASIA1") ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(server_.request_count(), 1u);
}

}  // namespace
}  // namespace s3c
