// Shared fixture for S3Client unit tests: a FakeHttpClient, a FakeClock (clock and sleeper), a
// fixed Random and static credentials that count Invalidate() calls.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "s3/testing/fake_http_client.h"
#include "s3c/s3/s3_client.h"
#include "support/fake_clock.h"

namespace s3c::s3::testing {

class FixedRandom final : public Random {
 public:
  explicit FixedRandom(double v) : v_(v) {}
  double NextDouble() override { return v_; }

 private:
  double v_;
};

class CountingCredentials final : public CredentialsProvider {
 public:
  Result<Credentials> GetCredentials() override {
    ++gets;
    Credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    c.session_token = SecretString("session-token-" + std::to_string(invalidations.load()));
    c.provider = "test";
    return c;
  }
  void Invalidate() override { ++invalidations; }
  std::atomic<int> gets{0};
  std::atomic<int> invalidations{0};
};

class S3ClientTest : public ::testing::Test {
 protected:
  // `credentials` replaces the fixture's `creds` when given.
  std::unique_ptr<S3Client> MakeClient(S3ClientOptions options = {},
                                       CredentialsProvider* credentials = nullptr) {
    if (options.endpoint_url.empty()) options.endpoint_url = "http://s3.test:9000";
    S3ClientDeps deps;
    deps.http = &http;
    deps.credentials = credentials ? credentials : &creds;
    deps.clock = &clock;
    deps.sleeper = &clock;
    deps.random = &random;
    deps.stats = &stats;
    Result<std::unique_ptr<S3Client>> c = S3Client::Make(std::move(options), deps);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return std::move(c).value();
  }
  uint64_t Count(const std::string& op) { return stats.Snapshot().requests[op]; }

  FakeHttpClient http;
  FakeClock clock;
  FixedRandom random{0.5};
  RequestStats stats;
  CountingCredentials creds;
};

}  // namespace s3c::s3::testing
