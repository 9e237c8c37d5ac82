// Shared setup of the fault tests: the loopback RGW, a FaultProxy in front of it, and S3 clients
// made by S3Stack (tests/support/rgw_stack.h: path style, the RGW's keys, no config files) whose
// endpoint is the proxy, all on one shared HTTP client.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/http/http_client.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_client.h"
#include "s3c/s3/s3_stack.h"
#include "support/fault_proxy.h"
#include "support/rgw_env.h"

namespace s3c::testing {

// Deterministic bytes (a seeded LCG), so a mix-up of offsets cannot go unnoticed.
std::string PatternBytes(size_t n, uint32_t seed);

// "http://127.0.0.1:7480" -> host and port.
bool SplitEndpoint(const std::string& url, std::string* host, int* port);

// The backoff cap of the fault tests' clients: short so faulted tests stay quick (the backoff
// policy itself is unit-tested in src/s3).
inline constexpr std::chrono::milliseconds kFaultMaxBackoff{50};

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

  // Stack options for a client whose endpoint is the proxy (see StackOptions).
  S3StackOptions ProxiedOptions(int max_attempts) const;
  // A client made by S3Stack from `options`, counting into stats_, owned by the fixture until
  // TearDown; null (and a test failure) when the stack refuses.
  S3Client* MakeClient(const S3StackOptions& options) { return KeepClient(options, &stats_); }
  S3Client* ProxiedClient(int max_attempts) { return MakeClient(ProxiedOptions(max_attempts)); }
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
  std::shared_ptr<HttpClient> http_;  // one transport for every client of the test
  RequestStats stats_;

 private:
  // `endpoint` with the RGW's keys and region, kFaultMaxBackoff and the shared http_.
  S3StackOptions StackOptions(const std::string& endpoint, int max_attempts) const;
  // Makes a stack from `options` (counting into `stats`, may be null), keeps it in stacks_ and
  // returns its client; null after a test failure when the stack refuses.
  S3Client* KeepClient(const S3StackOptions& options, RequestStats* stats);

  // Made by SetUp and MakeClient; destroyed in TearDown before the proxy.
  std::vector<std::unique_ptr<S3Stack>> stacks_;
  S3Client* direct_ = nullptr;
  std::string prefix_;
  std::vector<std::string> keys_;
};

}  // namespace s3c::testing
