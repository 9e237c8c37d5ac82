// Shared setup of the fault tests: the loopback RGW, a FaultProxy in front of it, and S3 clients
// whose endpoint is the proxy (path style, static keys from the RGW settings).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/auth/credentials.h"
#include "s3c/http/http_client.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_client.h"
#include "support/fault_proxy.h"
#include "support/rgw_env.h"

namespace s3c::testing {

// Deterministic bytes (a seeded LCG), so a mix-up of offsets cannot go unnoticed.
std::string PatternBytes(size_t n, uint32_t seed);

// "http://127.0.0.1:7480" -> host and port.
bool SplitEndpoint(const std::string& url, std::string* host, int* port);

// Options for a client in front of `endpoint`: path style, the RGW region, short backoff caps so
// faulted tests stay quick (the backoff policy itself is unit-tested in src/s3).
S3ClientOptions FaultClientOptions(const std::string& endpoint, const std::string& region,
                                   int max_attempts);

inline FaultPlan ScriptPlan(std::vector<Fault> script, std::string only_method = "") {
  FaultPlan plan;
  plan.script = std::move(script);
  plan.only_method = std::move(only_method);
  return plan;
}

inline FaultPlan RatePlan(double rate, Fault fault, uint64_t seed, std::string only_method = "") {
  FaultPlan plan;
  plan.rate = rate;
  plan.fault = fault;
  plan.seed = seed;
  plan.only_method = std::move(only_method);
  return plan;
}

// SetUp skips the test (GTEST_SKIP) when no RGW server is configured.
class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Options for a client whose endpoint is the proxy.
  S3ClientOptions ProxiedOptions(int max_attempts) const;
  // A client with `options`, counting into stats_ (or into `stats`).
  std::unique_ptr<S3Client> MakeClient(const S3ClientOptions& options,
                                       RequestStats* stats = nullptr);
  std::unique_ptr<S3Client> ProxiedClient(int max_attempts) {
    return MakeClient(ProxiedOptions(max_attempts));
  }
  // A client straight to RGW (setup, verification, cleanup): no faults, not counted.
  S3Client& direct() { return *direct_; }

  // A fresh key under this test's prefix, deleted in TearDown.
  std::string NewKey(const std::string& name);
  // Reads an object straight from RGW.
  std::string ReadDirect(const std::string& key);
  void PutDirect(const std::string& key, const std::string& data);

  // Attempts the client sent, all operations.
  uint64_t Attempts() const { return stats_.Snapshot().total_requests(); }

  std::optional<RgwSettings> settings_;
  std::string bucket_;
  std::unique_ptr<FaultProxy> proxy_;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<CredentialsProvider> credentials_;
  RequestStats stats_;

 private:
  std::unique_ptr<S3Client> direct_;
  std::string prefix_;
  std::vector<std::string> keys_;
};

}  // namespace s3c::testing
