// An endpoint that stays down: the client gives up after exactly max_attempts with an error that
// names the operation, the object and the attempt count, within the time its backoff policy
// allows; and the retry quota stops a retry storm across many parallel requests.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "integration/fault_fixture.h"
#include "s3/retry_policy.h"
#include "support/rgw_stack.h"

namespace s3c::testing {
namespace {

using F = Fault;
using std::chrono::milliseconds;

// Upper bound of the total backoff of one request (full jitter never waits longer than the cap).
milliseconds MaxBackoffTotal(int max_attempts, milliseconds max_backoff) {
  milliseconds total{0};
  for (int retry = 1; retry < max_attempts; ++retry) {
    milliseconds step = s3::kBackoffBase * (1 << std::min(retry - 1, 20));
    total += std::min(step, max_backoff);
  }
  return total;
}

// A loopback port with nothing listening on it.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

void ExpectNamesCall(const Status& s, const std::string& operation, const std::string& resource,
                     int attempts) {
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_EQ(s.context().operation, operation);
  EXPECT_EQ(s.context().resource, resource);
  EXPECT_EQ(s.context().attempts, attempts);
  const std::string text = s.ToString();
  EXPECT_NE(text.find(operation), std::string::npos) << text;
  EXPECT_NE(text.find(resource), std::string::npos) << text;
  EXPECT_NE(text.find(std::to_string(attempts) + " attempts"), std::string::npos) << text;
}

class FaultOutageTest : public FaultTest {};

TEST_F(FaultOutageTest, AlwaysSlowDownFailsAfterMaxAttempts) {
  S3StackOptions options = ProxiedOptions(/*max_attempts=*/4);
  options.max_backoff = std::chrono::seconds(20);  // the default cap
  auto client = MakeClient(options);
  ASSERT_TRUE(client);
  proxy_->SetPlan(RatePlan(1.0, F::kSlowDown503, 1));
  const std::string key = NewKey("down-get");

  auto start = std::chrono::steady_clock::now();
  GetObjectRequest req;
  req.bucket = bucket_;
  req.key = key;
  auto r = client->GetObject(req);
  auto elapsed = std::chrono::steady_clock::now() - start;

  ASSERT_FALSE(r.ok());
  ExpectNamesCall(r.status(), "GetObject", "s3://" + bucket_ + "/" + key, 4);
  EXPECT_EQ(r.status().context().http_status, 503);
  EXPECT_EQ(r.status().context().s3_code, "SlowDown");
  EXPECT_TRUE(r.status().retryable());
  EXPECT_EQ(proxy_->requests_seen(), 4u);
  EXPECT_EQ(stats_.Snapshot().requests["GetObject"], 4u);
  // A bound, not a speed test: the policy allows at most 100+200+400 ms of backoff.
  EXPECT_LT(elapsed, MaxBackoffTotal(4, options.max_backoff) + std::chrono::seconds(10));

  auto put = client->PutObject(bucket_, key, MakeBufferBody(std::string(1000, 'p')));
  ASSERT_FALSE(put.ok());
  ExpectNamesCall(put.status(), "PutObject", "s3://" + bucket_ + "/" + key, 4);
  EXPECT_EQ(proxy_->requests_seen(), 8u);
}

TEST_F(FaultOutageTest, AlwaysResetFailsAfterMaxAttempts) {
  auto client = ProxiedClient(/*max_attempts=*/3);
  ASSERT_TRUE(client);
  proxy_->SetPlan(RatePlan(1.0, F::kResetBeforeResponse, 1));
  const std::string key = NewKey("reset-head");
  auto r = client->HeadObject(bucket_, key);
  ASSERT_FALSE(r.ok());
  ExpectNamesCall(r.status(), "HeadObject", "s3://" + bucket_ + "/" + key, 3);
  EXPECT_EQ(proxy_->requests_seen(), 3u);
  EXPECT_EQ(Attempts(), 3u);
}

TEST_F(FaultOutageTest, RetryQuotaStopsARetryStorm) {
  constexpr int kRequests = 40;
  constexpr int kMaxAttempts = 50;
  S3StackOptions options = ProxiedOptions(kMaxAttempts);
  options.max_backoff = milliseconds(10);
  auto client = MakeClient(options);
  ASSERT_TRUE(client);
  proxy_->SetPlan(RatePlan(1.0, F::kSlowDown503, 1));

  std::vector<std::promise<Result<GetObjectResult>>> done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    GetObjectRequest req;
    req.bucket = bucket_;
    req.key = NewKey("storm-" + std::to_string(i));
    client->GetObjectAsync(
        req, [&done, i](Result<GetObjectResult> r) { done[i].set_value(std::move(r)); });
  }
  int attempts_reported = 0;
  int quota_messages = 0;
  for (int i = 0; i < kRequests; ++i) {
    Result<GetObjectResult> r = done[i].get_future().get();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
    EXPECT_LT(r.status().context().attempts, kMaxAttempts);
    attempts_reported += r.status().context().attempts;
    if (r.status().message().find("retry quota exhausted") != std::string::npos) ++quota_messages;
  }
  // Without a quota this would be 40 x 50 = 2000 attempts. A fresh quota pays for exactly
  // capacity / cost retries, none of which are refunded since nothing succeeds.
  const size_t expected = kRequests + s3::kQuotaCapacity / s3::kRetryCost;
  EXPECT_LT(proxy_->requests_seen(), static_cast<size_t>(kRequests) * kMaxAttempts);
  EXPECT_EQ(proxy_->requests_seen(), expected);
  EXPECT_EQ(Attempts(), expected);
  EXPECT_EQ(static_cast<size_t>(attempts_reported), expected);
  EXPECT_EQ(quota_messages, kRequests);
}

// No server at all: connect() is refused on every attempt. Needs no RGW.
TEST(FaultClosedPortTest, RefusedConnectionFailsAfterMaxAttempts) {
  S3StackOptions options;
  options.endpoint_url = "http://127.0.0.1:" + std::to_string(ClosedPort());
  options.region = "us-east-1";
  options.url_style = "path";
  options.access_key_id = "AKIDEXAMPLE";
  options.secret_access_key = SecretString("not-a-real-secret");
  options.max_attempts = 3;
  options.max_backoff = std::chrono::seconds(20);
  RequestStats stats;
  auto stack = S3Stack::Make(options, IsolatedAwsEnv(), &stats);
  ASSERT_TRUE(stack.ok()) << stack.status().ToString();
  auto client = (*stack)->client();
  ASSERT_TRUE(client.ok()) << client.status().ToString();

  auto start = std::chrono::steady_clock::now();
  GetObjectRequest req;
  req.bucket = "some-bucket";
  req.key = "dir/object.csv";
  auto r = (*client)->GetObject(req);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  ExpectNamesCall(r.status(), "GetObject", "s3://some-bucket/dir/object.csv", 3);
  EXPECT_TRUE(r.status().retryable());
  EXPECT_EQ(stats.Snapshot().requests["GetObject"], 3u);
  EXPECT_EQ(stats.Snapshot().retries, 2u);
  EXPECT_LT(elapsed, MaxBackoffTotal(3, options.max_backoff) + std::chrono::seconds(10));
  EXPECT_EQ(r.status().ToString().find("not-a-real-secret"), std::string::npos);
}

}  // namespace
}  // namespace s3c::testing
